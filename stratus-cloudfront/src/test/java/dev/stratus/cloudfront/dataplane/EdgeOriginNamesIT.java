package dev.stratus.cloudfront.dataplane;

import dev.stratus.core.testing.MutableClock;

import static dev.stratus.cloudfront.dataplane.EdgeHarness.SYDNEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.cloudfront.dataplane.TestOrigin.Reply;
import dev.stratus.core.dns.DnsTarget;
import dev.stratus.core.s3.BucketOrigin;
import dev.stratus.core.s3.OriginRequest;
import dev.stratus.core.s3.OriginResponse;
import dev.stratus.net.geo.ClientLocator;
import dev.stratus.net.geo.LatencyModel;
import dev.stratus.net.geo.UserLocationTable;
import dev.stratus.net.listener.ListenerRegistry;
import dev.stratus.net.transport.Transport;
import dev.stratus.core.net.LoopbackPool;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudfront.model.CustomOriginConfig;
import software.amazon.awssdk.services.cloudfront.model.DefaultCacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.OriginGroup;
import software.amazon.awssdk.services.cloudfront.model.OriginGroupFailoverCriteria;
import software.amazon.awssdk.services.cloudfront.model.OriginGroupMember;
import software.amazon.awssdk.services.cloudfront.model.OriginGroupMembers;
import software.amazon.awssdk.services.cloudfront.model.OriginGroups;
import software.amazon.awssdk.services.cloudfront.model.Origins;
import software.amazon.awssdk.services.cloudfront.model.S3OriginConfig;
import software.amazon.awssdk.services.cloudfront.model.StatusCodes;

/** Origins named as AWS names them: an ALB's DNS name, an S3 bucket's REST endpoint; a slow primary fails over. */
class EdgeOriginNamesIT {
  static final String ID = "E4NAMES0000001";

