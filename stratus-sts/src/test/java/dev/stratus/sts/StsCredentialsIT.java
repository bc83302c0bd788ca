package dev.stratus.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.core.RequestContext;
import dev.stratus.core.ServiceModule;
import dev.stratus.core.StratusContext;
import dev.stratus.protocol.testing.ApiTestServer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsResponse;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/** STS through the SDK's StsClient, and its temporary credentials used on another service. */
class StsCredentialsIT {
  static final Instant NOW = Instant.parse("2026-12-07T02:00:00Z");
  static ApiTestServer server;

  /** An EC2 DescribeVpcs that answers the caller's account as the owner, to see where a key lands. */
  public static final class WhoAmIEc2 {
    public DescribeVpcsResponse describeVpcs(RequestContext context, DescribeVpcsRequest request) {
      return DescribeVpcsResponse.builder().vpcs(Vpc.builder().vpcId("vpc-1").ownerId(context.accountId()).build()).build();
    }
  }

  @BeforeAll static void start() {
    ServiceModule ec2 = new ServiceModule() {
      @Override public String name() { return "whoami"; }
      @Override public Started start(StratusContext context) { return Started.handlers(new WhoAmIEc2()); }
    };
    server = ApiTestServer.start(Clock.fixed(NOW, ZoneOffset.UTC), new StsModule(), ec2);
  }

  @AfterAll static void stop() { server.close(); }

