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
  Optional<InetSocketAddress> choose(InetSocketAddress client, InetSocketAddress local);
}
