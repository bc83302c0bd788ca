package dev.stratus.cloudfront.dataplane;

import static dev.stratus.cloudfront.dataplane.EdgeHarness.SYDNEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.dns.DnsTarget;
import dev.stratus.net.geo.GeoPoint;
import dev.stratus.net.geo.LatencyModel;
import dev.stratus.net.geo.NetworkPath;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudfront.model.CustomOriginConfig;
import software.amazon.awssdk.services.cloudfront.model.DefaultCacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.Origins;

/** Opt-in emulated latency: a Sydney viewer pays the trip to an origin in us-east-1 on a miss, not on a hit. */
class EdgeLatencyIT {
  static final String ID = "E6LATENCY00001";

  @Test
  void aSydneyMissPaysThePacificAndTheHitDoesNot() throws Exception {
    try (EdgeHarness h = new EdgeHarness(CloudFrontEdge.Settings::withEmulatedLatency)) {
      h.source.cachePolicies.put("p", EdgeHarness.policy(0, 100, 1000));
      h.dns.put(new DnsTarget("web-9.us-east-1.elb.localhost", List.of(InetAddress.getByName("127.0.0.1")), 60, true));
      Origin alb = Origin.builder().id("alb").domainName("web-9.us-east-1.elb.amazonaws.com")
          .customOriginConfig(CustomOriginConfig.builder().httpPort(h.origin.port()).httpsPort(443)
              .originProtocolPolicy("http-only").build()).build();
      h.deploy(ID, h.config("p").origins(Origins.builder().quantity(1).items(alb).build())
          .defaultCacheBehavior(DefaultCacheBehavior.builder().targetOriginId("alb").viewerProtocolPolicy("allow-all")
              .cachePolicyId("p").build()).build());
      LatencyModel model = LatencyModel.standard();
      GeoPoint sydney = model.tables().region("ap-southeast-2").orElseThrow().point();
      GeoPoint virginia = model.tables().region("us-east-1").orElseThrow().point();
      double pacific = model.roundTripMillis(sydney, virginia, NetworkPath.AWS_BACKBONE);
      assertThat(pacific).isBetween(150.0, 300.0);

      long t0 = System.nanoTime();
      var miss = h.get(SYDNEY, ID, "/page");
      long missMillis = (System.nanoTime() - t0) / 1_000_000;
      long t1 = System.nanoTime();
      var hit = h.get(SYDNEY, ID, "/page");
      long hitMillis = (System.nanoTime() - t1) / 1_000_000;

      assertThat(miss.xCache()).isEqualTo("Miss from cloudfront");
      assertThat(hit.xCache()).isEqualTo("Hit from cloudfront");
      assertThat(missMillis).isGreaterThanOrEqualTo((long) pacific);
      assertThat(hitMillis).isGreaterThanOrEqualTo(10).isLessThan(missMillis);

      // The viewer's TCP handshake ends at the edge serving it (Sydney's): that round trip, held on the SYN.
      GeoPoint viewer = model.tables().city("Sydney").orElseThrow().point();
      double edgeRtt = model.roundTripMillis(viewer, model.nearestEdge(viewer).orElseThrow().point(), NetworkPath.PUBLIC_INTERNET);
      dev.stratus.net.emulation.handshake.HandshakeHold.settle();
      double connect = Double.MAX_VALUE;
      for (int i = 0; i < 3; i++) {
        try (var s = new java.net.Socket()) {
          s.bind(new java.net.InetSocketAddress(SYDNEY, 0));
          long t = System.nanoTime();
          s.connect(h.edgeAddress(), 5_000);
          connect = Math.min(connect, (System.nanoTime() - t) / 1e6);
        }
      }
      if (dev.stratus.net.emulation.handshake.HandshakeHold.unavailable().isEmpty()) {
        assertThat(connect).isBetween(edgeRtt, edgeRtt * 1.10 + 15);
      } else {
        assertThat(connect).isLessThan(edgeRtt);
      }
    }
  }
}
