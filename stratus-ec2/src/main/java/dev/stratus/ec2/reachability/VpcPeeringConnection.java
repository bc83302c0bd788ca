package dev.stratus.ec2.reachability;

import dev.stratus.core.net.Cidr;
import java.util.List;
import java.util.Objects;

/**
 * A VPC peering connection: non-transitive, no edge-to-edge routing (vpc.md §25–28).
 *
 * @param id {@code pcx-…}
 * @param status {@code Status.Code}: traffic flows only when {@code active}
 * @param requester the requester VPC
 * @param accepter the accepter VPC
 */
public record VpcPeeringConnection(String id, String status, Side requester, Side accepter) {
  public VpcPeeringConnection {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(accepter, "accepter");
  }

  /** The side that is not {@code vpcId}; the requester side when neither matches. */
  public Side peerOf(String vpcId) { return requester.vpcId().equals(vpcId) ? accepter : requester; }

  /** Whether the VPC is one of the two sides. */
  public boolean joins(String vpcId) {
    return requester.vpcId().equals(vpcId) || accepter.vpcId().equals(vpcId);
  }

  /** Whether the two sides are in different Regions (no security group references, vpc.md §28). */
  public boolean interRegion() { return !requester.region().equals(accepter.region()); }

  /**
   * One side: {@code RequesterVpcInfo} or {@code AccepterVpcInfo}.
   *
   * @param vpcId the VPC
   * @param ownerId its account
   * @param region its Region
   * @param cidrBlocks the blocks the peering carries
   */
  public record Side(String vpcId, String ownerId, String region, List<Cidr> cidrBlocks) {
    public Side {
      Objects.requireNonNull(vpcId, "vpcId");
      Objects.requireNonNull(ownerId, "ownerId");
      Objects.requireNonNull(region, "region");
      cidrBlocks = List.copyOf(cidrBlocks);
    }

    /** Whether the address is in this side's blocks. */
    public boolean contains(Cidr address) {
      for (Cidr c : cidrBlocks) if (c.contains(address)) return true;
      return false;
    }
  }
}
