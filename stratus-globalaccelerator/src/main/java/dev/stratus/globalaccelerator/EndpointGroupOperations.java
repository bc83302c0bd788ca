package dev.stratus.globalaccelerator;

import dev.stratus.core.Pagination;
import dev.stratus.core.RequestContext;
import dev.stratus.core.elb.LoadBalancers;
import dev.stratus.core.store.ReadView;
import dev.stratus.core.store.Store;
import dev.stratus.globalaccelerator.model.AcceleratorListener;
import dev.stratus.globalaccelerator.model.AcceleratorRules;
import dev.stratus.globalaccelerator.model.EndpointGroup;
import dev.stratus.globalaccelerator.model.EndpointGroup.Endpoint;
import dev.stratus.globalaccelerator.model.EndpointGroup.EndpointKind;
import dev.stratus.net.geo.GeoTables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.globalaccelerator.model.AddEndpointsRequest;
import software.amazon.awssdk.services.globalaccelerator.model.AddEndpointsResponse;
import software.amazon.awssdk.services.globalaccelerator.model.CreateEndpointGroupRequest;
import software.amazon.awssdk.services.globalaccelerator.model.CreateEndpointGroupResponse;
import software.amazon.awssdk.services.globalaccelerator.model.DeleteEndpointGroupRequest;
import software.amazon.awssdk.services.globalaccelerator.model.DeleteEndpointGroupResponse;
import software.amazon.awssdk.services.globalaccelerator.model.DescribeEndpointGroupRequest;
import software.amazon.awssdk.services.globalaccelerator.model.DescribeEndpointGroupResponse;
import software.amazon.awssdk.services.globalaccelerator.model.EndpointConfiguration;
import software.amazon.awssdk.services.globalaccelerator.model.ListEndpointGroupsRequest;
import software.amazon.awssdk.services.globalaccelerator.model.ListEndpointGroupsResponse;
import software.amazon.awssdk.services.globalaccelerator.model.PortOverride;
import software.amazon.awssdk.services.globalaccelerator.model.RemoveEndpointsRequest;
import software.amazon.awssdk.services.globalaccelerator.model.RemoveEndpointsResponse;
import software.amazon.awssdk.services.globalaccelerator.model.UpdateEndpointGroupRequest;
import software.amazon.awssdk.services.globalaccelerator.model.UpdateEndpointGroupResponse;

/**
 * Endpoint groups and their endpoints (globalaccelerator.md §6–11): one group per listener per
 * Region; up to 10 endpoints, each an ALB or NLB in that Region (by ARN), an EC2 instance or an
 * Elastic IP; weights 0–255 (default 128); traffic dial 0–100 (default 100); health-check
 * settings with AWS's defaults; up to 10 port overrides of the listener's ports.
 */
public final class EndpointGroupOperations {
  private final Store store;
  private final Accelerators accelerators;
  private final Supplier<Optional<LoadBalancers>> loadBalancers;
  private final BiFunction<String, String, String> health;

  /**
   * @param health (endpoint group ARN, endpoint id) → HEALTHY, UNHEALTHY or INITIAL, as the data
   *     plane measures it
   */
  EndpointGroupOperations(Store store, Accelerators accelerators, Supplier<Optional<LoadBalancers>> loadBalancers,
      BiFunction<String, String, String> health) {
    this.store = store;
    this.accelerators = accelerators;
    this.loadBalancers = loadBalancers;
    this.health = health;
  }

  public CreateEndpointGroupResponse createEndpointGroup(RequestContext ctx, CreateEndpointGroupRequest req) {
    String region = region(req.endpointGroupRegion());
    String token = req.idempotencyToken();
    var created = store.write(tx -> {
      var l = ListenerOperations.find(tx, ctx, req.listenerArn());
      var siblings = groupsOf(tx, ctx, l.arn());
      if (token != null) {
        var same = siblings.stream().filter(g -> token.equals(g.idempotencyToken())).findFirst();
        if (same.isPresent()) return same.get();
      }
      if (siblings.stream().anyMatch(g -> g.region().equals(region))) {
        throw GlobalAcceleratorErrors.endpointGroupAlreadyExists();
      }
      var g = new EndpointGroup(GaNames.endpointGroupArn(l.arn()), l.arn(), region,
          endpoints(req.hasEndpointConfigurations() ? req.endpointConfigurations() : List.of(), List.of(), region),
          dial(req.trafficDialPercentage(), 100), healthCheckPort(req.healthCheckPort(), null),
          healthCheckProtocol(req.healthCheckProtocolAsString(), "TCP"), path(req.healthCheckPath(), "/"),
          interval(req.healthCheckIntervalSeconds(), AcceleratorRules.DEFAULT_INTERVAL_SECONDS),
          threshold(req.thresholdCount(), AcceleratorRules.DEFAULT_THRESHOLD),
          overrides(req.hasPortOverrides() ? req.portOverrides() : List.of(), l), token);
      tx.put(EndpointGroup.TABLE, ctx.globalScope(), g.arn(), g);
      touchAccelerator(tx, ctx, l);
      return g;
    });
    return CreateEndpointGroupResponse.builder().endpointGroup(GaShapes.endpointGroup(created, healthOf(created))).build();
  }

