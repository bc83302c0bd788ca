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

  /** A delay whose handshake's round trip is {@code handshake}'s rather than twice {@code oneWay}. */
  static EmulatedDelay of(EmulatedDelay oneWay, EmulatedDelay handshake) {
    return new EmulatedDelay() {
      @Override
      public Duration oneWay(InetSocketAddress client, InetSocketAddress local) {
        return oneWay.oneWay(client, local);
      }

      @Override
      public Duration handshake(InetSocketAddress client, InetSocketAddress local) {
        return handshake.oneWay(client, local);
      }
    };
  }
}
