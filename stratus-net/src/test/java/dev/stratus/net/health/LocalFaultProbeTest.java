package dev.stratus.net.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
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

  private EndpointProbe probe(EndpointProbe.SocketOpener opener) {
    return new EndpointProbe(Clock.systemUTC(), ticker::get, opener);
  }

  /** A socket whose request write takes {@code stall} on the ticker (a GC pause, a starved scheduler). */
  private EndpointProbe.SocketOpener stallOnWrite(Duration stall) {
    return () -> new Socket() {
      @Override
      public OutputStream getOutputStream() throws IOException {
        return new FilterOutputStream(super.getOutputStream()) {
          @Override
          public void flush() throws IOException {
            super.flush();
            ticker.addAndGet(stall.toNanos());
          }
        };
      }
    };
  }

  @Test
  void noDescriptors_localFaultNotEndpointFailure() {
    ProbeResult r = probe(() -> {
      throw new SocketException("Too many open files");
    }).probe(http(answering));
    assertThat(r.localFault()).isTrue();
    assertThat(r.success()).isFalse();
    assertThat(r.status()).contains("Too many open files").doesNotStartWith("Failure:");
  }

  @Test
  void outOfMemory_localFault() {
    ProbeResult r = probe(() -> {
      throw new OutOfMemoryError("Java heap space");
    }).probe(http(answering));
    assertThat(r.localFault()).isTrue();
    assertThat(r.status()).contains("OutOfMemoryError");
  }

  @Test
  void healthyEndpoint_noStall_success() {
    ProbeResult r = probe(Socket::new).probe(http(answering));
    assertThat(r.localFault()).isFalse();
    assertThat(r.status()).isEqualTo("Success: HTTP Status Code 200, OK");
  }

  @Test
  void stallPastDeadline_neverAnsweringEndpoint_localFaultNotTimeout() {
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
    AtomicInteger connectTimeout = new AtomicInteger();
    EndpointProbe.SocketOpener delayedOpen = () -> {
      ticker.addAndGet(Duration.ofMillis(1_500).toNanos()); // the probe ran 1.5 s before it could connect
      return new Socket() {
        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
          connectTimeout.set(timeout);
          super.connect(endpoint, timeout);
        }
      };
    };
    ProbeResult r = probe(delayedOpen).probe(http(answering));
    assertThat(r.success()).isTrue();
    assertThat(connectTimeout.get()).isEqualTo(2_500);

    ProbeResult tooLate = probe(() -> {
      ticker.addAndGet(Duration.ofMillis(4_500).toNanos());
      return new Socket();
    }).probe(http(answering));
    assertThat(tooLate.localFault()).isTrue();
  }

  @Test
  void checker_localFaultsKeepLastStatus_loggedOncePerBurst_realFailureStillCounts() {
    AtomicReference<EndpointProbe> current = new AtomicReference<>(probe(Socket::new));
    // Timers on a manual clock that is never moved: only checkNow probes, so nothing races the assertions.
    var time = new dev.stratus.core.testing.ManualTime(Clock.systemUTC().instant());
    try (HealthChecker checker = new HealthChecker(Clock.systemUTC(), cfg -> current.get().probe(cfg),
        d -> Duration.ofHours(1), time.scheduler(), time.scheduler())) {
      checker.put(http(answering));
      checker.checkNow("hc");
      HealthCheckState before = checker.status("hc").orElseThrow().measured().orElseThrow();
      assertThat(before.lastResult().orElseThrow().success()).isTrue();

      current.set(probe(() -> {
        throw new SocketException("Too many open files");
      }));
      for (int i = 0; i < 5; i++) {
        checker.checkNow("hc");
      }
      assertThat(checker.status("hc").orElseThrow().healthy()).isTrue();
      assertThat(checker.status("hc").orElseThrow().measured().orElseThrow()).isEqualTo(before);
      assertThat(checker.localFaultsInBurst()).isEqualTo(5);
      assertThat(logs).hasSize(1);
      assertThat(logs.get(0).getParameters()[1].toString()).contains("Too many open files");

      current.set(probe(Socket::new));
      checker.put(http(silent).withFailureThreshold(1));
      current.set(probe(stallOnWrite(Duration.ofMillis(2_200)))); // a genuine 2 s timeout
      checker.checkNow("hc");
      assertThat(checker.status("hc").orElseThrow().healthy()).isFalse();
      assertThat(logs).hasSize(2);
      assertThat(logs.get(1).getParameters()[0]).isEqualTo(5L);

      current.set(probe(() -> {
        throw new OutOfMemoryError("Java heap space");
      }));
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
