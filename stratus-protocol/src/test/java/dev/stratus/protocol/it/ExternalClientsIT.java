package dev.stratus.protocol.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.testing.RequiredTool;
import dev.stratus.protocol.testing.ApiTestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * botocore (boto3) and the AWS CLI v1 against the same echo handlers as the SDK tests: botocore
 * is stricter about shapes than the Java SDK. Needs python3 with boto3 and the AWS CLI v2 at
 * {@code /usr/bin/aws}: skipped without them, except under {@code CI=true} where they must be.
 */
class ExternalClientsIT {
  static ApiTestServer server;

  @BeforeAll static void start() {
    server = ApiTestServer.start(new Route53RoundTripIT.Handlers(), new Ec2RoundTripIT.Handlers(),
        new QueryAndJsonRoundTripIT.Handlers(), new RestRoundTripIT.Handlers());
  }

  @AfterAll static void stop() { server.close(); }

  @Test void boto3_onePerProtocol_parsesEveryResponse() throws Exception {
    RequiredTool.require("python3 with boto3", RequiredTool.pythonModule("boto3"));
    Path script = Files.createTempFile("botocore_smoke", ".py");
    try (var in = ExternalClientsIT.class.getResourceAsStream("/botocore_smoke.py")) {
      Files.write(script, in.readAllBytes());
    }
    String out = run(List.of("python3", script.toString(), server.endpoint().toString()));

    assertThat(out).contains("rest-xml www.example.com. True")
        .contains("ec2 vpc-0123456789abcdef0 main & <co>")
        .contains("query web 2026-11-22T08:00:00.250000+00:00")
        .contains("json acl").contains("json-ga 2026-11-22T08:00:00.250000")
        .contains("rest-json pets").contains("rest-json-v2 http 2026-11-22T08:00:01+00:00")
        .contains("rest-xml-cf ['a.example.com', 'b.example.com']")
        .contains("error InvalidChangeBatch [first problem, second problem] 400");
  }

  @Test void awsCli_route53AndEc2_printJson() throws Exception {
    RequiredTool.require("/usr/bin/aws (AWS CLI v2)", RequiredTool.onPath("/usr/bin/aws"));
    String zones = run(List.of("/usr/bin/aws", "--endpoint-url", server.endpoint().toString(), "--region", "us-east-1",
        "route53", "list-resource-record-sets", "--hosted-zone-id", "Z1", "--no-paginate"));
    String vpcs = run(List.of("/usr/bin/aws", "--endpoint-url", server.endpoint().toString(), "--region", "us-east-1",
        "ec2", "describe-vpcs", "--vpc-ids", "vpc-1", "--no-paginate"));

    assertThat(zones).contains("\"Name\": \"www.example.com.\"");
    assertThat(vpcs).contains("\"VpcId\": \"vpc-0123456789abcdef0\"");
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
    pb.environment().put("AWS_ACCESS_KEY_ID", ApiTestServer.ACCESS_KEY);
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "secret");
    pb.environment().put("AWS_PAGER", "");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
