package dev.stratus.globalaccelerator;

import dev.stratus.core.Pagination;
import dev.stratus.core.RequestContext;
import dev.stratus.core.net.LoopbackPool;
import dev.stratus.core.store.Store;
import dev.stratus.globalaccelerator.model.Accelerator;
import dev.stratus.globalaccelerator.model.AcceleratorListener;
import dev.stratus.globalaccelerator.model.AcceleratorRules;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

/**
 * Standard accelerators (globalaccelerator.md §1–2): two static addresses each, from the loopback
 * pool, released on delete; disabled and without listeners before it can be deleted.
 */
public final class AcceleratorOperations {
  /** ListAccelerators MaxResults range 1–100, default 10 (API reference). */
  private static final int DEFAULT_MAX_RESULTS = 10;
  private static final int MAX_RESULTS = 100;

  private final Store store;
  private final Clock clock;
  private final LoopbackPool pool;

  public AcceleratorOperations(Store store, Clock clock, LoopbackPool pool) {
    this.store = store;
    this.clock = clock;
    this.pool = pool;
  }

  public CreateAcceleratorResponse createAccelerator(RequestContext ctx, CreateAcceleratorRequest req) {
    String problem = AcceleratorRules.nameProblem(req.name());
    if (problem != null) throw GlobalAcceleratorErrors.invalidArgument(problem);
    String type = ipAddressType(req.ipAddressTypeAsString());
    if (req.hasIpAddresses() && !req.ipAddresses().isEmpty()) {
      // Stratus has no BYOIP pools: an address you bring must be one of its own (loopback) ones.
      throw GlobalAcceleratorErrors.invalidArgument(
          "The IP addresses that you specified are not from an address pool that you brought to AWS (BYOIP).");
    }
    Map<String, String> tags = GaTags.validated(req.hasTags() ? req.tags() : List.of());
    String token = req.idempotencyToken();
    var created = store.write(tx -> {
      var existing = tx.list(Accelerator.TABLE, ctx.globalScope());
      if (token != null) {
        var same = existing.stream().filter(a -> token.equals(a.idempotencyToken())).findFirst();
        if (same.isPresent()) return same.get();
      }
      if (existing.size() >= AcceleratorRules.ACCELERATORS_PER_ACCOUNT) {
        throw GlobalAcceleratorErrors.limitExceeded("You have reached the maximum number of accelerators ("
            + AcceleratorRules.ACCELERATORS_PER_ACCOUNT + ") for this account.");
      }
      var now = clock.instant();
      String dnsName = GaNames.dnsName();
      List<String> v4 = List.of(pool.allocate(), pool.allocate());
      boolean dual = type.equals("DUAL_STACK");
      var a = new Accelerator(GaNames.acceleratorArn(ctx.globalScope()), req.name(), type,
          req.enabled() == null || req.enabled(), dnsName, dual ? GaNames.dualStackDnsName(dnsName) : null, v4,
          dual ? ipv6For(v4) : List.of(), now, now, token, Accelerator.FlowLogs.OFF, tags);
      tx.put(Accelerator.TABLE, ctx.globalScope(), a.arn(), a);
      return a;
    });
    return CreateAcceleratorResponse.builder().accelerator(GaShapes.accelerator(created, clock.instant())).build();
  }

  public DescribeAcceleratorResponse describeAccelerator(RequestContext ctx, DescribeAcceleratorRequest req) {
    var a = find(store, ctx, req.acceleratorArn());
    return DescribeAcceleratorResponse.builder().accelerator(GaShapes.accelerator(a, clock.instant())).build();
  }

  public ListAcceleratorsResponse listAccelerators(RequestContext ctx, ListAcceleratorsRequest req) {
    int max = maxResults(req.maxResults());
    var all = store.list(Accelerator.TABLE, ctx.globalScope());
    var page = Pagination.page(all, Accelerator::arn, req.nextToken(), max, t -> GlobalAcceleratorErrors.invalidNextToken());
    var now = clock.instant();
    return ListAcceleratorsResponse.builder()
        .accelerators(page.items().stream().map(a -> GaShapes.accelerator(a, now)).toList())
        .nextToken(page.nextMarker().orElse(null))
        .build();
  }

  public UpdateAcceleratorResponse updateAccelerator(RequestContext ctx, UpdateAcceleratorRequest req) {
    if (req.name() != null) {
      String problem = AcceleratorRules.nameProblem(req.name());
      if (problem != null) throw GlobalAcceleratorErrors.invalidArgument(problem);
    }
    var updated = store.write(tx -> {
      var a = find(tx, ctx, req.acceleratorArn());
      String type = req.ipAddressTypeAsString() == null ? a.ipAddressType() : ipAddressType(req.ipAddressTypeAsString());
      boolean dual = type.equals("DUAL_STACK");
      var next = a.withSettings(req.name() == null ? a.name() : req.name(), type,
          req.enabled() == null ? a.enabled() : req.enabled(), dual ? ipv6For(a.ipv4Addresses()) : List.of(),
          dual ? GaNames.dualStackDnsName(a.dnsName()) : null).changed(clock.instant());
      tx.put(Accelerator.TABLE, ctx.globalScope(), next.arn(), next);
      return next;
    });
    return UpdateAcceleratorResponse.builder().accelerator(GaShapes.accelerator(updated, clock.instant())).build();
  }

