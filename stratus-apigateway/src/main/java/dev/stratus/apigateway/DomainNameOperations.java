package dev.stratus.apigateway;

import dev.stratus.apigateway.model.Api;
import dev.stratus.apigateway.model.DomainName;
import dev.stratus.apigateway.model.HttpStage;
import dev.stratus.apigateway.model.RestApi;
import dev.stratus.apigateway.model.Stage;
import dev.stratus.core.AwsException;
import dev.stratus.core.RequestContext;
import dev.stratus.core.acm.Certificates;
import dev.stratus.core.acm.ServingCertificate;
import dev.stratus.core.store.ReadView;
import dev.stratus.core.store.Store;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.apigateway.model.BasePathMapping;
import software.amazon.awssdk.services.apigateway.model.CreateBasePathMappingRequest;
import software.amazon.awssdk.services.apigateway.model.CreateBasePathMappingResponse;
import software.amazon.awssdk.services.apigateway.model.CreateDomainNameRequest;
import software.amazon.awssdk.services.apigateway.model.CreateDomainNameResponse;
import software.amazon.awssdk.services.apigateway.model.DeleteBasePathMappingRequest;
import software.amazon.awssdk.services.apigateway.model.DeleteBasePathMappingResponse;
import software.amazon.awssdk.services.apigateway.model.DeleteDomainNameRequest;
import software.amazon.awssdk.services.apigateway.model.DeleteDomainNameResponse;
import software.amazon.awssdk.services.apigateway.model.EndpointConfiguration;
import software.amazon.awssdk.services.apigateway.model.GetBasePathMappingRequest;
import software.amazon.awssdk.services.apigateway.model.GetBasePathMappingResponse;
import software.amazon.awssdk.services.apigateway.model.GetBasePathMappingsRequest;
import software.amazon.awssdk.services.apigateway.model.GetBasePathMappingsResponse;
import software.amazon.awssdk.services.apigateway.model.GetDomainNameRequest;
import software.amazon.awssdk.services.apigateway.model.GetDomainNameResponse;
import software.amazon.awssdk.services.apigateway.model.GetDomainNamesRequest;
import software.amazon.awssdk.services.apigateway.model.GetDomainNamesResponse;
import software.amazon.awssdk.services.apigateway.model.UpdateBasePathMappingRequest;
import software.amazon.awssdk.services.apigateway.model.UpdateBasePathMappingResponse;
import software.amazon.awssdk.services.apigateway.model.UpdateDomainNameRequest;
import software.amazon.awssdk.services.apigateway.model.UpdateDomainNameResponse;
import software.amazon.awssdk.services.apigatewayv2.model.ApiMapping;
import software.amazon.awssdk.services.apigatewayv2.model.CreateApiMappingRequest;
import software.amazon.awssdk.services.apigatewayv2.model.CreateApiMappingResponse;
import software.amazon.awssdk.services.apigatewayv2.model.DeleteApiMappingRequest;
import software.amazon.awssdk.services.apigatewayv2.model.DeleteApiMappingResponse;
import software.amazon.awssdk.services.apigatewayv2.model.DomainNameConfiguration;
import software.amazon.awssdk.services.apigatewayv2.model.GetApiMappingsRequest;
import software.amazon.awssdk.services.apigatewayv2.model.GetApiMappingsResponse;
import software.amazon.awssdk.services.apigatewayv2.model.UpdateApiMappingRequest;
import software.amazon.awssdk.services.apigatewayv2.model.UpdateApiMappingResponse;

/**
 * Custom domain names (v1 and v2 share them) with their ACM certificates, v1 base path mappings
 * and v2 API mappings. A REGIONAL domain needs an issued ACM certificate in the API's Region, an
 * EDGE domain one in us-east-1 (AWS's "Certificate must be in 'us-east-1'"); the certificate must
 * cover the domain name. The data plane serves the domain by Host header ({@code ExecuteApiDataPlane}).
 */
public final class DomainNameOperations {
  /** Route 53 hosted zones of API Gateway's regional endpoints (AWS's "Service endpoints" table). */
  private static final Map<String, String> REGIONAL_ZONES = Map.of("us-east-1", "Z1UJRXOUMOOFQ8",
      "us-west-2", "Z2OJLYMUO9EFXC", "eu-west-1", "ZLY8HYME6SFDD");

