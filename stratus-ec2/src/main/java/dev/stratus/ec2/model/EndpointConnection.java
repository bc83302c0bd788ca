package dev.stratus.ec2.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A consumer's interface endpoint connected to a provider's endpoint service, kept in the
 * provider's scope so the provider can accept or reject it (vpc.md §40).
 *
 * @param consumerScope the (account, region) store scope holding the endpoint
 * @param state {@code pendingAcceptance}, {@code available} or {@code rejected}
 */
public record EndpointConnection(String vpcEndpointId, String serviceId, String consumerScope, String consumerOwnerId,
    String state, Instant creationTimestamp) {
  public EndpointConnection {
    Objects.requireNonNull(vpcEndpointId, "vpcEndpointId");
    Objects.requireNonNull(consumerScope, "consumerScope");
  }

  public EndpointConnection withState(String newState) {
    return new EndpointConnection(vpcEndpointId, serviceId, consumerScope, consumerOwnerId, newState, creationTimestamp);
  }
}
