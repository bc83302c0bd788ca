package dev.stratus.apigateway.model;

import dev.stratus.core.store.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A custom domain name, shared by API Gateway v1 and v2 as AWS shares it, with its mappings
 * (v1 base path mappings and v2 API mappings are the same thing seen twice): a request for
 * {@code https://{domainName}/{key}/…} goes to the mapped API's stage with {@code /{key}} removed.
 *
 * @param endpointType {@code REGIONAL} or {@code EDGE}
 * @param regionalDomainName {@code d-{id}.execute-api.{region}.amazonaws.com}, what a Route 53
 *     alias to a regional domain names (resolvable in Stratus's DNS)
 * @param distributionDomainName {@code {id}.cloudfront.net} for EDGE domains
 * @param mappings mapping key ({@code ""} for none) → mapping
 */
public record DomainName(String domainName, String accountId, String region, String endpointType, String certificateArn,
    String regionalCertificateArn, String regionalDomainName, String distributionDomainName, String securityPolicy,
    Instant createdDate, Map<String, Mapping> mappings) {
  public static final Table<DomainName> TABLE = Table.of("apigateway.domain_name", DomainName.class);
  /** Route 53's hosted zone of CloudFront distributions, what EDGE domains report. */
  public static final String CLOUDFRONT_ZONE_ID = "Z2FDTNDATAQYW2";

  public DomainName {
    Objects.requireNonNull(domainName, "domainName");
    mappings = RestApi.copy(mappings);
  }

  public DomainName withMappings(UnaryOperator<Map<String, Mapping>> change) {
    return new DomainName(domainName, accountId, region, endpointType, certificateArn, regionalCertificateArn,
        regionalDomainName, distributionDomainName, securityPolicy, createdDate, change.apply(new LinkedHashMap<>(mappings)));
  }

  /** The domain with another certificate (the one of its endpoint type) and security policy. */
  public DomainName withCertificate(String certificate, String policy) {
    boolean edge = "EDGE".equals(endpointType);
    return new DomainName(domainName, accountId, region, endpointType, edge ? certificate : null, edge ? null : certificate,
        regionalDomainName, distributionDomainName, policy, createdDate, mappings);
  }

  /** The certificate its endpoint type serves. */
  public String servingCertificateArn() { return "EDGE".equals(endpointType) ? certificateArn : regionalCertificateArn; }

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