  private final Store store;
  private final Clock clock;
  private final Supplier<Optional<Certificates>> certificates;

  public DomainNameOperations(Store store, Clock clock, Supplier<Optional<Certificates>> certificates) {
    this.store = store;
    this.clock = clock;
    this.certificates = certificates;
  }

  static DomainName load(ReadView view, RequestContext ctx, String name) {
    return view.get(DomainName.TABLE, ctx.regionalScope(), name == null ? "" : name.toLowerCase(Locale.ROOT))
        .orElseThrow(() -> ApiGatewayErrors.notFound("Invalid domain name identifier specified"));
  }

  /** The certificate, checked as CreateDomainName checks it. */
  private void checkCertificate(String arn, String mustBeIn, String domain) {
    String[] parts = arn.split(":");
    if (parts.length < 6 || !parts[2].equals("acm")) throw ApiGatewayErrors.badRequest("Invalid certificate ARN: " + arn);
    if (!parts[3].equals(mustBeIn)) {
      throw ApiGatewayErrors.badRequest("Invalid certificate ARN: " + arn + ". Certificate must be in '" + mustBeIn + "'.");
    }
    ServingCertificate cert = certificates.get().flatMap(c -> c.find(arn))
        .orElseThrow(() -> ApiGatewayErrors.badRequest("Invalid certificate ARN: " + arn + ". Certificate not found."));
    if (!cert.issued()) {
      throw ApiGatewayErrors.badRequest("Invalid certificate ARN: " + arn + ". Certificate status is " + cert.status() + ".");
    }
    if (!cert.covers(domain)) {
      throw ApiGatewayErrors.badRequest("The certificate " + arn + " does not cover the domain name " + domain + ".");
    }
  }

  private DomainName create(RequestContext ctx, String name, String type, String edgeCert, String regionalCert,
      String securityPolicy) {
    if (name == null || name.isBlank()) throw ApiGatewayErrors.badRequest("Domain name is required");
    String domain = name.toLowerCase(Locale.ROOT);
    if (!domain.matches("(\\*\\.)?([a-z0-9-]+\\.)+[a-z0-9-]+")) throw ApiGatewayErrors.badRequest("Invalid domain name: " + name);
    if (!List.of("EDGE", "REGIONAL").contains(type)) {
      throw ApiGatewayErrors.badRequest("Invalid endpoint type specified: " + type);
    }
    String cert = type.equals("EDGE") ? edgeCert : regionalCert;
    if (cert == null) {
      if (type.equals("EDGE") && regionalCert != null) {
        throw ApiGatewayErrors.badRequest("Cannot import certificates for REGIONAL while EDGE is active.");
      }
      if (type.equals("REGIONAL") && edgeCert != null) {
        throw ApiGatewayErrors.badRequest("Cannot import certificates for EDGE while REGIONAL is active.");
      }
      throw ApiGatewayErrors.badRequest("A certificate was not provided for the endpoint type " + type + ".");
    }
    checkCertificate(cert, type.equals("EDGE") ? "us-east-1" : ctx.region(), domain);
    String id = ApiIds.next(10);
    var d = new DomainName(domain, ctx.accountId(), ctx.region(), type, type.equals("EDGE") ? cert : null,
        type.equals("REGIONAL") ? cert : null,
        type.equals("REGIONAL") ? "d-" + id + ".execute-api." + ctx.region() + ".amazonaws.com" : null,
        type.equals("EDGE") ? "d" + ApiIds.next(13) + ".cloudfront.net" : null,
        securityPolicy == null ? "TLS_1_2" : securityPolicy, clock.instant(), Map.of());
    store.write(tx -> {
      if (tx.get(DomainName.TABLE, ctx.regionalScope(), domain).isPresent()) {
        throw ApiGatewayErrors.conflict("The domain name you provided already exists.");
      }
      tx.put(DomainName.TABLE, ctx.regionalScope(), domain, d);
      return null;
    });
    return d;
  }

