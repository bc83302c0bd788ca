package dev.stratus.cloudfront.dataplane;

import dev.stratus.cloudfront.dataplane.EdgeConfigSource.EdgeDistribution;
import dev.stratus.cloudfront.dataplane.cache.CacheSettings;
import dev.stratus.cloudfront.dataplane.cache.PathPattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.cloudfront.model.AllowedMethods;
import software.amazon.awssdk.services.cloudfront.model.CacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.CachePolicyConfig;
import software.amazon.awssdk.services.cloudfront.model.CustomErrorResponse;
import software.amazon.awssdk.services.cloudfront.model.DefaultCacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.FunctionAssociation;
import software.amazon.awssdk.services.cloudfront.model.FunctionAssociations;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.OriginGroup;
import software.amazon.awssdk.services.cloudfront.model.OriginRequestPolicyConfig;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyConfig;

/**
 * A distribution as the edge serves it, compiled once per deployment from its
 * {@link DistributionConfig} and the policies its behaviors name: behaviors in list order with
 * the default last, origins and origin groups by id, custom error responses by code.
 */
public record CompiledDistribution(String id, String arn, String domainName, Set<String> hostNames, boolean enabled,
    String defaultRootObject, List<Behavior> behaviors, Map<String, OriginSpec> origins,
    Map<String, GroupSpec> groups, Map<Integer, CustomErrorResponse> errorResponses, AccessLogs.Target logging) {

  /** AWS's managed CachingOptimized and CachingDisabled ids, known even when the source lacks them. */
  static final String CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";
  static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";

  /** One cache behavior; {@code pattern} is {@code *} for the default one. */
  public record Behavior(PathPattern pattern, String targetOriginId, String viewerProtocolPolicy,
      Set<String> allowedMethods, Set<String> cachedMethods, boolean compress, CacheSettings cache,
      OriginRequestPolicyConfig originRequestPolicy, ResponseHeadersPolicyConfig responseHeadersPolicy,
      String viewerRequestFunction, String viewerResponseFunction) {}

  /**
   * One origin.
   *
   * @param s3Bucket the bucket when the domain is an S3 REST endpoint
   * @param shieldRegion Origin Shield's Region when enabled
   */
  public record OriginSpec(String id, String domainName, String originPath, int httpPort, Duration connectTimeout,
      int connectionAttempts, Duration readTimeout, Optional<String> shieldRegion, Map<String, String> customHeaders,
      Optional<String> s3Bucket, boolean originAccessControl, int httpsPort, String protocolPolicy) {

    /** Whether a request goes over HTTPS: https-only always, match-viewer when the viewer's did (S3 REST origins match the viewer). */
    public boolean https(boolean viewerTls) {
      return switch (protocolPolicy) {
        case "https-only" -> true;
        case "match-viewer" -> viewerTls;
        default -> false;
      };
    }


    /** The Region of an S3 origin: {@code bucket.s3.<region>.amazonaws.com}, us-east-1 for {@code bucket.s3.amazonaws.com}. */
    public Optional<String> s3Region() {
      if (s3Bucket.isEmpty()) return Optional.empty();
      String rest = domainName.substring(s3Bucket.get().length() + ".s3.".length());
      return Optional.of(rest.equals("amazonaws.com") ? "us-east-1" : rest.substring(0, rest.indexOf('.')));
    }
  }

  /** An origin group: members in order (primary first) and the status codes that fail over. */
  public record GroupSpec(String id, List<String> members, Set<Integer> failoverCodes) {}

  /** The behavior for {@code path}: the first cache behavior whose pattern matches, else the default (§1). */
  public Behavior behaviorFor(String path) {
    for (Behavior b : behaviors) {
      if (b.pattern().matches(path)) return b;
    }
    return behaviors.getLast();
  }

  /** The origin that Origin Shield settings come from: the origin, or a group's primary. */
  public Optional<OriginSpec> primaryOrigin(String targetId) {
    GroupSpec g = groups.get(targetId);
    return Optional.ofNullable(origins.get(g == null ? targetId : g.members().getFirst()));
  }

  public static CompiledDistribution compile(EdgeDistribution d, EdgeConfigSource source) {
    DistributionConfig c = d.config();
    List<Behavior> behaviors = new ArrayList<>();
    if (c.cacheBehaviors() != null && c.cacheBehaviors().items() != null) {
      for (CacheBehavior b : c.cacheBehaviors().items()) {
        behaviors.add(new Behavior(PathPattern.of(b.pathPattern()), b.targetOriginId(), b.viewerProtocolPolicyAsString(),
            methods(b.allowedMethods(), false), methods(b.allowedMethods(), true), Boolean.TRUE.equals(b.compress()),
            cacheSettings(b.cachePolicyId(), b.minTTL(), b.defaultTTL(), b.maxTTL(), source),
            orp(b.originRequestPolicyId(), source), rhp(b.responseHeadersPolicyId(), source),
            function(b.functionAssociations(), "viewer-request"), function(b.functionAssociations(), "viewer-response")));
      }
    }
    DefaultCacheBehavior b = c.defaultCacheBehavior();
    behaviors.add(new Behavior(PathPattern.of("*"), b.targetOriginId(), b.viewerProtocolPolicyAsString(),
        methods(b.allowedMethods(), false), methods(b.allowedMethods(), true), Boolean.TRUE.equals(b.compress()),
        cacheSettings(b.cachePolicyId(), b.minTTL(), b.defaultTTL(), b.maxTTL(), source),
        orp(b.originRequestPolicyId(), source), rhp(b.responseHeadersPolicyId(), source),
        function(b.functionAssociations(), "viewer-request"), function(b.functionAssociations(), "viewer-response")));

    Map<String, OriginSpec> origins = new LinkedHashMap<>();
    if (c.origins() != null && c.origins().items() != null) {
      for (Origin o : c.origins().items()) origins.put(o.id(), origin(o));
    }
    Map<String, GroupSpec> groups = new LinkedHashMap<>();
    if (c.originGroups() != null && c.originGroups().items() != null) {
      for (OriginGroup g : c.originGroups().items()) {
        List<String> members = g.members().items().stream().map(m -> m.originId()).toList();
        Set<Integer> codes = g.failoverCriteria() == null || g.failoverCriteria().statusCodes() == null ? Set.of()
            : Set.copyOf(g.failoverCriteria().statusCodes().items());
        groups.put(g.id(), new GroupSpec(g.id(), members, codes));
      }
    }
    Map<Integer, CustomErrorResponse> errors = new LinkedHashMap<>();
    if (c.customErrorResponses() != null && c.customErrorResponses().items() != null) {
      for (CustomErrorResponse e : c.customErrorResponses().items()) errors.put(e.errorCode(), e);
    }
    Set<String> hosts = new LinkedHashSet<>();
    String domain = d.domainName().toLowerCase(Locale.ROOT);
    hosts.add(domain);
    hosts.add(localName(domain));
    hosts.add(d.id().toLowerCase(Locale.ROOT) + ".cloudfront.localhost");
    if (c.aliases() != null && c.aliases().items() != null) {
      c.aliases().items().forEach(a -> hosts.add(a.toLowerCase(Locale.ROOT)));
    }
    return new CompiledDistribution(d.id(), d.arn(), d.domainName(), Set.copyOf(hosts), !Boolean.FALSE.equals(c.enabled()),
        c.defaultRootObject() == null ? "" : c.defaultRootObject(), List.copyOf(behaviors), Map.copyOf(origins),
        Map.copyOf(groups), Map.copyOf(errors), logging(c));
  }

  /** {@code d111.cloudfront.net} → {@code d111.cloudfront.localhost} (ARCHITECTURE "Addresses"). */
  static String localName(String domain) {
    return domain.endsWith(".cloudfront.net") ? domain.substring(0, domain.length() - ".net".length()) + ".localhost" : domain;
  }

  private static Set<String> methods(AllowedMethods allowed, boolean cached) {
    Set<String> out = new HashSet<>(Set.of("GET", "HEAD"));
    if (allowed == null) return out;
    if (!cached && allowed.items() != null) {
      allowed.itemsAsStrings().forEach(m -> out.add(m.toUpperCase(Locale.ROOT)));
    } else if (cached && allowed.cachedMethods() != null && allowed.cachedMethods().items() != null) {
      allowed.cachedMethods().itemsAsStrings().forEach(m -> out.add(m.toUpperCase(Locale.ROOT)));
    }
    return Set.copyOf(out);
  }

  private static CacheSettings cacheSettings(String policyId, Long min, Long def, Long max, EdgeConfigSource source) {
    if (policyId == null || policyId.isEmpty()) return CacheSettings.legacy(min, def, max);
    Optional<CachePolicyConfig> p = source.cachePolicy(policyId);
    if (p.isPresent()) return CacheSettings.of(p.get());
    if (policyId.equals(CACHING_DISABLED)) return CacheSettings.legacy(0L, 0L, 0L);
    if (policyId.equals(CACHING_OPTIMIZED)) {
      CacheSettings o = CacheSettings.legacy(1L, 86_400L, 31_536_000L);
      return new CacheSettings(o.minTtl(), o.defaultTtl(), o.maxTtl(), Set.of(), CacheSettings.Behavior.NONE, Set.of(),
          CacheSettings.Behavior.NONE, Set.of(), true, true);
    }
    throw new IllegalArgumentException("no cache policy " + policyId);
  }

  /** The ARN of the CloudFront Function associated for {@code eventType}, or null. */
  private static String function(FunctionAssociations associations, String eventType) {
    if (associations == null || associations.items() == null) return null;
    for (FunctionAssociation a : associations.items()) {
      if (eventType.equals(a.eventTypeAsString())) return a.functionARN();
    }
    return null;
  }

  /** The ARNs of every function the behaviors name. */
  Set<String> functionArns() {
    Set<String> out = new LinkedHashSet<>();
    for (Behavior b : behaviors) {
      if (b.viewerRequestFunction() != null) out.add(b.viewerRequestFunction());
      if (b.viewerResponseFunction() != null) out.add(b.viewerResponseFunction());
    }
    return out;
  }

  private static OriginRequestPolicyConfig orp(String id, EdgeConfigSource source) {
    return id == null || id.isEmpty() ? null : source.originRequestPolicy(id).orElse(null);
  }

  private static ResponseHeadersPolicyConfig rhp(String id, EdgeConfigSource source) {
    return id == null || id.isEmpty() ? null : source.responseHeadersPolicy(id).orElse(null);
  }

  private static OriginSpec origin(Origin o) {
    String domain = o.domainName().toLowerCase(Locale.ROOT);
    int port = 80;
    int httpsPort = 443;
    String policy = "match-viewer"; // S3 REST origins (s3OriginConfig) follow the viewer's protocol
    Duration read = Duration.ofSeconds(30);
    if (o.customOriginConfig() != null) {
      if (o.customOriginConfig().httpPort() != null) port = o.customOriginConfig().httpPort();
      if (o.customOriginConfig().httpsPort() != null) httpsPort = o.customOriginConfig().httpsPort();
      if (o.customOriginConfig().originProtocolPolicyAsString() != null) policy = o.customOriginConfig().originProtocolPolicyAsString();
      if (o.customOriginConfig().originReadTimeout() != null) read = Duration.ofSeconds(o.customOriginConfig().originReadTimeout());
    }
    Duration connect = Duration.ofSeconds(o.connectionTimeout() == null ? 10 : o.connectionTimeout());
    int attempts = o.connectionAttempts() == null ? 3 : o.connectionAttempts();
    Optional<String> shield = o.originShield() != null && Boolean.TRUE.equals(o.originShield().enabled())
        ? Optional.ofNullable(o.originShield().originShieldRegion()) : Optional.empty();
    Map<String, String> custom = new LinkedHashMap<>();
    if (o.customHeaders() != null && o.customHeaders().items() != null) {
      o.customHeaders().items().forEach(h -> custom.put(h.headerName(), h.headerValue()));
    }
    return new OriginSpec(o.id(), domain, o.originPath() == null ? "" : o.originPath(), port, connect, attempts, read,
        shield, Map.copyOf(custom), s3Bucket(domain), o.originAccessControlId() != null && !o.originAccessControlId().isEmpty(),
        httpsPort, policy);
  }

  /** Standard logging when enabled: Logging's Bucket ({@code name.s3.amazonaws.com}, or a bare name), Prefix, IncludeCookies. */
  private static AccessLogs.Target logging(DistributionConfig c) {
    var l = c.logging();
    if (l == null || !Boolean.TRUE.equals(l.enabled()) || l.bucket() == null || l.bucket().isEmpty()) return null;
    String domain = l.bucket().toLowerCase(Locale.ROOT);
    String bucket = s3Bucket(domain).orElse(domain);
    return new AccessLogs.Target(bucket, l.prefix() == null ? "" : l.prefix(), Boolean.TRUE.equals(l.includeCookies()));
  }

  /** The bucket of {@code bucket.s3.amazonaws.com} or {@code bucket.s3.<region>.amazonaws.com}. */
  static Optional<String> s3Bucket(String domain) {
    int at = domain.indexOf(".s3.");
    if (at <= 0 || !domain.endsWith(".amazonaws.com")) return Optional.empty();
    String rest = domain.substring(at + 4);
    return rest.equals("amazonaws.com") || rest.chars().filter(ch -> ch == '.').count() == 2
        ? Optional.of(domain.substring(0, at)) : Optional.empty();
  }
}
