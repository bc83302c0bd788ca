package dev.stratus.net.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.embedded.EmbeddedChannel;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The DNS listener's bounds over real loopback sockets: OPT count, TCP cap, deadlines, accept errors. */
class DnsTcpLimitsIT {

  private DnsServer server;

  private final DnsAnswerer answerer = (query, client, subnet) -> {
    Message r = new Message();
    r.addRecord(query.getQuestion(), Section.QUESTION);
    r.addRecord(new ARecord(query.getQuestion().getName(), DClass.IN, 60, InetAddress.getLoopbackAddress()),
        Section.ANSWER);
    r.getHeader().setFlag(Flags.AA);
    return new DnsAnswer(r, 0);
  };

  private DnsServer start(DnsTcpLimits limits) {
    server = DnsServer.start("127.0.0.1", 0, answerer, limits);
    return server;
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static Message query(String name) throws Exception {
    return Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN));
  }

  private Socket connect() throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
    s.setSoTimeout(5_000);
    return s;
  }

  private static Message exchange(Socket s, Message q) throws Exception {
    byte[] wire = q.toWire();
    DataOutputStream out = new DataOutputStream(s.getOutputStream());
    out.writeShort(wire.length);
    out.write(wire);
    out.flush();
    DataInputStream in = new DataInputStream(s.getInputStream());
    return new Message(in.readNBytes(in.readUnsignedShort()));
  }

  /** True once the server has closed {@code s} (read sees end of stream or a reset). */
  private static boolean closedByServer(Socket s) {
    try {
      s.setSoTimeout(50);
      InputStream in = s.getInputStream();
      return in.read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  private Message tcpQuery(String name) throws Exception {
    SimpleResolver resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
    resolver.setPort(server.port());
    resolver.setTCP(true);
    resolver.setTimeout(Duration.ofSeconds(3));
    return resolver.send(query(name));
  }

  @Test
  void twoOptRecords_formErrOverUdpAndTcp() throws Exception {
    start(DnsTcpLimits.DEFAULT);
    Message q = query("www.example.com.");
    q.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
    q.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
    byte[] wire = q.toWire();
    assertThat(new Message(wire).getHeader().getCount(Section.ADDITIONAL)).isEqualTo(2);
    try (DatagramSocket udp = new DatagramSocket()) {
      udp.setSoTimeout(3_000);
      udp.send(new DatagramPacket(wire, wire.length, InetAddress.getLoopbackAddress(), server.port()));
      DatagramPacket reply = new DatagramPacket(new byte[4096], 4096);
      udp.receive(reply);
      Message r = new Message(java.util.Arrays.copyOf(reply.getData(), reply.getLength()));
      assertThat(r.getRcode()).isEqualTo(Rcode.FORMERR);
      assertThat(r.getHeader().getID()).isEqualTo(q.getHeader().getID());
      assertThat(r.getSection(Section.ANSWER)).isEmpty();
    }
    try (Socket s = connect()) {
      assertThat(exchange(s, q).getRcode()).isEqualTo(Rcode.FORMERR);
    }
    Message one = query("www.example.com.");
    one.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
    try (Socket s = connect()) {
      Message r = exchange(s, one);
      assertThat(r.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(r.getSection(Section.ANSWER)).hasSize(1);
    }
  }

  @Test
  void trickle_oneByteAtATime_closedAtMessageDeadlineNotHeldForever() throws Exception {
    start(new DnsTcpLimits(64, Duration.ofSeconds(2), Duration.ofMillis(800)));
    byte[] wire = query("slow.example.com.").toWire();
    byte[] framed = new byte[wire.length + 2];
    framed[0] = (byte) (wire.length >> 8);
    framed[1] = (byte) wire.length;
    System.arraycopy(wire, 0, framed, 2, wire.length);
    try (Socket s = connect()) {
      long start = System.nanoTime();
      boolean closed = false;
      for (int i = 0; i < framed.length - 1 && !closed; i++) {
        try {
          s.getOutputStream().write(framed[i]);
          s.getOutputStream().flush();
        } catch (IOException e) {
          closed = true;
          break;
        }
        Thread.sleep(150); // well inside the 2 s idle timeout each time: only the message deadline can close it
        closed = closedByServer(s);
      }
      long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
      assertThat(closed).as("connection closed while trickling").isTrue();
      assertThat(elapsedMillis).isBetween(700L, 2_500L);
    }
    assertThat(tcpQuery("after.example.com.").getSection(Section.ANSWER)).hasSize(1);
  }

  @Test
  void zeroLengthFrames_doNotCountAsMessages_idleTimeoutStillCloses() throws Exception {
    start(new DnsTcpLimits(64, Duration.ofMillis(800), Duration.ofSeconds(5)));
    try (Socket s = connect()) {
      long start = System.nanoTime();
      boolean closed = false;
      while (!closed && System.nanoTime() - start < 3_000_000_000L) {
        try {
          s.getOutputStream().write(new byte[] {0, 0}); // an empty frame, every 100 ms
        } catch (IOException e) {
          closed = true;
          break;
        }
        Thread.sleep(100);
        closed = closedByServer(s);
      }
      assertThat(closed).isTrue();
      assertThat((System.nanoTime() - start) / 1_000_000).isBetween(600L, 2_000L);
    }
  }

  @Test
  void idle_afterAnswer_closedAfterIdleTimeoutAndPipelinedQueriesWork() throws Exception {
    start(new DnsTcpLimits(64, Duration.ofMillis(1_500), Duration.ofSeconds(5)));
    try (Socket warm = connect()) {
      exchange(warm, query("warm.example.com.")); // class loading on both sides, outside the timed part
    }
    try (Socket s = connect()) {
      for (int i = 0; i < 3; i++) {
        assertThat(exchange(s, query("q" + i + ".example.com.")).getSection(Section.ANSWER)).hasSize(1);
        Thread.sleep(900); // under the idle timeout: each complete message restarts it
      }
      assertThat(closedByServer(s)).isFalse();
      await().atMost(Duration.ofSeconds(4)).until(() -> closedByServer(s));
    }
    await().atMost(Duration.ofSeconds(3)).until(() -> server.tcpConnections() == 0);
  }

  @Test
  void cap_newConnectionShedsOldestIdle_recentlyUsedSurvives() throws Exception {
    start(new DnsTcpLimits(4, Duration.ofSeconds(30), Duration.ofSeconds(30)));
    List<Socket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        Socket s = connect();
        sockets.add(s);
        assertThat(exchange(s, query("c" + i + ".example.com.")).getSection(Section.ANSWER)).hasSize(1);
      }
      assertThat(exchange(sockets.get(0), query("again.example.com.")).getSection(Section.ANSWER)).hasSize(1);
      Socket fifth = connect();
      sockets.add(fifth);
      assertThat(exchange(fifth, query("fifth.example.com.")).getSection(Section.ANSWER)).hasSize(1);
      await().atMost(Duration.ofSeconds(2)).until(() -> closedByServer(sockets.get(1)));
      assertThat(closedByServer(sockets.get(0))).isFalse();
      assertThat(closedByServer(sockets.get(2))).isFalse();
      assertThat(server.tcpConnections()).isEqualTo(4);
      assertThat(server.tcpConnectionsShed()).isEqualTo(1);
    } finally {
      for (Socket s : sockets) {
        s.close();
      }
    }
  }

  @Test
  void manyIdleConnections_capHoldsAndUdpAndTcpStillAnswer() throws Exception {
    start(new DnsTcpLimits(50, Duration.ofSeconds(30), Duration.ofSeconds(30)));
    List<Socket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < 300; i++) {
        sockets.add(new Socket(InetAddress.getLoopbackAddress(), server.port()));
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> server.tcpConnections() <= 50 && server.tcpConnectionsShed() >= 250);
      assertThat(tcpQuery("tcp.example.com.").getSection(Section.ANSWER)).hasSize(1);
      SimpleResolver udp = new SimpleResolver(InetAddress.getLoopbackAddress());
      udp.setPort(server.port());
      assertThat(udp.send(query("udp.example.com.")).getSection(Section.ANSWER)).hasSize(1);
    } finally {
      for (Socket s : sockets) {
        s.close();
      }
    }
  }
}
