package dev.stratus.elbv2;

import dev.stratus.core.Pagination;
import dev.stratus.core.RequestContext;
import dev.stratus.core.net.LoopbackPool;
import dev.stratus.core.store.Store;
import dev.stratus.core.vpc.ManagedInterfaces;
import dev.stratus.core.vpc.VpcLookup;
import dev.stratus.elbv2.model.Attributes;
import dev.stratus.elbv2.model.Listener;
import dev.stratus.elbv2.model.LoadBalancer;
import dev.stratus.elbv2.model.ResourceTags;
import dev.stratus.elbv2.model.Rule;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

/**
 * Load balancers: create (subnets and security groups checked against EC2's state), delete,
 * describe, attributes, security groups, subnets, IP address type. Each enabled AZ gets a node
 * with its own loopback address, kept in the record so it survives a restart.
 */
public final class LoadBalancerOperations {
  /** Default and maximum PageSize of the Describe calls (API reference: 1–400). */
  static final int MAX_PAGE_SIZE = 400;
  /** Quotas: load balancers per region, per type (Elastic Load Balancing quotas). */
  static final int MAX_APPLICATION = 50;
  static final int MAX_NETWORK = 50;
  static final int MAX_GATEWAY = 100;

  private final Store store;
  private final Clock clock;
  private final Supplier<Optional<VpcLookup>> vpcs;
  private final LoopbackPool pool;
  private final Supplier<Optional<ManagedInterfaces>> interfaces;

  public LoadBalancerOperations(Store store, Clock clock, Supplier<Optional<VpcLookup>> vpcs, LoopbackPool pool) {
    this(store, clock, vpcs, pool, Optional::empty);
  }

  /** @param interfaces EC2's requester-managed interfaces, one per node (empty without EC2) */
  public LoadBalancerOperations(Store store, Clock clock, Supplier<Optional<VpcLookup>> vpcs, LoopbackPool pool,
      Supplier<Optional<ManagedInterfaces>> interfaces) {
    this.store = store;
    this.clock = clock;
    this.vpcs = vpcs;
    this.pool = pool;
    this.interfaces = interfaces;
  }

