package dev.stratus.ec2.reachability;

import dev.stratus.core.net.Cidr;
import dev.stratus.ec2.model.CustomerGateway;
import dev.stratus.ec2.model.Instance;
import dev.stratus.ec2.model.InternetGateway;
import dev.stratus.ec2.model.ManagedPrefixList;
import dev.stratus.ec2.model.NatGateway;
import dev.stratus.ec2.model.NetworkAcl;
import dev.stratus.ec2.model.NetworkInterface;
import dev.stratus.ec2.model.RouteTable;
import dev.stratus.ec2.model.SecurityGroup;
import dev.stratus.ec2.model.Subnet;
import dev.stratus.ec2.model.TransitGateway;
import dev.stratus.ec2.model.TransitGatewayAttachment;
import dev.stratus.ec2.model.TransitGatewayRouteTable;
import dev.stratus.ec2.model.Vpc;
import dev.stratus.ec2.model.VpcEndpoint;
import dev.stratus.ec2.model.VpcPeeringConnection;
import dev.stratus.ec2.model.VpnConnection;
import dev.stratus.ec2.model.VpnGateway;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Lookup tables over one {@link Network}, built once and shared by every analysis of it: resources
 * by id, interfaces by (VPC, private address) and by public address with their addresses parsed
 * and their owners resolved, security group rules compiled, route tables indexed for
 * longest-prefix match, transit gateway attachments by (transit gateway, attachment or resource).
 */
final class NetworkIndex {
  /*
   * Building costs one pass over every resource plus one PrefixTable per route table; a query then
   * touches only the components on its path, each in O(1) hash probes (route lookup: one probe per
   * prefix length present). Immutable after construction, so safe to share between threads.
   * Interfaces are keyed by VPC and address because different VPCs may reuse private addresses.
   */
  final Network network;
  final Map<String, Vpc> vpcs;
  final Map<String, Subnet> subnets;
  final Map<String, RouteTable> routeTables;
  final Map<String, SecurityGroup> securityGroups;
  final Map<String, NetworkAcl> networkAcls;
  final Map<String, NetworkInterface> interfaces;
  final Map<String, Instance> instances;
  final Map<String, InternetGateway> internetGateways;
  final Map<String, NatGateway> natGateways;
  final Map<String, VpcPeeringConnection> peerings;
  final Map<String, TransitGateway> transitGateways;
  final Map<String, TransitGatewayRouteTable> tgwRouteTables;
  final Map<String, VpcEndpoint> endpoints;
  final Map<String, VpnGateway> vpnGateways;
  final Map<String, VpnConnection> vpnConnections;
  final Map<String, CustomerGateway> customerGateways;
  final Map<String, ManagedPrefixList> prefixLists;

  /** Group id → its rules as the evaluation reads them. */
  private final Map<String, SecurityGroupEvaluation.Rules> groupRules = new HashMap<>();
  /** Interface → its owner and addresses, resolved once (by identity: the record's own hash reads every field). */
  private final Map<NetworkInterface, InterfaceFacts> facts = new IdentityHashMap<>();
  private final Map<String, Map<Cidr, NetworkInterface>> eniByVpcAddress = new HashMap<>();
  private final Map<Cidr, NetworkInterface> eniByPublicAddress = new HashMap<>();
  private final Map<String, List<Subnet>> subnetsByVpc = new HashMap<>();
  /** NAT gateway → its addresses, parsed once (the record keeps AWS's text). */
  private final Map<String, Cidr> natPrivateIps = new HashMap<>();
  private final Map<String, Cidr> natPublicIps = new HashMap<>();
  /** Subnet → its governing route table and NACL, resolved once (the subnet record does not say). */
  private final Map<String, String> subnetRouteTable = new HashMap<>();
  private final Map<String, String> subnetAcl = new HashMap<>();
  private final Map<String, RouteSelection> routeSelections = new HashMap<>();
  private final Map<String, TransitGatewayRouteSelection> tgwSelections = new HashMap<>();
  /** Attachments by "tgwId|attachmentId" (a TGW peering attachment has one record per side). */
  private final Map<String, TransitGatewayAttachment> attachments = new HashMap<>();
  /** Attachments by id alone (first seen). */
  private final Map<String, TransitGatewayAttachment> attachmentsById = new HashMap<>();
  /** Attachments by "tgwId|resourceId". */
  private final Map<String, TransitGatewayAttachment> attachmentsByResource = new HashMap<>();
  /** Attachment route table association: "tgwId|attachmentId" -> route table id. */
  private final Map<String, String> associations = new HashMap<>();
  private final Map<String, List<NetworkInterface>> attachmentInterfaces = new HashMap<>();

