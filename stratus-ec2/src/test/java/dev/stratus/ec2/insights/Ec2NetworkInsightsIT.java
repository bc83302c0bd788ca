package dev.stratus.ec2.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.ec2.Ec2Module;
import dev.stratus.protocol.testing.ApiTestServer;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.*;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsAnalysis;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsPath;

/**
 * Network Insights through the real SDK v2 Ec2Client, over a network built through the API.
 *
 * <pre>
 *   A 10.0/16 ── igw        a1 10.0.1/24: client, web        a2 10.0.2/24 (NACL: 80 in, 80 out only): web2
 *   A ══pcx══ B 10.1/16 ══pcx══ C 10.2/16     (A routes 10.2/16 to the A-B peering: not transitive)
 *   D 10.3/16 ══pcx (deleted: routes blackholed)══ E 10.4/16
 *   F 10.5/16 ── tgw ── G 10.6/16
 * </pre>
 * Every instance's group admits tcp 80 from 10.0.0.0/8; none has a public IP.
 */
class Ec2NetworkInsightsIT {
  private static ApiTestServer server;
  private static Ec2Client ec2;
  private static String client, web, web2, far, d, e, f, g, igw;

  @BeforeAll
  static void start() {
    server = ApiTestServer.start(Clock.systemUTC(), new Ec2Module());
    ec2 = server.client(Ec2Client.builder());
    build();
  }

  @AfterAll
  static void stop() {
    ec2.close();
    server.close();
  }

  private static void build() {
    String a = vpc("10.0.0.0/16");
    String b = vpc("10.1.0.0/16");
    String c = vpc("10.2.0.0/16");
    String a1 = subnet(a, "10.0.1.0/24");
    String a2 = subnet(a, "10.0.2.0/24");
    client = instance(a1, group(a));
    String webSg = group(a);
    web = instance(a1, webSg);
    web2 = instance(a2, webSg);
    igw = ec2.createInternetGateway(r -> {}).internetGateway().internetGatewayId();
    ec2.attachInternetGateway(r -> r.vpcId(a).internetGatewayId(igw));
    ec2.createRoute(r -> r.routeTableId(mainTable(a)).destinationCidrBlock("0.0.0.0/0").gatewayId(igw));
    String acl = ec2.createNetworkAcl(r -> r.vpcId(a)).networkAcl().networkAclId();
    for (boolean egress : new boolean[] {false, true}) {
      ec2.createNetworkAclEntry(r -> r.networkAclId(acl).ruleNumber(100).egress(egress).protocol("6")
          .ruleAction(RuleAction.ALLOW).cidrBlock("0.0.0.0/0").portRange(p -> p.from(80).to(80)));
    }
    String assoc = ec2.describeNetworkAcls(r -> r.filters(filter("association.subnet-id", a2))).networkAcls().get(0)
        .associations().stream().filter(x -> x.subnetId().equals(a2)).findFirst().orElseThrow()
        .networkAclAssociationId();
    ec2.replaceNetworkAclAssociation(r -> r.associationId(assoc).networkAclId(acl));
    String b1 = subnet(b, "10.1.1.0/24");
    String c1 = subnet(c, "10.2.1.0/24");
    instance(b1, group(b));
    far = instance(c1, group(c));
    String ab = peer(a, b);
    String bc = peer(b, c);
    route(a, "10.1.0.0/16", ab);
    route(a, "10.2.0.0/16", ab);
    route(b, "10.0.0.0/16", ab);
    route(b, "10.2.0.0/16", bc);
    route(c, "10.1.0.0/16", bc);
    String dv = vpc("10.3.0.0/16");
    String ev = vpc("10.4.0.0/16");
    d = instance(subnet(dv, "10.3.1.0/24"), group(dv));
    e = instance(subnet(ev, "10.4.1.0/24"), group(ev));
    String de = peer(dv, ev);
    route(dv, "10.4.0.0/16", de);
    route(ev, "10.3.0.0/16", de);
    ec2.deleteVpcPeeringConnection(r -> r.vpcPeeringConnectionId(de));
    String fv = vpc("10.5.0.0/16");
    String gv = vpc("10.6.0.0/16");
    String fs = subnet(fv, "10.5.1.0/24");
    String gs = subnet(gv, "10.6.1.0/24");
    f = instance(fs, group(fv));
    g = instance(gs, group(gv));
    String tgw = ec2.createTransitGateway(r -> r.description("hub")).transitGateway().transitGatewayId();
    ec2.createTransitGatewayVpcAttachment(r -> r.transitGatewayId(tgw).vpcId(fv).subnetIds(fs));
    ec2.createTransitGatewayVpcAttachment(r -> r.transitGatewayId(tgw).vpcId(gv).subnetIds(gs));
    ec2.createRoute(r -> r.routeTableId(mainTable(fv)).destinationCidrBlock("10.6.0.0/16").transitGatewayId(tgw));
    ec2.createRoute(r -> r.routeTableId(mainTable(gv)).destinationCidrBlock("10.5.0.0/16").transitGatewayId(tgw));
  }

