package dev.stratus.ec2.model;

import java.util.Objects;

/**
 * An internet gateway, or an egress-only one (IPv6 outbound only). At most one per VPC
 * (vpc.md §23).
 *
 * @param egressOnly true for an egress-only internet gateway ({@code eigw-…})
 * @param attachedVpcId null when detached
 */
public record InternetGateway(String id, boolean egressOnly, String attachedVpcId) {
  public InternetGateway { Objects.requireNonNull(id, "id"); }

  public InternetGateway attachedTo(String vpcId) { return new InternetGateway(id, egressOnly, vpcId); }
}
