package dev.stratus.route53.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Route 53 hosted zone (route53.md §38, §41): a domain's records, served publicly or, when
 * private, only to the associated VPCs.
 *
 * @param id the bare zone id, {@code Z} + 13–21 upper-case letters and digits
 * @param accountId the owning account (the store scope of {@link Route53Tables#HOSTED_ZONES})
 * @param name the apex, lower-case with a trailing dot
 * @param callerReference the caller's idempotency token from CreateHostedZone
 * @param comment the zone's comment, if any
 * @param privateZone whether the zone is private (answers only inside {@code vpcs})
 * @param vpcs the associated VPCs; at least one for a private zone, none for a public one
 * @param delegationSetId the reusable delegation set the zone was created with, if any
 * @param nameServers the four name servers of the apex NS record and DelegationSet
 * @param createdAt when the zone was created
 */
public record HostedZone(String id, String accountId, String name, String callerReference,
    Optional<String> comment, boolean privateZone, List<Vpc> vpcs, Optional<String> delegationSetId,
    List<String> nameServers, Instant createdAt) {

  /** Most VPCs one private zone may be associated with (route53.md §41). */
  public static final int MAX_VPCS = 300;

  public HostedZone {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(callerReference, "callerReference");
    Objects.requireNonNull(createdAt, "createdAt");
    comment = Objects.requireNonNullElse(comment, Optional.empty());
    vpcs = List.copyOf(Objects.requireNonNullElse(vpcs, List.of()));
    delegationSetId = Objects.requireNonNullElse(delegationSetId, Optional.empty());
    nameServers = List.copyOf(Objects.requireNonNullElse(nameServers, List.of()));
  }

  public HostedZone withComment(Optional<String> newComment) {
    return new HostedZone(id, accountId, name, callerReference, newComment, privateZone, vpcs, delegationSetId, nameServers, createdAt);
  }

  public HostedZone withVpcs(List<Vpc> newVpcs) {
    return new HostedZone(id, accountId, name, callerReference, comment, privateZone, newVpcs, delegationSetId, nameServers, createdAt);
  }

  /** A VPC associated with a private hosted zone, as AWS's {@code VPC{VPCId, VPCRegion}}. */
  public record Vpc(String vpcId, String region) {
    public Vpc {
      Objects.requireNonNull(vpcId, "vpcId");
      Objects.requireNonNull(region, "region");
    }
  }
}
