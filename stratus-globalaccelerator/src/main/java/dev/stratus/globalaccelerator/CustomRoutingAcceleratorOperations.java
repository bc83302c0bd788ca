package dev.stratus.globalaccelerator;

import dev.stratus.core.Pagination;
import dev.stratus.core.RequestContext;
import dev.stratus.core.net.PortRange;
import dev.stratus.core.store.ReadView;
import dev.stratus.core.store.Store;
import dev.stratus.globalaccelerator.model.Accelerator;
import dev.stratus.globalaccelerator.model.AcceleratorListener;
import dev.stratus.globalaccelerator.model.CustomRoutingEndpointGroup;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.globalaccelerator.model.CreateCustomRoutingAcceleratorRequest;
import software.amazon.awssdk.services.globalaccelerator.model.CreateCustomRoutingAcceleratorResponse;
import software.amazon.awssdk.services.globalaccelerator.model.CreateCustomRoutingListenerRequest;
import software.amazon.awssdk.services.globalaccelerator.model.CreateCustomRoutingListenerResponse;
import software.amazon.awssdk.services.globalaccelerator.model.CustomRoutingAccelerator;
import software.amazon.awssdk.services.globalaccelerator.model.CustomRoutingAcceleratorAttributes;
import software.amazon.awssdk.services.globalaccelerator.model.CustomRoutingListener;
import software.amazon.awssdk.services.globalaccelerator.model.DeleteCustomRoutingAcceleratorRequest;
import software.amazon.awssdk.services.globalaccelerator.model.DeleteCustomRoutingAcceleratorResponse;
import software.amazon.awssdk.services.globalaccelerator.model.DeleteCustomRoutingListenerRequest;
import software.amazon.awssdk.services.globalaccelerator.model.DeleteCustomRoutingListenerResponse;
import software.amazon.awssdk.services.globalaccelerator.model.DescribeCustomRoutingAcceleratorAttributesRequest;
import software.amazon.awssdk.services.globalaccelerator.model.DescribeCustomRoutingAcceleratorAttributesResponse;
import software.amazon.awssdk.services.globalaccelerator.model.DescribeCustomRoutingAcceleratorRequest;
import software.amazon.awssdk.services.globalaccelerator.model.DescribeCustomRoutingAcceleratorResponse;
import software.amazon.awssdk.services.globalaccelerator.model.DescribeCustomRoutingListenerRequest;
import software.amazon.awssdk.services.globalaccelerator.model.DescribeCustomRoutingListenerResponse;
import software.amazon.awssdk.services.globalaccelerator.model.IpSet;
import software.amazon.awssdk.services.globalaccelerator.model.ListCustomRoutingAcceleratorsRequest;
import software.amazon.awssdk.services.globalaccelerator.model.ListCustomRoutingAcceleratorsResponse;
import software.amazon.awssdk.services.globalaccelerator.model.ListCustomRoutingListenersRequest;
import software.amazon.awssdk.services.globalaccelerator.model.ListCustomRoutingListenersResponse;
import software.amazon.awssdk.services.globalaccelerator.model.UpdateCustomRoutingAcceleratorAttributesRequest;
import software.amazon.awssdk.services.globalaccelerator.model.UpdateCustomRoutingAcceleratorAttributesResponse;
import software.amazon.awssdk.services.globalaccelerator.model.UpdateCustomRoutingAcceleratorRequest;
import software.amazon.awssdk.services.globalaccelerator.model.UpdateCustomRoutingAcceleratorResponse;
import software.amazon.awssdk.services.globalaccelerator.model.UpdateCustomRoutingListenerRequest;
import software.amazon.awssdk.services.globalaccelerator.model.UpdateCustomRoutingListenerResponse;

/**
 * Custom routing accelerators and their one listener (globalaccelerator.md §12): the same
 * accelerator rules as standard ones ({@link Accelerators}, own table, 10 per account), a listener
 * that names only port ranges — the accelerator ports the static mapping hands out.
 */
public final class CustomRoutingAcceleratorOperations {
  /** Custom routing accelerators per account (§2). */
  static final int QUOTA = 10;
  /** A custom routing accelerator has one listener. */
  static final int LISTENERS = 1;

  private final Store store;
  private final Accelerators accelerators;

  CustomRoutingAcceleratorOperations(Store store, Accelerators accelerators) {
    this.store = store;
    this.accelerators = accelerators;
  }