  private static software.amazon.awssdk.services.apigateway.model.DomainName v1(DomainName d) {
    return software.amazon.awssdk.services.apigateway.model.DomainName.builder().domainName(d.domainName())
        .certificateArn(d.certificateArn()).regionalCertificateArn(d.regionalCertificateArn())
        .regionalDomainName(d.regionalDomainName())
        .regionalHostedZoneId(d.regionalDomainName() == null ? null : REGIONAL_ZONES.get(d.region())) // a regional name's zone only
        .distributionDomainName(d.distributionDomainName())
        .distributionHostedZoneId(d.distributionDomainName() == null ? null : DomainName.CLOUDFRONT_ZONE_ID)
        .certificateUploadDate(d.createdDate()).securityPolicy(d.securityPolicy()).domainNameStatus("AVAILABLE")
        .endpointConfiguration(EndpointConfiguration.builder().typesWithStrings(d.endpointType()).build()).build();
  }

  // ---- v1 -------------------------------------------------------------------------------------

  public CreateDomainNameResponse createDomainName(RequestContext ctx, CreateDomainNameRequest req) {
    String type = req.endpointConfiguration() == null || !req.endpointConfiguration().hasTypes() ? "EDGE"
        : req.endpointConfiguration().typesAsStrings().getFirst();
    var s = v1(create(ctx, req.domainName(), type, req.certificateArn(), req.regionalCertificateArn(), req.securityPolicyAsString()));
    return CreateDomainNameResponse.builder().domainName(s.domainName()).certificateArn(s.certificateArn())
        .regionalCertificateArn(s.regionalCertificateArn()).regionalDomainName(s.regionalDomainName())
        .regionalHostedZoneId(s.regionalHostedZoneId()).distributionDomainName(s.distributionDomainName())
        .distributionHostedZoneId(s.distributionHostedZoneId()).certificateUploadDate(s.certificateUploadDate())
        .securityPolicy(s.securityPolicy()).domainNameStatus(s.domainNameStatus())
        .endpointConfiguration(s.endpointConfiguration()).build();
  }

  public GetDomainNameResponse getDomainName(RequestContext ctx, GetDomainNameRequest req) {
    var s = v1(load(store, ctx, req.domainName()));
    return GetDomainNameResponse.builder().domainName(s.domainName()).certificateArn(s.certificateArn())
        .regionalCertificateArn(s.regionalCertificateArn()).regionalDomainName(s.regionalDomainName())
        .regionalHostedZoneId(s.regionalHostedZoneId()).distributionDomainName(s.distributionDomainName())
        .distributionHostedZoneId(s.distributionHostedZoneId()).certificateUploadDate(s.certificateUploadDate())
        .securityPolicy(s.securityPolicy()).domainNameStatus(s.domainNameStatus())
        .endpointConfiguration(s.endpointConfiguration()).build();
  }

  public GetDomainNamesResponse getDomainNames(RequestContext ctx, GetDomainNamesRequest req) {
    return GetDomainNamesResponse.builder().items(store.list(DomainName.TABLE, ctx.regionalScope()).stream()
        .map(DomainNameOperations::v1).toList()).build();
  }

  public DeleteDomainNameResponse deleteDomainName(RequestContext ctx, DeleteDomainNameRequest req) {
    delete(ctx, req.domainName());
    return DeleteDomainNameResponse.builder().build();
  }

  private void delete(RequestContext ctx, String name) {
    store.write(tx -> {
      DomainName d = load(tx, ctx, name);
      tx.delete(DomainName.TABLE, ctx.regionalScope(), d.domainName());
      return null;
    });
  }

  /**
   * A new certificate (checked as CreateDomainName checks it) and/or security policy; the domain's
   * HTTPS listener serves the new certificate from then on. The endpoint type stays.
   */
  private DomainName update(RequestContext ctx, String name, String certificate, String policy) {
    DomainName current = load(store, ctx, name);
    String cert = certificate == null ? current.servingCertificateArn() : certificate;
    if (!cert.equals(current.servingCertificateArn())) {
      checkCertificate(cert, current.endpointType().equals("EDGE") ? "us-east-1" : current.region(), current.domainName());
    }
    String newPolicy = policy == null ? current.securityPolicy() : policy;
    return store.write(tx -> {
      DomainName d = load(tx, ctx, name).withCertificate(cert, newPolicy);
      tx.put(DomainName.TABLE, ctx.regionalScope(), d.domainName(), d);
      return d;
    });
  }

