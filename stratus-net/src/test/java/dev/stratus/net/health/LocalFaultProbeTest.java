package dev.stratus.net.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.net.transport.Transport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Probes that fail for Stratus's own reasons (no descriptors, no memory, a stalled probe) are not
 * endpoint failures. Faults are injected through the socket opener and a moved ticker; the
 * endpoints are real loopback sockets; no test waits on the wall clock for a deadline.
 */
class LocalFaultProbeTest {

  private final AtomicLong ticker = new AtomicLong(1_000_000_000L);
  private final List<Socket> accepted = new ArrayList<>();
  private ServerSocket answering;
  private ServerSocket silent;
  private final List<LogRecord> logs = new ArrayList<>();
  private final Handler capture = new Handler() {
    @Override public synchronized void publish(LogRecord r) { logs.add(r); }
    @Override public void flush() {}
    @Override public void close() {}
  };

  @BeforeEach
  void start() throws IOException {
    answering = serve(true);
    silent = serve(false);
    Logger.getLogger(HealthChecker.class.getName()).addHandler(capture);
  }

  @AfterEach
  void stop() throws IOException {
    Logger.getLogger(HealthChecker.class.getName()).removeHandler(capture);
    answering.close();
    silent.close();
    synchronized (accepted) {
      for (Socket s : accepted) {
        s.close();
      }
    }
  }

  /** A loopback endpoint that answers 200 OK at once, or accepts and never says a word. */
  private ServerSocket serve(boolean answer) throws IOException {
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(() -> {
      while (!server.isClosed()) {
        try {
          Socket s = server.accept();
          synchronized (accepted) {
            accepted.add(s);
          }
          if (answer) {
            Thread.ofVirtual().start(() -> {
              try {
                s.getInputStream().read(new byte[4096]);
                s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
              } catch (IOException ignored) {
                // the probe may have gone
              }
            });
          }
        } catch (IOException e) {
          return;
        }
      }
    });
    return server;
  }

  private static HealthCheckerConfig http(ServerSocket server) {
    return HealthCheckerConfig.endpoint("hc", HealthCheckType.HTTP, "127.0.0.1", server.getLocalPort(), "/",
        Optional.empty()).withFailureThreshold(1);
  }

  /** A probe on the shared transport with the test's ticker and {@code hooks}. */
  private EndpointProbe probe(EndpointProbe.Hooks hooks) {
    return new EndpointProbe(Clock.systemUTC(), ticker::get, Transport.shared(), hooks);
  }

  private static final EndpointProbe.Hooks PLAIN = t -> newChannel(t);

