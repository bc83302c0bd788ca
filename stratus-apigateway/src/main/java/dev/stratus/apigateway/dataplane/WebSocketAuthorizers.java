package dev.stratus.apigateway.dataplane;

import dev.stratus.apigateway.model.Api;
import dev.stratus.apigateway.model.ApiKey;
import dev.stratus.apigateway.model.UsagePlan;
import dev.stratus.core.lambda.InvocationOutcome;
import dev.stratus.core.lambda.ServiceInvocation;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a WebSocket API checks on {@code $connect} before its integration: a Lambda REQUEST
 * authorizer (identity sources {@code route.request.header.*}, {@code route.request.querystring.*},
 * {@code stageVariables.*}, {@code context.*}; a missing one is 401 without invoking; the function
 * answers an IAM policy for the {@code $connect} method ARN: deny is 403, a failure 500), then the
 * route's API key ({@code x-api-key}, enabled, in a usage plan of this API's stage, else 403). The
 * authorizer's {@code principalId} and context reach every later event as
 * {@code requestContext.authorizer}. With {@code authorizerResultTtlInSeconds} above 0 the
 * authorizer's answer (allow with its context, or deny) is cached for that long per stage and
 * identity source values, so a reconnect with the same identity does not invoke it again; a
 * failure is never cached.
 */
final class WebSocketAuthorizers {
  /** An allow (the context) or a deny ({@code refused}) kept until {@code expires}. */
  private record Cached(Instant expires, Map<String, Object> context, WebSocketIntegrations.Answer refused) {}

  private final RestShared shared;
  private final String apiId;
  private final Map<String, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();
  /** Cached answers kept at most, per API. */
  static final int MAX_CACHED = 10_000;

  WebSocketAuthorizers(RestShared shared, String apiId) {
    this.shared = shared;
    this.apiId = apiId;
  }

  /** Null to go on (the connection then carries the authorizer's context and the key), else the refusal. */
  CompletableFuture<WebSocketIntegrations.Answer> authorize(Api api, Api.Route route, ApiSnapshot.HttpStageView stage,
      WebSocketConnections.Connection connection, FullHttpRequest handshake, Instant now) {
    CompletableFuture<WebSocketIntegrations.Answer> authorized = CompletableFuture.completedFuture(null);
    if ("CUSTOM".equals(route.authorizationType())) {
      Api.Authorizer a = route.authorizerId() == null ? null : api.authorizers().get(route.authorizerId());
      if (a == null) return CompletableFuture.completedFuture(WebSocketIntegrations.Answer.FAILED);
      authorized = lambda(api, a, stage, connection, handshake, now);
    }
    return authorized.thenApply(refused -> refused != null ? refused : apiKey(route, stage, connection, handshake));
  }

  private WebSocketIntegrations.Answer apiKey(Api.Route route, ApiSnapshot.HttpStageView stage,
      WebSocketConnections.Connection connection, FullHttpRequest handshake) {
    if (!route.apiKeyRequired()) return null;
    ApiSnapshot.HttpApiView view = shared.snapshot().httpApis().get(apiId);
    String value = handshake.headers().get("x-api-key");
    ApiKey key = value == null || view == null ? null : view.keysByValue().get(value);
    if (key == null || !key.enabled() || !planned(view, key, stage.stage().stageName())) return refuse(403, "Forbidden");
    connection.apiKey = key;
    return null;
  }

  private boolean planned(ApiSnapshot.HttpApiView view, ApiKey key, String stageName) {
    for (UsagePlan p : view.plans()) {
      if (!p.keyIds().contains(key.id())) continue;
      for (UsagePlan.ApiStage s : p.apiStages()) if (s.apiId().equals(apiId) && s.stage().equals(stageName)) return true;
    }
    return false;
  }