  @Test
  void analysis_sameSubnetAllowedPort_pathFoundWithHopsAndRules() {
    NetworkInsightsAnalysis a = analyse(client, web, 80);
    assertThat(a.statusAsString()).isEqualTo("succeeded");
    assertThat(a.networkPathFound()).isTrue();
    assertThat(a.explanations()).isEmpty();
    List<String> hops = a.forwardPathComponents().stream().map(p -> p.component().id()).toList();
    assertThat(hops.get(0)).isEqualTo(client);
    assertThat(hops.get(hops.size() - 1)).isEqualTo(web);
    assertThat(a.forwardPathComponents()).extracting(PathComponent::sequenceNumber).startsWith(1, 2);
    assertThat(a.forwardPathComponents()).anySatisfy(p -> {
      assertThat(p.securityGroupRule()).isNotNull();
      assertThat(p.securityGroupRule().direction()).isEqualTo("ingress");
      assertThat(p.securityGroupRule().portRange().from()).isEqualTo(80);
    });
    assertThat(a.forwardPathComponents()).allSatisfy(p -> assertThat(p.inboundHeader().protocol()).isEqualTo("tcp"));
    assertThat(a.returnPathComponents()).isNotEmpty();
    assertThat(a.forwardPathComponents().get(0).component().arn()).startsWith("arn:aws:ec2:us-east-1:");
  }

  @Test
  void analysis_portTheGroupDoesNotAdmit_explainsSecurityGroupMismatch() {
    NetworkInsightsAnalysis a = analyse(client, web, 22);
    assertThat(a.networkPathFound()).isFalse();
    assertThat(codes(a)).containsExactly("ENI_SG_RULES_MISMATCH");
    assertThat(a.explanations().get(0).direction()).isEqualTo("ingress");
    assertThat(a.explanations().get(0).securityGroups()).isNotEmpty();
  }

  @Test
  void analysis_naclWithoutEphemeralReturn_blockedOnTheReturnPath() {
    NetworkInsightsAnalysis a = analyse(client, web2, 80);
    assertThat(a.networkPathFound()).isFalse();
    assertThat(codes(a)).containsExactly("SUBNET_ACL_RESTRICTION");
    Explanation x = a.explanations().get(0);
    assertThat(x.acl()).isNotNull();
    assertThat(x.aclRule()).isNotNull();
    assertThat(x.aclRule().egress()).isTrue();
  }

  @Test
  void analysis_throughTwoPeerings_notTransitive() {
    assertThat(codes(analyse(client, far, 80))).containsExactly("PCX_REQUIRES_ADDRESS_IN_VPC_CIDR");
  }

  @Test
  void analysis_routeToDeletedPeering_blackholeRoute() {
    NetworkInsightsAnalysis a = analyse(d, e, 80);
    assertThat(codes(a)).containsExactly("BAD_STATE_ROUTE");
    assertThat(a.explanations().get(0).routeTableRoute().state()).isEqualTo("blackhole");
  }

  @Test
  void analysis_internetGatewayToInstanceWithoutPublicIp_refusedAtTheGateway() {
    NetworkInsightsAnalysis a = analyse(igw, web, 80);
    assertThat(codes(a)).containsExactly("IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS");
    assertThat(a.explanations().get(0).component().id()).isEqualTo(igw);
  }

  @Test
  void analysis_throughTransitGateway_pathFoundWithTgwRoute() {
    NetworkInsightsAnalysis a = analyse(f, g, 80);
    assertThat(a.networkPathFound()).isTrue();
    assertThat(a.forwardPathComponents()).anySatisfy(p -> assertThat(p.transitGatewayRouteTableRoute()).isNotNull());
    assertThat(a.forwardPathComponents()).anySatisfy(p -> assertThat(p.component().id()).startsWith("tgw-attach-"));
  }

  @Test
  void describeAndDelete_pathsAndAnalyses_roundTrip() {
    String path = ec2.createNetworkInsightsPath(r -> r.source(client).destination(web).protocol(Protocol.TCP)
        .destinationPort(80).tagSpecifications(TagSpecification.builder().resourceType("network-insights-path")
            .tags(Tag.builder().key("team").value("net").build()).build())).networkInsightsPath().networkInsightsPathId();
    assertThat(path).matches("nip-[0-9a-f]{17}");
    var described = ec2.describeNetworkInsightsPaths(r -> r.filters(filter("tag:team", "net"))).networkInsightsPaths();
    assertThat(described).extracting(NetworkInsightsPath::networkInsightsPathId).containsExactly(path);
    assertThat(described.get(0).networkInsightsPathArn()).endsWith(":network-insights-path/" + path);
    var started = ec2.startNetworkInsightsAnalysis(r -> r.networkInsightsPathId(path)).networkInsightsAnalysis();
    assertThat(started.statusAsString()).isEqualTo("running");
    assertThat(started.networkInsightsAnalysisId()).matches("nia-[0-9a-f]{17}");
    assertThat(ec2.describeNetworkInsightsAnalyses(r -> r.networkInsightsPathId(path)).networkInsightsAnalyses())
        .extracting(NetworkInsightsAnalysis::networkInsightsAnalysisId).containsExactly(started.networkInsightsAnalysisId());
    ec2.deleteNetworkInsightsAnalysis(r -> r.networkInsightsAnalysisId(started.networkInsightsAnalysisId()));
    ec2.deleteNetworkInsightsPath(r -> r.networkInsightsPathId(path));
    assertThat(refusal(() -> ec2.describeNetworkInsightsPaths(r -> r.networkInsightsPathIds(path))))
        .isEqualTo("InvalidNetworkInsightsPathId.NotFound");
  }

