package dev.stratus.ec2.transit;

import dev.stratus.core.AwsException;
import dev.stratus.core.net.Cidr;
import dev.stratus.ec2.Ec2Errors;
import dev.stratus.ec2.IdKind;
import dev.stratus.ec2.model.Subnet;
import dev.stratus.ec2.model.TransitGateway;
import dev.stratus.ec2.model.TransitGatewayAttachment;
import dev.stratus.ec2.model.TransitGatewayRouteTable;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * AWS's rules for transit gateways, their attachments, route tables, associations, propagations
 * and static routes (vpc.md §29–36). Pure: each check takes the request's values and the rows it
 * needs and returns the first rule broken as AWS's error, or empty; the handlers of this package
 * look the rows up and throw.
 */
public final class TransitGatewayRules {
  private TransitGatewayRules() {}

  /** CreateTransitGateway: a private ASN, 64512–65534 or 4200000000–4294967294. */
  public static Optional<AwsException> amazonSideAsn(long asn) {
    if ((asn >= 64512 && asn <= 65534) || (asn >= 4200000000L && asn <= 4294967294L)) return Optional.empty();
    return Optional.of(Ec2Errors.invalidParameterValue("Invalid value '" + asn + "' for AmazonSideAsn"));
  }

  /** DeleteTransitGateway: not already deleted, and every attachment deleted first. */
  public static Optional<AwsException> deleteGateway(TransitGateway tgw, Collection<TransitGatewayAttachment> attachments) {
    if (tgw.state().equals("deleted")) return Optional.of(IdKind.TRANSIT_GATEWAY.notFound(tgw.id()));
    if (attachments.stream().anyMatch(a -> a.transitGatewayId().equals(tgw.id()) && !a.isDeleted())) {
      return Optional.of(Ec2Errors.incorrectState(tgw.id() + " has non-deleted Transit Gateway Attachments"));
    }
    return Optional.empty();
  }

  /**
   * CreateTransitGatewayVpcAttachment, for each requested subnet in turn: in the VPC, and in a zone
   * no earlier subnet of the request uses (one subnet per zone, vpc.md §35).
   *
   * @param zonesSoFar the zones of the request's earlier subnets
   */
  public static Optional<AwsException> attachmentSubnet(String vpcId, Subnet subnet, Collection<String> zonesSoFar,
      List<String> requested) {
    if (!subnet.vpcId().equals(vpcId)) {
      return Optional.of(Ec2Errors.invalidParameterValue("Subnet " + subnet.id() + " is not in VPC " + vpcId));
    }
    if (zonesSoFar.contains(subnet.availabilityZone())) {
      return Optional.of(Ec2Errors.invalidParameterValue("DuplicateSubnetsInSameZone: subnets " + requested
          + " are in the same availability zone"));
    }
    return Optional.empty();
  }

  /** ModifyTransitGatewayVpcAttachment: a subnet to remove is one of the attachment's. */
  public static Optional<AwsException> removeSubnet(TransitGatewayAttachment a, String subnetId, Collection<String> current) {
    return current.contains(subnetId) ? Optional.empty()
        : Optional.of(Ec2Errors.invalidParameterValue("Subnet " + subnetId + " is not part of " + a.id()));
  }

  /** ModifyTransitGatewayVpcAttachment: a subnet to add is in the VPC, in a zone the attachment does not use yet. */
  public static Optional<AwsException> addSubnet(TransitGatewayAttachment a, Subnet subnet, Collection<String> zonesInUse) {
    if (subnet.vpcId().equals(a.resourceId()) && !zonesInUse.contains(subnet.availabilityZone())) return Optional.empty();
    return Optional.of(Ec2Errors.invalidParameterValue("Subnet " + subnet.id() + " must be in " + a.resourceId()
        + " and in an availability zone the attachment does not use yet"));
  }

  /** ModifyTransitGatewayVpcAttachment: at least one subnet left. */
  public static Optional<AwsException> subnetsLeft(Collection<String> subnets) {
    return subnets.isEmpty() ? Optional.of(Ec2Errors.invalidParameterValue("A VPC attachment needs at least one subnet"))
        : Optional.empty();
  }

