package dev.stratus.elbv2.dataplane;

import dev.stratus.core.Extensions;
import dev.stratus.core.net.Cidr;
import dev.stratus.core.vpc.PathCheck;
import dev.stratus.core.vpc.ResolverFacts;
import dev.stratus.core.vpc.VpcLookup;
import dev.stratus.elbv2.model.LoadBalancer;
import dev.stratus.elbv2.model.TargetGroup;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Where a target's traffic really goes and whether the VPC lets a load balancer node reach it
 * (ARCHITECTURE "Addresses", issue 8 item 4), shared by health checks and listeners.
 *
 * <ul>
 *   <li>An {@code instance} target tagged {@value ResolverFacts#HOST_TAG}{@code =127.x.y.z} is the
 *       process listening on that loopback address at the target port; an untagged instance is
 *       its primary private address (which nothing on this machine answers). Other targets go
 *       where they were registered.
 *   <li>Between a node and an {@code instance} target the VPC model decides: the Reachability
 *       Analyzer's verdict for the node's network interface to the instance on the port (both
 *       security groups, NACLs, routes, the reply). A blocked path is what AWS shows as a health
 *       check timeout ({@code Target.Timeout}) and a connection that never completes. {@code ip}
 *       targets in 127.0.0.0/8 are processes outside any VPC and are not gated.
 * </ul>
 *
 * Verdicts are cached by the analyzer per network state (a security group change is seen at the
 * next connection or probe, without waiting for an ELB snapshot).
 */
public final class TargetPaths {
  private static final Logger LOG = Logger.getLogger(TargetPaths.class.getName());
  private static final Cidr LOOPBACK = Cidr.parse("127.0.0.0/8");

  /** No EC2: addresses as registered, every path open (unit tests, a Stratus without EC2). */
  public static final TargetPaths DIRECT = new TargetPaths(Optional::empty, Optional::empty);

  private final Supplier<Optional<VpcLookup>> vpcs;
  private final Supplier<Optional<PathCheck>> checks;

  public TargetPaths(Supplier<Optional<VpcLookup>> vpcs, Supplier<Optional<PathCheck>> checks) {
    this.vpcs = vpcs;
    this.checks = checks;
  }

  /** EC2's lookups as found in {@code extensions} at each use (EC2 may start after ELB). */
  public static TargetPaths in(Extensions extensions) {
    return new TargetPaths(() -> extensions.find(VpcLookup.class), () -> extensions.find(PathCheck.class));
  }

  /** The address traffic to {@code t} is sent to (null for Lambda and ALB targets, which have none). */
  public String address(TargetGroup tg, TargetGroup.Target t) {
    if (!"instance".equals(tg.targetType())) return t.address();
    return vpcs.get().map(l -> l.tags(accountOf(tg.arn()), regionOf(tg.arn()), t.id()).get(ResolverFacts.HOST_TAG))
        .filter(TargetPaths::isLoopback).orElse(t.address());
  }

  /**
   * Whether {@code node} reaches {@code t} with {@code protocol} ({@code tcp}/{@code udp}) on
   * {@code port}. Reachable when the target is not an instance, when the node has no network
   * interface (stored before nodes had one) or when EC2 is not there to ask.
   */
  public PathCheck.Verdict verdict(LoadBalancer.Node node, TargetGroup tg, TargetGroup.Target t, String protocol, int port) {
    if (!"instance".equals(tg.targetType()) || node.networkInterfaceId() == null) return PathCheck.Verdict.REACHABLE;
    Optional<PathCheck> check = checks.get();
    if (check.isEmpty()) return PathCheck.Verdict.REACHABLE;
    try {
      return check.get().verdict(accountOf(tg.arn()), regionOf(tg.arn()), node.networkInterfaceId(), t.id(), protocol, port);
    } catch (IllegalArgumentException e) { // an interface or instance the network no longer has: no path
      LOG.fine(() -> "no path from " + node.networkInterfaceId() + " to " + t.id() + ": " + e.getMessage());
      return new PathCheck.Verdict(false, e.getMessage());
    }
  }

  private static boolean isLoopback(String address) {
    return Cidr.tryParse(address + "/32").map(c -> !c.ipv6() && LOOPBACK.contains(c)).orElse(false);
  }

  static String regionOf(String arn) { return arn.split(":")[3]; }

  static String accountOf(String arn) { return arn.split(":")[4]; }
}
