package dev.stratus.ec2.reachability;

import dev.stratus.core.net.Cidr;
import dev.stratus.core.net.PortRange;
import dev.stratus.ec2.model.InternetGateway;
import dev.stratus.ec2.model.NatGateway;
import dev.stratus.ec2.model.NetworkInterface;
import dev.stratus.ec2.model.Subnet;
import dev.stratus.ec2.model.TransitGateway;
import dev.stratus.ec2.model.TransitGatewayAttachment;
import dev.stratus.ec2.model.TransitGatewayRouteTable;
import dev.stratus.ec2.model.Vpc;
import dev.stratus.ec2.model.VpcEndpoint;
import dev.stratus.ec2.model.VpcPeeringConnection;
import dev.stratus.ec2.model.VpnConnection;
import dev.stratus.ec2.model.VpnGateway;
import dev.stratus.ec2.reachability.Explanation.Direction;
import dev.stratus.ec2.reachability.PathTracer.Ctx;
import dev.stratus.ec2.reachability.PathTracer.Entry;
import java.util.List;
import java.util.Optional;

/**
 * The gateway hops of a {@link PathTracer}: internet gateway, NAT gateway, VPC peering, transit
 * gateway, gateway endpoint and virtual private gateway, each with the AWS rule that can stop the
 * packet there.
 */
final class GatewayHops {
  /*
   * The no-edge-to-edge rules (vpc.md §27, §38) are checked where AWS's explanation codes put
   * them: a peering connection carries only packets whose source is in the sending VPC and whose
   * destination is in the peer VPC (PCX_REQUIRES_ADDRESS_IN_VPC_CIDR); a NAT gateway only serves
   * packets from its own VPC or a transit gateway (NGW_REQUIRES_SOURCE_IN_VPC); a virtual private
   * gateway accepts inbound packets only for an interface's private address and outbound packets
   * only from the VPC (VGW_PRIVATE_IP_ASSOCIATION_FOR_*); a gateway endpoint accepts packets only
   * from its VPC's own interfaces (GATEWAY_REJECTS_SPOOFED_TRAFFIC) — so on-premises, peered and
   * transit-gateway sources never reach it. An internet gateway translates private to public
   * addresses 1:1 and refuses an interface without a public IP (vpc.md §23).
   */
  private static final String AVAILABLE = "available";
  private final PathTracer t;

  GatewayHops(PathTracer tracer) { this.t = tracer; }

  // ---- internet gateway ----------------------------------------------------------------------

  boolean toInternetGateway(String igwId, Vpc vpc, AnalysisPacketHeader pkt, Ctx ctx) {
    InternetGateway igw = t.ix.internetGateways.get(igwId);
    if (igw == null || !vpc.id().equals(igw.attachedVpcId())) {
      return t.block(ExplanationCode.BAD_STATE_ATTACHMENT, Direction.EGRESS, igwId, null,
          List.of(AnalysisComponent.of(vpc.id())), igwId + " is not attached to " + vpc.id());
    }
    AnalysisPacketHeader out = pkt;
    if (!pkt.destinationAddress().ipv6()) {
      Optional<Cidr> pub = ctx.entry() == Entry.ORIGIN ? publicIpOf(vpc, pkt.sourceAddress()) : Optional.empty();
      if (pub.isEmpty()) {
        return t.block(ExplanationCode.IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS, Direction.EGRESS, igwId, null, List.of(),
            pkt.sourceAddress().address() + " has no public IP, so it cannot reach the internet through " + igwId);
      }
      if (pkt.destinationAddress().isRfc1918()) {
        return t.block(ExplanationCode.IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS, Direction.EGRESS, igwId, null,
            List.of(), pkt.destinationAddress().address() + " is a private address");
      }
      out = pkt.withAddresses(pub.get(), pkt.destinationAddress());
    }
    t.hop(igwId, pkt, out, null);
    if (t.target.matches(igwId)) return t.arrive(new PathEndpoint.FromInternet(igw), out);
    if (t.ix.interfaceWithPublicIp(out.destinationAddress()).isPresent()) {
      return t.block(ExplanationCode.IGW_NAT_REFLECTION, Direction.EGRESS, igwId, null, List.of(),
          "the destination is reached through the internet; analyse the two legs separately");
    }
    if (t.target.matchesAddress(out.destinationAddress())) return t.arrive(new PathEndpoint.FromInternet(igw), out);
    return t.block(ExplanationCode.NO_POSSIBLE_DESTINATION, Direction.EGRESS, igwId, null, List.of(),
        "the packet leaves to the internet, which is not the path's destination");
  }

