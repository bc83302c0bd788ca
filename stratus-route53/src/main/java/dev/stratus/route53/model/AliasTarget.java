package dev.stratus.route53.model;

import java.util.Objects;

/**
 * The target of an alias record (route53.md §16–21): an AWS resource's DNS name with its
 * canonical hosted zone id, or another record set in the same hosted zone.
 *
 * @param hostedZoneId the target's hosted zone: the alias record's own zone id for a record in the
 *     same zone, {@link #CLOUDFRONT_ZONE_ID} for CloudFront, an ELB region's canonical zone id, …
 * @param dnsName the target name, lower-case with a trailing dot
 * @param evaluateTargetHealth whether the alias inherits its target's health (§20)
 */
public record AliasTarget(String hostedZoneId, String dnsName, boolean evaluateTargetHealth) {

  /** CloudFront's canonical hosted zone id for alias targets (route53.md §16). */
  public static final String CLOUDFRONT_ZONE_ID = "Z2FDTNDATAQYW2";

  public AliasTarget {
    Objects.requireNonNull(hostedZoneId, "hostedZoneId");
    Objects.requireNonNull(dnsName, "dnsName");
  }

  /** Whether this alias points at CloudFront (by zone id, or a {@code cloudfront.net} name or Stratus's {@code cloudfront.localhost} one). */
  public boolean cloudFront() {
    return hostedZoneId.equals(CLOUDFRONT_ZONE_ID) || dnsName.endsWith(".cloudfront.net.") || dnsName.endsWith(".cloudfront.localhost.");
  }
}
