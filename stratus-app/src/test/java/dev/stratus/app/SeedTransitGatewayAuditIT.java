package dev.stratus.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.ec2.Ec2Module;
import dev.stratus.protocol.testing.ApiTestServer;
import dev.stratus.route53.Route53Module;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

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

  /**
   * Seed 001, failure case 4 ("Route 53 failover not triggering — health check always healthy"):
   * the PRIMARY record's check requests {@code /}; a second zone whose primary checks a deep path
   * is not reported.
   */
  @Test
  void audit_runningStratus_findsFailoverPrimaryCheckingOnlySlash() {
    try (ApiTestServer server = ApiTestServer.start(Clock.systemUTC(), new Ec2Module(), new Route53Module());
         Route53Client r53 = server.client(Route53Client.builder())) {
      String shallow = failoverPair(r53, "myapp.com", "/");
      failoverPair(r53, "deep.example", "/health/deep");

      CommandOutput r = CommandOutput.run("audit", "--endpoint", server.endpoint().toString());

      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.out()).contains("MEDIUM  ROUTE53_FAILOVER_SHALLOW_HEALTH_CHECK  " + shallow + " (global)",
          "PRIMARY failover record api.myapp.com. A requests / on 127.0.0.1:8080",
          "--health-check-id " + shallow + " --resource-path /health/deep").doesNotContain("api.deep.example");
    }
  }

  /** The seed's failover pair for api.<zone>, the primary checked at {@code path}; returns the check's id. */
  private static String failoverPair(Route53Client r53, String zoneName, String path) {
    String zone = r53.createHostedZone(b -> b.name(zoneName).callerReference(zoneName)).hostedZone().id();
    String hc = r53.createHealthCheck(b -> b.callerReference("hc-" + zoneName).healthCheckConfig(c -> c.type("HTTP")
        .ipAddress("127.0.0.1").port(8080).resourcePath(path))).healthCheck().id();
    r53.changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(cb -> cb.changes(
        Change.builder().action(ChangeAction.CREATE).resourceRecordSet(ResourceRecordSet.builder().name("api." + zoneName)
            .type("A").ttl(60L).setIdentifier("primary").failover("PRIMARY").healthCheckId(hc)
            .resourceRecords(ResourceRecord.builder().value("192.0.2.1").build()).build()).build(),
        Change.builder().action(ChangeAction.CREATE).resourceRecordSet(ResourceRecordSet.builder().name("api." + zoneName)
            .type("A").ttl(60L).setIdentifier("secondary").failover("SECONDARY")
            .resourceRecords(ResourceRecord.builder().value("192.0.2.2").build()).build()).build())));
    return hc;
  }

  @Test
  void audit_describeDump_findsTheSameCase() {
    CommandOutput r = CommandOutput.run("audit", "--import", "../stratus-ec2/src/test/resources/reachability/seed001");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("TGW_ROUTE_TABLE_JOINS_ENVIRONMENTS  tgw-rtb-0default (eu-west-1)",
        "prod reaches staging", "dev reaches prod", "modify-transit-gateway --transit-gateway-id tgw-01234567890abcdef");
  }
}
