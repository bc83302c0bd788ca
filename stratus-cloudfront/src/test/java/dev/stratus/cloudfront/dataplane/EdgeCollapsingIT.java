package dev.stratus.cloudfront.dataplane;

import static dev.stratus.cloudfront.dataplane.EdgeHarness.OSAKA;
import static dev.stratus.cloudfront.dataplane.EdgeHarness.SYDNEY;
import static dev.stratus.cloudfront.dataplane.EdgeHarness.TOKYO;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.cloudfront.dataplane.TestOrigin.Reply;
import dev.stratus.cloudfront.dataplane.cache.CacheTier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.OriginShield;
import software.amazon.awssdk.services.cloudfront.model.Origins;

/**
 * The herd: 200 simultaneous viewers for one object with a slow origin reach the origin once,
 * cold and just expired, with one fetch onward from every tier; Sydney and Tokyo fill their own
 * edges and regional edge caches and share Origin Shield.
 */
class EdgeCollapsingIT {
  static final String ID = "E1HERD0000TEST";
  EdgeHarness h;

  @BeforeEach
  void start() throws Exception {
    h = new EdgeHarness();
    h.source.cachePolicies.put("p", EdgeHarness.policy(0, 100, 1000));
    Origin shielded = EdgeHarness.origin("web", h.origin.port()).toBuilder()
        .originShield(OriginShield.builder().enabled(true).originShieldRegion("us-east-1").build()).build();
    h.deploy(ID, h.config("p").origins(Origins.builder().quantity(1).items(shielded).build()).build());
    h.origin.on("/herd", Reply.ok("the herd's object", "Cache-Control", "max-age=60", "ETag", "\"h1\"")
        .slow(Duration.ofMillis(1500)));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  /** {@code n} viewers from each source at once; returns their responses. */
  private List<Viewer.Response> herd(Map<String, Integer> viewers) throws Exception {
    int total = viewers.values().stream().mapToInt(Integer::intValue).sum();
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Viewer.Response>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (var e : viewers.entrySet()) {
        for (int i = 0; i < e.getValue(); i++) {
          futures.add(pool.submit(() -> {
            go.await();
            return h.get(e.getKey(), ID, "/herd");
          }));
        }
      }
      go.countDown();
      List<Viewer.Response> out = new ArrayList<>();
      for (Future<Viewer.Response> f : futures) out.add(f.get());
      assertThat(out).hasSize(total);
      return out;
    }
  }

  private Map<String, CacheTier.Stats> tiers() {
    return h.edge.cacheStats(ID).orElseThrow().stream()
        .collect(Collectors.toMap(s -> s.kind() + " " + s.name(), Function.identity()));
  }

  private static Map<String, Long> xCache(List<Viewer.Response> rs) {
    return rs.stream().collect(Collectors.groupingBy(Viewer.Response::xCache, Collectors.counting()));
  }

  @Test
  void twoHundredViewersInSydneyColdThenJustExpiredReachTheOriginOnceEach() throws Exception {
    List<Viewer.Response> cold = herd(Map.of(SYDNEY, 200));
    assertThat(cold).allSatisfy(r -> assertThat(r.text()).isEqualTo("the herd's object"));
    assertThat(xCache(cold)).isEqualTo(Map.of("Miss from cloudfront", 1L, "Hit from cloudfront", 199L));
    assertThat(h.origin.count("/herd")).isEqualTo(1);
    var t = tiers();
    assertThat(t.get("EDGE SYD62").fetches()).isEqualTo(1);
    assertThat(t.get("EDGE SYD62").hits()).isEqualTo(199);
    assertThat(t.get("EDGE SYD62").collapsed()).as("held behind the one fetch, not served after it").isGreaterThan(150);
    assertThat(t.get("REGIONAL_EDGE_CACHE ap-southeast-2").fetches()).isEqualTo(1);
    assertThat(t.get("ORIGIN_SHIELD us-east-1").fetches()).isEqualTo(1);

    h.clock.advance(Duration.ofSeconds(61));
    List<Viewer.Response> expired = herd(Map.of(SYDNEY, 200));
    assertThat(expired).allSatisfy(r -> assertThat(r.text()).isEqualTo("the herd's object"));
    assertThat(xCache(expired)).isEqualTo(Map.of("RefreshHit from cloudfront", 1L, "Hit from cloudfront", 199L));
    assertThat(h.origin.count("/herd")).isEqualTo(2);
    assertThat(h.origin.seen.getLast().header("If-None-Match")).isEqualTo("\"h1\"");
    t = tiers();
    assertThat(t.get("EDGE SYD62").fetches()).isEqualTo(2);
    assertThat(t.get("REGIONAL_EDGE_CACHE ap-southeast-2").fetches()).isEqualTo(2);
    assertThat(t.get("ORIGIN_SHIELD us-east-1").fetches()).isEqualTo(2);
    assertThat(t.get("ORIGIN_SHIELD us-east-1").refreshHits()).isEqualTo(1);
    assertThat(t.get("EDGE SYD62").collapsed()).isGreaterThan(300);
    assertThat(h.edge.originFetches(ID)).isEqualTo(2);
  }

