package dev.stratus.net.emulation;

import dev.stratus.net.geo.Jitter;
import dev.stratus.net.geo.NetworkPath;

/**
 * Whether emulated delays also vary ({@code stratus start --emulate-network --emulate-jitter}):
 * off by default, so that the fixed delays keep the model's figures exactly (the benchmark checks
 * them within 5 %). When on, each message a {@link DelayHandler} holds waits an extra delay drawn
 * from {@link Jitter}'s one-way distribution for the internet leg every emulated path starts with
 * (the backbone's tenth is left out); no message overtakes an earlier one in the same direction.
 */
public final class EmulatedJitter {
  private static volatile boolean on;

  private EmulatedJitter() {}

  /** Turns the variation on or off for handlers made from now on. */
  public static void enable(boolean enabled) {
    on = enabled;
  }

  /** The mean extra one-way delay a new handler draws from, in nanoseconds (0 when off). */
  static long meanNanos() {
    return on ? Math.round(Jitter.meanOneWayMillis(NetworkPath.PUBLIC_INTERNET) * 1_000_000) : 0;
  }
}
