package dev.stratus.elbv2;

import dev.stratus.core.ResourceIds;
import dev.stratus.core.dns.AwsServiceZones;
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

  /** The CanonicalHostedZoneId AWS gives a load balancer of {@code type} in {@code region}; none for gateway. */
  static String canonicalHostedZoneId(String region, String type) {
    var service = switch (type) {
      case "application" -> AwsServiceZones.Service.ELB_APPLICATION;
      case "network" -> AwsServiceZones.Service.ELB_NETWORK;
      default -> null;
    };
    return service == null ? null : AwsServiceZones.zoneId(service, region).orElse(null);
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

  /** AWS's own form of a Stratus ELB DNS name, which differs between ALBs and NLBs. */
  public static String awsDnsName(String localName, String type) {
    String base = localName.substring(0, localName.length() - ".elb.localhost".length()); // <name>-<id>.<region>
    if (!"network".equals(type)) return base + ".elb.amazonaws.com";
    int dot = base.lastIndexOf('.');
    // AWS names NLBs <name>-<id>.elb.<region>.amazonaws.com, ALBs <name>-<id>.<region>.elb.amazonaws.com
    return base.substring(0, dot) + ".elb." + base.substring(dot + 1) + ".amazonaws.com";
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