  @Test
  void sydneyTokyoAndOsakaAtOnceCollapseAtEveryTierAndShareOriginShield() throws Exception {
    List<Viewer.Response> cold = herd(Map.of(SYDNEY, 70, TOKYO, 70, OSAKA, 60));
    assertThat(cold).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
    assertThat(cold.stream().map(r -> r.header("x-amz-cf-pop")).distinct()).containsExactlyInAnyOrder(
        "SYD62-C1", "NRT57-C1", "KIX56-C1");
    assertThat(h.origin.count("/herd")).isEqualTo(1);
    var t = tiers();
    for (String edge : List.of("SYD62", "NRT57", "KIX56")) {
      assertThat(t.get("EDGE " + edge).fetches()).as(edge).isEqualTo(1);
    }
    // Tokyo and Osaka share the Tokyo regional edge cache: two requests, one fetch
    var tokyoRec = t.get("REGIONAL_EDGE_CACHE ap-northeast-1");
    assertThat(tokyoRec.fetches()).isEqualTo(1);
    assertThat(tokyoRec.hits() + tokyoRec.misses()).isEqualTo(2);
    assertThat(t.get("REGIONAL_EDGE_CACHE ap-southeast-2").fetches()).isEqualTo(1);
    // both regional edge caches funnel into Origin Shield, which fetched once
    var shield = t.get("ORIGIN_SHIELD us-east-1");
    assertThat(shield.fetches()).isEqualTo(1);
    assertThat(shield.hits() + shield.misses()).isEqualTo(2);
    assertThat(shield.collapsed()).as("the second region's request waited on the first's fetch").isEqualTo(1);

    h.clock.advance(Duration.ofSeconds(61));
    herd(Map.of(SYDNEY, 70, TOKYO, 70, OSAKA, 60));
    assertThat(h.origin.count("/herd")).isEqualTo(2);
    assertThat(tiers().get("ORIGIN_SHIELD us-east-1").fetches()).isEqualTo(2);
  }

  @Test
  void sydneyThenTokyoFillTheirOwnEdgesAndTheSecondIsAShieldHit() throws Exception {
    h.origin.on("/herd", Reply.ok("x", "Cache-Control", "max-age=60"));
    assertThat(h.get(SYDNEY, ID, "/herd").xCache()).isEqualTo("Miss from cloudfront");
    assertThat(h.get(TOKYO, ID, "/herd").xCache()).isEqualTo("Miss from cloudfront");
    assertThat(h.get(SYDNEY, ID, "/herd").xCache()).isEqualTo("Hit from cloudfront");
    assertThat(h.get(TOKYO, ID, "/herd").xCache()).isEqualTo("Hit from cloudfront");
    assertThat(h.origin.count("/herd")).isEqualTo(1);
    var shield = tiers().get("ORIGIN_SHIELD us-east-1");
    assertThat(shield.misses()).isEqualTo(1);
    assertThat(shield.hits()).isEqualTo(1);
  }
}
