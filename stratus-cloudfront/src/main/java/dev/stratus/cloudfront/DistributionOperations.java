package dev.stratus.cloudfront;

import dev.stratus.cloudfront.model.Distribution;
import dev.stratus.cloudfront.model.Invalidation;
import dev.stratus.cloudfront.model.ResourceTags;
import dev.stratus.cloudfront.model.SdkJson;
import dev.stratus.core.Pagination;
import dev.stratus.core.RequestContext;
import dev.stratus.core.ResourceIds;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.cloudfront.model.ActiveTrustedKeyGroups;
import software.amazon.awssdk.services.cloudfront.model.AliasICPRecordal;
import software.amazon.awssdk.services.cloudfront.model.ActiveTrustedSigners;
import software.amazon.awssdk.services.cloudfront.model.CreateDistributionRequest;
import software.amazon.awssdk.services.cloudfront.model.CreateDistributionResponse;
import software.amazon.awssdk.services.cloudfront.model.CreateDistributionWithTagsRequest;
import software.amazon.awssdk.services.cloudfront.model.CreateDistributionWithTagsResponse;
import software.amazon.awssdk.services.cloudfront.model.DeleteDistributionRequest;
import software.amazon.awssdk.services.cloudfront.model.DeleteDistributionResponse;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.DistributionList;
import software.amazon.awssdk.services.cloudfront.model.DistributionSummary;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionConfigRequest;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionConfigResponse;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionRequest;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionResponse;
import software.amazon.awssdk.services.cloudfront.model.ListDistributionsByWebAclIdRequest;
import software.amazon.awssdk.services.cloudfront.model.ListDistributionsByWebAclIdResponse;
import software.amazon.awssdk.services.cloudfront.model.ListDistributionsRequest;
import software.amazon.awssdk.services.cloudfront.model.ListDistributionsResponse;
import software.amazon.awssdk.services.cloudfront.model.Tag;
import software.amazon.awssdk.services.cloudfront.model.UpdateDistributionRequest;
import software.amazon.awssdk.services.cloudfront.model.UpdateDistributionResponse;

/** CloudFront distributions: create, read, update (If-Match), disable-then-delete, list. */
public final class DistributionOperations {
  /** Default MaxItems of the List operations (API reference). */
  static final int DEFAULT_MAX_ITEMS = 100;
  /** Distributions per account (quotas). */
  static final int MAX_DISTRIBUTIONS = 200;
  static final String API = "https://cloudfront.amazonaws.com/2020-05-31/";

  private final CloudFrontResources r;

  DistributionOperations(CloudFrontResources resources) { this.r = resources; }

  public CreateDistributionResponse createDistribution(RequestContext ctx, CreateDistributionRequest req) {
    Distribution d = create(ctx, req.distributionConfig(), List.of());
    return CreateDistributionResponse.builder().distribution(sdk(d)).eTag(d.etag()).location(API + "distribution/" + d.id())
        .build();
  }

  public CreateDistributionWithTagsResponse createDistributionWithTags(RequestContext ctx,
      CreateDistributionWithTagsRequest req) {
    var withTags = req.distributionConfigWithTags();
    List<Tag> tags = withTags.tags() == null ? List.of() : withTags.tags().items();
    TagOperations.validate(tags);
    Distribution d = create(ctx, withTags.distributionConfig(), tags);
    return CreateDistributionWithTagsResponse.builder().distribution(sdk(d)).eTag(d.etag())
        .location(API + "distribution/" + d.id()).build();
  }

