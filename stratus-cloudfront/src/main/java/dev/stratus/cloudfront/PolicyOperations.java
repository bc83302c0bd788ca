package dev.stratus.cloudfront;

import dev.stratus.cloudfront.model.Distribution;
import dev.stratus.cloudfront.model.ManagedPolicies;
import dev.stratus.cloudfront.model.SdkJson;
import dev.stratus.cloudfront.model.StoredPolicy;
import dev.stratus.core.AwsException;
import dev.stratus.core.RequestContext;
import dev.stratus.core.store.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.cloudfront.model.*;

/**
 * Cache, origin request and response headers policies: AWS's managed ones (read-only) and the
 * account's custom ones (Create/Get/GetConfig/Update/Delete/List, If-Match on change).
 */
public final class PolicyOperations {
  /** Headers, cookies, query strings per policy (quotas). */
  static final int MAX_NAMES = 10;
  /** Managed policies were created long before any Stratus account. */
  static final Instant MANAGED_MODIFIED = Instant.parse("2020-06-01T00:00:00Z");

  private final CloudFrontResources r;
  private final Kind<CachePolicyConfig> cache;
  private final Kind<OriginRequestPolicyConfig> originRequest;
  private final Kind<ResponseHeadersPolicyConfig> responseHeaders;

  PolicyOperations(CloudFrontResources resources) {
    this.r = resources;
    cache = new Kind<>(StoredPolicy.CACHE, ManagedPolicies.CACHE, CachePolicyConfig.class, CachePolicyConfig::name,
        CloudFrontErrors::noSuchCachePolicy, "CachePolicyAlreadyExists", "cache policy",
        () -> CloudFrontErrors.inUse("CachePolicyInUse",
            "Cannot delete the cache policy because it is attached to one or more cache behaviors."),
        "cache-policy/", "TooManyCachePolicies");
    originRequest = new Kind<>(StoredPolicy.ORIGIN_REQUEST, ManagedPolicies.ORIGIN_REQUEST,
        OriginRequestPolicyConfig.class, OriginRequestPolicyConfig::name, CloudFrontErrors::noSuchOriginRequestPolicy,
        "OriginRequestPolicyAlreadyExists", "origin request policy",
        () -> CloudFrontErrors.inUse("OriginRequestPolicyInUse",
            "Cannot delete the origin request policy because it is attached to one or more cache behaviors."),
        "origin-request-policy/", "TooManyOriginRequestPolicies");
    responseHeaders = new Kind<>(StoredPolicy.RESPONSE_HEADERS, ManagedPolicies.RESPONSE_HEADERS,
        ResponseHeadersPolicyConfig.class, ResponseHeadersPolicyConfig::name, CloudFrontErrors::noSuchResponseHeadersPolicy,
        "ResponseHeadersPolicyAlreadyExists", "response headers policy",
        () -> CloudFrontErrors.inUse("ResponseHeadersPolicyInUse",
            "Cannot delete the response headers policy because it is attached to one or more cache behaviors in a CloudFront distribution."),
        "response-headers-policy/", "TooManyResponseHeadersPolicies");
  }

  /** What differs between the three kinds of policy. */
  record Kind<C extends SdkPojo>(Table<StoredPolicy> table, Map<String, C> managed, Class<C> type,
      Function<C, String> name, Supplier<AwsException> notFound, String alreadyExistsCode, String noun,
      Supplier<AwsException> inUse, String path, String tooManyCode) {}

  /** Custom policies of each kind per account (quotas). */
  static final int MAX_CUSTOM = 20;

  /** A policy as the API shows it. */
  record Found<C>(String id, String etag, Instant lastModified, C config, boolean managed) {}

  // ---- generic core ----------------------------------------------------------------------------

