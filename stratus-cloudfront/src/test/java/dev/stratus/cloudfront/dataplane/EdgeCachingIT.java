package dev.stratus.cloudfront.dataplane;

import static dev.stratus.cloudfront.dataplane.EdgeHarness.SYDNEY;
import static dev.stratus.cloudfront.dataplane.EdgeHarness.TOKYO;
import static dev.stratus.cloudfront.dataplane.EdgeHarness.UNPLACED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.cloudfront.dataplane.TestOrigin.Reply;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudfront.model.CacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.CacheBehaviors;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.Origins;

/** Caching through real sockets: response headers, behavior order, each TTL rule on a moved clock, cache keys. */
class EdgeCachingIT {
  static final String ID = "E2QWRUHAPOMQZL";
  EdgeHarness h;

  @BeforeEach
  void start() throws Exception {
    h = new EdgeHarness();
    h.source.cachePolicies.put("p", EdgeHarness.policy(0, 100, 1000, "v"));
    h.source.cachePolicies.put("min30", EdgeHarness.policy(30, 100, 1000));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private void deployDefault() {
    h.deploy(ID, h.config("p").cacheBehaviors(CacheBehaviors.builder().quantity(1).items(
        CacheBehavior.builder().pathPattern("/min/*").targetOriginId("web").viewerProtocolPolicy("allow-all")
            .cachePolicyId("min30").build()).build()).build());
  }

  @Test
  void anUnplacedViewer_isServedByTheEdgeNearestTheConfiguredDefaultClientLocation() throws Exception {
    h.close();
    h = new EdgeHarness(s -> s, l -> l.withDefault("ap-southeast-2"));
    deployDefault();
    h.origin.on("/a", Reply.ok("hello", "Cache-Control", "max-age=60", "Content-Type", "text/plain"));
    // connected to the default edge DNS names, placed by nothing: stands in Sydney
    assertThat(h.get(UNPLACED, ID, "/a").header("x-amz-cf-pop")).isEqualTo("SYD62-C1");
    assertThat(h.get(TOKYO, ID, "/a").header("x-amz-cf-pop")).isEqualTo("NRT57-C1"); // placed viewers keep their place
    // a viewer that picked an edge by its address is served there
    var london = h.edge.addressOf("LHR61").orElseThrow();
    assertThat(new Viewer(UNPLACED).get(london, EdgeHarness.host(ID), "/a").header("x-amz-cf-pop")).isEqualTo("LHR61-C1");
  }

  private String httpDate(long secondsFromNow) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(h.clock.instant().plusSeconds(secondsFromNow).atZone(ZoneOffset.UTC));
  }