  /** Patch paths: {@code /certificateArn} (EDGE), {@code /regionalCertificateArn} (REGIONAL), {@code /securityPolicy}. */
  public UpdateDomainNameResponse updateDomainName(RequestContext ctx, UpdateDomainNameRequest req) {
    DomainName current = load(store, ctx, req.domainName());
    boolean edge = current.endpointType().equals("EDGE");
    String[] cert = {null}, policy = {null};
    Patches.apply(req.patchOperations(), (op, segments, value) -> {
      if (segments.length != 1 || !op.equals("replace")) return false;
      switch (segments[0]) {
        case "certificateArn" -> {
          if (!edge) throw ApiGatewayErrors.badRequest("Cannot import certificates for EDGE while REGIONAL is active.");
          cert[0] = value;
        }
        case "regionalCertificateArn" -> {
          if (edge) throw ApiGatewayErrors.badRequest("Cannot import certificates for REGIONAL while EDGE is active.");
          cert[0] = value;
        }
        case "securityPolicy" -> policy[0] = value;
        default -> {
          return false;
        }
      }
      return true;
    });
    var s = v1(update(ctx, req.domainName(), cert[0], policy[0]));
    return UpdateDomainNameResponse.builder().domainName(s.domainName()).certificateArn(s.certificateArn())
        .regionalCertificateArn(s.regionalCertificateArn()).regionalDomainName(s.regionalDomainName())
        .regionalHostedZoneId(s.regionalHostedZoneId()).distributionDomainName(s.distributionDomainName())
        .distributionHostedZoneId(s.distributionHostedZoneId()).certificateUploadDate(s.certificateUploadDate())
        .securityPolicy(s.securityPolicy()).domainNameStatus(s.domainNameStatus())
        .endpointConfiguration(s.endpointConfiguration()).build();
  }

  /** v1 writes "no base path" as {@code (none)}. */
  private static String v1Key(String basePath) {
    return basePath == null || basePath.isEmpty() || basePath.equals("(none)") ? "" : basePath.replaceAll("^/+|/+$", "");
  }

  private static BasePathMapping v1(DomainName.Mapping m) {
    return BasePathMapping.builder().basePath(m.key().isEmpty() ? "(none)" : m.key()).restApiId(m.apiId()).stage(m.stage()).build();
  }

  private DomainName.Mapping map(RequestContext ctx, String domain, String key, String apiId, String stage, boolean rest) {
    checkKey(key);
    var m = new DomainName.Mapping(ApiIds.next(6), key, apiId, stage);
    store.write(tx -> {
      DomainName d = load(tx, ctx, domain);
      checkTarget(tx, ctx, apiId, stage, rest);
      if (d.mappings().containsKey(key)) {
        throw ApiGatewayErrors.conflict(rest ? "Base path already exists for this domain name"
            : "ApiMapping key already exists for this domain name");
      }
      tx.put(DomainName.TABLE, ctx.regionalScope(), d.domainName(), d.withMappings(ms -> {
        ms.put(key, m);
        return ms;
      }));
      return null;
    });
    return m;
  }

  private static void checkKey(String key) {
    if (!key.isEmpty() && !key.matches("[a-zA-Z0-9._~-]+(/[a-zA-Z0-9._~-]+)*")) {
      throw ApiGatewayErrors.badRequest("Invalid base path: " + key);
    }
  }

  /** The API exists and has the stage (a REST mapping may leave the stage out: every stage). */
  private static void checkTarget(ReadView tx, RequestContext ctx, String apiId, String stage, boolean rest) {
    if (rest) {
      RestApiOperations.load(tx, ctx, apiId);
      if (stage != null && tx.get(Stage.TABLE, ctx.regionalScope(), Stage.key(apiId, stage)).isEmpty()) {
        throw ApiGatewayErrors.badRequest("Invalid stage identifier specified");
      }
    } else {
      Api api = HttpApiOperations.load(tx, ctx, apiId);
      if (stage == null || tx.get(HttpStage.TABLE, ctx.regionalScope(), HttpStage.key(api.apiId(), stage)).isEmpty()) {
        throw ApiGatewayErrors.badRequest("Invalid stage identifier specified");
      }
    }
  }

