package dev.stratus.net.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The public-internet estimate against published city-to-city pings (WonderProxy, 2011; test
 * resource {@code wonderproxy-city-pings-2011.csv}, source in its header). Not fitted to them:
 * this reports the model's error (printed: median, p90, worst, and the worst pairs) and fails only
 * if it drifts past what was reported when the data was added. The model includes a last-mile
 * access delay these hosting-to-hosting pings do not pay, so it is expected to read high on short
 * paths.
 */
class PublicInternetCalibrationTest {
  private final LatencyModel model = LatencyModel.standard();
  private final GeoTables tables = model.tables();

  record Pair(String a, String b, double measured, double modelled) {
    double error() { return (modelled - measured) / measured; }
  }

  private List<Pair> pairs() throws IOException {
    List<Pair> out = new ArrayList<>();
    try (var reader = new BufferedReader(new InputStreamReader(
        getClass().getResourceAsStream("wonderproxy-city-pings-2011.csv"), StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        if (line.startsWith("#") || line.isBlank()) continue;
        String[] f = line.split(",");
        var a = tables.city(f[0]).orElseThrow(() -> new AssertionError("no city " + f[0])).point();
        var b = tables.city(f[1]).orElseThrow(() -> new AssertionError("no city " + f[1])).point();
        out.add(new Pair(f[0], f[1], Double.parseDouble(f[2]), model.roundTripMillis(a, b, NetworkPath.PUBLIC_INTERNET)));
      }
    }
    return out;
  }

  private static double quantile(List<Double> sorted, double q) {
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
  }

  @Test
  void publicInternetModel_againstPublishedCityPings_reportsItsError() throws IOException {
    List<Pair> pairs = pairs();
    assertThat(pairs).hasSize(44);
    List<Double> errors = pairs.stream().map(p -> Math.abs(p.error())).sorted().toList();
    List<Double> signed = pairs.stream().map(Pair::error).sorted().toList();
    double median = quantile(errors, 0.5);
    double p90 = quantile(errors, 0.9);
    System.out.printf(Locale.ROOT, "public-internet model vs WonderProxy 2011 pings (%d city pairs): |error| median %.1f %%,"
        + " p90 %.1f %%, worst %.1f %%; signed median %+.1f %%%n", pairs.size(), 100 * median, 100 * p90,
        100 * errors.getLast(), 100 * quantile(signed, 0.5));
    pairs.stream().sorted(Comparator.comparingDouble((Pair p) -> -Math.abs(p.error()))).limit(8)
        .forEach(p -> System.out.printf(Locale.ROOT, "  %-12s %-12s measured %5.1f ms, model %5.1f ms (%+.0f %%)%n",
            p.a(), p.b(), p.measured(), p.modelled(), 100 * p.error()));
    // Guards at the figures reported when the data was added (see the class comment): a change
    // to the model that moves them should say so.
    assertThat(median).isLessThan(MEDIAN_GUARD);
    assertThat(p90).isLessThan(P90_GUARD);
  }

  // Reported 7 Dec 2026: median 9.4 %, p90 49.4 %, worst 105 % (the worst pairs are 2011 routing detours:
  // Washington–New York measured 175 ms, Paris–Zurich 108 ms).
  static final double MEDIAN_GUARD = 0.15;
  static final double P90_GUARD = 0.60;
}
