package dev.stratus.protocol.codec;

import dev.stratus.core.AwsException;
import dev.stratus.protocol.Operation;
import dev.stratus.protocol.ServiceModel;
import dev.stratus.protocol.WireRequest;
import dev.stratus.protocol.WireResponse;
import java.util.Map;
import software.amazon.awssdk.core.SdkPojo;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON RPC protocol, versions 1.0 and 1.1 (WAFv2, Global Accelerator): {@code POST /} with
 * {@code X-Amz-Target: Prefix.Operation} and a JSON body; errors are
 * {@code {"__type":"Code","message":…}} plus the {@code x-amzn-ErrorType} header.
 *
 * <p>Validation errors (table): unparsable JSON or a value of the wrong JSON type →
 * {@code SerializationException} (400); missing required member → {@code ValidationException}
 * (400, "1 validation error detected"); unknown target → {@code UnknownOperationException}.
 */
final class JsonCodec implements ProtocolCodec {

  @Override
  public ResolvedCall resolve(ServiceModel service, WireRequest request) {
    String target = request.header("X-Amz-Target");
    String prefix = service.descriptor().targetPrefix() + ".";
    if (target == null || !target.startsWith(prefix)) throw unknownOperation(target);
    String name = target.substring(prefix.length());
    Operation op = service.operation(name).orElseThrow(() -> unknownOperation(target));
    return ResolvedCall.of(op);
  }

  private static AwsException unknownOperation(String target) {
    return new AwsException("UnknownOperationException", 400,
        target == null ? "Missing X-Amz-Target header" : "Unknown operation " + target);
  }

  @Override
  public SdkPojo decode(ResolvedCall call, WireRequest request) {
    SdkPojo builder = SdkShapes.builder(call.operation().requestType());
    JsonReader.readFields(JsonReader.parse(request.body()), builder, "");
    return SdkShapes.build(builder);
  }

  @Override
  public WireResponse encode(Operation op, SdkPojo response, String requestId) {
    return new WireResponse(200, Map.of("Content-Type", contentType(op.service().jsonVersion())),
        JsonWriter.bytes(JsonWriter.object(response)));
  }

  @Override
  public WireResponse encodeError(ServiceModel service, AwsException error, String requestId) {
    ObjectNode body = JsonNodeFactory.instance.objectNode()
        .put("__type", error.code()).put("message", error.getMessage());
    error.details().forEach(body::put);
    return new WireResponse(error.httpStatus(), Map.of("Content-Type", contentType(service.descriptor().jsonVersion()),
        "x-amzn-ErrorType", error.code()), JsonWriter.bytes(body));
  }

  @Override
  public AwsException validationError(ServiceModel service, WireFormatException p) {
    return switch (p.kind()) {
      // AWS answers model validation with the service's own modeled exception where it has one
      // (the descriptor's quirks: Global Accelerator's InvalidArgumentException)
      case MISSING_MEMBER, CONSTRAINT -> new AwsException(
          service.descriptor().quirks().validationCode().isEmpty() ? "ValidationException" : service.descriptor().quirks().validationCode(),
          400, ValidationTexts.oneError(p));
      case WRONG_TYPE -> new AwsException("SerializationException", 400,
          "Unexpected value " + InputLimits.cut(p.value()) + " for member " + p.member());
      case MALFORMED_BODY -> new AwsException("SerializationException", 400, "Malformed JSON: " + p.value());
    };
  }

  private static String contentType(String version) {
    return "application/x-amz-json-" + (version.isEmpty() ? "1.1" : version);
  }
}
