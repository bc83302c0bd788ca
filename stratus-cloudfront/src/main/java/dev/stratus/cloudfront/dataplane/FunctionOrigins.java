package dev.stratus.cloudfront.dataplane;

import dev.stratus.cloudfront.dataplane.CompiledDistribution.Behavior;
import dev.stratus.cloudfront.dataplane.CompiledDistribution.GroupSpec;
import dev.stratus.cloudfront.dataplane.CompiledDistribution.OriginSpec;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
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
    Map<String, Object> changes = new HashMap<>();
    if (u.has("domainName")) {
      String domain = u.get("domainName").asString();
      changes.put("domainName", domain);
      changes.put("s3Bucket", CompiledDistribution.s3Bucket(domain));
    }
    if (u.has("originPath")) changes.put("originPath", u.get("originPath").asString());
    JsonNode custom = u.path("customOriginConfig");
    if (custom.has("port")) {
      boolean https = "https".equals(custom.path("protocol").asString("http"));
      changes.put(https ? "httpsPort" : "httpPort", custom.get("port").asInt());
      changes.put("protocolPolicy", https ? "https-only" : "http-only");
    }
    JsonNode timeouts = u.path("timeouts");
    if (timeouts.has("connectionTimeout")) changes.put("connectTimeout", Duration.ofSeconds(timeouts.get("connectionTimeout").asInt()));
    if (timeouts.has("readTimeout")) changes.put("readTimeout", Duration.ofSeconds(timeouts.get("readTimeout").asInt()));
    if (u.has("connectionAttempts")) changes.put("connectionAttempts", u.get("connectionAttempts").asInt());
    if (u.has("originShield")) {
      changes.put("shieldRegion", u.get("originShield").path("enabled").asBoolean(false)
          ? Optional.of(u.get("originShield").path("region").asString("")) : Optional.empty());
    }
    if (u.has("customHeaders")) {
      Map<String, String> h = new LinkedHashMap<>();
      u.get("customHeaders").properties().forEach(e -> h.put(e.getKey(), e.getValue().asString()));
      changes.put("customHeaders", Map.copyOf(h));
    }
    if (u.has("originAccessControlConfig")) {
      changes.put("originAccessControl", u.get("originAccessControlConfig").path("enabled").asBoolean(false));
    }
    Map<String, OriginSpec> origins = new HashMap<>(d.origins());
    origins.put(base.id(), copy(base, changes));
    return new Target(with(d, origins, d.groups()), b);
  }

  private static Behavior target(Behavior b, String originId) {
    return copy(b, Map.of("targetOriginId", originId));
  }

  private static CompiledDistribution with(CompiledDistribution d, Map<String, OriginSpec> origins,
      Map<String, GroupSpec> groups) {
    return copy(d, Map.of("origins", Map.copyOf(origins), "groups", Map.copyOf(groups)));
  }

  /**
   * {@code r} with the components named in {@code changes} replaced (a name the record lacks is
   * skipped): the edge's records grow components as the edge learns more, and a copy made here
   * keeps every one of them.
   */
  @SuppressWarnings("unchecked")
  static <R extends Record> R copy(R r, Map<String, Object> changes) {
    RecordComponent[] components = r.getClass().getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    try {
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        java.lang.reflect.Method accessor = components[i].getAccessor();
        accessor.setAccessible(true); // the router's own records are private to it
        values[i] = changes.containsKey(components[i].getName()) ? changes.get(components[i].getName())
            : accessor.invoke(r);
      }
      Constructor<?> canonical = r.getClass().getDeclaredConstructor(types);
      canonical.setAccessible(true);
      return (R) canonical.newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot copy " + r.getClass().getSimpleName(), e);
    }
  }
}
