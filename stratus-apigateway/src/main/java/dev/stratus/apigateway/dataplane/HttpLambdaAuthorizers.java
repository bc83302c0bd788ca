package dev.stratus.apigateway.dataplane;

import dev.stratus.apigateway.model.Api;
import dev.stratus.core.lambda.InvocationOutcome;
import dev.stratus.core.lambda.ServiceInvocation;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * HTTP API Lambda (REQUEST) authorizers (apigateway.md §9): a missing identity source is 401
 * without invoking; the function answers a simple response ({@code isAuthorized}, with
 * EnableSimpleResponses and payload 2.0) or an IAM policy; false or deny is 403, an invoke error
 * or malformed answer 500. Results are cached for the TTL, keyed on the identity sources.
 */
final class HttpLambdaAuthorizers {
  /** Authorizer timeout, 10 s (apigateway.md §9). */
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** 0 = go on (with the context), else the status to answer (401, 403, 500). */
  record Verdict(int status, Map<String, Object> context) {}

  private record Cached(Instant expires, Verdict verdict) {}

  private final RestShared shared;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  HttpLambdaAuthorizers(RestShared shared) { this.shared = shared; }

  CompletableFuture<Verdict> authorize(Api api, Api.Authorizer a, String stage, String routeKey, FullHttpRequest request,
      Map<String, String> stageVariables, byte[] requestEvent, Instant now) {
    List<String> identity = new ArrayList<>();
    for (String source : a.identitySource()) {
      String v = value(source.trim(), request, routeKey, stageVariables);
      if (v == null || v.isEmpty()) return CompletableFuture.completedFuture(new Verdict(401, Map.of()));
      identity.add(v);
    }
    String key = a.authorizerId() + "|" + String.join("|", identity);
    Cached hit = a.resultTtlInSeconds() > 0 && !identity.isEmpty() ? cache.get(key) : null;
    if (hit != null && hit.expires().isAfter(now)) return CompletableFuture.completedFuture(hit.verdict());
    var invoker = shared.invoker.get();
    var fn = LambdaProxy.functionArn(a.authorizerUri());
    if (invoker.isEmpty() || fn.isEmpty()) return CompletableFuture.completedFuture(new Verdict(500, Map.of()));
    String routeArn = "arn:aws:execute-api:" + api.region() + ":" + api.accountId() + ":" + api.apiId() + "/" + stage + "/"
        + (routeKey.equals("$default") ? "$default" : routeKey.replaceFirst(" ", ""));
    ObjectNode event = (ObjectNode) Vtl.JSON.readTree(requestEvent);
    event.put("type", "REQUEST");
    if ("1.0".equals(a.payloadFormatVersion())) event.put("methodArn", routeArn);
    else event.put("routeArn", routeArn);
    var ids = event.putArray("identitySource");
    identity.forEach(ids::add);
    String sourceArn = "arn:aws:execute-api:" + api.region() + ":" + api.accountId() + ":" + api.apiId() + "/authorizers/"
        + a.authorizerId();
    CompletableFuture<InvocationOutcome> outcome;
    try {
      outcome = invoker.get().invoke(new ServiceInvocation(fn.get(), Vtl.JSON.writeValueAsBytes(event),
          "apigateway.amazonaws.com", sourceArn, TIMEOUT));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(new Verdict(500, Map.of()));
    }
    return outcome.orTimeout(TIMEOUT.toMillis() + 1000, java.util.concurrent.TimeUnit.MILLISECONDS).handle((o, failure) -> {
      Verdict v = failure != null ? new Verdict(500, Map.of()) : decide(a, o, routeArn);
      if (v.status() != 500 && a.resultTtlInSeconds() > 0 && !identity.isEmpty()) {
        cache.put(key, new Cached(now.plusSeconds(a.resultTtlInSeconds()), v));
      }
      return v;
    });
  }

  private static String value(String source, FullHttpRequest r, String routeKey, Map<String, String> stageVariables) {
    if (source.startsWith("$request.header.")) return r.headers().get(source.substring("$request.header.".length()));
    if (source.startsWith("$request.querystring.")) {
      List<String> v = new QueryStringDecoder(r.uri()).parameters().get(source.substring("$request.querystring.".length()));
      return v == null || v.isEmpty() ? null : v.getFirst();
    }
    if (source.equals("$context.routeKey")) return routeKey;
    if (source.startsWith("$stageVariables.")) return stageVariables.get(source.substring("$stageVariables.".length()));
    return null;
  }

  static Verdict decide(Api.Authorizer a, InvocationOutcome o, String routeArn) {
    if (!(o instanceof InvocationOutcome.Returned r) || r.functionError() != null) return new Verdict(500, Map.of());
    JsonNode n;
    try {
      n = Vtl.JSON.readTree(r.payload());
    } catch (RuntimeException e) {
      return new Verdict(500, Map.of());
    }
    if (n == null || !n.isObject()) return new Verdict(500, Map.of());
    Map<String, Object> context = new LinkedHashMap<>();
    JsonNode c = n.get("context");
    if (c != null && c.isObject()) c.properties().forEach(x -> context.put(x.getKey(), Vtl.toObject(x.getValue())));
    if (a.simpleResponses() && n.has("isAuthorized")) {
      return n.get("isAuthorized").asBoolean(false) ? new Verdict(0, context) : new Verdict(403, Map.of());
    }
    JsonNode statements = n.path("policyDocument").path("Statement");
    if (statements.isMissingNode()) return new Verdict(500, Map.of());
    boolean allow = false, deny = false;
    for (JsonNode s : statements.isArray() ? statements : Vtl.JSON.createArrayNode().add(statements)) {
      JsonNode res = s.path("Resource");
      List<String> resources = new ArrayList<>();
      if (res.isArray()) res.forEach(x -> resources.add(x.asString()));
      else resources.add(res.asString(""));
      boolean covers = resources.stream().anyMatch(p -> routeArn.matches("\\Q" + p.replace("*", "\\E.*\\Q") + "\\E"));
      if (!covers) continue;
      if ("Deny".equals(s.path("Effect").asString(""))) deny = true;
      if ("Allow".equals(s.path("Effect").asString(""))) allow = true;
    }
    if (n.has("principalId")) context.put("principalId", n.get("principalId").asString());
    return deny || !allow ? new Verdict(403, Map.of()) : new Verdict(0, context);
  }
}
