package dev.stratus.ec2.reachability;

import dev.stratus.core.net.Cidr;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A VPC as the analyzer sees it: its CIDR blocks (the local route covers each, vpc.md §8) and the
 * two DNS attributes interface endpoints with private DNS need (vpc.md §39).
 *
 * @param id {@code vpc-…}
 * @param region the Region, e.g. {@code us-east-1}
 * @param ownerId the owning account
 * @param cidrBlocks every associated IPv4 and IPv6 block, primary first
 * @param enableDnsSupport the {@code enableDnsSupport} attribute (AWS default true)
 * @param enableDnsHostnames the {@code enableDnsHostnames} attribute (default false, true in default VPCs)
 * @param isDefault whether this is the Region's default VPC
 * @param tags the resource tags
 */
public record Vpc(String id, String region, String ownerId, List<Cidr> cidrBlocks,
    boolean enableDnsSupport, boolean enableDnsHostnames, boolean isDefault, Map<String, String> tags) {
  public Vpc {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(ownerId, "ownerId");
    cidrBlocks = List.copyOf(cidrBlocks);
    tags = Map.copyOf(tags);
  }

  /** Whether {@code address} is inside one of the VPC's blocks. */
  public boolean contains(Cidr address) {
    for (Cidr c : cidrBlocks) if (c.contains(address)) return true;
    return false;
  }
}
