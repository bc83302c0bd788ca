package dev.stratus.route53.dataplane;

import dev.stratus.net.geo.LatencyModel;
import dev.stratus.route53.model.CidrBlock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * What record selection needs beyond the records themselves: a random source (injectable so
 * tests are deterministic), the latency model, and the CIDR collections (collection id →
 * location name → blocks) for IP-based routing.
 */
public record SelectionContext(RandomGenerator random, LatencyModel latency,
    Function<String, Map<String, List<CidrBlock>>> cidrCollections) {
  public SelectionContext {
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(cidrCollections, "cidrCollections");
  }
}
