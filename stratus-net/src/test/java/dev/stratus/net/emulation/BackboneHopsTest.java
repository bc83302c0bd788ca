package dev.stratus.net.emulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.net.geo.ClientLocator;
import dev.stratus.net.geo.LatencyModel;
import dev.stratus.net.geo.UserLocationTable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A balancer behind Global Accelerator: the accelerator held the flow for the whole path, so the
 * balancer's internet delay is skipped for the connection it announced, and only for that one.
 */
class BackboneHopsTest {
  @Test
  void anAnnouncedConnection_isNotHeldAgain_butTheNextOneFromThatClientIs() throws Exception {
    var delays = new DistanceDelay(ClientLocator.standard(UserLocationTable.empty().withCity("127.61.0.0/16", "Sydney")),
        LatencyModel.standard());
    EmulatedDelay alb = delays.toRegion("us-east-1");
    var client = new InetSocketAddress("127.61.0.9", 40_001);
    var node = new InetSocketAddress("127.0.88.1", 8080);
    assertThat(alb.oneWay(client, node)).isGreaterThan(Duration.ofMillis(80)); // Sydney → Virginia, one way

    BackboneHops.announce(InetAddress.getByName("127.61.0.9"), node);
    assertThat(alb.oneWay(client, node)).isZero();
    assertThat(alb.oneWay(client, node)).as("taken once").isGreaterThan(Duration.ofMillis(80));
    BackboneHops.announce(InetAddress.getByName("127.61.0.9"), node);
    assertThat(alb.oneWay(client, new InetSocketAddress("127.0.88.2", 8080))).as("another listener")
        .isGreaterThan(Duration.ofMillis(80));
    assertThat(BackboneHops.take(client, node)).isTrue();
  }
}
