package dev.stratus.globalaccelerator;

import dev.stratus.core.Pagination;
import dev.stratus.core.RequestContext;
import dev.stratus.core.net.PortRange;
import dev.stratus.core.store.ReadView;
import dev.stratus.core.store.Store;
import dev.stratus.globalaccelerator.model.AcceleratorListener;
import dev.stratus.globalaccelerator.model.AcceleratorRules;
import dev.stratus.globalaccelerator.model.EndpointGroup;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.globalaccelerator.model.CreateListenerRequest;
import software.amazon.awssdk.services.globalaccelerator.model.CreateListenerResponse;
import software.amazon.awssdk.services.globalaccelerator.model.DeleteListenerRequest;
import software.amazon.awssdk.services.globalaccelerator.model.DeleteListenerResponse;
import software.amazon.awssdk.services.globalaccelerator.model.DescribeListenerRequest;
import software.amazon.awssdk.services.globalaccelerator.model.DescribeListenerResponse;
import software.amazon.awssdk.services.globalaccelerator.model.ListListenersRequest;
import software.amazon.awssdk.services.globalaccelerator.model.ListListenersResponse;
import software.amazon.awssdk.services.globalaccelerator.model.UpdateListenerRequest;
import software.amazon.awssdk.services.globalaccelerator.model.UpdateListenerResponse;

/**
 * Listeners (globalaccelerator.md §3–5): TCP or UDP, 1–10 port ranges that do not overlap those
 * of the accelerator's other listeners of the same protocol, client affinity NONE or SOURCE_IP.
 * A change puts the accelerator back IN_PROGRESS.
 */
public final class ListenerOperations {
  private final Store store;
  private final Accelerators accelerators;

  ListenerOperations(Store store, Accelerators accelerators) {
    this.store = store;
    this.accelerators = accelerators;
  }

  public CreateListenerResponse createListener(RequestContext ctx, CreateListenerRequest req) {
    String protocol = protocol(req.protocolAsString());
    String affinity = affinity(req.clientAffinityAsString());
    List<PortRange> ranges = ranges(req.hasPortRanges() ? req.portRanges() : List.of());
    String token = req.idempotencyToken();
    var created = store.write(tx -> {
      var a = accelerators.find(tx, ctx, req.acceleratorArn());
      var siblings = listenersOf(tx, ctx, a.arn());
      if (token != null) {
        var same = siblings.stream().filter(l -> token.equals(l.idempotencyToken())).findFirst();
        if (same.isPresent()) return same.get();
      }
      if (siblings.size() >= AcceleratorRules.LISTENERS_PER_ACCELERATOR) {
        throw GlobalAcceleratorErrors.limitExceeded("You have reached the maximum number of listeners ("
            + AcceleratorRules.LISTENERS_PER_ACCELERATOR + ") for this accelerator.");
      }
      requireNoOverlap(siblings, null, protocol, ranges);
      var l = new AcceleratorListener(GaNames.listenerArn(a.arn()), a.arn(), protocol, ranges, affinity, token);
      tx.put(AcceleratorListener.TABLE, ctx.globalScope(), l.arn(), l);
      accelerators.touch(tx, ctx, a.arn());
      return l;
    });
    return CreateListenerResponse.builder().listener(GaShapes.listener(created)).build();
  }

  public DescribeListenerResponse describeListener(RequestContext ctx, DescribeListenerRequest req) {
    return DescribeListenerResponse.builder().listener(GaShapes.listener(find(store, ctx, req.listenerArn()))).build();
  }

  public ListListenersResponse listListeners(RequestContext ctx, ListListenersRequest req) {
    int max = AcceleratorOperations.maxResults(req.maxResults());
    var a = accelerators.find(store, ctx, req.acceleratorArn());
    var all = listenersOf(store, ctx, a.arn());
    var page = Pagination.page(all, AcceleratorListener::arn, req.nextToken(), max,
        t -> GlobalAcceleratorErrors.invalidNextToken());
    return ListListenersResponse.builder().listeners(page.items().stream().map(GaShapes::listener).toList())
        .nextToken(page.nextMarker().orElse(null)).build();
  }

