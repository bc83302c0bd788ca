package dev.stratus.ec2;

import dev.stratus.core.store.Index;
import dev.stratus.core.store.Table;
import dev.stratus.ec2.model.Address;
import dev.stratus.ec2.model.DhcpOptions;
import dev.stratus.ec2.model.Instance;
import dev.stratus.ec2.model.InternetGateway;
import dev.stratus.ec2.model.NatGateway;
import dev.stratus.ec2.model.NetworkAcl;
import dev.stratus.ec2.model.NetworkInterface;
import dev.stratus.ec2.model.RegionDefaults;
import dev.stratus.ec2.model.ResourceTags;
import dev.stratus.ec2.model.RouteTable;
import dev.stratus.ec2.model.SecurityGroup;
import dev.stratus.ec2.model.Subnet;
import dev.stratus.ec2.model.Vpc;

/**
 * The store tables of EC2, all scoped by {@code RequestContext.regionalScope()} and keyed by
 * resource id (the region-defaults row by {@link #DEFAULTS_ID}).
 */
public final class Ec2Tables {
  private Ec2Tables() {}

  public static final String DEFAULTS_ID = "defaults";
  public static final Table<RegionDefaults> DEFAULTS = Table.of("ec2.region_defaults", RegionDefaults.class);
  public static final Table<Vpc> VPC = Table.of("ec2.vpc", Vpc.class);
  public static final Table<Subnet> SUBNET = Table.of("ec2.subnet", Subnet.class);
  public static final Table<RouteTable> ROUTE_TABLE = Table.of("ec2.route_table", RouteTable.class);
  public static final Table<SecurityGroup> SECURITY_GROUP = Table.of("ec2.security_group", SecurityGroup.class);
  public static final Table<NetworkAcl> NETWORK_ACL = Table.of("ec2.network_acl", NetworkAcl.class);
  public static final Table<NetworkInterface> NETWORK_INTERFACE =
      Table.of("ec2.network_interface", NetworkInterface.class);
  public static final Table<Instance> INSTANCE = Table.of("ec2.instance", Instance.class);
  public static final Table<InternetGateway> INTERNET_GATEWAY = Table.of("ec2.internet_gateway", InternetGateway.class);
  public static final Table<NatGateway> NAT_GATEWAY = Table.of("ec2.nat_gateway", NatGateway.class);
  public static final Table<Address> ADDRESS = Table.of("ec2.address", Address.class);
  public static final Table<DhcpOptions> DHCP_OPTIONS = Table.of("ec2.dhcp_options", DhcpOptions.class);
  public static final Table<ResourceTags> TAGS = Table.of("ec2.tags", ResourceTags.class);
  public static final Table<dev.stratus.ec2.model.VpcPeeringConnection> PEERING =
      Table.of("ec2.vpc_peering_connection", dev.stratus.ec2.model.VpcPeeringConnection.class);
  public static final Table<dev.stratus.ec2.model.TransitGateway> TRANSIT_GATEWAY =
      Table.of("ec2.transit_gateway", dev.stratus.ec2.model.TransitGateway.class);
  /** Schema 2: the header only; schema-1 rows held the routes, associations and propagations inline. */
  public static final Table<dev.stratus.ec2.model.TransitGatewayRouteTable> TGW_ROUTE_TABLE =
      Table.of("ec2.tgw_route_table", dev.stratus.ec2.model.TransitGatewayRouteTable.class, 2);
  /** A transit gateway route table's propagations, keyed {@code Propagation.rowId}. */
  public static final Table<dev.stratus.ec2.model.TransitGatewayRouteTable.Propagation> TGW_PROPAGATION =
      Table.of("ec2.tgw_propagation", dev.stratus.ec2.model.TransitGatewayRouteTable.Propagation.class);
  /** A transit gateway route table's static routes, keyed {@code StaticRoute.rowId}. */
  public static final Table<dev.stratus.ec2.model.TransitGatewayRouteTable.StaticRoute> TGW_STATIC_ROUTE =
      Table.of("ec2.tgw_static_route", dev.stratus.ec2.model.TransitGatewayRouteTable.StaticRoute.class);
  public static final Table<dev.stratus.ec2.model.TransitGatewayAttachment> TGW_ATTACHMENT =
      Table.of("ec2.tgw_attachment", dev.stratus.ec2.model.TransitGatewayAttachment.class);
  public static final Table<dev.stratus.ec2.model.VpcEndpoint> VPC_ENDPOINT =
      Table.of("ec2.vpc_endpoint", dev.stratus.ec2.model.VpcEndpoint.class);
  public static final Table<dev.stratus.ec2.model.VpcEndpointService> VPC_ENDPOINT_SERVICE =
      Table.of("ec2.vpc_endpoint_service", dev.stratus.ec2.model.VpcEndpointService.class);
  public static final Table<dev.stratus.ec2.model.VpnGateway> VPN_GATEWAY =
      Table.of("ec2.vpn_gateway", dev.stratus.ec2.model.VpnGateway.class);
  public static final Table<dev.stratus.ec2.model.CustomerGateway> CUSTOMER_GATEWAY =
      Table.of("ec2.customer_gateway", dev.stratus.ec2.model.CustomerGateway.class);
  public static final Table<dev.stratus.ec2.model.VpnConnection> VPN_CONNECTION =
      Table.of("ec2.vpn_connection", dev.stratus.ec2.model.VpnConnection.class);
  public static final Table<dev.stratus.ec2.model.EndpointConnection> ENDPOINT_CONNECTION =
      Table.of("ec2.endpoint_connection", dev.stratus.ec2.model.EndpointConnection.class);