  boolean toEgressOnlyInternetGateway(String id, Vpc vpc, AnalysisPacketHeader pkt, Ctx ctx) {
    if (!pkt.destinationAddress().ipv6()) {
      return t.block(ExplanationCode.PROTOCOL_RESTRICTION, Direction.EGRESS, id, null, List.of(),
          id + " carries only IPv6");
    }
    t.hop(id, pkt, pkt, null);
    if (t.target.matches(id) || t.target.matchesAddress(pkt.destinationAddress())) {
      return t.arrive(new PathEndpoint.FromEgressOnlyInternetGateway(id, vpc), pkt);
    }
    return t.block(ExplanationCode.NO_POSSIBLE_DESTINATION, Direction.EGRESS, id, null, List.of(),
        "the packet leaves to the internet, which is not the path's destination");
  }

  /** Inbound from the internet: the destination must be the public IP of an attached interface. */
  boolean fromInternetGateway(InternetGateway igw, AnalysisPacketHeader pkt, Ctx ctx) {
    if (igw.attachedVpcId() == null || t.ix.vpcs.get(igw.attachedVpcId()) == null) {
      return t.block(ExplanationCode.BAD_STATE_ATTACHMENT, Direction.INGRESS, igw.id(), null, List.of(),
          igw.id() + " is not attached to a known VPC");
    }
    Vpc vpc = t.ix.vpcs.get(igw.attachedVpcId());
    if (pkt.sourceAddress().isRfc1918()) {
      return t.block(ExplanationCode.IGW_SOURCE_ADDRESS_NOT_IN_RFC1918_INGRESS, Direction.INGRESS, igw.id(), null,
          List.of(), pkt.sourceAddress().address() + " is a private address");
    }
    Optional<NetworkInterface> eni = pkt.destinationAddress().ipv6()
        ? t.ix.interfaceAt(vpc.id(), pkt.destinationAddress())
        : t.ix.interfaceWithPublicIp(pkt.destinationAddress())
        .filter(e -> e.vpcId().equals(vpc.id()))
        .or(() -> t.ix.network.natGateways().stream()
            .filter(n -> n.vpcId().equals(vpc.id()) && t.ix.natPublicIp(n).equals(Optional.of(pkt.destinationAddress())))
            .findFirst().flatMap(n -> t.ix.interfaceAt(vpc.id(), t.ix.natPrivateIp(n))));
    if (eni.isEmpty() || t.ix.owner(eni.get()) instanceof InterfaceOwner.Detached) {
      return t.block(ExplanationCode.IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS, Direction.INGRESS, igw.id(), null,
          List.of(AnalysisComponent.of(vpc.id())), pkt.destinationAddress().address()
              + " is not the public IP of an attached interface in " + vpc.id());
    }
    AnalysisPacketHeader in = pkt.destinationAddress().ipv6() ? pkt
        : pkt.withAddresses(pkt.sourceAddress(), t.ix.primaryIp(eni.get()));
    t.hop(igw.id(), pkt, in, null);
    return t.deliverInVpc(vpc, null, in, ctx);
  }

  private Optional<Cidr> publicIpOf(Vpc vpc, Cidr privateIp) {
    Optional<NetworkInterface> eni = t.ix.interfaceAt(vpc.id(), privateIp);
    var facts = eni.map(t.ix::facts);
    if (facts.isPresent() && facts.get().publicIp().isPresent() && !(facts.get().owner() instanceof InterfaceOwner.Detached)) {
      return facts.get().publicIp();
    }
    return t.ix.network.natGateways().stream()
        .filter(n -> n.vpcId().equals(vpc.id()) && privateIp.equals(t.ix.natPrivateIp(n))).findFirst()
        .flatMap(t.ix::natPublicIp);
  }

  // ---- NAT gateway ---------------------------------------------------------------------------

