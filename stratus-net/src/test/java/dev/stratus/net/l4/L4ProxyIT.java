package dev.stratus.net.l4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.net.testing.RawHttp;
import dev.stratus.net.transport.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TCP and UDP proxies over real sockets on 127.0.0.1. */
class L4ProxyIT {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private ServerSocket tcpTarget;
  private DatagramSocket udpTarget;
  private final AtomicReference<byte[]> proxyHeader = new AtomicReference<>();

  @BeforeEach
  void targets() throws IOException {
    tcpTarget = new ServerSocket(0, 50, LOOPBACK);
    Thread.ofVirtual().start(() -> {
      while (!tcpTarget.isClosed()) {
        try {
          Socket s = tcpTarget.accept();
          Thread.ofVirtual().start(() -> echo(s));
        } catch (IOException e) {
          return;
        }
      }
    });
    udpTarget = new DatagramSocket(0, LOOPBACK);
    Thread.ofVirtual().start(() -> {
      byte[] buf = new byte[2048];
      while (!udpTarget.isClosed()) {
        try {
          DatagramPacket p = new DatagramPacket(buf, buf.length);
          udpTarget.receive(p);
          byte[] reply = ("echo:" + new String(p.getData(), 0, p.getLength())).getBytes();
          udpTarget.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
        } catch (IOException e) {
          return;
        }
      }
    });
  }

  /** Echoes bytes back; a connection starting with the PROXY v2 signature has its header kept aside. */
  private void echo(Socket s) {
    try (s) {
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      byte[] first = new byte[64 * 1024];
      int n = in.read(first);
      if (n <= 0) return;
      if (n >= 12 && first[0] == 0x0D && first[4] == 0x00 && first[7] == 'Q') {
        if (n < 16) n += in.readNBytes(first, n, 16 - n);
        int len = ((first[14] & 0xFF) << 8) | (first[15] & 0xFF);
        if (n < 16 + len) n += in.readNBytes(first, n, 16 + len - n);
        proxyHeader.set(Arrays.copyOf(first, 16 + len));
        out.write(first, 16 + len, n - 16 - len);
      } else {
        out.write(first, 0, n);
      }
      in.transferTo(out);
    } catch (IOException ignored) {
      // client went away
    }
  }

  @AfterEach
  void close() throws IOException {
    tcpTarget.close();
    udpTarget.close();
  }

  private TcpProxy tcp(TcpProxy.Config config) {
    return TcpProxy.bind(Transport.shared(), new InetSocketAddress("127.0.0.1", 0), config);
  }

  @Test
  void tcp_echoThroughProxy_bytesComeBackIntact() throws Exception {
    try (TcpProxy proxy = tcp(TcpProxy.Config.nlb("nlb", (c, l) -> Optional.of((InetSocketAddress) tcpTarget.getLocalSocketAddress())));
         Socket client = new Socket()) {
      client.connect(proxy.address());
      client.setSoTimeout(5_000);
      byte[] payload = new byte[4 * 1024 * 1024];
      new Random(7).nextBytes(payload);
      Thread writer = Thread.ofVirtual().start(() -> {
        try {
          client.getOutputStream().write(payload);
          client.shutdownOutput();
        } catch (IOException ignored) {
          // asserted below
        }
      });
      byte[] back = client.getInputStream().readNBytes(payload.length);
      writer.join();
      assertThat(Arrays.equals(back, payload)).isTrue();
    }
  }

  @Test
  void tcp_proxyProtocolV2_headerBytesSentFirst() throws Exception {
    try (TcpProxy proxy = tcp(TcpProxy.Config.nlb("nlb", (c, l) -> Optional.of((InetSocketAddress) tcpTarget.getLocalSocketAddress()))
        .withProxyProtocolV2(true));
         Socket client = new Socket()) {
      client.connect(proxy.address());
      client.setSoTimeout(5_000);
      client.getOutputStream().write("ping".getBytes());
      assertThat(new String(client.getInputStream().readNBytes(4))).isEqualTo("ping");
      int clientPort = client.getLocalPort();
      int listenerPort = proxy.address().getPort();
      String expected = "0d0a0d0a000d0a515549540a" // signature
          + "21" + "11" + "000c" // v2 PROXY, TCP over IPv4, 12 address bytes
          + "7f000001" + "7f000001" // source, destination
          + String.format("%04x%04x", clientPort, listenerPort);
      assertThat(HexFormat.of().formatHex(proxyHeader.get())).isEqualTo(expected);
    }
  }

