package dev.stratus.protocol.codec;

import dev.stratus.core.AwsException;
import dev.stratus.protocol.Operation;
import dev.stratus.protocol.ServiceModel;
import dev.stratus.protocol.WireRequest;
import dev.stratus.protocol.WireResponse;
import dev.stratus.protocol.routing.RestRouter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The shared half of rest-xml and rest-json: the operation is the most specific URI template
 * matching method and path; non-payload members come from {@link HttpBindings}; the body is
 * the subclass's format; success status comes from {@link SuccessStatus}.
 */
abstract sealed class RestCodec implements ProtocolCodec permits RestXmlCodec, RestJsonCodec {
  private final Map<String, RestRouter> routers = new ConcurrentHashMap<>();

  /** Reads the body into the request builder (payload members). */
  abstract void readBody(SdkPojo builder, WireRequest request, Operation op);

  /** Writes the response body; {@code payload} is the explicit payload member or null. */
  abstract WireResponse writeBody(Operation op, SdkPojo response, SdkField<?> payload, int status);

  /** The protocol's error for a request no template matches. */
  abstract AwsException unknownOperation(ServiceModel service, WireRequest request);

  RestRouter router(ServiceModel service) {
    return routers.computeIfAbsent(service.descriptor().id(), id -> new RestRouter(service));
  }

  @Override
  public ResolvedCall resolve(ServiceModel service, WireRequest request) {
    return router(service).match(request.method(), request.path(), request.query())
        .map(m -> new ResolvedCall(m.operation(), m.labels()))
        .orElseThrow(() -> unknownOperation(service, request));
  }

  @Override
  public SdkPojo decode(ResolvedCall call, WireRequest request) {
    SdkPojo builder = SdkShapes.builder(call.operation().requestType());
    HttpBindings.read(builder, request, call.pathLabels(), call.operation().binding().requestUri());
    readBody(builder, request, call.operation());
    return SdkShapes.build(builder);
  }

  @Override
  public WireResponse encode(Operation op, SdkPojo response, String requestId) {
    List<SdkField<?>> fields = response.sdkFields();
    int status = HttpBindings.statusMember(response);
    if (status == 0) status = SuccessStatus.of(op);
    WireResponse out = writeBody(op, response, HttpBindings.payloadMember(fields), status);
    for (Map.Entry<String, String> h : HttpBindings.responseHeaders(response).entrySet()) {
      out = out.withHeader(h.getKey(), h.getValue());
    }
    return out;
  }
}
