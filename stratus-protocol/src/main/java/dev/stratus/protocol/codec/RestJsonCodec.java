package dev.stratus.protocol.codec;

import dev.stratus.core.AwsException;
import dev.stratus.protocol.Operation;
import dev.stratus.protocol.ServiceModel;
import dev.stratus.protocol.WireRequest;
import dev.stratus.protocol.WireResponse;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingKnownType;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rest-json protocol (API Gateway v1 and v2): REST bindings plus a JSON body (the explicit
 * payload member's, or all payload members). Errors are {@code {"message":…}} with the code in
 * the {@code x-amzn-ErrorType} header.
 *
 * <p>Validation errors (table): {@code BadRequestException} (400, or the service's quirk) for malformed JSON, wrong
 * types and missing members; no matching URI template → 404 {@code NotFoundException}.
 */
final class RestJsonCodec extends RestCodec {
  private static final String CONTENT_TYPE = "application/json";

  @Override
  void readBody(SdkPojo builder, WireRequest request, Operation op) {
    SdkField<?> payload = HttpBindings.payloadMember(builder.sdkFields());
    if (payload != null) {
      if (request.body().length == 0) return;
      MarshallingKnownType type = payload.marshallingType().getKnownType();
      if (type == MarshallingKnownType.SDK_BYTES) {
        payload.set(builder, SdkBytes.fromByteArray(request.body()));
      } else {
        payload.set(builder, JsonReader.value(JsonReader.parse(request.body()), payload, payload.locationName()));
      }
      return;
    }
    JsonReader.readFields(JsonReader.parse(request.body()), builder, "");
  }

  @Override
  WireResponse writeBody(Operation op, SdkPojo response, SdkField<?> payload, int status) {
    if (payload != null) {
      Object value = payload.getValueOrDefault(response);
      if (value == null) return new WireResponse(status, Map.of(), null);
      if (value instanceof SdkBytes b) return new WireResponse(status, Map.of(), b.asByteArray());
      return new WireResponse(status, Map.of("Content-Type", CONTENT_TYPE), JsonWriter.bytes(JsonWriter.value(payload, value)));
    }
    List<SdkField<?>> fields = response.sdkFields();
    if (!HttpBindings.hasPayloadMembers(fields) && status != 200) return new WireResponse(status, Map.of(), null);
    return new WireResponse(status, Map.of("Content-Type", CONTENT_TYPE), JsonWriter.bytes(JsonWriter.object(response)));
  }

  @Override
  AwsException unknownOperation(ServiceModel service, WireRequest request) {
    return new AwsException("NotFoundException", 404,
        "No " + service.descriptor().id() + " operation matches " + request.method() + " " + request.path());
  }

  @Override
  public WireResponse encodeError(ServiceModel service, AwsException error, String requestId) {
    ObjectNode body = JsonNodeFactory.instance.objectNode().put("message", error.getMessage());
    return new WireResponse(error.httpStatus(),
        Map.of("Content-Type", CONTENT_TYPE, "x-amzn-ErrorType", error.code()), JsonWriter.bytes(body));
  }

  @Override
  public AwsException validationError(ServiceModel service, WireFormatException p) {
    String code = service.descriptor().quirks().validationCode();
    return new AwsException(code.isEmpty() ? "BadRequestException" : code, 400, p.kind() == WireFormatException.Kind.MALFORMED_BODY
        ? "Invalid JSON in request body: " + p.value() : ValidationTexts.oneError(p));
  }

}
