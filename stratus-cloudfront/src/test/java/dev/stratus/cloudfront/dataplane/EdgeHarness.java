package dev.stratus.cloudfront.dataplane;

import dev.stratus.core.testing.MutableClock;

import dev.stratus.core.dns.DnsTargetRegistry;
import dev.stratus.core.http.HttpFilterRegistry;
import dev.stratus.core.net.LoopbackPool;
import dev.stratus.net.geo.ClientLocator;
import dev.stratus.net.geo.LatencyModel;
import dev.stratus.net.geo.UserLocationTable;
import dev.stratus.net.listener.ListenerRegistry;
import dev.stratus.net.transport.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.cloudfront.model.CachePolicyConfig;
import software.amazon.awssdk.services.cloudfront.model.CachePolicyCookiesConfig;
import software.amazon.awssdk.services.cloudfront.model.CachePolicyHeadersConfig;
import software.amazon.awssdk.services.cloudfront.model.CachePolicyQueryStringsConfig;
import software.amazon.awssdk.services.cloudfront.model.CustomOriginConfig;
import software.amazon.awssdk.services.cloudfront.model.DefaultCacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.OriginRequestPolicyConfig;
import software.amazon.awssdk.services.cloudfront.model.Origins;
import software.amazon.awssdk.services.cloudfront.model.ParametersInCacheKeyAndForwardedToOrigin;
import software.amazon.awssdk.services.cloudfront.model.QueryStringNames;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyConfig;

/**
 * An edge with every standard edge location on port 0, a manual clock, an origin, and an
 * {@link EdgeConfigSource} the test fills with SDK configs. 127.61/16 is in Sydney, 127.62/16 in
 * Tokyo, 127.63/16 in Osaka; 127.0.0.1 is unplaced.
 */
final class EdgeHarness implements AutoCloseable {
  static final String SYDNEY = "127.61.0.1";
  static final String TOKYO = "127.62.0.1";
  static final String OSAKA = "127.63.0.1";
  static final String UNPLACED = "127.0.0.1";

  final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T04:00:00Z"));
  final TestOrigin origin;
  final DnsTargetRegistry dns = DnsTargetRegistry.inMemory();
  final HttpFilterRegistry filters = new HttpFilterRegistry();
  final ListenerRegistry listeners = new ListenerRegistry();
  final MapSource source = new MapSource();
  final CloudFrontEdge edge;

  EdgeHarness() throws IOException {
    this(s -> s);
  }

  EdgeHarness(java.util.function.UnaryOperator<CloudFrontEdge.Settings> settings) throws IOException {
    this(settings, l -> l);
  }

  /** With the viewer locator changed, e.g. {@code l -> l.withDefault("ap-southeast-2")}. */
  EdgeHarness(java.util.function.UnaryOperator<CloudFrontEdge.Settings> settings,
      java.util.function.UnaryOperator<ClientLocator> locator) throws IOException {
    origin = new TestOrigin();
    UserLocationTable table = UserLocationTable.empty().withCity("127.61.0.0/16", "Sydney")
        .withCity("127.62.0.0/16", "Tokyo").withCity("127.63.0.0/16", "Osaka");
    edge = new CloudFrontEdge(settings.apply(CloudFrontEdge.Settings.standard().withPort(0)), source, clock, Transport.shared(),
        listeners, new LoopbackPool(), dns, filters, locator.apply(ClientLocator.standard(table)), LatencyModel.standard(),
        Optional.empty()).start();
  }

  /** The default edge's listener: where the distribution's DNS name points. */
  InetSocketAddress edgeAddress() {
    return edge.addressOf("IAD89").orElseThrow();
  }

  static String host(String id) {
    return id.toLowerCase() + ".cloudfront.localhost";
  }

  void deploy(String id, DistributionConfig config) {
    source.distributions.put(id, new EdgeConfigSource.EdgeDistribution(id, "arn:aws:cloudfront::123456789012:distribution/" + id,
        "d" + id.toLowerCase() + ".cloudfront.net", config));
    edge.deploy(id);
  }

  Viewer.Response get(String from, String id, String path, String... headers) throws IOException {
    return new Viewer(from).get(edgeAddress(), host(id), path, headers);
  }

  /** A custom origin at 127.0.0.1:{@code port}. */
  static Origin origin(String id, int port) {
    return Origin.builder().id(id).domainName("127.0.0.1").connectionAttempts(1).connectionTimeout(2)
        .customOriginConfig(CustomOriginConfig.builder().httpPort(port).httpsPort(443).originProtocolPolicy("http-only")
            .originReadTimeout(5).build()).build();
  }

  /** One origin (this harness's), default behavior under cache policy {@code policyId}. */
  DistributionConfig.Builder config(String policyId) {
    return DistributionConfig.builder().callerReference("t").comment("").enabled(true)
        .origins(Origins.builder().quantity(1).items(origin("web", origin.port())).build())
        .defaultCacheBehavior(DefaultCacheBehavior.builder().targetOriginId("web").viewerProtocolPolicy("allow-all")
            .cachePolicyId(policyId).build());
  }

  static CachePolicyConfig policy(long min, long def, long max, String... queryStrings) {
    return CachePolicyConfig.builder().name("p").minTTL(min).defaultTTL(def).maxTTL(max)
        .parametersInCacheKeyAndForwardedToOrigin(ParametersInCacheKeyAndForwardedToOrigin.builder()
            .enableAcceptEncodingGzip(true).enableAcceptEncodingBrotli(false)
            .headersConfig(CachePolicyHeadersConfig.builder().headerBehavior("none").build())
            .cookiesConfig(CachePolicyCookiesConfig.builder().cookieBehavior("none").build())
            .queryStringsConfig(queryStrings.length == 0
                ? CachePolicyQueryStringsConfig.builder().queryStringBehavior("none").build()
                : CachePolicyQueryStringsConfig.builder().queryStringBehavior("whitelist")
                    .queryStrings(QueryStringNames.builder().quantity(queryStrings.length).items(queryStrings).build()).build())
            .build())
        .build();
  }

  @Override
  public void close() {
    edge.close();
    origin.close();
  }

  /** The control plane as the test builds it. */
  static final class MapSource implements EdgeConfigSource {
    final Map<String, EdgeDistribution> distributions = new ConcurrentHashMap<>();
    final Map<String, CachePolicyConfig> cachePolicies = new ConcurrentHashMap<>();
    final Map<String, OriginRequestPolicyConfig> originRequestPolicies = new ConcurrentHashMap<>();
    final Map<String, ResponseHeadersPolicyConfig> responseHeadersPolicies = new ConcurrentHashMap<>();
    final Map<String, LiveFunction> functions = new ConcurrentHashMap<>();

    @Override
    public Optional<LiveFunction> liveFunction(String functionArn) { return Optional.ofNullable(functions.get(functionArn)); }

    @Override
    public Collection<EdgeDistribution> distributions() { return List.copyOf(distributions.values()); }

    @Override
    public Optional<EdgeDistribution> distribution(String id) { return Optional.ofNullable(distributions.get(id)); }

    @Override
    public Optional<CachePolicyConfig> cachePolicy(String id) { return Optional.ofNullable(cachePolicies.get(id)); }

    @Override
    public Optional<OriginRequestPolicyConfig> originRequestPolicy(String id) {
      return Optional.ofNullable(originRequestPolicies.get(id));
    }

    @Override
    public Optional<ResponseHeadersPolicyConfig> responseHeadersPolicy(String id) {
      return Optional.ofNullable(responseHeadersPolicies.get(id));
    }
  }
}
