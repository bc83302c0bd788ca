package dev.stratus.apigateway.dataplane;

import dev.stratus.apigateway.model.GatewayResponseType;
import dev.stratus.apigateway.model.RestApi;
import dev.stratus.core.lambda.InvocationOutcome;
import dev.stratus.core.lambda.ServiceInvocation;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * REST API Lambda authorizers, TOKEN and REQUEST (apigateway.md §18): the identity sources must be
 * present (else 401 without invoking the function), the function's IAM policy must allow
 * {@code execute-api:Invoke} on the method ARN (explicit or missing allow → 403 ACCESS_DENIED),
 * an {@code Unauthorized} error is 401, any other failure 500. Results are cached for the
 * authorizer's TTL on the injected clock, keyed on the identity sources.
 */
final class RestAuthorizers {
  /** Authorizer timeout, 10 s (apigateway.md §9). */
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final RestShared shared;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(Instant expires, Decision decision) {}

  /** An authorizer's decision for one identity: allowed (with principal, context and usage key) or an answer. */
  record Decision(boolean allowed, String principalId, Map<String, Object> context, String usageIdentifierKey,
      GatewayResponseType refusal, String message, String policyJson) {}

  RestAuthorizers(RestShared shared) { this.shared = shared; }

  /** Null when the request may go on (the call's context then carries {@code authorizer}); else the answer. */
  CompletionStage<FullHttpResponse> authorize(RestRouter.Call call, RestApi.Authorizer a, String stageName) {
    FullHttpRequest r = call.ex.request();
    List<String> identity = new ArrayList<>();
    for (String source : (a.identitySource() == null ? "method.request.header.Authorization" : a.identitySource()).split(",")) {
      String v = value(call, source.trim());
      if (v == null || v.isEmpty()) return RestRouter.done(call.error(GatewayResponseType.UNAUTHORIZED, "Unauthorized"));
      identity.add(v);
    }
    if ("TOKEN".equals(a.type()) && a.identityValidationExpression() != null
        && !Pattern.compile(a.identityValidationExpression()).matcher(identity.getFirst()).matches()) {
      return RestRouter.done(call.error(GatewayResponseType.UNAUTHORIZED, "Unauthorized"));
    }
    RestApi api = call.api.api();
    String methodArn = "arn:aws:execute-api:" + api.region() + ":" + api.accountId() + ":" + api.id() + "/" + stageName + "/"
        + r.method().name() + call.path;
    String key = a.id() + "|" + String.join("|", identity);
    Cached hit = cache.get(key);
    if (hit != null && hit.expires().isAfter(call.received)) return RestRouter.done(apply(call, hit.decision(), methodArn));
    var invoker = shared.invoker.get();
    var fn = LambdaProxy.functionArn(a.authorizerUri());
    if (invoker.isEmpty() || fn.isEmpty()) {
      return RestRouter.done(call.error(GatewayResponseType.AUTHORIZER_CONFIGURATION_ERROR, "Internal server error"));
    }
    byte[] event = event(call, a, identity.getFirst(), methodArn, stageName);
    String sourceArn = "arn:aws:execute-api:" + api.region() + ":" + api.accountId() + ":" + api.id() + "/authorizers/" + a.id();
    CompletableFuture<InvocationOutcome> outcome;
    try {
      outcome = invoker.get().invoke(new ServiceInvocation(fn.get(), event, "apigateway.amazonaws.com", sourceArn, TIMEOUT));
    } catch (RuntimeException e) {
      return RestRouter.done(call.error(GatewayResponseType.AUTHORIZER_FAILURE, "Internal server error"));
    }
    return outcome.orTimeout(TIMEOUT.toMillis() + 1000, java.util.concurrent.TimeUnit.MILLISECONDS).handle((o, failure) -> {
      Decision d = failure != null ? null : decide(o);
      if (d == null) return call.error(GatewayResponseType.AUTHORIZER_FAILURE, "Internal server error");
      if (a.resultTtlInSeconds() > 0 && d.refusal() != GatewayResponseType.AUTHORIZER_CONFIGURATION_ERROR) {
        cache.put(key, new Cached(call.received.plusSeconds(a.resultTtlInSeconds()), d));
      }
      return apply(call, d, methodArn);
    });
  }

  private static String value(RestRouter.Call call, String source) {
    FullHttpRequest r = call.ex.request();
    if (source.startsWith("method.request.header.")) return r.headers().get(source.substring("method.request.header.".length()));
    if (source.startsWith("method.request.querystring.")) {
      List<String> v = new QueryStringDecoder(r.uri()).parameters().get(source.substring("method.request.querystring.".length()));
      return v == null || v.isEmpty() ? null : v.getFirst();
    }
    if (source.startsWith("stageVariables.")) return call.stageVariables().get(source.substring("stageVariables.".length()));
    if (source.startsWith("context.")) return String.valueOf(call.context.get(source.substring("context.".length())));
    return null;
  }

