package dev.stratus.ec2.insights;

import dev.stratus.ec2.reachability.Network;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where each resource of a {@link Network} sits (its VPC and, for subnet-bound resources, its
 * subnet), so an analysis can fill a path component's {@code Vpc} and {@code Subnet} members as
 * AWS does. Built once per network snapshot.
 */
final class ComponentLocations {
  /** The VPC and subnet (null when not subnet-bound) of one resource. */
  record Location(String vpcId, String subnetId) {}

  private final Map<String, Location> byId = new HashMap<>();

  ComponentLocations(Network n) {
    n.subnets().forEach(s -> byId.put(s.id(), new Location(s.vpcId(), s.id())));
    n.networkInterfaces().forEach(e -> byId.put(e.id(), new Location(e.vpcId(), e.subnetId())));
    n.instances().forEach(i -> byId.put(i.id(), new Location(i.vpcId(), i.subnetId())));
    n.natGateways().forEach(g -> byId.put(g.id(), new Location(g.vpcId(), g.subnetId())));
    n.routeTables().forEach(t -> byId.put(t.id(), new Location(t.vpcId(), null)));
    n.networkAcls().forEach(a -> byId.put(a.id(), new Location(a.vpcId(), null)));
    n.securityGroups().forEach(g -> byId.put(g.id(), new Location(g.vpcId(), null)));
    n.vpcEndpoints().forEach(e -> byId.put(e.id(), new Location(e.vpcId(), null)));
    n.internetGateways().forEach(g -> {
      if (g.attachedVpcId() != null) byId.put(g.id(), new Location(g.attachedVpcId(), null));
    });
  }

  /** Where {@code id} is, if it is VPC-bound. */
  Optional<Location> of(String id) { return Optional.ofNullable(byId.get(id)); }
}