  @Test
  void missThenHitWithCloudFrontHeadersAndTheNameResolvesToTheDefaultEdge() throws Exception {
    deployDefault();
    h.origin.on("/a", Reply.ok("hello", "Cache-Control", "max-age=60", "Content-Type", "text/plain"));
    var first = h.get(SYDNEY, ID, "/a");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.text()).isEqualTo("hello");
    assertThat(first.xCache()).isEqualTo("Miss from cloudfront");
    assertThat(first.header("x-amz-cf-pop")).isEqualTo("SYD62-C1");
    assertThat(first.header("x-amz-cf-id")).hasSize(56);
    assertThat(first.header("via")).matches("1\\.1 [0-9a-f]{32}\\.cloudfront\\.net \\(CloudFront\\)");
    assertThat(first.header("age")).isNull();
    h.clock.advance(Duration.ofSeconds(7));
    var second = h.get(SYDNEY, ID, "/a");
    assertThat(second.xCache()).isEqualTo("Hit from cloudfront");
    assertThat(second.header("age")).isEqualTo("7");
    assertThat(h.origin.count("/a")).isEqualTo(1);
    // the origin saw what CloudFront sends (cloudfront.md §16)
    var seen = h.origin.seen.getFirst();
    assertThat(seen.header("User-Agent")).isEqualTo("Amazon CloudFront");
    assertThat(seen.header("X-Forwarded-For")).isEqualTo(SYDNEY);
    assertThat(seen.header("X-Amz-Cf-Id")).isEqualTo(first.header("x-amz-cf-id"));
    assertThat(seen.header("Host")).isEqualTo("127.0.0.1");
    // Tokyo has its own edge: a miss there
    assertThat(h.get(TOKYO, ID, "/a").header("x-amz-cf-pop")).isEqualTo("NRT57-C1");
    // an unplaced viewer is served by the edge it connected to, the one DNS names
    assertThat(h.get(UNPLACED, ID, "/a").header("x-amz-cf-pop")).isEqualTo("IAD89-C1");
    assertThat(h.dns.find(EdgeHarness.host(ID)).orElseThrow().addresses()).containsExactly(h.edgeAddress().getAddress());
    assertThat(h.dns.find("d" + ID.toLowerCase() + ".cloudfront.localhost")).isPresent();
    // AWS's own name too: what a Route 53 alias to the distribution names
    assertThat(h.dns.find("d" + ID.toLowerCase() + ".cloudfront.net").orElseThrow().addresses())
        .containsExactly(h.edgeAddress().getAddress());
  }

  @Test
  void firstMatchingBehaviorWinsNotTheMostSpecific() throws Exception {
    Origin a = EdgeHarness.origin("a", h.origin.port()).toBuilder().originPath("/from-a").build();
    Origin b = EdgeHarness.origin("b", h.origin.port()).toBuilder().originPath("/from-b").build();
    h.deploy(ID, h.config("p").origins(Origins.builder().quantity(3).items(EdgeHarness.origin("web", h.origin.port()), a, b).build())
        .cacheBehaviors(CacheBehaviors.builder().quantity(2).items(
            CacheBehavior.builder().pathPattern("images/*").targetOriginId("a").viewerProtocolPolicy("allow-all").cachePolicyId("p").build(),
            CacheBehavior.builder().pathPattern("images/*.jpg").targetOriginId("b").viewerProtocolPolicy("allow-all").cachePolicyId("p").build())
            .build()).build());
    assertThat(h.get(SYDNEY, ID, "/images/x/logo.jpg").text()).isEqualTo("echo /from-a/images/x/logo.jpg");
    assertThat(h.get(SYDNEY, ID, "/IMAGES/logo.jpg").text()).isEqualTo("echo /IMAGES/logo.jpg");
  }

  @Test
  void maxAgeDecidesWhenTheObjectExpires() throws Exception {
    deployDefault();
    h.origin.on("/m", Reply.ok("m", "Cache-Control", "max-age=50"));
    h.get(SYDNEY, ID, "/m");
    h.clock.advance(Duration.ofSeconds(49));
    assertThat(h.get(SYDNEY, ID, "/m").xCache()).isEqualTo("Hit from cloudfront");
    h.clock.advance(Duration.ofSeconds(2));
    assertThat(h.get(SYDNEY, ID, "/m").xCache()).isEqualTo("Miss from cloudfront");
    assertThat(h.origin.count("/m")).isEqualTo(2);
  }

  @Test
  void sMaxAgeBeatsMaxAgeAndMaxAgeBeatsExpires() throws Exception {
    deployDefault();
    h.origin.on("/s", Reply.ok("s", "Cache-Control", "max-age=500, s-maxage=20"));
    h.origin.on("/e", Reply.ok("e", "Cache-Control", "max-age=40", "Expires", httpDate(500)));
    h.get(SYDNEY, ID, "/s");
    h.get(SYDNEY, ID, "/e");
    h.clock.advance(Duration.ofSeconds(21));
    assertThat(h.get(SYDNEY, ID, "/s").xCache()).isEqualTo("Miss from cloudfront");
    assertThat(h.get(SYDNEY, ID, "/e").xCache()).isEqualTo("Hit from cloudfront");
    h.clock.advance(Duration.ofSeconds(20));
    assertThat(h.get(SYDNEY, ID, "/e").xCache()).isEqualTo("Miss from cloudfront");
  }

  @Test
  void expiresAloneAndNoHeadersTakeDefaultTtlAndMaxTtlClamps() throws Exception {
    deployDefault();
    h.origin.on("/x", Reply.ok("x", "Expires", httpDate(30)));
    h.origin.on("/d", Reply.ok("d"));
    h.origin.on("/big", Reply.ok("big", "Cache-Control", "max-age=99999"));
    for (String p : List.of("/x", "/d", "/big")) h.get(SYDNEY, ID, p);
    h.clock.advance(Duration.ofSeconds(29));
    assertThat(h.get(SYDNEY, ID, "/x").xCache()).isEqualTo("Hit from cloudfront");
    h.clock.advance(Duration.ofSeconds(2));
    assertThat(h.get(SYDNEY, ID, "/x").xCache()).isEqualTo("Miss from cloudfront");
    h.clock.advance(Duration.ofSeconds(68)); // 99 s after the fill: DefaultTTL 100 still holds
    assertThat(h.get(SYDNEY, ID, "/d").xCache()).isEqualTo("Hit from cloudfront");
    h.clock.advance(Duration.ofSeconds(2));
    assertThat(h.get(SYDNEY, ID, "/d").xCache()).isEqualTo("Miss from cloudfront");
    h.clock.advance(Duration.ofSeconds(900)); // 1,001 s: MaxTTL 1000 clamps max-age=99999
    assertThat(h.get(SYDNEY, ID, "/big").xCache()).isEqualTo("Miss from cloudfront");
  }

  @Test
  void noStoreIsHonouredOnlyWithMinTtlZeroAndRevalidatesAfterMinTtl() throws Exception {
    deployDefault();
    h.origin.on("/ns", Reply.ok("ns", "Cache-Control", "no-store"));
    h.origin.on("/min/ns", Reply.ok("mns", "Cache-Control", "private, no-cache", "ETag", "\"v1\""));
    h.get(SYDNEY, ID, "/ns");
    assertThat(h.get(SYDNEY, ID, "/ns").xCache()).isEqualTo("Miss from cloudfront");
    assertThat(h.origin.count("/ns")).isEqualTo(2);
    h.get(SYDNEY, ID, "/min/ns");
    h.clock.advance(Duration.ofSeconds(29));
    assertThat(h.get(SYDNEY, ID, "/min/ns").xCache()).isEqualTo("Hit from cloudfront");
    assertThat(h.origin.count("/min/ns")).isEqualTo(1);
    h.clock.advance(Duration.ofSeconds(2));
    var refreshed = h.get(SYDNEY, ID, "/min/ns");
    assertThat(refreshed.xCache()).isEqualTo("RefreshHit from cloudfront");
    assertThat(refreshed.text()).isEqualTo("mns");
    assertThat(h.origin.seen.getLast().header("If-None-Match")).isEqualTo("\"v1\"");
  }

  @Test
  void minTtlRaisesAShortMaxAge() throws Exception {
    deployDefault();
    h.origin.on("/min/short", Reply.ok("short", "Cache-Control", "max-age=1"));
    h.get(SYDNEY, ID, "/min/short");
    h.clock.advance(Duration.ofSeconds(20));
    assertThat(h.get(SYDNEY, ID, "/min/short").xCache()).isEqualTo("Hit from cloudfront");
  }

  @Test
  void cacheKeyHoldsWhitelistedQueryStringsAndNormalisedAcceptEncoding() throws Exception {
    deployDefault();
    h.get(SYDNEY, ID, "/k?v=1&x=1");
    assertThat(h.get(SYDNEY, ID, "/k?x=2&v=1").xCache()).isEqualTo("Hit from cloudfront");
    assertThat(h.get(SYDNEY, ID, "/k?v=2").xCache()).isEqualTo("Miss from cloudfront");
    assertThat(h.origin.seen.getFirst().uri()).isEqualTo("/k?v=1"); // x is neither in the key nor forwarded
    h.get(SYDNEY, ID, "/z", "Accept-Encoding", "gzip, deflate");
    assertThat(h.get(SYDNEY, ID, "/z", "Accept-Encoding", "deflate, gzip;q=0.8").xCache()).isEqualTo("Hit from cloudfront");
    assertThat(h.get(SYDNEY, ID, "/z", "Accept-Encoding", "identity").xCache()).isEqualTo("Miss from cloudfront");
    assertThat(h.get(SYDNEY, ID, "/z").xCache()).isEqualTo("Hit from cloudfront");
    assertThat(h.origin.seen.stream().filter(s -> s.uri().equals("/z")).map(s -> s.header("Accept-Encoding")).toList())
        .containsExactly("gzip", null);
  }

  @Test
  void invalidationPurgesEveryTier() throws Exception {
    deployDefault();
    h.origin.on("/i/1", Reply.ok("one", "Cache-Control", "max-age=600"));
    h.get(SYDNEY, ID, "/i/1");
    h.get(SYDNEY, ID, "/keep");
    assertThat(h.edge.invalidate(ID, List.of("/i/*"))).isEqualTo(2); // the edge and its regional edge cache
    assertThat(h.get(SYDNEY, ID, "/i/1").xCache()).isEqualTo("Miss from cloudfront");
    assertThat(h.get(SYDNEY, ID, "/keep").xCache()).isEqualTo("Hit from cloudfront");
    assertThat(h.origin.count("/i/1")).isEqualTo(2);
    String report = h.edge.cacheReport(ID).orElseThrow();
    assertThat(report).contains("edge", "SYD62", "regional-edge-cache", "ap-southeast-2", "Origin fetches: 3");
  }
}
