package dev.stratus.route53.model;

import dev.stratus.core.dns.AwsServiceZones;
import dev.stratus.core.dns.AwsServiceZones.ServiceZone;
import java.util.Optional;

/**
 * The canonical hosted zones of the AWS services an alias record may target (route53.md §16),
 * and the names each one holds: an alias whose HostedZoneId is one of them must name a DNS name
 * of that service in that zone's Region, as Route 53 checks.
 */
/*
 * Route 53 answers an AliasTarget whose HostedZoneId does not hold its DNSName with
 * "Tried to create an alias that targets <name>, type A in zone <id>, but the alias target name
 * does not lie within the target zone" — for a made-up zone id ("Z...", a hosted zone's id used
 * in place of the ELB's) as for a service zone of the wrong Region. Ids, from the AWS General
 * Reference endpoint pages (ELB, API Gateway, S3 website endpoints, Global Accelerator,
 * CloudFront): https://docs.aws.amazon.com/general/latest/gr/elb.html#elb_region,
 * …/apigateway.html, …/s3.html#s3_website_region_endpoints. Each service zone also holds the
 * Stratus form of its names (public suffix replaced by "localhost", ARCHITECTURE "Addresses").
 * Not covered (refused like an unknown zone): VPC interface endpoints, Elastic Beanstalk, AppSync.
 */
public final class AliasTargetZones {
  private AliasTargetZones() {}

  /** The AWS service zone {@code hostedZoneId} is, if it is one. */
  public static Optional<ServiceZone> serviceZone(String hostedZoneId) {
    return AwsServiceZones.serviceZone(hostedZoneId);
  }

  /**
   * Whether {@code dnsName} (normalised: lower case, trailing dot) lies within the service zone:
   * its AWS form or its Stratus ({@code localhost}) form, with or without {@code dualstack.}.
   */
  public static boolean holds(ServiceZone zone, String dnsName) {
    String r = zone.region();
    return switch (zone.service()) {
      case ELB_APPLICATION -> below(dnsName, r + ".elb.amazonaws.com.") || below(dnsName, r + ".elb.localhost.");
      case ELB_NETWORK -> below(dnsName, "elb." + r + ".amazonaws.com.") || below(dnsName, r + ".elb.localhost.");
      case CLOUDFRONT -> below(dnsName, "cloudfront.net.") || below(dnsName, "cloudfront.localhost.");
      case API_GATEWAY -> below(dnsName, "execute-api." + r + ".amazonaws.com.") || below(dnsName, "execute-api." + r + ".localhost.");
      case GLOBAL_ACCELERATOR -> below(dnsName, "awsglobalaccelerator.com.") || below(dnsName, "awsglobalaccelerator.localhost.");
      case S3_WEBSITE -> DnsName.inZone(dnsName, "s3-website-" + r + ".amazonaws.com.")
          || DnsName.inZone(dnsName, "s3-website." + r + ".amazonaws.com.");
    };
  }

  /** A name strictly below {@code suffix}: the service's zone apex itself is no resource. */
  private static boolean below(String name, String suffix) {
    return name.endsWith("." + suffix);
  }
}
