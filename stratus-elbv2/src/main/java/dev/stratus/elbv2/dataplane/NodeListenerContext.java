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
 *
 * @param paths where targets' traffic goes and whether the VPC lets this node reach them
 *     ({@code Elbv2Module.targetPaths()}; {@link TargetPaths#DIRECT} when there is no EC2)
 */
public record NodeListenerContext(LoadBalancer loadBalancer, LoadBalancer.Node node, Listener listener,
    RoutingSnapshot snapshot, ListenerRegistry registry, Transport transport, Clock clock, TargetPaths paths,
    dev.stratus.net.emulation.EmulatedDelay delay) {

  public NodeListenerContext {
    if (paths == null) paths = TargetPaths.DIRECT;
    if (delay == null) delay = dev.stratus.net.emulation.EmulatedDelay.NONE;
  }

  public NodeListenerContext(LoadBalancer loadBalancer, LoadBalancer.Node node, Listener listener,
      RoutingSnapshot snapshot, ListenerRegistry registry, Transport transport, Clock clock, TargetPaths paths) {
    this(loadBalancer, node, listener, snapshot, registry, transport, clock, paths, null);
  }

  /** Without VPC gating or instance addresses ({@link TargetPaths#DIRECT}). */
  public NodeListenerContext(LoadBalancer loadBalancer, LoadBalancer.Node node, Listener listener,
      RoutingSnapshot snapshot, ListenerRegistry registry, Transport transport, Clock clock) {
    this(loadBalancer, node, listener, snapshot, registry, transport, clock, TargetPaths.DIRECT);
  }
}
