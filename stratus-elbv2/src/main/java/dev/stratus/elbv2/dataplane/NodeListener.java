package dev.stratus.elbv2.dataplane;

import dev.stratus.elbv2.RoutingSnapshot;

/**
 * The open socket(s) of one listener on one load balancer node ({@code <node address>:<port>}),
 * kept current as routing changes: an ALB node's HTTP(S) front end or an NLB node's TCP/UDP proxy.
 * The data plane opens one per (node, listener) and closes it when either goes away.
 */
public interface NodeListener extends AutoCloseable {

  /** Routes from now on by {@code snapshot}: rules, target groups and target health. Never blocks. */
  void update(RoutingSnapshot snapshot);

  /** Where it really listens (after the listener registry's fallbacks), as {@code host:port}. */
  java.net.InetSocketAddress address();

  @Override
  void close();
}