  boolean toNatGateway(String natId, Subnet from, AnalysisPacketHeader pkt, Ctx ctx) {
    NatGateway nat = t.ix.natGateways.get(natId);
    if (nat == null || !AVAILABLE.equals(nat.state())) {
      return t.block(ExplanationCode.BAD_STATE, Direction.INGRESS, natId, null, List.of(),
          natId + " is " + (nat == null ? "unknown" : nat.state()));
    }
    if (ctx.entry() != Entry.ORIGIN && ctx.entry() != Entry.TRANSIT_GATEWAY) {
      return t.block(ExplanationCode.NGW_REQUIRES_SOURCE_IN_VPC, Direction.INGRESS, natId, null, List.of(),
          "the packet entered " + nat.vpcId() + " through " + ctx.entry().name().toLowerCase()
              + "; a NAT gateway serves only its own VPC");
    }
    Subnet natSubnet = t.ix.subnets.get(nat.subnetId());
    if (natSubnet == null) return t.unknown(nat.subnetId(), pkt);
    AnalysisPacketHeader p = pkt;
    if (from == null || !from.id().equals(natSubnet.id())) {
      p = t.naclCheck(natSubnet, false, p);
      if (p == null) return false;
    }
    AnalysisPacketHeader out = p.withSource(t.ix.natPrivateIp(nat), PortRange.EPHEMERAL);
    t.hop(natId, p, out, null);
    t.nats.add(new PathTracer.NatTranslation(natId, p.sourceAddress(), p.sourcePorts(), t.ix.natPrivateIp(nat)));
    return t.routeFromSubnet(natSubnet, out, new Ctx(Entry.ORIGIN, false), false);
  }

  /** A reply reaches a NAT gateway's interface: restore the original destination and route on. */
  boolean untranslateAtNat(String natId, NetworkInterface eni, AnalysisPacketHeader pkt, Ctx ctx) {
    Optional<PathTracer.NatTranslation> tr = t.replyNats.stream()
        .filter(n -> n.natGatewayId().equals(natId) && n.translated().equals(pkt.destinationAddress())).findFirst();
    if (tr.isEmpty()) {
      return t.block(ExplanationCode.NO_POSSIBLE_DESTINATION, Direction.INGRESS, natId, null, List.of(),
          natId + " accepts no unsolicited inbound connections");
    }
    AnalysisPacketHeader back = pkt.withDestination(tr.get().originalSource(), tr.get().originalPorts());
    t.hop(natId, pkt, back, null);
    Subnet s = t.ix.subnets.get(eni.subnetId());
    if (s == null) return t.unknown(eni.subnetId(), pkt);
    return t.routeFromSubnet(s, back, ctx.with(Entry.ORIGIN), false);
  }

  // ---- VPC peering ---------------------------------------------------------------------------

  boolean toPeering(String pcxId, Vpc from, AnalysisPacketHeader pkt, Ctx ctx) {
    VpcPeeringConnection pcx = t.ix.peerings.get(pcxId);
    if (pcx == null || !"active".equals(pcx.status()) || !pcx.involves(from.id())) {
      return t.block(ExplanationCode.BAD_STATE, Direction.EGRESS, pcxId, null, List.of(), pcxId + " is "
          + (pcx == null ? "unknown" : !pcx.involves(from.id()) ? "not a peering of " + from.id() : pcx.status()));
    }
    VpcPeeringConnection.Side local = pcx.peerOf(pcx.peerOf(from.id()).vpcId());
    VpcPeeringConnection.Side peer = pcx.peerOf(from.id());
    if (!local.contains(pkt.sourceAddress()) || !peer.contains(pkt.destinationAddress())) {
      boolean src = !local.contains(pkt.sourceAddress());
      return t.block(ExplanationCode.PCX_REQUIRES_ADDRESS_IN_VPC_CIDR, Direction.EGRESS, pcxId, null,
          List.of(AnalysisComponent.of(src ? local.vpcId() : peer.vpcId())),
          src ? pkt.sourceAddress().address() + " is not an address of " + local.vpcId() + " (no edge-to-edge routing)"
              : pkt.destinationAddress().address() + " is not an address of " + peer.vpcId()
                  + " (peering is not transitive)");
    }
    t.hop(pcxId, pkt, pkt, null);
    if (t.target.matches(pcxId)) return t.arrive(new PathEndpoint.FromPeering(pcx, from), pkt);
    Vpc peerVpc = t.ix.vpcs.get(peer.vpcId());
    if (peerVpc == null) return t.unknown(peer.vpcId(), pkt);
    Ctx next = new Ctx(Entry.PEERING, ctx.sgRefs() && !pcx.interRegion());
    return t.deliverInVpc(peerVpc, null, pkt, next);
  }