  public CreateLoadBalancerResponse createLoadBalancer(RequestContext ctx, CreateLoadBalancerRequest req) {
    String type = req.typeAsString() == null ? "application" : req.typeAsString();
    if (!List.of("application", "network", "gateway").contains(type)) {
      throw Elbv2Errors.validation("Load balancer type '" + type + "' is not valid");
    }
    String scheme = req.schemeAsString() == null ? "internet-facing" : req.schemeAsString();
    Elbv2Names.requireName("Load balancer", req.name());
    if (req.name().startsWith("internal-")) {
      throw Elbv2Errors.validation("Load balancer name '" + req.name() + "' cannot begin with 'internal-'");
    }
    List<String> subnetIds = new ArrayList<>(req.subnets());
    req.subnetMappings().forEach(m -> subnetIds.add(m.subnetId()));
    if (!req.subnets().isEmpty() && !req.subnetMappings().isEmpty()) {
      throw Elbv2Errors.validation("You can specify subnets or subnet mappings, not both");
    }
    if (type.equals("gateway") && !req.securityGroups().isEmpty()) {
      throw Elbv2Errors.validation("Security groups are not supported for load balancers with type 'gateway'");
    }
    String ipType = req.ipAddressTypeAsString() == null ? "ipv4" : req.ipAddressTypeAsString();
    var placed = placeSubnets(ctx, type, subnetIds, null);
    String vpcId = placed.isEmpty() ? null : placed.get(0).vpcId();
    if ("internet-facing".equals(scheme) && vpcId != null) {
      boolean igw = vpcs.get().flatMap(l -> l.hasInternetGateway(ctx.accountId(), ctx.region(), vpcId)).orElse(true);
      if (!igw) throw Elbv2Errors.error("InvalidSubnet", "VPC " + vpcId + " has no internet gateway");
    }
    // An ALB given no group gets the VPC's default group; an NLB then has none (and never can have).
    List<String> groups = type.equals("application") || !req.securityGroups().isEmpty()
        ? securityGroups(ctx, vpcId, req.securityGroups()) : List.of();
    String scope = ctx.regionalScope();
    final List<String> sgs = groups;
    LoadBalancer lb = store.write(tx -> {
      var all = tx.list(LoadBalancer.TABLE, scope);
      var same = all.stream().filter(b -> b.name().equals(req.name())).findFirst();
      if (same.isPresent()) {
        var b = same.get();
        List<String> existingSubnets = b.nodes().stream().map(LoadBalancer.Node::subnetId).sorted().toList();
        if (b.type().equals(type) && b.scheme().equals(scheme) && existingSubnets.equals(subnetIds.stream().sorted().toList())) {
          return b;
        }
        throw Elbv2Errors.error("DuplicateLoadBalancerName", "A load balancer with the same name '" + req.name()
            + "' exists, but with different settings");
      }
      int max = type.equals("application") ? MAX_APPLICATION : type.equals("network") ? MAX_NETWORK : MAX_GATEWAY;
      if (all.stream().filter(b -> b.type().equals(type)).count() >= max) {
        throw Elbv2Errors.error("TooManyLoadBalancers", "The maximum number of load balancers has been reached");
      }
      Elbv2Tags.requireTagCount(req.tags().size());
      String arn = Elbv2Names.arnPrefix(ctx.region(), ctx.accountId()) + "loadbalancer/"
          + (type.equals("application") ? "app" : type.equals("network") ? "net" : "gwy") + "/" + req.name() + "/"
          + Elbv2Names.newId();
      String dns = type.equals("gateway") ? null : Elbv2Names.dnsName(req.name(), scheme, ctx.region());
      var bare = new LoadBalancer(arn, req.name(), type, scheme, vpcId, dns, ctx.receivedAt(), ipType, List.of(), sgs, Map.of());
      // an NLB's subnet mapping may give the node of its zone an Elastic IP address
      Map<String, String> allocations = new java.util.HashMap<>();
      req.subnetMappings().stream().filter(m -> m.allocationId() != null)
          .forEach(m -> allocations.put(m.subnetId(), m.allocationId()));
      var created = bare.withNodes(placed.stream()
          .map(s -> node(tx, ctx, bare, s).withAllocationId(allocations.get(s.subnetId()))).toList());
      tx.put(LoadBalancer.TABLE, scope, arn, created);
      if (!req.tags().isEmpty()) Elbv2Tags.put(tx, scope, arn, req.tags());
      return created;
    });
    return CreateLoadBalancerResponse.builder().loadBalancers(toSdk(lb)).build();
  }

  public DeleteLoadBalancerResponse deleteLoadBalancer(RequestContext ctx, DeleteLoadBalancerRequest req) {
    Elbv2Names.requireArn(Elbv2Names.LOAD_BALANCER_ARN, "load balancer", req.loadBalancerArn());
    String scope = ctx.regionalScope();
    var deleted = store.write(tx -> {
      var lb = tx.get(LoadBalancer.TABLE, scope, req.loadBalancerArn());
      if (lb.isEmpty()) return Optional.<LoadBalancer>empty(); // AWS: deleting a deleted balancer succeeds
      if ("true".equals(lb.get().attributes().get("deletion_protection.enabled"))) {
        throw Elbv2Errors.error("OperationNotPermitted", "Load balancer '" + req.loadBalancerArn()
            + "' cannot be deleted because deletion protection is enabled");
      }
      for (Listener l : Elbv2Reads.listenersOf(tx, scope, req.loadBalancerArn())) {
        for (Rule r : Elbv2Reads.rulesOf(tx, scope, l.arn())) {
          tx.delete(Rule.TABLE, scope, r.arn());
          tx.delete(ResourceTags.TABLE, scope, r.arn());
        }
        tx.delete(Listener.TABLE, scope, l.arn());
        tx.delete(ResourceTags.TABLE, scope, l.arn());
      }
      lb.get().nodes().forEach(n -> dropInterface(tx, ctx, n));
      tx.delete(LoadBalancer.TABLE, scope, req.loadBalancerArn());
      tx.delete(ResourceTags.TABLE, scope, req.loadBalancerArn());
      return lb;
    });
    deleted.ifPresent(lb -> lb.nodes().forEach(n -> pool.release(n.address())));
    return DeleteLoadBalancerResponse.builder().build();
  }

