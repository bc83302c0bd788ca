package dev.stratus.route53;

import dev.stratus.route53.model.ChangeInfo;
import dev.stratus.route53.model.DnsName;
import dev.stratus.route53.model.HostedZone;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.route53.model.DelegationSet;
import software.amazon.awssdk.services.route53.model.HostedZoneConfig;
import software.amazon.awssdk.services.route53.model.VPC;

/**
 * Converts Route 53's ids, hosted zones, delegation sets and changes between the SDK shapes and
 * the model. Responses carry ids as AWS does ({@code /hostedzone/Z…}, {@code /change/C…},
 * {@code /delegationset/N…}); requests accept both the prefixed and the bare form.
 */
public final class Route53Shapes {
  private Route53Shapes() {}

  /** The bare zone id of {@code Z…} or {@code /hostedzone/Z…}. */
  public static String zoneId(String id) { return strip(id, "/hostedzone/"); }

  /** The bare change id of {@code C…} or {@code /change/C…}. */
  public static String changeId(String id) { return strip(id, "/change/"); }

  /** The bare delegation set id of {@code N…} or {@code /delegationset/N…}. */
  public static String delegationSetId(String id) { return strip(id, "/delegationset/"); }

  private static String strip(String id, String prefix) {
    if (id == null) return null;
    return id.startsWith(prefix) ? id.substring(prefix.length()) : id;
  }

  /** Parses a {@code MaxItems} string; empty or absent gives {@code dflt}; the result is capped at {@code max}. */
  public static int maxItems(String value, int dflt, int max) {
    if (value == null || value.isEmpty()) return dflt;
    try {
      int n = Integer.parseInt(value);
      if (n < 1) throw Route53Errors.invalidInput("MaxItems must be a positive integer: " + value);
      return Math.min(n, max);
    } catch (NumberFormatException e) {
      throw Route53Errors.invalidInput("MaxItems must be a positive integer: " + value);
    }
  }

  public static software.amazon.awssdk.services.route53.model.HostedZone toSdk(HostedZone zone, long recordCount) {
    return software.amazon.awssdk.services.route53.model.HostedZone.builder()
        .id("/hostedzone/" + zone.id())
        .name(DnsName.toWire(zone.name()))
        .callerReference(zone.callerReference())
        .config(HostedZoneConfig.builder().comment(zone.comment().orElse(null)).privateZone(zone.privateZone()).build())
        .resourceRecordSetCount(recordCount)
        .build();
  }

  public static DelegationSet delegationSet(HostedZone zone) {
    return DelegationSet.builder().id(zone.delegationSetId().map(id -> "/delegationset/" + id).orElse(null))
        .nameServers(zone.nameServers()).build();
  }

  public static DelegationSet toSdk(dev.stratus.route53.model.DelegationSet set) {
    return DelegationSet.builder().id("/delegationset/" + set.id()).callerReference(set.callerReference())
        .nameServers(set.nameServers()).build();
  }

  public static VPC toSdk(HostedZone.Vpc vpc) {
    return VPC.builder().vpcId(vpc.vpcId()).vpcRegion(vpc.region()).build();
  }

  /** A request VPC as the model's; both members are required. */
  public static HostedZone.Vpc fromSdk(VPC vpc, String path) {
    if (vpc.vpcId() == null || vpc.vpcId().isEmpty()) throw Route53Errors.missing(path + ".vPCId");
    if (vpc.vpcRegionAsString() == null) throw Route53Errors.invalidVpcId("The VPC region is missing for " + vpc.vpcId());
    return new HostedZone.Vpc(vpc.vpcId(), vpc.vpcRegionAsString());
  }

  public static software.amazon.awssdk.services.route53.model.ChangeInfo toSdk(ChangeInfo change, Instant now) {
    return software.amazon.awssdk.services.route53.model.ChangeInfo.builder()
        .id("/change/" + change.id())
        .status(change.statusAt(now).name())
        .submittedAt(change.submittedAt())
        .comment(change.comment().orElse(null))
        .build();
  }

  /** An optional string that AWS treats as absent when empty. */
  public static Optional<String> optional(String value) {
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