  // ---- transit gateway -----------------------------------------------------------------------

  boolean toTransitGateway(String tgwId, Subnet from, AnalysisPacketHeader pkt, Ctx ctx) {
    TransitGateway tgw = t.ix.transitGateways.get(tgwId);
    if (tgw == null || !AVAILABLE.equals(tgw.state())) {
      return t.block(ExplanationCode.BAD_STATE, Direction.EGRESS, tgwId, null, List.of(),
          tgwId + " is " + (tgw == null ? "unknown" : tgw.state()));
    }
    Optional<TransitGatewayAttachment> att = t.ix.attachmentOf(tgwId, from.vpcId());
    if (att.isEmpty() || !att.get().isAvailable()) {
      return t.block(ExplanationCode.BAD_STATE_ATTACHMENT, Direction.EGRESS, att.map(TransitGatewayAttachment::id)
          .orElse(tgwId), null, List.of(AnalysisComponent.of(from.vpcId())), from.vpcId()
          + " has no available attachment to " + tgwId);
    }
    List<NetworkInterface> enis = t.ix.attachmentInterfaces(att.get().id());
    if (!enis.isEmpty() && enis.stream().noneMatch(e -> e.availabilityZone().equals(from.availabilityZone()))) {
      return t.block(ExplanationCode.TGW_ROUTE_AZ_RESTRICTION, Direction.EGRESS, att.get().id(), null,
          List.of(AnalysisComponent.of(from.id())), att.get().id() + " has no subnet in " + from.availabilityZone());
    }
    t.hop(att.get().id(), pkt, pkt, null);
    return throughTransitGateway(att.get(), pkt, new Ctx(Entry.TRANSIT_GATEWAY,
        ctx.sgRefs() && tgw.referencesSecurityGroups()));
  }

  /** Routes a packet that entered a transit gateway from {@code ingress} (vpc.md §31–33). */
  boolean throughTransitGateway(TransitGatewayAttachment ingress, AnalysisPacketHeader pkt, Ctx ctx) {
    if (t.tooLong()) return false;
    String tgwId = ingress.transitGatewayId();
    Optional<String> rtbId = t.ix.associatedRouteTable(tgwId, ingress.id());
    if (rtbId.isEmpty()) {
      return t.block(ExplanationCode.TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION, Direction.INGRESS, ingress.id(), null,
          List.of(AnalysisComponent.of(tgwId)), ingress.id() + " is not associated with a route table of " + tgwId);
    }
    t.hop(tgwId, pkt, pkt, null);
    Optional<TransitGatewayRouteSelection.Choice> route = t.ix.tgwRoutes(rtbId.get())
        .flatMap(s -> s.select(pkt.destinationAddress()));
    if (route.isEmpty()) {
      return t.block(ExplanationCode.NO_ROUTE_TO_DESTINATION, Direction.EGRESS, rtbId.get(), null,
          List.of(AnalysisComponent.of(tgwId)), rtbId.get() + " has no route to " + pkt.destinationAddress().address());
    }
    TransitGatewayRouteTable.Route r = route.get().route();
    AnalysisRule.TransitGatewayRouteTableRoute rule = TransitGatewayRouteSelection.describe(route.get());
    if (!TransitGatewayRouteSelection.forwards(r)) {
      return t.block(ExplanationCode.TGW_RTB_BAD_STATE_ROUTE, Direction.EGRESS, rtbId.get(), rule,
          List.of(AnalysisComponent.of(tgwId)), "the route " + r + " in " + rtbId.get() + " is a blackhole");
    }
    t.hop(rtbId.get(), pkt, pkt, rule);
    Optional<TransitGatewayAttachment> egress = t.ix.attachment(tgwId, r.attachmentId()).or(() -> t.ix.attachment(r.attachmentId()));
    if (egress.isEmpty() || !egress.get().isAvailable()) {
      return t.block(ExplanationCode.BAD_STATE_ATTACHMENT, Direction.EGRESS, r.attachmentId(), rule, List.of(),
          r.attachmentId() + " is " + egress.map(a -> a.state().wire()).orElse("unknown"));
    }
    TransitGatewayAttachment out = egress.get();
    t.hop(out.id(), pkt, pkt, null);
    if (t.target.matches(out.id())) return t.arrive(new PathEndpoint.FromAttachment(out), pkt);
    return switch (out.resourceType()) {
      case VPC -> intoVpcFromTransitGateway(out, pkt, ctx);
      case VPN -> toVpnAttachment(out, pkt);
      case PEERING -> {
        Optional<TransitGatewayAttachment> far = t.ix.attachment(out.resourceId(), out.id());
        if (far.isEmpty()) yield t.unknown(out.resourceId(), pkt);
        yield throughTransitGateway(far.get(), pkt, ctx.noRefs());
      }
      case DIRECT_CONNECT_GATEWAY, CONNECT, NETWORK_FUNCTION -> t.target.matchesAddress(pkt.destinationAddress())
          ? t.arrive(new PathEndpoint.FromAttachment(out), pkt)
          : t.block(ExplanationCode.NO_POSSIBLE_DESTINATION, Direction.EGRESS, out.id(), null, List.of(),
              "the packet leaves through " + out.id() + ", which is not the path's destination");
    };
  }