  private <C extends SdkPojo> Found<C> create(RequestContext ctx, Kind<C> kind, C config) {
    return r.store.write(tx -> {
      uniqueName(ctx, kind, kind.name().apply(config), null);
      if (r.policies(kind.table(), ctx.accountId()).size() >= MAX_CUSTOM) {
        throw new AwsException(kind.tooManyCode(), 400, "You have reached the maximum number of "
            + kind.noun().replace("policy", "policies") + " for this AWS account.");
      }
      String id = UUID.randomUUID().toString();
      var p = new StoredPolicy(id, ctx.accountId(), kind.name().apply(config), CloudFrontResources.newEtag(),
          SdkJson.write(config), r.now());
      tx.put(kind.table(), Distribution.SCOPE, id, p);
      return found(kind, p);
    });
  }

  private <C extends SdkPojo> Found<C> get(RequestContext ctx, Kind<C> kind, String id) {
    C managed = kind.managed().get(id);
    if (managed != null) return new Found<>(id, managedEtag(id), MANAGED_MODIFIED, managed, true);
    return r.policy(kind.table(), ctx.accountId(), id).map(p -> found(kind, p)).orElseThrow(kind.notFound());
  }

  private <C extends SdkPojo> Found<C> update(RequestContext ctx, Kind<C> kind, String id, String ifMatch, C config) {
    return r.store.write(tx -> {
      if (kind.managed().containsKey(id)) {
        throw CloudFrontErrors.illegalUpdate("You cannot update a managed policy.");
      }
      StoredPolicy p = r.policy(kind.table(), ctx.accountId(), id).orElseThrow(kind.notFound());
      CloudFrontResources.checkIfMatch(ifMatch, p.etag());
      uniqueName(ctx, kind, kind.name().apply(config), id);
      var next = new StoredPolicy(id, p.accountId(), kind.name().apply(config), CloudFrontResources.newEtag(),
          SdkJson.write(config), r.now());
      tx.put(kind.table(), Distribution.SCOPE, id, next);
      return found(kind, next);
    });
  }

  private <C extends SdkPojo> void delete(RequestContext ctx, Kind<C> kind, String id, String ifMatch,
      Predicate<CloudFrontResources.BehaviorRefs> uses) {
    r.store.write(tx -> {
      if (kind.managed().containsKey(id)) throw CloudFrontErrors.illegalDelete();
      StoredPolicy p = r.policy(kind.table(), ctx.accountId(), id).orElseThrow(kind.notFound());
      CloudFrontResources.checkIfMatch(ifMatch, p.etag());
      if (r.anyBehavior(ctx.accountId(), uses)) throw kind.inUse().get();
      tx.delete(kind.table(), Distribution.SCOPE, id);
      return null;
    });
  }

  /** Managed first, then custom, as AWS lists them; {@code type} managed|custom narrows. */
  private <C extends SdkPojo> List<Found<C>> list(RequestContext ctx, Kind<C> kind, String type) {
    if (type != null && !type.equals("managed") && !type.equals("custom")) {
      throw CloudFrontErrors.invalidArgument("The parameter Type has an invalid value: " + type);
    }
    List<Found<C>> all = new ArrayList<>();
    if (type == null || type.equals("managed")) {
      kind.managed().forEach((id, c) -> all.add(new Found<>(id, managedEtag(id), MANAGED_MODIFIED, c, true)));
    }
    if (type == null || type.equals("custom")) {
      r.policies(kind.table(), ctx.accountId()).forEach(p -> all.add(found(kind, p)));
    }
    return all;
  }

  private static <C> List<Found<C>> page(List<Found<C>> all, String marker, int maxItems) {
    int from = 0;
    if (marker != null && !marker.isEmpty()) {
      from = -1;
      for (int i = 0; i < all.size(); i++) if (all.get(i).id().equals(marker)) from = i;
      if (from < 0) throw CloudFrontErrors.invalidArgument("Invalid marker " + marker);
    }
    return all.subList(from, Math.min(all.size(), from + maxItems + 1));
  }

