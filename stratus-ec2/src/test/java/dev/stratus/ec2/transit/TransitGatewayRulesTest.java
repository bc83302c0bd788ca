package dev.stratus.ec2.transit;

import static dev.stratus.ec2.RulesAssert.assertViolation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.net.Cidr;
import dev.stratus.ec2.model.Subnet;
import dev.stratus.ec2.model.TransitGateway;
import dev.stratus.ec2.model.TransitGatewayAttachment;
import dev.stratus.ec2.model.TransitGatewayAttachment.ResourceType;
import dev.stratus.ec2.model.TransitGatewayRouteTable;
import dev.stratus.ec2.model.TransitGatewayRouteTable.RouteState;
import dev.stratus.ec2.model.TransitGatewayRouteTable.RouteType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransitGatewayRulesTest {
  private static final Instant T0 = Instant.parse("2026-12-07T00:00:00Z");

  private static TransitGatewayAttachment attachment(String id, String type, String state, String rtb, boolean requester) {
    return new TransitGatewayAttachment(id, "tgw-1", ResourceType.fromAws(type), "vpc-1", "111111111111",
        TransitGatewayAttachment.State.fromAws(state), List.of("subnet-a"), rtb, T0,
        null, null, "disable", "enable", requester);
  }

  private static TransitGatewayRouteTable table(List<TransitGatewayRouteTable.Route> routes, List<String> assocs,
      List<String> props) {
    return new TransitGatewayRouteTable("tgw-rtb-1", "tgw-1", "available", false, false, T0, routes, assocs, props);
  }

  private static Subnet subnet(String id, String vpc, String zone) {
    return new Subnet(id, vpc, Cidr.parse("10.0.1.0/24"), List.of(), zone, "use1-az1", false, false, false);
  }

  private final TransitGatewayAttachment vpcAtt = attachment("tgw-attach-1", "vpc", "available", null, false);

  @Test
  void amazonSideAsn_privateRangesOnly() {
    assertViolation(TransitGatewayRules.amazonSideAsn(64511), "InvalidParameterValue", "Invalid value '64511' for AmazonSideAsn");
    assertViolation(TransitGatewayRules.amazonSideAsn(4294967295L), "InvalidParameterValue",
        "Invalid value '4294967295' for AmazonSideAsn");
    assertThat(TransitGatewayRules.amazonSideAsn(64512)).isEmpty();
    assertThat(TransitGatewayRules.amazonSideAsn(4200000000L)).isEmpty();
  }

  @Test
  void deleteGateway_deletedOrStillAttached_refused() {
    var tgw = new TransitGateway("tgw-1", null, "available", T0, TransitGateway.Options.defaults(), null, null);
    assertViolation(TransitGatewayRules.deleteGateway(tgw.withState("deleted"), List.of()),
        "InvalidTransitGatewayID.NotFound", "Transit Gateway tgw-1 was deleted or does not exist.");
    assertViolation(TransitGatewayRules.deleteGateway(tgw, List.of(vpcAtt)), "IncorrectState",
        "tgw-1 has non-deleted Transit Gateway Attachments");
    assertThat(TransitGatewayRules.deleteGateway(tgw, List.of(vpcAtt.withState(TransitGatewayAttachment.State.DELETED)))).isEmpty();
  }

  @Test
  void attachmentSubnet_otherVpcOrSameZone_refused() {
    List<String> requested = List.of("subnet-a", "subnet-b");
    assertViolation(TransitGatewayRules.attachmentSubnet("vpc-1", subnet("subnet-a", "vpc-2", "us-east-1a"), List.of(),
        requested), "InvalidParameterValue", "Subnet subnet-a is not in VPC vpc-1");
    assertViolation(TransitGatewayRules.attachmentSubnet("vpc-1", subnet("subnet-b", "vpc-1", "us-east-1a"),
        List.of("us-east-1a"), requested), "InvalidParameterValue",
        "DuplicateSubnetsInSameZone: subnets [subnet-a, subnet-b] are in the same availability zone");
    assertThat(TransitGatewayRules.attachmentSubnet("vpc-1", subnet("subnet-b", "vpc-1", "us-east-1b"),
        List.of("us-east-1a"), requested)).isEmpty();
  }

  @Test
  void modifyVpcAttachment_subnetRules() {
    assertViolation(TransitGatewayRules.removeSubnet(vpcAtt, "subnet-z", List.of("subnet-a")), "InvalidParameterValue",
        "Subnet subnet-z is not part of tgw-attach-1");
    assertThat(TransitGatewayRules.removeSubnet(vpcAtt, "subnet-a", List.of("subnet-a"))).isEmpty();
    String addMessage = "Subnet subnet-b must be in vpc-1 and in an availability zone the attachment does not use yet";
    assertViolation(TransitGatewayRules.addSubnet(vpcAtt, subnet("subnet-b", "vpc-2", "us-east-1b"), List.of()),
        "InvalidParameterValue", addMessage);
    assertViolation(TransitGatewayRules.addSubnet(vpcAtt, subnet("subnet-b", "vpc-1", "us-east-1a"), List.of("us-east-1a")),
        "InvalidParameterValue", addMessage);
    assertThat(TransitGatewayRules.addSubnet(vpcAtt, subnet("subnet-b", "vpc-1", "us-east-1b"), List.of("us-east-1a"))).isEmpty();
    assertViolation(TransitGatewayRules.subnetsLeft(List.of()), "InvalidParameterValue",
        "A VPC attachment needs at least one subnet");
    assertThat(TransitGatewayRules.subnetsLeft(List.of("subnet-a"))).isEmpty();
  }

  @Test
  void answerPeering_notPendingOrByTheRequester_refused() {
    assertViolation(TransitGatewayRules.answerPeering(attachment("tgw-attach-2", "peering", "available", null, false)),
        "IncorrectState", "Transit Gateway Attachment tgw-attach-2 is in invalid state available");
    assertViolation(TransitGatewayRules.answerPeering(attachment("tgw-attach-2", "peering", "pendingAcceptance", null, true)),
        "OperationNotPermitted", "The requester of tgw-attach-2 cannot accept or reject it");
    assertThat(TransitGatewayRules.answerPeering(attachment("tgw-attach-2", "peering", "pendingAcceptance", null, false)))
        .isEmpty();
  }

  @Test
  void routeTable_associationsAndPropagations() {
    assertViolation(TransitGatewayRules.deleteRouteTable(table(List.of(), List.of(), List.of()), true),
        "IncorrectState", "tgw-rtb tgw-rtb-1 has associations or propagations");
    assertThat(TransitGatewayRules.deleteRouteTable(table(List.of(), List.of(), List.of()), false)).isEmpty();

    assertViolation(TransitGatewayRules.associate(vpcAtt.withAssociation("tgw-rtb-9")), "Resource.AlreadyAssociated",
        "Transit Gateway Attachment tgw-attach-1 is already associated to a route table.");
    assertThat(TransitGatewayRules.associate(vpcAtt)).isEmpty();

    var empty = table(List.of(), List.of(), List.of());
    assertViolation(TransitGatewayRules.disassociate(empty, vpcAtt.withAssociation("tgw-rtb-9")), "InvalidAssociation.NotFound",
        "Transit Gateway Attachment tgw-attach-1 is not associated with tgw-rtb-1");
    assertThat(TransitGatewayRules.disassociate(empty, vpcAtt.withAssociation("tgw-rtb-1"))).isEmpty();

    assertViolation(TransitGatewayRules.enablePropagation(empty, attachment("tgw-attach-2", "peering", "available", null, true), false),
        "InvalidParameterValue", "Transit gateway peering attachments do not support route propagation");
    assertViolation(TransitGatewayRules.enablePropagation(empty, vpcAtt, true),
        "TransitGatewayRouteTablePropagation.Duplicate", "Propagation of tgw-attach-1 to tgw-rtb-1 already exists");
    assertThat(TransitGatewayRules.enablePropagation(empty, vpcAtt, false)).isEmpty();
    assertViolation(TransitGatewayRules.disablePropagation(empty, vpcAtt, false), "InvalidRouteTableId.NotFound",
        "Propagation of tgw-attach-1 to tgw-rtb-1 does not exist");
    assertThat(TransitGatewayRules.disablePropagation(empty, vpcAtt, true)).isEmpty();
  }

  @Test
  void staticRoutes_propagatedOnesDoNotCount() {
    Cidr ten = Cidr.parse("10.0.0.0/16");
    var propagated = table(List.of(new TransitGatewayRouteTable.Route(ten, "tgw-attach-1", RouteType.PROPAGATED, RouteState.ACTIVE)),
        List.of(), List.of("tgw-attach-1"));
    var staticRoute = new TransitGatewayRouteTable.Route(ten, "tgw-attach-1", RouteType.STATIC, RouteState.ACTIVE);
    var withStatic = table(List.of(staticRoute), List.of(), List.of());
    // the handler's look-up (TgwRouteTables.staticRouteTo) finds static routes only; over a schema-1 table, its list
    assertThat(TgwRouteTables.staticRouteTo(null, "scope", propagated, ten)).isEmpty();
    assertThat(TgwRouteTables.staticRouteTo(null, "scope", withStatic, ten)).contains(staticRoute);
    assertViolation(TransitGatewayRules.staticRoute(withStatic, Optional.of(staticRoute), ten, false), "RouteAlreadyExists",
        "The route identified by 10.0.0.0/16 already exists");
    assertViolation(TransitGatewayRules.staticRoute(propagated, Optional.empty(), ten, true), "InvalidRoute.NotFound",
        "no route with destination-cidr-block 10.0.0.0/16 in route table tgw-rtb-1");
    assertThat(TransitGatewayRules.staticRoute(propagated, Optional.empty(), ten, false)).isEmpty();
    assertThat(TransitGatewayRules.staticRoute(withStatic, Optional.of(staticRoute), ten, true)).isEmpty();
    assertViolation(TransitGatewayRules.deleteRoute(propagated, Optional.empty(), ten), "InvalidRoute.NotFound",
        "no route with destination-cidr-block 10.0.0.0/16 in route table tgw-rtb-1");
    assertThat(TransitGatewayRules.deleteRoute(withStatic, Optional.of(staticRoute), ten)).isEmpty();
    var elsewhere = new TransitGatewayAttachment("tgw-attach-9", "tgw-9", ResourceType.VPC, "vpc-9", "111111111111",
        TransitGatewayAttachment.State.AVAILABLE,
        List.of(), null, T0, null, null, "disable", "enable", false);
    assertViolation(TransitGatewayRules.routeAttachment(withStatic, elsewhere), "InvalidParameterValue",
        "Attachment tgw-attach-9 is not attached to tgw-1");
    assertThat(TransitGatewayRules.routeAttachment(withStatic, vpcAtt)).isEmpty();
  }
}
