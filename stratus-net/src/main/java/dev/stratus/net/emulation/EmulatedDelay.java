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
}
