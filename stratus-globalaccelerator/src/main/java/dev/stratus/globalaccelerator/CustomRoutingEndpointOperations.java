package dev.stratus.globalaccelerator;

import dev.stratus.core.Pagination;
import dev.stratus.core.RequestContext;
import dev.stratus.core.store.ReadView;
import dev.stratus.core.store.Store;
import dev.stratus.core.vpc.VpcLookup;
import dev.stratus.globalaccelerator.model.AcceleratorListener;
import dev.stratus.globalaccelerator.model.CustomRoutingEndpointGroup;
import dev.stratus.globalaccelerator.model.CustomRoutingEndpointGroup.Destination;
import dev.stratus.globalaccelerator.model.CustomRoutingEndpointGroup.SubnetEndpoint;
import dev.stratus.globalaccelerator.model.PortMappings;
import dev.stratus.net.geo.GeoTables;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.globalaccelerator.model.AddCustomRoutingEndpointsRequest;
import software.amazon.awssdk.services.globalaccelerator.model.AddCustomRoutingEndpointsResponse;
import software.amazon.awssdk.services.globalaccelerator.model.AllowCustomRoutingTrafficRequest;
import software.amazon.awssdk.services.globalaccelerator.model.AllowCustomRoutingTrafficResponse;
import software.amazon.awssdk.services.globalaccelerator.model.CreateCustomRoutingEndpointGroupRequest;
import software.amazon.awssdk.services.globalaccelerator.model.CreateCustomRoutingEndpointGroupResponse;
import software.amazon.awssdk.services.globalaccelerator.model.CustomRoutingDestinationDescription;
import software.amazon.awssdk.services.globalaccelerator.model.CustomRoutingEndpointDescription;
import software.amazon.awssdk.services.globalaccelerator.model.DeleteCustomRoutingEndpointGroupRequest;
import software.amazon.awssdk.services.globalaccelerator.model.DeleteCustomRoutingEndpointGroupResponse;
import software.amazon.awssdk.services.globalaccelerator.model.DenyCustomRoutingTrafficRequest;
import software.amazon.awssdk.services.globalaccelerator.model.DenyCustomRoutingTrafficResponse;
import software.amazon.awssdk.services.globalaccelerator.model.DescribeCustomRoutingEndpointGroupRequest;
import software.amazon.awssdk.services.globalaccelerator.model.DescribeCustomRoutingEndpointGroupResponse;
import software.amazon.awssdk.services.globalaccelerator.model.DestinationPortMapping;
import software.amazon.awssdk.services.globalaccelerator.model.ListCustomRoutingEndpointGroupsRequest;
import software.amazon.awssdk.services.globalaccelerator.model.ListCustomRoutingEndpointGroupsResponse;
import software.amazon.awssdk.services.globalaccelerator.model.ListCustomRoutingPortMappingsByDestinationRequest;
import software.amazon.awssdk.services.globalaccelerator.model.ListCustomRoutingPortMappingsByDestinationResponse;
import software.amazon.awssdk.services.globalaccelerator.model.ListCustomRoutingPortMappingsRequest;
import software.amazon.awssdk.services.globalaccelerator.model.ListCustomRoutingPortMappingsResponse;
import software.amazon.awssdk.services.globalaccelerator.model.PortMapping;
import software.amazon.awssdk.services.globalaccelerator.model.RemoveCustomRoutingEndpointsRequest;
import software.amazon.awssdk.services.globalaccelerator.model.RemoveCustomRoutingEndpointsResponse;
import software.amazon.awssdk.services.globalaccelerator.model.SocketAddress;

/**
 * Custom routing endpoint groups, their subnet endpoints, which destinations take traffic, and
 * the static port map (globalaccelerator.md §12). Every destination is denied until allowed.
 */
public final class CustomRoutingEndpointOperations {
  /** ListCustomRoutingPortMappings MaxResults range 1–20,000, default 10 (API reference). */
  private static final int MAX_MAPPINGS = 20_000;
  private static final int DEFAULT_MAPPINGS = 10;
  /** Destination port ranges per endpoint group; subnet endpoints per group. */
  static final int DESTINATIONS_PER_GROUP = 100;
  static final int ENDPOINTS_PER_GROUP = 20;

  private final Store store;
  private final Accelerators accelerators;
  private final Supplier<Optional<VpcLookup>> vpcs;

  CustomRoutingEndpointOperations(Store store, Accelerators accelerators, Supplier<Optional<VpcLookup>> vpcs) {
    this.store = store;
    this.accelerators = accelerators;
    this.vpcs = vpcs;
  }

