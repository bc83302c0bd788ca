package dev.stratus.ec2.reachability;

import dev.stratus.core.net.Cidr;
import dev.stratus.core.net.PortRange;
import dev.stratus.ec2.model.NetworkAcl;
import dev.stratus.ec2.model.NetworkInterface;
import dev.stratus.ec2.model.RouteTable;
import dev.stratus.ec2.model.RouteTarget;
import dev.stratus.ec2.model.SecurityGroup;
import dev.stratus.ec2.model.Subnet;
import dev.stratus.ec2.model.Vpc;
import dev.stratus.ec2.reachability.Explanation.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Walks one packet hop by hop through the network model, recording each component it crosses and
 * stopping with an {@link Explanation} at the first component that drops it. Gateway hops (internet,
 * NAT, peering, transit gateway, endpoints, VPN) live in {@link GatewayHops}.
 */
final class PathTracer {
  /*
   * One tracer per direction. The forward tracer checks security groups; the return tracer
   * (reply=true) skips them, because security groups are stateful (vpc.md §14), but checks every
   * network ACL again with the reply's ports, because NACLs are stateless (vpc.md §21), and
   * re-routes the reply through the route tables it meets, undoing the NAT translations the
   * forward tracer recorded.
   *
   * Hop order within a VPC follows AWS's analysis output: interface, security group (outbound),
   * network ACL (outbound), route table, next component; on entry: network ACL (inbound), security
   * group (inbound), interface. NACLs apply only between different subnets (vpc.md §21). For a
   * transit gateway the NACLs of the attachment subnets are not evaluated; the source and
   * destination subnets' are. More than 64 hops means a loop: the path stops.
   *
   * Context carried with the packet: how it entered the VPC it is in (Entry), used for the
   * no-edge-to-edge rules (vpc.md §27, §38), and whether security-group identity survived the path
   * (vpc.md §15).
   */
  static final int MAX_HOPS = 64;

  /** How the packet entered the VPC it is in. */
  enum Entry { ORIGIN, PEERING, TRANSIT_GATEWAY, VPN, INTERNET, SERVICE }

  /** The packet's context: entry kind and whether security group references still apply. */
  record Ctx(Entry entry, boolean sgRefs) {
    Ctx with(Entry e) { return new Ctx(e, sgRefs); }

    Ctx noRefs() { return new Ctx(entry, false); }
  }

  /** A source NAT a NAT gateway applied on the forward path. */
  record NatTranslation(String natGatewayId, Cidr originalSource, PortRange originalPorts, Cidr translated) {}

  final NetworkIndex ix;
  final PathEndpoint.Target target;
  final boolean reply;
  final List<NatTranslation> replyNats;
  final List<NatTranslation> nats = new ArrayList<>();
  final List<PathComponent> hops = new ArrayList<>();
  final List<String> warnings = new ArrayList<>();
  final GatewayHops gateways = new GatewayHops(this);
  Explanation explanation;
  AnalysisPacketHeader delivered;
  PathEndpoint arrival;

  PathTracer(NetworkIndex ix, PathEndpoint.Target target, boolean reply, List<NatTranslation> replyNats) {
    this.ix = ix;
    this.target = target;
    this.reply = reply;
    this.replyNats = replyNats;
  }

  /** Runs the packet from its start; true when it arrives. */
  boolean run(PathEndpoint start, AnalysisPacketHeader pkt) {
    Ctx ctx = new Ctx(Entry.ORIGIN, true);
    return switch (start) {
      case PathEndpoint.FromInterface f -> {
        f.instanceId().ifPresent(i -> hop(i, pkt, pkt, null));
        yield leaveInterface(f.eni(), pkt, ctx);
      }
      case PathEndpoint.FromInternet f -> gateways.fromInternetGateway(f.igw(), pkt, ctx.with(Entry.INTERNET).noRefs());
      case PathEndpoint.FromVpnGateway f -> gateways.fromVpnGateway(f.vgw(), pkt, ctx.with(Entry.VPN).noRefs());
      case PathEndpoint.FromAttachment f -> {
        hop(f.attachment().id(), pkt, pkt, null);
        yield gateways.throughTransitGateway(f.attachment(), pkt, ctx.with(Entry.TRANSIT_GATEWAY).noRefs());
      }
      case PathEndpoint.FromPeering f -> {
        hop(f.pcx().id(), pkt, pkt, null);
        yield deliverInVpc(f.into(), null, pkt, ctx.with(Entry.PEERING));
      }
      case PathEndpoint.FromGatewayEndpoint f -> {
        hop(f.endpoint().id(), pkt, pkt, null);
        Vpc vpc = ix.vpcs.get(f.endpoint().vpcId());
        yield vpc == null ? unknown(f.endpoint().vpcId(), pkt) : deliverInVpc(vpc, null, pkt, ctx.with(Entry.SERVICE).noRefs());
      }
      case PathEndpoint.FromSubnet f -> routeFromSubnet(f.subnet(), pkt, ctx, false);
      case PathEndpoint.FromEgressOnlyInternetGateway f -> {
        hop(f.id(), pkt, pkt, null);
        yield deliverInVpc(f.vpc(), null, pkt, ctx.with(Entry.INTERNET).noRefs());
      }
    };
  }

