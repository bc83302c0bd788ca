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
    var d = new DomainName(domain, ctx.accountId(), ctx.region(), type, type.equals("EDGE") ? cert : null,
        type.equals("REGIONAL") ? cert : null, type.equals("REGIONAL") ? regionalName(ctx.region()) : null,
        type.equals("EDGE") ? distributionName() : null,
        securityPolicy == null ? "TLS_1_2" : securityPolicy, clock.instant(), Map.of(), List.of(type));
    store.write(tx -> {
      if (tx.get(DomainName.TABLE, ctx.regionalScope(), domain).isPresent()) {
        throw ApiGatewayErrors.conflict("The domain name you provided already exists.");
      }
      tx.put(DomainName.TABLE, ctx.regionalScope(), domain, d);
      return null;
    });
    return d;
  }

  private static String regionalName(String region) { return "d-" + ApiIds.next(10) + ".execute-api." + region + ".amazonaws.com"; }

  private static String distributionName() { return "d" + ApiIds.next(13) + ".cloudfront.net"; }

  private static software.amazon.awssdk.services.apigateway.model.DomainName v1(DomainName d) {
    return software.amazon.awssdk.services.apigateway.model.DomainName.builder().domainName(d.domainName())
        .certificateArn(d.certificateArn()).regionalCertificateArn(d.regionalCertificateArn())
        .regionalDomainName(d.regionalDomainName())
        .regionalHostedZoneId(d.regionalDomainName() == null ? null : REGIONAL_ZONES.get(d.region())) // a regional name's zone only
        .distributionDomainName(d.distributionDomainName())
        .distributionHostedZoneId(d.distributionDomainName() == null ? null : DomainName.CLOUDFRONT_ZONE_ID)
        .certificateUploadDate(d.createdDate()).securityPolicy(d.securityPolicy()).domainNameStatus("AVAILABLE")
        .endpointConfiguration(EndpointConfiguration.builder().typesWithStrings(d.endpointTypes()).build()).build();
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
   * The domain with other endpoint types, certificates and security policy, checked as AWS
   * checks them: a certificate for each type it has (new ones checked as CreateDomainName checks
   * them), none for a type it has not; a type added gets its endpoint name, a type removed loses
   * its name and certificate. The data plane follows (listener, DNS name, certificate served).
   *
   * @param given the certificates this update names, by type (a null value removes it)
   */
  private DomainName update(RequestContext ctx, String name, List<String> types, Map<String, String> given, String policy) {
    DomainName current = load(store, ctx, name);
    if (types.isEmpty()) throw ApiGatewayErrors.badRequest("At least one endpoint type is required for a domain name.");
    for (String type : List.of(DomainName.EDGE, DomainName.REGIONAL)) {
      String other = type.equals(DomainName.EDGE) ? DomainName.REGIONAL : DomainName.EDGE;
      if (!types.contains(type) && given.get(type) != null) {
        throw ApiGatewayErrors.badRequest("Cannot import certificates for " + type + " while " + other + " is active.");
      }
    }
    Map<String, String> certs = new java.util.HashMap<>();
    for (String type : types) {
      String cert = given.containsKey(type) ? given.get(type) : current.certificateOf(type);
      if (cert == null) throw ApiGatewayErrors.badRequest("A certificate was not provided for the endpoint type " + type + ".");
      if (!cert.equals(current.certificateOf(type))) {
        checkCertificate(cert, type.equals(DomainName.EDGE) ? "us-east-1" : current.region(), current.domainName());
      }
      certs.put(type, cert);
    }
    String newPolicy = policy == null ? current.securityPolicy() : policy;
    return store.write(tx -> {
      DomainName d = load(tx, ctx, name);
      String regional = !types.contains(DomainName.REGIONAL) ? null
          : d.regionalDomainName() != null ? d.regionalDomainName() : regionalName(d.region());
      String distribution = !types.contains(DomainName.EDGE) ? null
          : d.distributionDomainName() != null ? d.distributionDomainName() : distributionName();
      DomainName changed = d.withEndpoints(List.copyOf(types), certs.get(DomainName.EDGE), certs.get(DomainName.REGIONAL),
          regional, distribution, newPolicy);
      tx.put(DomainName.TABLE, ctx.regionalScope(), changed.domainName(), changed);
      return changed;
    });
  }

  private static String endpointType(String value) {
    if (!List.of(DomainName.EDGE, DomainName.REGIONAL).contains(value)) {
      throw ApiGatewayErrors.badRequest("Invalid endpoint type specified: " + value);
    }
    return value;
  }

  /**
   * Patch paths: {@code /endpointConfiguration/types} (add or remove a type: how AWS moves a
   * domain between EDGE and REGIONAL, both types living side by side in between), {@code
   * /endpointConfiguration/types/{TYPE}} (replace: the move in one step), {@code /certificateArn}
   * (EDGE), {@code /regionalCertificateArn} (REGIONAL), {@code /securityPolicy}; {@code
   * /certificateName} and {@code /regionalCertificateName} are taken and not kept.
   */
  public UpdateDomainNameResponse updateDomainName(RequestContext ctx, UpdateDomainNameRequest req) {
    DomainName current = load(store, ctx, req.domainName());
    List<String> types = new java.util.ArrayList<>(current.endpointTypes());
    Map<String, String> given = new java.util.HashMap<>();
    String[] policy = {null};
    Patches.apply(req.patchOperations(), (op, segments, value) -> {
      String path = "/" + String.join("/", segments);
      if (segments.length == 2 && segments[0].equals("endpointConfiguration") && segments[1].equals("types")) {
        String type = endpointType(value);
        switch (op) {
          case "add" -> {
            if (!types.contains(type)) types.add(type);
          }
          case "remove" -> {
            if (!types.remove(type)) throw ApiGatewayErrors.badRequest("Endpoint type " + type + " is not active.");
          }
          default -> {
            return false;
          }
        }
        return true;
      }
      if (segments.length == 3 && segments[0].equals("endpointConfiguration") && segments[1].equals("types")) {
        // AWS names a member of the list by its value; an index ("/types/0") is refused.
        if (!op.equals("replace") || !types.contains(segments[2])) {
          throw ApiGatewayErrors.badRequest(path + " Invalid request input");
        }
        String type = endpointType(value);
        types.set(types.indexOf(segments[2]), type);
        if (types.indexOf(type) != types.lastIndexOf(type)) types.remove(types.lastIndexOf(type));
        return true;
      }
      if (segments.length != 1) return false;
      switch (segments[0]) {
        case "certificateArn", "regionalCertificateArn" -> {
          String type = segments[0].equals("certificateArn") ? DomainName.EDGE : DomainName.REGIONAL;
          if (op.equals("remove")) given.put(type, null);
          else if (op.equals("add") || op.equals("replace")) given.put(type, value);
          else return false;
        }
        case "certificateName", "regionalCertificateName" -> { }
        case "securityPolicy" -> {
          if (!op.equals("replace")) return false;
          policy[0] = value;
        }
        default -> {
          return false;
        }
      }
      return true;
    });
    // A type removed takes its certificate with it.
    for (String type : List.of(DomainName.EDGE, DomainName.REGIONAL)) {
      if (!types.contains(type) && current.has(type) && given.get(type) == null) given.put(type, null);
    }
    var s = v1(update(ctx, req.domainName(), types, given, policy[0]));
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
      DomainName d = rest ? load(tx, ctx, domain) : loadV2(tx, ctx, domain);
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
      DomainName d = rest ? load(tx, ctx, domain) : loadV2(tx, ctx, domain);
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

  /** AWS's refusal of EDGE domain names through the v2 API. */
  private static AwsException edgeThroughV2() {
    return ApiGatewayErrors.badRequest("Only REGIONAL domain names can be managed through the API Gateway V2 API. For EDGE "
        + "domain names, please use the API Gateway V1 API. Also note that only REST APIs can be attached to EDGE domain names.");
  }

  /** The domain as v2 may see it: one with a REGIONAL endpoint (an EDGE-only one is v1's alone). */
  private DomainName loadV2(ReadView view, RequestContext ctx, String name) {
    DomainName d = load(view, ctx, name);
    if (!d.has(DomainName.REGIONAL)) throw edgeThroughV2();
    return d;
  }

  /** v2 shows the REGIONAL configuration (v2 manages REGIONAL domain names only). */
  private static software.amazon.awssdk.services.apigatewayv2.model.DomainName v2(DomainName d) {
    var config = DomainNameConfiguration.builder().endpointType(DomainName.REGIONAL)
        .certificateArn(d.regionalCertificateArn()).apiGatewayDomainName(d.regionalDomainName())
        .hostedZoneId(REGIONAL_ZONES.get(d.region()))
        .securityPolicy(d.securityPolicy()).domainNameStatus("AVAILABLE").certificateUploadDate(d.createdDate()).build();
    return software.amazon.awssdk.services.apigatewayv2.model.DomainName.builder().domainName(d.domainName())
        .domainNameConfigurations(config).apiMappingSelectionExpression("$request.basepath").build();
  }

  public software.amazon.awssdk.services.apigatewayv2.model.CreateDomainNameResponse createDomainName(RequestContext ctx,
      software.amazon.awssdk.services.apigatewayv2.model.CreateDomainNameRequest req) {
    DomainNameConfiguration c = req.hasDomainNameConfigurations() && !req.domainNameConfigurations().isEmpty()
        ? req.domainNameConfigurations().getFirst() : null;
    String type = c == null || c.endpointTypeAsString() == null ? "REGIONAL" : c.endpointTypeAsString();
    if (type.equals(DomainName.EDGE)) throw edgeThroughV2();
    String cert = c == null ? null : c.certificateArn();
    var s = v2(create(ctx, req.domainName(), type, null, cert, c == null ? null : c.securityPolicyAsString()));
    return software.amazon.awssdk.services.apigatewayv2.model.CreateDomainNameResponse.builder().domainName(s.domainName())
        .domainNameConfigurations(s.domainNameConfigurations()).apiMappingSelectionExpression(s.apiMappingSelectionExpression())
        .build();
  }

  public software.amazon.awssdk.services.apigatewayv2.model.GetDomainNameResponse getDomainName(RequestContext ctx,
      software.amazon.awssdk.services.apigatewayv2.model.GetDomainNameRequest req) {
    var s = v2(loadV2(store, ctx, req.domainName()));
    return software.amazon.awssdk.services.apigatewayv2.model.GetDomainNameResponse.builder().domainName(s.domainName())
        .domainNameConfigurations(s.domainNameConfigurations()).apiMappingSelectionExpression(s.apiMappingSelectionExpression())
        .build();
  }

  public software.amazon.awssdk.services.apigatewayv2.model.GetDomainNamesResponse getDomainNames(RequestContext ctx,
      software.amazon.awssdk.services.apigatewayv2.model.GetDomainNamesRequest req) {
    return software.amazon.awssdk.services.apigatewayv2.model.GetDomainNamesResponse.builder()
        .items(store.list(DomainName.TABLE, ctx.regionalScope()).stream().filter(d -> d.has(DomainName.REGIONAL))
            .map(DomainNameOperations::v2).toList()).build();
  }

  public software.amazon.awssdk.services.apigatewayv2.model.DeleteDomainNameResponse deleteDomainName(RequestContext ctx,
      software.amazon.awssdk.services.apigatewayv2.model.DeleteDomainNameRequest req) {
    loadV2(store, ctx, req.domainName());
    delete(ctx, req.domainName());
    return software.amazon.awssdk.services.apigatewayv2.model.DeleteDomainNameResponse.builder().build();
  }

  /**
   * The REGIONAL configuration's certificate and security policy. v2 cannot move a domain: an
   * EDGE configuration, or a domain without a REGIONAL endpoint, is AWS's "Only REGIONAL domain
   * names can be managed through the API Gateway V2 API" (the move is v1's UpdateDomainName).
   */
  public software.amazon.awssdk.services.apigatewayv2.model.UpdateDomainNameResponse updateDomainName(RequestContext ctx,
      software.amazon.awssdk.services.apigatewayv2.model.UpdateDomainNameRequest req) {
    DomainNameConfiguration c = req.hasDomainNameConfigurations() && !req.domainNameConfigurations().isEmpty()
        ? req.domainNameConfigurations().getFirst() : null;
    DomainName current = loadV2(store, ctx, req.domainName());
    if (c != null && DomainName.EDGE.equals(c.endpointTypeAsString())) throw edgeThroughV2();
    DomainName updated = current;
    if (c != null) {
      Map<String, String> given = new java.util.HashMap<>();
      if (c.certificateArn() != null) given.put(DomainName.REGIONAL, c.certificateArn());
      updated = update(ctx, req.domainName(), current.endpointTypes(), given, c.securityPolicyAsString());
    }
    var s = v2(updated);
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
    var s = v2(loadV2(store, ctx, req.domainName()).mappings().values().stream().filter(m -> m.id().equals(req.apiMappingId()))
        .findFirst().orElseThrow(() -> ApiGatewayErrors.notFound("Invalid ApiMapping identifier specified")));
    return software.amazon.awssdk.services.apigatewayv2.model.GetApiMappingResponse.builder().apiMappingId(s.apiMappingId())
        .apiMappingKey(s.apiMappingKey()).apiId(s.apiId()).stage(s.stage()).build();
  }

  public GetApiMappingsResponse getApiMappings(RequestContext ctx, GetApiMappingsRequest req) {
    return GetApiMappingsResponse.builder().items(loadV2(store, ctx, req.domainName()).mappings().values().stream()
        .map(DomainNameOperations::v2).toList()).build();
  }

  public DeleteApiMappingResponse deleteApiMapping(RequestContext ctx, DeleteApiMappingRequest req) {
    store.write(tx -> {
      DomainName d = loadV2(tx, ctx, req.domainName());
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