  private Distribution create(RequestContext ctx, DistributionConfig submitted, List<Tag> tags) {
    DistributionConfig config = DistributionRules.withDefaults(submitted);
    Distribution created = r.store.write(tx -> {
      for (Distribution other : r.distributions(ctx.accountId())) {
        DistributionConfig existing = other.distributionConfig();
        if (existing.callerReference().equals(config.callerReference())) {
          // AWS: same reference and same config answers the first creation again.
          if (existing.equals(config)) return other;
          throw CloudFrontErrors.distributionAlreadyExists(other.id());
        }
      }
      if (r.distributions(ctx.accountId()).size() >= MAX_DISTRIBUTIONS) {
        throw new dev.stratus.core.AwsException("TooManyDistributions", 400,
            "Processing your request would cause you to exceed the maximum number of distributions allowed.");
      }
      String id = ResourceIds.upperAlnum("E", 13);
      DistributionRules.validate(config, id, r.forAccount(ctx.accountId()));
      Instant now = r.now();
      var d = new Distribution(id, ctx.accountId(), "arn:aws:cloudfront::" + ctx.accountId() + ":distribution/" + id,
          ResourceIds.hex("d", 13) + ".cloudfront.net", CloudFrontResources.newEtag(), SdkJson.write(config), now,
          now.plus(r.settings.deployDelay()));
      tx.put(Distribution.TABLE, Distribution.SCOPE, id, d);
      if (!tags.isEmpty()) {
        var map = new LinkedHashMap<String, String>();
        for (Tag t : tags) map.put(t.key(), t.value() == null ? "" : t.value());
        tx.put(ResourceTags.TABLE, Distribution.SCOPE, d.arn(), new ResourceTags(d.arn(), map));
      }
      return d;
    });
    r.registerName(created);
    r.useWebAcl(created, false);
    return created;
  }

  public GetDistributionResponse getDistribution(RequestContext ctx, GetDistributionRequest req) {
    Distribution d = r.distribution(ctx.accountId(), req.id()).orElseThrow(CloudFrontErrors::noSuchDistribution);
    return GetDistributionResponse.builder().distribution(sdk(d)).eTag(d.etag()).build();
  }

  public GetDistributionConfigResponse getDistributionConfig(RequestContext ctx, GetDistributionConfigRequest req) {
    Distribution d = r.distribution(ctx.accountId(), req.id()).orElseThrow(CloudFrontErrors::noSuchDistribution);
    return GetDistributionConfigResponse.builder().distributionConfig(d.distributionConfig()).eTag(d.etag()).build();
  }

  public UpdateDistributionResponse updateDistribution(RequestContext ctx, UpdateDistributionRequest req) {
    DistributionConfig config = DistributionRules.withDefaults(req.distributionConfig());
    Distribution updated = r.store.write(tx -> {
      Distribution d = r.distribution(ctx.accountId(), req.id()).orElseThrow(CloudFrontErrors::noSuchDistribution);
      CloudFrontResources.checkIfMatch(req.ifMatch(), d.etag());
      if (!d.distributionConfig().callerReference().equals(config.callerReference())) {
        throw CloudFrontErrors.illegalUpdate("Origin and CallerReference cannot be updated.");
      }
      DistributionRules.validate(config, d.id(), r.forAccount(ctx.accountId()));
      Instant now = r.now();
      var next = new Distribution(d.id(), d.accountId(), d.arn(), d.domainName(), CloudFrontResources.newEtag(),
          SdkJson.write(config), now, now.plus(r.settings.deployDelay()));
      tx.put(Distribution.TABLE, Distribution.SCOPE, d.id(), next);
      return next;
    });
    r.useWebAcl(updated, false);
    return UpdateDistributionResponse.builder().distribution(sdk(updated)).eTag(updated.etag()).build();
  }

  public DeleteDistributionResponse deleteDistribution(RequestContext ctx, DeleteDistributionRequest req) {
    Distribution deleted = r.store.write(tx -> {
      Distribution d = r.distribution(ctx.accountId(), req.id()).orElseThrow(CloudFrontErrors::noSuchDistribution);
      CloudFrontResources.checkIfMatch(req.ifMatch(), d.etag());
      // AWS: disabled, and that change deployed, before a delete.
      if (Boolean.TRUE.equals(d.distributionConfig().enabled()) || d.status(r.now()).equals("InProgress")) {
        throw CloudFrontErrors.distributionNotDisabled();
      }
      tx.delete(Distribution.TABLE, Distribution.SCOPE, d.id());
      tx.delete(ResourceTags.TABLE, Distribution.SCOPE, d.arn());
      for (Invalidation i : r.store.list(Invalidation.TABLE, Distribution.SCOPE)) {
        if (i.distributionId().equals(d.id())) tx.delete(Invalidation.TABLE, Distribution.SCOPE, i.key());
      }
      return d;
    });
    r.unregisterName(deleted);
    r.useWebAcl(deleted, true);
    return DeleteDistributionResponse.builder().build();
  }