  private static Channel newChannel(Transport t) {
    try {
      return t.socketChannelType().getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Socket creation fails as it does without descriptors or memory. */
  private static EndpointProbe.Hooks failingOpen(Throwable t) {
    return transport -> {
      if (t instanceof Error e) throw e;
      throw new ChannelException(t);
    };
  }

  /** The request write takes {@code stall} on the ticker (a GC pause, a starved event loop). */
  private EndpointProbe.Hooks stallOnWrite(Duration stall) {
    return new EndpointProbe.Hooks() {
      @Override public Channel newChannel(Transport t) { return LocalFaultProbeTest.newChannel(t); }

      @Override public void requestWritten() { ticker.addAndGet(stall.toNanos()); }
    };
  }

  @Test
  void noDescriptors_localFaultNotEndpointFailure() {
    ProbeResult r = probe(failingOpen(new SocketException("Too many open files"))).probe(http(answering));
    assertThat(r.localFault()).isTrue();
    assertThat(r.success()).isFalse();
    assertThat(r.status()).contains("Too many open files").doesNotStartWith("Failure:");
  }

  @Test
  void outOfMemory_localFault() {
    ProbeResult r = probe(failingOpen(new OutOfMemoryError("Java heap space"))).probe(http(answering));
    assertThat(r.localFault()).isTrue();
    assertThat(r.status()).contains("OutOfMemoryError");
  }

  @Test
  void healthyEndpoint_noStall_success() {
    ProbeResult r = probe(PLAIN).probe(http(answering));
    assertThat(r.localFault()).isFalse();
    assertThat(r.status()).isEqualTo("Success: HTTP Status Code 200, OK");
  }

  @Test
  void stallPastDeadline_neverAnsweringEndpoint_localFaultNotTimeout() {
    probe(PLAIN).probe(http(answering)); // Netty and the shared event loops loaded before timing
    long wall = System.nanoTime();
    ProbeResult r = probe(stallOnWrite(Duration.ofMillis(3_500))).probe(http(silent));
    assertThat(r.localFault()).isTrue();
    assertThat(r.status()).startsWith("probe stalled");
    assertThat(Duration.ofNanos(System.nanoTime() - wall)).isLessThan(Duration.ofSeconds(1)); // no real 2 s wait
  }

  @Test
  void stallPastDeadline_answeringEndpoint_neitherSuccessNorFailure() {
    ProbeResult r = probe(stallOnWrite(Duration.ofMillis(3_500))).probe(http(answering));
    assertThat(r.localFault()).isTrue();
    assertThat(r.success()).isFalse();
  }

  @Test
  void lateWithinSlack_isTheEndpointsTimeout() {
    ProbeResult r = probe(stallOnWrite(Duration.ofMillis(2_200))).probe(http(silent));
    assertThat(r.localFault()).isFalse();
    assertThat(r.status()).isEqualTo(HealthCheckReasons.responseTimedOut());
  }

  @Test
  void connectDeadline_measuredFromProbeStart() {
    AtomicReference<Channel> used = new AtomicReference<>();
    ProbeResult r = probe(new EndpointProbe.Hooks() {
      @Override public Channel newChannel(Transport t) {
        Channel ch = LocalFaultProbeTest.newChannel(t);
        used.set(ch);
        return ch;
      }

      @Override public void connecting() {
        ticker.addAndGet(Duration.ofMillis(1_500).toNanos()); // the probe ran 1.5 s before it could connect
      }
    }).probe(http(answering));
    assertThat(r.success()).isTrue();
    assertThat(used.get().config().getConnectTimeoutMillis()).isEqualTo(2_500);

    ProbeResult tooLate = probe(new EndpointProbe.Hooks() {
      @Override public Channel newChannel(Transport t) { return LocalFaultProbeTest.newChannel(t); }

      @Override public void connecting() { ticker.addAndGet(Duration.ofMillis(4_500).toNanos()); }
    }).probe(http(answering));
    assertThat(tooLate.localFault()).isTrue();
  }

  @Test
  void checker_localFaultsKeepLastStatus_loggedOncePerBurst_realFailureStillCounts() {
    AtomicReference<EndpointProbe> current = new AtomicReference<>(probe(PLAIN));
    // Timers on a manual clock that is never moved: only checkNow probes, so nothing races the assertions.
    var time = new dev.stratus.core.testing.ManualTime(Clock.systemUTC().instant());
    try (HealthChecker checker = new HealthChecker(Clock.systemUTC(), cfg -> current.get().probe(cfg),
        d -> Duration.ofHours(1), time.scheduler(), time.scheduler())) {
      checker.put(http(answering));
      checker.checkNow("hc");
      HealthCheckState before = checker.status("hc").orElseThrow().measured().orElseThrow();
      assertThat(before.lastResult().orElseThrow().success()).isTrue();

      current.set(probe(failingOpen(new SocketException("Too many open files"))));
      for (int i = 0; i < 5; i++) {
        checker.checkNow("hc");
      }
      assertThat(checker.status("hc").orElseThrow().healthy()).isTrue();
      assertThat(checker.status("hc").orElseThrow().measured().orElseThrow()).isEqualTo(before);
      assertThat(checker.localFaultsInBurst()).isEqualTo(5);
      assertThat(logs).hasSize(1);
      assertThat(logs.get(0).getParameters()[1].toString()).contains("Too many open files");

      current.set(probe(PLAIN));
      checker.put(http(silent).withFailureThreshold(1));
      current.set(probe(stallOnWrite(Duration.ofMillis(2_200)))); // a genuine 2 s timeout
      checker.checkNow("hc");
      assertThat(checker.status("hc").orElseThrow().healthy()).isFalse();
      assertThat(logs).hasSize(2);
      assertThat(logs.get(1).getParameters()[0]).isEqualTo(5L);

      current.set(probe(failingOpen(new OutOfMemoryError("Java heap space"))));
      checker.checkNow("hc");
      assertThat(checker.status("hc").orElseThrow().healthy()).as("an unhealthy check stays unhealthy").isFalse();
    }
  }

  @Test
  void state_localFault_changesNothing() {
    HealthCheckState s = HealthCheckState.initial(Clock.systemUTC().instant())
        .next(new ProbeResult(false, "Failure: x", Clock.systemUTC().instant()), 3);
    assertThat(s.next(ProbeResult.local("probe failed inside Stratus: Too many open files",
        Clock.systemUTC().instant()), 3)).isEqualTo(s);
  }
}