  public CreateCustomRoutingAcceleratorResponse createCustomRoutingAccelerator(RequestContext ctx,
      CreateCustomRoutingAcceleratorRequest req) {
    var a = accelerators.create(ctx, req.name(), req.ipAddressTypeAsString(), req.hasIpAddresses() ? req.ipAddresses() : null,
        req.enabled(), req.idempotencyToken(), req.hasTags() ? req.tags() : List.of());
    return CreateCustomRoutingAcceleratorResponse.builder().accelerator(shape(a, now())).build();
  }

  public DescribeCustomRoutingAcceleratorResponse describeCustomRoutingAccelerator(RequestContext ctx,
      DescribeCustomRoutingAcceleratorRequest req) {
    return DescribeCustomRoutingAcceleratorResponse.builder()
        .accelerator(shape(accelerators.find(ctx, req.acceleratorArn()), now())).build();
  }

  public ListCustomRoutingAcceleratorsResponse listCustomRoutingAccelerators(RequestContext ctx,
      ListCustomRoutingAcceleratorsRequest req) {
    int max = AcceleratorOperations.maxResults(req.maxResults());
    var page = Pagination.page(accelerators.list(ctx), Accelerator::arn, req.nextToken(), max,
        t -> GlobalAcceleratorErrors.invalidNextToken());
    Instant now = now();
    return ListCustomRoutingAcceleratorsResponse.builder()
        .accelerators(page.items().stream().map(a -> shape(a, now)).toList())
        .nextToken(page.nextMarker().orElse(null)).build();
  }

  public UpdateCustomRoutingAcceleratorResponse updateCustomRoutingAccelerator(RequestContext ctx,
      UpdateCustomRoutingAcceleratorRequest req) {
    var a = accelerators.update(ctx, req.acceleratorArn(), req.name(), req.ipAddressTypeAsString(), req.enabled());
    return UpdateCustomRoutingAcceleratorResponse.builder().accelerator(shape(a, now())).build();
  }

  public DeleteCustomRoutingAcceleratorResponse deleteCustomRoutingAccelerator(RequestContext ctx,
      DeleteCustomRoutingAcceleratorRequest req) {
    accelerators.delete(ctx, req.acceleratorArn());
    return DeleteCustomRoutingAcceleratorResponse.builder().build();
  }

  public DescribeCustomRoutingAcceleratorAttributesResponse describeCustomRoutingAcceleratorAttributes(RequestContext ctx,
      DescribeCustomRoutingAcceleratorAttributesRequest req) {
    var a = accelerators.find(ctx, req.acceleratorArn());
    return DescribeCustomRoutingAcceleratorAttributesResponse.builder().acceleratorAttributes(attributes(a)).build();
  }

  public UpdateCustomRoutingAcceleratorAttributesResponse updateCustomRoutingAcceleratorAttributes(RequestContext ctx,
      UpdateCustomRoutingAcceleratorAttributesRequest req) {
    var a = accelerators.updateFlowLogs(ctx, req.acceleratorArn(), req.flowLogsEnabled(), req.flowLogsS3Bucket(),
        req.flowLogsS3Prefix());
    return UpdateCustomRoutingAcceleratorAttributesResponse.builder().acceleratorAttributes(attributes(a)).build();
  }

  public CreateCustomRoutingListenerResponse createCustomRoutingListener(RequestContext ctx,
      CreateCustomRoutingListenerRequest req) {
    List<PortRange> ranges = ListenerOperations.ranges(req.hasPortRanges() ? req.portRanges() : List.of());
    String token = req.idempotencyToken();
    var created = store.write(tx -> {
      var a = accelerators.find(tx, ctx, req.acceleratorArn());
      var siblings = listenersOf(tx, ctx, a.arn());
      if (token != null) {
        var same = siblings.stream().filter(l -> token.equals(l.idempotencyToken())).findFirst();
        if (same.isPresent()) return same.get();
      }
      if (siblings.size() >= LISTENERS) {
        throw GlobalAcceleratorErrors.limitExceeded("A custom routing accelerator can have only one listener.");
      }
      var l = new AcceleratorListener(GaNames.listenerArn(a.arn()), a.arn(), null, ranges, null, token);
      tx.put(AcceleratorListener.CUSTOM_ROUTING_TABLE, ctx.globalScope(), l.arn(), l);
      accelerators.touch(tx, ctx, a.arn());
      return l;
    });
    return CreateCustomRoutingListenerResponse.builder().listener(shape(created)).build();
  }

