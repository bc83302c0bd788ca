package dev.stratus.route53;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.core.AwsException;
import dev.stratus.route53.model.HealthCheckObservation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.AlarmIdentifier;
import software.amazon.awssdk.services.route53.model.CreateHealthCheckRequest;
import software.amazon.awssdk.services.route53.model.DeleteHealthCheckRequest;
import software.amazon.awssdk.services.route53.model.GetHealthCheckCountRequest;
import software.amazon.awssdk.services.route53.model.GetHealthCheckLastFailureReasonRequest;
import software.amazon.awssdk.services.route53.model.GetHealthCheckRequest;
import software.amazon.awssdk.services.route53.model.GetHealthCheckStatusRequest;
import software.amazon.awssdk.services.route53.model.HealthCheckConfig;
import software.amazon.awssdk.services.route53.model.ListHealthChecksRequest;
import software.amazon.awssdk.services.route53.model.UpdateHealthCheckRequest;

/** Health checks through the handler class (route53.md §22–31). */
class HealthCheckOperationsTest {
  final Route53TestBed bed = new Route53TestBed();

  static String code(Throwable e) { return ((AwsException) e).code(); }

  String create(String ref, HealthCheckConfig config) {
    return bed.healthChecks.createHealthCheck(bed.ctx, CreateHealthCheckRequest.builder().callerReference(ref)
        .healthCheckConfig(config).build()).healthCheck().id();
  }

  static HealthCheckConfig http(String ip) {
    return HealthCheckConfig.builder().type("HTTP").ipAddress(ip).resourcePath("health").build();
  }

  @Test
  @DisplayName("§23 defaults: interval 30, threshold 3, port 80, leading slash added")
  void createHealthCheck_defaults_applied() {
    String id = create("r", http("127.0.0.1"));
    assertThat(id).matches("[0-9a-f-]{36}");
    var config = bed.healthChecks.getHealthCheck(bed.ctx, GetHealthCheckRequest.builder().healthCheckId(id).build())
        .healthCheck().healthCheckConfig();
    assertThat(config.requestInterval()).isEqualTo(30);
    assertThat(config.failureThreshold()).isEqualTo(3);
    assertThat(config.port()).isEqualTo(80);
    assertThat(config.resourcePath()).isEqualTo("/health");
    assertThat(config.inverted()).isFalse();
  }

  @Test
  void createHealthCheck_sameReferenceSameConfig_returnsExisting() {
    assertThat(create("r", http("127.0.0.1"))).isEqualTo(create("r", http("127.0.0.1")));
  }

  @Test
  void createHealthCheck_sameReferenceOtherConfig_alreadyExists() {
    create("r", http("127.0.0.1"));
    assertThatThrownBy(() -> create("r", http("127.0.0.2"))).extracting(HealthCheckOperationsTest::code)
        .isEqualTo("HealthCheckAlreadyExists");
  }

  @Test
  @DisplayName("§31 private addresses are refused; loopback is allowed (local emulator)")
  void createHealthCheck_privateAddress_invalidInput() {
    assertThatThrownBy(() -> create("p", http("10.0.0.1"))).extracting(HealthCheckOperationsTest::code).isEqualTo("InvalidInput");
    assertThatThrownBy(() -> create("q", http("224.0.0.1"))).extracting(HealthCheckOperationsTest::code).isEqualTo("InvalidInput");
    assertThat(create("l", http("127.0.0.1"))).isNotEmpty();
  }

  @Test
  @DisplayName("§23 RequestInterval other than 10 or 30, FailureThreshold outside 1–10 are refused")
  void createHealthCheck_ranges_invalidInput() {
    assertThatThrownBy(() -> create("a", http("127.0.0.1").toBuilder().requestInterval(20).build()))
        .extracting(HealthCheckOperationsTest::code).isEqualTo("InvalidInput");
    assertThatThrownBy(() -> create("b", http("127.0.0.1").toBuilder().failureThreshold(11).build()))
        .extracting(HealthCheckOperationsTest::code).isEqualTo("InvalidInput");
  }

  @Test
  void createHealthCheck_strMatchWithoutSearchString_invalidInput() {
    assertThatThrownBy(() -> create("s", HealthCheckConfig.builder().type("HTTP_STR_MATCH").ipAddress("127.0.0.1").build()))
        .extracting(HealthCheckOperationsTest::code).isEqualTo("InvalidInput");
  }

  @Test
  @DisplayName("§28 CALCULATED checks need existing, non-calculated children")
  void createHealthCheck_calculated_childrenChecked() {
    String child = create("c", http("127.0.0.1"));
    String parent = create("p", HealthCheckConfig.builder().type("CALCULATED").healthThreshold(1).childHealthChecks(child).build());
    assertThatThrownBy(() -> create("pp", HealthCheckConfig.builder().type("CALCULATED").childHealthChecks(parent).build()))
        .extracting(HealthCheckOperationsTest::code).isEqualTo("InvalidInput");
    assertThatThrownBy(() -> bed.healthChecks.deleteHealthCheck(bed.ctx, DeleteHealthCheckRequest.builder().healthCheckId(child).build()))
        .extracting(HealthCheckOperationsTest::code).isEqualTo("HealthCheckInUse");
  }