  NetworkIndex(Network n) {
    this.network = n;
    vpcs = byId(n.vpcs(), Vpc::id);
    subnets = byId(n.subnets(), Subnet::id);
    routeTables = byId(n.routeTables(), RouteTable::id);
    securityGroups = byId(n.securityGroups(), SecurityGroup::id);
    networkAcls = byId(n.networkAcls(), NetworkAcl::id);
    interfaces = byId(n.networkInterfaces(), NetworkInterface::id);
    instances = byId(n.instances(), Instance::id);
    internetGateways = byId(n.internetGateways(), InternetGateway::id);
    natGateways = byId(n.natGateways(), NatGateway::id);
    peerings = byId(n.vpcPeeringConnections(), VpcPeeringConnection::id);
    transitGateways = byId(n.transitGateways(), TransitGateway::id);
    tgwRouteTables = byId(n.transitGatewayRouteTables(), TransitGatewayRouteTable::id);
    endpoints = byId(n.vpcEndpoints(), VpcEndpoint::id);
    vpnGateways = byId(n.vpnGateways(), VpnGateway::id);
    vpnConnections = byId(n.vpnConnections(), VpnConnection::id);
    customerGateways = byId(n.customerGateways(), CustomerGateway::id);
    prefixLists = byId(n.managedPrefixLists(), ManagedPrefixList::id);
    Map<Object, Object> interned = new HashMap<>();
    for (SecurityGroup g : n.securityGroups()) {
      if (!groupRules.containsKey(g.id())) groupRules.put(g.id(), SecurityGroupEvaluation.Rules.of(g, interned));
    }
    Map<String, String> natByEni = InterfaceOwner.natInterfaces(n.natGateways());
    Map<String, String> endpointByEni = InterfaceOwner.endpointInterfaces(n.vpcEndpoints());
    for (NetworkInterface eni : n.networkInterfaces()) {
      InterfaceOwner owner = InterfaceOwner.of(eni, natByEni, endpointByEni);
      Map<Cidr, NetworkInterface> m = eniByVpcAddress.computeIfAbsent(eni.vpcId(), k -> new HashMap<>());
      Cidr primary = Cidr.ofAddress(eni.privateIpAddress());
      m.putIfAbsent(primary, eni);
      List<Cidr> others = new ArrayList<>();
      for (String a : eni.secondaryPrivateIpAddresses()) others.add(Cidr.ofAddress(a));
      for (String a : eni.ipv6Addresses()) others.add(Cidr.ofAddress(a));
      others.forEach(a -> m.putIfAbsent(a, eni));
      Cidr pub = eni.association() == null ? null : Cidr.ofAddress(eni.association().publicIp());
      if (pub != null) eniByPublicAddress.putIfAbsent(pub, eni);
      facts.put(eni, new InterfaceFacts(owner, primary, Optional.ofNullable(pub), List.copyOf(others)));
      if (owner instanceof InterfaceOwner.TransitGatewayAttachment t) {
        attachmentInterfaces.computeIfAbsent(t.id(), k -> new ArrayList<>()).add(eni);
      }
    }
    for (Subnet s : n.subnets()) subnetsByVpc.computeIfAbsent(s.vpcId(), k -> new ArrayList<>()).add(s);
    resolveSubnets(n);
    for (NatGateway nat : n.natGateways()) {
      if (nat.privateIp() != null) natPrivateIps.putIfAbsent(nat.id(), Cidr.ofAddress(nat.privateIp()));
      if (nat.publicIp() != null) natPublicIps.putIfAbsent(nat.id(), Cidr.ofAddress(nat.publicIp()));
    }
    for (RouteTable rt : n.routeTables()) {
      routeSelections.put(rt.id(), RouteSelection.of(rt, vpcs.get(rt.vpcId()), prefixLists));
    }
    for (TransitGatewayAttachment a : n.transitGatewayAttachments()) {
      attachments.put(a.transitGatewayId() + "|" + a.id(), a);
      attachmentsById.putIfAbsent(a.id(), a);
      attachmentsByResource.putIfAbsent(a.transitGatewayId() + "|" + a.resourceId(), a);
      String rtb = a.associatedRouteTableId();
      if (rtb != null) associations.put(a.transitGatewayId() + "|" + a.id(), rtb);
    }
    for (TransitGatewayRouteTable rt : n.transitGatewayRouteTables()) {
      tgwSelections.put(rt.id(), TransitGatewayRouteSelection.of(rt, prefixLists, id -> {
        TransitGatewayAttachment a = attachmentsById.get(id);
        return a == null ? null : a.resourceType();
      }));
      rt.associations().forEach(a -> associations.putIfAbsent(rt.transitGatewayId() + "|" + a, rt.id()));
    }
  }

