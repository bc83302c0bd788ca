package dev.stratus.net.geo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.net.geo.MeasuredPairs.Pair;
import java.io.IOException;
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

  private List<Pair> pairs() throws IOException {
    return MeasuredPairs.read("wonderproxy-city-pings-2011.csv",
        name -> tables.city(name).orElseThrow(() -> new AssertionError("no city " + name)).point(), model,
        NetworkPath.PUBLIC_INTERNET);
  }

  @Test
  void publicInternetModel_againstPublishedCityPings_reportsItsError() throws IOException {
    List<Pair> pairs = pairs();
    assertThat(pairs).hasSize(44);
    List<Double> errors = pairs.stream().map(p -> Math.abs(p.error())).sorted().toList();
    List<Double> signed = pairs.stream().map(Pair::error).sorted().toList();
    double median = MeasuredPairs.quantile(errors, 0.5);
    double p90 = MeasuredPairs.quantile(errors, 0.9);
    System.out.printf(Locale.ROOT, "public-internet model vs WonderProxy 2011 pings (%d city pairs): |error| median %.1f %%,"
        + " p90 %.1f %%, worst %.1f %%; signed median %+.1f %%%n", pairs.size(), 100 * median, 100 * p90,
        100 * errors.getLast(), 100 * MeasuredPairs.quantile(signed, 0.5));
    MeasuredPairs.printWorst(pairs, "  %-12s %-12s measured %5.1f ms, model %5.1f ms (%+.0f %%)%n");
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
