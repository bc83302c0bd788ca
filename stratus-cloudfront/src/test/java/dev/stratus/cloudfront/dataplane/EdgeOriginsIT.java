package dev.stratus.cloudfront.dataplane;

import static dev.stratus.cloudfront.dataplane.EdgeHarness.SYDNEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.cloudfront.dataplane.TestOrigin.Reply;
import dev.stratus.core.http.FilterSlot;
import dev.stratus.core.http.FilterVerdict;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudfront.model.AllowedMethods;
import software.amazon.awssdk.services.cloudfront.model.CacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.CacheBehaviors;
import software.amazon.awssdk.services.cloudfront.model.CachedMethods;
import software.amazon.awssdk.services.cloudfront.model.CustomErrorResponse;
import software.amazon.awssdk.services.cloudfront.model.CustomErrorResponses;
import software.amazon.awssdk.services.cloudfront.model.DefaultCacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.OriginGroup;
import software.amazon.awssdk.services.cloudfront.model.OriginGroupFailoverCriteria;
import software.amazon.awssdk.services.cloudfront.model.OriginGroupMember;
import software.amazon.awssdk.services.cloudfront.model.OriginGroupMembers;
import software.amazon.awssdk.services.cloudfront.model.OriginGroups;
import software.amazon.awssdk.services.cloudfront.model.Origins;
import software.amazon.awssdk.services.cloudfront.model.StatusCodes;

/** Origins and what the viewer gets back: failover, error caching, custom error pages, compression, protocol policy, WAF. */
class EdgeOriginsIT {
  static final String ID = "E3ORIGINS00001";
  EdgeHarness h;
  TestOrigin secondary;

  @BeforeEach
  void start() throws Exception {
    h = new EdgeHarness();
    secondary = new TestOrigin();
    h.source.cachePolicies.put("p", EdgeHarness.policy(0, 100, 1000));
  }

