package dev.stratus.net.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Measured round trips between pairs of places (a test resource of {@code a,b,ms} lines, {@code #}
 * for comments and sources) beside the latency model's estimate, for the calibration tests.
 */
final class MeasuredPairs {
  private MeasuredPairs() {}

  record Pair(String a, String b, double measured, double modelled) {
    double error() { return (modelled - measured) / measured; }
  }

  /** Reads {@code resource}, placing each end with {@code place} and estimating over {@code path}. */
  static List<Pair> read(String resource, Function<String, GeoPoint> place, LatencyModel model, NetworkPath path)
      throws IOException {
    List<Pair> out = new ArrayList<>();
    try (var reader = new BufferedReader(new InputStreamReader(
        MeasuredPairs.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        if (line.startsWith("#") || line.isBlank()) continue;
        String[] f = line.split(",");
        double modelled = model.roundTripMillis(place.apply(f[0]), place.apply(f[1]), path);
        out.add(new Pair(f[0], f[1], Double.parseDouble(f[2]), modelled));
      }
    }
    return out;
  }

  /** The {@code q} quantile of values sorted ascending. */
  static double quantile(List<Double> sorted, double q) {
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
  }

  /** Prints the eight pairs the model misses most. */
  static void printWorst(List<Pair> pairs, String format) {
    pairs.stream().sorted(Comparator.comparingDouble((Pair p) -> -Math.abs(p.error()))).limit(8)
        .forEach(p -> System.out.printf(Locale.ROOT, format, p.a(), p.b(), p.measured(), p.modelled(), 100 * p.error()));
  }
}
