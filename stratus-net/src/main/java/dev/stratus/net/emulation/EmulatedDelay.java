package dev.stratus.net.emulation;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * How long a client's messages wait each way on a listener: half the modelled round trip of the
 * path between that client and what the listener stands for. {@link #NONE} without
 * {@code --emulate-network}.
 */
@FunctionalInterface
public interface EmulatedDelay {
  EmulatedDelay NONE = (client, local) -> Duration.ZERO;

  /** The one-way delay for a connection from {@code client} to {@code local}; zero for none. */
  Duration oneWay(InetSocketAddress client, InetSocketAddress local);

  /**
   * The round trip a TCP handshake from {@code client} to this listener pays: to whoever ends
   * TCP (the Region for a balancer reached directly, the nearest edge for Global Accelerator and
   * CloudFront); held on the client's SYN where the process may ({@link
   * dev.stratus.net.emulation.handshake.HandshakeHold}). Asked before the connection is accepted,
   * so it must not take what {@link #oneWay} takes (a {@link BackboneHops} announcement). By
   * default both ways of {@link #oneWay}.
   */
  default Duration handshake(InetSocketAddress client, InetSocketAddress local) {
    return oneWay(client, local).multipliedBy(2);
  }

  /**
   * How long a new connection's first bytes from {@code client} wait, counted from the accept,
   * before their {@link #oneWay} delay begins: Global Accelerator's edge, which ends the client's
   * TCP and opens its own connection to the endpoint at the same time, holds what the client sends
   * until that connection is up. The edge's connect completes at e/2 + B (e the edge round trip, B
   * the backbone's) and the accept stands for e, so the connection is ready at accept + B − e/2,
   * and bytes that reached the edge before then leave it then, a backbone one-way later at the
   * endpoint: the same as a byte sent at accept + max(0, B − e) with the whole one-way delay
   * ({@code stratus plan}'s max(edge round trip, backbone round trip) for the handshakes). Asked
   * once per accepted connection; later bytes leave as before. Zero by default.
   */
  default Duration firstBytesWait(InetSocketAddress client, InetSocketAddress local) {
    return Duration.ZERO;
  }

  /** A delay whose handshake's round trip is {@code handshake}'s rather than twice {@code oneWay}. */
  static EmulatedDelay of(EmulatedDelay oneWay, EmulatedDelay handshake) {
    return of(oneWay, handshake, NONE);
  }

  /**
   * A delay whose handshake's round trip is {@code handshake}'s and whose new connections' first
   * bytes wait {@code firstBytesWait}'s ({@link #firstBytesWait}).
   */
  static EmulatedDelay of(EmulatedDelay oneWay, EmulatedDelay handshake, EmulatedDelay firstBytesWait) {
    return new EmulatedDelay() {
      @Override
      public Duration oneWay(InetSocketAddress client, InetSocketAddress local) {
        return oneWay.oneWay(client, local);
      }

      @Override
      public Duration handshake(InetSocketAddress client, InetSocketAddress local) {
        return handshake.oneWay(client, local);
      }

      @Override
      public Duration firstBytesWait(InetSocketAddress client, InetSocketAddress local) {
        return firstBytesWait.oneWay(client, local);
      }
    };
  }
}