  private CompletableFuture<WebSocketIntegrations.Answer> lambda(Api api, Api.Authorizer a, ApiSnapshot.HttpStageView stage,
      WebSocketConnections.Connection connection, FullHttpRequest handshake, Instant now) {
    Map<String, String> stageVariables = stage.stage().stageVariables();
    List<String> identity = new ArrayList<>();
    for (String source : a.identitySource()) {
      String v = value(source.trim(), handshake, stageVariables, connection);
      if (v == null || v.isEmpty()) return CompletableFuture.completedFuture(refuse(401, "Unauthorized"));
      identity.add(v);
    }
    boolean caching = a.resultTtlInSeconds() > 0 && !identity.isEmpty();
    String key = a.authorizerId() + "|" + stage.stage().stageName() + "|" + String.join("|", identity);
    Cached hit = caching ? cache.get(key) : null;
    if (hit != null && hit.expires().isAfter(now)) {
      if (hit.refused() == null) connection.authorizer = hit.context();
      return CompletableFuture.completedFuture(hit.refused());
    }
    if (hit != null) cache.remove(key, hit);
    var invoker = shared.invoker.get();
    var fn = LambdaProxy.functionArn(a.authorizerUri());
    if (invoker.isEmpty() || fn.isEmpty()) return CompletableFuture.completedFuture(WebSocketIntegrations.Answer.FAILED);
    String methodArn = "arn:aws:execute-api:" + api.region() + ":" + api.accountId() + ":" + apiId + "/"
        + stage.stage().stageName() + "/$connect";
    ObjectNode event = (ObjectNode) Vtl.JSON.readTree(WebSocketIntegrations.event(WebSocketRouter.event(api, stage,
        connection, "CONNECT", "$connect", handshake, null, false, 0, null), now));
    event.put("type", "REQUEST");
    event.put("methodArn", methodArn);
    if (!stageVariables.isEmpty()) event.set("stageVariables", Vtl.JSON.valueToTree(stageVariables));
    String sourceArn = "arn:aws:execute-api:" + api.region() + ":" + api.accountId() + ":" + apiId + "/authorizers/"
        + a.authorizerId();
    CompletableFuture<InvocationOutcome> outcome;
    try {
      outcome = invoker.get().invoke(new ServiceInvocation(fn.get(), Vtl.JSON.writeValueAsBytes(event),
          "apigateway.amazonaws.com", sourceArn, HttpLambdaAuthorizers.TIMEOUT));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(WebSocketIntegrations.Answer.FAILED);
    }
    return outcome.orTimeout(HttpLambdaAuthorizers.TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS).handle((o, failure) -> {
      if (failure != null) return WebSocketIntegrations.Answer.FAILED;
      // WebSocket authorizers answer an IAM policy (simple responses are HTTP APIs' only).
      Api.Authorizer policyOnly = new Api.Authorizer(a.authorizerId(), a.name(), a.authorizerType(), a.identitySource(),
          null, List.of(), a.authorizerUri(), "1.0", false, 0);
      HttpLambdaAuthorizers.Verdict v = HttpLambdaAuthorizers.decide(policyOnly, o, methodArn);
      if (v.status() != 0 && v.status() != 403) return WebSocketIntegrations.Answer.FAILED;
      WebSocketIntegrations.Answer refused = v.status() == 403 ? refuse(403, "Forbidden") : null;
      Map<String, Object> context = Map.copyOf(v.context());
      if (caching) {
        // Identity values are the client's: past a bound, drop what has expired so the cache cannot grow without end.
        if (cache.size() >= MAX_CACHED) cache.values().removeIf(c -> !c.expires().isAfter(now));
        if (cache.size() < MAX_CACHED) cache.put(key, new Cached(now.plusSeconds(a.resultTtlInSeconds()), context, refused));
      }
      if (refused == null) connection.authorizer = context;
      return refused;
    });
  }

  private static String value(String source, FullHttpRequest r, Map<String, String> stageVariables,
      WebSocketConnections.Connection c) {
    String s = source.startsWith("$") ? source.substring(1) : source;
    if (s.startsWith("route.request.header.")) return r.headers().get(s.substring("route.request.header.".length()));
    if (s.startsWith("request.header.")) return r.headers().get(s.substring("request.header.".length()));
    String query = s.startsWith("route.request.querystring.") ? s.substring("route.request.querystring.".length())
        : s.startsWith("request.querystring.") ? s.substring("request.querystring.".length()) : null;
    if (query != null) {
      List<String> v = new QueryStringDecoder(r.uri()).parameters().get(query);
      return v == null || v.isEmpty() ? null : v.getFirst();
    }
    if (s.startsWith("stageVariables.")) return stageVariables.get(s.substring("stageVariables.".length()));
    if (s.equals("context.connectionId")) return c.id;
    if (s.equals("context.identity.sourceIp")) return c.sourceIp;
    return null;
  }

  private static WebSocketIntegrations.Answer refuse(int status, String message) {
    return new WebSocketIntegrations.Answer(status, ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8),
        Map.of(), false);
  }
}
