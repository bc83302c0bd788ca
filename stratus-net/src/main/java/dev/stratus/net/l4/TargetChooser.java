package dev.stratus.net.l4;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Picks the target of a new flow (an NLB's flow hash over healthy targets, a Global Accelerator
 * endpoint): called once per TCP connection or UDP flow on an event loop, so it must not block.
 * Empty drops the flow (TCP: the connection is closed; UDP: the datagram is dropped).
 */
@FunctionalInterface
public interface TargetChooser {

  /**
   * A target that silently drops the flow, as a firewall that drops packets does (a security
   * group that does not admit the target port): a TCP connection is held without forwarding and
   * closed after the connect timeout, so the client times out; a UDP datagram is dropped.
   */
  InetSocketAddress BLACKHOLE = InetSocketAddress.createUnresolved("blackhole.invalid", 9);

  Optional<InetSocketAddress> choose(InetSocketAddress client, InetSocketAddress local);
}