  @AfterEach
  void stop() {
    h.close();
    secondary.close();
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  private static AllowedMethods all() {
    return AllowedMethods.builder().quantity(7).itemsWithStrings("GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE")
        .cachedMethods(CachedMethods.builder().quantity(2).itemsWithStrings("GET", "HEAD").build()).build();
  }

  private void deployGroup(int primaryPort) {
    h.deploy(ID, h.config("p")
        .origins(Origins.builder().quantity(2).items(EdgeHarness.origin("primary", primaryPort),
            EdgeHarness.origin("secondary", secondary.port())).build())
        .originGroups(OriginGroups.builder().quantity(1).items(OriginGroup.builder().id("group")
            .failoverCriteria(OriginGroupFailoverCriteria.builder().statusCodes(
                StatusCodes.builder().quantity(2).items(500, 503).build()).build())
            .members(OriginGroupMembers.builder().quantity(2).items(OriginGroupMember.builder().originId("primary").build(),
                OriginGroupMember.builder().originId("secondary").build()).build()).build()).build())
        .defaultCacheBehavior(DefaultCacheBehavior.builder().targetOriginId("group").viewerProtocolPolicy("allow-all")
            .cachePolicyId("p").allowedMethods(all()).build())
        .build());
  }

  @Test
  void originGroupFailsOverOnConfiguredCodesAndRefusedConnectionsForGetOnly() throws Exception {
    deployGroup(h.origin.port());
    h.origin.on("/503", Reply.status(503)).on("/404", Reply.status(404));
    secondary.on("/503", Reply.ok("from secondary")).on("/404", Reply.ok("not used"));
    assertThat(h.get(SYDNEY, ID, "/503").text()).isEqualTo("from secondary");
    assertThat(h.get(SYDNEY, ID, "/404").status()).isEqualTo(404); // 404 is not in the failover criteria
    assertThat(secondary.count("/404")).isZero();
    var post = new Viewer(SYDNEY).send(h.edgeAddress(), "POST", EdgeHarness.host(ID), "/503", "HTTP/1.1",
        "x".getBytes(StandardCharsets.UTF_8));
    assertThat(post.status()).isEqualTo(503); // POST never fails over
    assertThat(secondary.count("/503")).isEqualTo(1);

    deployGroup(closedPort());
    secondary.on("/refused", Reply.ok("secondary after refusal"));
    assertThat(h.get(SYDNEY, ID, "/refused").text()).isEqualTo("secondary after refusal");
  }

  @Test
  void unreachableOriginIs502ErrorFromCloudFront() throws Exception {
    h.deploy(ID, h.config("p").origins(Origins.builder().quantity(1).items(EdgeHarness.origin("web", closedPort())).build())
        .build());
    var r = h.get(SYDNEY, ID, "/x");
    assertThat(r.status()).isEqualTo(502);
    assertThat(r.xCache()).isEqualTo("Error from cloudfront");
    assertThat(r.text()).contains("The request could not be satisfied");
  }

  @Test
  void errorsAreCachedTenSecondsByDefaultAndCustomErrorResponsesApply() throws Exception {
    h.deploy(ID, h.config("p").customErrorResponses(CustomErrorResponses.builder().quantity(1).items(
        CustomErrorResponse.builder().errorCode(404).responsePagePath("/errors/404.html").responseCode("200")
            .errorCachingMinTTL(60L).build()).build()).build());
    h.origin.on("/boom", Reply.status(500, "Cache-Control", "no-store"));
    h.origin.on("/missing", Reply.status(404));
    h.origin.on("/errors/404.html", Reply.ok("custom not found page", "Content-Type", "text/html"));

    var e1 = h.get(SYDNEY, ID, "/boom");
    assertThat(e1.status()).isEqualTo(500);
    assertThat(e1.xCache()).isEqualTo("Error from cloudfront");
    h.clock.advance(Duration.ofSeconds(9));
    h.get(SYDNEY, ID, "/boom");
    assertThat(h.origin.count("/boom")).isEqualTo(1);
    h.clock.advance(Duration.ofSeconds(2));
    h.get(SYDNEY, ID, "/boom");
    assertThat(h.origin.count("/boom")).isEqualTo(2);

    var page = h.get(SYDNEY, ID, "/missing");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.text()).isEqualTo("custom not found page");
    assertThat(page.xCache()).isEqualTo("Error from cloudfront");
    h.clock.advance(Duration.ofSeconds(59)); // ErrorCachingMinTTL 60 for 404
    h.get(SYDNEY, ID, "/missing");
    assertThat(h.origin.count("/missing")).isEqualTo(1);
    h.clock.advance(Duration.ofSeconds(2));
    h.get(SYDNEY, ID, "/missing");
    assertThat(h.origin.count("/missing")).isEqualTo(2);
  }

  @Test
  void anExpiredObjectIsServedWhileTheOriginFails() throws Exception {
    h.deploy(ID, h.config("p").build());
    h.origin.on("/s", Reply.ok("good copy", "Cache-Control", "max-age=5", "ETag", "\"g\""));
    h.get(SYDNEY, ID, "/s");
    h.origin.on("/s", Reply.status(503));
    h.clock.advance(Duration.ofSeconds(6));
    var r = h.get(SYDNEY, ID, "/s");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("good copy");
    // stale-if-error=0 from the origin stops that (cloudfront.md §11)
    h.origin.on("/z", Reply.ok("no stale", "Cache-Control", "max-age=5, stale-if-error=0"));
    h.get(SYDNEY, ID, "/z");
    h.origin.on("/z", Reply.status(503));
    h.clock.advance(Duration.ofSeconds(6));
    assertThat(h.get(SYDNEY, ID, "/z").status()).isEqualTo(503);
  }