  @Test
  void tcp_noTarget_connectionClosed() throws Exception {
    try (TcpProxy proxy = tcp(TcpProxy.Config.nlb("nlb", (c, l) -> Optional.empty())); Socket client = new Socket()) {
      client.connect(proxy.address());
      client.setSoTimeout(2_000);
      assertThat(RawHttp.closedByServer(client)).isTrue();
    }
  }

  @Test
  void tcp_idle_closedAfterIdleTimeout() throws Exception {
    try (TcpProxy proxy = tcp(TcpProxy.Config.nlb("nlb", (c, l) -> Optional.of((InetSocketAddress) tcpTarget.getLocalSocketAddress()))
        .withIdleTimeout(Duration.ofMillis(300)));
         Socket client = new Socket()) {
      client.connect(proxy.address());
      client.setSoTimeout(3_000);
      client.getOutputStream().write("x".getBytes());
      assertThat(client.getInputStream().read()).isEqualTo('x');
      long start = System.nanoTime();
      assertThat(RawHttp.closedByServer(client)).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_000));
    }
  }

  @Test
  void tcp_refusedTarget_clientClosed() throws Exception {
    int free;
    try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
      free = s.getLocalPort();
    }
    try (TcpProxy proxy = tcp(TcpProxy.Config.nlb("nlb", (c, l) -> Optional.of(new InetSocketAddress("127.0.0.1", free))));
         Socket client = new Socket()) {
      client.connect(proxy.address());
      client.setSoTimeout(2_000);
      assertThat(RawHttp.closedByServer(client)).isTrue();
    }
  }

  @Test
  void udp_echoThroughProxy_replyFromListenerAddress_flowsExpire() throws Exception {
    UdpProxy.Config config = UdpProxy.Config.nlb("nlb-udp", (c, l) -> Optional.of((InetSocketAddress) udpTarget.getLocalSocketAddress()))
        .withIdleTimeout(Duration.ofMillis(400));
    try (UdpProxy proxy = UdpProxy.bind(Transport.shared(), new InetSocketAddress("127.0.0.1", 0), config);
         DatagramSocket a = new DatagramSocket(0, LOOPBACK);
         DatagramSocket b = new DatagramSocket(0, LOOPBACK)) {
      for (DatagramSocket client : new DatagramSocket[] {a, b}) {
        client.setSoTimeout(3_000);
        for (int i = 0; i < 3; i++) {
          byte[] msg = ("m" + i + "@" + client.getLocalPort()).getBytes();
          client.send(new DatagramPacket(msg, msg.length, proxy.address()));
          DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
          client.receive(reply);
          assertThat(new String(reply.getData(), 0, reply.getLength())).isEqualTo("echo:m" + i + "@" + client.getLocalPort());
          assertThat(reply.getSocketAddress()).isEqualTo(proxy.address());
        }
      }
      assertThat(proxy.flows()).isEqualTo(2);
      Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> proxy.flows() == 0);
    }
  }

  @Test
  void udp_noTarget_dropped() throws Exception {
    try (UdpProxy proxy = UdpProxy.bind(Transport.shared(), new InetSocketAddress("127.0.0.1", 0),
        UdpProxy.Config.nlb("nlb-udp", (c, l) -> Optional.empty()));
         DatagramSocket client = new DatagramSocket(0, LOOPBACK)) {
      client.setSoTimeout(300);
      client.send(new DatagramPacket(new byte[] {1}, 1, proxy.address()));
      assertThat(org.junit.jupiter.api.Assertions.assertThrows(java.net.SocketTimeoutException.class,
          () -> client.receive(new DatagramPacket(new byte[16], 16)))).isNotNull();
      assertThat(proxy.flows()).isZero();
    }
  }
}
