package dev.stratus.cloudfront;

import dev.stratus.cloudfront.model.Distribution;
import dev.stratus.core.Pagination;
import dev.stratus.core.RequestContext;
import dev.stratus.core.store.Store;
import software.amazon.awssdk.services.cloudfront.model.DistributionList;
import software.amazon.awssdk.services.cloudfront.model.DistributionSummary;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionRequest;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionResponse;
import software.amazon.awssdk.services.cloudfront.model.InvalidationList;
import software.amazon.awssdk.services.cloudfront.model.ListDistributionsRequest;
import software.amazon.awssdk.services.cloudfront.model.ListDistributionsResponse;
import software.amazon.awssdk.services.cloudfront.model.ListInvalidationsRequest;
import software.amazon.awssdk.services.cloudfront.model.ListInvalidationsResponse;

/** The CloudFront read operations over distributions. */
public final class DistributionOperations {
  /** Default MaxItems of ListDistributions (API reference). */
  private static final int DEFAULT_MAX_ITEMS = 100;

  private final Store store;

  public DistributionOperations(Store store) { this.store = store; }

  public ListDistributionsResponse listDistributions(RequestContext ctx, ListDistributionsRequest req) {
    int maxItems = maxItems(req.maxItems());
    var all = store.list(Distribution.TABLE, Distribution.SCOPE).stream().filter(d -> d.accountId().equals(ctx.accountId())).toList();
    var page = Pagination.page(all, Distribution::id, req.marker(), maxItems,
        m -> CloudFrontErrors.invalidArgument("Invalid marker " + m));
    var list = DistributionList.builder()
        .marker(req.marker() == null ? "" : req.marker())
        .maxItems(maxItems)
        .isTruncated(page.nextMarker().isPresent())
        .nextMarker(page.nextMarker().orElse(null))
        .quantity(page.items().size());
    if (!page.items().isEmpty()) list.items(page.items().stream().map(DistributionOperations::summary).toList());
    return ListDistributionsResponse.builder().distributionList(list.build()).build();
  }

  public GetDistributionResponse getDistribution(RequestContext ctx, GetDistributionRequest req) {
    var d = store.get(Distribution.TABLE, Distribution.SCOPE, req.id()).orElseThrow(CloudFrontErrors::noSuchDistribution);
    return GetDistributionResponse.builder()
        .distribution(software.amazon.awssdk.services.cloudfront.model.Distribution.builder()
            .id(d.id()).arn(d.arn()).domainName(d.domainName()).status(d.status(java.time.Instant.now())).lastModifiedTime(d.lastModifiedTime())
            .build())
        .build();
  }

  public ListInvalidationsResponse listInvalidations(RequestContext ctx, ListInvalidationsRequest req) {
    store.get(Distribution.TABLE, Distribution.SCOPE, req.distributionId()).orElseThrow(CloudFrontErrors::noSuchDistribution);
    return ListInvalidationsResponse.builder()
        .invalidationList(InvalidationList.builder().marker("").maxItems(DEFAULT_MAX_ITEMS).isTruncated(false).quantity(0).build())
        .build();
  }

  private static int maxItems(String requested) {
    if (requested == null) return DEFAULT_MAX_ITEMS;
    try {
      int n = Integer.parseInt(requested);
      if (n >= 1) return n;
    } catch (NumberFormatException e) {
      // fall through to AWS's error
    }
    throw CloudFrontErrors.invalidArgument("MaxItems must be a positive integer, not " + requested);
  }

  private static DistributionSummary summary(Distribution d) {
    return DistributionSummary.builder().id(d.id()).arn(d.arn()).domainName(d.domainName()).status(d.status(java.time.Instant.now()))
        .lastModifiedTime(d.lastModifiedTime()).build();
  }
}