  private <C extends SdkPojo> void uniqueName(RequestContext ctx, Kind<C> kind, String name, String selfId) {
    boolean taken = kind.managed().values().stream().anyMatch(c -> kind.name().apply(c).equals(name))
        || r.policies(kind.table(), ctx.accountId()).stream()
            .anyMatch(p -> p.name().equals(name) && !p.id().equals(selfId));
    if (taken) {
      throw new AwsException(kind.alreadyExistsCode(), 409, "A " + kind.noun() + " with this name already exists."
          + " You must provide a unique name. To modify an existing " + kind.noun() + ", use Update"
          + kind.type().getSimpleName().replace("Config", "") + ".");
    }
  }

  private <C extends SdkPojo> Found<C> found(Kind<C> kind, StoredPolicy p) {
    return new Found<>(p.id(), p.etag(), p.lastModifiedTime(), SdkJson.read(p.config(), kind.type()), false);
  }

  /** A stable ETag per managed policy (AWS's do not change either). */
  static String managedEtag(String id) {
    String hex = Integer.toHexString(id.hashCode()).toUpperCase();
    return ("E" + hex + "MANAGEDPOLICY").substring(0, 14);
  }

  // ---- cache policies --------------------------------------------------------------------------

  public CreateCachePolicyResponse createCachePolicy(RequestContext ctx, CreateCachePolicyRequest req) {
    var f = create(ctx, cache, validCache(req.cachePolicyConfig()));
    return CreateCachePolicyResponse.builder().cachePolicy(cachePolicy(f)).eTag(f.etag())
        .location(DistributionOperations.API + cache.path() + f.id()).build();
  }

  public GetCachePolicyResponse getCachePolicy(RequestContext ctx, GetCachePolicyRequest req) {
    var f = get(ctx, cache, req.id());
    return GetCachePolicyResponse.builder().cachePolicy(cachePolicy(f)).eTag(f.etag()).build();
  }

  public GetCachePolicyConfigResponse getCachePolicyConfig(RequestContext ctx, GetCachePolicyConfigRequest req) {
    var f = get(ctx, cache, req.id());
    return GetCachePolicyConfigResponse.builder().cachePolicyConfig(f.config()).eTag(f.etag()).build();
  }

  public UpdateCachePolicyResponse updateCachePolicy(RequestContext ctx, UpdateCachePolicyRequest req) {
    var f = update(ctx, cache, req.id(), req.ifMatch(), validCache(req.cachePolicyConfig()));
    return UpdateCachePolicyResponse.builder().cachePolicy(cachePolicy(f)).eTag(f.etag()).build();
  }

  public DeleteCachePolicyResponse deleteCachePolicy(RequestContext ctx, DeleteCachePolicyRequest req) {
    delete(ctx, cache, req.id(), req.ifMatch(), b -> req.id().equals(b.cachePolicyId()));
    return DeleteCachePolicyResponse.builder().build();
  }

  public ListCachePoliciesResponse listCachePolicies(RequestContext ctx, ListCachePoliciesRequest req) {
    int max = DistributionOperations.maxItems(req.maxItems());
    var page = page(list(ctx, cache, req.typeAsString()), req.marker(), max);
    var items = page.stream().limit(max).map(f -> CachePolicySummary.builder().type(f.managed() ? "managed" : "custom")
        .cachePolicy(cachePolicy(f)).build()).toList();
    var list = CachePolicyList.builder().maxItems(max).quantity(items.size())
        .nextMarker(page.size() > max ? page.get(max).id() : null);
    if (!items.isEmpty()) list.items(items);
    return ListCachePoliciesResponse.builder().cachePolicyList(list.build()).build();
  }

  private static CachePolicy cachePolicy(Found<CachePolicyConfig> f) {
    return CachePolicy.builder().id(f.id()).lastModifiedTime(f.lastModified()).cachePolicyConfig(f.config()).build();
  }