  // Secondary indexes (kept by the store, registered by Ec2Store): a write's checks read the rows
  // of one VPC, subnet or transit gateway, not every row of the Region.
  public static final Index<Subnet> SUBNET_BY_VPC = Index.of(SUBNET, "vpc", Subnet::vpcId);
  public static final Index<RouteTable> ROUTE_TABLE_BY_VPC = Index.of(ROUTE_TABLE, "vpc", RouteTable::vpcId);
  public static final Index<SecurityGroup> SECURITY_GROUP_BY_VPC = Index.of(SECURITY_GROUP, "vpc", SecurityGroup::vpcId);
  public static final Index<NetworkAcl> NETWORK_ACL_BY_VPC = Index.of(NETWORK_ACL, "vpc", NetworkAcl::vpcId);
  public static final Index<NetworkInterface> NETWORK_INTERFACE_BY_SUBNET =
      Index.of(NETWORK_INTERFACE, "subnet", NetworkInterface::subnetId);
  public static final Index<dev.stratus.ec2.model.TransitGatewayAttachment> TGW_ATTACHMENT_BY_RESOURCE =
      Index.of(TGW_ATTACHMENT, "resource", dev.stratus.ec2.model.TransitGatewayAttachment::resourceId);
  /** The attachments associated with a transit gateway route table (an association is the attachment's field). */
  public static final Index<dev.stratus.ec2.model.TransitGatewayAttachment> TGW_ATTACHMENT_BY_ROUTE_TABLE =
      Index.of(TGW_ATTACHMENT, "route_table", dev.stratus.ec2.model.TransitGatewayAttachment::associatedRouteTableId);
  public static final Index<dev.stratus.ec2.model.TransitGatewayRouteTable.Propagation> TGW_PROPAGATION_BY_ROUTE_TABLE =
      Index.of(TGW_PROPAGATION, "route_table", dev.stratus.ec2.model.TransitGatewayRouteTable.Propagation::routeTableId);
  public static final Index<dev.stratus.ec2.model.TransitGatewayRouteTable.Propagation> TGW_PROPAGATION_BY_ATTACHMENT =
      Index.of(TGW_PROPAGATION, "attachment", dev.stratus.ec2.model.TransitGatewayRouteTable.Propagation::attachmentId);
  public static final Index<dev.stratus.ec2.model.TransitGatewayRouteTable.StaticRoute> TGW_STATIC_ROUTE_BY_ROUTE_TABLE =
      Index.of(TGW_STATIC_ROUTE, "route_table", dev.stratus.ec2.model.TransitGatewayRouteTable.StaticRoute::routeTableId);
  public static final Index<dev.stratus.ec2.model.TransitGatewayRouteTable.StaticRoute> TGW_STATIC_ROUTE_BY_ATTACHMENT =
      Index.of(TGW_STATIC_ROUTE, "attachment", dev.stratus.ec2.model.TransitGatewayRouteTable.StaticRoute::attachmentId);

  /** Every index above, for Ec2Store to register. */
  public static final java.util.List<Index<?>> INDEXES = java.util.List.of(SUBNET_BY_VPC, ROUTE_TABLE_BY_VPC,
      SECURITY_GROUP_BY_VPC, NETWORK_ACL_BY_VPC, NETWORK_INTERFACE_BY_SUBNET, TGW_ATTACHMENT_BY_RESOURCE,
      TGW_ATTACHMENT_BY_ROUTE_TABLE, TGW_PROPAGATION_BY_ROUTE_TABLE, TGW_PROPAGATION_BY_ATTACHMENT,
      TGW_STATIC_ROUTE_BY_ROUTE_TABLE, TGW_STATIC_ROUTE_BY_ATTACHMENT);
}
