package dev.stratus.cloudfront;

import dev.stratus.cloudfront.model.Distribution;
import dev.stratus.cloudfront.model.SdkJson;
import dev.stratus.cloudfront.model.StoredPolicy;
import dev.stratus.core.AwsException;
import dev.stratus.core.Pagination;
import dev.stratus.core.RequestContext;
import dev.stratus.core.ResourceIds;
import software.amazon.awssdk.services.cloudfront.model.*;

/** Legacy origin access identities (OAI): what an S3 origin's {@code OriginAccessIdentity} names. */
public final class OriginAccessIdentityOperations {
  /** How an S3 origin names an OAI. */
  static final String PREFIX = "origin-access-identity/cloudfront/";

  private final CloudFrontResources r;

  OriginAccessIdentityOperations(CloudFrontResources resources) { this.r = resources; }

  static AwsException noSuch() {
    return new AwsException("NoSuchCloudFrontOriginAccessIdentity", 404, "The specified origin access identity does not exist.");
  }

  public CreateCloudFrontOriginAccessIdentityResponse createCloudFrontOriginAccessIdentity(RequestContext ctx,
      CreateCloudFrontOriginAccessIdentityRequest req) {
    CloudFrontOriginAccessIdentityConfig c = req.cloudFrontOriginAccessIdentityConfig();
    StoredPolicy p = r.store.write(tx -> {
      for (StoredPolicy other : r.policies(StoredPolicy.ORIGIN_ACCESS_IDENTITY, ctx.accountId())) {
        if (other.name().equals(c.callerReference())) {
          if (SdkJson.read(other.config(), CloudFrontOriginAccessIdentityConfig.class).equals(c)) return other;
          throw new AwsException("CloudFrontOriginAccessIdentityAlreadyExists", 409,
              "The CloudFront origin access identity already exists with the CallerReference " + c.callerReference()
                  + " and a different configuration.");
        }
      }
      String id = ResourceIds.upperAlnum("E", 13);
      var stored = new StoredPolicy(id, ctx.accountId(), c.callerReference(), CloudFrontResources.newEtag(),
          SdkJson.write(c), r.now());
      tx.put(StoredPolicy.ORIGIN_ACCESS_IDENTITY, Distribution.SCOPE, id, stored);
      return stored;
    });
    return CreateCloudFrontOriginAccessIdentityResponse.builder().cloudFrontOriginAccessIdentity(oai(p)).eTag(p.etag())
        .location(DistributionOperations.API + PREFIX + p.id()).build();
  }

  public GetCloudFrontOriginAccessIdentityResponse getCloudFrontOriginAccessIdentity(RequestContext ctx,
      GetCloudFrontOriginAccessIdentityRequest req) {
    StoredPolicy p = find(ctx, req.id());
    return GetCloudFrontOriginAccessIdentityResponse.builder().cloudFrontOriginAccessIdentity(oai(p)).eTag(p.etag())
        .build();
  }

  public GetCloudFrontOriginAccessIdentityConfigResponse getCloudFrontOriginAccessIdentityConfig(RequestContext ctx,
      GetCloudFrontOriginAccessIdentityConfigRequest req) {
    StoredPolicy p = find(ctx, req.id());
    return GetCloudFrontOriginAccessIdentityConfigResponse.builder()
        .cloudFrontOriginAccessIdentityConfig(SdkJson.read(p.config(), CloudFrontOriginAccessIdentityConfig.class))
        .eTag(p.etag()).build();
  }