  @Test
  void forwardingCookiesDisablesRequestCollapsing() throws Exception {
    var p = EdgeHarness.policy(0, 100, 1000);
    h.source.cachePolicies.put("cookies", p.toBuilder().parametersInCacheKeyAndForwardedToOrigin(
        p.parametersInCacheKeyAndForwardedToOrigin().toBuilder().cookiesConfig(
            software.amazon.awssdk.services.cloudfront.model.CachePolicyCookiesConfig.builder().cookieBehavior("all").build())
            .build()).build());
    h.deploy(ID, h.config("cookies").build());
    h.origin.on("/c", Reply.ok("per cookie").slow(Duration.ofMillis(800)));
    var go = new java.util.concurrent.CountDownLatch(1);
    try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      List<java.util.concurrent.Future<Viewer.Response>> all = new java.util.ArrayList<>();
      for (int i = 0; i < 10; i++) {
        all.add(pool.submit(() -> {
          go.await();
          return h.get(SYDNEY, ID, "/c", "Cookie", "session=same");
        }));
      }
      go.countDown();
      for (var f : all) assertThat(f.get().status()).isEqualTo(200);
    }
    assertThat(h.origin.count("/c")).isGreaterThan(1);
    assertThat(h.origin.seen.getFirst().header("Cookie")).isEqualTo("session=same");
  }

  @Test
  void compressesListedTypesBetweenAwsBounds() throws Exception {
    h.deploy(ID, h.config("p").defaultCacheBehavior(DefaultCacheBehavior.builder().targetOriginId("web")
        .viewerProtocolPolicy("allow-all").cachePolicyId("p").compress(true).build()).build());
    String big = "compress me ".repeat(200); // 2,400 bytes
    h.origin.on("/big.html", Reply.ok(big, "Content-Type", "text/html; charset=utf-8", "ETag", "\"b1\""));
    h.origin.on("/small.html", Reply.ok("tiny".repeat(100), "Content-Type", "text/html"));
    h.origin.on("/big.png", Reply.ok(big, "Content-Type", "image/png"));
    var gz = h.get(SYDNEY, ID, "/big.html", "Accept-Encoding", "gzip, br");
    assertThat(gz.header("content-encoding")).isEqualTo("gzip");
    assertThat(new String(new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo(big);
    assertThat(gz.body().length).isLessThan(big.length());
    assertThat(gz.header("etag")).isEqualTo("W/\"b1\"");
    assertThat(h.get(SYDNEY, ID, "/big.html").header("content-encoding")).isNull();
    assertThat(h.get(SYDNEY, ID, "/small.html", "Accept-Encoding", "gzip").header("content-encoding")).isNull();
    assertThat(h.get(SYDNEY, ID, "/big.png", "Accept-Encoding", "gzip").header("content-encoding")).isNull();
    var http10 = new Viewer(SYDNEY).send(h.edgeAddress(), "GET", EdgeHarness.host(ID), "/big.html", "HTTP/1.0", null,
        "Accept-Encoding", "gzip");
    assertThat(http10.header("content-encoding")).isNull();
  }

  @Test
  void brotliWhenViewerAndPolicyAllowItEachEncodingCachedApart() throws Exception {
    var p = EdgeHarness.policy(0, 100, 1000);
    h.source.cachePolicies.put("br", p.toBuilder().parametersInCacheKeyAndForwardedToOrigin(
        p.parametersInCacheKeyAndForwardedToOrigin().toBuilder().enableAcceptEncodingBrotli(true).build()).build());
    h.deploy(ID, h.config("br").defaultCacheBehavior(DefaultCacheBehavior.builder().targetOriginId("web")
        .viewerProtocolPolicy("allow-all").cachePolicyId("br").compress(true).build()).build());
    String big = "{\"brotli\": \"compress me\"}\n".repeat(150);
    h.origin.on("/data.json", Reply.ok(big, "Content-Type", "application/json", "ETag", "\"j1\"", "Vary", "Origin"));

    var br = h.get(SYDNEY, ID, "/data.json", "Accept-Encoding", "gzip, deflate, br");
    assertThat(br.header("content-encoding")).isEqualTo("br");
    assertThat(br.xCache()).isEqualTo("Miss from cloudfront");
    var decoded = com.aayushatharva.brotli4j.decoder.Decoder.decompress(br.body());
    assertThat(decoded.getResultStatus()).isEqualTo(com.aayushatharva.brotli4j.decoder.DecoderJNI.Status.DONE);
    assertThat(new String(decoded.getDecompressedData(), StandardCharsets.UTF_8)).isEqualTo(big);
    assertThat(br.body().length).isLessThan(big.length());
    assertThat(br.header("etag")).isEqualTo("W/\"j1\"");
    assertThat(br.header("vary")).isEqualTo("Origin, Accept-Encoding");
    assertThat(br.header("content-length")).isEqualTo(String.valueOf(br.body().length));
    // the same normalised key (br,gzip) hits; order, q-values and deflate do not matter
    assertThat(h.get(SYDNEY, ID, "/data.json", "Accept-Encoding", "br;q=1.0, gzip;q=0.5").xCache())
        .isEqualTo("Hit from cloudfront");

    // a gzip-only viewer is another key: its own miss, and gzip
    var gz = h.get(SYDNEY, ID, "/data.json", "Accept-Encoding", "gzip");
    assertThat(gz.xCache()).isEqualTo("Miss from cloudfront");
    assertThat(gz.header("content-encoding")).isEqualTo("gzip");
    assertThat(new String(new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo(big);
    assertThat(h.get(SYDNEY, ID, "/data.json", "Accept-Encoding", "gzip").xCache()).isEqualTo("Hit from cloudfront");
    // br alone is a third key; no Accept-Encoding a fourth, served as the origin gave it
    var brOnly = h.get(SYDNEY, ID, "/data.json", "Accept-Encoding", "br");
    assertThat(brOnly.xCache()).isEqualTo("Miss from cloudfront");
    assertThat(brOnly.header("content-encoding")).isEqualTo("br");
    var plain = h.get(SYDNEY, ID, "/data.json");
    assertThat(plain.header("content-encoding")).isNull();
    assertThat(plain.header("vary")).isEqualTo("Origin");
    assertThat(new String(plain.body(), StandardCharsets.UTF_8)).isEqualTo(big);
    assertThat(h.origin.seen.stream().filter(s -> s.uri().equals("/data.json")).map(s -> s.header("Accept-Encoding")).toList())
        .containsExactly("br,gzip", "gzip", "br", null);

    // below 1,000 bytes nothing is compressed, brotli included
    h.origin.on("/tiny.json", Reply.ok("{}", "Content-Type", "application/json"));
    assertThat(h.get(SYDNEY, ID, "/tiny.json", "Accept-Encoding", "br").header("content-encoding")).isNull();
  }

  @Test
  void gzipWhereBrotliCannotLoadOrThePolicyLeavesItOut() {
    assertThat(EdgeRouter.contentCoding("br,gzip", true)).isEqualTo("br");
    assertThat(EdgeRouter.contentCoding("br,gzip", false)).isEqualTo("gzip");
    assertThat(EdgeRouter.contentCoding("br", false)).isNull();
    assertThat(EdgeRouter.contentCoding("gzip", true)).isEqualTo("gzip");
    assertThat(EdgeRouter.contentCoding("", true)).isNull();
  }

  @Test
  void viewerProtocolPolicyRedirectsOrRefusesHttp() throws Exception {
    h.deploy(ID, h.config("p")
        .defaultCacheBehavior(DefaultCacheBehavior.builder().targetOriginId("web").viewerProtocolPolicy("redirect-to-https")
            .cachePolicyId("p").allowedMethods(all()).build())
        .cacheBehaviors(CacheBehaviors.builder().quantity(1).items(CacheBehavior.builder().pathPattern("/secure/*")
            .targetOriginId("web").viewerProtocolPolicy("https-only").cachePolicyId("p").build()).build())
        .build());
    var get = h.get(SYDNEY, ID, "/page?q=1");
    assertThat(get.status()).isEqualTo(301);
    assertThat(get.header("location")).isEqualTo("https://" + EdgeHarness.host(ID) + "/page?q=1");
    assertThat(get.xCache()).isEqualTo("Redirect from cloudfront");
    var viewer = new Viewer(SYDNEY);
    assertThat(viewer.send(h.edgeAddress(), "POST", EdgeHarness.host(ID), "/form", "HTTP/1.1", new byte[1]).status())
        .isEqualTo(307);
    assertThat(viewer.send(h.edgeAddress(), "POST", EdgeHarness.host(ID), "/form", "HTTP/1.0", new byte[1]).status())
        .isEqualTo(403);
    assertThat(h.get(SYDNEY, ID, "/secure/x").status()).isEqualTo(403);
    assertThat(h.origin.total()).isZero();
  }

  @Test
  void proxyMethodsSkipTheCachesAndDisallowedMethodsAre403() throws Exception {
    h.deploy(ID, h.config("p").defaultCacheBehavior(DefaultCacheBehavior.builder().targetOriginId("web")
        .viewerProtocolPolicy("allow-all").cachePolicyId("p").allowedMethods(all()).build())
        .cacheBehaviors(CacheBehaviors.builder().quantity(1).items(CacheBehavior.builder().pathPattern("/ro/*")
            .targetOriginId("web").viewerProtocolPolicy("allow-all").cachePolicyId("p").build()).build()).build());
    var viewer = new Viewer(SYDNEY);
    for (int i = 0; i < 2; i++) {
      var r = viewer.send(h.edgeAddress(), "POST", EdgeHarness.host(ID), "/api", "HTTP/1.1",
          "{\"a\":1}".getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
      assertThat(r.xCache()).isEqualTo("Miss from cloudfront");
    }
    assertThat(h.origin.count("/api")).isEqualTo(2);
    assertThat(h.origin.seen.getLast().method()).isEqualTo("POST");
    assertThat(h.origin.seen.getLast().header("Content-Type")).isEqualTo("application/json");
    assertThat(viewer.send(h.edgeAddress(), "DELETE", EdgeHarness.host(ID), "/ro/x", "HTTP/1.1", null).status())
        .isEqualTo(403);
    assertThat(h.edge.cacheStats(ID).orElseThrow()).isEmpty();
  }

  @Test
  void cachingDisabledSendsEveryRequestToTheOrigin() throws Exception {
    h.deploy(ID, h.config(CompiledDistribution.CACHING_DISABLED).build());
    h.get(SYDNEY, ID, "/nc");
    assertThat(h.get(SYDNEY, ID, "/nc").xCache()).isEqualTo("Miss from cloudfront");
    assertThat(h.origin.count("/nc")).isEqualTo(2);
  }

  @Test
  void theDistributionsWebAclRunsInTheWafSlotByItsArn() throws Exception {
    h.deploy(ID, h.config("p").build());
    h.filters.register("arn:aws:cloudfront::123456789012:distribution/" + ID, FilterSlot.WAF,
        req -> req.path().startsWith("/admin") ? new FilterVerdict.Respond(403, Map.of("Content-Type", "text/plain"),
            "blocked by waf".getBytes(StandardCharsets.UTF_8)) : FilterVerdict.CONTINUE);
    var blocked = h.get(SYDNEY, ID, "/admin");
    assertThat(blocked.status()).isEqualTo(403);
    assertThat(blocked.text()).isEqualTo("blocked by waf");
    assertThat(blocked.xCache()).isEqualTo("Error from cloudfront");
    assertThat(h.get(SYDNEY, ID, "/open").status()).isEqualTo(200);
    assertThat(h.origin.count("/admin")).isZero();
  }

  @Test
  void anUnknownHostIs403() throws Exception {
    var r = new Viewer(SYDNEY).get(h.edgeAddress(), "nothing.cloudfront.localhost", "/");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.xCache()).isEqualTo("Error from cloudfront");
  }
}
