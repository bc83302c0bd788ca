package dev.stratus.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;

/**
 * The Route 53 DNS listener under malformed UDP and TCP input, trickling and idle TCP clients:
 * it keeps answering good queries on both transports and the API stays up.
 */
class DnsFuzzIT {

  private static final String NAME = "www.fuzz.example.com.";

  @Test
  void malformedPacketsTrickleAndIdleConnections_goodQueriesStillAnswered() throws Exception {
    Mode mode = Mode.current();
    StratusChild stratus = StratusChild.shared();
    assertThat(stratus.dnsPort()).isPositive();
    try (Route53Client r53 = stratus.client(Route53Client.builder())) {
      String zone = r53.createHostedZone(b -> b.name("fuzz.example.com").callerReference("fuzz-" + System.nanoTime()))
          .hostedZone().id();
      r53.changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(cb -> cb.changes(c -> c
          .action(ChangeAction.CREATE).resourceRecordSet(s -> s.name(NAME).type(RRType.A).ttl(60L)
              .resourceRecords(rr -> rr.value("192.0.2.10"))))));
    }
    Figures figures = new Figures("dns-fuzz");
    long rss0 = stratus.rssKib();
    long fds0 = stratus.openFds();
    assertThat(answered(stratus, false)).isTrue();

    // 1. Malformed and mutated datagrams, with a good query every 200 ms alongside.
    Random random = new Random(1);
    byte[] good = query(NAME).toWire();
    long packets = 0;
    int goodOk = 0;
    int goodFailed = 0;
    long end = System.nanoTime() + mode.dnsFuzz().toNanos();
    long nextProbe = 0;
    try (DatagramChannel udp = DatagramChannel.open()) {
      udp.configureBlocking(false);
      InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), stratus.dnsPort());
      while (System.nanoTime() < end) {
        for (int i = 0; i < 200; i++) {
          udp.send(ByteBuffer.wrap(malformed(random, good)), target);
          packets++;
        }
        ByteBuffer sink = ByteBuffer.allocate(4096);
        while (udp.receive(sink) != null) {
          sink.clear(); // drop the answers
        }
        if (System.nanoTime() > nextProbe) {
          if (answered(stratus, false)) {
            goodOk++;
          } else {
            goodFailed++;
          }
          nextProbe = System.nanoTime() + 200_000_000L;
        }
      }
    }
    figures.put("udpPackets", packets).put("goodDuringFuzzOk", goodOk).put("goodDuringFuzzFailed", goodFailed);
    assertThat(answered(stratus, false)).as("UDP answers after the fuzz").isTrue();

    // 2. Two OPT records: FORMERR (RFC 6891 §6.1.1).
    Message twoOpt = query(NAME);
    twoOpt.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
    twoOpt.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
    try (Socket s = tcp(stratus)) {
      assertThat(exchange(s, twoOpt.toWire()).getRcode()).isEqualTo(Rcode.FORMERR);
    }

    // 3. TCP garbage streams.
    for (int c = 0; c < 50; c++) {
      try (Socket s = tcp(stratus)) {
        s.setSoLinger(true, 0);
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        for (int f = 0; f < 10; f++) {
          byte[] frame = malformed(random, good);
          out.writeShort(random.nextInt(4) == 0 ? random.nextInt(65_536) : frame.length);
          out.write(frame);
        }
        out.flush();
      } catch (IOException e) {
        // the server may close a broken stream first
      }
    }
    assertThat(answered(stratus, true)).as("TCP answers after garbage streams").isTrue();

    // 4. Tricklers: one byte of a framed query every second; the server must close them.
    byte[] framed = new byte[good.length + 2];
    framed[0] = (byte) (good.length >> 8);
    framed[1] = (byte) good.length;
    System.arraycopy(good, 0, framed, 2, good.length);
    List<Socket> tricklers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      tricklers.add(tcp(stratus));
    }
    long trickleStart = System.nanoTime();
    int closedByServer = 0;
    for (int second = 0; second < 12 && closedByServer < tricklers.size(); second++) {
      closedByServer = 0;
      for (Socket s : tricklers) {
        try {
          s.getOutputStream().write(framed[second % framed.length]);
          s.setSoTimeout(1);
          if (s.getInputStream().read() == -1) {
            closedByServer++;
          }
        } catch (java.net.SocketTimeoutException e) {
          // still open
        } catch (IOException e) {
          closedByServer++;
        }
      }
      Thread.sleep(1_000);
    }
    long trickleMillis = (System.nanoTime() - trickleStart) / 1_000_000;
    for (Socket s : tricklers) {
      s.close();
    }
    figures.put("tricklersClosedByServer", closedByServer + "/" + tricklers.size()).put("trickleSeconds", trickleMillis / 1000);
    assertThat(closedByServer).as("trickling clients closed by the whole-message deadline").isEqualTo(tricklers.size());

    // 5. More idle TCP connections than the cap: the oldest are shed, new queries still served.
    List<Socket> idle = new ArrayList<>();
    AtomicInteger refused = new AtomicInteger();
    for (int i = 0; i < 1_100; i++) {
      try {
        idle.add(tcp(stratus));
      } catch (IOException e) {
        refused.incrementAndGet();
      }
    }
    boolean tcpUnderIdle = answered(stratus, true);
    boolean udpUnderIdle = answered(stratus, false);
    boolean apiUnderIdle = stratus.healthy(Duration.ofSeconds(5));
    int shed = 0;
    for (Socket s : idle) {
      try {
        s.setSoTimeout(1);
        if (s.getInputStream().read() == -1) {
          shed++;
        }
      } catch (java.net.SocketTimeoutException e) {
        // still open
      } catch (IOException e) {
        shed++;
      }
      s.close();
    }
    figures.put("idleOpened", idle.size()).put("idleShed", shed).put("idleRefused", refused.get());
    assertThat(tcpUnderIdle && udpUnderIdle && apiUnderIdle).as("TCP, UDP and API answer with 1,100 idle DNS connections")
        .isTrue();

    assertThat(stratus.alive()).isTrue();
    figures.put("rssKiB", rss0 + "->" + stratus.rssKib()).put("fds", fds0 + "->" + stratus.openFds()).report();
  }

  private static Message query(String name) throws Exception {
    return Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN));
  }

  /** Random bytes, or a good query with a few bytes flipped, cut short, or with hostile counts. */
  static byte[] malformed(Random random, byte[] good) {
    switch (random.nextInt(5)) {
      case 0 -> {
        byte[] b = new byte[random.nextInt(600)];
        random.nextBytes(b);
        return b;
      }
      case 1 -> {
        byte[] b = good.clone();
        for (int i = 0; i < 1 + random.nextInt(4); i++) {
          b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return b;
      }
      case 2 -> {
        return java.util.Arrays.copyOf(good, random.nextInt(good.length));
      }
      case 3 -> {
        byte[] b = good.clone();
        b[4] = (byte) 0xff; // QDCOUNT 65,535 with one question's worth of data
        b[5] = (byte) 0xff;
        b[10] = (byte) random.nextInt(256); // ARCOUNT
        return b;
      }
      default -> {
        byte[] b = java.util.Arrays.copyOf(good, good.length + 2);
        b[good.length] = (byte) 0xc0; // a compression pointer to itself
        b[good.length + 1] = (byte) good.length;
        b[7] = 1; // ANCOUNT 1
        return b;
      }
    }
  }

  private static Socket tcp(StratusChild stratus) throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), stratus.dnsPort());
    s.setSoTimeout(5_000);
    return s;
  }

  private static Message exchange(Socket s, byte[] wire) throws IOException {
    DataOutputStream out = new DataOutputStream(s.getOutputStream());
    out.writeShort(wire.length);
    out.write(wire);
    out.flush();
    DataInputStream in = new DataInputStream(s.getInputStream());
    return new Message(in.readNBytes(in.readUnsignedShort()));
  }

  /** A good query answered with the record, over UDP or TCP (three tries, as a stub would). */
  static boolean answered(StratusChild stratus, boolean tcp) {
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        SimpleResolver r = new SimpleResolver(InetAddress.getLoopbackAddress());
        r.setPort(stratus.dnsPort());
        r.setTCP(tcp);
        r.setTimeout(Duration.ofSeconds(2));
        Message m = r.send(query(NAME));
        if (m.getRcode() == Rcode.NOERROR && m.getSection(Section.ANSWER).size() == 1) {
          return true;
        }
      } catch (Exception e) {
        // try again
      }
    }
    return false;
  }
}