  public DescribeEndpointGroupResponse describeEndpointGroup(RequestContext ctx, DescribeEndpointGroupRequest req) {
    var found = find(store, ctx, req.endpointGroupArn());
    return DescribeEndpointGroupResponse.builder()
        .endpointGroup(GaShapes.endpointGroup(found, healthOf(found))).build();
  }

  public ListEndpointGroupsResponse listEndpointGroups(RequestContext ctx, ListEndpointGroupsRequest req) {
    int max = AcceleratorOperations.maxResults(req.maxResults());
    var l = ListenerOperations.find(store, ctx, req.listenerArn());
    var page = Pagination.page(groupsOf(store, ctx, l.arn()), EndpointGroup::arn, req.nextToken(), max,
        t -> GlobalAcceleratorErrors.invalidNextToken());
    return ListEndpointGroupsResponse.builder()
        .endpointGroups(page.items().stream().map(g -> GaShapes.endpointGroup(g, healthOf(g))).toList())
        .nextToken(page.nextMarker().orElse(null)).build();
  }

  public UpdateEndpointGroupResponse updateEndpointGroup(RequestContext ctx, UpdateEndpointGroupRequest req) {
    var updated = store.write(tx -> {
      var g = find(tx, ctx, req.endpointGroupArn());
      var l = ListenerOperations.find(tx, ctx, g.listenerArn());
      var next = new EndpointGroup(g.arn(), g.listenerArn(), g.region(),
          req.hasEndpointConfigurations() ? endpoints(req.endpointConfigurations(), List.of(), g.region()) : g.endpoints(),
          dial(req.trafficDialPercentage(), g.trafficDialPercentage()),
          healthCheckPort(req.healthCheckPort(), g.healthCheckPort()),
          healthCheckProtocol(req.healthCheckProtocolAsString(), g.healthCheckProtocol()),
          path(req.healthCheckPath(), g.healthCheckPath()),
          interval(req.healthCheckIntervalSeconds(), g.healthCheckIntervalSeconds()),
          threshold(req.thresholdCount(), g.thresholdCount()),
          req.hasPortOverrides() ? overrides(req.portOverrides(), l) : g.portOverrides(), g.idempotencyToken());
      tx.put(EndpointGroup.TABLE, ctx.globalScope(), next.arn(), next);
      touchAccelerator(tx, ctx, l);
      return next;
    });
    return UpdateEndpointGroupResponse.builder().endpointGroup(GaShapes.endpointGroup(updated, healthOf(updated))).build();
  }

  public DeleteEndpointGroupResponse deleteEndpointGroup(RequestContext ctx, DeleteEndpointGroupRequest req) {
    store.write(tx -> {
      var g = find(tx, ctx, req.endpointGroupArn());
      tx.delete(EndpointGroup.TABLE, ctx.globalScope(), g.arn());
      tx.get(AcceleratorListener.TABLE, ctx.globalScope(), g.listenerArn()).ifPresent(l -> touchAccelerator(tx, ctx, l));
      return null;
    });
    return DeleteEndpointGroupResponse.builder().build();
  }

  public AddEndpointsResponse addEndpoints(RequestContext ctx, AddEndpointsRequest req) {
    var result = store.write(tx -> {
      var g = find(tx, ctx, req.endpointGroupArn());
      var added = endpoints(req.hasEndpointConfigurations() ? req.endpointConfigurations() : List.of(), g.endpoints(),
          g.region());
      List<Endpoint> all = new ArrayList<>(g.endpoints());
      all.addAll(added);
      if (all.size() > AcceleratorRules.ENDPOINTS_PER_GROUP) throw tooManyEndpoints();
      var next = g.withEndpoints(all);
      tx.put(EndpointGroup.TABLE, ctx.globalScope(), next.arn(), next);
      tx.get(AcceleratorListener.TABLE, ctx.globalScope(), g.listenerArn()).ifPresent(l -> touchAccelerator(tx, ctx, l));
      return next.withEndpoints(added);
    });
    return AddEndpointsResponse.builder().endpointGroupArn(result.arn())
        .endpointDescriptions(GaShapes.endpoints(result, healthOf(result))).build();
  }