  @Test
  void anAlbOriginIsReachedByItsAwsNameThroughStratusDns() throws Exception {
    try (EdgeHarness h = new EdgeHarness()) {
      h.source.cachePolicies.put("p", EdgeHarness.policy(0, 100, 1000));
      h.dns.put(new DnsTarget("web-123.us-east-1.elb.localhost", List.of(InetAddress.getByName("127.0.0.1")), 60, true));
      Origin alb = Origin.builder().id("alb").domainName("web-123.us-east-1.elb.amazonaws.com")
          .customOriginConfig(CustomOriginConfig.builder().httpPort(h.origin.port()).httpsPort(443)
              .originProtocolPolicy("http-only").build()).build();
      h.deploy(ID, h.config("p").origins(Origins.builder().quantity(1).items(alb).build())
          .defaultCacheBehavior(DefaultCacheBehavior.builder().targetOriginId("alb").viewerProtocolPolicy("allow-all")
              .cachePolicyId("p").build()).build());
      var r = h.get(SYDNEY, ID, "/dynamic");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.text()).isEqualTo("echo /dynamic");
      assertThat(h.origin.seen.getFirst().header("Host")).isEqualTo("web-123.us-east-1.elb.amazonaws.com");
    }
  }

  @Test
  void anAlbListenerMovedToItsSubstitutePortIsReachedThere() throws Exception {
    try (EdgeHarness h = new EdgeHarness()) {
      h.source.cachePolicies.put("p", EdgeHarness.policy(0, 100, 1000));
      h.dns.put(new DnsTarget("web-456.us-east-1.elb.localhost", List.of(InetAddress.getByName("127.0.0.1")), 60, true));
      // what the ALB's data plane records when :80 cannot be bound: asked for :80, listening elsewhere
      h.listeners.register(new ListenerRegistry.Listener("ALB web-456 HTTP:80", "http",
          new java.net.InetSocketAddress("127.0.0.1", 80), new java.net.InetSocketAddress("127.0.0.1", h.origin.port()),
          "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web-456/1"));
      Origin alb = Origin.builder().id("alb").domainName("web-456.us-east-1.elb.amazonaws.com")
          .customOriginConfig(CustomOriginConfig.builder().httpPort(80).httpsPort(443).originProtocolPolicy("http-only").build())
          .build();
      h.deploy(ID, h.config("p").origins(Origins.builder().quantity(1).items(alb).build())
          .defaultCacheBehavior(DefaultCacheBehavior.builder().targetOriginId("alb").viewerProtocolPolicy("allow-all")
              .cachePolicyId("p").build()).build());
      assertThat(h.get(SYDNEY, ID, "/moved").text()).isEqualTo("echo /moved");
    }
  }

  @Test
  void anUnplacedViewerIsAtTheConfiguredDefaultCity() throws Exception {
    var source = new EdgeHarness.MapSource();
    try (TestOrigin origin = new TestOrigin();
        CloudFrontEdge edge = new CloudFrontEdge(CloudFrontEdge.Settings.standard().withPort(0).withDefaultViewerCity("Frankfurt"),
            source, java.time.Clock.systemUTC(), Transport.shared(), new ListenerRegistry(), new LoopbackPool(),
            dev.stratus.core.dns.DnsTargetRegistry.inMemory(), new dev.stratus.core.http.HttpFilterRegistry(),
            ClientLocator.standard(UserLocationTable.empty()), LatencyModel.standard(), Optional.empty()).start()) {
      var config = DistributionConfig.builder().callerReference("f").comment("").enabled(true)
          .origins(Origins.builder().quantity(1).items(EdgeHarness.origin("web", origin.port())).build())
          .defaultCacheBehavior(DefaultCacheBehavior.builder().targetOriginId("web").viewerProtocolPolicy("allow-all")
              .minTTL(0L).build()).build();
      source.distributions.put(ID, new EdgeConfigSource.EdgeDistribution(ID, "arn:aws:cloudfront::123456789012:distribution/" + ID,
          "d333.cloudfront.net", config));
      edge.deploy(ID);
      var r = new Viewer(EdgeHarness.UNPLACED).get(edge.addressOf("IAD89").orElseThrow(), "d333.cloudfront.net", "/");
      assertThat(r.header("x-amz-cf-pop")).isEqualTo("FRA56-C1");
    }
  }

  @Test
  void aSlowPrimaryTimesOutAndTheSecondaryAnswers() throws Exception {
    try (EdgeHarness h = new EdgeHarness(); TestOrigin secondary = new TestOrigin()) {
      h.source.cachePolicies.put("p", EdgeHarness.policy(0, 100, 1000));
      h.origin.on("/slow", Reply.ok("too late").slow(Duration.ofMillis(2500)));
      secondary.on("/slow", Reply.ok("secondary in time"));
      Origin primary = EdgeHarness.origin("primary", h.origin.port()).toBuilder()
          .customOriginConfig(CustomOriginConfig.builder().httpPort(h.origin.port()).httpsPort(443)
              .originProtocolPolicy("http-only").originReadTimeout(1).build()).build();
      h.deploy(ID, h.config("p")
          .origins(Origins.builder().quantity(2).items(primary, EdgeHarness.origin("secondary", secondary.port())).build())
          .originGroups(OriginGroups.builder().quantity(1).items(OriginGroup.builder().id("g")
              .failoverCriteria(OriginGroupFailoverCriteria.builder().statusCodes(StatusCodes.builder().quantity(1).items(500).build()).build())
              .members(OriginGroupMembers.builder().quantity(2).items(OriginGroupMember.builder().originId("primary").build(),
                  OriginGroupMember.builder().originId("secondary").build()).build()).build()).build())
          .defaultCacheBehavior(DefaultCacheBehavior.builder().targetOriginId("g").viewerProtocolPolicy("allow-all")
              .cachePolicyId("p").build()).build());
      assertThat(h.get(SYDNEY, ID, "/slow").text()).isEqualTo("secondary in time");
    }
  }

  @Test
  void anS3OriginIsFetchedThroughBucketOriginWithTheDistributionArnUnderOac() throws Exception {
    List<OriginRequest> asked = new CopyOnWriteArrayList<>();
    BucketOrigin buckets = new BucketOrigin() {
      @Override
      public boolean holds(String bucket) { return bucket.equals("site-bucket"); }

      @Override
      public CompletableFuture<OriginResponse> fetch(OriginRequest request) {
        asked.add(request);
        return CompletableFuture.completedFuture(new OriginResponse(200,
            Map.of("content-type", List.of("text/html"), "etag", List.of("\"abc\"")),
            ("object " + request.key()).getBytes(StandardCharsets.UTF_8)));
      }
    };
    var source = new EdgeHarness.MapSource();
    var clock = new MutableClock(java.time.Instant.parse("2026-12-07T04:00:00Z"));
    try (CloudFrontEdge edge = new CloudFrontEdge(CloudFrontEdge.Settings.standard().withPort(0), source, clock,
        Transport.shared(), new ListenerRegistry(), new LoopbackPool(), dev.stratus.core.dns.DnsTargetRegistry.inMemory(),
        new dev.stratus.core.http.HttpFilterRegistry(),
        ClientLocator.standard(UserLocationTable.empty().withCity("127.61.0.0/16", "Sydney")), LatencyModel.standard(),
        Optional.of(buckets)).start()) {
      String arn = "arn:aws:cloudfront::123456789012:distribution/" + ID;
      var config = DistributionConfig.builder().callerReference("s3").comment("").enabled(true).defaultRootObject("index.html")
          .origins(Origins.builder().quantity(1).items(Origin.builder().id("s3").domainName("site-bucket.s3.us-east-1.amazonaws.com")
              .s3OriginConfig(S3OriginConfig.builder().originAccessIdentity("").build()).originAccessControlId("E2OAC").build()).build())
          .defaultCacheBehavior(DefaultCacheBehavior.builder().targetOriginId("s3").viewerProtocolPolicy("allow-all")
              .cachePolicyId(CompiledDistribution.CACHING_OPTIMIZED).build()).build();
      source.distributions.put(ID, new EdgeConfigSource.EdgeDistribution(ID, arn, "d222.cloudfront.net", config));
      edge.deploy(ID);
      var viewer = new Viewer(SYDNEY);
      var root = viewer.get(edge.addressOf("IAD89").orElseThrow(), "d222.cloudfront.localhost", "/");
      assertThat(root.text()).isEqualTo("object index.html");
      var doc = viewer.get(edge.addressOf("IAD89").orElseThrow(), "d222.cloudfront.localhost", "/docs/a%20b.html");
      assertThat(doc.text()).isEqualTo("object docs/a b.html");
      assertThat(viewer.get(edge.addressOf("IAD89").orElseThrow(), "d222.cloudfront.localhost", "/").xCache())
          .isEqualTo("Hit from cloudfront");
      assertThat(asked).hasSize(2);
      // from Ashburn the bucket is in the regional edge cache's own Region: no REC hop (cloudfront.md §13)
      var ashburn = new Viewer(EdgeHarness.UNPLACED).get(edge.addressOf("IAD89").orElseThrow(), "d222.cloudfront.localhost", "/");
      assertThat(ashburn.header("x-amz-cf-pop")).isEqualTo("IAD89-C1");
      assertThat(edge.cacheStats(ID).orElseThrow()).extracting(s -> s.kind() + " " + s.name())
          .containsExactlyInAnyOrder("EDGE IAD89", "EDGE SYD62", "REGIONAL_EDGE_CACHE ap-southeast-2");
      assertThat(asked.getFirst().oacSourceArn()).isEqualTo(arn);
      assertThat(asked.getFirst().method()).isEqualTo("GET");
    }
  }
}
