package dev.stratus.ec2.insights;

import dev.stratus.ec2.reachability.AnalysisComponent;
import dev.stratus.ec2.reachability.AnalysisPacketHeader;
import dev.stratus.ec2.reachability.AnalysisRule;
import dev.stratus.ec2.reachability.ComponentType;
import dev.stratus.ec2.reachability.Explanation;
import dev.stratus.ec2.reachability.PathComponent;
import dev.stratus.ec2.reachability.ReachabilityVerdict;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AnalysisAclRule;
import software.amazon.awssdk.services.ec2.model.AnalysisRouteTableRoute;
import software.amazon.awssdk.services.ec2.model.AnalysisSecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.PortRange;
import software.amazon.awssdk.services.ec2.model.TransitGatewayRouteTableRoute;

/**
 * The engine's {@link ReachabilityVerdict} as the SDK's {@code NetworkInsightsAnalysis} members:
 * path components with the matched rule or route, explanations with the blocking component and
 * the components they name, and ARNs for every resource.
 */
final class AnalysisShapes {
  private final String region;
  private final String account;
  private final ComponentLocations locations;

  AnalysisShapes(String region, String account, ComponentLocations locations) {
    this.region = region;
    this.account = account;
    this.locations = locations;
  }

  /** The result members of an analysis (no ids, status or dates). */
  software.amazon.awssdk.services.ec2.model.NetworkInsightsAnalysis findings(ReachabilityVerdict v) {
    var b = software.amazon.awssdk.services.ec2.model.NetworkInsightsAnalysis.builder()
        .networkPathFound(v.networkPathFound())
        .forwardPathComponents(v.forwardPathComponents().stream().map(this::hop).toList())
        .returnPathComponents(v.returnPathComponents().stream().map(this::hop).toList())
        .explanations(v.explanations().stream().map(this::explanation).toList());
    if (!v.warnings().isEmpty()) b.warningMessage(String.join(" ", v.warnings()));
    return b.build();
  }

  /** The ARN of a resource in this analysis's account and Region (none for an address). */
  static String arn(String region, String account, AnalysisComponent c) {
    String type = switch (c.type()) {
      case INSTANCE -> "instance";
      case NETWORK_INTERFACE -> "network-interface";
      case SECURITY_GROUP -> "security-group";
      case NETWORK_ACL -> "network-acl";
      case SUBNET -> "subnet";
      case VPC -> "vpc";
      case ROUTE_TABLE -> "route-table";
      case INTERNET_GATEWAY -> "internet-gateway";
      case EGRESS_ONLY_INTERNET_GATEWAY -> "egress-only-internet-gateway";
      case NAT_GATEWAY -> "natgateway";
      case VPC_PEERING_CONNECTION -> "vpc-peering-connection";
      case TRANSIT_GATEWAY -> "transit-gateway";
      case TRANSIT_GATEWAY_ATTACHMENT -> "transit-gateway-attachment";
      case TRANSIT_GATEWAY_ROUTE_TABLE -> "transit-gateway-route-table";
      case VPC_ENDPOINT -> "vpc-endpoint";
      case VPN_GATEWAY -> "vpn-gateway";
      case VPN_CONNECTION -> "vpn-connection";
      case CUSTOMER_GATEWAY -> "customer-gateway";
      case IP_ADDRESS -> null;
    };
    return type == null ? null : "arn:aws:ec2:" + region + ":" + account + ":" + type + "/" + c.id();
  }

  private software.amazon.awssdk.services.ec2.model.AnalysisComponent component(AnalysisComponent c) {
    return software.amazon.awssdk.services.ec2.model.AnalysisComponent.builder().id(c.id())
        .arn(arn(region, account, c)).build();
  }

  private software.amazon.awssdk.services.ec2.model.AnalysisComponent component(String id) {
    return id == null ? null : component(AnalysisComponent.of(id));
  }

  private software.amazon.awssdk.services.ec2.model.PathComponent hop(PathComponent h) {
    var b = software.amazon.awssdk.services.ec2.model.PathComponent.builder().sequenceNumber(h.sequenceNumber())
        .component(component(h.component())).inboundHeader(header(h.inboundHeader()))
        .outboundHeader(header(h.outboundHeader()));
    locations.of(h.component().id()).ifPresent(l -> {
      if (h.component().type() != ComponentType.VPC) b.vpc(component(l.vpcId()));
      if (l.subnetId() != null && h.component().type() != ComponentType.SUBNET) b.subnet(component(l.subnetId()));
    });
    h.rule().ifPresent(r -> {
      switch (r) {
        case AnalysisRule.AclRule a -> b.aclRule(acl(a));
        case AnalysisRule.SecurityGroupRule s -> b.securityGroupRule(securityGroupRule(s));
        case AnalysisRule.RouteTableRoute t -> b.routeTableRoute(route(t));
        case AnalysisRule.TransitGatewayRouteTableRoute t -> b.transitGatewayRouteTableRoute(tgwRoute(t));
      }
    });
    return b.build();
  }

