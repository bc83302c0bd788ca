package dev.stratus.ec2.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.ec2.Ec2Module;
import dev.stratus.ec2.NetworkSnapshot;
import dev.stratus.ec2.model.Instance;
import dev.stratus.ec2.model.NatGateway;
import dev.stratus.ec2.model.TransitGateway;
import dev.stratus.ec2.model.TransitGatewayAttachment;
import dev.stratus.ec2.model.TransitGatewayRouteTable;
import dev.stratus.ec2.model.VpcEndpoint;
import dev.stratus.ec2.reachability.Network;
import dev.stratus.ec2.reachability.Protocol;
import dev.stratus.ec2.reachability.Query;
import dev.stratus.ec2.reachability.ReachabilityAnalysis;
import dev.stratus.ec2.reachability.ReachabilityImport;
import dev.stratus.protocol.testing.ApiTestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;
import software.amazon.awssdk.services.ec2.model.RuleAction;

/**
 * The two real paths into the analyzer agree: a network built through the SDK, read from the
 * control plane's store ({@link NetworkSnapshot}) and read back from its {@code aws ec2 describe-*}
 * files ({@link DescribeExport} then {@link ReachabilityImport}), is the same network.
 *
 * <pre>
 *   A 10.0/16: pub 10.0.1/24 (igw route, nat), priv 10.0.2/24 (own table: 0/0 -> nat; own NACL)
 *   A ══pcx══ B 10.1/16          A ── tgw ── C 10.2/16          A ── vgw ── vpn ── cgw 203.0.113.7
 *   A: s3 gateway endpoint on priv's table, an sqs interface endpoint in priv, a load balancer node in pub
 * </pre>
 */
class DescribeExportIT {
  private static ApiTestServer server;
  private static Ec2Client ec2;
  private static String web, app, far, endpoint;

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
    String pub = subnet(a, "10.0.1.0/24");
    String priv = subnet(a, "10.0.2.0/24");
    String sg = ec2.createSecurityGroup(r -> r.vpcId(a).groupName("web").description("web")).groupId();
    ec2.authorizeSecurityGroupIngress(r -> r.groupId(sg).ipPermissions(
        p -> p.ipProtocol("tcp").fromPort(443).toPort(443).ipRanges(x -> x.cidrIp("10.0.0.0/8")),
        p -> p.ipProtocol("-1").userIdGroupPairs(x -> x.groupId(sg))));
    web = instance(pub, sg);
    app = instance(priv, sg);
    String igw = ec2.createInternetGateway(r -> {}).internetGateway().internetGatewayId();
    ec2.attachInternetGateway(r -> r.vpcId(a).internetGatewayId(igw));
    ec2.createRoute(r -> r.routeTableId(mainTable(a)).destinationCidrBlock("0.0.0.0/0").gatewayId(igw));
    String eip = ec2.allocateAddress(r -> r.domain("vpc")).allocationId();
    String nat = ec2.createNatGateway(r -> r.subnetId(pub).allocationId(eip)).natGateway().natGatewayId();
    String privTable = ec2.createRouteTable(r -> r.vpcId(a)).routeTable().routeTableId();
    ec2.associateRouteTable(r -> r.routeTableId(privTable).subnetId(priv));
    ec2.createRoute(r -> r.routeTableId(privTable).destinationCidrBlock("0.0.0.0/0").natGatewayId(nat));
    String acl = ec2.createNetworkAcl(r -> r.vpcId(a)).networkAcl().networkAclId();
    for (boolean egress : new boolean[] {false, true}) {
      ec2.createNetworkAclEntry(r -> r.networkAclId(acl).ruleNumber(100).egress(egress).protocol("6")
          .ruleAction(RuleAction.ALLOW).cidrBlock("10.0.0.0/8").portRange(p -> p.from(443).to(443)));
      ec2.createNetworkAclEntry(r -> r.networkAclId(acl).ruleNumber(200).egress(egress).protocol("6")
          .ruleAction(RuleAction.ALLOW).cidrBlock("0.0.0.0/0").portRange(p -> p.from(1024).to(65535)));
    }
    String assoc = ec2.describeNetworkAcls(r -> r.filters(filter("association.subnet-id", priv))).networkAcls().get(0)
        .associations().stream().filter(x -> x.subnetId().equals(priv)).findFirst().orElseThrow()
        .networkAclAssociationId();
    ec2.replaceNetworkAclAssociation(r -> r.associationId(assoc).networkAclId(acl));
    ec2.createVpcEndpoint(r -> r.vpcId(a).serviceName("com.amazonaws.us-east-1.s3").routeTableIds(privTable));
    endpoint = ec2.createVpcEndpoint(r -> r.vpcId(a).vpcEndpointType("Interface").serviceName("com.amazonaws.us-east-1.sqs")
        .subnetIds(priv).securityGroupIds(sg).privateDnsEnabled(false)).vpcEndpoint().vpcEndpointId();
    // A load balancer node's interface, made as stratus-elbv2 makes it (requester amazon-elb, attached by the service).
    server.context().store().write(tx -> new dev.stratus.ec2.interfaces.Ec2ManagedInterfaces().create(tx, account(),
        "us-east-1", new dev.stratus.core.vpc.ManagedInterfaces.Spec(pub, List.of(sg), "interface", "ELB app/web/50dc6c495c0c9188")));