  /** AWS's checks and defaults for a CachePolicyConfig (cloudfront.md §6, §9). */
  static CachePolicyConfig validCache(CachePolicyConfig c) {
    if (c.minTTL() == null) throw CloudFrontErrors.invalidArgument("The parameter MinTTL is required.");
    long min = c.minTTL();
    long def = c.defaultTTL() == null ? Math.max(86400L, min) : c.defaultTTL();
    long max = c.maxTTL() == null ? Math.max(31536000L, def) : c.maxTTL();
    if (min < 0 || min > def || def > max) throw CloudFrontErrors.invalidTtlOrder();
    var p = c.parametersInCacheKeyAndForwardedToOrigin();
    if (p == null) {
      throw CloudFrontErrors.invalidArgument("The parameter ParametersInCacheKeyAndForwardedToOrigin is required.");
    }
    if (p.headersConfig().headers() != null) {
      quantity(p.headersConfig().headers().quantity(), p.headersConfig().headers().items());
      if (p.headersConfig().headers().items().size() > MAX_NAMES) {
        throw new AwsException("TooManyHeadersInCachePolicy", 400,
            "The number of headers in the cache policy exceeds the maximum.");
      }
    }
    if (p.cookiesConfig().cookies() != null) {
      quantity(p.cookiesConfig().cookies().quantity(), p.cookiesConfig().cookies().items());
      if (p.cookiesConfig().cookies().items().size() > MAX_NAMES) {
        throw new AwsException("TooManyCookiesInCachePolicy", 400,
            "The number of cookies in the cache policy exceeds the maximum.");
      }
    }
    if (p.queryStringsConfig().queryStrings() != null) {
      quantity(p.queryStringsConfig().queryStrings().quantity(), p.queryStringsConfig().queryStrings().items());
      if (p.queryStringsConfig().queryStrings().items().size() > MAX_NAMES) {
        throw new AwsException("TooManyQueryStringsInCachePolicy", 400,
            "The number of query strings in the cache policy exceeds the maximum.");
      }
    }
    if (max == 0 && (!"none".equals(p.headersConfig().headerBehaviorAsString())
        || !"none".equals(p.cookiesConfig().cookieBehaviorAsString())
        || !"none".equals(p.queryStringsConfig().queryStringBehaviorAsString())
        || Boolean.TRUE.equals(p.enableAcceptEncodingGzip()) || Boolean.TRUE.equals(p.enableAcceptEncodingBrotli()))) {
      throw CloudFrontErrors.invalidArgument(
          "The cache policy cannot include headers, cookies, query strings or compression when caching is disabled (MaxTTL 0).");
    }
    return c.toBuilder().defaultTTL(def).maxTTL(max).comment(c.comment() == null ? "" : c.comment()).build();
  }

  static void quantity(Integer quantity, List<?> items) {
    if (quantity == null || quantity != (items == null ? 0 : items.size())) throw CloudFrontErrors.inconsistentQuantities();
  }

  // ---- origin request policies -----------------------------------------------------------------

  public CreateOriginRequestPolicyResponse createOriginRequestPolicy(RequestContext ctx,
      CreateOriginRequestPolicyRequest req) {
    var f = create(ctx, originRequest, validOriginRequest(req.originRequestPolicyConfig()));
    return CreateOriginRequestPolicyResponse.builder().originRequestPolicy(originRequestPolicy(f)).eTag(f.etag())
        .location(DistributionOperations.API + originRequest.path() + f.id()).build();
  }

  public GetOriginRequestPolicyResponse getOriginRequestPolicy(RequestContext ctx, GetOriginRequestPolicyRequest req) {
    var f = get(ctx, originRequest, req.id());
    return GetOriginRequestPolicyResponse.builder().originRequestPolicy(originRequestPolicy(f)).eTag(f.etag()).build();
  }

  public GetOriginRequestPolicyConfigResponse getOriginRequestPolicyConfig(RequestContext ctx,
      GetOriginRequestPolicyConfigRequest req) {
    var f = get(ctx, originRequest, req.id());
    return GetOriginRequestPolicyConfigResponse.builder().originRequestPolicyConfig(f.config()).eTag(f.etag()).build();
  }

