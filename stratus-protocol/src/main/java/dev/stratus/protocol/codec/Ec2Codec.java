package dev.stratus.protocol.codec;

import dev.stratus.core.AwsException;
import dev.stratus.protocol.Operation;
import dev.stratus.protocol.ServiceModel;
import dev.stratus.protocol.WireResponse;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The EC2 protocol: query-style requests with {@code Name.N} lists, responses
 * {@code <OpResponse xmlns><requestId/>…</OpResponse>} and errors
 * {@code <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>}.
 *
 * <p>Validation errors (table): missing required parameter → {@code MissingParameter} "The
 * request must contain the parameter X"; unparsable value → {@code InvalidParameterValue};
 * unknown Action → {@code InvalidAction} "The action X is not valid for this web service."
 */
final class Ec2Codec extends FormCodec {

  @Override boolean ec2() { return true; }

  @Override
  AwsException unknownAction(ServiceModel service, String action) {
    if (action == null || action.isEmpty()) {
      return new AwsException("MissingAction", 400, "The request must contain the parameter Action");
    }
    return new AwsException("InvalidAction", 400, "The action " + action + " is not valid for this web service.");
  }

  @Override
  public WireResponse encode(Operation op, SdkPojo response, String requestId) {
    XmlWriter xml = new XmlWriter().declaration().open(op.name() + "Response", op.xmlNamespace())
        .element("requestId", requestId).fields(response).close(op.name() + "Response");
    return xml(200, xml.toString());
  }

  @Override
  public WireResponse encodeError(ServiceModel service, AwsException error, String requestId) {
    XmlWriter xml = new XmlWriter().declaration().open("Response").open("Errors").open("Error")
        .element("Code", error.code()).element("Message", error.getMessage())
        .close("Error").close("Errors").element("RequestID", requestId).close("Response");
    return xml(error.httpStatus(), xml.toString());
  }

  @Override
  public AwsException validationError(ServiceModel service, WireFormatException p) {
    return switch (p.kind()) {
      case MISSING_MEMBER -> new AwsException("MissingParameter", 400,
          "The request must contain the parameter " + p.member());
      case WRONG_TYPE -> new AwsException("InvalidParameterValue", 400,
          "Value (" + InputLimits.cut(p.value()) + ") for parameter " + p.member() + " is invalid.");
      case CONSTRAINT -> new AwsException("InvalidParameterValue", 400, p.value());
      case MALFORMED_BODY -> new AwsException("InvalidParameterValue", 400, "The request could not be parsed.");
    };
  }
}
