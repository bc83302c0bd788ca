package dev.stratus.ec2.reachability;

import dev.stratus.core.net.Cidr;
import dev.stratus.core.net.PortRange;
import dev.stratus.ec2.model.Instance;
import dev.stratus.ec2.model.InternetGateway;
import dev.stratus.ec2.model.ManagedPrefixList;
import dev.stratus.ec2.model.NatGateway;
import dev.stratus.ec2.model.NetworkInterface;
import dev.stratus.ec2.model.RouteTable;
import dev.stratus.ec2.model.TransitGatewayAttachment;
import dev.stratus.ec2.model.Vpc;
import dev.stratus.ec2.model.VpcEndpoint;
import dev.stratus.ec2.model.VpcPeeringConnection;
import dev.stratus.ec2.model.VpnConnection;
import dev.stratus.ec2.model.VpnGateway;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a {@link Query}'s source and destination (ids, ARNs, addresses) into a start point, a
 * target and the packet's first header.
 */
final class PathEndpoints {
  /*
   * Addresses when the path does not give them (vpc.md §44 lets SourceIp/DestinationIp be
   * omitted): an interface uses its primary private address (or, reached from an internet
   * gateway, its public IP); the internet is REPRESENTATIVE_INTERNET_SOURCE/DESTINATION; on-premises
   * is the first address of the VPN's first static route; a gateway endpoint is the first address of
   * its service's prefix list. Give SourceIp/DestinationIp to test a specific address against
   * rules that name one. Source ports default to the ephemeral range 1024–65535 (vpc.md §21);
   * destination ports to every port.
   */
  /** The internet host a path from an internet gateway starts at, unless SourceIp says otherwise. */
  static final Cidr REPRESENTATIVE_INTERNET_SOURCE = Cidr.parseBlockOrAddress("198.51.100.10");
  /** The internet host a path to an internet gateway ends at, unless DestinationIp says otherwise. */
  static final Cidr REPRESENTATIVE_INTERNET_DESTINATION = Cidr.parseBlockOrAddress("203.0.113.10");

  private PathEndpoints() {}

  /** A resolved path: where it starts, its first header, and what counts as arrival. */
  record Resolved(PathEndpoint start, AnalysisPacketHeader header, PathEndpoint.Target target) {}

  /** Resolves the query, or throws {@link IllegalArgumentException} naming what is unknown. */
  static Resolved resolve(NetworkIndex ix, Query q) {
    String src = q.source().map(PathEndpoints::idOf).orElse(null);
    String dst = q.destination().map(PathEndpoints::idOf).orElse(null);
    PathEndpoint start = src != null ? startOf(ix, src, dst, q) : startAt(ix, q.sourceIp().orElseThrow(), dst, q);
    Cidr srcIp = q.sourceIp().orElseGet(() -> defaultSource(ix, start));
    Set<String> ids = new HashSet<>();
    Cidr dstIp = q.destinationIp().orElse(null);
    if (dst != null) {
      Cidr d = destination(ix, dst, start, srcIp, ids);
      if (dstIp == null) dstIp = d;
    }
    if (dstIp == null) throw new IllegalArgumentException("cannot choose a destination address for " + dst);
    PortRange dstPorts = q.protocol().hasPorts() ? q.destinationPort().map(PortRange::single).orElse(PortRange.ALL)
        : PortRange.ALL;
    PortRange srcPorts = q.protocol().hasPorts() ? q.sourcePort().map(PortRange::single).orElse(PortRange.EPHEMERAL)
        : PortRange.ALL;
    AnalysisPacketHeader h = new AnalysisPacketHeader(q.protocol(), srcIp, dstIp, srcPorts, dstPorts);
    return new Resolved(start, h, new PathEndpoint.Target(ids, Optional.of(dstIp)));
  }

  /** The resource id in an id or an ARN ({@code arn:aws:ec2:…:instance/i-…}). */
  static String idOf(String idOrArn) {
    int slash = idOrArn.lastIndexOf('/');
    return idOrArn.startsWith("arn:") && slash >= 0 ? idOrArn.substring(slash + 1) : idOrArn;
  }