  /**
   * Changes the mapping {@code which} picks (its key, API or stage), checked as a new one is; the
   * domain's traffic follows at once.
   */
  private DomainName.Mapping remap(RequestContext ctx, String domain, java.util.function.Predicate<DomainName.Mapping> which,
      java.util.function.UnaryOperator<DomainName.Mapping> change, boolean rest) {
    return store.write(tx -> {
      DomainName d = load(tx, ctx, domain);
      DomainName.Mapping old = d.mappings().values().stream().filter(which).findFirst()
          .orElseThrow(() -> rest ? mappingNotFound() : ApiGatewayErrors.notFound("Invalid ApiMapping identifier specified"));
      DomainName.Mapping m = change.apply(old);
      checkKey(m.key());
      checkTarget(tx, ctx, m.apiId(), m.stage(), rest);
      if (!m.key().equals(old.key()) && d.mappings().containsKey(m.key())) {
        throw ApiGatewayErrors.conflict(rest ? "Base path already exists for this domain name"
            : "ApiMapping key already exists for this domain name");
      }
      tx.put(DomainName.TABLE, ctx.regionalScope(), d.domainName(), d.withMappings(ms -> {
        ms.remove(old.key());
        ms.put(m.key(), m);
        return ms;
      }));
      return m;
    });
  }

  /** Patch paths (replace): {@code /basePath}, {@code /restapiId}, {@code /stage}. */
  public UpdateBasePathMappingResponse updateBasePathMapping(RequestContext ctx, UpdateBasePathMappingRequest req) {
    String key = v1Key(req.basePath());
    String[] basePath = {null}, apiId = {null}, stage = {null};
    Patches.apply(req.patchOperations(), (op, segments, value) -> {
      if (segments.length != 1 || !op.equals("replace")) return false;
      switch (segments[0]) {
        case "basePath" -> basePath[0] = v1Key(value);
        case "restapiId" -> apiId[0] = value;
        case "stage" -> stage[0] = value;
        default -> {
          return false;
        }
      }
      return true;
    });
    var s = v1(remap(ctx, req.domainName(), m -> m.key().equals(key), m -> new DomainName.Mapping(m.id(),
        basePath[0] == null ? m.key() : basePath[0], apiId[0] == null ? m.apiId() : apiId[0],
        stage[0] == null ? m.stage() : stage[0]), true));
    return UpdateBasePathMappingResponse.builder().basePath(s.basePath()).restApiId(s.restApiId()).stage(s.stage()).build();
  }

  public CreateBasePathMappingResponse createBasePathMapping(RequestContext ctx, CreateBasePathMappingRequest req) {
    var s = v1(map(ctx, req.domainName(), v1Key(req.basePath()), req.restApiId(), req.stage(), true));
    return CreateBasePathMappingResponse.builder().basePath(s.basePath()).restApiId(s.restApiId()).stage(s.stage()).build();
  }

  private static AwsException mappingNotFound() { return ApiGatewayErrors.notFound("Invalid base path mapping identifier specified"); }

  public GetBasePathMappingResponse getBasePathMapping(RequestContext ctx, GetBasePathMappingRequest req) {
    DomainName.Mapping m = load(store, ctx, req.domainName()).mappings().get(v1Key(req.basePath()));
    if (m == null) throw mappingNotFound();
    var s = v1(m);
    return GetBasePathMappingResponse.builder().basePath(s.basePath()).restApiId(s.restApiId()).stage(s.stage()).build();
  }

  public GetBasePathMappingsResponse getBasePathMappings(RequestContext ctx, GetBasePathMappingsRequest req) {
    return GetBasePathMappingsResponse.builder().items(load(store, ctx, req.domainName()).mappings().values().stream()
        .map(DomainNameOperations::v1).toList()).build();
  }

  public DeleteBasePathMappingResponse deleteBasePathMapping(RequestContext ctx, DeleteBasePathMappingRequest req) {
    String key = v1Key(req.basePath());
    store.write(tx -> {
      DomainName d = load(tx, ctx, req.domainName());
      if (!d.mappings().containsKey(key)) throw mappingNotFound();
      tx.put(DomainName.TABLE, ctx.regionalScope(), d.domainName(), d.withMappings(ms -> {
        ms.remove(key);
        return ms;
      }));
      return null;
    });
    return DeleteBasePathMappingResponse.builder().build();
  }

