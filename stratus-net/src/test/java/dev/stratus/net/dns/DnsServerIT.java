package dev.stratus.net.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.testing.RequiredTool;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The server on a random loopback port, queried by dnsjava's SimpleResolver, dig, and a fuzzer. */
class DnsServerIT {

  private DnsServer server;
  private final AtomicReference<Optional<ClientSubnet>> seenSubnet = new AtomicReference<>(Optional.empty());

  /** "many.example.com." has 100 A records (too big for 512 bytes); every other name has one. */
  private final DnsAnswerer answerer = (query, client, subnet) -> {
    seenSubnet.set(subnet);
    Message r = new Message();
    r.addRecord(query.getQuestion(), Section.QUESTION);
    Name name = query.getQuestion().getName();
    int count = name.toString().startsWith("many.") ? 100 : 1;
    for (int i = 0; i < count; i++) {
      r.addRecord(new ARecord(name, DClass.IN, 60, address(i)), Section.ANSWER);
    }
    r.getHeader().setFlag(Flags.AA);
    return new DnsAnswer(r, subnet.map(ClientSubnet::sourcePrefixLength).orElse(0));
  };

  private static InetAddress address(int i) {
    try {
      return InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, (byte) i});
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @BeforeEach
  void start() {
    server = DnsServer.start("127.0.0.1", 0, answerer);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private SimpleResolver resolver(boolean tcp) throws Exception {
    SimpleResolver resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
    resolver.setPort(server.port());
    resolver.setTCP(tcp);
    resolver.setTimeout(Duration.ofSeconds(3));
    return resolver;
  }

  private static Message query(String name) throws Exception {
    return Message.newQuery(org.xbill.DNS.Record.newRecord(Name.fromString(name), Type.A, DClass.IN));
  }

  @Test
  void udpAndTcp_sameAnswerOnSamePort() throws Exception {
    assertThat(server.udpAddress().getPort()).isEqualTo(server.tcpAddress().getPort());
    for (boolean tcp : new boolean[] {false, true}) {
      Message response = resolver(tcp).send(query("www.example.com."));
      assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(response.getHeader().getFlag(Flags.AA)).isTrue();
      assertThat(response.getSection(Section.ANSWER)).hasSize(1);
    }
  }

  @Test
  void udp_bigAnswerWithoutEdns_truncatedThenTcpGetsAll() throws Exception {
    SimpleResolver udp = resolver(false);
    udp.setIgnoreTruncation(true);
    Message truncated = udp.send(query("many.example.com."));
    assertThat(truncated.getHeader().getFlag(Flags.TC)).isTrue();
    assertThat(truncated.getSection(Section.ANSWER)).isEmpty();
    Message full = resolver(true).send(query("many.example.com."));
    assertThat(full.getSection(Section.ANSWER)).hasSize(100);
  }

  @Test
  void udp_bigAnswerWithEdns4096_fits() throws Exception {
    SimpleResolver udp = resolver(false);
    udp.setEDNS(0, 4096, 0);
    udp.setIgnoreTruncation(true);
    Message response = udp.send(query("many.example.com."));
    assertThat(response.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(response.getSection(Section.ANSWER)).hasSize(100);
    assertThat(response.getOPT()).isNotNull();
  }

  @Test
  void clientSubnet_passedToAnswererAndEchoed() throws Exception {
    SimpleResolver udp = resolver(false);
    udp.setEDNS(0, 1232, 0, java.util.List.of(new ClientSubnetOption(24, InetAddress.getByName("198.51.100.0"))));
    Message response = udp.send(query("www.example.com."));
    assertThat(seenSubnet.get()).contains(new ClientSubnet(InetAddress.getByName("198.51.100.0"), 24));
    ClientSubnetOption echo = (ClientSubnetOption) response.getOPT().getOptions(8).get(0);
    assertThat(echo.getScopePrefixLength()).isEqualTo(24);
  }

  @Test
  void fuzz_thousandsOfBadPackets_serverSurvivesAndAnswersGoodQuery() throws Exception {
    Random random = new Random(42);
    byte[] good = query("www.example.com.").toWire();
    try (DatagramSocket socket = new DatagramSocket()) {
      InetSocketAddress target = server.udpAddress();
      for (int i = 0; i < 5_000; i++) {
        byte[] packet = switch (i % 4) {
          case 0 -> randomBytes(random, random.nextInt(600));
          case 1 -> java.util.Arrays.copyOf(good, random.nextInt(good.length)); // truncated
          case 2 -> mutate(random, good);
          default -> pointerLoopWithHugeCounts(random);
        };
        socket.send(new DatagramPacket(packet, packet.length, target));
      }
      // The fuzzer's socket stays open until here, so the server's FORMERR replies land somewhere
      // instead of provoking ICMP port-unreachable errors that a real resolver would never cause.
      assertThat(server.isOpen()).isTrue();
      Message response = sendWithRetries(resolver(false), query("after.example.com."));
      assertThat(response.getSection(Section.ANSWER)).hasSize(1);
    }
    Message tcpResponse = resolver(true).send(query("after.example.com."));
    assertThat(tcpResponse.getSection(Section.ANSWER)).hasSize(1);
  }

  @Test
  void fuzz_tcpGarbageStreams_serverSurvivesAndAnswersGoodQuery() throws Exception {
    Random random = new Random(7);
    for (int c = 0; c < 50; c++) {
      try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), server.port())) {
        socket.setSoLinger(true, 0);
        var out = new java.io.DataOutputStream(socket.getOutputStream());
        for (int f = 0; f < 20; f++) {
          byte[] frame = randomBytes(random, random.nextInt(300));
          out.writeShort(random.nextInt(4) == 0 ? random.nextInt(65_536) : frame.length); // sometimes lies
          out.write(frame);
        }
        out.flush();
      } catch (java.io.IOException e) {
        // the server may close a connection it finds broken; that is allowed
      }
    }
    assertThat(server.isOpen()).isTrue();
    Message response = resolver(true).send(query("after.example.com."));
    assertThat(response.getSection(Section.ANSWER)).hasSize(1);
  }

  @Test
  void tcp_garbageFrame_formErrAndConnectionSurvivesForNext() throws Exception {
    try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.setSoTimeout(3_000);
      var out = new java.io.DataOutputStream(socket.getOutputStream());
      var in = new java.io.DataInputStream(socket.getInputStream());
      byte[] bad = {0x00, 0x09, 0x01, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, (byte) 0xc0, 0x0c};
      out.writeShort(bad.length);
      out.write(bad);
      byte[] good = query("www.example.com.").toWire();
      out.writeShort(good.length);
      out.write(good);
      out.flush();
      Message first = new Message(in.readNBytes(in.readUnsignedShort()));
      Message second = new Message(in.readNBytes(in.readUnsignedShort()));
      assertThat(first.getRcode()).isEqualTo(Rcode.FORMERR);
      assertThat(first.getHeader().getID()).isEqualTo(9);
      assertThat(second.getSection(Section.ANSWER)).hasSize(1);
    }
  }

  /** Retries like a stub resolver would: on a loaded 2-core machine the fuzz backlog can take a while. */
  private static Message sendWithRetries(SimpleResolver resolver, Message query) throws Exception {
    java.io.IOException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        return resolver.send(query);
      } catch (java.io.IOException e) {
        last = e;
      }
    }
    throw last;
  }

  @Test
  void dig_queryOverUdpAndTcp_getsAnswer() throws Exception {
    RequiredTool.require("dig", RequiredTool.onPath("dig"));
    for (String transport : new String[] {"+notcp", "+tcp"}) {
      Process dig = new ProcessBuilder("dig", "@127.0.0.1", "-p", String.valueOf(server.port()), transport,
          "+time=2", "+tries=1", "www.example.com", "A").redirectErrorStream(true).start();
      assertThat(dig.waitFor(10, TimeUnit.SECONDS)).isTrue();
      String output = new String(dig.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(output).contains("status: NOERROR").contains("flags: qr aa rd").contains("192.0.2.0");
    }
  }

  private static byte[] randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    if (length > 2) {
      bytes[2] &= 0x7f; // mostly queries (QR=0), so they get past the header check
    }
    return bytes;
  }

  private static byte[] mutate(Random random, byte[] good) {
    byte[] bytes = good.clone();
    for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
      bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
    }
    return bytes;
  }

  private static byte[] pointerLoopWithHugeCounts(Random random) {
    int a = 12 + random.nextInt(4);
    return new byte[] {
        (byte) random.nextInt(256), 0x01, 0x01, 0x00, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
        (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
        (byte) 0xc0, (byte) a, (byte) 0xc0, 0x0c, (byte) 0xc0, 0x0e, 0x00, 0x01, 0x00, 0x01};
  }
}