  public CreateCustomRoutingEndpointGroupResponse createCustomRoutingEndpointGroup(RequestContext ctx,
      CreateCustomRoutingEndpointGroupRequest req) {
    String region = req.endpointGroupRegion();
    if (region == null || GeoTables.standard().region(region).isEmpty()) {
      throw GlobalAcceleratorErrors.invalidArgument("EndpointGroupRegion " + region + " is not a valid AWS Region.");
    }
    List<Destination> destinations = new ArrayList<>();
    var given = req.hasDestinationConfigurations() ? req.destinationConfigurations()
        : List.<software.amazon.awssdk.services.globalaccelerator.model.CustomRoutingDestinationConfiguration>of();
    if (given.isEmpty() || given.size() > DESTINATIONS_PER_GROUP) {
      throw GlobalAcceleratorErrors.invalidArgument("An endpoint group needs between 1 and " + DESTINATIONS_PER_GROUP
          + " destination configurations.");
    }
    for (var d : given) {
      Integer from = d.fromPort();
      Integer to = d.toPort();
      if (from == null || to == null || from < 1 || to > 65535 || from > to) {
        throw GlobalAcceleratorErrors.invalidPortRange("The destination port range " + from + "-" + to + " is invalid.");
      }
      List<String> protocols = d.hasProtocols() ? d.protocolsAsStrings() : List.of();
      if (protocols.isEmpty() || !List.of("TCP", "UDP").containsAll(protocols)) {
        throw GlobalAcceleratorErrors.invalidArgument("Protocols must be TCP, UDP or both.");
      }
      for (Destination other : destinations) {
        if (from <= other.toPort() && other.fromPort() <= to) {
          throw GlobalAcceleratorErrors.invalidPortRange("The destination port ranges of an endpoint group must not overlap.");
        }
      }
      destinations.add(new Destination(from, to, List.copyOf(new java.util.LinkedHashSet<>(protocols))));
    }
    String token = req.idempotencyToken();
    var created = store.write(tx -> {
      var l = CustomRoutingAcceleratorOperations.findListener(tx, ctx, req.listenerArn());
      var siblings = groupsOf(tx, ctx, l.arn());
      if (token != null) {
        var same = siblings.stream().filter(g -> token.equals(g.idempotencyToken())).findFirst();
        if (same.isPresent()) return same.get();
      }
      if (siblings.stream().anyMatch(g -> g.region().equals(region))) throw GlobalAcceleratorErrors.endpointGroupAlreadyExists();
      var g = new CustomRoutingEndpointGroup(GaNames.endpointGroupArn(l.arn()), l.arn(), region, destinations, List.of(), token);
      tx.put(CustomRoutingEndpointGroup.TABLE, ctx.globalScope(), g.arn(), g);
      accelerators.touch(tx, ctx, l.acceleratorArn());
      return g;
    });
    return CreateCustomRoutingEndpointGroupResponse.builder().endpointGroup(shape(created)).build();
  }

  public DescribeCustomRoutingEndpointGroupResponse describeCustomRoutingEndpointGroup(RequestContext ctx,
      DescribeCustomRoutingEndpointGroupRequest req) {
    return DescribeCustomRoutingEndpointGroupResponse.builder().endpointGroup(shape(find(store, ctx, req.endpointGroupArn())))
        .build();
  }

  public ListCustomRoutingEndpointGroupsResponse listCustomRoutingEndpointGroups(RequestContext ctx,
      ListCustomRoutingEndpointGroupsRequest req) {
    int max = AcceleratorOperations.maxResults(req.maxResults());
    var l = CustomRoutingAcceleratorOperations.findListener(store, ctx, req.listenerArn());
    var page = Pagination.page(groupsOf(store, ctx, l.arn()), CustomRoutingEndpointGroup::arn, req.nextToken(), max,
        t -> GlobalAcceleratorErrors.invalidNextToken());
    return ListCustomRoutingEndpointGroupsResponse.builder()
        .endpointGroups(page.items().stream().map(CustomRoutingEndpointOperations::shape).toList())
        .nextToken(page.nextMarker().orElse(null)).build();
  }

  public DeleteCustomRoutingEndpointGroupResponse deleteCustomRoutingEndpointGroup(RequestContext ctx,
      DeleteCustomRoutingEndpointGroupRequest req) {
    store.write(tx -> {
      var g = find(tx, ctx, req.endpointGroupArn());
      tx.delete(CustomRoutingEndpointGroup.TABLE, ctx.globalScope(), g.arn());
      accelerators.touch(tx, ctx, GaNames.acceleratorOf(g.arn()));
      return null;
    });
    return DeleteCustomRoutingEndpointGroupResponse.builder().build();
  }

