package dev.stratus.net.emulation.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.testing.RequiredTool;
import dev.stratus.net.emulation.DistanceDelay;
import dev.stratus.net.emulation.EmulatedDelay;
import dev.stratus.net.geo.ClientLocator;
import dev.stratus.net.geo.LatencyModel;
import dev.stratus.net.geo.NetworkPath;
import dev.stratus.net.geo.UserLocationTable;
import dev.stratus.net.http.HttpFrontEnd;
import dev.stratus.core.http.HttpFilterRegistry;
import dev.stratus.net.transport.Transport;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real sockets: a client in Sydney (127.61.0.0/16 by the client table) connecting to a listener
 * standing for eu-west-1 under emulation waits one modelled round trip in {@code connect()} (the
 * SYN is held); without emulation, and from a client the listener does not hold, it does not.
 * Needs root and iptables: skipped without them on a developer's machine, failed under CI=true.
 */
class HandshakeHoldIT {
  private static final String ARN = "arn:aws:elasticloadbalancing:eu-west-1:000000000000:loadbalancer/app/hold/1";
  private static final DistanceDelay DELAYS = new DistanceDelay(
      ClientLocator.standard(UserLocationTable.empty().withCity("127.61.0.0/16", "Sydney")), LatencyModel.standard());

  @BeforeAll
  static void requireHold() {
    RequiredTool.require("the TCP handshake hold (root, iptables, nfnetlink_queue): "
        + HandshakeHold.unavailable().orElse(""), HandshakeHold.unavailable().isEmpty());
  }

  private static HttpFrontEnd listener(String address, EmulatedDelay delay) {
    return HttpFrontEnd.bind(Transport.shared(), new InetSocketAddress(address, 0),
        HttpFrontEnd.Config.of("hold", ARN, new HttpFilterRegistry(), r -> CompletableFuture.completedFuture(
            new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.EMPTY_BUFFER))), delay);
  }

  /** Milliseconds {@code connect()} from {@code client} to {@code listener} takes. */
  private static double connectMillis(String client, InetSocketAddress listener) throws Exception {
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(client, 0));
      long start = System.nanoTime();
      s.connect(listener, 10_000);
      return (System.nanoTime() - start) / 1e6;
    }
  }

  @Test
  void aSydneyClientsConnect_toAnEuWest1Balancer_takesTheModelledRoundTrip() throws Exception {
    var model = LatencyModel.standard();
    double rtt = model.roundTripMillis(ClientLocator.standard(UserLocationTable.empty().withCity("127.61.0.0/16", "Sydney"))
        .place(java.net.InetAddress.getByName("127.61.0.1")).point(),
        model.tables().region("eu-west-1").orElseThrow().point(), NetworkPath.PUBLIC_INTERNET);
    assertThat(rtt).as("Sydney → eu-west-1 over the internet").isBetween(200.0, 400.0);
    try (HttpFrontEnd alb = listener("127.0.93.1", DELAYS.toRegion("eu-west-1"))) {
      HandshakeHold.settle();
      connectMillis("127.61.0.1", alb.address()); // warm the client side's classes
      // Each at least the round trip less 5 % (a verdict is aimed early by how late verdicts have been
      // leaving); the best of three within 10 % (or 15 ms): a loaded machine only adds.
      double best = Double.MAX_VALUE;
      for (int i = 0; i < 3; i++) {
        double took = connectMillis("127.61.0.1", alb.address());
        assertThat(took).as("connect() from Sydney, model %.1f ms", rtt).isGreaterThanOrEqualTo(rtt * 0.95);
        best = Math.min(best, took);
      }
      assertThat(best).as("best connect() from Sydney, model %.1f ms", rtt).isLessThanOrEqualTo(Math.max(rtt * 1.10, rtt + 15));
    }
  }

  @Test
  void withoutEmulation_connectIsImmediate_andAClosedListenersRuleIsGone() throws Exception {
    try (HttpFrontEnd plain = listener("127.0.93.2", EmulatedDelay.NONE)) {
      HandshakeHold.settle();
      assertThat(connectMillis("127.61.0.1", plain.address())).isLessThan(20);
    }
    InetSocketAddress was;
    try (HttpFrontEnd alb = listener("127.0.93.3", DELAYS.toRegion("eu-west-1"))) {
      was = alb.address();
    }
    HandshakeHold.settle();
    // Something else now on the same address and port, not emulated: no leftover rule holds it.
    try (var server = new java.net.ServerSocket()) {
      server.bind(was);
      assertThat(connectMillis("127.61.0.1", was)).as("the closed listener's SYN rule was removed").isLessThan(20);
    }
  }
}
