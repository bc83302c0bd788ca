package dev.stratus.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.ec2.interfaces.InstanceOperations;
import dev.stratus.ec2.reachability.Explanation;
import dev.stratus.ec2.reachability.ExplanationCode;
import dev.stratus.ec2.reachability.Protocol;
import dev.stratus.ec2.reachability.Query;
import dev.stratus.ec2.reachability.ReachabilityAnalysis;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.*;

/**
 * State built through the API handlers, read back as the analyzer's Network and analysed.
 *
 * <pre>
 *   vpc 10.0.0.0/16 ── igw
 *     public  10.0.1.0/24 (rtb: 0.0.0.0/0 → igw)  web  (sg web: 443 from 0.0.0.0/0)
 *     private 10.0.2.0/24 (main rtb, local only)  db   (sg db: 5432 from sg web)
 * </pre>
 */
class NetworkSnapshotTest {
  private final Ec2Fixture f = new Ec2Fixture();
  private final InstanceOperations instances = new InstanceOperations(f.store);
  private String web;
  private String db;
  private String igw;

  private void build() {
    String vpc = f.createVpc("10.0.0.0/16");
    String pub = f.createSubnet(vpc, "10.0.1.0/24");
    String priv = f.createSubnet(vpc, "10.0.2.0/24");
    igw = f.igws.createInternetGateway(f.ctx, CreateInternetGatewayRequest.builder().build()).internetGateway()
        .internetGatewayId();
    f.igws.attachInternetGateway(f.ctx, AttachInternetGatewayRequest.builder().vpcId(vpc).internetGatewayId(igw).build());
    String rtb = f.routeTables.createRouteTable(f.ctx, CreateRouteTableRequest.builder().vpcId(vpc).build()).routeTable()
        .routeTableId();
    f.routeTables.createRoute(f.ctx, CreateRouteRequest.builder().routeTableId(rtb).destinationCidrBlock("0.0.0.0/0")
        .gatewayId(igw).build());
    f.routeTables.associateRouteTable(f.ctx, AssociateRouteTableRequest.builder().routeTableId(rtb).subnetId(pub).build());
    String webSg = group(vpc, "web");
    String dbSg = group(vpc, "db");
    f.groups.authorizeSecurityGroupIngress(f.ctx, AuthorizeSecurityGroupIngressRequest.builder().groupId(webSg)
        .ipPermissions(IpPermission.builder().ipProtocol("tcp").fromPort(443).toPort(443)
            .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build()).build());
    f.groups.authorizeSecurityGroupIngress(f.ctx, AuthorizeSecurityGroupIngressRequest.builder().groupId(dbSg)
        .ipPermissions(IpPermission.builder().ipProtocol("tcp").fromPort(5432).toPort(5432)
            .userIdGroupPairs(UserIdGroupPair.builder().groupId(webSg).build()).build()).build());
    web = run(pub, webSg);
    db = run(priv, dbSg);
  }

  private String group(String vpc, String name) {
    return f.groups.createSecurityGroup(f.ctx, CreateSecurityGroupRequest.builder().vpcId(vpc).groupName(name)
        .description(name).build()).groupId();
  }

  private String run(String subnet, String sg) {
    return instances.runInstances(f.ctx, RunInstancesRequest.builder().imageId("ami-12345678").subnetId(subnet)
        .securityGroupIds(sg).minCount(1).maxCount(1).build()).instances().get(0).instanceId();
  }

  @Test
  void of_builtThroughHandlers_resolvesSubnetTablesAndAnalyses() {
    build();
    var network = NetworkSnapshot.of(f.memory, f.ctx.accountId());
    assertThat(network.vpcs()).hasSize(2);
    ReachabilityAnalysis resolved = ReachabilityAnalysis.of(network);
    assertThat(network.subnets()).allSatisfy(s -> {
      assertThat(resolved.routeTableOf(s.id())).isPresent();
      assertThat(resolved.networkAclOf(s.id())).isPresent();
    });
    var analysis = ReachabilityAnalysis.of(network);
    assertThat(analysis.analyze(Query.of(web, db, Protocol.TCP, 5432)).networkPathFound()).isTrue();
    var denied = analysis.analyze(Query.of(db, web, Protocol.TCP, 22));
    assertThat(denied.networkPathFound()).isFalse();
    assertThat(denied.explanations()).extracting(Explanation::code).contains(ExplanationCode.ENI_SG_RULES_MISMATCH);
    var noRoute = analysis.analyze(Query.of(db, igw, Protocol.TCP, 443));
    assertThat(noRoute.networkPathFound()).isFalse();
  }
}
