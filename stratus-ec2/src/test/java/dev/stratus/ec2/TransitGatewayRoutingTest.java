package dev.stratus.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.ec2.transit.TransitGatewayAttachmentOperations;
import dev.stratus.ec2.transit.TransitGatewayOperations;
import dev.stratus.ec2.transit.TransitGatewayRouteTableOperations;
import dev.stratus.ec2.vpn.VpnConnectionOperations;
import dev.stratus.ec2.vpn.VpnOperations;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.*;

/**
 * Transit gateway route tables, propagation and attachments (vpc.md §30–34). Network: one TGW with
 * default association/propagation disabled, two VPCs (10.0/16 prod, 10.1/16 dev), a static VPN and a
 * peer TGW in eu-west-1.
 */
class TransitGatewayRoutingTest {
  private final Ec2Fixture f = new Ec2Fixture();
  private final TransitGatewayOperations tgws = new TransitGatewayOperations(f.store);
  private final TransitGatewayRouteTableOperations tables = new TransitGatewayRouteTableOperations(f.store);
  private final TransitGatewayAttachmentOperations attachments = new TransitGatewayAttachmentOperations(f.store);
  private final VpnOperations vpn = new VpnOperations(f.store);
  private final VpnConnectionOperations vpns = new VpnConnectionOperations(f.store);

  private String isolatedTgw() {
    var tgw = tgws.createTransitGateway(f.ctx, CreateTransitGatewayRequest.builder().options(TransitGatewayRequestOptions
        .builder().defaultRouteTableAssociation("disable").defaultRouteTablePropagation("disable").build()).build())
        .transitGateway();
    assertThat(tgw.options().associationDefaultRouteTableId()).isNull();
    return tgw.transitGatewayId();
  }

  private String attachVpc(String tgw, String cidr, String subnet) {
    String vpc = f.createVpc(cidr);
    return tgws.createTransitGatewayVpcAttachment(f.ctx, CreateTransitGatewayVpcAttachmentRequest.builder()
        .transitGatewayId(tgw).vpcId(vpc).subnetIds(f.createSubnet(vpc, subnet)).build())
        .transitGatewayVpcAttachment().transitGatewayAttachmentId();
  }

  private String routeTable(String tgw) {
    return tables.createTransitGatewayRouteTable(f.ctx, CreateTransitGatewayRouteTableRequest.builder()
        .transitGatewayId(tgw).build()).transitGatewayRouteTable().transitGatewayRouteTableId();
  }

  private java.util.List<TransitGatewayRoute> routes(String rtb) {
    return new TransitGatewayRouteTableOperations(f.store).searchTransitGatewayRoutes(f.ctx, SearchTransitGatewayRoutesRequest.builder().transitGatewayRouteTableId(rtb)
        .build()).routes();
  }

  @Test
  void customTable_associateOnce_propagate_staticHidesPropagated() {
    String tgw = isolatedTgw();
    String prod = attachVpc(tgw, "10.0.0.0/16", "10.0.1.0/24");
    String dev = attachVpc(tgw, "10.1.0.0/16", "10.1.1.0/24");
    String rtb = routeTable(tgw);
    tables.associateTransitGatewayRouteTable(f.ctx, AssociateTransitGatewayRouteTableRequest.builder()
        .transitGatewayRouteTableId(rtb).transitGatewayAttachmentId(prod).build());
    Ec2Fixture.refused(() -> tables.associateTransitGatewayRouteTable(f.ctx, AssociateTransitGatewayRouteTableRequest
        .builder().transitGatewayRouteTableId(rtb).transitGatewayAttachmentId(prod).build()), "Resource.AlreadyAssociated");
    tables.enableTransitGatewayRouteTablePropagation(f.ctx, EnableTransitGatewayRouteTablePropagationRequest.builder()
        .transitGatewayRouteTableId(rtb).transitGatewayAttachmentId(dev).build());
    assertThat(routes(rtb)).singleElement().satisfies(r -> assertThat(r.typeAsString()).isEqualTo("propagated"));
    new TransitGatewayRouteTableOperations(f.store).createTransitGatewayRoute(f.ctx, CreateTransitGatewayRouteRequest.builder().transitGatewayRouteTableId(rtb)
        .destinationCidrBlock("10.1.0.0/16").blackhole(true).build());
    assertThat(routes(rtb)).singleElement().satisfies(r -> assertThat(r.stateAsString()).isEqualTo("blackhole"));
    assertThat(tables.getTransitGatewayRouteTableAssociations(f.ctx, GetTransitGatewayRouteTableAssociationsRequest
        .builder().transitGatewayRouteTableId(rtb).build()).associations()).extracting(
            TransitGatewayRouteTableAssociation::transitGatewayAttachmentId).containsExactly(prod);
    tables.deleteTransitGatewayRoute(f.ctx, DeleteTransitGatewayRouteRequest.builder().transitGatewayRouteTableId(rtb)
        .destinationCidrBlock("10.1.0.0/16").build());
    tables.disableTransitGatewayRouteTablePropagation(f.ctx, DisableTransitGatewayRouteTablePropagationRequest.builder()
        .transitGatewayRouteTableId(rtb).transitGatewayAttachmentId(dev).build());
    assertThat(routes(rtb)).isEmpty();
  }

