package dev.stratus.ec2.model;

import dev.stratus.core.net.Cidr;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A VPC peering connection between a requester and an accepter VPC, possibly in another region
 * or account (vpc.md §25–28). The record is stored in the requester's scope and mirrored in the
 * accepter's when that differs, so each side finds it.
 *
 * @param status {@code pending-acceptance}, {@code active}, {@code rejected}, {@code deleted}, …
 * @param expirationTime when a pending request expires (7 days, §25); null once answered
 */
public record VpcPeeringConnection(String id, Side requester, Side accepter, String status, String message,
    Instant expirationTime) {

  public VpcPeeringConnection {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(accepter, "accepter");
    Objects.requireNonNull(status, "status");
  }

  /** One side: owner, VPC, region and (once known) its IPv4 blocks. */
  public record Side(String ownerId, String vpcId, String region, List<Cidr> cidrs) {
    public Side { cidrs = List.copyOf(cidrs); }

    /** Whether the address lies in one of the side's blocks (edge-to-edge routing stops at them, vpc.md §27). */
    public boolean contains(Cidr address) {
      for (Cidr c : cidrs) if (c.contains(address)) return true;
      return false;
    }
  }

  public VpcPeeringConnection withStatus(String newStatus, String newMessage, Side newAccepter) {
    return new VpcPeeringConnection(id, requester, newAccepter, newStatus, newMessage,
        newStatus.equals("pending-acceptance") || newStatus.equals("initiating-request") ? expirationTime : null);
  }

  /** Whether {@code vpcId} is one of the two sides. */
  /** The other side of the VPC's peering. */
  public Side peerOf(String vpcId) { return requester.vpcId().equals(vpcId) ? accepter : requester; }

  /** Whether the two VPCs are in different Regions (security group references do not cross, vpc.md §29). */
  public boolean interRegion() { return !requester.region().equals(accepter.region()); }

  public boolean involves(String vpcId) {
    return requester.vpcId().equals(vpcId) || accepter.vpcId().equals(vpcId);
  }
}