  public DeleteAcceleratorResponse deleteAccelerator(RequestContext ctx, DeleteAcceleratorRequest req) {
    var deleted = store.write(tx -> {
      var a = find(tx, ctx, req.acceleratorArn());
      if (a.enabled()) throw GlobalAcceleratorErrors.acceleratorNotDisabled();
      boolean listeners = tx.list(AcceleratorListener.TABLE, ctx.globalScope()).stream()
          .anyMatch(l -> l.acceleratorArn().equals(a.arn()));
      if (listeners) throw GlobalAcceleratorErrors.associatedListenerFound();
      tx.delete(Accelerator.TABLE, ctx.globalScope(), a.arn());
      return a;
    });
    deleted.ipv4Addresses().forEach(pool::release);
    return DeleteAcceleratorResponse.builder().build();
  }

  public DescribeAcceleratorAttributesResponse describeAcceleratorAttributes(RequestContext ctx,
      DescribeAcceleratorAttributesRequest req) {
    var a = find(store, ctx, req.acceleratorArn());
    return DescribeAcceleratorAttributesResponse.builder().acceleratorAttributes(GaShapes.attributes(a.flowLogs())).build();
  }

  public UpdateAcceleratorAttributesResponse updateAcceleratorAttributes(RequestContext ctx,
      UpdateAcceleratorAttributesRequest req) {
    var updated = store.write(tx -> {
      var a = find(tx, ctx, req.acceleratorArn());
      var logs = a.flowLogs();
      boolean enabled = req.flowLogsEnabled() == null ? logs.enabled() : req.flowLogsEnabled();
      String bucket = req.flowLogsS3Bucket() == null ? logs.s3Bucket() : req.flowLogsS3Bucket();
      String prefix = req.flowLogsS3Prefix() == null ? logs.s3Prefix() : req.flowLogsS3Prefix();
      if (enabled && (bucket == null || bucket.isEmpty())) {
        throw GlobalAcceleratorErrors.invalidArgument("FlowLogsS3Bucket is required when FlowLogsEnabled is true.");
      }
      var next = a.withFlowLogs(new Accelerator.FlowLogs(enabled, bucket, prefix));
      tx.put(Accelerator.TABLE, ctx.globalScope(), next.arn(), next);
      return next;
    });
    return UpdateAcceleratorAttributesResponse.builder().acceleratorAttributes(GaShapes.attributes(updated.flowLogs())).build();
  }

  /** The accelerator {@code arn} of the caller's account, or AcceleratorNotFoundException. */
  static Accelerator find(dev.stratus.core.store.ReadView view, RequestContext ctx, String arn) {
    if (arn == null || !GaNames.ACCELERATOR_ARN.matcher(arn).matches()) {
      throw GlobalAcceleratorErrors.invalidArgument("AcceleratorArn is not a valid accelerator ARN.");
    }
    return view.get(Accelerator.TABLE, ctx.globalScope(), arn).orElseThrow(GlobalAcceleratorErrors::acceleratorNotFound);
  }

  static int maxResults(Integer requested) {
    int max = requested == null ? DEFAULT_MAX_RESULTS : requested;
    if (max < 1 || max > MAX_RESULTS) throw GlobalAcceleratorErrors.invalidArgument("MaxResults must be between 1 and 100");
    return max;
  }

  private static String ipAddressType(String requested) {
    if (requested == null) return "IPV4";
    if (!requested.equals("IPV4") && !requested.equals("DUAL_STACK")) {
      throw GlobalAcceleratorErrors.invalidArgument("IpAddressType must be IPV4 or DUAL_STACK.");
    }
    return requested;
  }

  /**
   * The two IPv6 addresses a DUAL_STACK accelerator reports, in AWS's GA range
   * ({@code 2600:9000:a…}), derived from its IPv4 pair. Reported only: loopback has one IPv6 address.
   */
  private static List<String> ipv6For(List<String> v4) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v4.size(); i++) {
      byte[] b;
      try {
        b = InetAddress.getByName(v4.get(i)).getAddress();
      } catch (java.net.UnknownHostException e) {
        throw new IllegalStateException(e);
      }
      out.add(String.format("2600:9000:a%03x:%x%02x:%x%02x::%d", 400 + i, b[0] & 0xff, b[1] & 0xff, b[2] & 0xff,
          b[3] & 0xff, i + 1));
    }
    return out;
  }

}
