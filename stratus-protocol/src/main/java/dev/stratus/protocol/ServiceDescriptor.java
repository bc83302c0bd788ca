package dev.stratus.protocol;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The service-level facts of one AWS API that the SDK model classes do not carry: how requests
 * are signed, which wire protocol it speaks, its JSON target prefix or XML namespace, and where
 * its SDK model classes live.
 *
 * @param id the SDK's service id and package segment, e.g. {@code elasticloadbalancingv2}
 * @param signingName the SigV4 credential-scope service, e.g. {@code elasticloadbalancing}
 * @param protocol the wire protocol
 * @param targetPrefix the {@code X-Amz-Target} prefix of JSON services, else empty
 * @param jsonVersion {@code 1.0} or {@code 1.1} for JSON services, else empty
 * @param xmlNamespace the response namespace of XML services, else empty
 * @param apiVersion the API version ({@code Version} form parameter of query services)
 */
public record ServiceDescriptor(String id, String signingName, Protocol protocol, String targetPrefix,
    String jsonVersion, String xmlNamespace, String apiVersion) {

  public static final ServiceDescriptor ROUTE53 = new ServiceDescriptor("route53", "route53",
      Protocol.REST_XML, "", "", "https://route53.amazonaws.com/doc/2013-04-01/", "2013-04-01");
  public static final ServiceDescriptor CLOUDFRONT = new ServiceDescriptor("cloudfront", "cloudfront",
      Protocol.REST_XML, "", "", "http://cloudfront.amazonaws.com/doc/2020-05-31/", "2020-05-31");
  public static final ServiceDescriptor EC2 = new ServiceDescriptor("ec2", "ec2",
      Protocol.EC2, "", "", "http://ec2.amazonaws.com/doc/2016-11-15/", "2016-11-15");
  public static final ServiceDescriptor ELBV2 = new ServiceDescriptor("elasticloadbalancingv2",
      "elasticloadbalancing", Protocol.QUERY, "", "",
      "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/", "2015-12-01");
  public static final ServiceDescriptor WAFV2 = new ServiceDescriptor("wafv2", "wafv2",
      Protocol.JSON, "AWSWAF_20190729", "1.1", "", "2019-07-29");
  public static final ServiceDescriptor GLOBALACCELERATOR = new ServiceDescriptor("globalaccelerator",
      "globalaccelerator", Protocol.JSON, "GlobalAccelerator_V20180706", "1.1", "", "2018-08-08");
  public static final ServiceDescriptor APIGATEWAY = new ServiceDescriptor("apigateway", "apigateway",
      Protocol.REST_JSON, "", "", "", "2015-07-09");
  public static final ServiceDescriptor APIGATEWAYV2 = new ServiceDescriptor("apigatewayv2",
      "apigateway", Protocol.REST_JSON, "", "", "", "2018-11-29");
  public static final ServiceDescriptor LAMBDA = new ServiceDescriptor("lambda", "lambda",
      Protocol.REST_JSON, "", "", "", "2015-03-31");
  public static final ServiceDescriptor STS = new ServiceDescriptor("sts", "sts",
      Protocol.QUERY, "", "", "https://sts.amazonaws.com/doc/2011-06-15/", "2011-06-15");
  public static final ServiceDescriptor ACM = new ServiceDescriptor("acm", "acm",
      Protocol.JSON, "CertificateManager", "1.1", "", "2015-12-08");

  /**
   * CloudFront's key value stores' data API (PutKey, GetKey, …): a service of its own, which the
   * SDK signs with SigV4A, whose credential scope names no Region.
   */
  public static final ServiceDescriptor CLOUDFRONT_KEYVALUESTORE = new ServiceDescriptor("cloudfrontkeyvaluestore",
      "cloudfront-keyvaluestore", Protocol.REST_JSON, "", "", "", "2022-07-26");

  /**
   * S3 speaks REST-XML with streaming bodies; stratus-s3's own handler claims its requests on
   * the API port (VirtualHosts router) before this dispatcher, so it is not in {@link #ALL}.
   */
  public static final ServiceDescriptor S3 = new ServiceDescriptor("s3", "s3",
      Protocol.REST_XML, "", "", "http://s3.amazonaws.com/doc/2006-03-01/", "2006-03-01");

  /** Every service Stratus routes, in routing-priority order (v2 before v1 for API Gateway). */
  public static final List<ServiceDescriptor> ALL = List.of(
      ROUTE53, CLOUDFRONT, EC2, ELBV2, WAFV2, GLOBALACCELERATOR, APIGATEWAYV2, APIGATEWAY, STS, LAMBDA, ACM,
      CLOUDFRONT_KEYVALUESTORE);

  public ServiceDescriptor {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(signingName, "signingName");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(targetPrefix, "targetPrefix");
    Objects.requireNonNull(jsonVersion, "jsonVersion");
    Objects.requireNonNull(xmlNamespace, "xmlNamespace");
    Objects.requireNonNull(apiVersion, "apiVersion");
  }

  /**
   * Where a service departs from its protocol's common rules, for the router and the codecs.
   *
   * @param pathPrefixes request paths that name the service when neither a SigV4 scope nor a
   *     target does (Route 53's {@code /2013-04-01/}); among services that share a signing name
   *     (API Gateway v1 and v2) the first in {@link #ALL} whose prefix matches wins, else the last
   * @param afterVersion whether the path prefixes are consulted only after the query
   *     {@code Version} (API Gateway v1's bare resource paths)
   * @param validationCode the error code of a request that breaks the model's rules, if not
   *     the protocol's (REST-XML {@code InvalidInput}, JSON {@code ValidationException})
   * @param malformedCode the error code of a body that does not parse, if not the protocol's
   * @param malformedPrefix the text before the parser's message in that error, if not the
   *     protocol's (REST-XML {@code Could not parse the request body: })
   */
  public record Quirks(List<String> pathPrefixes, boolean afterVersion, String validationCode,
      String malformedCode, String malformedPrefix) {
    public static final Quirks NONE = new Quirks(List.of(), false, "", "", "");

    /** Whether {@code path} starts with one of the service's path prefixes. */
    public boolean claimsPath(String path) {
      return pathPrefixes.stream().anyMatch(path::startsWith);
    }
  }

  /** The one table of per-service protocol exceptions, by SDK id; absent = {@link Quirks#NONE}. */
  private static final Map<String, Quirks> QUIRKS = Map.of(
      "route53", new Quirks(List.of("/2013-04-01/"), false, "", "", ""),
      // CloudFront: MalformedInput for unparsable XML, InvalidArgument otherwise
      "cloudfront", new Quirks(List.of("/2020-05-31/"), false, "InvalidArgument", "MalformedInput", "Unexpected XML: "),
      // Global Accelerator models only InvalidArgumentException for bad input
      "globalaccelerator", new Quirks(List.of(), false, "InvalidArgumentException", "", ""),
      "apigatewayv2", new Quirks(List.of("/v2/"), false, "", "", ""),
      // the key value stores' data API answers bad input with ValidationException, not REST-JSON's BadRequestException
      "cloudfrontkeyvaluestore", new Quirks(List.of("/key-value-stores/"), false, "ValidationException", "", ""),
      "apigateway", new Quirks(List.of("/restapis", "/apikeys", "/domainnames", "/usageplans", "/vpclinks",
          "/account"), true, "", "", ""));

  /** This service's departures from its protocol's common rules. */
  public Quirks quirks() { return QUIRKS.getOrDefault(id, Quirks.NONE); }

  /** The SDK package holding this service's {@code model} and {@code transform} classes. */
  public String sdkPackage() { return "software.amazon.awssdk.services." + id; }

  /** The service whose SDK model package is {@code modelPackage}, if Stratus serves it. */
  public static Optional<ServiceDescriptor> forModelPackage(String modelPackage) {
    return ALL.stream().filter(s -> modelPackage.equals(s.sdkPackage() + ".model")).findFirst();
  }

  /** The service with SDK id {@code id}. */
  public static Optional<ServiceDescriptor> byId(String id) {
    return ALL.stream().filter(s -> s.id.equals(id)).findFirst();
  }
}