  /*
   * The explicitly associated route table, else the VPC's main one (vpc.md §7); the associated
   * NACL, else the VPC's default one (vpc.md §20). First in list order wins, as a scan would.
   */
  private void resolveSubnets(Network n) {
    Map<String, String> mainTable = new HashMap<>();
    for (RouteTable t : n.routeTables()) { // one pass over the associations (isMain/subnetIds would stream twice)
      for (RouteTable.Association a : t.associations()) {
        if (a.subnetId() != null) subnetRouteTable.putIfAbsent(a.subnetId(), t.id());
        if (a.main()) mainTable.putIfAbsent(t.vpcId(), t.id());
      }
    }
    Map<String, String> defaultAcl = new HashMap<>();
    for (NetworkAcl a : n.networkAcls()) {
      a.associations().forEach(x -> subnetAcl.putIfAbsent(x.subnetId(), a.id()));
      if (a.isDefault()) defaultAcl.putIfAbsent(a.vpcId(), a.id());
    }
    for (Subnet s : n.subnets()) {
      if (mainTable.containsKey(s.vpcId())) subnetRouteTable.putIfAbsent(s.id(), mainTable.get(s.vpcId()));
      if (defaultAcl.containsKey(s.vpcId())) subnetAcl.putIfAbsent(s.id(), defaultAcl.get(s.vpcId()));
    }
  }

  /** The instance's interfaces, primary first; none once it is terminated (its interfaces are gone). */
  static List<String> interfacesOf(Instance i) {
    return i.state().equals("terminated") ? List.of() : i.networkInterfaceIds();
  }

  /** The NAT gateway's private address (null when the record has none). */
  Cidr natPrivateIp(NatGateway nat) { return natPrivateIps.get(nat.id()); }

  /** The NAT gateway's public address; empty for a private NAT gateway. */
  Optional<Cidr> natPublicIp(NatGateway nat) { return Optional.ofNullable(natPublicIps.get(nat.id())); }

  /** The route table governing the subnet; empty when none is known (the analysis finds no route). */
  Optional<String> routeTableOf(Subnet s) { return Optional.ofNullable(subnetRouteTable.get(s.id())); }

  /** The network ACL governing the subnet; empty when none is known (the analysis drops). */
  Optional<String> networkAclOf(Subnet s) { return Optional.ofNullable(subnetAcl.get(s.id())); }