  @Test
  void deleteTable_refusedWhileAPropagationAloneRemains() {
    String tgw = isolatedTgw();
    String prod = attachVpc(tgw, "10.0.0.0/16", "10.0.1.0/24");
    String rtb = routeTable(tgw);
    tables.enableTransitGatewayRouteTablePropagation(f.ctx, EnableTransitGatewayRouteTablePropagationRequest.builder()
        .transitGatewayRouteTableId(rtb).transitGatewayAttachmentId(prod).build());
    Ec2Fixture.refused(() -> tables.deleteTransitGatewayRouteTable(f.ctx, DeleteTransitGatewayRouteTableRequest.builder()
        .transitGatewayRouteTableId(rtb).build()), "IncorrectState");
    tables.disableTransitGatewayRouteTablePropagation(f.ctx, DisableTransitGatewayRouteTablePropagationRequest.builder()
        .transitGatewayRouteTableId(rtb).transitGatewayAttachmentId(prod).build());
    tables.deleteTransitGatewayRouteTable(f.ctx, DeleteTransitGatewayRouteTableRequest.builder()
        .transitGatewayRouteTableId(rtb).build());
  }

  @Test
  void deleteAttachment_blackholesItsStaticRoutes_tgwDeleteNeedsNoAttachments() {
    String tgw = isolatedTgw();
    String prod = attachVpc(tgw, "10.0.0.0/16", "10.0.1.0/24");
    String rtb = routeTable(tgw);
    new TransitGatewayRouteTableOperations(f.store).createTransitGatewayRoute(f.ctx, CreateTransitGatewayRouteRequest.builder().transitGatewayRouteTableId(rtb)
        .destinationCidrBlock("10.0.0.0/16").transitGatewayAttachmentId(prod).build());
    Ec2Fixture.refused(() -> tgws.deleteTransitGateway(f.ctx, DeleteTransitGatewayRequest.builder().transitGatewayId(tgw)
        .build()), "IncorrectState");
    attachments.deleteTransitGatewayVpcAttachment(f.ctx, DeleteTransitGatewayVpcAttachmentRequest.builder()
        .transitGatewayAttachmentId(prod).build());
    assertThat(routes(rtb)).singleElement().satisfies(r -> assertThat(r.stateAsString()).isEqualTo("blackhole"));
    tgws.deleteTransitGateway(f.ctx, DeleteTransitGatewayRequest.builder().transitGatewayId(tgw).build());
  }

  @Test
  void replaceRoute_movesTheStaticRouteToBlackhole_missingRouteRefused() {
    String tgw = isolatedTgw();
    String prod = attachVpc(tgw, "10.0.0.0/16", "10.0.1.0/24");
    String rtb = routeTable(tgw);
    tables.createTransitGatewayRoute(f.ctx, CreateTransitGatewayRouteRequest.builder().transitGatewayRouteTableId(rtb)
        .destinationCidrBlock("10.0.0.0/16").transitGatewayAttachmentId(prod).build());
    var replaced = tables.replaceTransitGatewayRoute(f.ctx, ReplaceTransitGatewayRouteRequest.builder()
        .transitGatewayRouteTableId(rtb).destinationCidrBlock("10.0.0.0/16").blackhole(true).build()).route();
    assertThat(replaced.stateAsString()).isEqualTo("blackhole");
    assertThat(routes(rtb)).singleElement().satisfies(r -> assertThat(r.stateAsString()).isEqualTo("blackhole"));
    Ec2Fixture.refused(() -> tables.replaceTransitGatewayRoute(f.ctx, ReplaceTransitGatewayRouteRequest.builder()
        .transitGatewayRouteTableId(rtb).destinationCidrBlock("10.9.0.0/16").blackhole(true).build()), "InvalidRoute.NotFound");
  }

