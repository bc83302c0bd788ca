package dev.stratus.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stratus.protocol.testing.ApiTestServer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Vpc;
import tools.jackson.databind.JsonNode;

/**
 * The AWS CLI's own paging over Stratus: {@code --page-size} becomes MaxResults and the CLI follows
 * NextToken; {@code --max-items} stops early and prints the CLI's resumable token. 12 VPCs (the
 * default one plus 11) are created through the SDK, then listed with the CLI.
 */
class Ec2PaginationCliIT {
  private static ApiTestServer server;
  private static AwsCli cli;
  private static List<String> vpcs;

  @BeforeAll
  static void start() {
    assumeTrue(AwsCli.present(), "aws CLI not installed");
    server = ApiTestServer.start(Clock.systemUTC(), new Ec2Module());
    try (Ec2Client ec2 = server.client(Ec2Client.builder())) {
      for (int i = 0; i < 11; i++) ec2.createVpc(r -> r.cidrBlock("10.9.0.0/16"));
      vpcs = ec2.describeVpcs().vpcs().stream().map(Vpc::vpcId).sorted().toList();
    }
    cli = new AwsCli(server.endpoint(), "us-east-1");
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  private static List<String> ids(JsonNode vpcsNode) {
    List<String> out = new ArrayList<>();
    vpcsNode.forEach(v -> out.add(v.get("VpcId").asString()));
    return out;
  }

  @Test
  void describeVpcs_pageSize5_cliFollowsTokensToAllTwelve() throws Exception {
    JsonNode out = cli.ok("ec2", "describe-vpcs", "--page-size", "5");
    assertThat(ids(out.get("Vpcs"))).containsExactlyElementsOf(vpcs);
    assertThat(out.has("NextToken")).isFalse();
  }

  @Test
  void describeVpcs_maxItems7_sevenThenResumesWithTheRest() throws Exception {
    JsonNode first = cli.ok("ec2", "describe-vpcs", "--page-size", "5", "--max-items", "7");
    assertThat(ids(first.get("Vpcs"))).containsExactlyElementsOf(vpcs.subList(0, 7));
    String token = first.get("NextToken").asString();
    JsonNode rest = cli.ok("ec2", "describe-vpcs", "--page-size", "5", "--starting-token", token);
    assertThat(ids(rest.get("Vpcs"))).containsExactlyElementsOf(vpcs.subList(7, 12));
  }

  @Test
  void describeVpcs_maxResultsBelowFive_refusedByTheCliFromAwsModel() throws Exception {
    AwsCli.Result r = cli.run("ec2", "describe-vpcs", "--max-results", "3");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("valid min value: 5");
  }

  @Test
  void describeInstances_maxResultsBelowFive_awsRefusal() throws Exception {
    AwsCli.Result r = cli.run("ec2", "describe-instances", "--max-results", "3");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("InvalidParameterValue")
        .contains("Value ( 3 ) for parameter maxResults is invalid. Expecting a value greater than 5.");
  }

  @Test
  void describeInstances_idsWithMaxResults_awsRefusal() throws Exception {
    AwsCli.Result r = cli.run("ec2", "describe-instances", "--instance-ids", "i-0123456789abcdef0", "--max-results", "5");
    assertThat(r.err()).contains("InvalidParameterCombination")
        .contains("The parameter instancesSet cannot be used with the parameter maxResults");
  }
}
