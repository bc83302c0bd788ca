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
 * The latency model against measurement: AWS's inter-Region p50 round trips (cloudping.co, 2022;
 * test resource {@code cloudping-p50-2022.csv}) beside the model's AWS-backbone estimate. Prints
 * the error distribution and the worst pairs; fails if the model drifts from its reported fit.
 */
class FibreRoutesCalibrationTest {
  private final LatencyModel model = LatencyModel.standard();
  private final GeoTables tables = model.tables();

  record Pair(String a, String b, double measured, double modelled) {
    double error() { return (modelled - measured) / measured; }
  }

  private List<Pair> pairs() throws IOException {
    List<Pair> out = new ArrayList<>();
    try (var reader = new BufferedReader(new InputStreamReader(
        getClass().getResourceAsStream("cloudping-p50-2022.csv"), StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        if (line.startsWith("#") || line.isBlank()) continue;
        String[] f = line.split(",");
        var a = tables.region(f[0]).orElseThrow().point();
        var b = tables.region(f[1]).orElseThrow().point();
        out.add(new Pair(f[0], f[1], Double.parseDouble(f[2]), model.roundTripMillis(a, b, NetworkPath.AWS_BACKBONE)));
      }
    }
    return out;
  }

  private static double quantile(List<Double> sorted, double q) {
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
  }

  @Test
  void backboneModel_matchesMeasuredInterRegionRoundTrips() throws IOException {
    List<Pair> pairs = pairs();
    assertThat(pairs).hasSize(210);
    List<Double> errors = pairs.stream().map(p -> Math.abs(p.error())).sorted().toList();
    List<Double> absolute = pairs.stream().map(p -> Math.abs(p.modelled() - p.measured())).sorted().toList();
    double median = quantile(errors, 0.5);
    double p90 = quantile(errors, 0.9);
    double worst = errors.getLast();
    System.out.printf(Locale.ROOT, "latency model vs cloudping.co p50 (210 pairs): median %.1f %%, p90 %.1f %%, worst %.1f %%;"
        + " absolute median %.1f ms, worst %.1f ms%n", 100 * median, 100 * p90, 100 * worst,
        quantile(absolute, 0.5), absolute.getLast());
    pairs.stream().sorted(Comparator.comparingDouble((Pair p) -> -Math.abs(p.error()))).limit(8)
        .forEach(p -> System.out.printf(Locale.ROOT, "  %-15s %-15s measured %4.0f ms, model %5.1f ms (%+.0f %%)%n",
            p.a(), p.b(), p.measured(), p.modelled(), 100 * p.error()));
    assertThat(median).isLessThan(0.08);
    assertThat(p90).isLessThan(0.25);
    assertThat(worst).isLessThan(0.40);
  }

  @Test
  void routes_followTheCables_notTheGreatCircle() {
    var sydney = tables.region("ap-southeast-2").orElseThrow().point();
    var frankfurt = tables.region("eu-central-1").orElseThrow().point();
    assertThat(model.route(sydney, frankfurt).via()).contains("ap-southeast-1", "SUZ");
    var saoPaulo = tables.region("sa-east-1").orElseThrow().point();
    var dublin = tables.region("eu-west-1").orElseThrow().point();
    assertThat(model.route(saoPaulo, dublin).via()).contains("MIA");
  }
}