  public DescribeLoadBalancersResponse describeLoadBalancers(RequestContext ctx, DescribeLoadBalancersRequest req) {
    req.loadBalancerArns().forEach(arn -> Elbv2Names.requireArn(Elbv2Names.LOAD_BALANCER_ARN, "load balancer", arn));
    var all = store.list(LoadBalancer.TABLE, ctx.regionalScope());
    var chosen = selectAll(all, req.loadBalancerArns(), LoadBalancer::arn, req.names(), LoadBalancer::name);
    if (chosen == null) throw Elbv2Errors.loadBalancerNotFound();
    var page = Pagination.page(chosen, LoadBalancer::arn, req.marker(), pageSize(req.pageSize()),
        m -> Elbv2Errors.validation("Invalid marker"));
    return DescribeLoadBalancersResponse.builder()
        .loadBalancers(page.items().stream().map(this::toSdk).toList())
        .nextMarker(page.nextMarker().orElse(null))
        .build();
  }

  public DescribeLoadBalancerAttributesResponse describeLoadBalancerAttributes(RequestContext ctx,
      DescribeLoadBalancerAttributesRequest req) {
    var lb = Elbv2Reads.loadBalancer(store, ctx.regionalScope(), req.loadBalancerArn());
    return DescribeLoadBalancerAttributesResponse.builder().attributes(lbAttributes(lb)).build();
  }

  public ModifyLoadBalancerAttributesResponse modifyLoadBalancerAttributes(RequestContext ctx,
      ModifyLoadBalancerAttributesRequest req) {
    String scope = ctx.regionalScope();
    var updated = store.write(tx -> {
      var lb = Elbv2Reads.loadBalancer(tx, scope, req.loadBalancerArn());
      var defaults = Attributes.loadBalancerDefaults(lb.type());
      Map<String, String> next = new HashMap<>(lb.attributes());
      for (var a : req.attributes()) {
        if (!defaults.containsKey(a.key())) {
          throw Elbv2Errors.validation("Load balancer attribute key '" + a.key() + "' is not recognized");
        }
        Attributes.invalidValue(a.key(), a.value()).ifPresent(m -> { throw Elbv2Errors.validation(m); });
        if (a.key().equals("access_logs.s3.enabled") && a.value().equals("true")
            && req.attributes().stream().noneMatch(b -> b.key().equals("access_logs.s3.bucket") && !b.value().isEmpty())
            && next.getOrDefault("access_logs.s3.bucket", "").isEmpty()) {
          throw Elbv2Errors.validation("The value of 'access_logs.s3.bucket' cannot be empty");
        }
        next.put(a.key(), a.value());
      }
      var lb2 = lb.withAttributes(next);
      tx.put(LoadBalancer.TABLE, scope, lb.arn(), lb2);
      return lb2;
    });
    return ModifyLoadBalancerAttributesResponse.builder().attributes(lbAttributes(updated)).build();
  }

  public SetSecurityGroupsResponse setSecurityGroups(RequestContext ctx, SetSecurityGroupsRequest req) {
    String scope = ctx.regionalScope();
    var lb0 = Elbv2Reads.loadBalancer(store, scope, req.loadBalancerArn());
    if (lb0.isGateway()) {
      throw Elbv2Errors.validation("Security groups are not supported for load balancers with type 'gateway'");
    }
    if (lb0.isApplication() && req.securityGroups().isEmpty()) {
      throw Elbv2Errors.validation("A load balancer of type 'application' must have at least one security group");
    }
    if (lb0.isNetwork() && lb0.securityGroups().isEmpty()) {
      throw Elbv2Errors.invalidConfiguration(
          "You cannot set security groups on a Network Load Balancer which was created without any security groups");
    }
    var groups = securityGroups(ctx, lb0.vpcId(), req.securityGroups());
    store.write(tx -> {
      var lb = Elbv2Reads.loadBalancer(tx, scope, req.loadBalancerArn());
      tx.put(LoadBalancer.TABLE, scope, lb.arn(), lb.withSecurityGroups(groups));
      interfaces.get().ifPresent(m -> lb.nodes().stream().filter(n -> n.networkInterfaceId() != null)
          .forEach(n -> m.setGroups(tx, ctx.accountId(), ctx.region(), n.networkInterfaceId(), groups)));
      return null;
    });
    return SetSecurityGroupsResponse.builder().securityGroupIds(groups).build();
  }

