package dev.stratus.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.ec2.Ec2Module;
import dev.stratus.ec2.reachability.ReachabilityImport;
import dev.stratus.protocol.testing.ApiTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * {@code reach}, {@code audit} and {@code export} against a running EC2 API: one VPC, one subnet, a
 * client and a web server whose group admits tcp 80 from the VPC and SSH from anywhere (an audit finding).
 */
class InsightsCommandsIT {
  private static ApiTestServer server;
  private static Ec2Client ec2;
  private static String client;
  private static String web;

  @BeforeAll
  static void start() {
    server = ApiTestServer.start(Clock.systemUTC(), new Ec2Module());
    ec2 = server.client(Ec2Client.builder());
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    String subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24")).subnet().subnetId();
    String sg = ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("web").description("web")).groupId();
    ec2.authorizeSecurityGroupIngress(r -> r.groupId(sg).ipPermissions(
        p -> p.ipProtocol("tcp").fromPort(80).toPort(80).ipRanges(x -> x.cidrIp("10.0.0.0/16")),
        p -> p.ipProtocol("tcp").fromPort(22).toPort(22).ipRanges(x -> x.cidrIp("0.0.0.0/0"))));
    client = run(subnet, null);
    web = run(subnet, sg);
  }

  private static String run(String subnet, String sg) {
    return ec2.runInstances(r -> {
      r.imageId("ami-12345678").subnetId(subnet).minCount(1).maxCount(1);
      if (sg != null) r.securityGroupIds(sg);
    }).instances().get(0).instanceId();
  }

  @AfterAll
  static void stop() {
    ec2.close();
    server.close();
  }

  private static String endpoint() { return server.endpoint().toString(); }

  @Test
  void reach_allowedPort_analysedThroughTheApi() {
    CommandOutput r = CommandOutput.run("reach", client, web, "--port", "80", "--endpoint", endpoint());
    assertThat(r.exitCode()).as(r.out()).isZero();
    assertThat(r.out()).contains("analysis nia-", "succeeded", "Reachable.", web);
  }

  @Test
  void reach_blockedPort_namesTheGroupMismatch() {
    CommandOutput r = CommandOutput.run("reach", client, web, "--port", "443", "--endpoint", endpoint());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("Not reachable.", "ENI_SG_RULES_MISMATCH");
  }

  @Test
  void reach_icmpThroughTheApi_isABadInput() {
    assertThat(CommandOutput.run("reach", client, web, "--protocol", "icmp", "--endpoint", endpoint()).exitCode())
        .isEqualTo(2);
  }

  @Test
  void export_thenImport_readsBackTheSameNetwork(@TempDir Path dir) {
    CommandOutput r = CommandOutput.run("export", dir.toString(), "--endpoint", endpoint());
    assertThat(r.exitCode()).as(r.out()).isZero();
    assertThat(dir.resolve("us-east-1/describe-vpcs.json")).exists();
    var imported = ReachabilityImport.fromDescribeOutputs(dir);
    assertThat(imported.problems()).isEmpty();
    assertThat(imported.network().instances()).extracting(i -> i.id()).contains(client, web);
    CommandOutput offline = CommandOutput.run("reach", client, web, "--port", "80", "--import", dir.toString());
    assertThat(offline.out()).startsWith("Reachable.");
  }

  @Test
  void export_writesCliShapedJson(@TempDir Path dir) throws Exception {
    CommandOutput.run("export", dir.toString(), "--endpoint", endpoint());
    String vpcs = Files.readString(dir.resolve("us-east-1/describe-vpcs.json"));
    assertThat(vpcs).contains("\"Vpcs\"", "\"VpcId\"", "\"CidrBlock\" : \"10.0.0.0/16\"");
  }

  @Test
  void import_peeringDump_recreatesItThroughTheApiAndAnalysesTheSame() {
    CommandOutput r = CommandOutput.run("import", "../stratus-ec2/src/test/resources/reachability/peering",
        "--endpoint", endpoint());
    assertThat(r.out()).contains("i-a -> i-", "pcx-ab -> pcx-", "Created ");
    java.util.Map<String, String> ids = new java.util.HashMap<>();
    r.out().lines().filter(l -> l.contains(" -> ")).map(l -> l.split(" -> ")).forEach(p -> ids.put(p[0], p[1]));
    assertThat(CommandOutput.run("reach", ids.get("i-a"), ids.get("i-b"), "--port", "5432", "--endpoint", endpoint())
        .out()).contains("Reachable.");
    assertThat(CommandOutput.run("reach", ids.get("i-b"), ids.get("i-c"), "--port", "22", "--endpoint", endpoint())
        .out()).contains("Not reachable.", "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR");
  }

  @Test
  void import_transitGatewayDump_keepsTablesAssociationsAndPropagations() {
    CommandOutput r = CommandOutput.run("import", "../stratus-ec2/src/test/resources/reachability/tgw",
        "--endpoint", endpoint());
    assertThat(r.out()).contains("tgw-rtb-prod -> tgw-rtb-", "Created ");
    assertThat(CommandOutput.run("audit", "--endpoint", endpoint()).out())
        .contains("TGW_ROUTE_TABLE_JOINS_ENVIRONMENTS", "prod reaches dev");
  }

  @Test
  void import_defaultVpc_mapsOntoTheTargetsDefaultVpcInsteadOfASecondOne(@TempDir Path dir) {
    assertThat(CommandOutput.run("export", dir.toString(), "--endpoint", endpoint()).exitCode()).isZero();
    String sourceDefault = defaultVpc(ec2);
    var target = ApiTestServer.start(Clock.systemUTC(), new Ec2Module());
    try (Ec2Client other = target.client(Ec2Client.builder())) {
      String targetDefault = defaultVpc(other);
      int subnetsBefore = other.describeSubnets(r -> r.filters(f -> f.name("vpc-id").values(targetDefault))).subnets().size();

      CommandOutput r = CommandOutput.run("import", dir.toString(), "--endpoint", target.endpoint().toString());

      assertThat(r.out()).as(r.out()).contains(sourceDefault + " -> " + targetDefault, "Created ");
      assertThat(other.describeVpcs().vpcs()).as("one 172.31.0.0/16 VPC, the default")
          .filteredOn(v -> v.cidrBlock().equals("172.31.0.0/16")).singleElement()
          .matches(v -> v.isDefault() && v.vpcId().equals(targetDefault));
      assertThat(other.describeSubnets(x -> x.filters(f -> f.name("vpc-id").values(targetDefault))).subnets())
          .as("the default subnets are reused, not re-created").hasSize(subnetsBefore);
    } finally {
      target.close();
    }
  }

  private static String defaultVpc(Ec2Client client) {
    return client.describeVpcs(r -> r.filters(f -> f.name("is-default").values("true"))).vpcs().get(0).vpcId();
  }

  @Test
  void audit_runningServer_findsSshOpenToTheInternet() {
    CommandOutput r = CommandOutput.run("audit", "--endpoint", endpoint());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("SECURITY_GROUP_OPEN_ADMIN_PORT", "SSH 22", "Fix: ");
  }
}