  private static byte[] event(RestRouter.Call call, RestApi.Authorizer a, String token, String methodArn, String stage) {
    ObjectNode e = Vtl.JSON.createObjectNode();
    e.put("type", a.type());
    e.put("methodArn", methodArn);
    if ("TOKEN".equals(a.type())) {
      e.put("authorizationToken", token);
      return Vtl.JSON.writeValueAsBytes(e);
    }
    FullHttpRequest r = call.ex.request();
    e.put("resource", call.found.resource().path());
    e.put("path", call.path);
    e.put("httpMethod", r.method().name());
    ObjectNode headers = e.putObject("headers");
    r.headers().forEach(h -> headers.put(h.getKey(), h.getValue()));
    ObjectNode query = e.putObject("queryStringParameters");
    new QueryStringDecoder(r.uri()).parameters().forEach((k, v) -> query.put(k, v.getLast()));
    ObjectNode path = e.putObject("pathParameters");
    call.found.pathParameters().forEach(path::put);
    ObjectNode vars = e.putObject("stageVariables");
    call.stageVariables().forEach(vars::put);
    e.set("requestContext", Vtl.JSON.valueToTree(call.context));
    return Vtl.JSON.writeValueAsBytes(e);
  }

  /** The function's answer as a decision; null when it failed in a way that is a 500. */
  private static Decision decide(InvocationOutcome o) {
    if (!(o instanceof InvocationOutcome.Returned r)) return null;
    JsonNode n;
    try {
      n = Vtl.JSON.readTree(r.payload());
    } catch (RuntimeException e) {
      return new Decision(false, null, Map.of(), null, GatewayResponseType.AUTHORIZER_CONFIGURATION_ERROR, "Internal server error", null);
    }
    if (r.functionError() != null) {
      // The function signals 401 by failing with the message "Unauthorized", as Lambda authorizers do on AWS.
      String message = n == null ? "" : n.path("errorMessage").asString("");
      return message.equals("Unauthorized")
          ? new Decision(false, null, Map.of(), null, GatewayResponseType.UNAUTHORIZED, "Unauthorized", null) : null;
    }
    if (n == null || !n.isObject() || !n.has("principalId") || !n.has("policyDocument")) {
      return new Decision(false, null, Map.of(), null, GatewayResponseType.AUTHORIZER_CONFIGURATION_ERROR, "Internal server error", null);
    }
    Map<String, Object> context = new LinkedHashMap<>();
    JsonNode c = n.get("context");
    if (c != null && c.isObject()) c.properties().forEach(x -> context.put(x.getKey(), Vtl.toObject(x.getValue())));
    JsonNode usage = n.get("usageIdentifierKey");
    return new Decision(true, n.get("principalId").asString(), context, usage == null ? null : usage.asString(), null, null,
        n.get("policyDocument").toString());
  }

  /** Applies the policy to this method ARN: an explicit Deny wins, then an Allow must match. */
  private static FullHttpResponse apply(RestRouter.Call call, Decision d, String methodArn) {
    if (!d.allowed()) return call.error(d.refusal(), d.message());
    JsonNode policy = Vtl.JSON.readTree(d.policyJson());
    boolean allow = false, deny = false;
    JsonNode statements = policy.path("Statement");
    for (JsonNode s : statements.isArray() ? statements : Vtl.JSON.createArrayNode().add(statements)) {
      if (!covers(s.path("Action"), "execute-api:Invoke") || !covers(s.path("Resource"), methodArn)) continue;
      if ("Deny".equals(s.path("Effect").asString(""))) deny = true;
      if ("Allow".equals(s.path("Effect").asString(""))) allow = true;
    }
    if (deny || !allow) {
      return call.error(GatewayResponseType.ACCESS_DENIED,
          deny ? "User is not authorized to access this resource with an explicit deny" : "User is not authorized to access this resource");
    }
    Map<String, Object> authorizer = new LinkedHashMap<>(d.context());
    authorizer.put("principalId", d.principalId());
    call.context.put("authorizer", authorizer);
    call.usageIdentifierKey = d.usageIdentifierKey();
    return null;
  }

  private static boolean covers(JsonNode patterns, String value) {
    List<String> list = new ArrayList<>();
    if (patterns.isArray()) patterns.forEach(p -> list.add(p.asString()));
    else if (patterns.isString()) list.add(patterns.asString());
    for (String p : list) {
      String regex = ("\\Q" + p.replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q") + "\\E");
      if (value.matches(regex)) return true;
    }
    return false;
  }
}