  public AddCustomRoutingEndpointsResponse addCustomRoutingEndpoints(RequestContext ctx, AddCustomRoutingEndpointsRequest req) {
    var configs = req.hasEndpointConfigurations() ? req.endpointConfigurations()
        : List.<software.amazon.awssdk.services.globalaccelerator.model.CustomRoutingEndpointConfiguration>of();
    var added = store.write(tx -> {
      var g = find(tx, ctx, req.endpointGroupArn());
      List<SubnetEndpoint> endpoints = new ArrayList<>(g.endpoints());
      List<SubnetEndpoint> fresh = new ArrayList<>();
      for (var c : configs) {
        String subnetId = c.endpointId();
        if (subnetId == null || !subnetId.startsWith("subnet-")) {
          throw GlobalAcceleratorErrors.invalidArgument("The endpoint ID " + subnetId + " is not a VPC subnet ID.");
        }
        if (endpoints.stream().anyMatch(e -> e.subnetId().equals(subnetId))) throw GlobalAcceleratorErrors.endpointAlreadyExists();
        var subnet = vpcs.get().flatMap(v -> v.subnet(ctx.accountId(), g.region(), subnetId))
            .orElseThrow(() -> GlobalAcceleratorErrors.invalidArgument("The subnet " + subnetId
                + " doesn't exist in " + g.region() + "."));
        var e = new SubnetEndpoint(subnetId, subnet.cidrBlock(), false, Set.of(), Set.of());
        endpoints.add(e);
        fresh.add(e);
      }
      if (endpoints.size() > ENDPOINTS_PER_GROUP) {
        throw GlobalAcceleratorErrors.limitExceeded("An endpoint group can have at most " + ENDPOINTS_PER_GROUP + " endpoints.");
      }
      var next = g.withEndpoints(endpoints);
      requireCapacity(tx, ctx, next);
      tx.put(CustomRoutingEndpointGroup.TABLE, ctx.globalScope(), next.arn(), next);
      accelerators.touch(tx, ctx, GaNames.acceleratorOf(g.arn()));
      return fresh;
    });
    return AddCustomRoutingEndpointsResponse.builder().endpointGroupArn(req.endpointGroupArn())
        .endpointDescriptions(added.stream().map(e -> CustomRoutingEndpointDescription.builder().endpointId(e.subnetId()).build())
            .toList()).build();
  }

  public RemoveCustomRoutingEndpointsResponse removeCustomRoutingEndpoints(RequestContext ctx,
      RemoveCustomRoutingEndpointsRequest req) {
    store.write(tx -> {
      var g = find(tx, ctx, req.endpointGroupArn());
      List<SubnetEndpoint> left = new ArrayList<>(g.endpoints());
      for (String id : req.hasEndpointIds() ? req.endpointIds() : List.<String>of()) {
        if (!left.removeIf(e -> e.subnetId().equals(id))) throw GlobalAcceleratorErrors.endpointNotFound();
      }
      tx.put(CustomRoutingEndpointGroup.TABLE, ctx.globalScope(), g.arn(), g.withEndpoints(left));
      accelerators.touch(tx, ctx, GaNames.acceleratorOf(g.arn()));
      return null;
    });
    return RemoveCustomRoutingEndpointsResponse.builder().build();
  }

  public AllowCustomRoutingTrafficResponse allowCustomRoutingTraffic(RequestContext ctx, AllowCustomRoutingTrafficRequest req) {
    traffic(ctx, req.endpointGroupArn(), req.endpointId(), req.hasDestinationAddresses() ? req.destinationAddresses() : List.of(),
        req.hasDestinationPorts() ? req.destinationPorts() : List.of(), Boolean.TRUE.equals(req.allowAllTrafficToEndpoint()), true);
    return AllowCustomRoutingTrafficResponse.builder().build();
  }

  public DenyCustomRoutingTrafficResponse denyCustomRoutingTraffic(RequestContext ctx, DenyCustomRoutingTrafficRequest req) {
    traffic(ctx, req.endpointGroupArn(), req.endpointId(), req.hasDestinationAddresses() ? req.destinationAddresses() : List.of(),
        req.hasDestinationPorts() ? req.destinationPorts() : List.of(), Boolean.TRUE.equals(req.denyAllTrafficToEndpoint()), false);
    return DenyCustomRoutingTrafficResponse.builder().build();
  }

