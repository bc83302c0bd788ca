package dev.stratus.cloudfront;

import dev.stratus.cloudfront.model.Distribution;
import dev.stratus.cloudfront.model.Invalidation;
import dev.stratus.core.Pagination;
import dev.stratus.core.RequestContext;
import dev.stratus.core.ResourceIds;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.cloudfront.model.CreateInvalidationRequest;
import software.amazon.awssdk.services.cloudfront.model.CreateInvalidationResponse;
import software.amazon.awssdk.services.cloudfront.model.GetInvalidationRequest;
import software.amazon.awssdk.services.cloudfront.model.GetInvalidationResponse;
import software.amazon.awssdk.services.cloudfront.model.InvalidationBatch;
import software.amazon.awssdk.services.cloudfront.model.InvalidationList;
import software.amazon.awssdk.services.cloudfront.model.InvalidationSummary;
import software.amazon.awssdk.services.cloudfront.model.ListInvalidationsRequest;
import software.amazon.awssdk.services.cloudfront.model.ListInvalidationsResponse;
import software.amazon.awssdk.services.cloudfront.model.Paths;

/** Invalidations (cloudfront.md §19–20): paths, CallerReference idempotency, in-progress limits. */
public final class InvalidationOperations {
  /** Individual file paths in progress per distribution. */
  static final int MAX_FILE_PATHS_IN_PROGRESS = 3000;
  /** Wildcard paths in progress per distribution. */
  static final int MAX_WILDCARDS_IN_PROGRESS = 15;
  static final int MAX_PATH_LENGTH = 4000;

  private final CloudFrontResources r;

  InvalidationOperations(CloudFrontResources resources) { this.r = resources; }

  public CreateInvalidationResponse createInvalidation(RequestContext ctx, CreateInvalidationRequest req) {
    InvalidationBatch batch = req.invalidationBatch();
    Invalidation inv = r.store.write(tx -> {
      Distribution d = r.distribution(ctx.accountId(), req.distributionId()).orElseThrow(CloudFrontErrors::noSuchDistribution);
      Paths paths = batch.paths();
      PolicyOperations.quantity(paths.quantity(), paths.items());
      List<String> items = paths.items();
      Instant now = r.now();
      List<Invalidation> ofDistribution = r.store.list(Invalidation.TABLE, Distribution.SCOPE).stream()
          .filter(i -> i.distributionId().equals(d.id())).toList();
      for (Invalidation i : ofDistribution) {
        if (i.callerReference().equals(batch.callerReference())) {
          if (i.paths().equals(items)) return i;
          throw CloudFrontErrors.invalidationBatchAlreadyExists();
        }
      }
      if (items.isEmpty()) throw CloudFrontErrors.invalidArgument("Your request contains no invalidation paths.");
      for (String p : items) {
        int star = p.indexOf('*');
        if (!p.startsWith("/") || p.length() > MAX_PATH_LENGTH || (star >= 0 && star != p.length() - 1)) {
          throw CloudFrontErrors.invalidArgument("Your request contains one or more invalid invalidation paths.");
        }
      }
      long wildcards = items.stream().filter(Invalidation::wildcard).count();
      long files = items.size() - wildcards;
      if (files > MAX_FILE_PATHS_IN_PROGRESS) throw CloudFrontErrors.batchTooLarge();
      var inProgress = ofDistribution.stream().filter(i -> i.status(now).equals("InProgress")).toList();
      long wildcardsInProgress = inProgress.stream().flatMap(i -> i.paths().stream()).filter(Invalidation::wildcard).count();
      long filesInProgress = inProgress.stream().mapToLong(i -> i.paths().size()).sum() - wildcardsInProgress;
      if (wildcards + wildcardsInProgress > MAX_WILDCARDS_IN_PROGRESS) throw CloudFrontErrors.tooManyInvalidationsInProgress();
      if (files + filesInProgress > MAX_FILE_PATHS_IN_PROGRESS) throw CloudFrontErrors.tooManyFileInvalidationsInProgress();
      var created = new Invalidation(ResourceIds.upperAlnum("I", 13), d.id(), batch.callerReference(), items, now,
          now.plus(r.settings.invalidationDelay()));
      tx.put(Invalidation.TABLE, Distribution.SCOPE, created.key(), created);
      return created;
    });
    return CreateInvalidationResponse.builder().invalidation(sdk(inv))
        .location(DistributionOperations.API + "distribution/" + inv.distributionId() + "/invalidation/" + inv.id()).build();
  }

  public GetInvalidationResponse getInvalidation(RequestContext ctx, GetInvalidationRequest req) {
    r.distribution(ctx.accountId(), req.distributionId()).orElseThrow(CloudFrontErrors::noSuchDistribution);
    Invalidation inv = r.store.get(Invalidation.TABLE, Distribution.SCOPE, req.distributionId() + "/" + req.id())
        .orElseThrow(CloudFrontErrors::noSuchInvalidation);
    return GetInvalidationResponse.builder().invalidation(sdk(inv)).build();
  }

  public ListInvalidationsResponse listInvalidations(RequestContext ctx, ListInvalidationsRequest req) {
    Distribution d = r.distribution(ctx.accountId(), req.distributionId()).orElseThrow(CloudFrontErrors::noSuchDistribution);
    int max = DistributionOperations.maxItems(req.maxItems());
    Instant now = r.now();
    // Newest first, as AWS lists them.
    var all = r.store.list(Invalidation.TABLE, Distribution.SCOPE).stream().filter(i -> i.distributionId().equals(d.id()))
        .sorted(Comparator.comparing(Invalidation::createTime).reversed().thenComparing(Invalidation::id)).toList();
    var page = Pagination.page(all, Invalidation::id, req.marker(), max,
        m -> CloudFrontErrors.invalidArgument("Invalid marker " + m));
    var list = InvalidationList.builder().marker(req.marker() == null ? "" : req.marker()).maxItems(max)
        .isTruncated(page.nextMarker().isPresent()).nextMarker(page.nextMarker().orElse(null))
        .quantity(page.items().size());
    if (!page.items().isEmpty()) {
      list.items(page.items().stream().map(i -> InvalidationSummary.builder().id(i.id()).createTime(i.createTime())
          .status(i.status(now)).build()).toList());
    }
    return ListInvalidationsResponse.builder().invalidationList(list.build()).build();
  }

  private software.amazon.awssdk.services.cloudfront.model.Invalidation sdk(Invalidation i) {
    return software.amazon.awssdk.services.cloudfront.model.Invalidation.builder().id(i.id()).status(i.status(r.now()))
        .createTime(i.createTime())
        .invalidationBatch(InvalidationBatch.builder().callerReference(i.callerReference())
            .paths(Paths.builder().quantity(i.paths().size()).items(i.paths()).build()).build())
        .build();
  }
}