  static StsClient sts(AwsCredentials credentials) {
    return StsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  static AwsSessionCredentials session(Credentials c) {
    return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
  }

  @Test void getCallerIdentity_longTermKey_isTheAccountRoot() {
    GetCallerIdentityResponse who = sts(AwsBasicCredentials.create("111122223333", "secret")).getCallerIdentity();
    assertThat(who.account()).isEqualTo("111122223333");
    assertThat(who.arn()).isEqualTo("arn:aws:iam::111122223333:root");
    assertThat(who.userId()).isEqualTo("111122223333");

    GetCallerIdentityResponse test = server.client(StsClient.builder()).getCallerIdentity();
    assertThat(test.account()).isEqualTo("000000000000");
  }

  @Test void assumeRole_credentialsWork_onStsAndOnEveryService() {
    AssumeRoleResponse assumed = sts(AwsBasicCredentials.create("111122223333", "secret")).assumeRole(r -> r
        .roleArn("arn:aws:iam::444455556666:role/ops/deployer").roleSessionName("ci-run@7").durationSeconds(1800));

    Credentials c = assumed.credentials();
    assertThat(c.accessKeyId()).startsWith("ASIA").hasSize(20);
    assertThat(c.secretAccessKey()).hasSize(40);
    assertThat(c.sessionToken()).isNotBlank();
    assertThat(c.expiration()).isEqualTo(NOW.plusSeconds(1800));
    assertThat(assumed.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::444455556666:assumed-role/deployer/ci-run@7");
    assertThat(assumed.assumedRoleUser().assumedRoleId()).matches("AROA[A-Z2-7]{17}:ci-run@7");

    GetCallerIdentityResponse who = sts(session(c)).getCallerIdentity();
    assertThat(who.account()).isEqualTo("444455556666");
    assertThat(who.arn()).isEqualTo(assumed.assumedRoleUser().arn());
    assertThat(who.userId()).isEqualTo(assumed.assumedRoleUser().assumedRoleId());

    try (Ec2Client ec2 = Ec2Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(session(c)))
        .httpClient(UrlConnectionHttpClient.create()).build()) {
      assertThat(ec2.describeVpcs().vpcs().get(0).ownerId()).isEqualTo("444455556666");
    }
  }

  @Test void assumeRole_sameRole_sameRoleIdEachSession() {
    StsClient sts = sts(AwsBasicCredentials.create("111122223333", "secret"));
    String a = sts.assumeRole(r -> r.roleArn("arn:aws:iam::111122223333:role/app").roleSessionName("one"))
        .assumedRoleUser().assumedRoleId();
    String b = sts.assumeRole(r -> r.roleArn("arn:aws:iam::111122223333:role/app").roleSessionName("two"))
        .assumedRoleUser().assumedRoleId();
    assertThat(a.substring(0, 21)).isEqualTo(b.substring(0, 21));
  }

  @Test void getSessionToken_root_isShortenedToOneHour_andKeepsTheIdentity() {
    StsClient sts = sts(AwsBasicCredentials.create("111122223333", "secret"));
    Credentials c = sts.getSessionToken(r -> r.durationSeconds(7200)).credentials();
    assertThat(c.expiration()).isEqualTo(NOW.plusSeconds(3600));
    assertThat(c.accessKeyId()).startsWith("ASIA");

    GetCallerIdentityResponse who = sts(session(c)).getCallerIdentity();
    assertThat(who.arn()).isEqualTo("arn:aws:iam::111122223333:root");
    assertThat(who.account()).isEqualTo("111122223333");

    assertThatThrownBy(() -> sts(session(c)).getSessionToken())
        .isInstanceOfSatisfying(StsException.class, e -> {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
          assertThat(e.statusCode()).isEqualTo(403);
        });
  }

  @Test void durationSeconds_outsideAwsRanges_isValidationError() {
    StsClient sts = server.client(StsClient.builder());
    assertValidation(() -> sts.getSessionToken(r -> r.durationSeconds(899)),
        "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: "
            + "Member must have value greater than or equal to 900");
    assertValidation(() -> sts.getSessionToken(r -> r.durationSeconds(129_601)),
        "1 validation error detected: Value '129601' at 'durationSeconds' failed to satisfy constraint: "
            + "Member must have value less than or equal to 129600");
    assertValidation(() -> sts.assumeRole(r -> r.roleArn("arn:aws:iam::111122223333:role/app")
            .roleSessionName("s1").durationSeconds(43_201)),
        "1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: "
            + "Member must have value less than or equal to 43200");
  }

  @Test void assumeRole_badArnOrSessionName_isRefusedAsAws() {
    StsClient sts = server.client(StsClient.builder());
    assertValidation(() -> sts.assumeRole(r -> r.roleArn("arn:aws:iam::111122223333:user/bob").roleSessionName("s1")),
        "arn:aws:iam::111122223333:user/bob is invalid");
    assertValidation(() -> sts.assumeRole(r -> r.roleArn("arn:aws:iam::111122223333:role/app").roleSessionName("bad name")),
        "1 validation error detected: Value 'bad name' at 'roleSessionName' failed to satisfy constraint: "
            + "Member must satisfy regular expression pattern: [\\w+=,.@-]*");
    assertValidation(() -> sts.assumeRole(r -> r.roleArn("short").roleSessionName("x")),
        "2 validation errors detected: Value 'short' at 'roleArn' failed to satisfy constraint: Member must have "
            + "length greater than or equal to 20; Value 'x' at 'roleSessionName' failed to satisfy constraint: "
            + "Member must have length greater than or equal to 2");
  }

  @Test void assumeRole_chained_isLimitedToOneHour() {
    Credentials first = server.client(StsClient.builder()).assumeRole(r -> r
        .roleArn("arn:aws:iam::000000000000:role/a").roleSessionName("s1")).credentials();
    assertValidation(() -> sts(session(first)).assumeRole(r -> r.roleArn("arn:aws:iam::000000000000:role/b")
            .roleSessionName("s2").durationSeconds(7200)),
        "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
    assertThat(sts(session(first)).assumeRole(r -> r.roleArn("arn:aws:iam::000000000000:role/b")
        .roleSessionName("s2")).assumedRoleUser().arn()).isEqualTo("arn:aws:sts::000000000000:assumed-role/b/s2");
  }

  private static void assertValidation(Runnable call, String message) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(StsException.class, e -> {
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
      assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
      assertThat(e.statusCode()).isEqualTo(400);
    });
  }

}
