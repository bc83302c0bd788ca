package dev.stratus.elbv2;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.stratus.core.testing.ManualTime;
import dev.stratus.ec2.Ec2Module;
import dev.stratus.protocol.testing.ApiTestServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * ELB target health on the shared prober, its timers on a manual clock: each move of the clock by
 * the group's 30 s interval is one real (non-blocking) probe of a loopback target; the test waits
 * for that I/O only, never for an interval, and watches AWS's thresholds flip the state.
 */
class ElbHealthOnManualClockIT {
  static final ManualTime TIME = new ManualTime(Instant.parse("2026-12-01T00:00:00Z"));
  static final Duration INTERVAL = Duration.ofSeconds(30);
  static ApiTestServer server;
  static Elbv2Module module;
  static ElasticLoadBalancingV2Client elb;
  static HttpServer target;
  static final java.util.concurrent.atomic.AtomicInteger STATUS = new java.util.concurrent.atomic.AtomicInteger(200);

  @BeforeAll
  static void start() throws Exception {
    module = new Elbv2Module(TIME.scheduler());
    server = ApiTestServer.start(TIME.clock(), new Ec2Module(), module);
    elb = server.client(ElasticLoadBalancingV2Client.builder());
    target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    target.createContext("/", ex -> {
      ex.sendResponseHeaders(STATUS.get(), -1);
      ex.close();
    });
    target.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
    if (target != null) target.stop(0);
  }

  static TargetHealth health(String tg) {
    return elb.describeTargetHealth(r -> r.targetGroupArn(tg)).targetHealthDescriptions().get(0).targetHealth();
  }

  static void tick() {
    TIME.advance(INTERVAL);
    assertThat(module.awaitHealthProbes(Duration.ofSeconds(10))).isTrue();
  }

  @Test
  void thresholdsCountedOnTheMovedClock_unhealthyAfterTwoFailures_healthyAgainAfterThreePasses() {
    var ec2 = server.client(Ec2Client.builder());
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    String a = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
    String b = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.2.0/24").availabilityZone("us-east-1b")).subnet().subnetId();
    int port = target.getAddress().getPort();
    String tg = elb.createTargetGroup(r -> r.name("clocked").protocol(ProtocolEnum.HTTP).port(80).vpcId(vpc).targetType("ip")
        .healthCheckIntervalSeconds(30).healthyThresholdCount(3).unhealthyThresholdCount(2)).targetGroups().get(0).targetGroupArn();
    elb.registerTargets(r -> r.targetGroupArn(tg).targets(t -> t.id("127.0.0.1").port(port)));
    var lb = elb.createLoadBalancer(r -> r.name("clocked-lb").scheme(LoadBalancerSchemeEnum.INTERNAL).subnets(a, b))
        .loadBalancers().get(0);
    elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.HTTP).port(80)
        .defaultActions(x -> x.type(ActionTypeEnum.FORWARD).targetGroupArn(tg)));
    assertThat(health(tg).state()).isEqualTo(TargetHealthStateEnum.INITIAL);

    TIME.advance(Duration.ZERO); // the first probe, at once: a new target passing one check is healthy
    assertThat(module.awaitHealthProbes(Duration.ofSeconds(10))).isTrue();
    assertThat(health(tg).state()).isEqualTo(TargetHealthStateEnum.HEALTHY);

    STATUS.set(500);
    tick(); // one failure: below the unhealthy threshold of 2
    assertThat(health(tg).state()).isEqualTo(TargetHealthStateEnum.HEALTHY);
    tick();
    assertThat(health(tg).state()).isEqualTo(TargetHealthStateEnum.UNHEALTHY);
    assertThat(health(tg).reasonAsString()).isEqualTo("Target.ResponseCodeMismatch");

    STATUS.set(200);
    tick();
    tick(); // two passes: below the healthy threshold of 3
    assertThat(health(tg).state()).isEqualTo(TargetHealthStateEnum.UNHEALTHY);
    tick();
    assertThat(health(tg).state()).isEqualTo(TargetHealthStateEnum.HEALTHY);

    target.stop(0);
    tick();
    tick();
    assertThat(health(tg).state()).isEqualTo(TargetHealthStateEnum.UNHEALTHY);
    assertThat(health(tg).reasonAsString()).isEqualTo("Target.FailedHealthChecks");
  }
}
