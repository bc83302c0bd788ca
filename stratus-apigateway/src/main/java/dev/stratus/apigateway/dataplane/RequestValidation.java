package dev.stratus.apigateway.dataplane;

import dev.stratus.apigateway.model.GatewayResponseType;
import dev.stratus.apigateway.model.RestApi;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A method's request validator (apigateway.md §14): required parameters present and non-blank
 * (400 "Missing required request parameters: [q1]"), and the body valid against the method's
 * model for the request's Content-Type (JSON Schema draft 4; 400 "Invalid request body").
 */
final class RequestValidation {
  private RequestValidation() {}

  /** The 400 to answer, or null when the request passes (or the method has no validator). */
  static FullHttpResponse check(RestShared shared, RestRouter.Call call, RestApi.Method method) {
    RestApi.RequestValidator v = method.requestValidatorId() == null ? null
        : call.deployed.validators().get(method.requestValidatorId());
    if (v == null) return null;
    FullHttpRequest r = call.ex.request();
    if (v.validateRequestParameters()) {
      List<String> missing = new ArrayList<>();
      QueryStringDecoder q = new QueryStringDecoder(r.uri());
      for (Map.Entry<String, Boolean> p : method.requestParameters().entrySet()) {
        if (!Boolean.TRUE.equals(p.getValue())) continue;
        String[] parts = p.getKey().split("\\.", 4); // method.request.<where>.<name>
        if (parts.length != 4) continue;
        String value = switch (parts[2]) {
          case "querystring", "multivaluequerystring" -> {
            List<String> values = q.parameters().get(parts[3]);
            yield values == null || values.isEmpty() ? null : values.getFirst();
          }
          case "header", "multivalueheader" -> r.headers().get(parts[3]);
          case "path" -> call.found.pathParameters().get(parts[3]);
          default -> "";
        };
        if (value == null || value.isBlank()) missing.add(parts[3]);
      }
      if (!missing.isEmpty()) {
        return call.error(GatewayResponseType.BAD_REQUEST_PARAMETERS,
            "Missing required request parameters: [" + String.join(", ", missing) + "]");
      }
    }
    if (v.validateRequestBody() && !method.requestModels().isEmpty()) {
      String type = r.headers().get("Content-Type", "application/json").split(";")[0].trim().toLowerCase();
      String modelName = method.requestModels().getOrDefault(type, method.requestModels().get("$default"));
      if (modelName == null) return null;
      RestApi.Model model = call.deployed.models().values().stream().filter(m -> m.name().equals(modelName)).findFirst().orElse(null);
      if (model == null || model.schema() == null) return null;
      var schema = shared.schema(model.schema());
      if (schema.isEmpty()) return null;
      String body = r.content().toString(StandardCharsets.UTF_8);
      try {
        var errors = schema.get().validate(Vtl.JSON.readTree(body.isBlank() ? "null" : body));
        if (!errors.isEmpty()) {
          call.context.put("error", Map.of("validationErrorString", errors.stream().map(Object::toString).toList().toString()));
          return call.error(GatewayResponseType.BAD_REQUEST_BODY, "Invalid request body");
        }
      } catch (RuntimeException e) {
        return call.error(GatewayResponseType.BAD_REQUEST_BODY, "Invalid request body");
      }
    }
    return null;
  }
}
