package dev.stratus.net.l4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.net.transport.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two writes a client makes a few ms apart, through a proxy held for an emulated distance, reach
 * the target a few ms apart, each one one-way delay after it was sent: on a real network the
 * second segment is already in flight behind the first. What TLS does after its handshake (the
 * client's Finished, then the request; HTTP/2's preface, then HEADERS) through a Global
 * Accelerator listener: measured from Sydney to an ALB behind GA, the request after a TLS 1.3
 * handshake took 409 ms against one round trip of 269.6.
 *
 * <p>The proxy reads the client (AUTO_READ off) only once the previous read has been written to
 * the target, and that read reaches the proxy a one-way delay late; before DelayHandler read on
 * while it held (up to a receive window), the second write waited in the socket a whole one-way
 * delay before it was even read (152.9 ms apart, not ~5).
 */
class TcpProxyBackToBackWritesIT {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final Duration ONE_WAY = Duration.ofMillis(150);

  private Transport transport;
  private ServerSocket target;

  @BeforeEach
  void start() throws IOException {
    transport = Transport.create(1, "back-to-back-test");
    target = new ServerSocket(0, 50, LOOPBACK);
  }

  @AfterEach
  void stop() throws IOException {
    target.close();
    transport.close();
  }

  @Test
  void twoWritesFiveMsApartOnAnOpenConnection_reachTheTargetFiveMsApart() throws Exception {
    // The target: the times (ms) the first and the second byte arrive.
    CompletableFuture<double[]> arrivals = CompletableFuture.supplyAsync(() -> {
      try (Socket s = target.accept()) {
        s.setSoTimeout(5_000);
        InputStream in = s.getInputStream();
        in.read(); // the connection's first byte: the proxy's reads settle into their pace
        in.read();
        double first = System.nanoTime() / 1e6;
        in.read();
        return new double[] {first, System.nanoTime() / 1e6};
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    InetSocketAddress to = (InetSocketAddress) target.getLocalSocketAddress();
    var config = new TcpProxy.Config("back-to-back-test", (client, local) -> Optional.of(to), false, Duration.ofSeconds(30),
        Duration.ofSeconds(5)).withDelay((client, local) -> ONE_WAY);
    try (TcpProxy proxy = TcpProxy.bind(transport, new InetSocketAddress(LOOPBACK, 0), config);
        Socket s = new Socket()) {
      s.setTcpNoDelay(true);
      s.connect(proxy.address(), 2000);
      OutputStream out = s.getOutputStream();
      out.write('x');
      Thread.sleep(ONE_WAY.toMillis() * 2);
      out.write('a');
      Thread.sleep(5);
      out.write('b');
      double[] at = arrivals.get(10, TimeUnit.SECONDS);
      assertThat(at[1] - at[0]).as("ms between the two writes' arrivals").isLessThan(ONE_WAY.toMillis() / 3.0);
    }
  }
}
