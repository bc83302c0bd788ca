package dev.stratus.globalaccelerator;

import dev.stratus.core.Pagination;
import dev.stratus.core.RequestContext;
import dev.stratus.core.store.Store;
import dev.stratus.globalaccelerator.model.Accelerator;
import software.amazon.awssdk.services.globalaccelerator.model.DescribeAcceleratorRequest;
import software.amazon.awssdk.services.globalaccelerator.model.DescribeAcceleratorResponse;
import software.amazon.awssdk.services.globalaccelerator.model.ListAcceleratorsRequest;
import software.amazon.awssdk.services.globalaccelerator.model.ListAcceleratorsResponse;

/** The Global Accelerator read operations over accelerators. */
public final class AcceleratorOperations {
  /** ListAccelerators MaxResults range 1–100, default 10 (API reference). */
  private static final int DEFAULT_MAX_RESULTS = 10;
  private static final int MAX_RESULTS = 100;

  private final Store store;

  public AcceleratorOperations(Store store) { this.store = store; }

  public ListAcceleratorsResponse listAccelerators(RequestContext ctx, ListAcceleratorsRequest req) {
    int max = req.maxResults() == null ? DEFAULT_MAX_RESULTS : req.maxResults();
    if (max < 1 || max > MAX_RESULTS) {
      throw GlobalAcceleratorErrors.invalidArgument("MaxResults must be between 1 and 100");
    }
    var all = store.list(Accelerator.TABLE, ctx.globalScope());
    var page = Pagination.page(all, Accelerator::arn, req.nextToken(), max, t -> GlobalAcceleratorErrors.invalidNextToken());
    return ListAcceleratorsResponse.builder()
        .accelerators(page.items().stream().map(AcceleratorOperations::toSdk).toList())
        .nextToken(page.nextMarker().orElse(null))
        .build();
  }

  public DescribeAcceleratorResponse describeAccelerator(RequestContext ctx, DescribeAcceleratorRequest req) {
    var a = store.get(Accelerator.TABLE, ctx.globalScope(), req.acceleratorArn())
        .orElseThrow(GlobalAcceleratorErrors::acceleratorNotFound);
    return DescribeAcceleratorResponse.builder().accelerator(toSdk(a)).build();
  }

  private static software.amazon.awssdk.services.globalaccelerator.model.Accelerator toSdk(Accelerator a) {
    return software.amazon.awssdk.services.globalaccelerator.model.Accelerator.builder()
        .acceleratorArn(a.arn()).name(a.name()).ipAddressType(a.ipAddressType()).enabled(a.enabled())
        .dnsName(a.dnsName()).status(a.status()).createdTime(a.createdTime()).build();
  }
}
