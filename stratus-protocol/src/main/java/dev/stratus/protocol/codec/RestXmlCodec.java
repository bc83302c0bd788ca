package dev.stratus.protocol.codec;

import dev.stratus.core.AwsException;
import dev.stratus.protocol.Operation;
import dev.stratus.protocol.ServiceDescriptor;
import dev.stratus.protocol.ServiceModel;
import dev.stratus.protocol.WireRequest;
import dev.stratus.protocol.WireResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingKnownType;

/**
 * The rest-xml protocol (Route 53, CloudFront). Requests: the body's root is the operation's
 * root element (e.g. {@code ChangeResourceRecordSetsRequest}) or the explicit payload member
 * (e.g. CloudFront's {@code DistributionConfig}). Responses: {@code <OpResponse xmlns=…>} or the
 * payload member's element. Errors: {@code <ErrorResponse><Error><Type/><Code/><Message/>
 * </Error><RequestId/></ErrorResponse>}, also for {@link dev.stratus.protocol.AwsMessagesException}
 * (Route 53's current InvalidChangeBatch form).
 *
 * <p>Validation errors: {@code InvalidInput} (400), or the codes of the service's
 * {@link ServiceDescriptor.Quirks} (CloudFront: {@code MalformedInput}, {@code InvalidArgument}). No matching URI
 * template → 404 {@code UnknownOperationException}.
 */
final class RestXmlCodec extends RestCodec {
  private static final String CONTENT_TYPE = "text/xml";

  @Override
  void readBody(SdkPojo builder, WireRequest request, Operation op) {
    List<SdkField<?>> fields = builder.sdkFields();
    SdkField<?> payload = HttpBindings.payloadMember(fields);
    if (request.body().length == 0) {
      for (SdkField<?> f : fields) {
        if (f.location() == software.amazon.awssdk.core.protocol.MarshallLocation.PAYLOAD
            && RequiredMembers.isRequired(builder, f)) {
          throw WireFormatException.missing(f.locationName());
        }
      }
      return;
    }
    if (payload != null) {
      MarshallingKnownType type = payload.marshallingType().getKnownType();
      if (type == MarshallingKnownType.SDK_BYTES) {
        payload.set(builder, SdkBytes.fromByteArray(request.body()));
      } else if (type == MarshallingKnownType.STRING) {
        payload.set(builder, new String(request.body(), StandardCharsets.UTF_8));
      } else {
        Element root = XmlReader.parse(request.body());
        payload.set(builder, XmlReader.readStructure(root, payload, ""));
      }
      return;
    }
    XmlReader.readFields(XmlReader.parse(request.body()), builder, "");
  }

  @Override
  WireResponse writeBody(Operation op, SdkPojo response, SdkField<?> payload, int status) {
    if (payload != null) {
      Object value = payload.getValueOrDefault(response);
      if (value == null) return new WireResponse(status, Map.of(), null);
      if (value instanceof SdkBytes b) return new WireResponse(status, Map.of(), b.asByteArray());
      if (value instanceof String s) return WireResponse.of(status, CONTENT_TYPE, s);
      XmlWriter xml = new XmlWriter().declaration()
          .structure(payload.locationName(), op.xmlNamespace(), (SdkPojo) value);
      return WireResponse.of(status, CONTENT_TYPE, xml.toString());
    }
    // an output without body members: Route 53 answers its empty root element (the reference's
    // DeleteHealthCheck and ChangeTagsForResource examples), CloudFront no body at all
    if (!HttpBindings.hasPayloadMembers(response.sdkFields()) && !op.service().id().equals("route53")) {
      return new WireResponse(status, Map.of(), null);
    }
    XmlWriter xml = new XmlWriter().declaration().open(op.name() + "Response", op.xmlNamespace())
        .fields(response).close(op.name() + "Response");
    return WireResponse.of(status, CONTENT_TYPE, xml.toString());
  }

  @Override
  AwsException unknownOperation(ServiceModel service, WireRequest request) {
    return new AwsException("UnknownOperationException", 404,
        "No " + service.descriptor().id() + " operation matches " + request.method() + " " + request.path());
  }

  @Override
  public WireResponse encodeError(ServiceModel service, AwsException error, String requestId) {
    String ns = service.descriptor().xmlNamespace();
    XmlWriter xml = new XmlWriter().declaration();
    xml.open("ErrorResponse", ns).open("Error")
          .element("Type", error.fault() == AwsException.Fault.SENDER ? "Sender" : "Receiver")
          .element("Code", error.code())
          .element("Message", error.getMessage())
          .close("Error").element("RequestId", requestId).close("ErrorResponse");
    return WireResponse.of(error.httpStatus(), CONTENT_TYPE, xml.toString());
  }

  @Override
  public AwsException validationError(ServiceModel service, WireFormatException p) {
    ServiceDescriptor.Quirks q = service.descriptor().quirks();
    String invalid = q.validationCode().isEmpty() ? "InvalidInput" : q.validationCode();
    if (p.kind() == WireFormatException.Kind.MALFORMED_BODY) {
      return new AwsException(q.malformedCode().isEmpty() ? invalid : q.malformedCode(), 400,
          (q.malformedPrefix().isEmpty() ? "Could not parse the request body: " : q.malformedPrefix()) + p.value());
    }
    return new AwsException(invalid, 400, ValidationTexts.oneError(p));
  }
}