  public SetSubnetsResponse setSubnets(RequestContext ctx, SetSubnetsRequest req) {
    String scope = ctx.regionalScope();
    var lb0 = Elbv2Reads.loadBalancer(store, scope, req.loadBalancerArn());
    List<String> subnetIds = new ArrayList<>(req.subnets());
    req.subnetMappings().forEach(m -> subnetIds.add(m.subnetId()));
    var placed = placeSubnets(ctx, lb0.type(), subnetIds, lb0.vpcId());
    List<String> released = new ArrayList<>();
    var updated = store.write(tx -> {
      var lb = Elbv2Reads.loadBalancer(tx, scope, req.loadBalancerArn());
      if (lb.isNetwork() && placed.size() < lb.nodes().size()) {
        throw Elbv2Errors.validation("You cannot remove subnets from a Network Load Balancer");
      }
      List<LoadBalancer.Node> nodes = new ArrayList<>();
      for (var s : placed) {
        nodes.add(lb.nodes().stream().filter(n -> n.subnetId().equals(s.subnetId())).findFirst()
            .orElseGet(() -> node(tx, ctx, lb, s)));
      }
      lb.nodes().stream().filter(n -> !nodes.contains(n)).forEach(n -> {
        released.add(n.address());
        dropInterface(tx, ctx, n);
      });
      var lb2 = lb.withNodes(nodes);
      tx.put(LoadBalancer.TABLE, scope, lb.arn(), lb2);
      return lb2;
    });
    released.forEach(pool::release);
    return SetSubnetsResponse.builder().availabilityZones(zones(updated)).ipAddressType(updated.ipAddressType()).build();
  }

  public SetIpAddressTypeResponse setIpAddressType(RequestContext ctx, SetIpAddressTypeRequest req) {
    String type = req.ipAddressTypeAsString();
    if (!List.of("ipv4", "dualstack", "dualstack-without-public-ipv4").contains(type)) {
      throw Elbv2Errors.validation("IP address type '" + type + "' is not valid");
    }
    String scope = ctx.regionalScope();
    store.write(tx -> {
      var lb = Elbv2Reads.loadBalancer(tx, scope, req.loadBalancerArn());
      if (type.equals("dualstack-without-public-ipv4") && (!lb.isApplication() || !"internet-facing".equals(lb.scheme()))) {
        throw Elbv2Errors.validation(
            "IP address type 'dualstack-without-public-ipv4' is only supported for internet-facing Application Load Balancers");
      }
      if (!type.equals("ipv4")) {
        boolean ipv6 = vpcs.get().flatMap(l -> l.vpc(ctx.accountId(), ctx.region(), lb.vpcId()))
            .map(v -> v.cidrBlocks().stream().anyMatch(c -> c.contains(":"))).orElse(true);
        if (!ipv6) throw Elbv2Errors.invalidConfiguration("VPC '" + lb.vpcId() + "' has no IPv6 CIDR block");
      }
      tx.put(LoadBalancer.TABLE, scope, lb.arn(), lb.withIpAddressType(type));
      return null;
    });
    return SetIpAddressTypeResponse.builder().ipAddressType(type).build();
  }

