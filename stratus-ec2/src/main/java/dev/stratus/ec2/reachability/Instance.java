package dev.stratus.ec2.reachability;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An EC2 instance, reduced to what a path needs: its interfaces (the first is the primary one a
 * path from or to the instance uses) and its state.
 *
 * @param id {@code i-…}
 * @param region the Region
 * @param vpcId the VPC
 * @param subnetId the primary interface's subnet
 * @param state {@code running}, {@code stopped}, …
 * @param networkInterfaceIds the interfaces, primary (device index 0) first
 * @param tags the resource tags
 */
public record Instance(String id, String region, String vpcId, String subnetId, String state,
    List<String> networkInterfaceIds, Map<String, String> tags) {
  public Instance {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(vpcId, "vpcId");
    Objects.requireNonNull(subnetId, "subnetId");
    Objects.requireNonNull(state, "state");
    networkInterfaceIds = List.copyOf(networkInterfaceIds);
    tags = Map.copyOf(tags);
  }
}
