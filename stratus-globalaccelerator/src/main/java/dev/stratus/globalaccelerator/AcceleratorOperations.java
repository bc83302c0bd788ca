package dev.stratus.globalaccelerator;

import dev.stratus.core.Pagination;
import dev.stratus.core.RequestContext;
import dev.stratus.globalaccelerator.model.Accelerator;
import java.util.List;
import software.amazon.awssdk.services.globalaccelerator.model.CreateAcceleratorRequest;
import software.amazon.awssdk.services.globalaccelerator.model.CreateAcceleratorResponse;
import software.amazon.awssdk.services.globalaccelerator.model.DeleteAcceleratorRequest;
import software.amazon.awssdk.services.globalaccelerator.model.DeleteAcceleratorResponse;
import software.amazon.awssdk.services.globalaccelerator.model.DescribeAcceleratorAttributesRequest;
import software.amazon.awssdk.services.globalaccelerator.model.DescribeAcceleratorAttributesResponse;
import software.amazon.awssdk.services.globalaccelerator.model.DescribeAcceleratorRequest;
import software.amazon.awssdk.services.globalaccelerator.model.DescribeAcceleratorResponse;
import software.amazon.awssdk.services.globalaccelerator.model.ListAcceleratorsRequest;
import software.amazon.awssdk.services.globalaccelerator.model.ListAcceleratorsResponse;
import software.amazon.awssdk.services.globalaccelerator.model.UpdateAcceleratorAttributesRequest;
import software.amazon.awssdk.services.globalaccelerator.model.UpdateAcceleratorAttributesResponse;
import software.amazon.awssdk.services.globalaccelerator.model.UpdateAcceleratorRequest;
import software.amazon.awssdk.services.globalaccelerator.model.UpdateAcceleratorResponse;

/** Standard accelerators (globalaccelerator.md §1–2): the API over {@link Accelerators}. */
public final class AcceleratorOperations {
  /** ListAccelerators MaxResults range 1–100, default 10 (API reference). */
  private static final int DEFAULT_MAX_RESULTS = 10;
  private static final int MAX_RESULTS = 100;

  private final Accelerators accelerators;

  AcceleratorOperations(Accelerators accelerators) { this.accelerators = accelerators; }

  public CreateAcceleratorResponse createAccelerator(RequestContext ctx, CreateAcceleratorRequest req) {
    var a = accelerators.create(ctx, req.name(), req.ipAddressTypeAsString(), req.hasIpAddresses() ? req.ipAddresses() : null,
        req.enabled(), req.idempotencyToken(), req.hasTags() ? req.tags() : List.of());
    return CreateAcceleratorResponse.builder().accelerator(GaShapes.accelerator(a, now())).build();
  }

  public DescribeAcceleratorResponse describeAccelerator(RequestContext ctx, DescribeAcceleratorRequest req) {
    var a = accelerators.find(ctx, req.acceleratorArn());
    return DescribeAcceleratorResponse.builder().accelerator(GaShapes.accelerator(a, now())).build();
  }

  public ListAcceleratorsResponse listAccelerators(RequestContext ctx, ListAcceleratorsRequest req) {
    int max = maxResults(req.maxResults());
    var page = Pagination.page(accelerators.list(ctx), Accelerator::arn, req.nextToken(), max,
        t -> GlobalAcceleratorErrors.invalidNextToken());
    var now = now();
    return ListAcceleratorsResponse.builder()
        .accelerators(page.items().stream().map(a -> GaShapes.accelerator(a, now)).toList())
        .nextToken(page.nextMarker().orElse(null))
        .build();
  }

  public UpdateAcceleratorResponse updateAccelerator(RequestContext ctx, UpdateAcceleratorRequest req) {
    var a = accelerators.update(ctx, req.acceleratorArn(), req.name(), req.ipAddressTypeAsString(), req.enabled());
    return UpdateAcceleratorResponse.builder().accelerator(GaShapes.accelerator(a, now())).build();
  }

  public DeleteAcceleratorResponse deleteAccelerator(RequestContext ctx, DeleteAcceleratorRequest req) {
    accelerators.delete(ctx, req.acceleratorArn());
    return DeleteAcceleratorResponse.builder().build();
  }

  public DescribeAcceleratorAttributesResponse describeAcceleratorAttributes(RequestContext ctx,
      DescribeAcceleratorAttributesRequest req) {
    var a = accelerators.find(ctx, req.acceleratorArn());
    return DescribeAcceleratorAttributesResponse.builder().acceleratorAttributes(GaShapes.attributes(a.flowLogs())).build();
  }

  public UpdateAcceleratorAttributesResponse updateAcceleratorAttributes(RequestContext ctx,
      UpdateAcceleratorAttributesRequest req) {
    var a = accelerators.updateFlowLogs(ctx, req.acceleratorArn(), req.flowLogsEnabled(), req.flowLogsS3Bucket(),
        req.flowLogsS3Prefix());
    return UpdateAcceleratorAttributesResponse.builder().acceleratorAttributes(GaShapes.attributes(a.flowLogs())).build();
  }

  private java.time.Instant now() { return accelerators.clock().instant(); }

  static int maxResults(Integer requested) {
    int max = requested == null ? DEFAULT_MAX_RESULTS : requested;
    if (max < 1 || max > MAX_RESULTS) throw GlobalAcceleratorErrors.invalidArgument("MaxResults must be between 1 and 100");
    return max;
  }
}
