package dev.stratus.net.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The model's path through a Global Accelerator edge against independent measurements of GA
 * (test resource {@code fernandes-ga-2019.csv}, source in its header): not fitted to them, it
 * prints the model's figures beside the measured ones and fails only if the TCP handshake's
 * saving drifts past what was reported when the data was added.
 *
 * <ul>
 *   <li>TCP handshake: GA's edge answers the SYN, so the saving is the direct round trip less the
 *       round trip to the nearest edge;
 *   <li>TLS 1.2 handshake: two round trips to the ALB either way, so the saving is twice the direct
 *       round trip less the round trip through the edge and the backbone.
 * </ul>
 */
class GlobalAcceleratorPathMeasurementsTest {
  private final LatencyModel model = LatencyModel.standard();

  private record Place(String name, GeoPoint point, double tcpChange, double tlsChange) {}

  private List<Place> places() throws IOException {
    List<Place> out = new ArrayList<>();
    try (var reader = new BufferedReader(new InputStreamReader(
        getClass().getResourceAsStream("fernandes-ga-2019.csv"), StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        if (line.startsWith("#") || line.isBlank()) continue;
        String[] f = line.split(",");
        out.add(new Place(f[0], new GeoPoint(Double.parseDouble(f[1]), Double.parseDouble(f[2])),
            Double.parseDouble(f[3]), Double.parseDouble(f[4])));
      }
    }
    return out;
  }

  @Test
  void edgeHandshakes_againstMeasuredGlobalAccelerator_reportTheModelsError() throws IOException {
    GeoPoint oregon = model.tables().region("us-west-2").orElseThrow().point();
    List<Double> tcpErrors = new ArrayList<>();
    System.out.println("GA vs direct to us-west-2 (Fernandes 2019), change in ms, negative = GA faster:");
    for (Place p : places()) {
      GeoPoint edge = model.nearestEdge(p.point()).orElseThrow().point();
      double direct = model.roundTripMillis(p.point(), oregon, NetworkPath.PUBLIC_INTERNET);
      double toEdge = model.roundTripMillis(p.point(), edge, NetworkPath.PUBLIC_INTERNET);
      double viaEdge = model.viaEdgeMillis(p.point(), edge, oregon);
      double tcp = toEdge - direct;
      double tls = 2 * (viaEdge - direct);
      tcpErrors.add(Math.abs(tcp - p.tcpChange()));
      System.out.printf(Locale.ROOT, "  %-14s TCP measured %+4.0f model %+5.1f | TLS measured %+4.0f model %+5.1f%n",
          p.name(), p.tcpChange(), tcp, p.tlsChange(), tls);
      // The edge always answers the SYN sooner than the Region does.
      assertThat(tcp).as(p.name()).isNegative();
    }
    double median = MeasuredPairs.quantile(tcpErrors.stream().sorted().toList(), 0.5);
    System.out.printf(Locale.ROOT, "  TCP handshake saving: |error| median %.1f ms, worst %.1f ms%n", median,
        tcpErrors.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
    assertThat(median).isLessThan(TCP_MEDIAN_GUARD_MS);
  }

  // Reported 7 Dec 2026: TCP handshake saved, model 18 / 65 / 56 / 82 ms against 42 / 63 / 58 / 50
  // measured (San Francisco, Iowa, Kentucky, Texas): |error| 24 / 2 / 3 / 32 ms, median (upper) 24 ms.
  // TLS, two round trips through the edge: the model has GA 5, 14 and 19 ms slower in San
  // Francisco, Iowa and Kentucky and 4 ms faster in Texas; measured 1, 43 and 27 ms faster and
  // 57 ms slower. The model's backbone inside the US follows the same fibre graph as the internet
  // and gains nothing there; these samples (one each) scatter both ways.
  static final double TCP_MEDIAN_GUARD_MS = 30;
}
