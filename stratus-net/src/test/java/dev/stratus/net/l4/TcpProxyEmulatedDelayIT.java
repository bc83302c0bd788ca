package dev.stratus.net.l4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.net.emulation.LoopStall;
import dev.stratus.net.transport.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A target that answers and closes at once, behind an emulated distance: the client gets the
 * answer, then the end of the stream, even when the delayed answer and the delayed half close come
 * due in the same event-loop turn (a late timer on a loaded machine). On io_uring a flushed write
 * only waits in the ring for the next submission while {@code shutdownOutput} is a direct system
 * call, so a FIN sent in that turn left before the data: the client read an empty answer.
 */
class TcpProxyEmulatedDelayIT {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final Duration ONE_WAY = Duration.ofMillis(300);

  private Transport transport;
  private ServerSocket target;
  private final Semaphore answered = new Semaphore(0);

  @BeforeEach
  void start() throws IOException {
    transport = Transport.create(1, "delay-test"); // one loop: the one the test holds up
    target = new ServerSocket(0, 50, LOOPBACK);
    Thread.ofVirtual().start(() -> {
      while (!target.isClosed()) {
        try (Socket s = target.accept()) {
          s.getInputStream().readNBytes(4);
          s.getOutputStream().write("pong".getBytes(StandardCharsets.UTF_8));
          s.close();
          answered.release();
        } catch (IOException e) {
          return;
        }
      }
    });
  }

  @AfterEach
  void stop() throws IOException {
    target.close();
    transport.close();
  }

  @Test
  void answerThenClose_delayedWriteAndHalfCloseInOneTurn_clientReadsTheAnswer() throws Exception {
    InetSocketAddress to = (InetSocketAddress) target.getLocalSocketAddress();
    var config = new TcpProxy.Config("delay-test", (client, local) -> Optional.of(to), false, Duration.ofSeconds(30),
        Duration.ofSeconds(5)).withDelay((client, local) -> ONE_WAY);
    try (TcpProxy proxy = TcpProxy.bind(transport, new InetSocketAddress(LOOPBACK, 0), config)) {
      assertThat(exchange(proxy, false)).isEqualTo("pong"); // the proxy's code paths warm (a cold first pass is slow)
      assertThat(exchange(proxy, true)).isEqualTo("pong");
    }
  }

  /** "ping" through the proxy; the answer read to the end of the stream. */
  private String exchange(TcpProxy proxy, boolean holdUpTheLoop) throws Exception {
    try (Socket s = new Socket()) {
      s.connect(proxy.address(), 2000);
      s.setSoTimeout(10_000);
      s.getOutputStream().write("ping".getBytes(StandardCharsets.UTF_8));
      assertThat(answered.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
      if (holdUpTheLoop) {
        // By now the proxy has read the answer and the target's FIN and holds both for ONE_WAY.
        // Keep its loop busy past both times, so that they run in the same turn.
        Thread.sleep(ONE_WAY.toMillis() / 2);
        transport.workers().next().execute(LoopStall.of(ONE_WAY.toMillis() * 4 / 3));
      }
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