  // ---- v2 -------------------------------------------------------------------------------------

  private static software.amazon.awssdk.services.apigatewayv2.model.DomainName v2(DomainName d) {
    var config = DomainNameConfiguration.builder().endpointType(d.endpointType())
        .certificateArn(d.endpointType().equals("EDGE") ? d.certificateArn() : d.regionalCertificateArn())
        .apiGatewayDomainName(d.endpointType().equals("EDGE") ? d.distributionDomainName() : d.regionalDomainName())
        .hostedZoneId(d.endpointType().equals("EDGE") ? DomainName.CLOUDFRONT_ZONE_ID : REGIONAL_ZONES.get(d.region()))
        .securityPolicy(d.securityPolicy()).domainNameStatus("AVAILABLE").certificateUploadDate(d.createdDate()).build();
    return software.amazon.awssdk.services.apigatewayv2.model.DomainName.builder().domainName(d.domainName())
        .domainNameConfigurations(config).apiMappingSelectionExpression("$request.basepath").build();
  }

  public software.amazon.awssdk.services.apigatewayv2.model.CreateDomainNameResponse createDomainName(RequestContext ctx,
      software.amazon.awssdk.services.apigatewayv2.model.CreateDomainNameRequest req) {
    DomainNameConfiguration c = req.hasDomainNameConfigurations() && !req.domainNameConfigurations().isEmpty()
        ? req.domainNameConfigurations().getFirst() : null;
    String type = c == null || c.endpointTypeAsString() == null ? "REGIONAL" : c.endpointTypeAsString();
    String cert = c == null ? null : c.certificateArn();
    var s = v2(create(ctx, req.domainName(), type, type.equals("EDGE") ? cert : null, type.equals("REGIONAL") ? cert : null,
        c == null ? null : c.securityPolicyAsString()));
    return software.amazon.awssdk.services.apigatewayv2.model.CreateDomainNameResponse.builder().domainName(s.domainName())
        .domainNameConfigurations(s.domainNameConfigurations()).apiMappingSelectionExpression(s.apiMappingSelectionExpression())
        .build();
  }

  public software.amazon.awssdk.services.apigatewayv2.model.GetDomainNameResponse getDomainName(RequestContext ctx,
      software.amazon.awssdk.services.apigatewayv2.model.GetDomainNameRequest req) {
    var s = v2(load(store, ctx, req.domainName()));
    return software.amazon.awssdk.services.apigatewayv2.model.GetDomainNameResponse.builder().domainName(s.domainName())
        .domainNameConfigurations(s.domainNameConfigurations()).apiMappingSelectionExpression(s.apiMappingSelectionExpression())
        .build();
  }

  public software.amazon.awssdk.services.apigatewayv2.model.GetDomainNamesResponse getDomainNames(RequestContext ctx,
      software.amazon.awssdk.services.apigatewayv2.model.GetDomainNamesRequest req) {
    return software.amazon.awssdk.services.apigatewayv2.model.GetDomainNamesResponse.builder()
        .items(store.list(DomainName.TABLE, ctx.regionalScope()).stream().map(DomainNameOperations::v2).toList()).build();
  }

  public software.amazon.awssdk.services.apigatewayv2.model.DeleteDomainNameResponse deleteDomainName(RequestContext ctx,
      software.amazon.awssdk.services.apigatewayv2.model.DeleteDomainNameRequest req) {
    delete(ctx, req.domainName());
    return software.amazon.awssdk.services.apigatewayv2.model.DeleteDomainNameResponse.builder().build();
  }

