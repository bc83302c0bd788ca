package dev.stratus.net.geo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.net.geo.MeasuredPairs.Pair;
import java.io.IOException;
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

  private List<Pair> pairs() throws IOException {
    return MeasuredPairs.read("cloudping-p50-2022.csv", code -> tables.region(code).orElseThrow().point(), model,
        NetworkPath.AWS_BACKBONE);
  }

  @Test
  void backboneModel_matchesMeasuredInterRegionRoundTrips() throws IOException {
    List<Pair> pairs = pairs();
    assertThat(pairs).hasSize(210);
    List<Double> errors = pairs.stream().map(p -> Math.abs(p.error())).sorted().toList();
    List<Double> absolute = pairs.stream().map(p -> Math.abs(p.modelled() - p.measured())).sorted().toList();
    double median = MeasuredPairs.quantile(errors, 0.5);
    double p90 = MeasuredPairs.quantile(errors, 0.9);
    double worst = errors.getLast();
    System.out.printf(Locale.ROOT, "latency model vs cloudping.co p50 (210 pairs): median %.1f %%, p90 %.1f %%, worst %.1f %%;"
        + " absolute median %.1f ms, worst %.1f ms%n", 100 * median, 100 * p90, 100 * worst,
        MeasuredPairs.quantile(absolute, 0.5), absolute.getLast());
    MeasuredPairs.printWorst(pairs, "  %-15s %-15s measured %4.0f ms, model %5.1f ms (%+.0f %%)%n");
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
