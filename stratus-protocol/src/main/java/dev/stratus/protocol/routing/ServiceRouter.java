package dev.stratus.protocol.routing;

import dev.stratus.core.RequestContext;
import dev.stratus.protocol.Protocol;
import dev.stratus.protocol.ServiceDescriptor;
import dev.stratus.protocol.WireRequest;
import java.util.List;
import java.util.Optional;

/**
 * Which service a request is for, in LocalStack's priority order: the SigV4 credential scope's
 * service (API Gateway v1 and v2 share {@code apigateway}; {@code /v2/} paths are v2), else the
 * {@code X-Amz-Target} prefix, else the path or the query {@code Version}.
 */
public final class ServiceRouter {
  private ServiceRouter() {}

  /** The SigV4 credential scope of a request ({@code Credential=AKID/date/region/service/aws4_request}). */
  public record Scope(String accessKeyId, String region, String service) {
    /** The scope of an unsigned request. */
    public static final Scope NONE = new Scope("", RequestContext.DEFAULT_REGION, "");
  }

  /** Reads the credential scope from the Authorization header or a presigned query. */
  public static Scope scope(WireRequest request) {
    String auth = request.header("Authorization");
    String credential = null;
    if (auth != null) {
      int c = auth.indexOf("Credential=");
      if (c >= 0) {
        int end = auth.indexOf(',', c);
        credential = auth.substring(c + "Credential=".length(), end < 0 ? auth.length() : end).trim();
      }
    } else {
      credential = request.queryParam("X-Amz-Credential");
    }
    if (credential == null) return Scope.NONE;
    String[] parts = credential.split("/");
    if (parts.length == 4 && auth != null && auth.startsWith("AWS4-ECDSA-P256-SHA256")) {
      // SigV4A: AKID/date/service/aws4_request, the Regions in X-Amz-Region-Set ("*" for any)
      String set = request.header("X-Amz-Region-Set");
      String region = set == null || set.isBlank() || set.contains("*") ? RequestContext.DEFAULT_REGION
          : set.split(",")[0].trim();
      return new Scope(parts[0], region, parts[2]);
    }
    if (parts.length < 5) return new Scope(parts[0], RequestContext.DEFAULT_REGION, "");
    return new Scope(parts[0], parts[2].isEmpty() ? RequestContext.DEFAULT_REGION : parts[2], parts[3]);
  }

  /** Signing names of REST services Stratus does not route that speak XML (the rest answer JSON). */
  private static final java.util.Set<String> UNROUTED_REST_XML = java.util.Set.of("s3", "s3control");

  private static boolean restXml(String signingName) {
    return UNROUTED_REST_XML.contains(signingName) || ServiceDescriptor.ALL.stream()
        .anyMatch(d -> d.protocol() == Protocol.REST_XML && d.signingName().equals(signingName));
  }

  /**
   * The wire protocol a request for a service Stratus does not serve speaks, so that its error
   * can be answered in a form the client parses: {@code X-Amz-Target} → JSON; an
   * {@code Action} parameter → EC2 when signed for ec2 or carrying EC2's Version, else query;
   * a REST request → XML for the XML REST services or an XML body, else REST-JSON.
   */
  public static Protocol protocolOf(WireRequest request, Scope scope) {
    if (request.header("X-Amz-Target") != null) return Protocol.JSON;
    java.util.Map<String, String> form = request.formParams();
    if (form.containsKey("Action")) {
      return scope.service().equals("ec2") || ServiceDescriptor.EC2.apiVersion().equals(form.get("Version"))
          ? Protocol.EC2 : Protocol.QUERY;
    }
    String type = request.header("Content-Type");
    if (restXml(scope.service()) || (type != null && type.toLowerCase(java.util.Locale.ROOT).contains("xml"))) {
      return Protocol.REST_XML;
    }
    return Protocol.REST_JSON;
  }

  /** The service of {@code request}, if it is one Stratus serves. */
  public static Optional<ServiceDescriptor> route(WireRequest request, Scope scope) {
    String path = request.path();
    if (!scope.service().isEmpty()) {
      // API Gateway v1 and v2 share "apigateway": the first whose path prefix matches, else the last
      List<ServiceDescriptor> signed = ServiceDescriptor.ALL.stream()
          .filter(d -> d.signingName().equals(scope.service())).toList();
      if (!signed.isEmpty()) {
        return Optional.of(signed.stream().filter(d -> d.quirks().claimsPath(path)).findFirst()
            .orElse(signed.get(signed.size() - 1)));
      }
    }
    String target = request.header("X-Amz-Target");
    if (target != null) {
      for (ServiceDescriptor d : ServiceDescriptor.ALL) {
        if (!d.targetPrefix().isEmpty() && target.startsWith(d.targetPrefix() + ".")) return Optional.of(d);
      }
    }
    Optional<ServiceDescriptor> byPath = byPath(path, false);
    if (byPath.isPresent()) return byPath;
    String version = request.formParams().get("Version");
    if (version != null) {
      for (ServiceDescriptor d : ServiceDescriptor.ALL) {
        if ((d.protocol() == Protocol.EC2 || d.protocol() == Protocol.QUERY)
            && d.apiVersion().equals(version)) {
          return Optional.of(d);
        }
      }
    }
    return byPath(path, true);
  }

  private static Optional<ServiceDescriptor> byPath(String path, boolean afterVersion) {
    return ServiceDescriptor.ALL.stream()
        .filter(d -> d.quirks().afterVersion() == afterVersion && d.quirks().claimsPath(path)).findFirst();
  }
}