  @Test
  void vpnOnTgw_staticRoutesPropagateIntoDefaultTable() {
    var tgw = tgws.createTransitGateway(f.ctx, CreateTransitGatewayRequest.builder().build()).transitGateway();
    String cgw = vpn.createCustomerGateway(f.ctx, CreateCustomerGatewayRequest.builder().ipAddress("203.0.113.10")
        .bgpAsn(65000).type("ipsec.1").build()).customerGateway().customerGatewayId();
    var conn = vpns.createVpnConnection(f.ctx, CreateVpnConnectionRequest.builder().customerGatewayId(cgw).type("ipsec.1")
        .transitGatewayId(tgw.transitGatewayId()).options(VpnConnectionOptionsSpecification.builder().staticRoutesOnly(true)
            .build()).build()).vpnConnection();
    vpns.createVpnConnectionRoute(f.ctx, CreateVpnConnectionRouteRequest.builder().vpnConnectionId(conn.vpnConnectionId())
        .destinationCidrBlock("192.168.0.0/16").build());
    assertThat(routes(tgw.options().propagationDefaultRouteTableId())).extracting(TransitGatewayRoute::destinationCidrBlock)
        .containsExactly("192.168.0.0/16");
    var described = vpns.describeVpnConnections(f.ctx, DescribeVpnConnectionsRequest.builder()
        .vpnConnectionIds(conn.vpnConnectionId()).build()).vpnConnections().get(0);
    assertThat(described.vgwTelemetry()).hasSize(2);
    assertThat(described.routes()).extracting(VpnStaticRoute::destinationCidrBlock).containsExactly("192.168.0.0/16");
  }

  @Test
  void vgw_attachAndPropagate_staticVpnRoutesAppearInVpcTable() {
    String vpc = f.createVpc("10.0.0.0/16");
    String vgw = vpn.createVpnGateway(f.ctx, CreateVpnGatewayRequest.builder().type("ipsec.1").build()).vpnGateway()
        .vpnGatewayId();
    vpn.attachVpnGateway(f.ctx, AttachVpnGatewayRequest.builder().vpcId(vpc).vpnGatewayId(vgw).build());
    String cgw = vpn.createCustomerGateway(f.ctx, CreateCustomerGatewayRequest.builder().ipAddress("203.0.113.10")
        .bgpAsn(65000).type("ipsec.1").build()).customerGateway().customerGatewayId();
    String conn = vpns.createVpnConnection(f.ctx, CreateVpnConnectionRequest.builder().customerGatewayId(cgw)
        .type("ipsec.1").vpnGatewayId(vgw).options(VpnConnectionOptionsSpecification.builder().staticRoutesOnly(true)
            .build()).build()).vpnConnection().vpnConnectionId();
    String rtb = f.routeTables.describeRouteTables(f.ctx, DescribeRouteTablesRequest.builder().filters(Filter.builder()
        .name("vpc-id").values(vpc).build()).build()).routeTables().get(0).routeTableId();
    vpn.enableVgwRoutePropagation(f.ctx, EnableVgwRoutePropagationRequest.builder().routeTableId(rtb).gatewayId(vgw).build());
    vpns.createVpnConnectionRoute(f.ctx, CreateVpnConnectionRouteRequest.builder().vpnConnectionId(conn)
        .destinationCidrBlock("172.16.0.0/12").build());
    var table = f.routeTables.describeRouteTables(f.ctx, DescribeRouteTablesRequest.builder().routeTableIds(rtb).build())
        .routeTables().get(0);
    assertThat(table.propagatingVgws()).extracting(PropagatingVgw::gatewayId).containsExactly(vgw);
    assertThat(table.routes()).anySatisfy(r -> {
      assertThat(r.destinationCidrBlock()).isEqualTo("172.16.0.0/12");
      assertThat(r.originAsString()).isEqualTo("EnableVgwRoutePropagation");
    });
    Ec2Fixture.refused(() -> vpn.deleteVpnGateway(f.ctx, DeleteVpnGatewayRequest.builder().vpnGatewayId(vgw).build()),
        "IncorrectState");
  }