    String b = vpc("10.1.0.0/16");
    instance(subnet(b, "10.1.1.0/24"), null);
    String pcx = ec2.createVpcPeeringConnection(r -> r.vpcId(a).peerVpcId(b)).vpcPeeringConnection()
        .vpcPeeringConnectionId();
    ec2.acceptVpcPeeringConnection(r -> r.vpcPeeringConnectionId(pcx));
    ec2.createRoute(r -> r.routeTableId(mainTable(a)).destinationCidrBlock("10.1.0.0/16").vpcPeeringConnectionId(pcx));
    ec2.createRoute(r -> r.routeTableId(mainTable(b)).destinationCidrBlock("10.0.0.0/16").vpcPeeringConnectionId(pcx));

    String c = vpc("10.2.0.0/16");
    String cs = subnet(c, "10.2.1.0/24");
    far = instance(cs, null);
    String tgw = ec2.createTransitGateway(r -> r.description("hub")).transitGateway().transitGatewayId();
    ec2.createTransitGatewayVpcAttachment(r -> r.transitGatewayId(tgw).vpcId(a).subnetIds(priv));
    ec2.createTransitGatewayVpcAttachment(r -> r.transitGatewayId(tgw).vpcId(c).subnetIds(cs));
    ec2.createRoute(r -> r.routeTableId(privTable).destinationCidrBlock("10.2.0.0/16").transitGatewayId(tgw));
    ec2.createRoute(r -> r.routeTableId(mainTable(c)).destinationCidrBlock("10.0.0.0/16").transitGatewayId(tgw));