  private static PathEndpoint startOf(NetworkIndex ix, String id, String dst, Query q) {
    Instance i = ix.instances.get(id);
    if (i != null) return new PathEndpoint.FromInterface(primary(ix, i), Optional.of(i.id()));
    NetworkInterface eni = ix.interfaces.get(id);
    if (eni != null) return new PathEndpoint.FromInterface(eni, Optional.empty());
    InternetGateway igw = ix.internetGateways.get(id);
    if (igw != null) return new PathEndpoint.FromInternet(igw);
    VpnGateway vgw = ix.vpnGateways.get(id);
    if (vgw != null) return new PathEndpoint.FromVpnGateway(vgw);
    VpnConnection vpn = ix.vpnConnections.get(id);
    if (vpn != null) return fromVpn(ix, vpn);
    Optional<TransitGatewayAttachment> att = ix.attachment(id);
    if (att.isPresent()) return new PathEndpoint.FromAttachment(att.get());
    VpcEndpoint vpce = ix.endpoints.get(id);
    if (vpce != null && vpce.isInterface() && !vpce.networkInterfaceIds().isEmpty()) {
      NetworkInterface e = ix.interfaces.get(vpce.networkInterfaceIds().get(0));
      if (e != null) return new PathEndpoint.FromInterface(e, Optional.empty());
    }
    VpcPeeringConnection pcx = ix.peerings.get(id);
    if (pcx != null) {
      Cidr to = q.destinationIp().orElseGet(() -> dst == null ? null : destination(ix, dst, null, null, new HashSet<>()));
      VpcPeeringConnection.Side into = to != null && pcx.accepter().contains(to) ? pcx.accepter() : pcx.requester();
      Vpc v = ix.vpcs.get(into.vpcId());
      if (v != null) return new PathEndpoint.FromPeering(pcx, v);
    }
    throw new IllegalArgumentException("unknown or unsupported path source: " + id);
  }

  private static PathEndpoint fromVpn(NetworkIndex ix, VpnConnection vpn) {
    if (vpn.vpnGatewayId() != null && ix.vpnGateways.containsKey(vpn.vpnGatewayId())) {
      return new PathEndpoint.FromVpnGateway(ix.vpnGateways.get(vpn.vpnGatewayId()));
    }
    if (vpn.transitGatewayId() != null) {
      Optional<TransitGatewayAttachment> a = ix.attachmentOf(vpn.transitGatewayId(), vpn.id());
      if (a.isPresent()) return new PathEndpoint.FromAttachment(a.get());
    }
    throw new IllegalArgumentException("VPN connection " + vpn.id() + " terminates on no known gateway");
  }

  /** A source given only as an address: its interface, else an on-premises or internet entry. */
  private static PathEndpoint startAt(NetworkIndex ix, Cidr ip, String dst, Query q) {
    List<NetworkInterface> owners = ix.interfacesAt(ip);
    if (owners.size() == 1) return new PathEndpoint.FromInterface(owners.get(0), Optional.empty());
    for (VpnConnection v : ix.network.vpnConnections()) if (v.reaches(ip)) return fromVpn(ix, v);
    if (!ip.isRfc1918() && dst != null) {
      Cidr to = destination(ix, dst, null, null, new HashSet<>());
      for (Vpc v : ix.network.vpcs()) {
        if (to != null && v.contains(to)) {
          Optional<InternetGateway> igw = ix.internetGatewayOf(v.id());
          if (igw.isPresent()) return new PathEndpoint.FromInternet(igw.get());
        }
      }
    }
    throw new IllegalArgumentException("cannot place source address " + ip.address() + " in the network");
  }

  private static Cidr defaultSource(NetworkIndex ix, PathEndpoint start) {
    return switch (start) {
      case PathEndpoint.FromInterface f -> ix.primaryIp(f.eni());
      case PathEndpoint.FromInternet f -> REPRESENTATIVE_INTERNET_SOURCE;
      case PathEndpoint.FromVpnGateway f -> onPremises(ix.network.vpnConnections().stream()
          .filter(v -> f.vgw().id().equals(v.vpnGatewayId())).toList(), f.vgw().id());
      case PathEndpoint.FromAttachment f -> onPremises(ix.network.vpnConnections().stream()
          .filter(v -> v.id().equals(f.attachment().resourceId())).toList(), f.attachment().id());
      case PathEndpoint.FromPeering f -> {
        VpcPeeringConnection.Side other = f.pcx().peerOf(f.into().id());
        if (other.cidrs().isEmpty()) throw new IllegalArgumentException(f.pcx().id() + " carries no blocks");
        yield other.cidrs().get(0).hostAt(10);
      }
      case PathEndpoint.FromGatewayEndpoint f -> throw new IllegalArgumentException("a gateway endpoint is no source");
      case PathEndpoint.FromSubnet f -> f.subnet().cidr().hostAt(4);
      case PathEndpoint.FromEgressOnlyInternetGateway f -> throw new IllegalArgumentException("give SourceIp");
    };
  }

