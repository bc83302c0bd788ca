package dev.stratus.globalaccelerator.dataplane;

import dev.stratus.core.elb.LoadBalancerView;
import dev.stratus.core.elb.LoadBalancers;
import dev.stratus.core.vpc.VpcLookup;
import dev.stratus.globalaccelerator.model.AcceleratorListener;
import dev.stratus.globalaccelerator.model.EndpointGroup;
import dev.stratus.globalaccelerator.model.EndpointGroup.EndpointKind;
import dev.stratus.net.health.HealthCheckType;
import dev.stratus.net.health.HealthChecker;
import dev.stratus.net.health.HealthCheckerConfig;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Where each endpoint is and whether it is healthy (globalaccelerator.md §10): an ALB or NLB by
 * ELB's own target health (healthy when every target group it uses has a healthy target); an EC2
 * instance by Global Accelerator's own checks (TCP, HTTP or HTTPS per the group, on the shared
 * prober) at the address of its {@code stratus:host} tag. Elastic IP endpoints have no address
 * here (Stratus does not model EIP associations for traffic) and are never healthy.
 */
final class EndpointHealth implements AutoCloseable {
  static final String HOST_TAG = "stratus:host";

  private final Supplier<Optional<LoadBalancers>> loadBalancers;
  private final Supplier<Optional<VpcLookup>> vpcs;
  private final HealthChecker checker;
  private final Set<String> running = new HashSet<>();

  EndpointHealth(Supplier<Optional<LoadBalancers>> loadBalancers, Supplier<Optional<VpcLookup>> vpcs, HealthChecker checker) {
    this.loadBalancers = loadBalancers;
    this.vpcs = vpcs;
    this.checker = checker;
  }

  /** A resolved endpoint: where flows go (null when nowhere) and whether it is healthy. */
  record Resolved(List<String> addresses, boolean healthy, boolean known) {}

  Resolved resolve(EndpointGroup group, EndpointGroup.Endpoint e) {
    return switch (e.kind()) {
      case APPLICATION_LOAD_BALANCER, NETWORK_LOAD_BALANCER -> {
        Optional<LoadBalancerView> lb = loadBalancers.get().flatMap(l -> l.find(e.endpointId()));
        yield lb.map(v -> new Resolved(v.nodeAddresses(), v.healthy(), true)).orElse(new Resolved(List.of(), false, false));
      }
      case INSTANCE -> {
        Optional<String> host = hostOf(group, e.endpointId());
        if (host.isEmpty()) yield new Resolved(List.of(), false, false);
        var status = checker.status(checkId(group, e));
        yield new Resolved(List.of(host.get()), status.map(s -> s.healthy()).orElse(false), status.isPresent());
      }
      case ELASTIC_IP -> new Resolved(List.of(), false, true);
    };
  }

  /** HEALTHY, UNHEALTHY or INITIAL (not yet checked), as DescribeEndpointGroup reports it. */
  String state(EndpointGroup group, EndpointGroup.Endpoint e) {
    Resolved r = resolve(group, e);
    if (!r.known()) return "INITIAL";
    return r.healthy() ? "HEALTHY" : "UNHEALTHY";
  }

  /** Brings the instance checks in line with the groups (called after every change). */
  synchronized void sync(GaSnapshot snapshot) {
    Set<String> wanted = new HashSet<>();
    for (var entry : snapshot.groupsByListener().entrySet()) {
      AcceleratorListener listener = snapshot.listeners().get(entry.getKey());
      if (listener == null) continue;
      for (EndpointGroup g : entry.getValue()) {
        for (EndpointGroup.Endpoint e : g.endpoints()) {
          if (e.kind() != EndpointKind.INSTANCE) continue;
          Optional<String> host = hostOf(g, e.endpointId());
          if (host.isEmpty()) continue;
          String id = checkId(g, e);
          wanted.add(id);
          // UDP listeners are checked with TCP on the listener port (§10).
          HealthCheckType type = switch (g.healthCheckProtocol()) {
            case "HTTP" -> HealthCheckType.HTTP;
            case "HTTPS" -> HealthCheckType.HTTPS;
            default -> HealthCheckType.TCP;
          };
          int port = g.healthCheckPort() != null ? g.healthCheckPort() : g.endpointPort(listener.firstPort());
          checker.put(HealthCheckerConfig.endpoint(id, type, host.get(), port, g.healthCheckPath(), Optional.empty())
              .withInterval(Duration.ofSeconds(g.healthCheckIntervalSeconds())).withFailureThreshold(g.thresholdCount()));
        }
      }
    }
    for (String id : Set.copyOf(running)) if (!wanted.contains(id)) checker.remove(id);
    running.clear();
    running.addAll(wanted);
  }

  private Optional<String> hostOf(EndpointGroup group, String instanceId) {
    String account = group.arn().split(":")[4];
    return vpcs.get().flatMap(v -> Optional.ofNullable(v.tags(account, group.region(), instanceId).get(HOST_TAG)));
  }

  private static String checkId(EndpointGroup g, EndpointGroup.Endpoint e) { return g.arn() + "|" + e.endpointId(); }

  @Override
  public void close() { checker.close(); }
}