  // ---- interfaces --------------------------------------------------------------------------

  /** The packet leaves an interface: outbound security groups, then the subnet's routing. */
  boolean leaveInterface(NetworkInterface eni, AnalysisPacketHeader pkt, Ctx ctx) {
    if (tooLong()) return false;
    hop(eni.id(), pkt, pkt, null);
    AnalysisPacketHeader p = pkt;
    if (!reply && !eni.groupIds().isEmpty()) {
      var admit = SecurityGroupEvaluation.evaluate(groups(eni), false, p, (g, a) -> member(g, a, ctx, eni),
          ix::prefixListContains);
      if (admit.isEmpty()) {
        return block(ExplanationCode.ENI_SG_RULES_MISMATCH, Direction.EGRESS, eni.id(), null, groupIds(eni),
            "no outbound rule of " + eni.groupIds() + " allows " + p);
      }
      hop(admit.get().group().id(), p, admit.get().packet(),
          SecurityGroupEvaluation.describe(admit.get().group(), admit.get().permission(), false));
      p = admit.get().packet();
    }
    Subnet s = ix.subnets.get(eni.subnetId());
    if (s == null) return unknown(eni.subnetId(), p);
    return routeFromSubnet(s, p, ctx, false);
  }

  /**
   * The packet arrives at an interface: inbound security groups, then either it is the
   * destination, or a NAT gateway untranslates a reply, or an appliance (source/destination check
   * off) forwards it on.
   */
  boolean enterInterface(NetworkInterface eni, AnalysisPacketHeader pkt, Ctx ctx) {
    NetworkIndex.InterfaceFacts facts = ix.facts(eni);
    if (reply && facts.owner() instanceof InterfaceOwner.NatGateway n) {
      return gateways.untranslateAtNat(n.id(), eni, pkt, ctx);
    }
    AnalysisPacketHeader p = pkt;
    if (!reply && !eni.groupIds().isEmpty()) {
      var admit = SecurityGroupEvaluation.evaluate(groups(eni), true, p, (g, a) -> member(g, a, ctx, eni),
          ix::prefixListContains);
      if (admit.isEmpty()) {
        return block(ExplanationCode.ENI_SG_RULES_MISMATCH, Direction.INGRESS, eni.id(), null, groupIds(eni),
            "no inbound rule of " + eni.groupIds() + " allows " + p);
      }
      hop(admit.get().group().id(), p, admit.get().packet(),
          SecurityGroupEvaluation.describe(admit.get().group(), admit.get().permission(), true));
      p = admit.get().packet();
    }
    hop(eni.id(), p, p, null);
    String owner = facts.owner().id().isEmpty() ? eni.id() : facts.owner().id();
    boolean ownsDestination = facts.owns(p.destinationAddress());
    if (target.matches(eni.id(), owner) || (target.matchesAddress(p.destinationAddress()) && ownsDestination)) {
      if (!owner.equals(eni.id())) hop(owner, p, p, null);
      return arrive(new PathEndpoint.FromInterface(eni, Optional.empty()), p);
    }
    if (ownsDestination) {
      return block(ExplanationCode.NO_POSSIBLE_DESTINATION, Direction.INGRESS, eni.id(), null, List.of(),
          "the packet is delivered to " + eni.id() + ", which is not the path's destination");
    }
    if (eni.sourceDestCheck()) {
      return block(ExplanationCode.ENI_SOURCE_DEST_CHECK_RESTRICTION, Direction.INGRESS, eni.id(), null, List.of(),
          eni.id() + " has source/destination check enabled and " + p.destinationAddress().address()
              + " is not one of its addresses");
    }
    return leaveInterface(eni, p, ctx);
  }

  // ---- subnets and VPCs --------------------------------------------------------------------