  public DescribeCustomRoutingListenerResponse describeCustomRoutingListener(RequestContext ctx,
      DescribeCustomRoutingListenerRequest req) {
    return DescribeCustomRoutingListenerResponse.builder().listener(shape(findListener(store, ctx, req.listenerArn()))).build();
  }

  public ListCustomRoutingListenersResponse listCustomRoutingListeners(RequestContext ctx, ListCustomRoutingListenersRequest req) {
    int max = AcceleratorOperations.maxResults(req.maxResults());
    var a = accelerators.find(ctx, req.acceleratorArn());
    var page = Pagination.page(listenersOf(store, ctx, a.arn()), AcceleratorListener::arn, req.nextToken(), max,
        t -> GlobalAcceleratorErrors.invalidNextToken());
    return ListCustomRoutingListenersResponse.builder()
        .listeners(page.items().stream().map(CustomRoutingAcceleratorOperations::shape).toList())
        .nextToken(page.nextMarker().orElse(null)).build();
  }

  public UpdateCustomRoutingListenerResponse updateCustomRoutingListener(RequestContext ctx,
      UpdateCustomRoutingListenerRequest req) {
    List<PortRange> ranges = ListenerOperations.ranges(req.hasPortRanges() ? req.portRanges() : List.of());
    var updated = store.write(tx -> {
      var l = findListener(tx, ctx, req.listenerArn());
      var next = new AcceleratorListener(l.arn(), l.acceleratorArn(), null, ranges, null, l.idempotencyToken());
      tx.put(AcceleratorListener.CUSTOM_ROUTING_TABLE, ctx.globalScope(), next.arn(), next);
      accelerators.touch(tx, ctx, l.acceleratorArn());
      return next;
    });
    return UpdateCustomRoutingListenerResponse.builder().listener(shape(updated)).build();
  }

  public DeleteCustomRoutingListenerResponse deleteCustomRoutingListener(RequestContext ctx,
      DeleteCustomRoutingListenerRequest req) {
    store.write(tx -> {
      var l = findListener(tx, ctx, req.listenerArn());
      boolean groups = tx.list(CustomRoutingEndpointGroup.TABLE, ctx.globalScope()).stream()
          .anyMatch(g -> g.listenerArn().equals(l.arn()));
      if (groups) throw GlobalAcceleratorErrors.associatedEndpointGroupFound();
      tx.delete(AcceleratorListener.CUSTOM_ROUTING_TABLE, ctx.globalScope(), l.arn());
      accelerators.touch(tx, ctx, l.acceleratorArn());
      return null;
    });
    return DeleteCustomRoutingListenerResponse.builder().build();
  }

  static AcceleratorListener findListener(ReadView view, RequestContext ctx, String arn) {
    if (arn == null || !GaNames.LISTENER_ARN.matcher(arn).matches()) {
      throw GlobalAcceleratorErrors.invalidArgument("ListenerArn is not a valid listener ARN.");
    }
    return view.get(AcceleratorListener.CUSTOM_ROUTING_TABLE, ctx.globalScope(), arn)
        .orElseThrow(GlobalAcceleratorErrors::listenerNotFound);
  }

  private static List<AcceleratorListener> listenersOf(ReadView view, RequestContext ctx, String acceleratorArn) {
    return view.list(AcceleratorListener.CUSTOM_ROUTING_TABLE, ctx.globalScope()).stream()
        .filter(l -> l.acceleratorArn().equals(acceleratorArn)).toList();
  }

  private Instant now() { return accelerators.clock().instant(); }

  private static CustomRoutingAccelerator shape(Accelerator a, Instant now) {
    var standard = GaShapes.accelerator(a, now);
    return CustomRoutingAccelerator.builder().acceleratorArn(a.arn()).name(a.name()).ipAddressType(a.ipAddressType())
        .enabled(a.enabled()).ipSets(standard.ipSets().toArray(IpSet[]::new)).dnsName(a.dnsName())
        .status(a.status(now)).createdTime(a.createdTime()).lastModifiedTime(a.changedAt()).build();
  }

  private static CustomRoutingAcceleratorAttributes attributes(Accelerator a) {
    var logs = a.flowLogs();
    return CustomRoutingAcceleratorAttributes.builder().flowLogsEnabled(logs.enabled()).flowLogsS3Bucket(logs.s3Bucket())
        .flowLogsS3Prefix(logs.s3Prefix()).build();
  }

  private static CustomRoutingListener shape(AcceleratorListener l) {
    return CustomRoutingListener.builder().listenerArn(l.arn())
        .portRanges(l.portRanges().stream().map(GaShapes::portRange).toList()).build();
  }
}
