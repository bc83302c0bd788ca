package dev.stratus.apigateway.dataplane;

import dev.stratus.apigateway.model.GatewayResponseType;
import dev.stratus.apigateway.model.RestApi;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The responses API Gateway answers itself (apigateway.md §16): the deployed API's customised
 * gateway response for the type, else its family's (DEFAULT_4XX/5XX) customisation, else AWS's
 * default status and {@code {"message":$context.error.messageString}}.
 */
final class GatewayResponses {
  private GatewayResponses() {}

  /** The {@code x-amzn-ErrorType} AWS sends with each type. */
  private static String errorType(GatewayResponseType type) {
    return switch (type) {
      case MISSING_AUTHENTICATION_TOKEN -> "MissingAuthenticationTokenException";
      case INVALID_API_KEY, ACCESS_DENIED, WAF_FILTERED -> "ForbiddenException";
      case THROTTLED -> "TooManyRequestsException";
      case QUOTA_EXCEEDED -> "LimitExceededException";
      case BAD_REQUEST_BODY, BAD_REQUEST_PARAMETERS -> "BadRequestException";
      case UNAUTHORIZED -> "UnauthorizedException";
      case RESOURCE_NOT_FOUND -> "NotFoundException";
      default -> type.defaultStatus() >= 500 ? "InternalServerErrorException" : "BadRequestException";
    };
  }

  static FullHttpResponse of(RestApi api, GatewayResponseType type, String message, Map<String, Object> context,
      Map<String, String> stageVariables) {
    RestApi.GatewayResponse custom = api == null ? null : api.gatewayResponses().get(type.name());
    RestApi.GatewayResponse family = api == null ? null : api.gatewayResponses().get(type.family().name());
    int status = type.defaultStatus();
    if (custom != null && custom.statusCode() != null) status = Integer.parseInt(custom.statusCode());
    else if (custom == null && family != null && family.statusCode() != null) status = Integer.parseInt(family.statusCode());
    if (status == 0) status = type == GatewayResponseType.DEFAULT_5XX ? 500 : 400;
    RestApi.GatewayResponse chosen = custom != null ? custom : family;
    String template = chosen != null && chosen.responseTemplates().containsKey("application/json")
        ? chosen.responseTemplates().get("application/json") : GatewayResponseType.DEFAULT_TEMPLATE;
    Map<String, Object> ctx = new java.util.HashMap<>(context);
    ctx.put("error", Map.of("message", message, "messageString", "\"" + new Vtl.Util().escapeJavaScript(message).replace("\\/", "/") + "\"",
        "responseType", type.name()));
    String body = Vtl.render(template, new Vtl.Input("", Map.of()), ctx, stageVariables);
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
        Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    r.headers().set("Content-Type", "application/json");
    r.headers().set("x-amzn-ErrorType", errorType(type));
    if (chosen != null) {
      chosen.responseParameters().forEach((k, v) -> {
        if (k.startsWith("gatewayresponse.header.")) r.headers().set(k.substring("gatewayresponse.header.".length()), literal(v));
      });
    }
    return r;
  }

  /** A mapping value {@code 'text'} is the literal text. */
  static String literal(String v) {
    return v.length() >= 2 && v.startsWith("'") && v.endsWith("'") ? v.substring(1, v.length() - 1) : v;
  }
}
