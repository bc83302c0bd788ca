package dev.stratus.net.l4;

import java.net.InetSocketAddress;

/**
 * The local address a proxy's connection (or flow socket) to a target is sent from: the client's
 * address when the balancer preserves it, the balancer node's own address otherwise. Null lets
 * the kernel choose (the default).
 */
@FunctionalInterface
public interface SourceAddress {

  /** The kernel chooses. */
  SourceAddress KERNEL = (client, local) -> null;

  /** The local address to bind before connecting, port 0 for an ephemeral port; null for the kernel's choice. */
  InetSocketAddress of(InetSocketAddress client, InetSocketAddress local);
}