  private static Cidr onPremises(List<VpnConnection> vpns, String via) {
    for (VpnConnection v : vpns) {
      if (!v.staticRoutes().isEmpty()) {
        Cidr r = v.staticRoutes().get(0);
        return r.isAddress() ? r : r.hostAt(10);
      }
    }
    throw new IllegalArgumentException("no on-premises block is known behind " + via + "; give SourceIp");
  }

  /** The destination's address; fills {@code ids} with the components that count as arrival. */
  private static Cidr destination(NetworkIndex ix, String id, PathEndpoint start, Cidr srcIp, Set<String> ids) {
    ids.add(id);
    boolean fromInternet = start instanceof PathEndpoint.FromInternet;
    Instance i = ix.instances.get(id);
    NetworkInterface eni = i != null ? primary(ix, i) : ix.interfaces.get(id);
    if (i != null) ids.addAll(NetworkIndex.interfacesOf(i));
    VpcEndpoint vpce = ix.endpoints.get(id);
    if (vpce != null && vpce.isInterface()) {
      ids.addAll(vpce.networkInterfaceIds());
      eni = pickEndpointInterface(ix, vpce, start);
    }
    NatGateway nat = ix.natGateways.get(id);
    if (nat != null) return ix.natPrivateIp(nat);
    if (eni != null) {
      var facts = ix.facts(eni);
      return fromInternet && facts.publicIp().isPresent() ? facts.publicIp().get() : facts.primaryIp();
    }
    if (vpce != null && vpce.isGateway()) return gatewayEndpointAddress(ix, vpce);
    if (ix.internetGateways.containsKey(id)) return REPRESENTATIVE_INTERNET_DESTINATION;
    VpnGateway vgw = ix.vpnGateways.get(id);
    if (vgw != null) {
      List<VpnConnection> vpns = ix.network.vpnConnections().stream()
          .filter(v -> vgw.id().equals(v.vpnGatewayId())).toList();
      vpns.forEach(v -> ids.add(v.id()));
      return onPremises(vpns, id);
    }
    VpnConnection vpn = ix.vpnConnections.get(id);
    if (vpn != null) return onPremises(List.of(vpn), id);
    Optional<TransitGatewayAttachment> att = ix.attachment(id);
    if (att.isPresent()) {
      return onPremises(ix.network.vpnConnections().stream().filter(v -> v.id().equals(att.get().resourceId())).toList(), id);
    }
    throw new IllegalArgumentException("unknown or unsupported path destination: " + id);
  }

  private static NetworkInterface pickEndpointInterface(NetworkIndex ix, VpcEndpoint vpce, PathEndpoint start) {
    String zone = start instanceof PathEndpoint.FromInterface f ? f.eni().availabilityZone() : "";
    NetworkInterface first = null;
    for (String id : vpce.networkInterfaceIds()) {
      NetworkInterface e = ix.interfaces.get(id);
      if (e == null) continue;
      if (e.availabilityZone().equals(zone)) return e;
      if (first == null) first = e;
    }
    if (first == null) throw new IllegalArgumentException(vpce.id() + " has no known interface");
    return first;
  }

  private static Cidr gatewayEndpointAddress(NetworkIndex ix, VpcEndpoint vpce) {
    for (String rtbId : vpce.routeTableIds()) {
      RouteTable rt = ix.routeTables.get(rtbId);
      if (rt == null) continue;
      for (RouteTable.Route r : rt.routes()) {
        if (r.target().id().equals(vpce.id()) && r.destination() instanceof RouteTable.PrefixListDestination pl) {
          ManagedPrefixList list = ix.prefixLists.get(pl.prefixListId());
          if (list != null && !list.entries().isEmpty()) return list.entries().get(0).hostAt(10);
        }
      }
    }
    for (ManagedPrefixList pl : ix.network.managedPrefixLists()) {
      if (pl.prefixListName().equals(vpce.serviceName()) && !pl.entries().isEmpty()) {
        return pl.entries().get(0).hostAt(10);
      }
    }
    throw new IllegalArgumentException("the prefix list of " + vpce.id() + " is unknown; give DestinationIp");
  }

  private static NetworkInterface primary(NetworkIndex ix, Instance i) {
    for (String id : NetworkIndex.interfacesOf(i)) {
      NetworkInterface e = ix.interfaces.get(id);
      if (e != null) return e;
    }
    throw new IllegalArgumentException("instance " + i.id() + " has no known network interface");
  }
}