  public RemoveEndpointsResponse removeEndpoints(RequestContext ctx, RemoveEndpointsRequest req) {
    store.write(tx -> {
      var g = find(tx, ctx, req.endpointGroupArn());
      List<Endpoint> left = new ArrayList<>(g.endpoints());
      for (var id : req.hasEndpointIdentifiers() ? req.endpointIdentifiers() : List.<software.amazon.awssdk.services.globalaccelerator.model.EndpointIdentifier>of()) {
        if (!left.removeIf(e -> e.endpointId().equals(id.endpointId()))) throw GlobalAcceleratorErrors.endpointNotFound();
      }
      tx.put(EndpointGroup.TABLE, ctx.globalScope(), g.arn(), g.withEndpoints(left));
      tx.get(AcceleratorListener.TABLE, ctx.globalScope(), g.listenerArn()).ifPresent(l -> touchAccelerator(tx, ctx, l));
      return null;
    });
    return RemoveEndpointsResponse.builder().build();
  }

  private Function<String, String> healthOf(EndpointGroup g) { return id -> health.apply(g.arn(), id); }

  static EndpointGroup find(ReadView view, RequestContext ctx, String arn) {
    if (arn == null || !GaNames.ENDPOINT_GROUP_ARN.matcher(arn).matches()) {
      throw GlobalAcceleratorErrors.invalidArgument("EndpointGroupArn is not a valid endpoint group ARN.");
    }
    return view.get(EndpointGroup.TABLE, ctx.globalScope(), arn).orElseThrow(GlobalAcceleratorErrors::endpointGroupNotFound);
  }

  private void touchAccelerator(dev.stratus.core.store.Transaction tx, RequestContext ctx, AcceleratorListener l) {
    accelerators.touch(tx, ctx, l.acceleratorArn());
  }

  private static List<EndpointGroup> groupsOf(ReadView view, RequestContext ctx, String listenerArn) {
    return view.list(EndpointGroup.TABLE, ctx.globalScope()).stream().filter(g -> g.listenerArn().equals(listenerArn)).toList();
  }

  /** The configured endpoints, checked against AWS's rules and against {@code existing} (no duplicates). */
  private List<Endpoint> endpoints(List<EndpointConfiguration> configs, List<Endpoint> existing, String region) {
    if (configs.size() > AcceleratorRules.ENDPOINTS_PER_GROUP) throw tooManyEndpoints();
    Map<String, Endpoint> out = new LinkedHashMap<>();
    for (EndpointConfiguration c : configs) {
      String id = c.endpointId();
      if (id == null || id.isEmpty()) throw GlobalAcceleratorErrors.invalidArgument("EndpointId is required.");
      if (out.containsKey(id) || existing.stream().anyMatch(e -> e.endpointId().equals(id))) {
        throw GlobalAcceleratorErrors.endpointAlreadyExists();
      }
      int weight = c.weight() == null ? AcceleratorRules.DEFAULT_WEIGHT : c.weight();
      if (weight < 0 || weight > AcceleratorRules.MAX_WEIGHT) {
        throw GlobalAcceleratorErrors.invalidArgument("Weight must be between 0 and 255.");
      }
      EndpointKind kind = EndpointKind.of(id);
      if (kind == EndpointKind.APPLICATION_LOAD_BALANCER || kind == EndpointKind.NETWORK_LOAD_BALANCER) {
        String lbRegion = id.split(":")[3];
        if (!lbRegion.equals(region)) {
          throw GlobalAcceleratorErrors.invalidArgument("The endpoint " + id + " is not in the endpoint group's Region ("
              + region + ").");
        }
        boolean exists = loadBalancers.get().map(lbs -> lbs.find(id).isPresent()).orElse(true);
        if (!exists) throw GlobalAcceleratorErrors.invalidArgument("The endpoint " + id + " doesn't exist.");
      } else if (kind == EndpointKind.ELASTIC_IP && !id.startsWith("eipalloc-")) {
        throw GlobalAcceleratorErrors.invalidArgument("The endpoint ID " + id
            + " is not valid: use an ALB or NLB ARN, an EC2 instance ID or an Elastic IP allocation ID.");
      }
      out.put(id, new Endpoint(id, weight, clientIpPreservation(kind, c.clientIPPreservationEnabled())));
    }
    return List.copyOf(out.values());
  }

