package dev.stratus.elbv2.dataplane;

import dev.stratus.core.lambda.FunctionInvoker;
import dev.stratus.core.lambda.InvocationOutcome;
import dev.stratus.core.lambda.ServiceInvocation;
import dev.stratus.net.http.HttpExchange;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * ALB {@code lambda} target groups (elbv2.md §21): the request becomes ALB's Lambda event, the
 * function is invoked as {@code elasticloadbalancing.amazonaws.com} from the target group, and
 * its answer becomes the HTTP response; a function error or an answer that is not a valid
 * response is a 502.
 */
final class AlbLambda {
  static final String PRINCIPAL = "elasticloadbalancing.amazonaws.com";
  /** Request and response bodies ALB passes to and from Lambda. */
  static final int MAX_BODY = 1024 * 1024;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private AlbLambda() {}

  /** What the function returned, as the response ALB sends, or the ALB error code and reason. */
  record Result(FullHttpResponse response, String error) {}

  static CompletionStage<Result> invoke(FunctionInvoker invoker, HttpExchange ex, String targetGroupArn,
      String functionArn, boolean multiValue, String protocol, Duration timeout) {
    FullHttpRequest request = ex.request();
    if (request.content().readableBytes() > MAX_BODY) {
      return CompletableFuture.completedFuture(new Result(AlbRouter.page(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE),
          "LambdaRequestTooLarge"));
    }
    byte[] event = event(ex, targetGroupArn, multiValue, protocol);
    return invoker.invoke(new ServiceInvocation(functionArn, event, PRINCIPAL, targetGroupArn, timeout))
        .thenApply(outcome -> switch (outcome) {
          case InvocationOutcome.Returned r when r.functionError() != null ->
              new Result(AlbRouter.page(HttpResponseStatus.BAD_GATEWAY), "LambdaUnhandled");
          case InvocationOutcome.Returned r -> {
            FullHttpResponse response = response(r.payload());
            yield response == null ? new Result(AlbRouter.page(HttpResponseStatus.BAD_GATEWAY), "LambdaInvalidResponse")
                : new Result(response, null);
          }
          case InvocationOutcome.PermissionDenied d -> new Result(AlbRouter.page(HttpResponseStatus.BAD_GATEWAY), "LambdaAccessDenied");
          case InvocationOutcome.NotFound n -> new Result(AlbRouter.page(HttpResponseStatus.BAD_GATEWAY), "LambdaResourceNotFound");
          case InvocationOutcome.TimedOut t -> new Result(AlbRouter.page(HttpResponseStatus.GATEWAY_TIMEOUT), "LambdaConnectionTimeout");
          case InvocationOutcome.ServiceError s -> new Result(AlbRouter.page(HttpResponseStatus.BAD_GATEWAY), "LambdaServiceException");
        });
  }

