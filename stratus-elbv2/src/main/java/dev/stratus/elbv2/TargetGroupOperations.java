package dev.stratus.elbv2;

import dev.stratus.core.Pagination;
import dev.stratus.core.RequestContext;
import dev.stratus.core.net.Cidr;
import dev.stratus.core.store.Store;
import dev.stratus.core.vpc.VpcLookup;
import dev.stratus.elbv2.model.Attributes;
import dev.stratus.elbv2.model.LoadBalancer;
import dev.stratus.elbv2.model.ResourceTags;
import dev.stratus.elbv2.model.TargetGroup;
import dev.stratus.elbv2.model.TargetGroup.HealthCheck;
import dev.stratus.elbv2.model.TargetHealthSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

/** Target groups, their attributes, targets and target health. */
public final class TargetGroupOperations {
  static final int MAX_TARGET_GROUPS = 3000;
  static final int MAX_TARGETS_PER_GROUP = 1000;
  static final int MAX_TARGETS_PER_ALB = 1000;
  private static final Set<String> PROTOCOLS = Set.of("HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP", "GENEVE");
  private static final Set<String> L4 = Set.of("TCP", "TLS", "UDP", "TCP_UDP");
  /** Where an ip target may be (elbv2.md §13), plus 127.0.0.0/8: Stratus's one local extension, a process on this machine. */
  private static final List<Cidr> PRIVATE = List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("172.16.0.0/12"),
      Cidr.parse("192.168.0.0/16"), Cidr.parse("100.64.0.0/10"), Cidr.parse("127.0.0.0/8"));

  private final Store store;
  private final Clock clock;
  private final Supplier<Optional<VpcLookup>> vpcs;
  private final Supplier<TargetHealthSource> health;
  private final Supplier<Optional<dev.stratus.core.lambda.FunctionInvoker>> functions;

  public TargetGroupOperations(Store store, Clock clock, Supplier<Optional<VpcLookup>> vpcs, Supplier<TargetHealthSource> health) {
    this(store, clock, vpcs, health, Optional::empty);
  }

  /** @param functions Lambda, which RegisterTargets asks whether a function lets ELB invoke it */
  public TargetGroupOperations(Store store, Clock clock, Supplier<Optional<VpcLookup>> vpcs, Supplier<TargetHealthSource> health,
      Supplier<Optional<dev.stratus.core.lambda.FunctionInvoker>> functions) {
    this.functions = functions;
    this.store = store;
    this.clock = clock;
    this.vpcs = vpcs;
    this.health = health;
  }

  public CreateTargetGroupResponse createTargetGroup(RequestContext ctx, CreateTargetGroupRequest req) {
    Elbv2Names.requireName("Target group", req.name());
    String targetType = req.targetTypeAsString() == null ? "instance" : req.targetTypeAsString();
    if (!Set.of("instance", "ip", "lambda", "alb").contains(targetType)) {
      throw Elbv2Errors.validation("Target type '" + targetType + "' is not valid");
    }
    String protocol = req.protocolAsString();
    String version = req.protocolVersion();
    Integer port = req.port();
    String vpcId = req.vpcId();
    if (targetType.equals("lambda")) {
      if (protocol != null || port != null || vpcId != null) {
        throw Elbv2Errors.validation("A protocol, port and VPC ID cannot be specified for target groups with target type 'lambda'");
      }
    } else {
      if (protocol == null) throw Elbv2Errors.validation("A protocol must be specified");
      if (!PROTOCOLS.contains(protocol)) throw Elbv2Errors.validation("Protocol '" + protocol + "' is not valid");
      if (port == null) throw Elbv2Errors.validation("A port must be specified");
      if (port < 1 || port > 65535) throw Elbv2Errors.validation("Port '" + port + "' must be between '1' and '65535'");
      if (vpcId == null) throw Elbv2Errors.validation("A VPC ID must be specified");
      vpcs.get().ifPresent(l -> l.vpc(ctx.accountId(), ctx.region(), vpcId)
          .orElseThrow(() -> Elbv2Errors.validation("The VPC ID '" + vpcId + "' is not found")));
      if (protocol.equals("GENEVE") && port != 6081) {
        throw Elbv2Errors.validation("Port must be '6081' for target groups with protocol 'GENEVE'");
      }
      if (targetType.equals("alb") && !protocol.equals("TCP")) {
        throw Elbv2Errors.validation("Target groups with target type 'alb' support only the 'TCP' protocol");
      }
      if (version != null) {
        if (!protocol.startsWith("HTTP")) {
          throw Elbv2Errors.validation("A protocol version can only be specified with the HTTP or HTTPS protocol");
        }
        if (!Set.of("HTTP1", "HTTP2", "GRPC").contains(version.toUpperCase(java.util.Locale.ROOT))) {
          throw Elbv2Errors.validation("Protocol version '" + version + "' is not valid");
        }
        version = version.toUpperCase(java.util.Locale.ROOT);
      } else if (protocol.startsWith("HTTP")) {
        version = "HTTP1";
      }
    }
    HealthCheck hc = healthCheck(defaults(targetType, protocol, version), targetType, protocol, version,
        req.healthCheckEnabled(), req.healthCheckProtocolAsString(), req.healthCheckPort(), req.healthCheckPath(),
        req.healthCheckIntervalSeconds(), req.healthCheckTimeoutSeconds(), req.healthyThresholdCount(),
        req.unhealthyThresholdCount(), req.matcher());
    String scope = ctx.regionalScope();
    String v = version;
    var tg = store.write(tx -> {
      var all = tx.list(TargetGroup.TABLE, scope);
      var same = all.stream().filter(t -> t.name().equals(req.name())).findFirst();
      var candidate = new TargetGroup("arn:pending", req.name(), protocol, v, port, vpcId, targetType,
          req.ipAddressTypeAsString() == null ? (targetType.equals("lambda") ? null : "ipv4") : req.ipAddressTypeAsString(),
          hc, Map.of(), List.of());
      if (same.isPresent()) {
        var t = same.get();
        if (java.util.Objects.equals(t.protocol(), protocol) && java.util.Objects.equals(t.port(), port)
            && java.util.Objects.equals(t.vpcId(), vpcId) && t.targetType().equals(targetType) && t.healthCheck().equals(hc)) {
          return t;
        }
        throw Elbv2Errors.error("DuplicateTargetGroupName", "A target group with the same name '" + req.name()
            + "' exists, but with different settings");
      }
      if (all.size() >= MAX_TARGET_GROUPS) {
        throw Elbv2Errors.error("TooManyTargetGroups", "The maximum number of target groups has been reached");
      }
      String arn = Elbv2Names.arnPrefix(ctx.region(), ctx.accountId()) + "targetgroup/" + req.name() + "/" + Elbv2Names.newId();
      var created = new TargetGroup(arn, candidate.name(), protocol, v, port, vpcId, targetType, candidate.ipAddressType(),
          hc, Map.of(), List.of());
      tx.put(TargetGroup.TABLE, scope, arn, created);
      if (!req.tags().isEmpty()) Elbv2Tags.put(tx, scope, arn, req.tags());
      return created;
    });
    return CreateTargetGroupResponse.builder().targetGroups(toSdk(tg, List.of())).build();
  }

  public ModifyTargetGroupResponse modifyTargetGroup(RequestContext ctx, ModifyTargetGroupRequest req) {
    String scope = ctx.regionalScope();
    var tg = store.write(tx -> {
      var t = Elbv2Reads.targetGroup(tx, scope, req.targetGroupArn());
      var hc = healthCheck(t.healthCheck(), t.targetType(), t.protocol(), t.protocolVersion(), req.healthCheckEnabled(),
          req.healthCheckProtocolAsString(), req.healthCheckPort(), req.healthCheckPath(), req.healthCheckIntervalSeconds(),
          req.healthCheckTimeoutSeconds(), req.healthyThresholdCount(), req.unhealthyThresholdCount(), req.matcher());
      var t2 = t.withHealthCheck(hc);
      tx.put(TargetGroup.TABLE, scope, t.arn(), t2);
      return t2;
    });
    return ModifyTargetGroupResponse.builder().targetGroups(toSdk(tg, Elbv2Reads.loadBalancersOf(store, scope, tg.arn()))).build();
  }

  public DeleteTargetGroupResponse deleteTargetGroup(RequestContext ctx, DeleteTargetGroupRequest req) {
    Elbv2Names.requireArn(Elbv2Names.TARGET_GROUP_ARN, "target group", req.targetGroupArn());
    String scope = ctx.regionalScope();
    store.write(tx -> {
      if (tx.get(TargetGroup.TABLE, scope, req.targetGroupArn()).isEmpty()) return null;
      if (!Elbv2Reads.loadBalancersOf(tx, scope, req.targetGroupArn()).isEmpty()) {
        throw Elbv2Errors.error("ResourceInUse", "Target group '" + req.targetGroupArn()
            + "' is currently in use by a listener or a rule");
      }
      tx.delete(TargetGroup.TABLE, scope, req.targetGroupArn());
      tx.delete(ResourceTags.TABLE, scope, req.targetGroupArn());
      return null;
    });
    return DeleteTargetGroupResponse.builder().build();
  }

  public DescribeTargetGroupsResponse describeTargetGroups(RequestContext ctx, DescribeTargetGroupsRequest req) {
    req.targetGroupArns().forEach(arn -> Elbv2Names.requireArn(Elbv2Names.TARGET_GROUP_ARN, "target group", arn));
    String scope = ctx.regionalScope();
    if (req.loadBalancerArn() != null) Elbv2Reads.loadBalancer(store, scope, req.loadBalancerArn());
    var all = store.list(TargetGroup.TABLE, scope).stream()
        .filter(tg -> req.loadBalancerArn() == null
            || Elbv2Reads.loadBalancersOf(store, scope, tg.arn()).contains(req.loadBalancerArn()))
        .toList();
    var chosen = LoadBalancerOperations.selectAll(all, req.targetGroupArns(), TargetGroup::arn, req.names(), TargetGroup::name);
    if (chosen == null) throw Elbv2Errors.targetGroupNotFound();
    var page = Pagination.page(chosen, TargetGroup::arn, req.marker(), LoadBalancerOperations.pageSize(req.pageSize()),
        m -> Elbv2Errors.validation("Invalid marker"));
    return DescribeTargetGroupsResponse.builder()
        .targetGroups(page.items().stream().map(tg -> toSdk(tg, Elbv2Reads.loadBalancersOf(store, scope, tg.arn()))).toList())
        .nextMarker(page.nextMarker().orElse(null))
        .build();
  }

  public DescribeTargetGroupAttributesResponse describeTargetGroupAttributes(RequestContext ctx,
      DescribeTargetGroupAttributesRequest req) {
    var tg = Elbv2Reads.targetGroup(store, ctx.regionalScope(), req.targetGroupArn());
    return DescribeTargetGroupAttributesResponse.builder().attributes(attributes(tg)).build();
  }

  public ModifyTargetGroupAttributesResponse modifyTargetGroupAttributes(RequestContext ctx,
      ModifyTargetGroupAttributesRequest req) {
    String scope = ctx.regionalScope();
    var tg = store.write(tx -> {
      var t = Elbv2Reads.targetGroup(tx, scope, req.targetGroupArn());
      var defaults = Attributes.targetGroupDefaults(t);
      Map<String, String> next = new HashMap<>(t.attributes());
      for (var a : req.attributes()) {
        if (!defaults.containsKey(a.key())) {
          throw Elbv2Errors.validation("Target group attribute key '" + a.key() + "' is not recognized");
        }
        Attributes.invalidValue(a.key(), a.value()).ifPresent(m -> { throw Elbv2Errors.validation(m); });
        if (a.key().equals("preserve_client_ip.enabled") && a.value().equals("false") && t.protocol().contains("UDP")) {
          throw Elbv2Errors.invalidConfiguration("Client IP preservation cannot be disabled for UDP and TCP_UDP target groups");
        }
        next.put(a.key(), a.value());
      }
      var t2 = t.withAttributes(next);
      if ("least_outstanding_requests".equals(t2.attribute("load_balancing.algorithm.type"))
          && !"0".equals(t2.attribute("slow_start.duration_seconds"))) {
        throw Elbv2Errors.invalidConfiguration(
            "Slow start mode is not supported with the 'least_outstanding_requests' load balancing algorithm");
      }
      if ("on".equals(t2.attribute("load_balancing.algorithm.anomaly_mitigation"))
          && !"weighted_random".equals(t2.attribute("load_balancing.algorithm.type"))) {
        throw Elbv2Errors.invalidConfiguration("Anomaly mitigation is only supported with the 'weighted_random' algorithm");
      }
      if ("true".equals(t2.attribute("stickiness.enabled")) && "app_cookie".equals(t2.attribute("stickiness.type"))
          && t2.attribute("stickiness.app_cookie.cookie_name").isEmpty()) {
        throw Elbv2Errors.validation("'stickiness.app_cookie.cookie_name' must be specified when the stickiness type is 'app_cookie'");
      }
      tx.put(TargetGroup.TABLE, scope, t.arn(), t2);
      return t2;
    });
    return ModifyTargetGroupAttributesResponse.builder().attributes(attributes(tg)).build();
  }

  public RegisterTargetsResponse registerTargets(RequestContext ctx, RegisterTargetsRequest req) {
    String scope = ctx.regionalScope();
    var tg0 = Elbv2Reads.targetGroup(store, scope, req.targetGroupArn());
    List<TargetGroup.Target> adding = new ArrayList<>();
    for (var d : req.targets()) adding.add(resolve(ctx, tg0, d));
    store.write(tx -> {
      var tg = Elbv2Reads.targetGroup(tx, scope, req.targetGroupArn());
      List<TargetGroup.Target> next = new ArrayList<>(tg.targets());
      var at = clock.instant();
      next.removeIf(t -> drained(tg, t, at)); // drained targets leave the record with the next write
      for (var t : adding) {
        next.removeIf(o -> o.id().equals(t.id()) && java.util.Objects.equals(o.port(), t.port()));
        next.add(t);
      }
      if (tg.targetType().equals("lambda") && next.size() > 1) {
        throw Elbv2Errors.error("TooManyTargets", "You can register only one Lambda function with a target group");
      }
      if (next.stream().filter(TargetGroup.Target::registered).count() > MAX_TARGETS_PER_GROUP) {
        throw Elbv2Errors.error("TooManyTargets", "You've reached the limit on the number of targets per target group");
      }
      for (String lbArn : Elbv2Reads.loadBalancersOf(tx, scope, tg.arn())) {
        var lb = tx.get(LoadBalancer.TABLE, scope, lbArn).orElse(null);
        if (lb == null || !lb.isApplication()) continue;
        long onLb = next.stream().filter(TargetGroup.Target::registered).count();
        for (String other : Elbv2Reads.targetGroupsUsedBy(tx, scope, lbArn)) {
          if (other.equals(tg.arn())) continue;
          onLb += tx.get(TargetGroup.TABLE, scope, other).map(o -> o.targets().stream().filter(TargetGroup.Target::registered).count())
              .orElse(0L);
        }
        if (onLb > MAX_TARGETS_PER_ALB) {
          throw Elbv2Errors.error("TooManyTargets", "You've reached the limit on the number of targets per load balancer");
        }
      }
      tx.put(TargetGroup.TABLE, scope, tg.arn(), tg.withTargets(next));
      return null;
    });
    return RegisterTargetsResponse.builder().build();
  }

  public DeregisterTargetsResponse deregisterTargets(RequestContext ctx, DeregisterTargetsRequest req) {
    String scope = ctx.regionalScope();
    var now = clock.instant();
    store.write(tx -> {
      var tg = Elbv2Reads.targetGroup(tx, scope, req.targetGroupArn());
      List<TargetGroup.Target> next = new ArrayList<>(tg.targets());
      next.removeIf(t -> drained(tg, t, now));
      for (var d : req.targets()) {
        var match = next.stream().filter(t -> t.registered() && t.id().equals(d.id())
            && (d.port() == null || java.util.Objects.equals(d.port(), t.port()))).toList();
        if (match.isEmpty()) {
          throw Elbv2Errors.error("InvalidTarget", "The following targets are not registered in target group '"
              + tg.arn() + "': '" + d.id() + "'");
        }
        for (var t : match) {
          next.remove(t);
          // Lambda targets and groups no load balancer uses leave at once; others drain.
          boolean drains = !tg.targetType().equals("lambda") && !Elbv2Reads.loadBalancersOf(tx, scope, tg.arn()).isEmpty()
              && !"0".equals(tg.attribute("deregistration_delay.timeout_seconds"));
          if (drains) {
            next.add(new TargetGroup.Target(t.id(), t.port(), t.availabilityZone(), t.address(), t.registeredAt(), now));
          }
        }
      }
      tx.put(TargetGroup.TABLE, scope, tg.arn(), tg.withTargets(next));
      return null;
    });
    return DeregisterTargetsResponse.builder().build();
  }

  public DescribeTargetHealthResponse describeTargetHealth(RequestContext ctx, DescribeTargetHealthRequest req) {
    String scope = ctx.regionalScope();
    var tg = Elbv2Reads.targetGroup(store, scope, req.targetGroupArn());
    var lbs = Elbv2Reads.loadBalancersOf(store, scope, tg.arn());
    var now = clock.instant();
    List<TargetHealthDescription> out = new ArrayList<>();
    List<TargetGroup.Target> shown = new ArrayList<>();
    if (req.targets().isEmpty()) {
      shown.addAll(tg.targets().stream().filter(t -> !drained(tg, t, now)).toList());
    } else {
      for (var d : req.targets()) {
        var found = tg.targets().stream().filter(t -> t.id().equals(d.id())
            && (d.port() == null || java.util.Objects.equals(d.port(), t.port())) && !drained(tg, t, now)).toList();
        if (found.isEmpty()) {
          out.add(TargetHealthDescription.builder()
              .target(TargetDescription.builder().id(d.id()).port(d.port()).build())
              .targetHealth(TargetHealth.builder().state("unused").reason("Target.NotRegistered")
                  .description("Target is not registered to the target group").build()).build());
        }
        shown.addAll(found);
      }
    }
    for (var t : shown) {
      out.add(TargetHealthDescription.builder()
          // AWS names a target's zone for IP targets only (an instance's is the instance's)
          .target(TargetDescription.builder().id(t.id()).port(t.port())
              .availabilityZone(tg.targetType().equals("instance") ? null : t.availabilityZone()).build())
          .healthCheckPort(tg.healthCheck().port() == null || t.port() == null ? null
              : tg.healthCheck().port().equals("traffic-port") ? String.valueOf(t.port()) : tg.healthCheck().port())
          .targetHealth(TargetHealthStates.of(tg, t, !lbs.isEmpty(), instanceState(ctx, tg, t), health.get(), now))
          .build());
    }
    return DescribeTargetHealthResponse.builder().targetHealthDescriptions(out).build();
  }

  private String instanceState(RequestContext ctx, TargetGroup tg, TargetGroup.Target t) {
    if (!tg.targetType().equals("instance")) return "running";
    return vpcs.get().flatMap(l -> l.instance(ctx.accountId(), ctx.region(), t.id()))
        .map(VpcLookup.InstanceInfo::state).orElse("terminated");
  }

  static boolean drained(TargetGroup tg, TargetGroup.Target t, java.time.Instant now) {
    if (t.registered()) return false;
    long delay = Long.parseLong(tg.attribute("deregistration_delay.timeout_seconds"));
    return !now.isBefore(t.deregisteredAt().plus(Duration.ofSeconds(delay)));
  }

  /** Checks one target description and resolves where its traffic goes. */
  private TargetGroup.Target resolve(RequestContext ctx, TargetGroup tg, TargetDescription d) {
    Integer port = d.port() != null ? d.port() : tg.port();
    if (port != null && (port < 1 || port > 65535)) {
      throw Elbv2Errors.validation("Port '" + port + "' must be between '1' and '65535'");
    }
    var now = clock.instant();
    switch (tg.targetType()) {
      case "ip" -> {
        var addr = Cidr.tryParse(d.id().contains("/") ? d.id() : d.id() + (d.id().contains(":") ? "/128" : "/32"));
        if (addr.isEmpty() || d.id().contains("/")) {
          throw Elbv2Errors.error("InvalidTarget", "The IP address '" + d.id() + "' is not a valid IP address");
        }
        boolean inVpc = vpcs.get().flatMap(l -> l.vpc(ctx.accountId(), ctx.region(), tg.vpcId()))
            .map(v -> v.cidrBlocks().stream().map(Cidr::parse).anyMatch(c -> c.contains(addr.get()))).orElse(false);
        boolean isPrivate = PRIVATE.stream().anyMatch(c -> c.contains(addr.get()));
        if (!inVpc && !isPrivate) {
          throw Elbv2Errors.error("InvalidTarget", "The IP address '" + d.id()
              + "' is not within the VPC CIDR or a private IP address range");
        }
        boolean loopback = addr.get().isIpv4() && Cidr.parse("127.0.0.0/8").contains(addr.get());
        if (!inVpc && !loopback && !"all".equals(d.availabilityZone())) {
          // AWS: an address outside the VPC (peered or on-premises) is registered with AZ "all".
          throw Elbv2Errors.validation("The Availability Zone must be 'all' for IP address '" + d.id()
              + "' because it is outside the VPC");
        }
        // An address in the VPC is in the zone of its subnet (AWS detects it); a local process serves every zone.
        String az = d.availabilityZone() != null ? d.availabilityZone() : loopback ? "all" : !inVpc ? null
            : vpcs.get().flatMap(l -> l.subnetContaining(ctx.accountId(), ctx.region(), tg.vpcId(), d.id()))
                .map(VpcLookup.SubnetInfo::availabilityZone).orElse(null);
        return new TargetGroup.Target(d.id(), port, az, d.id(), now, null);
      }
      case "instance" -> {
        var lookup = vpcs.get();
        var info = lookup.flatMap(l -> l.instance(ctx.accountId(), ctx.region(), d.id()))
            .orElseThrow(() -> Elbv2Errors.error("InvalidTarget", "The following targets are not valid instances: '" + d.id() + "'"));
        if (!info.state().equals("running")) {
          throw Elbv2Errors.error("InvalidTarget",
              "The following targets are not in a running state and cannot be registered: '" + d.id() + "'");
        }
        if (!info.vpcId().equals(tg.vpcId())) {
          throw Elbv2Errors.error("InvalidTarget", "The following targets are not in the target group VPC '"
              + tg.vpcId() + "': '" + d.id() + "'");
        }
        return new TargetGroup.Target(d.id(), port, info.availabilityZone(), info.privateIpAddress(), now, null);
      }
      case "lambda" -> {
        if (!d.id().matches("arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?")) {
          throw Elbv2Errors.validation("'" + d.id() + "' is not a valid Lambda function ARN");
        }
        var lambda = functions.get();
        if (lambda.isPresent() && !lambda.get().allows(d.id(), "elasticloadbalancing.amazonaws.com", tg.arn())) {
          throw new dev.stratus.core.AwsException("AccessDenied", 403, "elasticloadbalancing principal does not have"
              + " permission to invoke " + d.id() + " from target group " + tg.arn());
        }
        return new TargetGroup.Target(d.id(), null, null, null, now, null);
      }
      default -> { // alb
        var alb = store.get(LoadBalancer.TABLE, ctx.regionalScope(), d.id()).filter(LoadBalancer::isApplication)
            .orElseThrow(() -> Elbv2Errors.error("InvalidTarget", "The following targets are not valid Application Load Balancers: '"
                + d.id() + "'"));
        return new TargetGroup.Target(d.id(), port, null, null, now, null);
      }
    }
  }

  static HealthCheck defaults(String targetType, String protocol, String version) {
    if (targetType.equals("lambda")) return new HealthCheck(false, "HTTP", null, "/", 35, 30, 5, 2, "200", null);
    if (protocol.equals("GENEVE")) return new HealthCheck(true, "TCP", "80", null, 10, 5, 5, 2, null, null);
    if (L4.contains(protocol)) return new HealthCheck(true, "TCP", "traffic-port", null, 30, 10, 5, 2, null, null);
    if ("GRPC".equals(version)) {
      return new HealthCheck(true, protocol, "traffic-port", "/AWS.ALB/healthcheck", 30, 5, 5, 2, null, "12");
    }
    return new HealthCheck(true, protocol, "traffic-port", "/", 30, 5, 5, 2, "200", null);
  }

  /** {@code base} with the given settings applied and AWS's ranges checked. */
  private static HealthCheck healthCheck(HealthCheck base, String targetType, String protocol, String version, Boolean enabled,
      String hcProtocol, String hcPort, String path, Integer interval, Integer timeout, Integer healthy, Integer unhealthy,
      Matcher matcher) {
    boolean en = enabled != null ? enabled : base.enabled();
    String proto = hcProtocol != null ? hcProtocol : base.protocol();
    if (!Set.of("HTTP", "HTTPS", "TCP").contains(proto)) {
      throw Elbv2Errors.validation("Health check protocol '" + proto + "' is not valid");
    }
    if (proto.equals("TCP") && protocol != null && protocol.startsWith("HTTP")) {
      throw Elbv2Errors.validation("Health check protocol 'TCP' is not supported for target groups with the '"
          + protocol + "' protocol");
    }
    if (proto.equals("TCP") && path != null) {
      throw Elbv2Errors.validation("Health check path cannot be specified with the 'TCP' health check protocol");
    }
    String port = hcPort != null ? hcPort : base.port();
    if (port != null && !port.equals("traffic-port")) {
      int p;
      try { p = Integer.parseInt(port); } catch (NumberFormatException e) { p = -1; }
      if (p < 1 || p > 65535) throw Elbv2Errors.validation("Health check port '" + port + "' must be between '1' and '65535'");
    }
    String hcPath = path != null ? path : proto.equals("TCP") ? null : base.path() != null ? base.path() : "/";
    if (hcPath != null && (hcPath.isEmpty() || hcPath.length() > 1024 || !hcPath.startsWith("/"))) {
      throw Elbv2Errors.validation("Health check path must begin with '/' and be 1 to 1024 characters long");
    }
    int iv = interval != null ? interval : base.intervalSeconds();
    int to = timeout != null ? timeout : (proto.equals("HTTP") && protocol != null && L4.contains(protocol) && timeout == null
        && hcProtocol != null ? 6 : base.timeoutSeconds());
    int hy = healthy != null ? healthy : base.healthyThreshold();
    int uh = unhealthy != null ? unhealthy : base.unhealthyThreshold();
    range("Health check interval", iv, 5, 300);
    range("Health check timeout", to, 2, 120);
    range("Healthy threshold count", hy, 2, 10);
    range("Unhealthy threshold count", uh, 2, 10);
    if (to >= iv && !"lambda".equals(targetType)) {
      throw Elbv2Errors.validation("Health check timeout '" + to + "' must be smaller than the interval '" + iv + "'");
    }
    String http = base.httpCode();
    String grpc = base.grpcCode();
    if (proto.startsWith("HTTP") && http == null && grpc == null) http = protocol != null && L4.contains(protocol) ? "200-399" : "200";
    if (matcher != null) {
      if (matcher.httpCode() != null) {
        boolean nlb = protocol != null && L4.contains(protocol);
        requireCodes("HttpCode", matcher.httpCode(), 200, nlb ? 599 : 499);
        http = matcher.httpCode();
      }
      if (matcher.grpcCode() != null) {
        if (!"GRPC".equals(version)) throw Elbv2Errors.validation("A gRPC code can only be specified for gRPC target groups");
        requireCodes("GrpcCode", matcher.grpcCode(), 0, 99);
        grpc = matcher.grpcCode();
      }
    }
    if (proto.equals("TCP")) http = null;
    return new HealthCheck(en, proto, port, hcPath, iv, to, hy, uh, http, grpc);
  }

  private static void range(String what, int v, int lo, int hi) {
    if (v < lo || v > hi) throw Elbv2Errors.validation(what + " '" + v + "' must be between '" + lo + "' and '" + hi + "'");
  }

  /** A matcher: codes ({@code 200,202}) or a range ({@code 200-299}) within [lo, hi]. */
  private static void requireCodes(String field, String codes, int lo, int hi) {
    String bad = field + " '" + codes + "' must be a value or range between '" + lo + "' and '" + hi + "'";
    for (String part : codes.split(",", -1)) {
      String[] ends = part.trim().split("-", -1);
      if (ends.length > 2) throw Elbv2Errors.validation(bad);
      int prev = -1;
      for (String e : ends) {
        int c;
        try { c = Integer.parseInt(e.trim()); } catch (NumberFormatException x) { throw Elbv2Errors.validation(bad); }
        if (c < lo || c > hi || c < prev) throw Elbv2Errors.validation(bad);
        prev = c;
      }
    }
  }

  private static List<TargetGroupAttribute> attributes(TargetGroup tg) {
    var all = Attributes.targetGroupDefaults(tg);
    all.putAll(tg.attributes());
    return all.entrySet().stream().map(e -> TargetGroupAttribute.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }

  static software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup toSdk(TargetGroup tg, List<String> lbs) {
    var hc = tg.healthCheck();
    return software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup.builder()
        .targetGroupArn(tg.arn()).targetGroupName(tg.name()).protocol(tg.protocol()).protocolVersion(tg.protocolVersion())
        .port(tg.port()).vpcId(tg.vpcId()).targetType(tg.targetType()).loadBalancerArns(lbs)
        // a Lambda function's checks are HTTP requests without a protocol of their own: AWS shows none
        .healthCheckEnabled(hc.enabled()).healthCheckProtocol(tg.targetType().equals("lambda") ? null : hc.protocol())
        .healthCheckPort(hc.port())
        .healthCheckPath(hc.path()).healthCheckIntervalSeconds(hc.intervalSeconds())
        .healthCheckTimeoutSeconds(hc.timeoutSeconds()).healthyThresholdCount(hc.healthyThreshold())
        .unhealthyThresholdCount(hc.unhealthyThreshold())
        .matcher(hc.httpCode() == null && hc.grpcCode() == null ? null
            : Matcher.builder().httpCode(hc.httpCode()).grpcCode(hc.grpcCode()).build())
        .ipAddressType(tg.ipAddressType())
        .build();
  }
}