  /** Accept/RejectTransitGatewayPeeringAttachment: pending acceptance, answered by the accepter's side only. */
  public static Optional<AwsException> answerPeering(TransitGatewayAttachment a) {
    if (a.state() != TransitGatewayAttachment.State.PENDING_ACCEPTANCE) {
      return Optional.of(Ec2Errors.incorrectState("Transit Gateway Attachment " + a.id() + " is in invalid state "
          + a.state()));
    }
    if (a.requester()) {
      return Optional.of(Ec2Errors.operationNotPermitted("The requester of " + a.id() + " cannot accept or reject it"));
    }
    return Optional.empty();
  }

  /** DeleteTransitGatewayRouteTable: no association or propagation left ({@code inUse}: some are). */
  public static Optional<AwsException> deleteRouteTable(TransitGatewayRouteTable t, boolean inUse) {
    if (!inUse) return Optional.empty();
    return Optional.of(new AwsException("IncorrectState", 400, "tgw-rtb " + t.id() + " has associations or propagations"));
  }

  /** AssociateTransitGatewayRouteTable: an attachment is associated with one table at most. */
  public static Optional<AwsException> associate(TransitGatewayAttachment a) {
    if (a.associatedRouteTableId() == null) return Optional.empty();
    return Optional.of(new AwsException("Resource.AlreadyAssociated", 400, "Transit Gateway Attachment " + a.id()
        + " is already associated to a route table."));
  }

  /** DisassociateTransitGatewayRouteTable: the attachment is associated with this table. */
  public static Optional<AwsException> disassociate(TransitGatewayRouteTable t, TransitGatewayAttachment a) {
    if (t.id().equals(a.associatedRouteTableId())) return Optional.empty();
    return Optional.of(new AwsException("InvalidAssociation.NotFound", 400, "Transit Gateway Attachment " + a.id()
        + " is not associated with " + t.id()));
  }

  /**
   * EnableTransitGatewayRouteTablePropagation: not a peering attachment, and not propagating there yet.
   *
   * @param propagating whether {@code a} propagates into {@code t} already
   */
  public static Optional<AwsException> enablePropagation(TransitGatewayRouteTable t, TransitGatewayAttachment a,
      boolean propagating) {
    if (a.resourceType() == TransitGatewayAttachment.ResourceType.PEERING) {
      return Optional.of(Ec2Errors.invalidParameterValue("Transit gateway peering attachments do not support route"
          + " propagation"));
    }
    if (propagating) {
      return Optional.of(new AwsException("TransitGatewayRouteTablePropagation.Duplicate", 400, "Propagation of "
          + a.id() + " to " + t.id() + " already exists"));
    }
    return Optional.empty();
  }

  /** DisableTransitGatewayRouteTablePropagation: the attachment propagates to this table ({@code propagating}). */
  public static Optional<AwsException> disablePropagation(TransitGatewayRouteTable t, TransitGatewayAttachment a,
      boolean propagating) {
    if (propagating) return Optional.empty();
    return Optional.of(new AwsException("InvalidRouteTableId.NotFound", 400, "Propagation of " + a.id() + " to "
        + t.id() + " does not exist"));
  }

  /** Create/ReplaceTransitGatewayRoute to an attachment: one of the table's transit gateway. */
  public static Optional<AwsException> routeAttachment(TransitGatewayRouteTable t, TransitGatewayAttachment a) {
    if (a.transitGatewayId().equals(t.transitGatewayId())) return Optional.empty();
    return Optional.of(Ec2Errors.invalidParameterValue("Attachment " + a.id() + " is not attached to " + t.transitGatewayId()));
  }

  /**
   * CreateTransitGatewayRoute ({@code replace} false): no static route to the destination yet;
   * ReplaceTransitGatewayRoute: one to replace. Propagated routes do not count.
   *
   * @param existing the table's static route to exactly {@code destination}, if any
   */
  public static Optional<AwsException> staticRoute(TransitGatewayRouteTable t, Optional<TransitGatewayRouteTable.Route> existing,
      Cidr destination, boolean replace) {
    boolean exists = existing.isPresent();
    if (exists && !replace) return Optional.of(Ec2Errors.routeExists(destination.toString()));
    if (!exists && replace) return Optional.of(Ec2Errors.routeNotFound(t.id(), destination.toString()));
    return Optional.empty();
  }

  /** DeleteTransitGatewayRoute: a static route to the destination ({@code existing}; propagated ones go with their propagation). */
  public static Optional<AwsException> deleteRoute(TransitGatewayRouteTable t, Optional<TransitGatewayRouteTable.Route> existing,
      Cidr destination) {
    return existing.isPresent() ? Optional.empty() : Optional.of(Ec2Errors.routeNotFound(t.id(), destination.toString()));
  }
}
