package dev.stratus.cloudfront;

import dev.stratus.cloudfront.model.Distribution;
import dev.stratus.cloudfront.model.SdkJson;
import dev.stratus.cloudfront.model.StoredPolicy;
import dev.stratus.core.AwsException;
import dev.stratus.core.RequestContext;
import dev.stratus.core.ResourceIds;
import java.util.Set;
import software.amazon.awssdk.services.cloudfront.model.*;

/** Origin access controls (OAC): how CloudFront signs its requests to an S3 (or other AWS) origin. */
public final class OriginAccessControlOperations {
  static final Set<String> BEHAVIORS = Set.of("always", "never", "no-override");
  static final Set<String> ORIGIN_TYPES = Set.of("s3", "mediastore", "lambda", "mediapackagev2");

  private final CloudFrontResources r;

  OriginAccessControlOperations(CloudFrontResources resources) { this.r = resources; }

  public CreateOriginAccessControlResponse createOriginAccessControl(RequestContext ctx,
      CreateOriginAccessControlRequest req) {
    OriginAccessControlConfig c = valid(req.originAccessControlConfig());
    StoredPolicy p = r.store.write(tx -> {
      unique(ctx, c.name(), null);
      String id = ResourceIds.upperAlnum("E", 13);
      var stored = new StoredPolicy(id, ctx.accountId(), c.name(), CloudFrontResources.newEtag(), SdkJson.write(c), r.now());
      tx.put(StoredPolicy.ORIGIN_ACCESS_CONTROL, Distribution.SCOPE, id, stored);
      return stored;
    });
    return CreateOriginAccessControlResponse.builder().originAccessControl(oac(p)).eTag(p.etag())
        .location(DistributionOperations.API + "origin-access-control/" + p.id()).build();
  }

  public GetOriginAccessControlResponse getOriginAccessControl(RequestContext ctx, GetOriginAccessControlRequest req) {
    StoredPolicy p = find(ctx, req.id());
    return GetOriginAccessControlResponse.builder().originAccessControl(oac(p)).eTag(p.etag()).build();
  }

  public GetOriginAccessControlConfigResponse getOriginAccessControlConfig(RequestContext ctx,
      GetOriginAccessControlConfigRequest req) {
    StoredPolicy p = find(ctx, req.id());
    return GetOriginAccessControlConfigResponse.builder()
        .originAccessControlConfig(SdkJson.read(p.config(), OriginAccessControlConfig.class)).eTag(p.etag()).build();
  }

  public UpdateOriginAccessControlResponse updateOriginAccessControl(RequestContext ctx,
      UpdateOriginAccessControlRequest req) {
    OriginAccessControlConfig c = valid(req.originAccessControlConfig());
    StoredPolicy p = r.store.write(tx -> {
      StoredPolicy old = find(ctx, req.id());
      CloudFrontResources.checkIfMatch(req.ifMatch(), old.etag());
      unique(ctx, c.name(), old.id());
      var next = new StoredPolicy(old.id(), old.accountId(), c.name(), CloudFrontResources.newEtag(), SdkJson.write(c),
          r.now());
      tx.put(StoredPolicy.ORIGIN_ACCESS_CONTROL, Distribution.SCOPE, old.id(), next);
      return next;
    });
    return UpdateOriginAccessControlResponse.builder().originAccessControl(oac(p)).eTag(p.etag()).build();
  }

  public DeleteOriginAccessControlResponse deleteOriginAccessControl(RequestContext ctx,
      DeleteOriginAccessControlRequest req) {
    r.store.write(tx -> {
      StoredPolicy p = find(ctx, req.id());
      CloudFrontResources.checkIfMatch(req.ifMatch(), p.etag());
      boolean used = r.distributions(ctx.accountId()).stream()
          .flatMap(d -> d.distributionConfig().origins().items().stream())
          .anyMatch(o -> p.id().equals(o.originAccessControlId()));
      if (used) {
        throw CloudFrontErrors.inUse("OriginAccessControlInUse",
            "Cannot delete the origin access control because it's in use by one or more distributions.");
      }
      tx.delete(StoredPolicy.ORIGIN_ACCESS_CONTROL, Distribution.SCOPE, p.id());
      return null;
    });
    return DeleteOriginAccessControlResponse.builder().build();
  }

  public ListOriginAccessControlsResponse listOriginAccessControls(RequestContext ctx,
      ListOriginAccessControlsRequest req) {
    int max = DistributionOperations.maxItems(req.maxItems());
    var all = r.policies(StoredPolicy.ORIGIN_ACCESS_CONTROL, ctx.accountId());
    var page = dev.stratus.core.Pagination.page(all, StoredPolicy::id, req.marker(), max,
        m -> CloudFrontErrors.invalidArgument("Invalid marker " + m));
    var items = page.items().stream().map(p -> {
      var c = SdkJson.read(p.config(), OriginAccessControlConfig.class);
      return OriginAccessControlSummary.builder().id(p.id()).name(c.name())
          .description(c.description() == null ? "" : c.description()).signingProtocol(c.signingProtocol())
          .signingBehavior(c.signingBehavior()).originAccessControlOriginType(c.originAccessControlOriginType()).build();
    }).toList();
    var list = OriginAccessControlList.builder().marker(req.marker() == null ? "" : req.marker()).maxItems(max)
        .isTruncated(page.nextMarker().isPresent()).nextMarker(page.nextMarker().orElse(null)).quantity(items.size());
    if (!items.isEmpty()) list.items(items);
    return ListOriginAccessControlsResponse.builder().originAccessControlList(list.build()).build();
  }

  private StoredPolicy find(RequestContext ctx, String id) {
    return r.policy(StoredPolicy.ORIGIN_ACCESS_CONTROL, ctx.accountId(), id)
        .orElseThrow(CloudFrontErrors::noSuchOriginAccessControl);
  }

  private void unique(RequestContext ctx, String name, String selfId) {
    if (r.policies(StoredPolicy.ORIGIN_ACCESS_CONTROL, ctx.accountId()).stream()
        .anyMatch(p -> p.name().equals(name) && !p.id().equals(selfId))) {
      throw new AwsException("OriginAccessControlAlreadyExists", 409,
          "An origin access control with the specified parameters already exists.");
    }
  }

  private static OriginAccessControlConfig valid(OriginAccessControlConfig c) {
    if (c.name() == null || c.name().isEmpty() || c.name().length() > 64) {
      throw CloudFrontErrors.invalidArgument("The parameter Name must be between 1 and 64 characters.");
    }
    if (!"sigv4".equals(c.signingProtocolAsString())) {
      throw CloudFrontErrors.invalidArgument("The parameter SigningProtocol has an invalid value.");
    }
    if (!BEHAVIORS.contains(c.signingBehaviorAsString())) {
      throw CloudFrontErrors.invalidArgument("The parameter SigningBehavior has an invalid value.");
    }
    if (!ORIGIN_TYPES.contains(c.originAccessControlOriginTypeAsString())) {
      throw CloudFrontErrors.invalidArgument("The parameter OriginAccessControlOriginType has an invalid value.");
    }
    return c.toBuilder().description(c.description() == null ? "" : c.description()).build();
  }

  private static OriginAccessControl oac(StoredPolicy p) {
    return OriginAccessControl.builder().id(p.id())
        .originAccessControlConfig(SdkJson.read(p.config(), OriginAccessControlConfig.class)).build();
  }
}
