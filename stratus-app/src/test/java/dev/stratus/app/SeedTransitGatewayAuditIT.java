package dev.stratus.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.ec2.Ec2Module;
import dev.stratus.protocol.testing.ApiTestServer;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Seed 001, failure case 1 ("Transit Gateway routing loop — VPCs can reach each other
 * unintentionally"): the seed's own CLI steps, a transit gateway created with
 * DefaultRouteTableAssociation and DefaultRouteTablePropagation enabled and the prod and staging
 * VPCs attached, found by {@code stratus audit} against a running Stratus and on a describe-* dump.
 */
class SeedTransitGatewayAuditIT {

  private static String vpc(Ec2Client ec2, String name, String cidr) {
    return ec2.createVpc(r -> r.cidrBlock(cidr).tagSpecifications(TagSpecification.builder().resourceType("vpc")
        .tags(Tag.builder().key("Name").value(name).build()).build())).vpc().vpcId();
  }

  private static void attach(Ec2Client ec2, String tgw, String vpc, String cidr) {
    String subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock(cidr)).subnet().subnetId();
    ec2.createTransitGatewayVpcAttachment(r -> r.transitGatewayId(tgw).vpcId(vpc).subnetIds(subnet));
  }

  @Test
  void audit_runningStratus_findsDefaultAssociationAndPropagationJoiningProdAndStaging() {
    try (ApiTestServer server = ApiTestServer.start(Clock.systemUTC(), new Ec2Module());
         Ec2Client ec2 = server.client(Ec2Client.builder())) {
      String tgw = ec2.createTransitGateway(r -> r.description("Central hub for all VPCs").options(o -> o
          .defaultRouteTableAssociation("enable").defaultRouteTablePropagation("enable")
          .autoAcceptSharedAttachments("disable"))).transitGateway().transitGatewayId();
      attach(ec2, tgw, vpc(ec2, "vpc-prod-01", "10.0.0.0/16"), "10.0.1.0/24");
      attach(ec2, tgw, vpc(ec2, "vpc-staging-01", "10.1.0.0/16"), "10.1.1.0/24");

      CommandOutput r = CommandOutput.run("audit", "--endpoint", server.endpoint().toString());

      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.out()).contains("HIGH  TGW_ROUTE_TABLE_JOINS_ENVIRONMENTS", "prod reaches staging", "staging reaches prod",
          "named vpc-prod-01", "has DefaultRouteTableAssociation and DefaultRouteTablePropagation enabled",
          "Fix: Disable DefaultRouteTableAssociation and DefaultRouteTablePropagation (aws ec2 modify-transit-gateway "
              + "--transit-gateway-id " + tgw);
    }
  }

  @Test
  void audit_describeDump_findsTheSameCase() {
    CommandOutput r = CommandOutput.run("audit", "--import", "../stratus-ec2/src/test/resources/reachability/seed001");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("TGW_ROUTE_TABLE_JOINS_ENVIRONMENTS  tgw-rtb-0default (eu-west-1)",
        "prod reaches staging", "dev reaches prod", "modify-transit-gateway --transit-gateway-id tgw-01234567890abcdef");
  }
}
