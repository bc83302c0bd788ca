package dev.stratus.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.stratus.cloudfront.dataplane.CloudFrontEdge;
import dev.stratus.cloudfront.dataplane.EdgeConfigSource;
import dev.stratus.core.Extensions;
import dev.stratus.core.Settings;
import dev.stratus.core.StratusContext;
import dev.stratus.core.store.MemoryStore;
import dev.stratus.net.listener.ListenerRegistry;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudfront.model.CachePolicyConfig;
import software.amazon.awssdk.services.cloudfront.model.CustomOriginConfig;
import software.amazon.awssdk.services.cloudfront.model.DefaultCacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.OriginRequestPolicyConfig;
import software.amazon.awssdk.services.cloudfront.model.Origins;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyConfig;

/** {@code stratus cache ID} over the API port's {@code /_stratus/cloudfront/cache}, after real requests through an edge. */
class CacheCommandIT {
  static final String ID = "E7CACHECLI0001";

  @Test
  void printsEachTierWithHitsMissesAndOriginFetches() throws Exception {
    HttpServer origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    origin.createContext("/", ex -> {
      byte[] body = "cached".getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Cache-Control", "max-age=300");
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
    origin.start();
    var config = DistributionConfig.builder().callerReference("c").comment("").enabled(true)
        .origins(Origins.builder().quantity(1).items(Origin.builder().id("o").domainName("127.0.0.1")
            .customOriginConfig(CustomOriginConfig.builder().httpPort(origin.getAddress().getPort()).httpsPort(443)
                .originProtocolPolicy("http-only").build()).build()).build())
        .defaultCacheBehavior(DefaultCacheBehavior.builder().targetOriginId("o").viewerProtocolPolicy("allow-all")
            .minTTL(0L).build()).build();
    var distribution = new EdgeConfigSource.EdgeDistribution(ID, "arn:aws:cloudfront::123456789012:distribution/" + ID,
        "d111111abcdef8.cloudfront.net", config);
    EdgeConfigSource source = new EdgeConfigSource() {
      public Collection<EdgeDistribution> distributions() { return List.of(distribution); }
      public Optional<EdgeDistribution> distribution(String id) { return Optional.of(distribution).filter(d -> d.id().equals(id)); }
      public Optional<CachePolicyConfig> cachePolicy(String id) { return Optional.empty(); }
      public Optional<OriginRequestPolicyConfig> originRequestPolicy(String id) { return Optional.empty(); }
      public Optional<ResponseHeadersPolicyConfig> responseHeadersPolicy(String id) { return Optional.empty(); }
    };
    var extensions = new Extensions();
    extensions.provide(ListenerRegistry.class, new ListenerRegistry());
    extensions.provide(dev.stratus.net.http.VirtualHosts.class, new dev.stratus.net.http.VirtualHosts());
    var context = new StratusContext(new MemoryStore(), Clock.systemUTC(), Settings.ephemeral(0, 0), extensions);
    try (CloudFrontEdge edge = CloudFrontEdge.open(context, source, CloudFrontEdge.Settings.standard().withPort(0)).orElseThrow();
        ApiServer api = ApiServers.DEFAULT.start("127.0.0.1", 0, List.of(), Clock.systemUTC(), List::of, extensions)) {
      InetSocketAddress iad = edge.addressOf("IAD89").orElseThrow();
      for (int i = 0; i < 3; i++) get(iad, "d111111abcdef8.cloudfront.localhost", "/index.html");
      // the API port answers the distribution's name too (ARCHITECTURE "Addresses"), as the default edge
      get(new InetSocketAddress("127.0.0.1", api.port()), "d111111abcdef8.cloudfront.localhost:" + api.port(), "/index.html");

      CommandOutput out = CommandOutput.run("cache", ID, "--endpoint", "http://127.0.0.1:" + api.port());
      assertThat(out.exitCode()).isZero();
      assertThat(out.out()).contains("Distribution " + ID, "Origin fetches: 1");
      assertThat(out.out().lines().filter(l -> l.startsWith("edge ")).toList())
          .singleElement().satisfies(l -> assertThat(l.split("\\s+")).containsExactly("edge", "IAD89", "1", "3", "1", "0", "0", "1", "0",
              "0.0%")); // no evictions, a sliver of the 64 MiB budget
      assertThat(out.out()).containsPattern("regional-edge-cache\\s+us-east-1\\s+1\\s+0\\s+1\\s+0\\s+0\\s+1");
      assertThat(CommandOutput.run("cache", "ENOSUCHDIST", "--endpoint", "http://127.0.0.1:" + api.port()).exitCode())
          .isEqualTo(1);
    } finally {
      origin.stop(0);
    }
  }

  private static void get(InetSocketAddress edge, String host, String path) throws Exception {
    try (Socket s = new Socket(edge.getAddress(), edge.getPort())) {
      s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200");
    }
  }
}