  /**
   * §11: preserved by default for ALBs; always for EC2 instances; never for Elastic IPs; NLBs
   * preserve only when asked (AWS: NLBs with security groups).
   */
  private static boolean clientIpPreservation(EndpointKind kind, Boolean requested) {
    return switch (kind) {
      case APPLICATION_LOAD_BALANCER -> requested == null || requested;
      case INSTANCE -> true;
      case NETWORK_LOAD_BALANCER -> requested != null && requested;
      case ELASTIC_IP -> {
        if (Boolean.TRUE.equals(requested)) {
          throw GlobalAcceleratorErrors.invalidArgument(
              "Client IP address preservation is not supported for Elastic IP address endpoints.");
        }
        yield false;
      }
    };
  }

  private static Map<Integer, Integer> overrides(List<PortOverride> given, AcceleratorListener l) {
    if (given.size() > AcceleratorRules.PORT_OVERRIDES_PER_GROUP) {
      throw GlobalAcceleratorErrors.limitExceeded("An endpoint group can have at most "
          + AcceleratorRules.PORT_OVERRIDES_PER_GROUP + " port overrides.");
    }
    Map<Integer, Integer> out = new LinkedHashMap<>();
    for (PortOverride o : given) {
      Integer from = o.listenerPort();
      Integer to = o.endpointPort();
      if (from == null || to == null || from < 1 || from > 65535 || to < 1 || to > 65535) {
        throw GlobalAcceleratorErrors.invalidPortRange("Port overrides must name ports between 1 and 65535.");
      }
      if (!l.covers(from)) {
        throw GlobalAcceleratorErrors.invalidArgument("The listener port " + from
            + " of a port override is not in the listener's port ranges.");
      }
      if (out.put(from, to) != null) {
        throw GlobalAcceleratorErrors.invalidArgument("The listener port " + from + " is overridden more than once.");
      }
    }
    return out;
  }

  private static String region(String given) {
    if (given == null || GeoTables.standard().region(given).isEmpty()) {
      throw GlobalAcceleratorErrors.invalidArgument("EndpointGroupRegion " + given + " is not a valid AWS Region.");
    }
    return given;
  }

  private static double dial(Float given, double fallback) {
    if (given == null) return fallback;
    if (given < 0 || given > 100) throw GlobalAcceleratorErrors.invalidArgument("TrafficDialPercentage must be between 0 and 100.");
    return given;
  }

  private static Integer healthCheckPort(Integer given, Integer fallback) {
    if (given == null) return fallback;
    if (given < 1 || given > 65535) throw GlobalAcceleratorErrors.invalidArgument("HealthCheckPort must be between 1 and 65535.");
    return given;
  }

  private static String healthCheckProtocol(String given, String fallback) {
    if (given == null) return fallback;
    if (!List.of("TCP", "HTTP", "HTTPS").contains(given)) {
      throw GlobalAcceleratorErrors.invalidArgument("HealthCheckProtocol must be TCP, HTTP or HTTPS.");
    }
    return given;
  }

  private static String path(String given, String fallback) {
    if (given == null) return fallback;
    if (given.isEmpty() || given.length() > 255 || !given.startsWith("/")) {
      throw GlobalAcceleratorErrors.invalidArgument("HealthCheckPath must start with / and be 255 characters or fewer.");
    }
    return given;
  }

  private static int interval(Integer given, int fallback) {
    if (given == null) return fallback;
    if (given != 10 && given != 30) throw GlobalAcceleratorErrors.invalidArgument("HealthCheckIntervalSeconds must be 10 or 30.");
    return given;
  }

  private static int threshold(Integer given, int fallback) {
    if (given == null) return fallback;
    if (given < 1 || given > 10) throw GlobalAcceleratorErrors.invalidArgument("ThresholdCount must be between 1 and 10.");
    return given;
  }

  private static RuntimeException tooManyEndpoints() {
    return GlobalAcceleratorErrors.limitExceeded("An endpoint group can have at most "
        + AcceleratorRules.ENDPOINTS_PER_GROUP + " endpoints.");
  }
}