  public UpdateCloudFrontOriginAccessIdentityResponse updateCloudFrontOriginAccessIdentity(RequestContext ctx,
      UpdateCloudFrontOriginAccessIdentityRequest req) {
    CloudFrontOriginAccessIdentityConfig c = req.cloudFrontOriginAccessIdentityConfig();
    StoredPolicy p = r.store.write(tx -> {
      StoredPolicy old = find(ctx, req.id());
      CloudFrontResources.checkIfMatch(req.ifMatch(), old.etag());
      if (!old.name().equals(c.callerReference())) throw CloudFrontErrors.illegalUpdate("CallerReference cannot be updated.");
      var next = new StoredPolicy(old.id(), old.accountId(), old.name(), CloudFrontResources.newEtag(), SdkJson.write(c),
          r.now());
      tx.put(StoredPolicy.ORIGIN_ACCESS_IDENTITY, Distribution.SCOPE, old.id(), next);
      return next;
    });
    return UpdateCloudFrontOriginAccessIdentityResponse.builder().cloudFrontOriginAccessIdentity(oai(p)).eTag(p.etag())
        .build();
  }

  public DeleteCloudFrontOriginAccessIdentityResponse deleteCloudFrontOriginAccessIdentity(RequestContext ctx,
      DeleteCloudFrontOriginAccessIdentityRequest req) {
    r.store.write(tx -> {
      StoredPolicy p = find(ctx, req.id());
      CloudFrontResources.checkIfMatch(req.ifMatch(), p.etag());
      boolean used = r.distributions(ctx.accountId()).stream()
          .flatMap(d -> d.distributionConfig().origins().items().stream())
          .anyMatch(o -> o.s3OriginConfig() != null && (PREFIX + p.id()).equals(o.s3OriginConfig().originAccessIdentity()));
      if (used) {
        throw CloudFrontErrors.inUse("CloudFrontOriginAccessIdentityInUse", "The Origin Access Identity specified is already in use.");
      }
      tx.delete(StoredPolicy.ORIGIN_ACCESS_IDENTITY, Distribution.SCOPE, p.id());
      return null;
    });
    return DeleteCloudFrontOriginAccessIdentityResponse.builder().build();
  }

  public ListCloudFrontOriginAccessIdentitiesResponse listCloudFrontOriginAccessIdentities(RequestContext ctx,
      ListCloudFrontOriginAccessIdentitiesRequest req) {
    int max = DistributionOperations.maxItems(req.maxItems());
    var page = Pagination.page(r.policies(StoredPolicy.ORIGIN_ACCESS_IDENTITY, ctx.accountId()), StoredPolicy::id,
        req.marker(), max, m -> CloudFrontErrors.invalidArgument("Invalid marker " + m));
    var list = CloudFrontOriginAccessIdentityList.builder().marker(req.marker() == null ? "" : req.marker()).maxItems(max)
        .isTruncated(page.nextMarker().isPresent()).nextMarker(page.nextMarker().orElse(null))
        .quantity(page.items().size());
    if (!page.items().isEmpty()) {
      list.items(page.items().stream().map(p -> CloudFrontOriginAccessIdentitySummary.builder().id(p.id())
          .s3CanonicalUserId(canonicalUser(p.id()))
          .comment(SdkJson.read(p.config(), CloudFrontOriginAccessIdentityConfig.class).comment()).build()).toList());
    }
    return ListCloudFrontOriginAccessIdentitiesResponse.builder().cloudFrontOriginAccessIdentityList(list.build()).build();
  }

  private StoredPolicy find(RequestContext ctx, String id) {
    return r.policy(StoredPolicy.ORIGIN_ACCESS_IDENTITY, ctx.accountId(), id).orElseThrow(OriginAccessIdentityOperations::noSuch);
  }

  /** S3's canonical user id of the identity: 64 hex digits, stable per identity. */
  static String canonicalUser(String id) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256")
          .digest(("cloudfront-oai:" + id).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static CloudFrontOriginAccessIdentity oai(StoredPolicy p) {
    return CloudFrontOriginAccessIdentity.builder().id(p.id()).s3CanonicalUserId(canonicalUser(p.id()))
        .cloudFrontOriginAccessIdentityConfig(SdkJson.read(p.config(), CloudFrontOriginAccessIdentityConfig.class)).build();
  }
}
