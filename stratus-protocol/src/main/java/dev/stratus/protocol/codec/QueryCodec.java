package dev.stratus.protocol.codec;

import dev.stratus.core.AwsException;
import dev.stratus.protocol.Operation;
import dev.stratus.protocol.ServiceModel;
import dev.stratus.protocol.WireResponse;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The AWS query protocol (ELBv2): {@code <OpResponse><OpResult>…</OpResult>
 * <ResponseMetadata><RequestId/></ResponseMetadata></OpResponse>} and
 * {@code <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>}.
 *
 * <p>Validation errors (table): a missing required member or a value of the wrong type is
 * {@code ValidationError} (400) in AWS's "1 validation error detected" form; an unknown Action
 * is {@code InvalidAction} (400).
 */
final class QueryCodec extends FormCodec {

  @Override boolean ec2() { return false; }

  @Override
  AwsException unknownAction(ServiceModel service, String action) {
    return new AwsException("InvalidAction", 400, "Could not find operation " + action
        + " for version " + service.descriptor().apiVersion());
  }

  @Override
  public WireResponse encode(Operation op, SdkPojo response, String requestId) {
    String ns = op.xmlNamespace();
    XmlWriter xml = new XmlWriter().open(op.name() + "Response", ns)
        .open(op.name() + "Result").fields(response).close(op.name() + "Result")
        .open("ResponseMetadata").element("RequestId", requestId).close("ResponseMetadata")
        .close(op.name() + "Response");
    return xml(200, xml.toString());
  }

  @Override
  public WireResponse encodeError(ServiceModel service, AwsException error, String requestId) {
    XmlWriter xml = new XmlWriter().open("ErrorResponse", service.descriptor().xmlNamespace())
        .open("Error")
        .element("Type", error.fault() == AwsException.Fault.SENDER ? "Sender" : "Receiver")
        .element("Code", error.code())
        .element("Message", error.getMessage())
        .close("Error")
        .element("RequestId", requestId)
        .close("ErrorResponse");
    return xml(error.httpStatus(), xml.toString());
  }

  @Override
  public AwsException validationError(ServiceModel service, WireFormatException p) {
    return new AwsException("ValidationError", 400, ValidationTexts.oneError(p));
  }
}