  public UpdateOriginRequestPolicyResponse updateOriginRequestPolicy(RequestContext ctx,
      UpdateOriginRequestPolicyRequest req) {
    var f = update(ctx, originRequest, req.id(), req.ifMatch(), validOriginRequest(req.originRequestPolicyConfig()));
    return UpdateOriginRequestPolicyResponse.builder().originRequestPolicy(originRequestPolicy(f)).eTag(f.etag()).build();
  }

  public DeleteOriginRequestPolicyResponse deleteOriginRequestPolicy(RequestContext ctx,
      DeleteOriginRequestPolicyRequest req) {
    delete(ctx, originRequest, req.id(), req.ifMatch(), b -> req.id().equals(b.originRequestPolicyId()));
    return DeleteOriginRequestPolicyResponse.builder().build();
  }

  public ListOriginRequestPoliciesResponse listOriginRequestPolicies(RequestContext ctx,
      ListOriginRequestPoliciesRequest req) {
    int max = DistributionOperations.maxItems(req.maxItems());
    var page = page(list(ctx, originRequest, req.typeAsString()), req.marker(), max);
    var items = page.stream().limit(max).map(f -> OriginRequestPolicySummary.builder()
        .type(f.managed() ? "managed" : "custom").originRequestPolicy(originRequestPolicy(f)).build()).toList();
    var list = OriginRequestPolicyList.builder().maxItems(max).quantity(items.size())
        .nextMarker(page.size() > max ? page.get(max).id() : null);
    if (!items.isEmpty()) list.items(items);
    return ListOriginRequestPoliciesResponse.builder().originRequestPolicyList(list.build()).build();
  }

  private static OriginRequestPolicy originRequestPolicy(Found<OriginRequestPolicyConfig> f) {
    return OriginRequestPolicy.builder().id(f.id()).lastModifiedTime(f.lastModified())
        .originRequestPolicyConfig(f.config()).build();
  }

  static OriginRequestPolicyConfig validOriginRequest(OriginRequestPolicyConfig c) {
    if (c.headersConfig().headers() != null) {
      quantity(c.headersConfig().headers().quantity(), c.headersConfig().headers().items());
      if (c.headersConfig().headers().items().size() > MAX_NAMES) {
        throw new AwsException("TooManyHeadersInOriginRequestPolicy", 400,
            "The number of headers in the origin request policy exceeds the maximum.");
      }
    }
    if (c.cookiesConfig().cookies() != null) {
      quantity(c.cookiesConfig().cookies().quantity(), c.cookiesConfig().cookies().items());
      if (c.cookiesConfig().cookies().items().size() > MAX_NAMES) {
        throw new AwsException("TooManyCookiesInOriginRequestPolicy", 400,
            "The number of cookies in the origin request policy exceeds the maximum.");
      }
    }
    if (c.queryStringsConfig().queryStrings() != null) {
      quantity(c.queryStringsConfig().queryStrings().quantity(), c.queryStringsConfig().queryStrings().items());
      if (c.queryStringsConfig().queryStrings().items().size() > MAX_NAMES) {
        throw new AwsException("TooManyQueryStringsInOriginRequestPolicy", 400,
            "The number of query strings in the origin request policy exceeds the maximum.");
      }
    }
    return c.toBuilder().comment(c.comment() == null ? "" : c.comment()).build();
  }

  // ---- response headers policies ---------------------------------------------------------------

  public CreateResponseHeadersPolicyResponse createResponseHeadersPolicy(RequestContext ctx,
      CreateResponseHeadersPolicyRequest req) {
    var f = create(ctx, responseHeaders, validResponseHeaders(req.responseHeadersPolicyConfig()));
    return CreateResponseHeadersPolicyResponse.builder().responseHeadersPolicy(responseHeadersPolicy(f)).eTag(f.etag())
        .location(DistributionOperations.API + responseHeaders.path() + f.id()).build();
  }

