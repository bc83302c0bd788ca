package dev.stratus.ec2.reachability;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Everything the analyzer knows about a set of accounts and Regions: every resource record, each
 * knowing its Region, so peering and transit gateway peering can join Regions. Every resource is
 * the control plane's own record ({@link dev.stratus.ec2.model}); its Region, account and tags are
 * in {@code placements} by id. Immutable; build one with {@link #builder()}.
 */
public record Network(List<Vpc> vpcs, List<Subnet> subnets, List<RouteTable> routeTables,
    List<SecurityGroup> securityGroups, List<NetworkAcl> networkAcls,
    List<NetworkInterface> networkInterfaces, List<Instance> instances,
    List<InternetGateway> internetGateways, List<NatGateway> natGateways,
    List<VpcPeeringConnection> vpcPeeringConnections, List<TransitGateway> transitGateways,
    List<TransitGatewayAttachment> transitGatewayAttachments,
    List<TransitGatewayRouteTable> transitGatewayRouteTables, List<VpcEndpoint> vpcEndpoints,
    List<VpnGateway> vpnGateways, List<VpnConnection> vpnConnections,
    List<CustomerGateway> customerGateways, List<ManagedPrefixList> managedPrefixLists,
    Map<String, Placement> placements) {

  public Network {
    vpcs = List.copyOf(vpcs);
    subnets = List.copyOf(subnets);
    routeTables = List.copyOf(routeTables);
    securityGroups = List.copyOf(securityGroups);
    networkAcls = List.copyOf(networkAcls);
    networkInterfaces = List.copyOf(networkInterfaces);
    instances = List.copyOf(instances);
    internetGateways = List.copyOf(internetGateways);
    natGateways = List.copyOf(natGateways);
    vpcPeeringConnections = List.copyOf(vpcPeeringConnections);
    transitGateways = List.copyOf(transitGateways);
    transitGatewayAttachments = List.copyOf(transitGatewayAttachments);
    transitGatewayRouteTables = List.copyOf(transitGatewayRouteTables);
    vpcEndpoints = List.copyOf(vpcEndpoints);
    vpnGateways = List.copyOf(vpnGateways);
    vpnConnections = List.copyOf(vpnConnections);
    customerGateways = List.copyOf(customerGateways);
    managedPrefixLists = List.copyOf(managedPrefixLists);
    placements = Map.copyOf(placements);
  }

  /** Where the resource lives ({@link Placement#NONE} when unknown). */
  public Placement placement(String id) { return placements.getOrDefault(id, Placement.NONE); }

  /** The resource's Region. */
  public String region(String id) { return placement(id).region(); }

  /** The resource's tags. */
  public Map<String, String> tags(String id) { return placement(id).tags(); }

  /** An empty network. */
  public static Network empty() { return builder().build(); }

  /** A builder collecting resources in any order. */
  public static Builder builder() { return new Builder(); }

  /** Every Region any resource lives in, sorted. */
  public SortedSet<String> regions() {
    TreeSet<String> r = new TreeSet<>();
    vpcs.forEach(v -> r.add(region(v.id())));
    subnets.forEach(v -> r.add(region(v.id())));
    transitGateways.forEach(v -> r.add(region(v.id())));
    internetGateways.forEach(v -> r.add(region(v.id())));
    vpnConnections.forEach(v -> r.add(region(v.id())));
    vpcPeeringConnections.forEach(p -> r.add(p.requester().region()));
    managedPrefixLists.forEach(v -> r.add(region(v.id())));
    return r;
  }

  /** Collects resources; {@link #build()} copies them into an immutable {@link Network}. */
  public static final class Builder {
    public final List<Vpc> vpcs = new ArrayList<>();
    public final List<Subnet> subnets = new ArrayList<>();
    public final List<RouteTable> routeTables = new ArrayList<>();
    public final List<SecurityGroup> securityGroups = new ArrayList<>();
    public final List<NetworkAcl> networkAcls = new ArrayList<>();
    public final List<NetworkInterface> networkInterfaces = new ArrayList<>();
    public final List<Instance> instances = new ArrayList<>();
    public final List<InternetGateway> internetGateways = new ArrayList<>();
    public final List<NatGateway> natGateways = new ArrayList<>();
    public final List<VpcPeeringConnection> vpcPeeringConnections = new ArrayList<>();
    public final List<TransitGateway> transitGateways = new ArrayList<>();
    public final List<TransitGatewayAttachment> transitGatewayAttachments = new ArrayList<>();
    public final List<TransitGatewayRouteTable> transitGatewayRouteTables = new ArrayList<>();
    public final List<VpcEndpoint> vpcEndpoints = new ArrayList<>();
    public final List<VpnGateway> vpnGateways = new ArrayList<>();
    public final List<VpnConnection> vpnConnections = new ArrayList<>();
    public final List<CustomerGateway> customerGateways = new ArrayList<>();
    public final List<ManagedPrefixList> managedPrefixLists = new ArrayList<>();
    public final Map<String, Placement> placements = new LinkedHashMap<>();

    private Builder() {}

    /** Adds a VPC and where it lives. */
    public Builder vpc(Vpc v, Placement p) {
      vpcs.add(v);
      placements.put(v.id(), p);
      return this;
    }

    /** Adds a resource's place (for records added to the lists directly). */
    public Builder place(String id, Placement p) {
      placements.put(id, p);
      return this;
    }

    /** Adds an internet gateway and where it lives. */
    public Builder internetGateway(InternetGateway g, Placement p) {
      internetGateways.add(g);
      placements.put(g.id(), p);
      return this;
    }

    /** Adds an instance and where it lives. */
    public Builder instance(Instance i, Placement p) {
      instances.add(i);
      placements.put(i.id(), p);
      return this;
    }

    /** Adds a subnet and where it lives. */
    public Builder subnet(Subnet s, Placement p) {
      subnets.add(s);
      placements.put(s.id(), p);
      return this;
    }

    /** Adds every resource of another network (e.g. another Region's import). */
    public Builder addAll(Network n) {
      vpcs.addAll(n.vpcs());
      subnets.addAll(n.subnets());
      routeTables.addAll(n.routeTables());
      securityGroups.addAll(n.securityGroups());
      networkAcls.addAll(n.networkAcls());
      networkInterfaces.addAll(n.networkInterfaces());
      instances.addAll(n.instances());
      internetGateways.addAll(n.internetGateways());
      natGateways.addAll(n.natGateways());
      vpcPeeringConnections.addAll(n.vpcPeeringConnections());
      transitGateways.addAll(n.transitGateways());
      transitGatewayAttachments.addAll(n.transitGatewayAttachments());
      transitGatewayRouteTables.addAll(n.transitGatewayRouteTables());
      vpcEndpoints.addAll(n.vpcEndpoints());
      vpnGateways.addAll(n.vpnGateways());
      vpnConnections.addAll(n.vpnConnections());
      customerGateways.addAll(n.customerGateways());
      managedPrefixLists.addAll(n.managedPrefixLists());
      placements.putAll(n.placements());
      return this;
    }

    /** The immutable network. */
    public Network build() {
      return new Network(vpcs, subnets, routeTables, securityGroups, networkAcls, networkInterfaces,
          instances, internetGateways, natGateways, vpcPeeringConnections, transitGateways,
          transitGatewayAttachments, transitGatewayRouteTables, vpcEndpoints, vpnGateways,
          vpnConnections, customerGateways, managedPrefixLists, placements);
    }
  }
}