  private boolean intoVpcFromTransitGateway(TransitGatewayAttachment att, AnalysisPacketHeader pkt, Ctx ctx) {
    Vpc vpc = t.ix.vpcs.get(att.resourceId());
    if (vpc == null) return t.unknown(att.resourceId(), pkt);
    List<NetworkInterface> enis = t.ix.attachmentInterfaces(att.id());
    if (enis.isEmpty()) {
      if (vpc.contains(pkt.destinationAddress())) return t.deliverInVpc(vpc, null, pkt, ctx);
      return t.block(ExplanationCode.NO_POSSIBLE_DESTINATION, Direction.INGRESS, att.id(), null, List.of(),
          "the attachment's subnets are unknown and " + pkt.destinationAddress().address() + " is outside " + vpc.id());
    }
    String dstZone = t.ix.subnetAt(vpc.id(), pkt.destinationAddress()).map(Subnet::availabilityZone).orElse("");
    NetworkInterface eni = enis.stream().filter(e -> e.availabilityZone().equals(dstZone)).findFirst().orElse(enis.get(0));
    Subnet s = t.ix.subnets.get(eni.subnetId());
    if (s == null) return t.unknown(eni.subnetId(), pkt);
    return t.routeFromSubnet(s, pkt, ctx, true);
  }

  private boolean toVpnAttachment(TransitGatewayAttachment att, AnalysisPacketHeader pkt) {
    VpnConnection vpn = t.ix.vpnConnections.get(att.resourceId());
    if (vpn == null || !AVAILABLE.equals(vpn.state())) {
      return t.block(ExplanationCode.TGW_BAD_STATE_VPN, Direction.EGRESS, att.resourceId(), null, List.of(),
          att.resourceId() + " is " + (vpn == null ? "unknown" : vpn.state()));
    }
    t.hop(vpn.id(), pkt, pkt, null);
    if (t.target.matches(vpn.id(), vpn.customerGatewayId()) || t.target.matchesAddress(pkt.destinationAddress())) {
      return t.arrive(new PathEndpoint.FromAttachment(att), pkt);
    }
    return t.block(ExplanationCode.NO_POSSIBLE_DESTINATION, Direction.EGRESS, vpn.id(), null, List.of(),
        "the packet leaves to on-premises through " + vpn.id() + ", which is not the path's destination");
  }

  // ---- gateway endpoint ----------------------------------------------------------------------

  boolean toGatewayEndpoint(String vpceId, AnalysisPacketHeader pkt, Ctx ctx) {
    VpcEndpoint vpce = t.ix.endpoints.get(vpceId);
    if (vpce == null || !AVAILABLE.equalsIgnoreCase(vpce.state())) {
      return t.block(ExplanationCode.BAD_STATE, Direction.INGRESS, vpceId, null, List.of(),
          vpceId + " is " + (vpce == null ? "unknown" : vpce.state()));
    }
    if (ctx.entry() != Entry.ORIGIN) {
      return t.block(ExplanationCode.GATEWAY_REJECTS_SPOOFED_TRAFFIC, Direction.INGRESS, vpceId, null, List.of(),
          "the packet entered " + vpce.vpcId() + " through " + ctx.entry().name().toLowerCase()
              + "; a gateway endpoint serves only the VPC's own interfaces");
    }
    if (pkt.protocol() != Protocol.TCP && pkt.protocol() != Protocol.ICMP) {
      return t.block(ExplanationCode.VPCE_GATEWAY_PROTOCOL_RESTRICTION, Direction.INGRESS, vpceId, null, List.of(),
          vpceId + " accepts only TCP and ICMP echo");
    }
    t.hop(vpceId, pkt, pkt, null);
    if (t.target.matches(vpceId) || t.target.matchesAddress(pkt.destinationAddress())) {
      return t.arrive(new PathEndpoint.FromGatewayEndpoint(vpce), pkt);
    }
    return t.block(ExplanationCode.NO_POSSIBLE_DESTINATION, Direction.EGRESS, vpceId, null, List.of(),
        "the packet goes to " + vpce.serviceName() + ", which is not the path's destination");
  }