  /**
   * Routes a packet leaving a subnet with the subnet's route table; the subnet's outbound NACL
   * applies unless the packet stays in the subnet (or {@code fromTransitGateway}: the attachment
   * subnet's NACLs are not modelled).
   */
  boolean routeFromSubnet(Subnet s, AnalysisPacketHeader pkt, Ctx ctx, boolean fromTransitGateway) {
    Optional<String> rtbId = ix.routeTableOf(s);
    Optional<RouteSelection> sel = rtbId.flatMap(ix::routes);
    if (sel.isEmpty()) {
      return block(ExplanationCode.NO_ROUTE_TO_DESTINATION, Direction.EGRESS, s.id(), null, List.of(),
          "no route table is known for " + s.id());
    }
    Optional<RouteTable.Route> route = sel.get().select(pkt.destinationAddress());
    if (route.isEmpty()) {
      return block(ExplanationCode.NO_ROUTE_TO_DESTINATION, Direction.EGRESS, rtbId.get(), null,
          List.of(AnalysisComponent.of(s.id()), AnalysisComponent.of(s.vpcId())),
          rtbId.get() + " has no route to " + pkt.destinationAddress().address());
    }
    RouteTable.Route r = route.get();
    boolean staysInSubnet = r.target() instanceof RouteTarget.Local && s.contains(pkt.destinationAddress());
    AnalysisPacketHeader p = pkt;
    if (!staysInSubnet && !fromTransitGateway) {
      p = naclCheck(s, true, p);
      if (p == null) return false;
    }
    hop(rtbId.get(), p, p, RouteSelection.describe(r));
    if (r.drops()) {
      return block(ExplanationCode.BAD_STATE_ROUTE, Direction.EGRESS, rtbId.get(), RouteSelection.describe(r),
          List.of(AnalysisComponent.of(s.id())), "the route " + r.destination() + " -> "
              + (r.target().id().isEmpty() ? "(deleted target)" : r.target().id()) + " is a blackhole");
    }
    Vpc vpc = ix.vpcs.get(s.vpcId());
    if (vpc == null) return unknown(s.vpcId(), p);
    Subnet from = fromTransitGateway ? null : s;
    return switch (r.target()) {
      case RouteTarget.Local l -> deliverInVpc(vpc, from, p, ctx);
      case RouteTarget.InternetGateway g -> gateways.toInternetGateway(g.id(), vpc, p, ctx);
      case RouteTarget.EgressOnlyInternetGateway g -> gateways.toEgressOnlyInternetGateway(g.id(), vpc, p, ctx);
      case RouteTarget.NatGateway g -> gateways.toNatGateway(g.id(), from, p, ctx);
      case RouteTarget.TransitGateway g -> gateways.toTransitGateway(g.id(), s, p, ctx);
      case RouteTarget.PeeringConnection g -> gateways.toPeering(g.id(), vpc, p, ctx);
      case RouteTarget.NetworkInterface g -> toInterface(g.id(), from, p, ctx);
      case RouteTarget.GatewayEndpoint g -> gateways.toGatewayEndpoint(g.id(), p, ctx);
      case RouteTarget.VpnGateway g -> gateways.toVpnGateway(g.id(), vpc, p, ctx);
      case RouteTarget.Unmodelled u -> false;
    };
  }

  /** Delivers a packet to its destination address inside a VPC, crossing into its subnet. */
  boolean deliverInVpc(Vpc vpc, Subnet from, AnalysisPacketHeader pkt, Ctx ctx) {
    Optional<Subnet> dst = ix.subnetAt(vpc.id(), pkt.destinationAddress());
    if (dst.isEmpty()) {
      return block(ExplanationCode.NO_POSSIBLE_DESTINATION, Direction.INGRESS, vpc.id(), null, List.of(),
          "no subnet of " + vpc.id() + " contains " + pkt.destinationAddress().address());
    }
    AnalysisPacketHeader p = pkt;
    if (from == null || !from.id().equals(dst.get().id())) {
      p = naclCheck(dst.get(), false, p);
      if (p == null) return false;
    }
    Optional<NetworkInterface> eni = ix.interfaceAt(vpc.id(), p.destinationAddress());
    if (eni.isPresent()) return enterInterface(eni.get(), p, ctx);
    if (target.matchesAddress(p.destinationAddress())) {
      hop(dst.get().id(), p, p, null);
      return arrive(new PathEndpoint.FromSubnet(dst.get()), p);
    }
    return block(ExplanationCode.NO_POSSIBLE_DESTINATION, Direction.INGRESS, dst.get().id(), null, List.of(),
        "no interface in " + dst.get().id() + " owns " + p.destinationAddress().address());
  }