  /** Allows ({@code allow}) or denies all of a subnet, or the given addresses (on the given ports, else all). */
  private void traffic(RequestContext ctx, String groupArn, String subnetId, List<String> addresses, List<Integer> ports,
      boolean all, boolean allow) {
    if (!all && addresses.isEmpty()) {
      throw GlobalAcceleratorErrors.invalidArgument("Give DestinationAddresses, or set "
          + (allow ? "AllowAllTrafficToEndpoint" : "DenyAllTrafficToEndpoint") + " to true.");
    }
    store.write(tx -> {
      var g = find(tx, ctx, groupArn);
      var e = g.endpoints().stream().filter(x -> x.subnetId().equals(subnetId)).findFirst()
          .orElseThrow(GlobalAcceleratorErrors::endpointNotFound);
      var cidr = dev.stratus.core.net.Cidr.parse(e.cidrBlock());
      for (String a : addresses) {
        if (!cidr.containsAddress(a)) {
          throw GlobalAcceleratorErrors.invalidArgument("The destination address " + a + " is not in subnet " + subnetId + ".");
        }
      }
      for (Integer p : ports) {
        if (p == null || g.protocolsOf(p).isEmpty()) {
          throw GlobalAcceleratorErrors.invalidArgument("The destination port " + p
              + " is not in the endpoint group's destination port ranges.");
        }
      }
      Set<String> sockets = new HashSet<>();
      for (String a : addresses) {
        if (ports.isEmpty()) sockets.add(a + ":*");
        else ports.forEach(p -> sockets.add(a + ":" + p));
      }
      Set<String> allowed = new HashSet<>(e.allowed());
      Set<String> denied = new HashSet<>(e.denied());
      boolean allowAll = e.allowAll();
      if (all) {
        allowAll = allow;
        allowed.clear();
        denied.clear();
      } else if (allow) {
        allowed.addAll(sockets);
        denied.removeAll(sockets);
      } else {
        denied.addAll(sockets);
        allowed.removeAll(sockets);
      }
      var next = new SubnetEndpoint(e.subnetId(), e.cidrBlock(), allowAll, allowed, denied);
      List<SubnetEndpoint> endpoints = g.endpoints().stream().map(x -> x.subnetId().equals(subnetId) ? next : x).toList();
      tx.put(CustomRoutingEndpointGroup.TABLE, ctx.globalScope(), g.arn(), g.withEndpoints(endpoints));
      return null;
    });
  }

  public ListCustomRoutingPortMappingsResponse listCustomRoutingPortMappings(RequestContext ctx,
      ListCustomRoutingPortMappingsRequest req) {
    var a = accelerators.find(ctx, req.acceleratorArn());
    int max = mappingsMax(req.maxResults());
    PortMappings map = mappingsOf(store, ctx, a.arn());
    long start = offset(req.nextToken());
    long end = Math.min(map.size(), map.capacity());
    List<PortMapping> out = new ArrayList<>();
    long i = start;
    for (; i < end && out.size() < max; i++) {
      var m = map.get(i);
      if (req.endpointGroupArn() != null && !m.endpointGroupArn().equals(req.endpointGroupArn())) continue;
      out.add(PortMapping.builder().acceleratorPort(m.acceleratorPort()).endpointGroupArn(m.endpointGroupArn())
          .endpointId(m.subnetId()).destinationSocketAddress(SocketAddress.builder().ipAddress(m.address())
              .port(m.destinationPort()).build())
          .protocolsWithStrings(m.protocols()).destinationTrafficState(m.allowed() ? "ALLOW" : "DENY").build());
    }
    return ListCustomRoutingPortMappingsResponse.builder().portMappings(out)
        .nextToken(i < end ? Long.toString(i) : null).build();
  }

