package dev.stratus.net.geo;

import java.util.Objects;

/** The modelled round-trip time from a client to one AWS region, one row of a latency ranking. */
public record RegionLatency(AwsRegion region, double roundTripMillis) {
  public RegionLatency {
    Objects.requireNonNull(region, "region");
  }
}
