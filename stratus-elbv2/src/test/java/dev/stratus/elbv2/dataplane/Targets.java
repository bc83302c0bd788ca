package dev.stratus.elbv2.dataplane;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Local processes standing for targets: TCP and UDP servers that answer with their name. */
final class Targets {
  private Targets() {}

  /** The PROXY protocol v2 signature (12 bytes). */
  static final byte[] PROXY_V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

  /**
   * Answers each line with {@code <name>:<line>}; with {@code proxyV2} it first reads a PROXY v2
   * header and remembers the source it carries ({@code ip:port}).
   */
  static final class Tcp implements AutoCloseable {
    final String name;
    final ServerSocket server;
    final AtomicInteger accepted = new AtomicInteger();
    final AtomicReference<String> proxySource = new AtomicReference<>();
    final AtomicReference<String> peer = new AtomicReference<>();
    /** Every connection's source address, in order. */
    final java.util.Queue<String> peers = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final boolean proxyV2;

    Tcp(String name, boolean proxyV2) throws IOException {
      this.name = name;
      this.proxyV2 = proxyV2;
      this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
      Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() { return server.getLocalPort(); }

    private void acceptLoop() {
      while (!server.isClosed()) {
        try {
          Socket s = server.accept();
          accepted.incrementAndGet();
          peer.set(s.getInetAddress().getHostAddress());
          peers.add(s.getInetAddress().getHostAddress());
          Thread.ofVirtual().start(() -> serve(s));
        } catch (IOException e) {
          return;
        }
      }
    }

    private void serve(Socket s) {
      try (s) {
        InputStream in = s.getInputStream();
        if (proxyV2) proxySource.set(readProxyHeader(new DataInputStream(in)));
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        OutputStream out = s.getOutputStream();
        for (String line; (line = reader.readLine()) != null; ) {
          out.write((name + ":" + line + "\n").getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
      } catch (IOException e) {
        // the client went away
      }
    }

    private static String readProxyHeader(DataInputStream in) throws IOException {
      byte[] sig = new byte[12];
      in.readFully(sig);
      if (!java.util.Arrays.equals(sig, PROXY_V2_SIGNATURE)) return "bad signature";
      int verCmd = in.readUnsignedByte();
      int family = in.readUnsignedByte();
      int len = in.readUnsignedShort();
      byte[] body = new byte[len];
      in.readFully(body);
      if (verCmd != 0x21 || family != 0x11) return "bad version/family " + verCmd + "/" + family;
      String src = (body[0] & 0xff) + "." + (body[1] & 0xff) + "." + (body[2] & 0xff) + "." + (body[3] & 0xff);
      int srcPort = ((body[8] & 0xff) << 8) | (body[9] & 0xff);
      return src + ":" + srcPort;
    }

    @Override
    public void close() throws IOException { server.close(); }
  }

  /** Answers each datagram with {@code <name>:<payload>}. */
  static final class Udp implements AutoCloseable {
    final String name;
    final DatagramSocket socket;

    Udp(String name) throws IOException { this(name, 0); }

    Udp(String name, int port) throws IOException {
      this.name = name;
      this.socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", port));
      Thread.ofVirtual().start(this::loop);
    }

    int port() { return socket.getLocalPort(); }

    private void loop() {
      byte[] buf = new byte[2048];
      while (!socket.isClosed()) {
        try {
          DatagramPacket p = new DatagramPacket(buf, buf.length);
          socket.receive(p);
          byte[] reply = (name + ":" + new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8))
              .getBytes(StandardCharsets.UTF_8);
          socket.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
        } catch (IOException e) {
          return;
        }
      }
    }

    @Override
    public void close() { socket.close(); }
  }

  /** Sends one line on a new connection and reads the answer. */
  static String ask(InetSocketAddress at, String line) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(at, 2000);
      s.setSoTimeout(3000);
      s.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
      return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }
  }

  /** Sends one datagram from {@code from} and reads the answer. */
  static String ask(DatagramSocket from, InetSocketAddress at, String payload) throws IOException {
    byte[] b = payload.getBytes(StandardCharsets.UTF_8);
    from.send(new DatagramPacket(b, b.length, at));
    byte[] buf = new byte[2048];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    from.receive(p);
    return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
  }

  /** A port free on 127.0.0.1 now (and so, most likely, on the node's address). */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }
}
