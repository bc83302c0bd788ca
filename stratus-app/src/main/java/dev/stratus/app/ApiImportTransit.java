package dev.stratus.app;

import dev.stratus.ec2.model.TransitGatewayAttachment;
import dev.stratus.ec2.model.TransitGatewayRouteTable;
import dev.stratus.ec2.reachability.Network;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The connectivity half of {@link ApiImport}: peering connections (requested and accepted, across
 * Regions too), transit gateways with their options, route tables, VPC attachments, associations,
 * propagations and static routes. Attachments of other kinds (VPN, peering, Direct Connect) are
 * listed as skipped.
 */
final class ApiImportTransit {
  private final ApiImport im;
  private final Network n;

  ApiImportTransit(ApiImport im, Network n) {
    this.im = im;
    this.n = n;
  }

  void peerings() {
    for (var p : n.vpcPeeringConnections()) {
      if (!im.ids.containsKey(p.requester().vpcId()) || !im.ids.containsKey(p.accepter().vpcId())
          || !p.status().equals("active")) {
        im.skipped.add(p.id() + " (peering " + p.status() + " or a VPC not in the dump)");
        continue;
      }
      String pcx = im.ec2(p.requester().region()).createVpcPeeringConnection(r -> r.vpcId(im.id(p.requester().vpcId()))
          .peerVpcId(im.id(p.accepter().vpcId())).peerRegion(p.accepter().region())).vpcPeeringConnection()
          .vpcPeeringConnectionId();
      im.ec2(p.accepter().region()).acceptVpcPeeringConnection(r -> r.vpcPeeringConnectionId(pcx));
      im.ids.put(p.id(), pcx);
    }
  }

  void transitGateways(String region) {
    Ec2Client ec2 = im.ec2(region);
    for (var t : n.transitGateways()) {
      if (!n.region(t.id()).equals(region)) continue;
      var tgw = ec2.createTransitGateway(r -> r.options(o -> o
          .defaultRouteTableAssociation(t.options().defaultRouteTableAssociation())
          .defaultRouteTablePropagation(t.options().defaultRouteTablePropagation()))).transitGateway();
      im.ids.put(t.id(), tgw.transitGatewayId());
      ApiImport.tag(ec2, tgw.transitGatewayId(), n.tags(t.id()));
      Optional<String> defaultTable = Optional.ofNullable(tgw.options().associationDefaultRouteTableId());
      Optional.ofNullable(t.associationDefaultRouteTableId()).ifPresent(old -> defaultTable.ifPresent(d -> im.ids.put(old, d)));
      for (TransitGatewayRouteTable rt : n.transitGatewayRouteTables()) {
        if (!rt.transitGatewayId().equals(t.id()) || im.ids.containsKey(rt.id())) continue;
        im.ids.put(rt.id(), ec2.createTransitGatewayRouteTable(r -> r.transitGatewayId(tgw.transitGatewayId()))
            .transitGatewayRouteTable().transitGatewayRouteTableId());
      }
      for (TransitGatewayAttachment a : n.transitGatewayAttachments()) {
        if (!a.transitGatewayId().equals(t.id())) continue;
        if (a.resourceType() != TransitGatewayAttachment.ResourceType.VPC || !im.ids.containsKey(a.resourceId())) {
          im.skipped.add(a.id() + " (" + a.resourceType().wire() + " attachment)");
          continue;
        }
        String subnet = n.subnets().stream().filter(s -> s.vpcId().equals(a.resourceId())).map(s -> im.id(s.id()))
            .findFirst().orElseThrow(() -> new IllegalStateException(a.resourceId() + " has no subnet to attach"));
        String att = ec2.createTransitGatewayVpcAttachment(r -> r.transitGatewayId(tgw.transitGatewayId())
            .vpcId(im.id(a.resourceId())).subnetIds(subnet)).transitGatewayVpcAttachment().transitGatewayAttachmentId();
        im.ids.put(a.id(), att);
        associate(ec2, t.associatesByDefault() ? defaultTable : Optional.empty(), a, att);
      }
      for (TransitGatewayRouteTable rt : n.transitGatewayRouteTables()) {
        if (rt.transitGatewayId().equals(t.id())) tables(ec2, rt, t.propagatesByDefault() ? defaultTable
            : Optional.empty());
      }
    }
  }

  /** Moves the new attachment to the table the old one was associated with. */
  private void associate(Ec2Client ec2, Optional<String> autoTable, TransitGatewayAttachment a, String att) {
    Optional<String> wanted = Optional.ofNullable(a.associatedRouteTableId()).or(() -> n.transitGatewayRouteTables().stream()
        .filter(rt -> rt.associations().contains(a.id())).map(TransitGatewayRouteTable::id).findFirst())
        .map(im.ids::get);
    if (wanted.equals(autoTable)) return;
    autoTable.ifPresent(t -> ec2.disassociateTransitGatewayRouteTable(r -> r.transitGatewayRouteTableId(t)
        .transitGatewayAttachmentId(att)));
    wanted.ifPresent(t -> ec2.associateTransitGatewayRouteTable(r -> r.transitGatewayRouteTableId(t)
        .transitGatewayAttachmentId(att)));
  }

  private void tables(Ec2Client ec2, TransitGatewayRouteTable rt, Optional<String> autoPropagated) {
    String table = im.id(rt.id());
    boolean auto = autoPropagated.equals(Optional.of(table));
    var propagating = new java.util.LinkedHashSet<>(rt.propagations());
    rt.visibleRoutes().stream().filter(r -> !r.isStatic() && r.attachmentId() != null).forEach(r -> propagating.add(r.attachmentId()));
    for (String old : propagating) {
      if (auto || !im.ids.containsKey(old)) continue;
      ec2.enableTransitGatewayRouteTablePropagation(r -> r.transitGatewayRouteTableId(table)
          .transitGatewayAttachmentId(im.id(old)));
    }
    for (var route : rt.visibleRoutes()) {
      if (!route.isStatic()) continue;
      if (route.destination() == null
          || (route.attachmentId() != null && !im.ids.containsKey(route.attachmentId()))) {
        im.skipped.add(rt.id() + " static route " + route);
        continue;
      }
      ec2.createTransitGatewayRoute(r -> {
        r.transitGatewayRouteTableId(table).destinationCidrBlock(route.destination().toString());
        if (route.attachmentId() == null) r.blackhole(true);
        else r.transitGatewayAttachmentId(im.id(route.attachmentId()));
      });
    }
  }
}
