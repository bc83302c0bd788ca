package dev.stratus.globalaccelerator;

import dev.stratus.core.RequestContext;
import dev.stratus.core.net.LoopbackPool;
import dev.stratus.core.store.ReadView;
import dev.stratus.core.store.Store;
import dev.stratus.core.store.Table;
import dev.stratus.globalaccelerator.model.Accelerator;
import dev.stratus.globalaccelerator.model.AcceleratorListener;
import dev.stratus.globalaccelerator.model.AcceleratorRules;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.globalaccelerator.model.Tag;

/**
 * The accelerator rules both kinds share (globalaccelerator.md §1–2): standard and custom routing
 * accelerators live in their own tables, each with its listeners, and differ only in their API.
 * Two static addresses each, from the loopback pool, released on delete; disabled and without
 * listeners before it can be deleted.
 */
final class Accelerators {
  private final Store store;
  private final Clock clock;
  private final LoopbackPool pool;
  private final Table<Accelerator> table;
  private final Table<AcceleratorListener> listeners;
  private final int quota;

  Accelerators(Store store, Clock clock, LoopbackPool pool, Table<Accelerator> table, Table<AcceleratorListener> listeners,
      int quota) {
    this.store = store;
    this.clock = clock;
    this.pool = pool;
    this.table = table;
    this.listeners = listeners;
    this.quota = quota;
  }

  Clock clock() { return clock; }

  Accelerator create(RequestContext ctx, String name, String ipAddressType, List<String> ipAddresses, Boolean enabled,
      String token, List<Tag> tags) {
    String problem = AcceleratorRules.nameProblem(name);
    if (problem != null) throw GlobalAcceleratorErrors.invalidArgument(problem);
    String type = ipAddressType(ipAddressType);
    if (ipAddresses != null && !ipAddresses.isEmpty()) {
      // Stratus has no BYOIP pools.
      throw GlobalAcceleratorErrors.invalidArgument(
          "The IP addresses that you specified are not from an address pool that you brought to AWS (BYOIP).");
    }
    Map<String, String> validTags = GaTags.validated(tags);
    return store.write(tx -> {
      var existing = tx.list(table, ctx.globalScope());
      if (token != null) {
        var same = existing.stream().filter(a -> token.equals(a.idempotencyToken())).findFirst();
        if (same.isPresent()) return same.get();
      }
      if (existing.size() >= quota) {
        throw GlobalAcceleratorErrors.limitExceeded("You have reached the maximum number of accelerators (" + quota
            + ") of this kind for this account.");
      }
      var now = clock.instant();
      String dnsName = GaNames.dnsName();
      List<String> v4 = List.of(pool.allocate(), pool.allocate());
      boolean dual = type.equals("DUAL_STACK");
      var a = new Accelerator(GaNames.acceleratorArn(ctx.globalScope()), name, type, enabled == null || enabled, dnsName,
          dual ? GaNames.dualStackDnsName(dnsName) : null, v4, dual ? ipv6For(v4) : List.of(), now, now, token,
          Accelerator.FlowLogs.OFF, validTags);
      tx.put(table, ctx.globalScope(), a.arn(), a);
      return a;
    });
  }

  /** The accelerator {@code arn} of the caller's account, or AcceleratorNotFoundException. */
  Accelerator find(ReadView view, RequestContext ctx, String arn) {
    if (arn == null || !GaNames.ACCELERATOR_ARN.matcher(arn).matches()) {
      throw GlobalAcceleratorErrors.invalidArgument("AcceleratorArn is not a valid accelerator ARN.");
    }
    return view.get(table, ctx.globalScope(), arn).orElseThrow(GlobalAcceleratorErrors::acceleratorNotFound);
  }

  Accelerator find(RequestContext ctx, String arn) { return find(store, ctx, arn); }

  List<Accelerator> list(RequestContext ctx) { return store.list(table, ctx.globalScope()); }

  Accelerator update(RequestContext ctx, String arn, String name, String ipAddressType, Boolean enabled) {
    if (name != null) {
      String problem = AcceleratorRules.nameProblem(name);
      if (problem != null) throw GlobalAcceleratorErrors.invalidArgument(problem);
    }
    return store.write(tx -> {
      var a = find(tx, ctx, arn);
      String type = ipAddressType == null ? a.ipAddressType() : ipAddressType(ipAddressType);
      boolean dual = type.equals("DUAL_STACK");
      var next = a.withSettings(name == null ? a.name() : name, type, enabled == null ? a.enabled() : enabled,
          dual ? ipv6For(a.ipv4Addresses()) : List.of(), dual ? GaNames.dualStackDnsName(a.dnsName()) : null)
          .changed(clock.instant());
      tx.put(table, ctx.globalScope(), next.arn(), next);
      return next;
    });
  }

  void delete(RequestContext ctx, String arn) {
    var deleted = store.write(tx -> {
      var a = find(tx, ctx, arn);
      if (a.enabled()) throw GlobalAcceleratorErrors.acceleratorNotDisabled();
      boolean any = tx.list(listeners, ctx.globalScope()).stream().anyMatch(l -> l.acceleratorArn().equals(a.arn()));
      if (any) throw GlobalAcceleratorErrors.associatedListenerFound();
      tx.delete(table, ctx.globalScope(), a.arn());
      return a;
    });
    deleted.ipv4Addresses().forEach(pool::release);
  }

  Accelerator updateFlowLogs(RequestContext ctx, String arn, Boolean enabled, String bucket, String prefix) {
    return store.write(tx -> {
      var a = find(tx, ctx, arn);
      var logs = a.flowLogs();
      boolean on = enabled == null ? logs.enabled() : enabled;
      String b = bucket == null ? logs.s3Bucket() : bucket;
      String p = prefix == null ? logs.s3Prefix() : prefix;
      if (on && (b == null || b.isEmpty())) {
        throw GlobalAcceleratorErrors.invalidArgument("FlowLogsS3Bucket is required when FlowLogsEnabled is true.");
      }
      var next = a.withFlowLogs(new Accelerator.FlowLogs(on, b, p));
      tx.put(table, ctx.globalScope(), next.arn(), next);
      return next;
    });
  }

  /** A change under an accelerator deploys it again: IN_PROGRESS for a while (§1). */
  void touch(dev.stratus.core.store.Transaction tx, RequestContext ctx, String acceleratorArn) {
    tx.get(table, ctx.globalScope(), acceleratorArn)
        .ifPresent(a -> tx.put(table, ctx.globalScope(), a.arn(), a.changed(clock.instant())));
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
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
      out.add(String.format("2600:9000:a%03x:%x%02x:%x%02x::%d", 400 + i, b[0] & 0xff, b[1] & 0xff, b[2] & 0xff,
          b[3] & 0xff, i + 1));
    }
    return out;
  }
}
