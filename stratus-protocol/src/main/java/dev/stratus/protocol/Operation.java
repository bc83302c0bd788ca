package dev.stratus.protocol;

import java.util.Objects;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.protocols.core.OperationInfo;
import software.amazon.awssdk.protocols.xml.AwsXmlProtocolFactory;

/**
 * One AWS API operation as the SDK describes it: its name, the request marshaller's binding
 * (HTTP method, URI template, target, API version, XML namespace and root element) and the SDK
 * model classes of its request and response.
 */
public record Operation(ServiceDescriptor service, String name, OperationInfo binding,
    Class<? extends SdkPojo> requestType, Class<? extends SdkPojo> responseType) {

  public Operation {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(binding, "binding");
    Objects.requireNonNull(requestType, "requestType");
    Objects.requireNonNull(responseType, "responseType");
  }

  /** The XML namespace of this operation's responses, falling back to the service's. */
  public String xmlNamespace() {
    String ns = binding.addtionalMetadata(AwsXmlProtocolFactory.XML_NAMESPACE_ATTRIBUTE);
    return ns != null ? ns : service.xmlNamespace();
  }

  /** The root element of a rest-xml request body without an explicit payload member. */
  public String requestRootElement() {
    String root = binding.addtionalMetadata(AwsXmlProtocolFactory.ROOT_MARSHALL_LOCATION_ATTRIBUTE);
    return root != null ? root : name + "Request";
  }

  @Override public String toString() { return service.id() + "." + name; }
}
