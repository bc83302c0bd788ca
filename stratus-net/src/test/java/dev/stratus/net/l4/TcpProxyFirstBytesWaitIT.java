package dev.stratus.net.l4;

import dev.stratus.net.emulation.TimerLateness;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.net.emulation.EmulatedDelay;
import dev.stratus.net.transport.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A listener whose delay makes new connections' first bytes wait (Global Accelerator's edge
 * connecting to the endpoint): a client that sends its request and its FIN at once has both reach
 * the target after the wait and the one-way delay, in order, and still reads the answer.
 */
class TcpProxyFirstBytesWaitIT {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final Duration ONE_WAY = Duration.ofMillis(20);
  private static final Duration WAIT = Duration.ofMillis(250);

  @Test
  void requestAndFinSentAtOnce_reachTheTargetAfterTheWait_inOrder() throws Exception {
    BlockingQueue<long[]> seen = new ArrayBlockingQueue<>(4); // {bytes read before EOF, first byte at, EOF at}
    try (Transport transport = Transport.create(1, "first-bytes-test"); ServerSocket target = new ServerSocket(0, 50, LOOPBACK)) {
      Thread.ofVirtual().start(() -> {
        try (Socket s = target.accept()) {
          int first = s.getInputStream().read();
          long firstAt = System.nanoTime();
          byte[] rest = s.getInputStream().readAllBytes(); // to the client's FIN
          long eofAt = System.nanoTime();
          s.getOutputStream().write("pong".getBytes(StandardCharsets.UTF_8));
          seen.add(new long[] {first < 0 ? 0 : 1 + rest.length, firstAt, eofAt});
        } catch (IOException e) {
          seen.add(new long[] {-1, 0, 0});
        }
      });
      InetSocketAddress to = (InetSocketAddress) target.getLocalSocketAddress();
      EmulatedDelay oneWay = (client, local) -> ONE_WAY;
      var config = new TcpProxy.Config("first-bytes-test", (client, local) -> Optional.of(to), false, Duration.ofSeconds(30),
          Duration.ofSeconds(5)).withDelay(EmulatedDelay.of(oneWay, (client, local) -> Duration.ZERO, (client, local) -> WAIT));
      try (TcpProxy proxy = TcpProxy.bind(transport, new InetSocketAddress(LOOPBACK, 0), config); Socket s = new Socket()) {
        s.connect(proxy.address(), 2000);
        long connected = System.nanoTime();
        s.setSoTimeout(10_000);
        s.getOutputStream().write("ping".getBytes(StandardCharsets.UTF_8));
        s.shutdownOutput();
        String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        long[] r = seen.poll(5, TimeUnit.SECONDS);
        assertThat(r).isNotNull();
        assertThat(answer).isEqualTo("pong");
        assertThat(r[0]).as("bytes before the FIN").isEqualTo(4);
        long waited = TimeUnit.NANOSECONDS.toMillis(r[1] - connected);
        assertThat(waited).as("the first byte waits the wait, then the one-way delay")
            .isBetween(WAIT.plus(ONE_WAY).minusNanos(TimerLateness.MAX_NANOS).toMillis() - 1, WAIT.plus(ONE_WAY).toMillis() + 150);
        assertThat(r[2]).as("the FIN behind the data").isGreaterThanOrEqualTo(r[1]);
      }
    }
  }
}