  /** The first configuration's certificate and security policy; its endpoint type must stay the domain's. */
  public software.amazon.awssdk.services.apigatewayv2.model.UpdateDomainNameResponse updateDomainName(RequestContext ctx,
      software.amazon.awssdk.services.apigatewayv2.model.UpdateDomainNameRequest req) {
    DomainNameConfiguration c = req.hasDomainNameConfigurations() && !req.domainNameConfigurations().isEmpty()
        ? req.domainNameConfigurations().getFirst() : null;
    DomainName current = load(store, ctx, req.domainName());
    if (c != null && c.endpointTypeAsString() != null && !c.endpointTypeAsString().equals(current.endpointType())) {
      String other = current.endpointType().equals("EDGE") ? "REGIONAL" : "EDGE";
      throw ApiGatewayErrors.badRequest("Cannot import certificates for " + other + " while " + current.endpointType() + " is active.");
    }
    var s = v2(c == null ? current : update(ctx, req.domainName(), c.certificateArn(), c.securityPolicyAsString()));
    return software.amazon.awssdk.services.apigatewayv2.model.UpdateDomainNameResponse.builder().domainName(s.domainName())
        .domainNameConfigurations(s.domainNameConfigurations()).apiMappingSelectionExpression(s.apiMappingSelectionExpression())
        .build();
  }

  public UpdateApiMappingResponse updateApiMapping(RequestContext ctx, UpdateApiMappingRequest req) {
    String key = req.apiMappingKey() == null ? null : req.apiMappingKey().replaceAll("^/+|/+$", "");
    var s = v2(remap(ctx, req.domainName(), m -> m.id().equals(req.apiMappingId()), m -> new DomainName.Mapping(m.id(),
        key == null ? m.key() : key, req.apiId() == null ? m.apiId() : req.apiId(), req.stage() == null ? m.stage() : req.stage()),
        false));
    return UpdateApiMappingResponse.builder().apiMappingId(s.apiMappingId()).apiMappingKey(s.apiMappingKey())
        .apiId(s.apiId()).stage(s.stage()).build();
  }

  private static ApiMapping v2(DomainName.Mapping m) {
    return ApiMapping.builder().apiMappingId(m.id()).apiMappingKey(m.key()).apiId(m.apiId()).stage(m.stage()).build();
  }

  public CreateApiMappingResponse createApiMapping(RequestContext ctx, CreateApiMappingRequest req) {
    String key = req.apiMappingKey() == null ? "" : req.apiMappingKey().replaceAll("^/+|/+$", "");
    var s = v2(map(ctx, req.domainName(), key, req.apiId(), req.stage(), false));
    return CreateApiMappingResponse.builder().apiMappingId(s.apiMappingId()).apiMappingKey(s.apiMappingKey())
        .apiId(s.apiId()).stage(s.stage()).build();
  }

  public software.amazon.awssdk.services.apigatewayv2.model.GetApiMappingResponse getApiMapping(RequestContext ctx,
      software.amazon.awssdk.services.apigatewayv2.model.GetApiMappingRequest req) {
    var s = v2(load(store, ctx, req.domainName()).mappings().values().stream().filter(m -> m.id().equals(req.apiMappingId()))
        .findFirst().orElseThrow(() -> ApiGatewayErrors.notFound("Invalid ApiMapping identifier specified")));
    return software.amazon.awssdk.services.apigatewayv2.model.GetApiMappingResponse.builder().apiMappingId(s.apiMappingId())
        .apiMappingKey(s.apiMappingKey()).apiId(s.apiId()).stage(s.stage()).build();
  }

  public GetApiMappingsResponse getApiMappings(RequestContext ctx, GetApiMappingsRequest req) {
    return GetApiMappingsResponse.builder().items(load(store, ctx, req.domainName()).mappings().values().stream()
        .map(DomainNameOperations::v2).toList()).build();
  }

  public DeleteApiMappingResponse deleteApiMapping(RequestContext ctx, DeleteApiMappingRequest req) {
    store.write(tx -> {
      DomainName d = load(tx, ctx, req.domainName());
      String key = d.mappings().values().stream().filter(m -> m.id().equals(req.apiMappingId())).map(DomainName.Mapping::key)
          .findFirst().orElseThrow(() -> ApiGatewayErrors.notFound("Invalid ApiMapping identifier specified"));
      tx.put(DomainName.TABLE, ctx.regionalScope(), d.domainName(), d.withMappings(ms -> {
        ms.remove(key);
        return ms;
      }));
      return null;
    });
    return DeleteApiMappingResponse.builder().build();
  }
}