  /** ALB's event: query values as sent (not decoded), header names in lower case, the body base64 unless text. */
  static byte[] event(HttpExchange ex, String targetGroupArn, boolean multiValue, String protocol) {
    FullHttpRequest r = ex.request();
    ObjectNode e = JsonNodeFactory.instance.objectNode();
    e.putObject("requestContext").putObject("elb").put("targetGroupArn", targetGroupArn);
    e.put("httpMethod", r.method().name());
    QueryStringDecoder uri = new QueryStringDecoder(r.uri(), StandardCharsets.UTF_8, true, 1024, true);
    e.put("path", uri.rawPath());
    ObjectNode query = e.putObject(multiValue ? "multiValueQueryStringParameters" : "queryStringParameters");
    if (!uri.rawQuery().isEmpty()) {
      for (String pair : uri.rawQuery().split("&")) {
        if (pair.isEmpty()) continue;
        int eq = pair.indexOf('=');
        String k = eq < 0 ? pair : pair.substring(0, eq);
        String v = eq < 0 ? "" : pair.substring(eq + 1);
        if (multiValue) {
          (query.has(k) ? (tools.jackson.databind.node.ArrayNode) query.get(k) : query.putArray(k)).add(v);
        } else {
          query.put(k, v); // the last value wins
        }
      }
    }
    ObjectNode headers = e.putObject(multiValue ? "multiValueHeaders" : "headers");
    String client = ex.remote().getAddress().getHostAddress();
    String xff = r.headers().get("X-Forwarded-For");
    Map<String, String> forwarded = Map.of("x-forwarded-for", xff == null ? client : xff + ", " + client,
        "x-forwarded-port", Integer.toString(ex.local().getPort()), "x-forwarded-proto", protocol.toLowerCase(Locale.ROOT));
    for (Map.Entry<String, String> h : r.headers()) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (forwarded.containsKey(name)) continue; // ALB's own values below
      if (multiValue) {
        (headers.has(name) ? (tools.jackson.databind.node.ArrayNode) headers.get(name) : headers.putArray(name)).add(h.getValue());
      } else {
        headers.put(name, h.getValue()); // the last value wins
      }
    }
    forwarded.forEach((name, value) -> {
      if (multiValue) headers.putArray(name).add(value);
      else headers.put(name, value);
    });
    byte[] body = new byte[r.content().readableBytes()];
    r.content().getBytes(r.content().readerIndex(), body);
    boolean text = isText(r.headers().get(HttpHeaderNames.CONTENT_TYPE)) && r.headers().get(HttpHeaderNames.CONTENT_ENCODING) == null;
    e.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
    e.put("isBase64Encoded", !text);
    return JSON.writeValueAsBytes(e);
  }

  private static boolean isText(String contentType) {
    if (contentType == null) return true; // no body type: an empty or plain body passes as is
    String t = contentType.toLowerCase(Locale.ROOT);
    return t.startsWith("text/") || t.startsWith("application/json") || t.startsWith("application/javascript")
        || t.startsWith("application/xml");
  }

  /** The HTTP response a function's answer describes, or null when it is not a valid one. */
  static FullHttpResponse response(byte[] payload) {
    JsonNode n;
    try {
      n = JSON.readTree(payload);
    } catch (RuntimeException e) {
      return null;
    }
    if (n == null || !n.isObject() || !n.has("statusCode")) return null;
    JsonNode code = n.get("statusCode");
    int status;
    if (code.isInt()) {
      status = code.asInt();
    } else if (code.isString() && code.asString().matches("\\d{3}")) {
      status = Integer.parseInt(code.asString());
    } else {
      return null;
    }
    if (status < 100 || status > 599) return null;
    byte[] body;
    JsonNode b = n.get("body");
    if (b == null || b.isNull()) {
      body = new byte[0];
    } else if (!b.isString()) {
      return null;
    } else if (n.path("isBase64Encoded").asBoolean(false)) {
      try {
        body = Base64.getDecoder().decode(b.asString());
      } catch (IllegalArgumentException e) {
        return null;
      }
    } else {
      body = b.asString().getBytes(StandardCharsets.UTF_8);
    }
    if (body.length > MAX_BODY) return null;
    String description = n.path("statusDescription").asString("");
    String reason = description.matches("\\d{3} .+") ? description.substring(4) : HttpResponseStatus.valueOf(status).reasonPhrase();
    FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, new HttpResponseStatus(status, reason),
        Unpooled.wrappedBuffer(body));
    JsonNode multi = n.get("multiValueHeaders");
    if (multi != null && multi.isObject()) {
      for (var f : multi.properties()) {
        if (f.getValue().isArray()) f.getValue().forEach(v -> out.headers().add(f.getKey(), v.asString()));
      }
    }
    JsonNode single = n.get("headers");
    if (single != null && single.isObject()) {
      for (var f : single.properties()) out.headers().set(f.getKey(), f.getValue().asString());
    }
    out.headers().set(HttpHeaderNames.SERVER, "awselb/2.0");
    out.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
    return out;
  }
}
