package dev.stratus.ec2.reachability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.net.Cidr;
import dev.stratus.ec2.model.NetworkAcl;
import dev.stratus.ec2.model.NetworkInterface;
import dev.stratus.ec2.model.RouteTable;
import dev.stratus.ec2.model.RouteTarget;
import dev.stratus.ec2.model.SecurityGroup;
import dev.stratus.ec2.model.TransitGateway;
import dev.stratus.ec2.model.TransitGatewayAttachment;
import dev.stratus.ec2.model.TransitGatewayRouteTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A timing printout, not a benchmark assertion: 5,000 VPCs (10.a.b.0/24 each, one subnet, one
 * instance, a route 10.0.0.0/8 to the transit gateway) on one transit gateway whose single route
 * table holds all 5,000 propagated routes. Prints the index build time and the time per analysis.
 */
class ReachabilityPerformanceTest {
  static final int VPCS = 5_000;

  @Test
  void analyze_fiveThousandVpcsOnOneTgw_printsTiming() {
    long t0 = System.nanoTime();
    Network n = generate(VPCS);
    long t1 = System.nanoTime();
    ReachabilityAnalysis analysis = ReachabilityAnalysis.of(n);
    long t2 = System.nanoTime();
    ReachabilityVerdict first = analysis.analyze(Query.of("i-0", "i-" + (VPCS - 1), Protocol.TCP, 443));
    long t3 = System.nanoTime();
    assertThat(first.networkPathFound()).as(first.toText()).isTrue();
    int runs = 10_000;
    long t4 = System.nanoTime();
    for (int k = 0; k < runs; k++) {
      analysis.analyze(Query.of("i-" + (k % VPCS), "i-" + ((k * 7919 + 1) % VPCS), Protocol.TCP, 443));
    }
    long t5 = System.nanoTime();
    System.out.printf("reachability perf: %d VPCs on one TGW: build network %.0f ms, index %.0f ms, "
            + "first analysis %.2f ms, then %.1f us per analysis (%d runs, forward + return path)%n",
        VPCS, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t5 - t4) / 1e3 / runs, runs);
  }

  static Network generate(int count) {
    Network.Builder b = Network.builder();
    String region = "us-east-1";
    Placement placement = new Placement(region, "111111111111", Map.of());
    var allowAll = List.of(
        NetworkAcl.Entry.allowAll(100, true, Cidr.ANY_IPV4), NetworkAcl.Entry.allowAll(100, false, Cidr.ANY_IPV4));
    var rules = List.of(
        new SecurityGroup.Rule("sgr-in", false, "-1", -1, -1, new SecurityGroup.CidrPeer(Cidr.parseBlockOrAddress("10.0.0.0/8")), null),
        new SecurityGroup.Rule("sgr-out", true, "-1", -1, -1, new SecurityGroup.CidrPeer(Cidr.ANY_IPV4), null));
    List<TransitGatewayRouteTable.Route> tgwRoutes = new java.util.ArrayList<>();
    List<String> attachments = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      Cidr cidr = Cidr.parseBlockOrAddress("10." + (i / 256) + "." + (i % 256) + ".0/24");
      String v = "vpc-" + i, s = "subnet-" + i, rt = "rtb-" + i, acl = "acl-" + i, sg = "sg-" + i, att = "tgw-attach-" + i;
      b.vpc(Fixtures.vpc(v, cidr.toString()), placement);
      b.subnet(Fixtures.subnet(s, v, cidr, "us-east-1a"), placement); // rt is the main table, acl the default NACL
      b.routeTables.add(new RouteTable(rt, v, List.of(
          new RouteTable.Route(new RouteTable.CidrDestination(cidr), new RouteTarget.Local(),
              RouteTable.Origin.CREATE_ROUTE_TABLE, RouteTable.State.ACTIVE),
          new RouteTable.Route(new RouteTable.CidrDestination(Cidr.parseBlockOrAddress("10.0.0.0/8")),
              new RouteTarget.TransitGateway("tgw-1"),
              RouteTable.Origin.CREATE_ROUTE, RouteTable.State.ACTIVE)),
          List.of(new RouteTable.Association("rtbassoc-" + i, true, null, null)), List.of()));
      b.place(rt, placement);
      b.networkAcls.add(new NetworkAcl(acl, v, true, allowAll, List.of()));
      b.place(acl, placement);
      b.securityGroups.add(new SecurityGroup(sg, "default", "default VPC security group", v, rules));
      b.place(sg, placement);
      b.networkInterfaces.add(new NetworkInterface("eni-" + i, s, v, "us-east-1a", cidr.hostAt(10).address(), List.of(),
          List.of(sg), "in-use", "interface", "", null, false, true,
          new NetworkInterface.Attachment("eni-attach-" + i, "i-" + i, 0, "attached", true, "111111111111"), null));
      b.place("eni-" + i, placement);
      b.instance(Fixtures.instance("i-" + i, v, s, "eni-" + i), placement);
      b.transitGatewayAttachments.add(new TransitGatewayAttachment(att, "tgw-1",
          TransitGatewayAttachment.ResourceType.VPC, v, "111111111111", TransitGatewayAttachment.State.AVAILABLE, List.of(s), "tgw-rtb-1", null,
          null, null, "disable", "enable", false));
      b.place(att, placement);
      tgwRoutes.add(new TransitGatewayRouteTable.Route(cidr, att, TransitGatewayRouteTable.RouteType.PROPAGATED,
          TransitGatewayRouteTable.RouteState.ACTIVE));
      attachments.add(att);
    }
    b.transitGateways.add(new TransitGateway("tgw-1", "hub", "available", null, TransitGateway.Options.defaults(),
        "tgw-rtb-1", "tgw-rtb-1"));
    b.place("tgw-1", placement);
    b.transitGatewayRouteTables.add(new TransitGatewayRouteTable("tgw-rtb-1", "tgw-1", "available", true, true, null,
        tgwRoutes, attachments, attachments));
    b.place("tgw-rtb-1", placement);
    return b.build();
  }
}
