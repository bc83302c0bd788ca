package dev.stratus.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stratus.protocol.testing.ApiTestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The first call many users and test suites make, {@code aws sts get-caller-identity} and
 * boto3's {@code sts.get_caller_identity()}, plus AssumeRole credentials used by boto3. Needs the
 * AWS CLI v2 at {@code /usr/bin/aws} and python3 (on the PATH) with boto3; under {@code CI=true} their absence fails.
 */
class StsExternalClientsIT {
  static ApiTestServer server;

  @BeforeAll static void start() { server = ApiTestServer.start(Clock.systemUTC(), new StsModule()); }

  @AfterAll static void stop() { server.close(); }

  @Test void awsCli_getCallerIdentityAndAssumeRole_parse() throws Exception {
    requireTool("/usr/bin/aws");
    String who = run("/usr/bin/aws", "--endpoint-url", server.endpoint().toString(), "--region", "us-east-1",
        "--output", "json", "sts", "get-caller-identity");
    assertThat(who).contains("\"Account\": \"123456789012\"").contains("\"Arn\": \"arn:aws:iam::123456789012:root\"");

    String assumed = run("/usr/bin/aws", "--endpoint-url", server.endpoint().toString(), "--region", "us-east-1",
        "--output", "text", "--query", "AssumedRoleUser.Arn", "sts", "assume-role",
        "--role-arn", "arn:aws:iam::123456789012:role/admin", "--role-session-name", "cli");
    assertThat(assumed.trim()).isEqualTo("arn:aws:sts::123456789012:assumed-role/admin/cli");
  }

  @Test void awsCli_unservedQueryService_reportsUnknownServiceNotAParseError() throws Exception {
    requireTool("/usr/bin/aws");
    ProcessBuilder pb = new ProcessBuilder("/usr/bin/aws", "--endpoint-url", server.endpoint().toString(),
        "--region", "us-east-1", "sns", "list-topics").redirectErrorStream(true);
    pb.environment().put("AWS_ACCESS_KEY_ID", "123456789012");
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "secret");
    pb.environment().put("AWS_CONFIG_FILE", "/dev/null");
    pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isNotZero();
    assertThat(out).contains("An error occurred (UnknownService) when calling the ListTopics operation: "
        + "Stratus does not serve the AWS service 'sns'");
  }

  @Test void boto3_assumedRoleCredentials_areWhoTheySayOnSts() throws Exception {
    requireBoto3();
    String script = """
        import sys, boto3
        kw = dict(endpoint_url=sys.argv[1], region_name='us-east-1')
        sts = boto3.client('sts', **kw)
        print('root', sts.get_caller_identity()['Arn'])
        c = sts.assume_role(RoleArn='arn:aws:iam::210987654321:role/reader', RoleSessionName='py',
                            DurationSeconds=900)['Credentials']
        print('expires', c['Expiration'].tzinfo is not None)
        role = boto3.client('sts', aws_access_key_id=c['AccessKeyId'], aws_secret_access_key=c['SecretAccessKey'],
                            aws_session_token=c['SessionToken'], **kw)
        me = role.get_caller_identity()
        print('role', me['Account'], me['Arn'])
        try:
            role.get_session_token()
        except Exception as e:
            print('error', e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode'])
        """;
    Path file = Files.createTempFile("sts_boto3", ".py");
    Files.writeString(file, script);
    String out = run("python3", file.toString(), server.endpoint().toString());
    assertThat(out).contains("root arn:aws:iam::123456789012:root").contains("expires True")
        .contains("role 210987654321 arn:aws:sts::210987654321:assumed-role/reader/py")
        .contains("error AccessDenied 403");
  }

  private static void requireTool(String path) {
    boolean present = Files.isExecutable(Path.of(path));
    if (!present && "true".equals(System.getenv("CI"))) throw new AssertionError("CI lacks " + path);
    assumeTrue(present, path + " is not installed");
  }

  private static void requireBoto3() throws Exception {
    boolean present;
    try {
      present = new ProcessBuilder("python3", "-c", "import boto3").start().waitFor() == 0;
    } catch (java.io.IOException e) {
      present = false;
    }
    if (!present && "true".equals(System.getenv("CI"))) throw new AssertionError("CI lacks python3 with boto3");
    assumeTrue(present, "python3 with boto3 is not installed");
  }

  private static String run(String... command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true);
    pb.environment().put("AWS_ACCESS_KEY_ID", "123456789012");
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "secret");
    pb.environment().put("AWS_PAGER", "");
    pb.environment().put("AWS_CONFIG_FILE", "/dev/null");
    pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