  @Test
  void tgwPeering_interRegion_acceptedByPeer_noPropagation() {
    String tgw = isolatedTgw();
    var west = f.in("eu-west-1");
    String peer = tgws.createTransitGateway(west, CreateTransitGatewayRequest.builder().build()).transitGateway()
        .transitGatewayId();
    String att = attachments.createTransitGatewayPeeringAttachment(f.ctx, CreateTransitGatewayPeeringAttachmentRequest
        .builder().transitGatewayId(tgw).peerTransitGatewayId(peer).peerAccountId(f.ctx.accountId())
        .peerRegion("eu-west-1").build()).transitGatewayPeeringAttachment().transitGatewayAttachmentId();
    Ec2Fixture.refused(() -> attachments.acceptTransitGatewayPeeringAttachment(f.ctx,
        AcceptTransitGatewayPeeringAttachmentRequest.builder().transitGatewayAttachmentId(att).build()),
        "OperationNotPermitted");
    attachments.acceptTransitGatewayPeeringAttachment(west, AcceptTransitGatewayPeeringAttachmentRequest.builder()
        .transitGatewayAttachmentId(att).build());
    assertThat(attachments.describeTransitGatewayPeeringAttachments(f.ctx, DescribeTransitGatewayPeeringAttachmentsRequest
        .builder().transitGatewayAttachmentIds(att).build()).transitGatewayPeeringAttachments().get(0).stateAsString())
        .isEqualTo("available");
    String rtb = routeTable(tgw);
    Ec2Fixture.refused(() -> tables.enableTransitGatewayRouteTablePropagation(f.ctx,
        EnableTransitGatewayRouteTablePropagationRequest.builder().transitGatewayRouteTableId(rtb)
            .transitGatewayAttachmentId(att).build()), "InvalidParameterValue");
  }

  @Test
  void modify_gatewayDefaultsAndAttachmentSubnets() {
    String tgw = isolatedTgw();
    String rtb = routeTable(tgw);
    var modified = tgws.modifyTransitGateway(f.ctx, ModifyTransitGatewayRequest.builder().transitGatewayId(tgw)
        .options(ModifyTransitGatewayOptions.builder().defaultRouteTableAssociation("enable")
            .associationDefaultRouteTableId(rtb).build()).build()).transitGateway();
    assertThat(modified.options().associationDefaultRouteTableId()).isEqualTo(rtb);
    String vpc = f.createVpc("10.5.0.0/16");
    String a = f.subnets.createSubnet(f.ctx, CreateSubnetRequest.builder().vpcId(vpc).cidrBlock("10.5.1.0/24")
        .availabilityZone("us-east-1a").build()).subnet().subnetId();
    String b = f.subnets.createSubnet(f.ctx, CreateSubnetRequest.builder().vpcId(vpc).cidrBlock("10.5.2.0/24")
        .availabilityZone("us-east-1b").build()).subnet().subnetId();
    String att = tgws.createTransitGatewayVpcAttachment(f.ctx, CreateTransitGatewayVpcAttachmentRequest.builder()
        .transitGatewayId(tgw).vpcId(vpc).subnetIds(a).build()).transitGatewayVpcAttachment().transitGatewayAttachmentId();
    assertThat(tables.getTransitGatewayRouteTableAssociations(f.ctx, GetTransitGatewayRouteTableAssociationsRequest
        .builder().transitGatewayRouteTableId(rtb).build()).associations()).hasSize(1);
    var changed = attachments.modifyTransitGatewayVpcAttachment(f.ctx, ModifyTransitGatewayVpcAttachmentRequest.builder()
        .transitGatewayAttachmentId(att).addSubnetIds(b).removeSubnetIds(a).build()).transitGatewayVpcAttachment();
    assertThat(changed.subnetIds()).containsExactly(b);
    f.subnets.deleteSubnet(f.ctx, DeleteSubnetRequest.builder().subnetId(a).build());
  }
}
