package dev.stratus.reliability;

import java.time.Duration;

/**
 * How hard and how long each scenario runs: SHORT in every build (about 90 s of tests on two
 * cores), LONG by hand ({@code -Dreliability.mode=long}, about 12 minutes).
 *
 * @param kills kill -9 cycles of the ledger loop
 * @param dnsFuzz time the DNS fuzzer sends malformed packets
 * @param httpFuzz rounds of every HTTP attack vector
 * @param slowloris slow clients held open at once
 * @param idleConnections idle API connections opened at once
 * @param largeBodies concurrent large request bodies
 * @param largeBodyBytes size of each
 * @param soak length of the soak
 */
record Mode(String name, int kills, Duration dnsFuzz, int httpFuzz, int slowloris, int idleConnections,
    int largeBodies, int largeBodyBytes, Duration soak) {

  static final Mode SHORT = new Mode("short", 2, Duration.ofSeconds(5), 1, 100, 500, 8, 5 * 1024 * 1024,
      Duration.ofSeconds(10));
  static final Mode LONG = new Mode("long", 15, Duration.ofMinutes(2), 10, 500, 5_000, 50, 15 * 1024 * 1024,
      Duration.ofMinutes(5));

  /** The mode the build asked for: {@code -Dreliability.mode=long}, else short. */
  static Mode current() {
    return "long".equalsIgnoreCase(System.getProperty("reliability.mode", "short")) ? LONG : SHORT;
  }
}