  public GetResponseHeadersPolicyResponse getResponseHeadersPolicy(RequestContext ctx,
      GetResponseHeadersPolicyRequest req) {
    var f = get(ctx, responseHeaders, req.id());
    return GetResponseHeadersPolicyResponse.builder().responseHeadersPolicy(responseHeadersPolicy(f)).eTag(f.etag())
        .build();
  }

  public GetResponseHeadersPolicyConfigResponse getResponseHeadersPolicyConfig(RequestContext ctx,
      GetResponseHeadersPolicyConfigRequest req) {
    var f = get(ctx, responseHeaders, req.id());
    return GetResponseHeadersPolicyConfigResponse.builder().responseHeadersPolicyConfig(f.config()).eTag(f.etag())
        .build();
  }

  public UpdateResponseHeadersPolicyResponse updateResponseHeadersPolicy(RequestContext ctx,
      UpdateResponseHeadersPolicyRequest req) {
    var f = update(ctx, responseHeaders, req.id(), req.ifMatch(),
        validResponseHeaders(req.responseHeadersPolicyConfig()));
    return UpdateResponseHeadersPolicyResponse.builder().responseHeadersPolicy(responseHeadersPolicy(f))
        .eTag(f.etag()).build();
  }

  public DeleteResponseHeadersPolicyResponse deleteResponseHeadersPolicy(RequestContext ctx,
      DeleteResponseHeadersPolicyRequest req) {
    delete(ctx, responseHeaders, req.id(), req.ifMatch(), b -> req.id().equals(b.responseHeadersPolicyId()));
    return DeleteResponseHeadersPolicyResponse.builder().build();
  }

  public ListResponseHeadersPoliciesResponse listResponseHeadersPolicies(RequestContext ctx,
      ListResponseHeadersPoliciesRequest req) {
    int max = DistributionOperations.maxItems(req.maxItems());
    var page = page(list(ctx, responseHeaders, req.typeAsString()), req.marker(), max);
    var items = page.stream().limit(max).map(f -> ResponseHeadersPolicySummary.builder()
        .type(f.managed() ? "managed" : "custom").responseHeadersPolicy(responseHeadersPolicy(f)).build()).toList();
    var list = ResponseHeadersPolicyList.builder().maxItems(max).quantity(items.size())
        .nextMarker(page.size() > max ? page.get(max).id() : null);
    if (!items.isEmpty()) list.items(items);
    return ListResponseHeadersPoliciesResponse.builder().responseHeadersPolicyList(list.build()).build();
  }

  private static ResponseHeadersPolicy responseHeadersPolicy(Found<ResponseHeadersPolicyConfig> f) {
    return ResponseHeadersPolicy.builder().id(f.id()).lastModifiedTime(f.lastModified())
        .responseHeadersPolicyConfig(f.config()).build();
  }

  static ResponseHeadersPolicyConfig validResponseHeaders(ResponseHeadersPolicyConfig c) {
    if (c.customHeadersConfig() != null) {
      quantity(c.customHeadersConfig().quantity(), c.customHeadersConfig().items());
    }
    if (c.removeHeadersConfig() != null) {
      quantity(c.removeHeadersConfig().quantity(), c.removeHeadersConfig().items());
    }
    if (c.corsConfig() != null) {
      var cors = c.corsConfig();
      quantity(cors.accessControlAllowOrigins().quantity(), cors.accessControlAllowOrigins().items());
      quantity(cors.accessControlAllowHeaders().quantity(), cors.accessControlAllowHeaders().items());
      quantity(cors.accessControlAllowMethods().quantity(), cors.accessControlAllowMethods().items());
    }
    if (c.corsConfig() == null && c.securityHeadersConfig() == null && c.customHeadersConfig() == null
        && c.removeHeadersConfig() == null && c.serverTimingHeadersConfig() == null) {
      throw CloudFrontErrors.invalidArgument("The response headers policy must contain at least one configuration.");
    }
    return c;
  }
}
