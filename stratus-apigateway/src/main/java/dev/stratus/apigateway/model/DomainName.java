package dev.stratus.apigateway.model;

import dev.stratus.core.store.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A custom domain name, shared by API Gateway v1 and v2 as AWS shares it, with its mappings
 * (v1 base path mappings and v2 API mappings are the same thing seen twice): a request for
 * {@code https://{domainName}/{key}/…} goes to the mapped API's stage with {@code /{key}} removed.
 *
 * <p>While it moves between EDGE and REGIONAL (UpdateDomainName adds the new type, the user
 * points DNS at the new name, then removes the old type) it has both types, each with its own
 * certificate and name, as on AWS.
 *
 * @param endpointType the first of {@code endpointTypes} (the one field rows of earlier builds have)
 * @param certificateArn the EDGE type's certificate (us-east-1), null without that type
 * @param regionalCertificateArn the REGIONAL type's certificate, null without that type
 * @param regionalDomainName {@code d-{id}.execute-api.{region}.amazonaws.com}, what a Route 53
 *     alias to a regional domain names (resolvable in Stratus's DNS); null without that type
 * @param distributionDomainName {@code {id}.cloudfront.net}, the EDGE type's name; null without it
 * @param mappings mapping key ({@code ""} for none) → mapping
 * @param endpointTypes {@code EDGE} and/or {@code REGIONAL}, in the order they were added
 */
public record DomainName(String domainName, String accountId, String region, String endpointType, String certificateArn,
    String regionalCertificateArn, String regionalDomainName, String distributionDomainName, String securityPolicy,
    Instant createdDate, Map<String, Mapping> mappings, List<String> endpointTypes) {
  public static final Table<DomainName> TABLE = Table.of("apigateway.domain_name", DomainName.class);
  /** Route 53's hosted zone of CloudFront distributions, what EDGE domains report. */
  public static final String CLOUDFRONT_ZONE_ID = "Z2FDTNDATAQYW2";
  public static final String EDGE = "EDGE";
  public static final String REGIONAL = "REGIONAL";

  public DomainName {
    Objects.requireNonNull(domainName, "domainName");
    mappings = RestApi.copy(mappings);
    endpointTypes = endpointTypes == null || endpointTypes.isEmpty() ? List.of(Objects.requireNonNull(endpointType, "endpointType"))
        : List.copyOf(endpointTypes);
    endpointType = endpointTypes.getFirst();
  }

  public DomainName withMappings(UnaryOperator<Map<String, Mapping>> change) {
    return new DomainName(domainName, accountId, region, endpointType, certificateArn, regionalCertificateArn,
        regionalDomainName, distributionDomainName, securityPolicy, createdDate, change.apply(new LinkedHashMap<>(mappings)),
        endpointTypes);
  }

  /**
   * The domain with other endpoint types, certificates, names and security policy (the caller
   * keeps them consistent: a certificate and a name exactly for each type it has).
   */
  public DomainName withEndpoints(List<String> types, String edgeCertificate, String regionalCertificate,
      String regionalName, String distributionName, String policy) {
    return new DomainName(domainName, accountId, region, types.getFirst(), edgeCertificate, regionalCertificate,
        regionalName, distributionName, policy, createdDate, mappings, types);
  }

  public boolean has(String type) { return endpointTypes.contains(type); }

  /** The certificate the endpoint of {@code type} serves (null when the domain does not have that type). */
  public String certificateOf(String type) { return EDGE.equals(type) ? certificateArn : regionalCertificateArn; }

  /** The AWS name of the endpoint of {@code type}: the distribution's (EDGE) or the regional one. */
  public String endpointNameOf(String type) { return EDGE.equals(type) ? distributionDomainName : regionalDomainName; }

  /** The ARN tags use: {@code arn:aws:apigateway:{region}::/domainnames/{name}}. */
  public String arn() { return "arn:aws:apigateway:" + region + "::/domainnames/" + domainName; }

  /**
   * One mapping of a path prefix to an API's stage.
   *
   * @param key the first path segment(s) without slashes at either end, {@code ""} for none
   * @param apiId a REST API id (v1 base path mapping) or an HTTP API id (v2 API mapping)
   */
  public record Mapping(String id, String key, String apiId, String stage) {
    public Mapping {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(key, "key");
    }
  }
}