  public ListDistributionsResponse listDistributions(RequestContext ctx, ListDistributionsRequest req) {
    return ListDistributionsResponse.builder()
        .distributionList(list(ctx, req.marker(), req.maxItems(), d -> true)).build();
  }

  public ListDistributionsByWebAclIdResponse listDistributionsByWebACLId(RequestContext ctx,
      ListDistributionsByWebAclIdRequest req) {
    String acl = req.webACLId();
    return ListDistributionsByWebAclIdResponse.builder()
        .distributionList(list(ctx, req.marker(), req.maxItems(), d -> d.distributionConfig().webACLId().equals(acl)))
        .build();
  }

  public software.amazon.awssdk.services.cloudfront.model.ListDistributionsByCachePolicyIdResponse
      listDistributionsByCachePolicyId(RequestContext ctx,
          software.amazon.awssdk.services.cloudfront.model.ListDistributionsByCachePolicyIdRequest req) {
    if (!r.forAccount(ctx.accountId()).cachePolicyExists(req.cachePolicyId())) throw CloudFrontErrors.noSuchCachePolicy();
    return software.amazon.awssdk.services.cloudfront.model.ListDistributionsByCachePolicyIdResponse.builder()
        .distributionIdList(idList(ctx, req.marker(), req.maxItems(), b -> req.cachePolicyId().equals(b.cachePolicyId())))
        .build();
  }

  public software.amazon.awssdk.services.cloudfront.model.ListDistributionsByOriginRequestPolicyIdResponse
      listDistributionsByOriginRequestPolicyId(RequestContext ctx,
          software.amazon.awssdk.services.cloudfront.model.ListDistributionsByOriginRequestPolicyIdRequest req) {
    if (!r.forAccount(ctx.accountId()).originRequestPolicyExists(req.originRequestPolicyId())) {
      throw CloudFrontErrors.noSuchOriginRequestPolicy();
    }
    return software.amazon.awssdk.services.cloudfront.model.ListDistributionsByOriginRequestPolicyIdResponse.builder()
        .distributionIdList(idList(ctx, req.marker(), req.maxItems(),
            b -> req.originRequestPolicyId().equals(b.originRequestPolicyId())))
        .build();
  }

  public software.amazon.awssdk.services.cloudfront.model.ListDistributionsByResponseHeadersPolicyIdResponse
      listDistributionsByResponseHeadersPolicyId(RequestContext ctx,
          software.amazon.awssdk.services.cloudfront.model.ListDistributionsByResponseHeadersPolicyIdRequest req) {
    if (!r.forAccount(ctx.accountId()).responseHeadersPolicyExists(req.responseHeadersPolicyId())) {
      throw CloudFrontErrors.noSuchResponseHeadersPolicy();
    }
    return software.amazon.awssdk.services.cloudfront.model.ListDistributionsByResponseHeadersPolicyIdResponse.builder()
        .distributionIdList(idList(ctx, req.marker(), req.maxItems(),
            b -> req.responseHeadersPolicyId().equals(b.responseHeadersPolicyId())))
        .build();
  }