  private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
    Map<String, T> m = new HashMap<>(items.size() * 2);
    for (T t : items) m.putIfAbsent(id.apply(t), t);
    return m;
  }

  /** What uses the interface. */
  InterfaceOwner owner(NetworkInterface eni) { return facts(eni).owner(); }

  /** The interface's primary private address. */
  Cidr primaryIp(NetworkInterface eni) { return facts(eni).primaryIp(); }

  /** The interface's public address, if it has one (vpc.md §23). */
  Optional<Cidr> publicIp(NetworkInterface eni) { return facts(eni).publicIp(); }

  /** Whether the address is one of the interface's private addresses. */
  boolean owns(NetworkInterface eni, Cidr address) { return facts(eni).owns(address); }

  /** What the index knows of an interface of this network, or of one a caller built (resolved on the spot). */
  InterfaceFacts facts(NetworkInterface eni) {
    InterfaceFacts f = facts.get(eni);
    return f != null ? f : new InterfaceFacts(InterfaceOwner.of(eni, Map.of(), Map.of()), Cidr.ofAddress(eni.privateIpAddress()),
        Optional.ofNullable(eni.association()).map(a -> Cidr.ofAddress(a.publicIp())), List.of());
  }

  /**
   * What the index knows of an interface beyond its record: its owner, and its addresses parsed.
   *
   * @param otherIps secondary private IPv4 and IPv6 addresses
   */
  record InterfaceFacts(InterfaceOwner owner, Cidr primaryIp, Optional<Cidr> publicIp, List<Cidr> otherIps) {
    /** Whether the address is one of the interface's private addresses. */
    boolean owns(Cidr address) { return primaryIp.equals(address) || otherIps.contains(address); }
  }

  /** A group's rules as the evaluation reads them; null for an unknown group. */
  SecurityGroupEvaluation.Rules rules(String groupId) { return groupRules.get(groupId); }

  /** The interface of the VPC owning the private address. */
  Optional<NetworkInterface> interfaceAt(String vpcId, Cidr address) {
    Map<Cidr, NetworkInterface> m = eniByVpcAddress.get(vpcId);
    return m == null ? Optional.empty() : Optional.ofNullable(m.get(address));
  }

  /** The interface whose public IP is the address. */
  Optional<NetworkInterface> interfaceWithPublicIp(Cidr address) {
    return Optional.ofNullable(eniByPublicAddress.get(address));
  }

  /** Every interface owning the private address, in any VPC. */
  List<NetworkInterface> interfacesAt(Cidr address) {
    List<NetworkInterface> out = new ArrayList<>();
    for (Map<Cidr, NetworkInterface> m : eniByVpcAddress.values()) {
      NetworkInterface e = m.get(address);
      if (e != null) out.add(e);
    }
    return out;
  }

  /** The subnet of the VPC containing the address. */
  Optional<Subnet> subnetAt(String vpcId, Cidr address) {
    for (Subnet s : subnetsByVpc.getOrDefault(vpcId, List.of())) if (s.contains(address)) return Optional.of(s);
    return Optional.empty();
  }

  /** The VPC route selection of a route table. */
  Optional<RouteSelection> routes(String routeTableId) { return Optional.ofNullable(routeSelections.get(routeTableId)); }

  /** The route selection of a transit gateway route table. */
  Optional<TransitGatewayRouteSelection> tgwRoutes(String id) { return Optional.ofNullable(tgwSelections.get(id)); }

  /** The attachment as seen from one transit gateway. */
  Optional<TransitGatewayAttachment> attachment(String tgwId, String attachmentId) {
    return Optional.ofNullable(attachments.get(tgwId + "|" + attachmentId));
  }

  /** An attachment by id (the first side seen for a peering attachment). */
  Optional<TransitGatewayAttachment> attachment(String attachmentId) {
    return Optional.ofNullable(attachmentsById.get(attachmentId));
  }

  /** The attachment of a resource (VPC, VPN connection, peer TGW) to a transit gateway. */
  Optional<TransitGatewayAttachment> attachmentOf(String tgwId, String resourceId) {
    return Optional.ofNullable(attachmentsByResource.get(tgwId + "|" + resourceId));
  }

  /** The route table an attachment is associated with on a transit gateway. */
  Optional<String> associatedRouteTable(String tgwId, String attachmentId) {
    return Optional.ofNullable(associations.get(tgwId + "|" + attachmentId));
  }

  /** The interfaces of a transit gateway VPC attachment. */
  List<NetworkInterface> attachmentInterfaces(String attachmentId) {
    return attachmentInterfaces.getOrDefault(attachmentId, List.of());
  }

  /** The internet gateway attached to a VPC. */
  Optional<InternetGateway> internetGatewayOf(String vpcId) {
    return network.internetGateways().stream().filter(g -> vpcId.equals(g.attachedVpcId())).findFirst();
  }

  /** The virtual private gateway attached to a VPC. */
  Optional<VpnGateway> vpnGatewayOf(String vpcId) {
    return network.vpnGateways().stream().filter(g -> vpcId.equals(g.attachedVpcId())).findFirst();
  }

  /** Whether a prefix list (known) contains the address. */
  boolean prefixListContains(String prefixListId, Cidr address) {
    ManagedPrefixList pl = prefixLists.get(prefixListId);
    return pl != null && pl.contains(address);
  }
}
