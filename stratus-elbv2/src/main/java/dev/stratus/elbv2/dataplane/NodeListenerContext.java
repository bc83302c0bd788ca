package dev.stratus.elbv2.dataplane;

import dev.stratus.elbv2.RoutingSnapshot;
import dev.stratus.elbv2.model.Listener;
import dev.stratus.elbv2.model.LoadBalancer;
import dev.stratus.net.listener.ListenerRegistry;
import dev.stratus.net.transport.Transport;
import java.time.Clock;

/**
 * What a {@link NodeListener} is opened with: the balancer, the node (its AZ and loopback address),
 * the listener, the routing at the time, and the engine's shared parts.
 */
public record NodeListenerContext(LoadBalancer loadBalancer, LoadBalancer.Node node, Listener listener,
    RoutingSnapshot snapshot, ListenerRegistry registry, Transport transport, Clock clock) {}