  /** The ids of the account's distributions with a behavior that {@code uses} something. */
  private software.amazon.awssdk.services.cloudfront.model.DistributionIdList idList(RequestContext ctx, String marker,
      String maxItemsParam, Predicate<CloudFrontResources.BehaviorRefs> uses) {
    int maxItems = maxItems(maxItemsParam);
    var ids = r.distributions(ctx.accountId()).stream()
        .filter(d -> CloudFrontResources.behaviors(d.distributionConfig()).anyMatch(uses)).map(Distribution::id).toList();
    var page = Pagination.page(ids, id -> id, marker, maxItems,
        m -> CloudFrontErrors.invalidArgument("Invalid marker " + m));
    var list = software.amazon.awssdk.services.cloudfront.model.DistributionIdList.builder()
        .marker(marker == null ? "" : marker).maxItems(maxItems).isTruncated(page.nextMarker().isPresent())
        .nextMarker(page.nextMarker().orElse(null)).quantity(page.items().size());
    if (!page.items().isEmpty()) list.items(page.items());
    return list.build();
  }

  private DistributionList list(RequestContext ctx, String marker, String maxItemsParam, Predicate<Distribution> filter) {
    int maxItems = maxItems(maxItemsParam);
    var all = r.distributions(ctx.accountId()).stream().filter(filter).toList();
    var page = Pagination.page(all, Distribution::id, marker, maxItems,
        m -> CloudFrontErrors.invalidArgument("Invalid marker " + m));
    var list = DistributionList.builder()
        .marker(marker == null ? "" : marker)
        .maxItems(maxItems)
        .isTruncated(page.nextMarker().isPresent())
        .nextMarker(page.nextMarker().orElse(null))
        .quantity(page.items().size());
    if (!page.items().isEmpty()) list.items(page.items().stream().map(this::summary).toList());
    return list.build();
  }

  static int maxItems(String requested) {
    if (requested == null) return DEFAULT_MAX_ITEMS;
    try {
      int n = Integer.parseInt(requested);
      if (n >= 1) return n;
    } catch (NumberFormatException e) {
      // fall through to AWS's error
    }
    throw CloudFrontErrors.invalidArgument("MaxItems must be a positive integer, not " + requested);
  }

  software.amazon.awssdk.services.cloudfront.model.Distribution sdk(Distribution d) {
    Instant now = r.now();
    DistributionConfig config = d.distributionConfig();
    int inProgress = (int) r.store.list(Invalidation.TABLE, Distribution.SCOPE).stream()
        .filter(i -> i.distributionId().equals(d.id()) && i.status(now).equals("InProgress")).count();
    return software.amazon.awssdk.services.cloudfront.model.Distribution.builder()
        .id(d.id()).arn(d.arn()).status(d.status(now)).lastModifiedTime(d.lastModifiedTime())
        .inProgressInvalidationBatches(inProgress).domainName(d.domainName())
        .activeTrustedSigners(ActiveTrustedSigners.builder().enabled(false).quantity(0).build())
        .activeTrustedKeyGroups(ActiveTrustedKeyGroups.builder().enabled(false).quantity(0).build())
        .distributionConfig(config)
        // AWS lists an ICP recordal per alias (APPROVED outside China), and nothing without aliases.
        .aliasICPRecordals(config.aliases().items().isEmpty() ? null : config.aliases().items().stream()
            .map(a -> AliasICPRecordal.builder().cname(a).icpRecordalStatus("APPROVED").build()).toList())
        .build();
  }

  private DistributionSummary summary(Distribution d) {
    DistributionConfig c = d.distributionConfig();
    return DistributionSummary.builder().id(d.id()).arn(d.arn()).eTag(d.etag()).status(d.status(r.now()))
        .lastModifiedTime(d.lastModifiedTime()).domainName(d.domainName()).aliases(c.aliases()).origins(c.origins())
        .originGroups(c.originGroups()).defaultCacheBehavior(c.defaultCacheBehavior()).cacheBehaviors(c.cacheBehaviors())
        .customErrorResponses(c.customErrorResponses()).comment(c.comment()).priceClass(c.priceClass())
        .enabled(c.enabled()).viewerCertificate(c.viewerCertificate()).restrictions(c.restrictions())
        .webACLId(c.webACLId()).httpVersion(c.httpVersion()).isIPV6Enabled(c.isIPV6Enabled()).staging(c.staging())
        .build();
  }
}
