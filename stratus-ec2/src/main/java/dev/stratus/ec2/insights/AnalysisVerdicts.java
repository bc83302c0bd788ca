package dev.stratus.ec2.insights;

import dev.stratus.core.net.Cidr;
import dev.stratus.core.net.PortRange;
import dev.stratus.ec2.reachability.AnalysisComponent;
import dev.stratus.ec2.reachability.AnalysisPacketHeader;
import dev.stratus.ec2.reachability.AnalysisRule;
import dev.stratus.ec2.reachability.Explanation;
import dev.stratus.ec2.reachability.ExplanationCode;
import dev.stratus.ec2.reachability.PathComponent;
import dev.stratus.ec2.reachability.Protocol;
import dev.stratus.ec2.reachability.ReachabilityVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsAnalysis;

/**
 * An SDK {@code NetworkInsightsAnalysis} (from any Network Insights API, Stratus's or AWS's) read
 * back as the engine's {@link ReachabilityVerdict}, so a client prints it with
 * {@link ReachabilityVerdict#toText()} exactly as an offline analysis is printed. AWS's
 * explanations carry no sentence, so each gets its code's meaning.
 */
public final class AnalysisVerdicts {
  private AnalysisVerdicts() {}

  /** The verdict of a finished analysis. */
  public static ReachabilityVerdict of(NetworkInsightsAnalysis a) {
    boolean found = Boolean.TRUE.equals(a.networkPathFound());
    boolean onReturn = !found && !a.returnPathComponents().isEmpty();
    List<Explanation> explanations = new ArrayList<>();
    for (var e : a.explanations()) {
      ExplanationCode code;
      try {
        code = ExplanationCode.valueOf(e.explanationCode());
      } catch (IllegalArgumentException | NullPointerException x) {
        continue;
      }
      List<AnalysisComponent> related = Stream.of(Stream.of(e.acl(), e.subnet(), e.vpc(), e.routeTable()),
              e.securityGroups().stream()).flatMap(s -> s)
          .filter(c -> c != null && c.id() != null && !c.id().equals(e.component() == null ? null : e.component().id()))
          .map(c -> AnalysisComponent.of(c.id())).distinct().toList();
      Optional<AnalysisRule> rule = Optional.ofNullable(rule(e.aclRule(), e.securityGroupRule(), e.routeTableRoute(),
          e.transitGatewayRouteTableRoute()));
      explanations.add(new Explanation(code, direction(e.direction()),
          AnalysisComponent.of(e.component() == null ? "unknown" : e.component().id()), rule, related, onReturn,
          code.meaning()));
    }
    List<String> warnings = a.warningMessage() == null ? List.of() : List.of(a.warningMessage());
    return new ReachabilityVerdict(found, hops(a.forwardPathComponents()), hops(a.returnPathComponents()),
        explanations, warnings);
  }

  private static List<PathComponent> hops(List<software.amazon.awssdk.services.ec2.model.PathComponent> hops) {
    return hops.stream().map(h -> new PathComponent(h.sequenceNumber() == null ? 0 : h.sequenceNumber(),
        AnalysisComponent.of(h.component().id()), header(h.inboundHeader()), header(h.outboundHeader()),
        Optional.ofNullable(rule(h.aclRule(), h.securityGroupRule(), h.routeTableRoute(),
            h.transitGatewayRouteTableRoute()))))
        .toList();
  }

  private static Optional<Explanation.Direction> direction(String wire) {
    if (wire == null) return Optional.empty();
    return Optional.of(wire.equals("ingress") ? Explanation.Direction.INGRESS : Explanation.Direction.EGRESS);
  }

  private static AnalysisPacketHeader header(software.amazon.awssdk.services.ec2.model.AnalysisPacketHeader h) {
    if (h == null) {
      return new AnalysisPacketHeader(Protocol.TCP, Cidr.ANY_IPV4, Cidr.ANY_IPV4, PortRange.ALL, PortRange.ALL);
    }
    return new AnalysisPacketHeader(Protocol.fromAws(h.protocol()), address(h.sourceAddresses()),
        address(h.destinationAddresses()), ports(h.sourcePortRanges()), ports(h.destinationPortRanges()));
  }

  private static Cidr address(List<String> addresses) {
    return addresses.isEmpty() ? Cidr.ANY_IPV4 : Cidr.parseBlockOrAddress(addresses.get(0));
  }

  private static PortRange ports(List<software.amazon.awssdk.services.ec2.model.PortRange> ranges) {
    return ranges.isEmpty() ? PortRange.ALL : ports(ranges.get(0));
  }

  private static PortRange ports(software.amazon.awssdk.services.ec2.model.PortRange p) {
    return p == null || p.from() == null ? PortRange.ALL : new PortRange(p.from(), p.to() == null ? p.from() : p.to());
  }

  private static AnalysisRule rule(software.amazon.awssdk.services.ec2.model.AnalysisAclRule acl,
      software.amazon.awssdk.services.ec2.model.AnalysisSecurityGroupRule sg,
      software.amazon.awssdk.services.ec2.model.AnalysisRouteTableRoute route,
      software.amazon.awssdk.services.ec2.model.TransitGatewayRouteTableRoute tgw) {
    if (acl != null) {
      return new AnalysisRule.AclRule(acl.ruleNumber(), Boolean.TRUE.equals(acl.egress()), acl.ruleAction(),
          acl.protocol(), ports(acl.portRange()), acl.cidr() == null ? "" : acl.cidr());
    }
    if (sg != null) {
      String peer = Stream.of(sg.cidr(), sg.prefixListId()).filter(x -> x != null).findFirst().orElse("a group");
      return new AnalysisRule.SecurityGroupRule(sg.securityGroupId(), sg.direction(), sg.protocol(),
          ports(sg.portRange()), peer);
    }
    if (route != null) {
      String target = Stream.of(route.gatewayId(), route.natGatewayId(), route.transitGatewayId(),
              route.vpcPeeringConnectionId(), route.networkInterfaceId(), route.egressOnlyInternetGatewayId(),
              route.instanceId()).filter(x -> x != null).findFirst().orElse("");
      return new AnalysisRule.RouteTableRoute(route.destinationCidr() != null ? route.destinationCidr()
          : String.valueOf(route.destinationPrefixListId()), target, String.valueOf(route.origin()),
          String.valueOf(route.state()));
    }
    if (tgw != null) {
      return new AnalysisRule.TransitGatewayRouteTableRoute(tgw.destinationCidr() != null ? tgw.destinationCidr()
          : String.valueOf(tgw.prefixListId()), String.valueOf(tgw.state()), String.valueOf(tgw.routeOrigin()),
          tgw.attachmentId() == null ? "" : tgw.attachmentId(), String.valueOf(tgw.resourceType()));
    }
    return null;
  }
}
