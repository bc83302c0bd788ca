package dev.stratus.ec2.model;

import dev.stratus.core.net.Cidr;
import java.util.List;
import java.util.Objects;

/**
 * A VPC: its IPv4 blocks (the first is the primary, vpc.md §1–3), IPv6 blocks (§4), DNS
 * attributes (§39) and the ids of the parts every VPC is born with (main route table, default
 * NACL, default security group).
 *
 * @param dhcpOptionsId {@code default} when none are set
 */
public record Vpc(String id, List<CidrAssociation> cidrBlocks, List<CidrAssociation> ipv6CidrBlocks,
    boolean isDefault, String instanceTenancy, String dhcpOptionsId, boolean enableDnsSupport,
    boolean enableDnsHostnames, String mainRouteTableId, String defaultNetworkAclId,
    String defaultSecurityGroupId) {

  public Vpc {
    Objects.requireNonNull(id, "id");
    cidrBlocks = List.copyOf(cidrBlocks);
    ipv6CidrBlocks = List.copyOf(ipv6CidrBlocks);
  }

  /** One CIDR block associated with a VPC or subnet; state follows vpc.md §2. */
  public record CidrAssociation(String associationId, Cidr cidr, String state) {
    public CidrAssociation {
      Objects.requireNonNull(associationId, "associationId");
      Objects.requireNonNull(cidr, "cidr");
      Objects.requireNonNull(state, "state");
    }
  }

  /** The primary IPv4 block, from which the Amazon DNS address (base + 2) is derived. */
  public Cidr primaryCidr() { return cidrBlocks.get(0).cidr(); }

  /** Blocks in state {@code associated}, IPv4 then IPv6: the VPC's local routes. */
  public List<Cidr> activeCidrs() {
    return java.util.stream.Stream.concat(cidrBlocks.stream(), ipv6CidrBlocks.stream())
        .filter(c -> c.state().equals("associated")).map(CidrAssociation::cidr).toList();
  }

  /** Whether {@code address} lies in one of the VPC's associated blocks (no allocation: the analyzer asks per hop). */
  public boolean contains(Cidr address) {
    for (CidrAssociation c : cidrBlocks) if (c.cidr().contains(address) && c.state().equals("associated")) return true;
    for (CidrAssociation c : ipv6CidrBlocks) if (c.cidr().contains(address) && c.state().equals("associated")) return true;
    return false;
  }

  public Vpc withCidrBlocks(List<CidrAssociation> v4, List<CidrAssociation> v6) {
    return new Vpc(id, v4, v6, isDefault, instanceTenancy, dhcpOptionsId, enableDnsSupport,
        enableDnsHostnames, mainRouteTableId, defaultNetworkAclId, defaultSecurityGroupId);
  }

  public Vpc withDns(boolean support, boolean hostnames) {
    return new Vpc(id, cidrBlocks, ipv6CidrBlocks, isDefault, instanceTenancy, dhcpOptionsId, support,
        hostnames, mainRouteTableId, defaultNetworkAclId, defaultSecurityGroupId);
  }

  public Vpc withDhcpOptionsId(String dopt) {
    return new Vpc(id, cidrBlocks, ipv6CidrBlocks, isDefault, instanceTenancy, dopt, enableDnsSupport,
        enableDnsHostnames, mainRouteTableId, defaultNetworkAclId, defaultSecurityGroupId);
  }
}
