package dev.stratus.cloudfront.dataplane;

import static dev.stratus.cloudfront.dataplane.EdgeHarness.SYDNEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.cloudfront.dataplane.TestOrigin.Reply;
import dev.stratus.cloudfront.dataplane.cache.CacheBudgets;
import dev.stratus.cloudfront.dataplane.cache.CacheTier;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Each tier keeps at most its byte budget: filling an edge past it evicts cold objects (a
 * frequently asked one stays), the counters and {@code stratus cache} show the evictions, and the
 * regional edge cache behind it, with room to spare, still answers what the edge let go.
 */
class EdgeCacheBudgetIT {
  static final String ID = "E8BUDGET000001";
  static final int BODY = 10 * 1024;
  static final long EDGE_BUDGET = 60 * 1024;

  @Test
  void anEdgePastItsBudgetEvictsColdObjects_keepsTheHotOne() throws Exception {
    try (EdgeHarness h = new EdgeHarness(s -> s.withCacheBudgets(new CacheBudgets(EDGE_BUDGET, 10L << 20, 10L << 20)))) {
      h.source.cachePolicies.put("p", EdgeHarness.policy(0, 3600, 86400));
      h.deploy(ID, h.config("p").build());
      String body = "x".repeat(BODY);
      h.origin.on("/hot", Reply.ok(body, "Cache-Control", "max-age=3600"));
      for (int i = 0; i < 30; i++) h.origin.on("/cold/" + i, Reply.ok(body, "Cache-Control", "max-age=3600"));

      // viewers keep asking for /hot while one-off objects stream past it
      for (int i = 0; i < 30; i++) {
        assertThat(h.get(SYDNEY, ID, "/cold/" + i).status()).isEqualTo(200);
        assertThat(h.get(SYDNEY, ID, "/hot").status()).isEqualTo(200);
      }

      CacheTier.Stats edge = tiers(h).get("EDGE SYD62");
      assertThat(edge.budget()).isEqualTo(EDGE_BUDGET);
      assertThat(edge.bytes()).isLessThanOrEqualTo(EDGE_BUDGET).isGreaterThan(3L * BODY);
      assertThat(edge.objects()).isLessThan(6); // 31 objects of 10 KiB asked for, 60 KiB of room
      assertThat(edge.evictions()).isEqualTo(31 - edge.objects());
      CacheTier.Stats regional = tiers(h).get("REGIONAL_EDGE_CACHE ap-southeast-2");
      assertThat(regional.evictions()).isZero();
      assertThat(regional.objects()).isEqualTo(31);

      // the hot object is still at the edge
      long edgeHits = edge.hits();
      assertThat(h.get(SYDNEY, ID, "/hot").xCache()).isEqualTo("Hit from cloudfront");
      assertThat(tiers(h).get("EDGE SYD62").hits()).isEqualTo(edgeHits + 1);
      // every evicted cold object comes back from the regional edge cache, not the origin
      for (int i = 0; i < 30; i++) h.get(SYDNEY, ID, "/cold/" + i);
      assertThat(h.origin.total()).isEqualTo(31);
      assertThat(tiers(h).get("REGIONAL_EDGE_CACHE ap-southeast-2").hits()).isGreaterThan(20);

      assertThat(h.edge.cacheReport(ID).orElseThrow()).contains("EVICTIONS", "USED")
          .containsPattern("edge\\s+SYD62(\\s+\\d+){6}\\s+[1-9]\\d*\\s+\\d+\\.\\d%");
    }
  }

  private static Map<String, CacheTier.Stats> tiers(EdgeHarness h) {
    return h.edge.cacheStats(ID).orElseThrow().stream()
        .collect(Collectors.toMap(s -> s.kind() + " " + s.name(), Function.identity()));
  }
}