  private software.amazon.awssdk.services.ec2.model.Explanation explanation(Explanation e) {
    var b = software.amazon.awssdk.services.ec2.model.Explanation.builder().explanationCode(e.code().name())
        .component(component(e.component()));
    e.direction().ifPresent(d -> b.direction(d.wire()));
    List<software.amazon.awssdk.services.ec2.model.AnalysisComponent> groups = new ArrayList<>();
    List<AnalysisComponent> named = new ArrayList<>(e.related());
    named.add(e.component());
    for (AnalysisComponent c : named) {
      var sdk = component(c);
      switch (c.type()) {
        case NETWORK_ACL -> b.acl(sdk);
        case SECURITY_GROUP -> groups.add(sdk);
        case SUBNET -> b.subnet(sdk);
        case VPC -> b.vpc(sdk);
        case ROUTE_TABLE -> b.routeTable(sdk);
        case INTERNET_GATEWAY -> b.internetGateway(sdk);
        case NAT_GATEWAY -> b.natGateway(sdk);
        case NETWORK_INTERFACE -> b.networkInterface(sdk);
        case VPC_PEERING_CONNECTION -> b.vpcPeeringConnection(sdk);
        case TRANSIT_GATEWAY -> b.transitGateway(sdk);
        case TRANSIT_GATEWAY_ATTACHMENT -> b.transitGatewayAttachment(sdk);
        case TRANSIT_GATEWAY_ROUTE_TABLE -> b.transitGatewayRouteTable(sdk);
        case VPC_ENDPOINT -> b.vpcEndpoint(sdk);
        case VPN_GATEWAY -> b.vpnGateway(sdk);
        case VPN_CONNECTION -> b.vpnConnection(sdk);
        case CUSTOMER_GATEWAY -> b.customerGateway(sdk);
        case INSTANCE, EGRESS_ONLY_INTERNET_GATEWAY -> b.attachedTo(sdk);
        case IP_ADDRESS -> b.address(c.id());
      }
    }
    if (groups.size() == 1) b.securityGroup(groups.get(0));
    if (!groups.isEmpty()) b.securityGroups(groups);
    locations.of(e.component().id()).ifPresent(l -> {
      if (e.component().type() != ComponentType.VPC) b.vpc(component(l.vpcId()));
    });
    e.rule().ifPresent(r -> {
      switch (r) {
        case AnalysisRule.AclRule a -> b.aclRule(acl(a));
        case AnalysisRule.SecurityGroupRule s -> b.securityGroupRule(securityGroupRule(s));
        case AnalysisRule.RouteTableRoute t -> b.routeTableRoute(route(t));
        case AnalysisRule.TransitGatewayRouteTableRoute t -> b.transitGatewayRouteTableRoute(tgwRoute(t));
      }
    });
    return b.build();
  }

  private static software.amazon.awssdk.services.ec2.model.AnalysisPacketHeader header(AnalysisPacketHeader h) {
    var b = software.amazon.awssdk.services.ec2.model.AnalysisPacketHeader.builder()
        .protocol(h.protocol().wire()).sourceAddresses(h.sourceAddress().address())
        .destinationAddresses(h.destinationAddress().address());
    if (h.protocol().hasPorts()) {
      b.sourcePortRanges(ports(h.sourcePorts())).destinationPortRanges(ports(h.destinationPorts()));
    }
    return b.build();
  }

  private static PortRange ports(dev.stratus.core.net.PortRange p) {
    return PortRange.builder().from(p.from()).to(p.to()).build();
  }

  private static AnalysisAclRule acl(AnalysisRule.AclRule a) {
    return AnalysisAclRule.builder().ruleNumber(a.ruleNumber()).egress(a.egress()).ruleAction(a.ruleAction())
        .protocol(a.protocol()).portRange(ports(a.portRange())).cidr(a.cidr()).build();
  }

  private static AnalysisSecurityGroupRule securityGroupRule(AnalysisRule.SecurityGroupRule s) {
    var b = AnalysisSecurityGroupRule.builder().securityGroupId(s.securityGroupId()).direction(s.direction())
        .protocol(s.protocol()).portRange(ports(s.portRange()));
    if (s.peer().startsWith("pl-")) b.prefixListId(s.peer());
    else if (!s.peer().startsWith("sg-")) b.cidr(s.peer());
    return b.build();
  }

  private static AnalysisRouteTableRoute route(AnalysisRule.RouteTableRoute t) {
    var b = AnalysisRouteTableRoute.builder().origin(t.origin()).state(t.state());
    if (t.destination().startsWith("pl-")) b.destinationPrefixListId(t.destination());
    else b.destinationCidr(t.destination());
    String target = t.target();
    if (target.startsWith("nat-")) b.natGatewayId(target);
    else if (target.startsWith("tgw-")) b.transitGatewayId(target);
    else if (target.startsWith("pcx-")) b.vpcPeeringConnectionId(target);
    else if (target.startsWith("eni-")) b.networkInterfaceId(target);
    else if (target.startsWith("eigw-")) b.egressOnlyInternetGatewayId(target);
    else if (target.startsWith("i-")) b.instanceId(target);
    else b.gatewayId(target);
    return b.build();
  }

  private static TransitGatewayRouteTableRoute tgwRoute(AnalysisRule.TransitGatewayRouteTableRoute t) {
    var b = TransitGatewayRouteTableRoute.builder().state(t.state()).routeOrigin(t.routeOrigin())
        .resourceType(t.resourceType());
    if (t.destinationCidr().startsWith("pl-")) b.prefixListId(t.destinationCidr());
    else b.destinationCidr(t.destinationCidr());
    if (!t.attachmentId().isEmpty()) b.attachmentId(t.attachmentId());
    return b.build();
  }
}
