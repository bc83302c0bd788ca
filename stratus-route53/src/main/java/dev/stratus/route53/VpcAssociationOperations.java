package dev.stratus.route53;

import dev.stratus.core.RequestContext;
import dev.stratus.route53.model.HostedZone;
import dev.stratus.route53.model.Route53Tables;
import java.util.ArrayList;
import software.amazon.awssdk.services.route53.model.AssociateVpcWithHostedZoneRequest;
import software.amazon.awssdk.services.route53.model.AssociateVpcWithHostedZoneResponse;
import software.amazon.awssdk.services.route53.model.DisassociateVpcFromHostedZoneRequest;
import software.amazon.awssdk.services.route53.model.DisassociateVpcFromHostedZoneResponse;

/**
 * Associating VPCs with private hosted zones (route53.md §41): at most 300 per zone, never on a
 * public zone, and the last VPC cannot be removed.
 */
public final class VpcAssociationOperations {
  private final Route53State state;

  VpcAssociationOperations(Route53State state) { this.state = state; }

  public AssociateVpcWithHostedZoneResponse associateVPCWithHostedZone(RequestContext ctx,
      AssociateVpcWithHostedZoneRequest req) {
    if (req.vpc() == null) throw Route53Errors.missing("vPC");
    var vpc = Route53Shapes.fromSdk(req.vpc(), "vPC");
    String account = ctx.globalScope();
    state.requireVpc(ctx, vpc);
    return state.store.write(tx -> {
      var zone = Route53State.zone(tx, account, req.hostedZoneId());
      if (!zone.privateZone()) throw Route53Errors.publicZoneVpcAssociation();
      if (zone.vpcs().contains(vpc)) {
        throw Route53Errors.invalidVpcId("The VPC " + vpc.vpcId() + " is already associated with hosted zone " + zone.id() + ".");
      }
      tx.list(Route53Tables.HOSTED_ZONES, account).stream()
          .filter(z -> z.privateZone() && z.name().equals(zone.name()) && z.vpcs().contains(vpc)).findFirst()
          .ifPresent(z -> { throw Route53Errors.conflictingDomainExists(zone.name(), vpc.vpcId()); });
      if (zone.vpcs().size() >= HostedZone.MAX_VPCS) throw Route53Errors.limitsExceeded();
      var vpcs = new ArrayList<>(zone.vpcs());
      vpcs.add(vpc);
      tx.put(Route53Tables.HOSTED_ZONES, account, zone.id(), zone.withVpcs(vpcs));
      var change = state.recordChange(tx, account, Route53Shapes.optional(req.comment()));
      return AssociateVpcWithHostedZoneResponse.builder()
          .changeInfo(Route53Shapes.toSdk(change, state.clock.instant())).build();
    });
  }

  public DisassociateVpcFromHostedZoneResponse disassociateVPCFromHostedZone(RequestContext ctx,
      DisassociateVpcFromHostedZoneRequest req) {
    if (req.vpc() == null) throw Route53Errors.missing("vPC");
    var vpc = Route53Shapes.fromSdk(req.vpc(), "vPC");
    String account = ctx.globalScope();
    return state.store.write(tx -> {
      var zone = Route53State.zone(tx, account, req.hostedZoneId());
      if (!zone.vpcs().contains(vpc)) throw Route53Errors.vpcAssociationNotFound(vpc.vpcId(), zone.id());
      if (zone.vpcs().size() == 1) throw Route53Errors.lastVpcAssociation();
      var vpcs = new ArrayList<>(zone.vpcs());
      vpcs.remove(vpc);
      tx.put(Route53Tables.HOSTED_ZONES, account, zone.id(), zone.withVpcs(vpcs));
      var change = state.recordChange(tx, account, Route53Shapes.optional(req.comment()));
      return DisassociateVpcFromHostedZoneResponse.builder()
          .changeInfo(Route53Shapes.toSdk(change, state.clock.instant())).build();
    });
  }
}
