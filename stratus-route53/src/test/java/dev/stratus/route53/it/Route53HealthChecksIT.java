package dev.stratus.route53.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.HealthCheckConfig;

/** Health checks through Route53Client (route53.md §22–31). */
class Route53HealthChecksIT extends Route53ItSupport {

  String create(String ref, HealthCheckConfig config) {
    return r53.createHealthCheck(b -> b.callerReference(ref).healthCheckConfig(config)).healthCheck().id();
  }

  static HealthCheckConfig http() {
    return HealthCheckConfig.builder().type("HTTP").ipAddress("127.0.0.1").port(8080).resourcePath("/health").build();
  }

  @Test
  void healthCheck_lifecycle() {
    var created = r53.createHealthCheck(b -> b.callerReference("r").healthCheckConfig(http()));
    String id = created.healthCheck().id();
    assertThat(created.location()).endsWith("/healthcheck/" + id);
    assertThat(create("r", http())).isEqualTo(id);
    var got = r53.getHealthCheck(b -> b.healthCheckId(id)).healthCheck();
    assertThat(got.healthCheckConfig().requestInterval()).isEqualTo(30);
    assertThat(got.healthCheckConfig().failureThreshold()).isEqualTo(3);
    assertThat(got.healthCheckVersion()).isEqualTo(1);
    var updated = r53.updateHealthCheck(b -> b.healthCheckId(id).healthCheckVersion(1L).resourcePath("ready").disabled(true));
    assertThat(updated.healthCheck().healthCheckConfig().resourcePath()).isEqualTo("/ready");
    assertThat(updated.healthCheck().healthCheckVersion()).isEqualTo(2);
    assertThat(r53.listHealthChecks().healthChecks()).hasSize(1);
    assertThat(r53.getHealthCheckCount().healthCheckCount()).isEqualTo(1);
    // The module's checker really probes (and the endpoint refuses): observations, if any yet, are its own.
    assertThat(r53.getHealthCheckStatus(b -> b.healthCheckId(id)).healthCheckObservations())
        .allSatisfy(o -> assertThat(o.ipAddress()).isEqualTo("127.0.0.1"));
    assertThat(r53.getHealthCheckLastFailureReason(b -> b.healthCheckId(id)).healthCheckObservations())
        .allSatisfy(o -> assertThat(o.statusReport().status()).startsWith("Failure"));
    r53.deleteHealthCheck(b -> b.healthCheckId(id));
    assertAwsError(() -> r53.getHealthCheck(b -> b.healthCheckId(id)), "NoSuchHealthCheck", 404);
  }

  @Test
  void healthCheck_refusals() {
    String id = create("r", http());
    assertAwsError(() -> create("r", http().toBuilder().port(9090).build()), "HealthCheckAlreadyExists", 409);
    assertAwsError(() -> create("p", http().toBuilder().ipAddress("192.168.1.1").build()), "InvalidInput", 400);
    assertAwsError(() -> create("i", http().toBuilder().requestInterval(15).build()), "InvalidInput", 400);
    assertAwsError(() -> create("t", HealthCheckConfig.builder().type("TCP").ipAddress("127.0.0.1").build()), "InvalidInput", 400);
    assertAwsError(() -> r53.updateHealthCheck(b -> b.healthCheckId(id).healthCheckVersion(7L)), "HealthCheckVersionMismatch", 409);
    assertAwsError(() -> r53.deleteHealthCheck(b -> b.healthCheckId("no-such")), "NoSuchHealthCheck", 404);
    String calc = create("c", HealthCheckConfig.builder().type("CALCULATED").healthThreshold(1).childHealthChecks(id).build());
    assertAwsError(() -> r53.deleteHealthCheck(b -> b.healthCheckId(id)), "HealthCheckInUse", 400);
    assertAwsError(() -> r53.getHealthCheckStatus(b -> b.healthCheckId(calc)), "InvalidInput", 400);
  }

  @Test
  void calculatedCheck_answersNoEndpointSettings() {
    String id = create("r", http());
    String calc = create("c", HealthCheckConfig.builder().type("CALCULATED").healthThreshold(1).childHealthChecks(id).build());
    // the reference's CALCULATED response syntax: children, threshold, Inverted; no interval, threshold or latency
    var config = r53.getHealthCheck(b -> b.healthCheckId(calc)).healthCheck().healthCheckConfig();
    assertThat(config.requestInterval()).isNull();
    assertThat(config.failureThreshold()).isNull();
    assertThat(config.measureLatency()).isNull();
    assertThat(config.healthThreshold()).isEqualTo(1);
    assertThat(config.childHealthChecks()).containsExactly(id);
  }

  @Test
  void healthCheck_otherTypes_accepted() {
    create("s", HealthCheckConfig.builder().type("HTTPS_STR_MATCH").fullyQualifiedDomainName("example.com")
        .searchString("ok").requestInterval(10).build());
    create("w", HealthCheckConfig.builder().type("CLOUDWATCH_METRIC").alarmIdentifier(a -> a.region("us-east-1").name("a"))
        .insufficientDataHealthStatus("LastKnownStatus").build());
    create("rc", HealthCheckConfig.builder().type("RECOVERY_CONTROL")
        .routingControlArn("arn:aws:route53-recovery-control::000000000000:controlpanel/x/routingcontrol/y").build());
    assertThat(r53.listHealthChecks().healthChecks()).extracting(h -> h.healthCheckConfig().typeAsString())
        .containsExactlyInAnyOrder("HTTPS_STR_MATCH", "CLOUDWATCH_METRIC", "RECOVERY_CONTROL");
  }
}
