package dev.stratus.globalaccelerator.model;

import dev.stratus.core.store.Table;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An endpoint group of a custom routing listener (globalaccelerator.md §12): the destination port
 * ranges (and protocols) of one Region, and the VPC subnets whose addresses receive traffic. All
 * destinations are denied until allowed, per subnet or per address and port.
 */
public record CustomRoutingEndpointGroup(String arn, String listenerArn, String region, List<Destination> destinations,
    List<SubnetEndpoint> endpoints, String idempotencyToken) {

  public static final Table<CustomRoutingEndpointGroup> TABLE =
      Table.of("globalaccelerator.custom_routing_endpoint_group", CustomRoutingEndpointGroup.class);

  public CustomRoutingEndpointGroup {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(listenerArn, "listenerArn");
    destinations = List.copyOf(destinations);
    endpoints = List.copyOf(endpoints);
  }

  /** A destination port range and the protocols (TCP, UDP or both) it receives. */
  public record Destination(int fromPort, int toPort, List<String> protocols) {
    public Destination {
      protocols = List.copyOf(protocols);
    }

    public int size() { return toPort - fromPort + 1; }
  }

  /**
   * A subnet endpoint and what traffic it takes: all of it ({@code allowAll}) but the denied
   * sockets, or only the allowed ones. Sockets are {@code ip:port}, or {@code ip:*} for every port.
   */
  public record SubnetEndpoint(String subnetId, String cidrBlock, boolean allowAll, Set<String> allowed, Set<String> denied) {
    public SubnetEndpoint {
      Objects.requireNonNull(subnetId, "subnetId");
      Objects.requireNonNull(cidrBlock, "cidrBlock");
      allowed = Set.copyOf(allowed);
      denied = Set.copyOf(denied);
    }

    public boolean allows(String ip, int port) {
      if (denied.contains(ip + ":" + port) || denied.contains(ip + ":*")) return false;
      return allowAll || allowed.contains(ip + ":" + port) || allowed.contains(ip + ":*");
    }
  }

  /** How many destination ports the group's ranges hold. */
  public int destinationPorts() { return destinations.stream().mapToInt(Destination::size).sum(); }

  /** The {@code i}-th destination port across the ranges, in order. */
  public int destinationPort(int i) {
    for (Destination d : destinations) {
      if (i < d.size()) return d.fromPort() + i;
      i -= d.size();
    }
    throw new IndexOutOfBoundsException("destination port " + i);
  }

  /** The protocols of destination port {@code port}. */
  public List<String> protocolsOf(int port) {
    return destinations.stream().filter(d -> port >= d.fromPort() && port <= d.toPort()).findFirst()
        .map(Destination::protocols).orElse(List.of());
  }

  public CustomRoutingEndpointGroup withEndpoints(List<SubnetEndpoint> next) {
    return new CustomRoutingEndpointGroup(arn, listenerArn, region, destinations, next, idempotencyToken);
  }
}