  public ListCustomRoutingPortMappingsByDestinationResponse listCustomRoutingPortMappingsByDestination(RequestContext ctx,
      ListCustomRoutingPortMappingsByDestinationRequest req) {
    int max = mappingsMax(req.maxResults());
    List<DestinationPortMapping> all = new ArrayList<>();
    for (var a : accelerators.list(ctx)) {
      PortMappings map = mappingsOf(store, ctx, a.arn());
      for (var m : map.forDestination(req.endpointId(), req.destinationAddress())) {
        all.add(DestinationPortMapping.builder().acceleratorArn(a.arn())
            .acceleratorSocketAddresses(a.ipv4Addresses().stream()
                .map(ip -> SocketAddress.builder().ipAddress(ip).port(m.acceleratorPort()).build()).toList())
            .endpointGroupArn(m.endpointGroupArn()).endpointId(m.subnetId()).endpointGroupRegion(m.region())
            .destinationSocketAddress(SocketAddress.builder().ipAddress(m.address()).port(m.destinationPort()).build())
            .ipAddressType("IPV4").destinationTrafficState(m.allowed() ? "ALLOW" : "DENY").build());
      }
    }
    if (all.isEmpty()) throw GlobalAcceleratorErrors.endpointNotFound();
    int start = (int) Math.min(all.size(), offset(req.nextToken()));
    int end = Math.min(all.size(), start + max);
    return ListCustomRoutingPortMappingsByDestinationResponse.builder().destinationPortMappings(all.subList(start, end))
        .nextToken(end < all.size() ? Integer.toString(end) : null).build();
  }

  /** The static map of an accelerator's listener over its groups (in ARN order). */
  static PortMappings mappingsOf(ReadView view, RequestContext ctx, String acceleratorArn) {
    var listener = view.list(AcceleratorListener.CUSTOM_ROUTING_TABLE, ctx.globalScope()).stream()
        .filter(l -> l.acceleratorArn().equals(acceleratorArn)).findFirst();
    if (listener.isEmpty()) return new PortMappings(List.of(), List.of());
    return new PortMappings(listener.get().portRanges(), groupsOf(view, ctx, listener.get().arn()));
  }

  /** The listener must offer a port for every (address, destination port) its groups map. */
  private static void requireCapacity(ReadView view, RequestContext ctx, CustomRoutingEndpointGroup changed) {
    var listener = view.get(AcceleratorListener.CUSTOM_ROUTING_TABLE, ctx.globalScope(), changed.listenerArn()).orElseThrow();
    List<CustomRoutingEndpointGroup> groups = new ArrayList<>(groupsOf(view, ctx, listener.arn()).stream()
        .map(g -> g.arn().equals(changed.arn()) ? changed : g).toList());
    var map = new PortMappings(listener.portRanges(), groups);
    if (map.size() > map.capacity()) {
      throw GlobalAcceleratorErrors.invalidPortRange("The listener's port ranges hold " + map.capacity()
          + " ports, fewer than the " + map.size() + " destinations of its endpoint groups need.");
    }
  }

  static List<CustomRoutingEndpointGroup> groupsOf(ReadView view, RequestContext ctx, String listenerArn) {
    return view.list(CustomRoutingEndpointGroup.TABLE, ctx.globalScope()).stream()
        .filter(g -> g.listenerArn().equals(listenerArn)).toList(); // in ARN order, as the store lists them
  }

  static CustomRoutingEndpointGroup find(ReadView view, RequestContext ctx, String arn) {
    if (arn == null || !GaNames.ENDPOINT_GROUP_ARN.matcher(arn).matches()) {
      throw GlobalAcceleratorErrors.invalidArgument("EndpointGroupArn is not a valid endpoint group ARN.");
    }
    return view.get(CustomRoutingEndpointGroup.TABLE, ctx.globalScope(), arn)
        .orElseThrow(GlobalAcceleratorErrors::endpointGroupNotFound);
  }

  private static int mappingsMax(Integer requested) {
    int max = requested == null ? DEFAULT_MAPPINGS : requested;
    if (max < 1 || max > MAX_MAPPINGS) throw GlobalAcceleratorErrors.invalidArgument("MaxResults must be between 1 and 20000");
    return max;
  }

  private static long offset(String token) {
    if (token == null) return 0;
    try {
      long v = Long.parseLong(token);
      if (v < 0) throw new NumberFormatException();
      return v;
    } catch (NumberFormatException e) {
      throw GlobalAcceleratorErrors.invalidNextToken();
    }
  }

  private static software.amazon.awssdk.services.globalaccelerator.model.CustomRoutingEndpointGroup shape(
      CustomRoutingEndpointGroup g) {
    return software.amazon.awssdk.services.globalaccelerator.model.CustomRoutingEndpointGroup.builder()
        .endpointGroupArn(g.arn()).endpointGroupRegion(g.region())
        .destinationDescriptions(g.destinations().stream().map(d -> CustomRoutingDestinationDescription.builder()
            .fromPort(d.fromPort()).toPort(d.toPort()).protocolsWithStrings(d.protocols()).build()).toList())
        .endpointDescriptions(g.endpoints().stream()
            .map(e -> CustomRoutingEndpointDescription.builder().endpointId(e.subnetId()).build()).toList())
        .build();
  }
}
