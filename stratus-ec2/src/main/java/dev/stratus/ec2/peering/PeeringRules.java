package dev.stratus.ec2.peering;

import dev.stratus.core.AwsException;
import dev.stratus.ec2.Ec2Errors;
import dev.stratus.ec2.model.Vpc;
import dev.stratus.ec2.model.VpcPeeringConnection;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * AWS's rules for VPC peering connections (vpc.md §25–28). Pure: each check takes the request's
 * values and the rows it needs and returns the first rule broken as AWS's error, or empty;
 * {@link VpcPeeringOperations} looks the rows up, across accounts and Regions, and throws.
 */
public final class PeeringRules {
  /** States a connection cannot be deleted from (it is already gone or never was). */
  private static final List<String> FINISHED = List.of("deleted", "rejected", "failed", "expired");

  private PeeringRules() {}

  /** CreateVpcPeeringConnection: no active or pending connection already joins the two VPCs. */
  public static Optional<AwsException> create(String vpcId, String peerVpcId, Collection<VpcPeeringConnection> peerings) {
    boolean exists = peerings.stream()
        .filter(p -> p.status().equals("active") || p.status().equals("pending-acceptance"))
        .anyMatch(p -> p.involves(vpcId) && p.involves(peerVpcId));
    if (!exists) return Optional.empty();
    return Optional.of(new AwsException("VpcPeeringConnectionAlreadyExists", 400, "A VPC peering connection already"
        + " exists between " + vpcId + " and " + peerVpcId));
  }

  /**
   * Why a new request fails at once (AWS accepts the call and shows the connection {@code failed}),
   * or empty when it waits for acceptance: the peer VPC is missing (another account or Region), or
   * any block of one VPC overlaps any block of the other (vpc.md §26).
   */
  public static Optional<String> failure(Vpc vpc, String peerVpcId, Optional<Vpc> peer) {
    if (peer.isEmpty()) return Optional.of("The peer VPC " + peerVpcId + " does not exist");
    boolean overlap = vpc.activeCidrs().stream().anyMatch(x -> peer.get().activeCidrs().stream().anyMatch(x::overlaps));
    return overlap ? Optional.of("Overlapping CIDR range") : Optional.empty();
  }

  /** Accept and reject: only the accepter's account, in the accepter's Region. */
  public static Optional<AwsException> accepter(String account, String region, VpcPeeringConnection pcx, String verb) {
    if (!account.equals(pcx.accepter().ownerId())) {
      return Optional.of(Ec2Errors.operationNotPermitted("User (" + account + ") cannot " + verb + " peering " + pcx.id()));
    }
    if (!region.equals(pcx.accepter().region())) {
      return Optional.of(Ec2Errors.peeringWrongRegion(region, pcx.id(), pcx.accepter().region()));
    }
    return Optional.empty();
  }

  /** AcceptVpcPeeringConnection: pending acceptance and not past its expiration time (vpc.md §25). */
  public static Optional<AwsException> accept(VpcPeeringConnection pcx, Instant now) {
    if (!pcx.status().equals("pending-acceptance")) return Optional.of(Ec2Errors.peeringState(pcx.id(), pcx.status()));
    if (expired(pcx, now)) return Optional.of(Ec2Errors.peeringState(pcx.id(), "expired"));
    return Optional.empty();
  }

  /** RejectVpcPeeringConnection: pending acceptance. */
  public static Optional<AwsException> reject(VpcPeeringConnection pcx) {
    return pcx.status().equals("pending-acceptance") ? Optional.empty()
        : Optional.of(Ec2Errors.peeringState(pcx.id(), pcx.status()));
  }

  /** DeleteVpcPeeringConnection: not already deleted, rejected, failed or expired. */
  public static Optional<AwsException> delete(VpcPeeringConnection pcx) {
    return FINISHED.contains(pcx.status()) ? Optional.of(Ec2Errors.peeringState(pcx.id(), pcx.status())) : Optional.empty();
  }

  /** Whether a pending request is at or past its expiration time (it then shows as {@code expired}, vpc.md §25). */
  public static boolean expired(VpcPeeringConnection p, Instant now) {
    return p.status().equals("pending-acceptance") && p.expirationTime() != null && !now.isBefore(p.expirationTime());
  }
}
