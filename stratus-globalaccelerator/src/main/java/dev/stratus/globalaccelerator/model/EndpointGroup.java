package dev.stratus.globalaccelerator.model;

import dev.stratus.core.store.Table;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An endpoint group: the endpoints of one listener in one Region (globalaccelerator.md §6–10).
 *
 * @param trafficDialPercentage the share (0–100) of the traffic that would come to this group
 *     that it takes; the rest spills to the next-nearest groups
 * @param portOverrides listener port → endpoint port
 */
public record EndpointGroup(String arn, String listenerArn, String region, List<Endpoint> endpoints,
    double trafficDialPercentage, Integer healthCheckPort, String healthCheckProtocol, String healthCheckPath,
    int healthCheckIntervalSeconds, int thresholdCount, Map<Integer, Integer> portOverrides, String idempotencyToken) {

  public static final Table<EndpointGroup> TABLE = Table.of("globalaccelerator.endpoint_group", EndpointGroup.class);

  public EndpointGroup {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(listenerArn, "listenerArn");
    Objects.requireNonNull(region, "region");
    endpoints = List.copyOf(endpoints);
    portOverrides = Map.copyOf(portOverrides);
  }

  /**
   * One endpoint: an ALB or NLB (by ARN), an EC2 instance (by id) or an Elastic IP (by
   * allocation id), with its weight (0–255, default 128).
   */
  public record Endpoint(String endpointId, int weight, boolean clientIpPreservationEnabled) {
    public Endpoint {
      Objects.requireNonNull(endpointId, "endpointId");
    }

    public EndpointKind kind() { return EndpointKind.of(endpointId); }
  }

  /** What an endpoint id names. */
  public enum EndpointKind {
    APPLICATION_LOAD_BALANCER, NETWORK_LOAD_BALANCER, INSTANCE, ELASTIC_IP;

    public static EndpointKind of(String endpointId) {
      if (endpointId.startsWith("arn:") && endpointId.contains(":loadbalancer/app/")) return APPLICATION_LOAD_BALANCER;
      if (endpointId.startsWith("arn:") && endpointId.contains(":loadbalancer/net/")) return NETWORK_LOAD_BALANCER;
      if (endpointId.startsWith("i-")) return INSTANCE;
      return ELASTIC_IP;
    }
  }

  /** The port an endpoint receives a flow on: the listener port, or its override (§6). */
  public int endpointPort(int listenerPort) {
    return portOverrides.getOrDefault(listenerPort, listenerPort);
  }

  public EndpointGroup withEndpoints(List<Endpoint> newEndpoints) {
    return new EndpointGroup(arn, listenerArn, region, newEndpoints, trafficDialPercentage, healthCheckPort,
        healthCheckProtocol, healthCheckPath, healthCheckIntervalSeconds, thresholdCount, portOverrides, idempotencyToken);
  }
}
