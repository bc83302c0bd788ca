package dev.stratus.ec2.reachability;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Reachability Analyzer: answers whether a packet can go from a source to a destination and
 * back in a {@link Network}, hop by hop, or which rule or route stops it (vpc.md §43–46).
 *
 * <p>Build one per network snapshot ({@link #of(Network)}, which indexes it once) and call
 * {@link #analyze(Query)} for each path; instances are immutable and thread-safe. The static
 * {@link #analyze(Network, Query)} does both for a single question.
 */
public final class ReachabilityAnalysis {
  /*
   * A path is found when the forward packet arrives and its reply, started where the forward
   * packet arrived with addresses and ports swapped, gets back to the source. The reply is traced
   * by the same walker in "reply" mode: security groups are stateful and not re-checked, NACLs and
   * routes are (vpc.md §14, §21), and NAT gateways undo the translation the forward path recorded.
   * A query that names an unknown source raises IllegalArgumentException (the API layer turns it
   * into InvalidParameterValue); everything the network does to the packet is a verdict.
   */
  private final NetworkIndex index;

  private ReachabilityAnalysis(Network network) { this.index = new NetworkIndex(network); }

  /** Indexes a network for repeated analyses. */
  public static ReachabilityAnalysis of(Network network) { return new ReachabilityAnalysis(network); }

  /** Indexes the network and analyses one path. */
  public static ReachabilityVerdict analyze(Network network, Query query) { return of(network).analyze(query); }

  /** The route table governing the subnet (explicit association, else the VPC's main table). */
  public java.util.Optional<String> routeTableOf(String subnetId) {
    return java.util.Optional.ofNullable(index.subnets.get(subnetId)).flatMap(index::routeTableOf);
  }

  /** The network ACL governing the subnet (its association, else the VPC's default NACL). */
  public java.util.Optional<String> networkAclOf(String subnetId) {
    return java.util.Optional.ofNullable(index.subnets.get(subnetId)).flatMap(index::networkAclOf);
  }

  /**
   * Analyses one path.
   *
   * @throws IllegalArgumentException when the source or destination is not in the network
   */
  public ReachabilityVerdict analyze(Query query) {
    PathEndpoints.Resolved r = PathEndpoints.resolve(index, query);
    PathTracer forward = new PathTracer(index, r.target(), false, List.of());
    if (!forward.run(r.start(), r.header())) {
      return new ReachabilityVerdict(false, forward.hops, List.of(), List.of(forward.explanation), forward.warnings);
    }
    PathTracer back = new PathTracer(index, replyTarget(r.start()), true, forward.nats);
    boolean ok = back.run(forward.arrival, forward.delivered.reply());
    List<String> warnings = new ArrayList<>(forward.warnings);
    warnings.addAll(back.warnings);
    return new ReachabilityVerdict(ok, forward.hops, back.hops,
        ok ? List.of() : List.of(back.explanation.onReturn()), warnings);
  }

  /** What the reply must reach: the forward path's source. */
  private static PathEndpoint.Target replyTarget(PathEndpoint start) {
    Set<String> ids = new HashSet<>();
    switch (start) {
      case PathEndpoint.FromInterface f -> {
        ids.add(f.eni().id());
        f.instanceId().ifPresent(ids::add);
      }
      case PathEndpoint.FromInternet f -> ids.add(f.igw().id());
      case PathEndpoint.FromVpnGateway f -> ids.add(f.vgw().id());
      case PathEndpoint.FromAttachment f -> ids.add(f.attachment().id());
      case PathEndpoint.FromPeering f -> ids.add(f.pcx().id());
      case PathEndpoint.FromGatewayEndpoint f -> ids.add(f.endpoint().id());
      case PathEndpoint.FromSubnet f -> ids.add(f.subnet().id());
      case PathEndpoint.FromEgressOnlyInternetGateway f -> ids.add(f.id());
    }
    return new PathEndpoint.Target(ids, Optional.empty());
  }
}
