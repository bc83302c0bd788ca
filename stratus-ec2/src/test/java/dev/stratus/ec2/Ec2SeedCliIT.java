package dev.stratus.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stratus.protocol.testing.ApiTestServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seed 001's AWS CLI commands (shared/seeds/001_2ed2b9f95868d210.txt), run with the real {@code aws}
 * CLI against Stratus in eu-west-1: first exactly as written, where the placeholder ids are refused
 * as AWS refuses them, then with real ids, where every command succeeds. Skipped without the CLI.
 */
class Ec2SeedCliIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static ApiTestServer server;

  @BeforeAll
  static void start() {
    assumeTrue(onPath("aws"), "aws CLI not installed");
    server = ApiTestServer.start(Clock.systemUTC(), new Ec2Module());
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  @Test
  void seedAsWritten_placeholderIdsRefusedLikeAws() throws Exception {
    Result tgw = aws("ec2", "create-transit-gateway", "--description", "Central hub for all VPCs", "--options",
        "{\"DefaultRouteTableAssociation\": \"enable\",\n\"DefaultRouteTablePropagation\": \"enable\",\n"
            + "\"AutoAcceptSharedAttachments\": \"disable\"}");
    assertThat(tgw.exit).as(tgw.err).isZero();
    Result attach = aws("ec2", "create-transit-gateway-vpc-attachment", "--transit-gateway-id", "tgw-01234567890abcdef",
        "--vpc-id", "vpc-prod-01", "--subnet-ids", "subnet-private-a", "subnet-private-b");
    assertThat(attach.err).contains("InvalidVpcID.Malformed").contains("Invalid id: \"vpc-prod-01\"");
    Result route = aws("ec2", "create-transit-gateway-route", "--transit-gateway-route-table-id", "tgw-rtb-prod",
        "--destination-cidr-block", "10.1.0.0/16", "--transit-gateway-attachment-id", "tgw-attach-staging");
    assertThat(route.err).contains("InvalidRouteTableID.Malformed");
    Result s3 = aws("ec2", "create-vpc-endpoint", "--vpc-id", "vpc-prod-01", "--service-name",
        "com.amazonaws.eu-west-1.s3", "--vpc-endpoint-type", "Gateway", "--route-table-ids", "rtb-private-a",
        "rtb-private-b");
    assertThat(s3.err).contains("InvalidVpcID.Malformed");
  }

  @Test
  void seedWithRealIds_everyCommandSucceeds() throws Exception {
    JsonNode tgw = ok(aws("ec2", "create-transit-gateway", "--description", "Central hub for all VPCs", "--options",
        "{\"DefaultRouteTableAssociation\": \"enable\", \"DefaultRouteTablePropagation\": \"enable\","
            + " \"AutoAcceptSharedAttachments\": \"disable\"}")).get("TransitGateway");
    String tgwId = tgw.get("TransitGatewayId").asString();
    String rtb = tgw.get("Options").get("AssociationDefaultRouteTableId").asString();
    String prod = vpc("10.0.0.0/16");
    String staging = vpc("10.1.0.0/16");
    List<String> prodSubnets = List.of(subnet(prod, "10.0.1.0/24", "eu-west-1a"), subnet(prod, "10.0.2.0/24", "eu-west-1b"));
    List<String> stagingSubnets = List.of(subnet(staging, "10.1.1.0/24", "eu-west-1a"),
        subnet(staging, "10.1.2.0/24", "eu-west-1b"));
    ok(aws("ec2", "create-transit-gateway-vpc-attachment", "--transit-gateway-id", tgwId, "--vpc-id", prod,
        "--subnet-ids", prodSubnets.get(0), prodSubnets.get(1)));
    String stagingAttach = ok(aws("ec2", "create-transit-gateway-vpc-attachment", "--transit-gateway-id", tgwId,
        "--vpc-id", staging, "--subnet-ids", stagingSubnets.get(0), stagingSubnets.get(1)))
        .get("TransitGatewayVpcAttachment").get("TransitGatewayAttachmentId").asString();
    ok(aws("ec2", "create-transit-gateway-route", "--transit-gateway-route-table-id", rtb, "--destination-cidr-block",
        "10.1.0.0/16", "--transit-gateway-attachment-id", stagingAttach));
    List<String> tables = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      tables.add(ok(aws("ec2", "create-route-table", "--vpc-id", prod)).get("RouteTable").get("RouteTableId").asString());
    }
    JsonNode gateway = ok(aws("ec2", "create-vpc-endpoint", "--vpc-id", prod, "--service-name",
        "com.amazonaws.eu-west-1.s3", "--vpc-endpoint-type", "Gateway", "--route-table-ids", tables.get(0), tables.get(1)));
    assertThat(gateway.get("VpcEndpoint").get("State").asString()).isEqualTo("available");
    String sg = ok(aws("ec2", "create-security-group", "--group-name", "endpoints", "--description", "endpoints",
        "--vpc-id", prod)).get("GroupId").asString();
    ok(aws("ec2", "modify-vpc-attribute", "--vpc-id", prod, "--enable-dns-hostnames", "{\"Value\":true}"));
    JsonNode iface = ok(aws("ec2", "create-vpc-endpoint", "--vpc-id", prod, "--service-name",
        "com.amazonaws.eu-west-1.secretsmanager", "--vpc-endpoint-type", "Interface", "--subnet-ids", prodSubnets.get(0),
        prodSubnets.get(1), "--security-group-ids", sg));
    assertThat(iface.get("VpcEndpoint").get("NetworkInterfaceIds")).hasSize(2);
  }

  @Test
  void everydayDescribes_throughTheCli() throws Exception {
    assertThat(ok(aws("ec2", "describe-regions")).get("Regions").size()).isGreaterThan(15);
    JsonNode zones = ok(aws("ec2", "describe-availability-zones")).get("AvailabilityZones");
    assertThat(zones.get(0).get("ZoneId").asString()).isEqualTo("euw1-az1");
    JsonNode vpcs = ok(aws("ec2", "describe-vpcs", "--filters", "Name=isDefault,Values=true")).get("Vpcs");
    assertThat(vpcs.get(0).get("CidrBlock").asString()).isEqualTo("172.31.0.0/16");
    assertThat(ok(aws("ec2", "describe-subnets", "--filters", "Name=default-for-az,Values=true")).get("Subnets"))
        .hasSize(3);
    ok(aws("ec2", "describe-route-tables"));
    ok(aws("ec2", "describe-network-acls"));
    ok(aws("ec2", "describe-internet-gateways"));
    ok(aws("ec2", "describe-security-groups", "--group-names", "default"));
    ok(aws("ec2", "describe-account-attributes"));
    ok(aws("ec2", "run-instances", "--image-id", "ami-0123456789abcdef0", "--count", "1", "--instance-type",
        "t3.micro"));
    JsonNode running = ok(aws("ec2", "describe-instances", "--filters", "Name=instance-state-name,Values=running"));
    assertThat(running.get("Reservations").get(0).get("Instances").get(0).get("PublicIpAddress")).isNotNull();
    Result bad = aws("ec2", "describe-vpcs", "--filters", "Name=colour,Values=red");
    assertThat(bad.err).contains("InvalidParameterValue").contains("The filter 'colour' is invalid");
  }

  private String vpc(String cidr) throws Exception {
    return ok(aws("ec2", "create-vpc", "--cidr-block", cidr)).get("Vpc").get("VpcId").asString();
  }

  private String subnet(String vpc, String cidr, String zone) throws Exception {
    return ok(aws("ec2", "create-subnet", "--vpc-id", vpc, "--cidr-block", cidr, "--availability-zone", zone))
        .get("Subnet").get("SubnetId").asString();
  }

  private static JsonNode ok(Result r) {
    assertThat(r.exit).as(r.err).isZero();
    return JSON.readTree(r.out);
  }

  private record Result(int exit, String out, String err) {}

  private static Result aws(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("aws", "--endpoint-url", server.endpoint().toString(), "--region",
        "eu-west-1", "--output", "json"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("AWS_ACCESS_KEY_ID", ApiTestServer.ACCESS_KEY);
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "secret");
    pb.environment().put("AWS_PAGER", "");
    pb.environment().put("AWS_CONFIG_FILE", "/dev/null");
    pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("aws CLI timed out: " + cmd);
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  private static boolean onPath(String exe) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (new File(dir, exe).canExecute()) return true;
    }
    return false;
  }
}
