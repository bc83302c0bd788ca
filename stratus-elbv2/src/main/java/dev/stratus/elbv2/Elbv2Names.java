package dev.stratus.elbv2;

import dev.stratus.core.ResourceIds;
import java.util.Map;
import java.util.regex.Pattern;

/** ARNs, DNS names and hosted zone ids in AWS's shapes, and the name rules of load balancers and target groups. */
public final class Elbv2Names {
  private Elbv2Names() {}

  static final Pattern LOAD_BALANCER_ARN =
      Pattern.compile("arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\\d{12}:loadbalancer/(app|net|gwy)/[^/]+/[0-9a-f]+");
  static final Pattern TARGET_GROUP_ARN =
      Pattern.compile("arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\\d{12}:targetgroup/[^/]+/[0-9a-f]+");
  static final Pattern LISTENER_ARN =
      Pattern.compile("arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\\d{12}:listener/(app|net|gwy)/[^/]+/[0-9a-f]+/[0-9a-f]+");
  static final Pattern RULE_ARN = Pattern.compile(
      "arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\\d{12}:listener-rule/(app|net|gwy)/[^/]+/[0-9a-f]+/[0-9a-f]+/[0-9a-f]+");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9-]+");

  /** CanonicalHostedZoneId of ALBs (first) and NLBs (second) per region, as AWS lists them. */
  private static final Map<String, String[]> ZONES = Map.ofEntries(
      Map.entry("us-east-1", new String[] {"Z35SXDOTRQ7X7K", "Z26RNL4JYFTOTI"}),
      Map.entry("us-east-2", new String[] {"Z3AADJGX6KTTL2", "ZLMOA37VPKANP"}),
      Map.entry("us-west-1", new String[] {"Z368ELLRRE2KJ0", "Z24FKFUX50B4VW"}),
      Map.entry("us-west-2", new String[] {"Z1H1FL5HABSF5", "Z18D5FSROUN65G"}),
      Map.entry("ca-central-1", new String[] {"ZQSVJUPU6J1EY", "Z2EPGBW3API2WT"}),
      Map.entry("eu-west-1", new String[] {"Z32O12XQLNTSW2", "Z2IFOLAFXWLO4F"}),
      Map.entry("eu-west-2", new String[] {"ZHURV8PSTC4K8", "ZD4D7Y8KGAS4G"}),
      Map.entry("eu-west-3", new String[] {"Z3Q77PNBQS71R4", "Z1CMS0P5QUZ6D5"}),
      Map.entry("eu-central-1", new String[] {"Z215JYRZR1TBD5", "Z3F0SRJ5LGBH90"}),
      Map.entry("eu-north-1", new String[] {"Z23TAZ7KDBIAH2", "Z1UDT6IFJ4EJM"}),
      Map.entry("ap-south-1", new String[] {"ZP97RAFLXTNZK", "ZVDDRBQ08TROA"}),
      Map.entry("ap-northeast-1", new String[] {"Z14GRHDCWA56QT", "Z31USIVHYNEOWT"}),
      Map.entry("ap-northeast-2", new String[] {"ZWKZPGTI48KDX", "ZIBE1TIR4HY56"}),
      Map.entry("ap-southeast-1", new String[] {"Z1LMS91P8CMLE5", "ZKVM4W9LS7TM"}),
      Map.entry("ap-southeast-2", new String[] {"Z1GM3OXH4ZPM65", "ZCT6FZBF4DROD"}),
      Map.entry("sa-east-1", new String[] {"Z2P70J7HTTTPLU", "ZTK26PT1VY4CU"}));

  static String canonicalHostedZoneId(String region, String type) {
    String[] z = ZONES.get(region);
    if (z == null || type.equals("gateway")) return null;
    return type.equals("application") ? z[0] : z[1];
  }

  static String arnPrefix(String region, String account) {
    return "arn:aws:elasticloadbalancing:" + region + ":" + account + ":";
  }

  static String newId() { return ResourceIds.hex("", 16); }

  /** {@code <name>-<id>.<region>.elb.localhost}, {@code internal-} first for internal load balancers. */
  static String dnsName(String name, String scheme, String region) {
    String id = String.valueOf(1_000_000_000L + java.util.concurrent.ThreadLocalRandom.current().nextLong(9_000_000_000L));
    return ("internal".equals(scheme) ? "internal-" : "") + name + "-" + id + "." + region + ".elb.localhost";
  }

  /** AWS's own form of a Stratus ELB DNS name. */
  public static String awsDnsName(String localName) {
    return localName.substring(0, localName.length() - "localhost".length()) + "amazonaws.com";
  }

  /** The 1–32 character rule of load balancer and target group names; {@code what} is AWS's word for the resource. */
  static void requireName(String what, String name) {
    if (name == null || name.isEmpty()) throw Elbv2Errors.validation(what + " name cannot be empty");
    if (name.length() > 32) {
      throw Elbv2Errors.validation(what + " name '" + name + "' cannot be longer than '32' characters");
    }
    if (!NAME.matcher(name).matches()) {
      throw Elbv2Errors.validation(what + " name '" + name
          + "' can only contain characters that are alphanumeric characters and hyphens(-)");
    }
    if (name.startsWith("-") || name.endsWith("-")) {
      throw Elbv2Errors.validation(what + " name '" + name + "' cannot begin or end with '-' character");
    }
  }

  static void requireArn(Pattern pattern, String kind, String arn) {
    if (arn == null || !pattern.matcher(arn).matches()) throw Elbv2Errors.invalidArn(kind, arn);
  }
}
