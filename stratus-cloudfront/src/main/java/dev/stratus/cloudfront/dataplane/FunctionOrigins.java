package dev.stratus.cloudfront.dataplane;

import dev.stratus.cloudfront.dataplane.CompiledDistribution.Behavior;
import dev.stratus.cloudfront.dataplane.CompiledDistribution.GroupSpec;
import dev.stratus.cloudfront.dataplane.CompiledDistribution.OriginSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a viewer-request function's origin helpers (cloudfront-js-2.0's {@code cf.selectRequestOriginById},
 * {@code cf.updateRequestOrigin}, {@code cf.createRequestOriginGroup}) change for the one request
 * that ran them: the distribution and behavior the edge then serves it with, the caches unchanged.
 */
final class FunctionOrigins {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** The id of the group {@code createRequestOriginGroup} makes for the request. */
  static final String FUNCTION_GROUP = "cloudfront-function-origin-group";

  /** The distribution and behavior a request is served with. */
  record Target(CompiledDistribution d, Behavior b) {}

  private FunctionOrigins() {}

  /**
   * Applies {@code change} (as {@code CompiledFunction.Run#originChange} gives it) to {@code d} and {@code b}.
   *
   * @throws IllegalArgumentException what AWS treats as a function execution error (an unknown origin id)
   */
  static Target apply(CompiledDistribution d, Behavior b, Optional<String> change) {
    if (change.isEmpty()) return new Target(d, b);
    JsonNode c = JSON.readTree(change.get());
    if (c.has("select")) {
      String id = c.get("select").asString();
      if (!d.origins().containsKey(id) && !d.groups().containsKey(id)) {
        throw new IllegalArgumentException("selectRequestOriginById: no origin " + id + " in the distribution");
      }
      return new Target(d, target(b, id));
    }
    if (c.has("group")) {
      JsonNode g = c.get("group");
      List<String> members = List.of(g.path("originIds").get(0).asString(), g.path("originIds").get(1).asString());
      for (String m : members) {
        if (!d.origins().containsKey(m)) {
          throw new IllegalArgumentException("createRequestOriginGroup: no origin " + m + " in the distribution");
        }
      }
      Set<Integer> codes = new LinkedHashSet<>();
      g.path("failoverCriteria").path("statusCodes").forEach(x -> codes.add(x.asInt()));
      if (codes.isEmpty()) throw new IllegalArgumentException("createRequestOriginGroup: failoverCriteria.statusCodes is required");
      Map<String, GroupSpec> groups = new HashMap<>(d.groups());
      groups.put(FUNCTION_GROUP, new GroupSpec(FUNCTION_GROUP, members, Set.copyOf(codes)));
      return new Target(with(d, d.origins(), groups), target(b, FUNCTION_GROUP));
    }
    // update: the behavior's origin (a group's primary) with what the helper names; the rest inherited
    JsonNode u = c.path("update");
    OriginSpec base = d.primaryOrigin(b.targetOriginId())
        .orElseThrow(() -> new IllegalArgumentException("updateRequestOrigin: the behavior has no origin"));
    String domain = u.path("domainName").asString(base.domainName());
    String path = u.path("originPath").asString(base.originPath());
    int port = base.httpPort();
    JsonNode custom = u.path("customOriginConfig");
    if (custom.has("port") && "http".equals(custom.path("protocol").asString("http"))) port = custom.get("port").asInt();
    Duration connect = u.path("timeouts").has("connectionTimeout")
        ? Duration.ofSeconds(u.path("timeouts").get("connectionTimeout").asInt()) : base.connectTimeout();
    Duration read = u.path("timeouts").has("readTimeout")
        ? Duration.ofSeconds(u.path("timeouts").get("readTimeout").asInt()) : base.readTimeout();
    int attempts = u.has("connectionAttempts") ? u.get("connectionAttempts").asInt() : base.connectionAttempts();
    Optional<String> shield = base.shieldRegion();
    if (u.has("originShield")) {
      shield = u.get("originShield").path("enabled").asBoolean(false)
          ? Optional.of(u.get("originShield").path("region").asString("")) : Optional.empty();
    }
    Map<String, String> headers = base.customHeaders();
    if (u.has("customHeaders")) {
      Map<String, String> h = new LinkedHashMap<>();
      u.get("customHeaders").properties().forEach(e -> h.put(e.getKey(), e.getValue().asString()));
      headers = Map.copyOf(h);
    }
    boolean oac = u.has("originAccessControlConfig")
        ? u.get("originAccessControlConfig").path("enabled").asBoolean(false) : base.originAccessControl();
    OriginSpec next = new OriginSpec(base.id(), domain, path, port, connect, attempts, read, shield, headers,
        CompiledDistribution.s3Bucket(domain), oac);
    Map<String, OriginSpec> origins = new HashMap<>(d.origins());
    origins.put(base.id(), next);
    return new Target(with(d, origins, d.groups()), b);
  }

  private static Behavior target(Behavior b, String originId) {
    return new Behavior(b.pattern(), originId, b.viewerProtocolPolicy(), b.allowedMethods(), b.cachedMethods(),
        b.compress(), b.cache(), b.originRequestPolicy(), b.responseHeadersPolicy(), b.viewerRequestFunction(),
        b.viewerResponseFunction());
  }

  private static CompiledDistribution with(CompiledDistribution d, Map<String, OriginSpec> origins,
      Map<String, GroupSpec> groups) {
    return new CompiledDistribution(d.id(), d.arn(), d.domainName(), d.hostNames(), d.enabled(), d.defaultRootObject(),
        d.behaviors(), Map.copyOf(origins), Map.copyOf(groups), d.errorResponses());
  }
}