  public DescribeAccountLimitsResponse describeAccountLimits(RequestContext ctx, DescribeAccountLimitsRequest req) {
    var limits = new java.util.LinkedHashMap<String, Integer>();
    limits.put("application-load-balancers", MAX_APPLICATION);
    limits.put("target-groups", TargetGroupOperations.MAX_TARGET_GROUPS);
    limits.put("targets-per-application-load-balancer", 1000);
    limits.put("listeners-per-application-load-balancer", ListenerOperations.MAX_LISTENERS);
    limits.put("rules-per-application-load-balancer", ListenerOperations.MAX_RULES);
    limits.put("network-load-balancers", MAX_NETWORK);
    limits.put("targets-per-network-load-balancer", 3000);
    limits.put("targets-per-availability-zone-per-network-load-balancer", 500);
    limits.put("listeners-per-network-load-balancer", ListenerOperations.MAX_LISTENERS);
    limits.put("condition-values-per-alb-rule", 5);
    limits.put("condition-wildcards-per-alb-rule", 5);
    limits.put("target-groups-per-application-load-balancer", 100);
    limits.put("target-groups-per-action-on-application-load-balancer", 5);
    limits.put("target-groups-per-action-on-network-load-balancer", 1);
    limits.put("certificates-per-application-load-balancer", ListenerOperations.MAX_CERTIFICATES);
    limits.put("certificates-per-network-load-balancer", ListenerOperations.MAX_CERTIFICATES);
    limits.put("targets-per-target-group", TargetGroupOperations.MAX_TARGETS_PER_GROUP);
    limits.put("target-id-registrations-per-application-load-balancer", 1000);
    limits.put("network-load-balancer-enis-per-vpc", 1200);
    limits.put("application-load-balancer-enis-per-vpc", 1200);
    limits.put("gateway-load-balancers", MAX_GATEWAY);
    limits.put("gateway-load-balancers-per-vpc", 100);
    limits.put("geneve-target-groups", 100);
    limits.put("targets-per-availability-zone-per-gateway-load-balancer", 300);
    return DescribeAccountLimitsResponse.builder()
        .limits(limits.entrySet().stream().map(e -> Limit.builder().name(e.getKey()).max(e.getValue().toString()).build()).toList())
        .build();
  }

  // ---- shapes and checks

  software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer toSdk(LoadBalancer lb) {
    String state = lb.stateAt(clock.instant());
    return software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer.builder()
        // a Gateway Load Balancer has no scheme (AWS refuses one): AWS shows none
        .loadBalancerArn(lb.arn()).loadBalancerName(lb.name()).type(lb.type()).scheme(lb.isGateway() ? null : lb.scheme())
        .vpcId(lb.vpcId()).dnsName(lb.dnsName()).createdTime(lb.createdTime())
        .canonicalHostedZoneId(Elbv2Names.canonicalHostedZoneId(regionOf(lb.arn()), lb.type()))
        .state(LoadBalancerState.builder().code(state).build())
        .availabilityZones(zones(lb))
        .securityGroups(lb.isGateway() || (lb.isNetwork() && lb.securityGroups().isEmpty()) ? null : lb.securityGroups())
        .ipAddressType(lb.ipAddressType())
        .build();
  }

  private static List<AvailabilityZone> zones(LoadBalancer lb) {
    return lb.nodes().stream().map(n -> AvailabilityZone.builder().zoneName(n.availabilityZone()).subnetId(n.subnetId())
        .loadBalancerAddresses(lb.isNetwork()
            ? List.of(LoadBalancerAddress.builder().ipAddress(n.address()).allocationId(n.allocationId()).build()) : null)
        .build()).toList();
  }

  static String regionOf(String arn) { return arn.split(":")[3]; }

  /** A new node in {@code subnet}: a loopback address and, with EC2 present, its network interface. */
  private LoadBalancer.Node node(dev.stratus.core.store.Transaction tx, RequestContext ctx, LoadBalancer lb,
      VpcLookup.SubnetInfo subnet) {
    String address = pool.allocate();
    return interfaces.get().map(m -> m.create(tx, ctx.accountId(), ctx.region(), new ManagedInterfaces.Spec(
            subnet.subnetId(), lb.securityGroups(), lb.interfaceType(), lb.interfaceDescription())))
        .map(eni -> new LoadBalancer.Node(subnet.subnetId(), subnet.availabilityZone(), address, eni.networkInterfaceId(),
            eni.privateIpAddress(), null))
        .orElseGet(() -> new LoadBalancer.Node(subnet.subnetId(), subnet.availabilityZone(), address));
  }

  private void dropInterface(dev.stratus.core.store.Transaction tx, RequestContext ctx, LoadBalancer.Node n) {
    if (n.networkInterfaceId() == null) return;
    interfaces.get().ifPresent(m -> m.delete(tx, ctx.accountId(), ctx.region(), n.networkInterfaceId()));
  }