  @Test
  void createHealthCheck_cloudWatchMetric_needsAlarm() {
    assertThatThrownBy(() -> create("w", HealthCheckConfig.builder().type("CLOUDWATCH_METRIC").build()))
        .extracting(HealthCheckOperationsTest::code).isEqualTo("InvalidInput");
    assertThat(create("w2", HealthCheckConfig.builder().type("CLOUDWATCH_METRIC").insufficientDataHealthStatus("Unhealthy")
        .alarmIdentifier(AlarmIdentifier.builder().region("us-east-1").name("alarm").build()).build())).isNotEmpty();
  }

  @Test
  @DisplayName("§42 the 201st health check is refused")
  void createHealthCheck_over200_tooManyHealthChecks() {
    for (int i = 0; i < 200; i++) create("r" + i, http("127.0.0.1"));
    assertThatThrownBy(() -> create("last", http("127.0.0.1"))).extracting(HealthCheckOperationsTest::code)
        .isEqualTo("TooManyHealthChecks");
    assertThat(bed.healthChecks.getHealthCheckCount(bed.ctx, GetHealthCheckCountRequest.builder().build()).healthCheckCount())
        .isEqualTo(200);
    var page = bed.healthChecks.listHealthChecks(bed.ctx, ListHealthChecksRequest.builder().maxItems("150").build());
    assertThat(page.healthChecks()).hasSize(150);
    assertThat(page.isTruncated()).isTrue();
    var rest = bed.healthChecks.listHealthChecks(bed.ctx, ListHealthChecksRequest.builder().marker(page.nextMarker()).build());
    assertThat(rest.healthChecks()).hasSize(50);
  }

  @Test
  @DisplayName("§22 UpdateHealthCheck bumps the version and checks HealthCheckVersion")
  void updateHealthCheck_version_checked() {
    String id = create("r", http("127.0.0.1"));
    var updated = bed.healthChecks.updateHealthCheck(bed.ctx, UpdateHealthCheckRequest.builder().healthCheckId(id)
        .healthCheckVersion(1L).failureThreshold(5).inverted(true).build()).healthCheck();
    assertThat(updated.healthCheckVersion()).isEqualTo(2);
    assertThat(updated.healthCheckConfig().failureThreshold()).isEqualTo(5);
    assertThat(updated.healthCheckConfig().inverted()).isTrue();
    assertThatThrownBy(() -> bed.healthChecks.updateHealthCheck(bed.ctx, UpdateHealthCheckRequest.builder()
        .healthCheckId(id).healthCheckVersion(1L).build())).extracting(HealthCheckOperationsTest::code)
        .isEqualTo("HealthCheckVersionMismatch");
  }

  @Test
  @DisplayName("§22 a check addressed by name cannot switch to an IP address")
  void updateHealthCheck_nameToIp_invalidInput() {
    String id = create("r", HealthCheckConfig.builder().type("HTTPS").fullyQualifiedDomainName("example.com").build());
    assertThatThrownBy(() -> bed.healthChecks.updateHealthCheck(bed.ctx, UpdateHealthCheckRequest.builder()
        .healthCheckId(id).ipAddress("127.0.0.1").build())).extracting(HealthCheckOperationsTest::code).isEqualTo("InvalidInput");
  }

  @Test
  void getHealthCheckStatus_defaultSource_noObservations() {
    String id = create("r", http("127.0.0.1"));
    assertThat(bed.healthChecks.getHealthCheckStatus(bed.ctx, GetHealthCheckStatusRequest.builder().healthCheckId(id).build())
        .healthCheckObservations()).isEmpty();
  }

  @Test
  void getHealthCheckStatus_prober_reportsObservations() {
    String id = create("r", http("127.0.0.1"));
    var obs = new HealthCheckObservation("us-east-1", "127.0.0.1", "Failure: Connection refused", Instant.EPOCH);
    bed.status = new HealthStatusSource() {
      public List<HealthCheckObservation> observations(dev.stratus.route53.model.HealthCheck c) { return List.of(obs); }
      public List<HealthCheckObservation> lastFailures(dev.stratus.route53.model.HealthCheck c) { return List.of(obs); }
    };
    var status = bed.healthChecks.getHealthCheckStatus(bed.ctx, GetHealthCheckStatusRequest.builder().healthCheckId(id).build());
    assertThat(status.healthCheckObservations().getFirst().statusReport().status()).isEqualTo("Failure: Connection refused");
    var failure = bed.healthChecks.getHealthCheckLastFailureReason(bed.ctx,
        GetHealthCheckLastFailureReasonRequest.builder().healthCheckId(id).build());
    assertThat(failure.healthCheckObservations()).hasSize(1);
  }

  @Test
  void getHealthCheck_unknown_noSuchHealthCheck() {
    assertThatThrownBy(() -> bed.healthChecks.getHealthCheck(bed.ctx, GetHealthCheckRequest.builder().healthCheckId("nope").build()))
        .extracting(HealthCheckOperationsTest::code).isEqualTo("NoSuchHealthCheck");
  }

  @Test
  void deleteHealthCheck_existing_gone() {
    String id = create("r", http("127.0.0.1"));
    bed.healthChecks.deleteHealthCheck(bed.ctx, DeleteHealthCheckRequest.builder().healthCheckId(id).build());
    assertThat(bed.healthChecks.getHealthCheckCount(bed.ctx, GetHealthCheckCountRequest.builder().build()).healthCheckCount()).isZero();
  }
}
