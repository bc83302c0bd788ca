package dev.stratus.protocol.codec;

import dev.stratus.core.AwsException;
import dev.stratus.protocol.Operation;
import dev.stratus.protocol.ServiceModel;
import dev.stratus.protocol.WireRequest;
import dev.stratus.protocol.WireResponse;
import software.amazon.awssdk.core.SdkPojo;

/**
 * One AWS wire protocol: finds the operation a request calls, decodes it into the SDK request
 * object, and encodes the SDK response or an {@link AwsException} in the protocol's envelope.
 * Implementations are stateless apart from caches and safe for concurrent use.
 */
public interface ProtocolCodec {

  /**
   * The operation {@code request} calls.
   *
   * @throws AwsException the protocol's unknown-operation error
   */
  ResolvedCall resolve(ServiceModel service, WireRequest request);

  /**
   * The SDK request object of {@code call}.
   *
   * @throws WireFormatException when the request does not fit the operation's shape
   */
  SdkPojo decode(ResolvedCall call, WireRequest request);

  /** The wire form of a handler's response. */
  WireResponse encode(Operation operation, SdkPojo response, String requestId);

  /** The wire form of an error. */
  WireResponse encodeError(ServiceModel service, AwsException error, String requestId);

  /** The protocol's generic validation error for a request that does not fit its shape. */
  AwsException validationError(ServiceModel service, WireFormatException problem);
}
