package dev.stratus.ec2.reachability;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An internet gateway: 1:1 NAT between an interface's private IPv4 and its public IP
 * (vpc.md §23). At most one VPC is attached.
 *
 * @param id {@code igw-…}
 * @param region the Region
 * @param attachedVpcIds VPCs whose attachment is {@code available}/{@code attached}
 * @param tags the resource tags
 */
public record InternetGateway(String id, String region, List<String> attachedVpcIds, Map<String, String> tags) {
  public InternetGateway {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(region, "region");
    attachedVpcIds = List.copyOf(attachedVpcIds);
    tags = Map.copyOf(tags);
  }
}