  // ---- virtual private gateway ---------------------------------------------------------------

  boolean toVpnGateway(String vgwId, Vpc vpc, AnalysisPacketHeader pkt, Ctx ctx) {
    VpnGateway vgw = t.ix.vpnGateways.get(vgwId);
    if (vgw == null || !vpc.id().equals(vgw.attachedVpcId())) {
      return t.block(ExplanationCode.BAD_STATE_ATTACHMENT, Direction.EGRESS, vgwId, null,
          List.of(AnalysisComponent.of(vpc.id())), vgwId + " is not attached to " + vpc.id());
    }
    if (ctx.entry() != Entry.ORIGIN || !vpc.contains(pkt.sourceAddress())) {
      return t.block(ExplanationCode.VGW_PRIVATE_IP_ASSOCIATION_FOR_EGRESS, Direction.EGRESS, vgwId, null, List.of(),
          pkt.sourceAddress().address() + " is not an interface of " + vpc.id() + " (no edge-to-edge routing)");
    }
    List<VpnConnection> vpns = t.ix.network.vpnConnections().stream()
        .filter(v -> vgwId.equals(v.vpnGatewayId())).toList();
    Optional<VpnConnection> vpn = vpns.stream().filter(v -> v.reaches(pkt.destinationAddress())).findFirst()
        .or(() -> vpns.stream().filter(v -> v.staticRoutes().isEmpty()).findFirst());
    if (vpn.isEmpty()) {
      return t.block(ExplanationCode.NO_POSSIBLE_DESTINATION, Direction.EGRESS, vgwId, null, List.of(),
          "no VPN connection of " + vgwId + " reaches " + pkt.destinationAddress().address());
    }
    t.hop(vgwId, pkt, pkt, null);
    if (!AVAILABLE.equals(vpn.get().state())) {
      return t.block(ExplanationCode.BAD_STATE_VPN, Direction.EGRESS, vpn.get().id(), null, List.of(),
          vpn.get().id() + " is " + vpn.get().state());
    }
    t.hop(vpn.get().id(), pkt, pkt, null);
    if (t.target.matches(vgwId, vpn.get().id(), vpn.get().customerGatewayId())
        || t.target.matchesAddress(pkt.destinationAddress())) {
      return t.arrive(new PathEndpoint.FromVpnGateway(vgw), pkt);
    }
    return t.block(ExplanationCode.NO_POSSIBLE_DESTINATION, Direction.EGRESS, vpn.get().id(), null, List.of(),
        "the packet leaves to on-premises, which is not the path's destination");
  }

  /** Inbound from on-premises: only to a private address of an interface in the VPC (vpc.md §27). */
  boolean fromVpnGateway(VpnGateway vgw, AnalysisPacketHeader pkt, Ctx ctx) {
    Vpc vpc = vgw.attachedVpcId() == null ? null : t.ix.vpcs.get(vgw.attachedVpcId());
    if (vpc == null) {
      return t.block(ExplanationCode.BAD_STATE_ATTACHMENT, Direction.INGRESS, vgw.id(), null, List.of(),
          vgw.id() + " is not attached to a known VPC");
    }
    if (t.ix.interfaceAt(vpc.id(), pkt.destinationAddress()).isEmpty()) {
      return t.block(ExplanationCode.VGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS, Direction.INGRESS, vgw.id(), null,
          List.of(AnalysisComponent.of(vpc.id())), pkt.destinationAddress().address()
              + " is not the private IP of an interface in " + vpc.id() + " (no edge-to-edge routing)");
    }
    t.hop(vgw.id(), pkt, pkt, null);
    return t.deliverInVpc(vpc, null, pkt, ctx);
  }
}
