package dev.stratus.protocol.codec;

import dev.stratus.core.AwsException;
import dev.stratus.protocol.Operation;
import dev.stratus.protocol.ServiceModel;
import dev.stratus.protocol.WireRequest;
import dev.stratus.protocol.WireResponse;
import java.util.Map;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The shared half of the query and EC2 protocols: the operation is the {@code Action} form
 * parameter (POST body or GET query string) and the request is read by {@link FormReader};
 * subclasses differ in list naming, response envelope and error shapes.
 */
abstract sealed class FormCodec implements ProtocolCodec permits QueryCodec, Ec2Codec {
  static final String CONTENT_TYPE = "text/xml;charset=UTF-8";

  abstract boolean ec2();

  /** The protocol's error for an Action the service does not have. */
  abstract AwsException unknownAction(ServiceModel service, String action);

  @Override
  public ResolvedCall resolve(ServiceModel service, WireRequest request) {
    String action = request.formParams().get("Action");
    Operation op = service.operation(action).orElseThrow(() -> unknownAction(service, action));
    return ResolvedCall.of(op);
  }

  @Override
  public SdkPojo decode(ResolvedCall call, WireRequest request) {
    Map<String, String> params = request.formParams();
    return new FormReader(params, ec2()).read(call.operation().requestType());
  }

  static WireResponse xml(int status, String body) {
    return WireResponse.of(status, CONTENT_TYPE, body);
  }
}
