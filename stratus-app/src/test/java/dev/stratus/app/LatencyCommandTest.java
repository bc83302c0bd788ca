package dev.stratus.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stratus latency}: the estimate with its parts, the ranking, and places from IPs. */
class LatencyCommandTest {
  @TempDir Path dir;

  private record Run(int code, String out) {}

  private Run run(String... args) {
    PrintStream previous = System.out;
    var buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      int code = Main.execute(args);
      return new Run(code, buffer.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(previous);
    }
  }

  @Test
  void latency_cityToRegion_printsDistanceSpeedInflationFixedDelayAndBothPaths() {
    Run r = run("latency", "--from", "Sydney", "--to", "us-east-1", "--data-dir", dir.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Sydney, AU").contains("us-east-1").contains("great-circle distance")
        .contains("199,862 km/s").contains("public internet").contains("route 1.08 x").contains("fixed 14.0 ms")
        .contains("AWS backbone").contains("route 1.00 x").contains("fixed 4.0 ms").contains("ms RTT")
        .contains("fibre route            via ap-southeast-2 > HNL > LAX > us-east-1")
        .containsPattern("via nearest edge\\s+SYD \\(Sydney\\): public internet [0-9.]+ ms \\+ AWS backbone [0-9.]+ ms = [0-9.]+ ms RTT")
        // Sydney to Virginia is past the 6,000-mile row: 1.4 % over the internet, a tenth of it on the backbone.
        .contains("packet loss            public internet 1.40 % of round trips").contains("AWS backbone 0.14 %")
        .contains("queueing delay         per round trip, public internet mean 14.4 ms, p99 48 ms");
  }

  @Test
  void latency_edgeCodeToRegionCode_printsTheCableRoute() {
    Run r = run("latency", "--from", "SYD62", "--to", "eu-central-1", "--data-dir", dir.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("edge location SYD62, Sydney").contains("eu-central-1 ").contains("(AWS Region)")
        .contains("ap-southeast-1").contains("SUZ");
  }

  @Test
  void latency_ipWithoutTo_ranksRegionsNearestFirst() {
    Run r = run("latency", "--from", "1.120.0.1", "--data-dir", dir.toString());
    assertThat(r.code()).isZero();
    String firstRow = r.out().lines().filter(l -> l.trim().startsWith("1 ")).findFirst().orElseThrow();
    assertThat(firstRow).contains("ap-southeast-2");
  }

  @Test
  void latency_privateIpPlacedByConfig_elseRefused() throws Exception {
    Path config = Files.writeString(dir.resolve("c.json"), "{\"clientLocations\":[{\"cidr\":\"10.20.0.0/16\",\"city\":\"London\"}]}");
    Run placed = run("latency", "--from", "10.20.3.4", "--to", "eu-west-2", "--config", config.toString());
    assertThat(placed.code()).isZero();
    assertThat(placed.out()).contains("client-location table");
    assertThat(run("latency", "--from", "10.99.0.1", "--data-dir", dir.toString()).code()).isEqualTo(1);
    assertThat(run("latency", "--from", "Sydney", "--to", "mars-1", "--data-dir", dir.toString()).code()).isEqualTo(2);
  }
}