  /** A route sends the packet to an interface (an appliance, or the destination itself). */
  boolean toInterface(String eniId, Subnet from, AnalysisPacketHeader pkt, Ctx ctx) {
    NetworkInterface eni = ix.interfaces.get(eniId);
    if (eni == null) return unknown(eniId, pkt);
    Subnet s = ix.subnets.get(eni.subnetId());
    if (s == null) return unknown(eni.subnetId(), pkt);
    AnalysisPacketHeader p = pkt;
    if (from == null || !from.id().equals(s.id())) {
      p = naclCheck(s, false, p);
      if (p == null) return false;
    }
    return enterInterface(eni, p, ctx);
  }

  /** Checks a subnet's NACL in one direction; the narrowed packet, or null when dropped. */
  AnalysisPacketHeader naclCheck(Subnet s, boolean egress, AnalysisPacketHeader pkt) {
    Direction dir = egress ? Direction.EGRESS : Direction.INGRESS;
    NetworkAcl acl = ix.networkAclOf(s).map(ix.networkAcls::get).orElse(null);
    if (acl == null) {
      block(ExplanationCode.SUBNET_ACL_RESTRICTION, dir, s.id(), null, List.of(),
          "no network ACL is known for " + s.id() + " (treated as deny)");
      return null;
    }
    NetworkAclEvaluation.Decision d = NetworkAclEvaluation.evaluate(acl, egress, pkt);
    if (!d.allowed()) {
      block(ExplanationCode.SUBNET_ACL_RESTRICTION, dir, acl.id(), d.rule(), List.of(AnalysisComponent.of(s.id())),
          acl.id() + " of " + s.id() + " denies " + (egress ? "outbound " : "inbound ") + pkt);
      return null;
    }
    hop(acl.id(), pkt, d.packet(), d.rule());
    return d.packet();
  }

  // ---- plumbing ----------------------------------------------------------------------------

  List<SecurityGroupEvaluation.Rules> groups(NetworkInterface eni) {
    List<SecurityGroupEvaluation.Rules> out = new ArrayList<>(eni.groupIds().size());
    for (String id : eni.groupIds()) {
      SecurityGroupEvaluation.Rules g = ix.rules(id);
      if (g != null) out.add(g);
      else warnings.add("security group " + id + " of " + eni.id() + " is unknown; it admits nothing");
    }
    return out;
  }

  private static List<AnalysisComponent> groupIds(NetworkInterface eni) {
    return eni.groupIds().stream().map(AnalysisComponent::of).toList();
  }

  /** Whether {@code address} is a private address of an interface in group {@code groupId} (vpc.md §15). */
  private boolean member(String groupId, Cidr address, Ctx ctx, NetworkInterface self) {
    if (!ctx.sgRefs()) return false;
    SecurityGroup g = ix.securityGroups.get(groupId);
    if (g == null || !ix.network.region(g.id()).equals(ix.network.region(self.id()))) return false;
    return ix.interfaceAt(g.vpcId(), address).map(e -> e.groupIds().contains(groupId)).orElse(false);
  }

  void hop(String id, AnalysisPacketHeader in, AnalysisPacketHeader out, AnalysisRule rule) {
    hops.add(new PathComponent(hops.size() + 1, AnalysisComponent.of(id), in, out, Optional.ofNullable(rule)));
  }

  boolean block(ExplanationCode code, Direction dir, String componentId, AnalysisRule rule,
      List<AnalysisComponent> related, String detail) {
    explanation = new Explanation(code, Optional.ofNullable(dir), AnalysisComponent.of(componentId),
        Optional.ofNullable(rule), related, false, detail);
    return false;
  }

  boolean unknown(String id, AnalysisPacketHeader pkt) {
    return block(ExplanationCode.NO_POSSIBLE_DESTINATION, null, id, null, List.of(),
        id + " is not in the analysed network");
  }

  boolean arrive(PathEndpoint at, AnalysisPacketHeader pkt) {
    delivered = pkt;
    arrival = at;
    return true;
  }

  /** True (and the path stops) when the walk has looped. */
  boolean tooLong() {
    if (hops.size() <= MAX_HOPS) return false;
    block(ExplanationCode.NO_POSSIBLE_DESTINATION, null, hops.get(hops.size() - 1).component().id(), null,
        List.of(), "the path exceeds " + MAX_HOPS + " hops (a routing loop)");
    return true;
  }
}