    String vgw = ec2.createVpnGateway(r -> r.type("ipsec.1")).vpnGateway().vpnGatewayId();
    ec2.attachVpnGateway(r -> r.vpcId(a).vpnGatewayId(vgw));
    String cgw = ec2.createCustomerGateway(r -> r.type("ipsec.1").bgpAsn(65000).publicIp("203.0.113.7"))
        .customerGateway().customerGatewayId();
    String vpn = ec2.createVpnConnection(r -> r.type("ipsec.1").vpnGatewayId(vgw).customerGatewayId(cgw)
        .options(o -> o.staticRoutesOnly(true))).vpnConnection().vpnConnectionId();
    ec2.createVpnConnectionRoute(r -> r.vpnConnectionId(vpn).destinationCidrBlock("192.168.0.0/16"));
  }

  @Test
  void describeFiles_importedBack_equalTheControlPlanesNetwork(@TempDir Path dir) {
    List<Path> files = DescribeExport.region(ec2, dir, "us-east-1");
    assertThat(files).isNotEmpty();
    ReachabilityImport.Result imported = ReachabilityImport.fromDescribeOutputs(dir);
    assertThat(imported.problems()).isEmpty();
    Network stored = NetworkSnapshot.of(server.context().store(), account());
    assertThat(stored.vpcs()).hasSize(4); // A, B, C and the default VPC
    assertThat(stored.vpnConnections()).hasSize(1);
    assertThat(stored.networkInterfaces()).extracting(e -> e.interfaceType()).contains("interface", "nat_gateway",
        "vpc_endpoint", "transit_gateway");
    assertThat(stored.networkInterfaces()).anySatisfy(e -> assertThat(e.requesterId()).isEqualTo("amazon-elb"));
    assertThat(stored.securityGroups()).flatExtracting(g -> g.rules()).isNotEmpty();
    assertThat(asSets(imported.network())).isEqualTo(asSets(stored));
  }

  @Test
  void describeFiles_importedBack_analyseTheSame(@TempDir Path dir) {
    DescribeExport.region(ec2, dir, "us-east-1");
    Network imported = ReachabilityImport.fromDescribeOutputs(dir).orThrow();
    Network stored = NetworkSnapshot.of(server.context().store(), account());
    for (Query q : List.of(Query.of(web, app, Protocol.TCP, 443), Query.of(app, far, Protocol.TCP, 443),
        Query.of(web, far, Protocol.TCP, 443), Query.of(web, endpoint, Protocol.TCP, 443))) {
      assertThat(ReachabilityAnalysis.analyze(imported, q)).as(q.toString())
          .isEqualTo(ReachabilityAnalysis.analyze(stored, q));
    }
    assertThat(ReachabilityAnalysis.analyze(stored, Query.of(web, app, Protocol.TCP, 443)).networkPathFound()).isTrue();
    var toEndpoint = ReachabilityAnalysis.analyze(stored, Query.of(web, endpoint, Protocol.TCP, 443));
    assertThat(toEndpoint.networkPathFound()).as(toEndpoint.toText()).isTrue();
  }

  private static String account() { return ec2.describeVpcs(r -> {}).vpcs().get(0).ownerId(); }

  /** The network's lists as sets (and its placements as they are), so file order does not matter. */
  private static Map<String, Object> asSets(Network n) {
    Map<String, Object> m = new TreeMap<>();
    for (var c : Network.class.getRecordComponents()) {
      try {
        Object v = c.getAccessor().invoke(n);
        if (c.getName().equals("instances")) v = n.instances().stream().map(DescribeExportIT::toMillis).toList();
        if (c.getName().equals("natGateways")) v = n.natGateways().stream().map(DescribeExportIT::toMillis).toList();
        if (c.getName().equals("vpcEndpoints")) v = n.vpcEndpoints().stream().map(e -> new VpcEndpoint(e.id(), e.type(),
            e.vpcId(), e.serviceName(), e.state(), e.routeTableIds(), e.subnetIds(), e.groupIds(), e.networkInterfaceIds(),
            e.privateDnsEnabled(), e.dnsNames(), e.policyDocument(), millis(e.creationTime()))).toList();
        if (c.getName().equals("transitGateways")) v = n.transitGateways().stream().map(t -> new TransitGateway(t.id(),
            t.description(), t.state(), millis(t.creationTime()), t.options(), t.associationDefaultRouteTableId(),
            t.propagationDefaultRouteTableId())).toList();
        if (c.getName().equals("transitGatewayAttachments")) v = n.transitGatewayAttachments().stream().map(a ->
            new TransitGatewayAttachment(a.id(), a.transitGatewayId(), a.resourceType(), a.resourceId(),
                a.resourceOwnerId(), a.state(), a.subnetIds(), a.associatedRouteTableId(), millis(a.creationTime()),
                a.peerRegion(), a.peerAccountId(), a.applianceModeSupport(), a.dnsSupport(), a.requester())).toList();
        if (c.getName().equals("transitGatewayRouteTables")) v = n.transitGatewayRouteTables().stream().map(t ->
            new TransitGatewayRouteTable(t.id(), t.transitGatewayId(), t.state(), t.defaultAssociation(),
                t.defaultPropagation(), millis(t.creationTime()), t.routes(), t.associations(), t.propagations()))
            .toList();
        m.put(c.getName(), v instanceof List<?> l ? new HashSet<>(l) : v);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }
    return m;
  }

  /** The wire carries times to the millisecond; the store keeps the clock's full precision. */
  private static NatGateway toMillis(NatGateway n) {
    return new NatGateway(n.id(), n.subnetId(), n.vpcId(), n.connectivityType(), n.state(), n.networkInterfaceId(),
        n.privateIp(), n.allocationId(), n.publicIp(), millis(n.createTime()), millis(n.deleteTime()));
  }

  private static Instant millis(Instant t) { return t == null ? null : t.truncatedTo(ChronoUnit.MILLIS); }

  /** The wire carries LaunchTime to the millisecond; the store keeps the clock's full precision. */
  private static Instance toMillis(Instance i) {
    return new Instance(i.id(), i.reservationId(), i.imageId(), i.instanceType(), i.state(), i.subnetId(), i.vpcId(),
        i.availabilityZone(), i.primaryNetworkInterfaceId(), i.networkInterfaceIds(), i.keyName(),
        millis(i.launchTime()), i.amiLaunchIndex(), i.clientToken());
  }

  private static String vpc(String cidr) { return ec2.createVpc(r -> r.cidrBlock(cidr)).vpc().vpcId(); }

  private static String subnet(String vpc, String cidr) {
    return ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock(cidr)).subnet().subnetId();
  }

  private static String instance(String subnet, String sg) {
    return ec2.runInstances(r -> {
      r.imageId("ami-12345678").subnetId(subnet).minCount(1).maxCount(1);
      if (sg != null) r.securityGroupIds(sg);
    }).instances().get(0).instanceId();
  }

  private static String mainTable(String vpc) {
    return ec2.describeRouteTables(r -> r.filters(filter("vpc-id", vpc))).routeTables().stream()
        .filter(t -> t.associations().stream().anyMatch(RouteTableAssociation::main)).findFirst().orElseThrow()
        .routeTableId();
  }

  private static Filter filter(String name, String value) { return Filter.builder().name(name).values(value).build(); }
}