  public UpdateListenerResponse updateListener(RequestContext ctx, UpdateListenerRequest req) {
    var updated = store.write(tx -> {
      var l = find(tx, ctx, req.listenerArn());
      String protocol = req.protocolAsString() == null ? l.protocol() : protocol(req.protocolAsString());
      String affinity = req.clientAffinityAsString() == null ? l.clientAffinity() : affinity(req.clientAffinityAsString());
      List<PortRange> ranges = req.hasPortRanges() ? ranges(req.portRanges()) : l.portRanges();
      var a = accelerators.find(tx, ctx, l.acceleratorArn());
      requireNoOverlap(listenersOf(tx, ctx, a.arn()), l.arn(), protocol, ranges);
      var next = new AcceleratorListener(l.arn(), l.acceleratorArn(), protocol, ranges, affinity, l.idempotencyToken());
      tx.put(AcceleratorListener.TABLE, ctx.globalScope(), next.arn(), next);
      accelerators.touch(tx, ctx, a.arn());
      return next;
    });
    return UpdateListenerResponse.builder().listener(GaShapes.listener(updated)).build();
  }

  public DeleteListenerResponse deleteListener(RequestContext ctx, DeleteListenerRequest req) {
    store.write(tx -> {
      var l = find(tx, ctx, req.listenerArn());
      boolean groups = tx.list(EndpointGroup.TABLE, ctx.globalScope()).stream().anyMatch(g -> g.listenerArn().equals(l.arn()));
      if (groups) throw GlobalAcceleratorErrors.associatedEndpointGroupFound();
      tx.delete(AcceleratorListener.TABLE, ctx.globalScope(), l.arn());
      accelerators.touch(tx, ctx, l.acceleratorArn());
      return null;
    });
    return DeleteListenerResponse.builder().build();
  }

  static AcceleratorListener find(ReadView view, RequestContext ctx, String arn) {
    if (arn == null || !GaNames.LISTENER_ARN.matcher(arn).matches()) {
      throw GlobalAcceleratorErrors.invalidArgument("ListenerArn is not a valid listener ARN.");
    }
    return view.get(AcceleratorListener.TABLE, ctx.globalScope(), arn).orElseThrow(GlobalAcceleratorErrors::listenerNotFound);
  }

  private static List<AcceleratorListener> listenersOf(ReadView view, RequestContext ctx, String acceleratorArn) {
    return view.list(AcceleratorListener.TABLE, ctx.globalScope()).stream()
        .filter(l -> l.acceleratorArn().equals(acceleratorArn)).toList();
  }

  private static void requireNoOverlap(List<AcceleratorListener> siblings, String self, String protocol,
      List<PortRange> ranges) {
    for (AcceleratorListener other : siblings) {
      if (other.arn().equals(self) || !other.protocol().equals(protocol)) continue;
      if (AcceleratorRules.overlap(other.portRanges(), ranges)) {
        throw GlobalAcceleratorErrors.invalidPortRange(
            "The port ranges overlap with the port ranges of another " + protocol + " listener on this accelerator.");
      }
    }
  }

  /** The SDK's port ranges as ours, each checked and then all together (InvalidPortRangeException). */
  static List<PortRange> ranges(List<software.amazon.awssdk.services.globalaccelerator.model.PortRange> given) {
    List<PortRange> out = new ArrayList<>();
    for (var r : given) {
      String problem = AcceleratorRules.rangeProblem(r.fromPort(), r.toPort());
      if (problem != null) throw GlobalAcceleratorErrors.invalidPortRange(problem);
      out.add(PortRange.of(r.fromPort(), r.toPort()));
    }
    String problem = AcceleratorRules.portRangesProblem(out);
    if (problem != null) throw GlobalAcceleratorErrors.invalidPortRange(problem);
    return out;
  }

  private static String protocol(String given) {
    if (!"TCP".equals(given) && !"UDP".equals(given)) {
      throw GlobalAcceleratorErrors.invalidArgument("Protocol must be TCP or UDP.");
    }
    return given;
  }

  private static String affinity(String given) {
    if (given == null) return "NONE";
    if (!given.equals("NONE") && !given.equals("SOURCE_IP")) {
      throw GlobalAcceleratorErrors.invalidArgument("ClientAffinity must be NONE or SOURCE_IP.");
    }
    return given;
  }
}