  private static List<software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute> lbAttributes(
      LoadBalancer lb) {
    var all = Attributes.loadBalancerDefaults(lb.type());
    all.putAll(lb.attributes());
    return all.entrySet().stream().map(e -> software.amazon.awssdk.services.elasticloadbalancingv2.model
        .LoadBalancerAttribute.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }

  /** Checks the subnets as AWS does and returns them in the order given. */
  private List<VpcLookup.SubnetInfo> placeSubnets(RequestContext ctx, String type, List<String> subnetIds, String vpcOfLb) {
    if (subnetIds.isEmpty()) {
      if (vpcOfLb != null) throw Elbv2Errors.validation("At least one subnet must be specified");
      // AWS places a balancer given no subnets in the default VPC's subnets; Stratus asks for them.
      throw Elbv2Errors.validation(type.equals("application")
          ? "At least two subnets in two different Availability Zones must be specified"
          : "At least one subnet must be specified");
    }
    var lookup = vpcs.get().orElseThrow(() -> Elbv2Errors.error("SubnetNotFound",
        "The subnet ID '" + subnetIds.get(0) + "' is not valid"));
    List<VpcLookup.SubnetInfo> found = new ArrayList<>();
    for (String id : subnetIds) {
      found.add(lookup.subnet(ctx.accountId(), ctx.region(), id).orElseThrow(() ->
          Elbv2Errors.error("SubnetNotFound", "The subnet ID '" + id + "' is not valid")));
    }
    String vpc = vpcOfLb != null ? vpcOfLb : found.get(0).vpcId();
    for (var s : found) {
      if (!s.vpcId().equals(vpc)) {
        throw Elbv2Errors.error("InvalidSubnet", "Subnet '" + s.subnetId() + "' is not in VPC '" + vpc + "'");
      }
    }
    var zones = new HashSet<String>();
    for (var s : found) {
      if (!zones.add(s.availabilityZone())) {
        throw Elbv2Errors.invalidConfiguration("A load balancer cannot be attached to multiple subnets in the same Availability Zone");
      }
    }
    if (type.equals("application") && zones.size() < 2) {
      throw Elbv2Errors.validation("At least two subnets in two different Availability Zones must be specified");
    }
    return found;
  }

  /** The groups given (each must exist in the balancer's VPC), or the VPC's default group when none is given. */
  private List<String> securityGroups(RequestContext ctx, String vpcId, Collection<String> given) {
    var lookup = vpcs.get();
    if (given.isEmpty()) {
      return lookup.flatMap(l -> l.defaultSecurityGroup(ctx.accountId(), ctx.region(), vpcId))
          .map(g -> List.of(g.groupId())).orElse(List.of());
    }
    for (String id : given) {
      var g = lookup.flatMap(l -> l.securityGroup(ctx.accountId(), ctx.region(), id))
          .orElseThrow(() -> Elbv2Errors.error("InvalidSecurityGroup", "One or more security groups are invalid"));
      if (!g.vpcId().equals(vpcId)) {
        throw Elbv2Errors.error("InvalidSecurityGroup", "Security group '" + id + "' does not belong to VPC '" + vpcId + "'");
      }
    }
    return List.copyOf(new java.util.LinkedHashSet<>(given));
  }

  static int pageSize(Integer requested) {
    if (requested == null) return MAX_PAGE_SIZE;
    if (requested < 1 || requested > MAX_PAGE_SIZE) {
      throw Elbv2Errors.validation("1 validation error detected: Value '" + requested
          + "' at 'pageSize' failed to satisfy constraint: Member must have value between 1 and 400");
    }
    return requested;
  }

  /**
   * The items named by ARN or by name, or every item when neither is given; null when a named
   * item does not exist (AWS refuses the whole call then).
   */
  static <T> List<T> selectAll(List<T> all, Collection<String> arns, java.util.function.Function<T, String> arnOf,
      Collection<String> names, java.util.function.Function<T, String> nameOf) {
    if (!arns.isEmpty() && !names.isEmpty()) {
      throw Elbv2Errors.validation("Load balancer names and load balancer ARNs cannot be specified at the same time");
    }
    var wanted = !arns.isEmpty() ? arns : names;
    var key = !arns.isEmpty() ? arnOf : nameOf;
    if (wanted.isEmpty()) return all;
    var found = all.stream().filter(t -> wanted.contains(key.apply(t))).toList();
    return found.size() == wanted.stream().distinct().count() ? found : null;
  }
}