  @Test
  void createPath_badSourcesAndDestinations_refusedAsAws() {
    assertThat(refusal(() -> ec2.createNetworkInsightsPath(r -> r.source("i-0123456789abcdef0").destination(web)
        .protocol(Protocol.TCP)))).isEqualTo("InvalidInstanceID.NotFound");
    assertThat(refusal(() -> ec2.createNetworkInsightsPath(r -> r.source(client).protocol(Protocol.TCP)
        .destinationIp("10.0.1.9")))).isEqualTo("MissingParameter");
    assertThat(refusal(() -> ec2.createNetworkInsightsPath(r -> r.source(client).protocol(Protocol.TCP)
        .destination("arn:aws:ec2:eu-west-1:000000000000:instance/" + web)))).isEqualTo("InvalidParameterValue");
    assertThat(refusal(() -> ec2.createNetworkInsightsPath(r -> r.source("vpc-0123456789abcdef0").destination(web)
        .protocol(Protocol.TCP)))).isEqualTo("InvalidParameterValue");
    assertThat(refusal(() -> ec2.startNetworkInsightsAnalysis(r -> r.networkInsightsPathId("nip-0123456789abcdef0"))))
        .isEqualTo("InvalidNetworkInsightsPathId.NotFound");
  }

  private static NetworkInsightsAnalysis analyse(String src, String dst, int port) {
    String path = ec2.createNetworkInsightsPath(r -> r.source(src).destination(dst).protocol(Protocol.TCP)
        .destinationPort(port)).networkInsightsPath().networkInsightsPathId();
    String id = ec2.startNetworkInsightsAnalysis(r -> r.networkInsightsPathId(path)).networkInsightsAnalysis()
        .networkInsightsAnalysisId();
    return ec2.describeNetworkInsightsAnalyses(r -> r.networkInsightsAnalysisIds(id)).networkInsightsAnalyses().get(0);
  }

  private static List<String> codes(NetworkInsightsAnalysis a) {
    return a.explanations().stream().map(Explanation::explanationCode).toList();
  }

  private static String refusal(Runnable call) {
    try {
      call.run();
    } catch (AwsServiceException x) {
      return x.awsErrorDetails().errorCode();
    }
    throw new AssertionError("not refused");
  }

  private static Filter filter(String name, String value) { return Filter.builder().name(name).values(value).build(); }

  private static String vpc(String cidr) { return ec2.createVpc(r -> r.cidrBlock(cidr)).vpc().vpcId(); }

  private static String subnet(String vpc, String cidr) {
    return ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock(cidr)).subnet().subnetId();
  }

  private static String group(String vpc) {
    String id = ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("web-" + System.nanoTime()).description("web"))
        .groupId();
    ec2.authorizeSecurityGroupIngress(r -> r.groupId(id).ipPermissions(p -> p.ipProtocol("tcp").fromPort(80).toPort(80)
        .ipRanges(x -> x.cidrIp("10.0.0.0/8"))));
    return id;
  }

  private static String instance(String subnet, String sg) {
    return ec2.runInstances(r -> r.imageId("ami-12345678").subnetId(subnet).securityGroupIds(sg).minCount(1).maxCount(1))
        .instances().get(0).instanceId();
  }

  private static String mainTable(String vpc) {
    return ec2.describeRouteTables(r -> r.filters(filter("vpc-id", vpc))).routeTables().stream()
        .filter(t -> t.associations().stream().anyMatch(RouteTableAssociation::main)).findFirst().orElseThrow()
        .routeTableId();
  }

  private static String peer(String x, String y) {
    String id = ec2.createVpcPeeringConnection(r -> r.vpcId(x).peerVpcId(y)).vpcPeeringConnection()
        .vpcPeeringConnectionId();
    ec2.acceptVpcPeeringConnection(r -> r.vpcPeeringConnectionId(id));
    return id;
  }

  private static void route(String vpc, String cidr, String pcx) {
    ec2.createRoute(r -> r.routeTableId(mainTable(vpc)).destinationCidrBlock(cidr).vpcPeeringConnectionId(pcx));
  }
}
