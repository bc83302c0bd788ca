package dev.stratus.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.stratus.core.dns.DnsTargetRegistry;
import dev.stratus.ec2.Ec2Module;
import dev.stratus.protocol.testing.ApiTestServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

/** Target health through the shared prober against real local HTTP servers, with AWS's states and reasons. */
class Elbv2TargetHealthIT {
  static final AtomicReference<Instant> NOW = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
  static final Clock CLOCK = new Clock() {
    @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    @Override public Instant instant() { return NOW.get(); }
  };
  static ApiTestServer server;
  static Elbv2Module module;
  static ElasticLoadBalancingV2Client elb;
  static HttpServer ok;
  static HttpServer failing;
  static int closedPort;
  static String subnetA, subnetB, vpc;

  @BeforeAll
  static void start() throws Exception {
    module = new Elbv2Module(d -> Duration.ofMillis(100));
    server = ApiTestServer.start(CLOCK, new Ec2Module(), module);
    elb = server.client(ElasticLoadBalancingV2Client.builder());
    var ec2 = server.client(Ec2Client.builder());
    vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    subnetA = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
    subnetB = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.2.0/24").availabilityZone("us-east-1b")).subnet().subnetId();
    ok = serve(200);
    failing = serve(500);
    try (var s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      closedPort = s.getLocalPort();
    }
  }

  static HttpServer serve(int status) throws Exception {
    var s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    s.createContext("/", ex -> {
      ex.sendResponseHeaders(status, -1);
      ex.close();
    });
    s.start();
    return s;
  }

  @AfterAll
  static void stop() {
    server.close();
    ok.stop(0);
    failing.stop(0);
  }

  static Map<Integer, TargetHealth> health(String tg) {
    return elb.describeTargetHealth(r -> r.targetGroupArn(tg)).targetHealthDescriptions().stream()
        .collect(Collectors.toMap(d -> d.target().port(), TargetHealthDescription::targetHealth));
  }

  @Test
  void targets_goFromUnusedToHealthyOrUnhealthyWithReasons_thenDrainOnTheClock() {
    int okPort = ok.getAddress().getPort();
    int badPort = failing.getAddress().getPort();
    String tg = elb.createTargetGroup(r -> r.name("hc").protocol(ProtocolEnum.HTTP).port(80).vpcId(vpc).targetType("ip")
        .healthCheckIntervalSeconds(5).healthCheckTimeoutSeconds(2).unhealthyThresholdCount(2))
        .targetGroups().get(0).targetGroupArn();
    elb.registerTargets(r -> r.targetGroupArn(tg).targets(t -> t.id("127.0.0.1").port(okPort),
        t -> t.id("127.0.0.1").port(badPort), t -> t.id("127.0.0.1").port(closedPort)));
    assertThat(health(tg).values()).allSatisfy(h -> assertThat(h.reasonAsString()).isEqualTo("Target.NotInUse"));

    var lb = elb.createLoadBalancer(r -> r.name("hc-lb").scheme(LoadBalancerSchemeEnum.INTERNAL).subnets(subnetA, subnetB))
        .loadBalancers().get(0);
    var registry = DnsTargetRegistry.in(server.context().extensions());
    assertThat(registry.find(lb.dnsName()).orElseThrow().healthy()).isFalse();
    elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.HTTP).port(80)
        .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(tg)));

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      var h = health(tg);
      assertThat(h.get(okPort).state()).isEqualTo(TargetHealthStateEnum.HEALTHY);
      assertThat(h.get(badPort).state()).isEqualTo(TargetHealthStateEnum.UNHEALTHY);
      assertThat(h.get(badPort).reasonAsString()).isEqualTo("Target.ResponseCodeMismatch");
      assertThat(h.get(badPort).description()).contains("500");
      assertThat(h.get(closedPort).state()).isEqualTo(TargetHealthStateEnum.UNHEALTHY);
      assertThat(h.get(closedPort).reasonAsString()).isEqualTo("Target.FailedHealthChecks");
    });
    await().atMost(Duration.ofSeconds(5)).until(() -> registry.find(lb.dnsName()).orElseThrow().healthy());
    // the data plane's view: healthy first, and the rules of the listener forward to the group
    var snapshot = RoutingSnapshot.build(server.context().store(), module.targetHealth(), NOW.get());
    assertThat(snapshot.groups().get(tg).targets()).filteredOn(c -> c.healthy())
        .extracting(c -> c.port()).containsExactly(okPort);
    assertThat(snapshot.rules()).hasSize(1);

    elb.deregisterTargets(r -> r.targetGroupArn(tg).targets(t -> t.id("127.0.0.1").port(okPort)));
    var draining = health(tg).get(okPort);
    assertThat(draining.state()).isEqualTo(TargetHealthStateEnum.DRAINING);
    assertThat(draining.reasonAsString()).isEqualTo("Target.DeregistrationInProgress");
    assertThat(registry.find(lb.dnsName()).orElseThrow().healthy()).isFalse();
    NOW.set(NOW.get().plus(Duration.ofSeconds(299)));
    assertThat(health(tg)).containsKey(okPort);
    NOW.set(NOW.get().plus(Duration.ofSeconds(2)));
    assertThat(health(tg)).doesNotContainKey(okPort).hasSize(2);
  }
}
