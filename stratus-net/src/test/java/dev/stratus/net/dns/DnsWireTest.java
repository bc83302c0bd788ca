package dev.stratus.net.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class DnsWireTest {

  private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 5555);

  static Message query(String name, int type) throws Exception {
    return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
  }

  @Test
  void decode_shorterThanHeader_dropped() {
    assertThat(DnsWire.decode(new byte[11], CLIENT, true)).isEmpty();
  }

  @Test
  void decode_responseBitSet_dropped() throws Exception {
    Message m = query("a.example.com.", Type.A);
    m.getHeader().setFlag(Flags.QR);
    assertThat(DnsWire.decode(m.toWire(), CLIENT, true)).isEmpty();
  }

  @Test
  void decode_goodQuery_parsed() throws Exception {
    DnsRequest r = DnsWire.decode(query("a.example.com.", Type.A).toWire(), CLIENT, true).orElseThrow();
    assertThat(r.malformed()).isFalse();
    assertThat(r.message().getQuestion().getName().toString()).isEqualTo("a.example.com.");
  }

  @Test
  void decode_pointerLoop_malformedWithQueryId() {
    byte[] packet = {
        0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        (byte) 0xc0, 0x0c, 0x00, 0x01, 0x00, 0x01}; // name = pointer to itself
    DnsRequest r = DnsWire.decode(packet, CLIENT, true).orElseThrow();
    assertThat(r.malformed()).isTrue();
    assertThat(r.message().getHeader().getID()).isEqualTo(0x1234);
    assertThat(r.message().getHeader().getFlag(Flags.RD)).isTrue();
  }

  @Test
  void decode_hugeCountsBeyondData_malformed() {
    byte[] packet = {0x00, 0x07, 0x00, 0x00, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0, 1, 'a', 0};
    assertThat(DnsWire.decode(packet, CLIENT, false).orElseThrow().malformed()).isTrue();
  }

  @Test
  void udpLimit_noEdns512_ednsClampedTo4096() throws Exception {
    Message plain = query("a.example.com.", Type.A);
    assertThat(DnsWire.udpLimit(plain)).isEqualTo(512);
    Message edns = query("a.example.com.", Type.A);
    edns.addRecord(new OPTRecord(65_000, 0, 0), Section.ADDITIONAL);
    assertThat(DnsWire.udpLimit(edns)).isEqualTo(4_096);
    Message tiny = query("a.example.com.", Type.A);
    tiny.addRecord(new OPTRecord(100, 0, 0), Section.ADDITIONAL);
    assertThat(DnsWire.udpLimit(tiny)).isEqualTo(512);
  }

  @Test
  void encode_tooBig_truncatedWithTcQuestionAndOpt() throws Exception {
    Message response = query("big.example.com.", Type.A);
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setFlag(Flags.AA);
    for (int i = 0; i < 100; i++) {
      response.addRecord(new ARecord(Name.fromString("big.example.com."), DClass.IN, 60,
          InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) i})), Section.ANSWER);
    }
    response.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
    byte[] wire = DnsWire.encode(response, 512);
    assertThat(wire.length).isLessThanOrEqualTo(512);
    Message parsed = new Message(wire);
    assertThat(parsed.getHeader().getFlag(Flags.TC)).isTrue();
    assertThat(parsed.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(parsed.getSection(Section.ANSWER)).isEmpty();
    assertThat(parsed.getQuestion().getName().toString()).isEqualTo("big.example.com.");
    assertThat(parsed.getOPT()).isNotNull();
    assertThat(new Message(DnsWire.encode(response, 4_096)).getSection(Section.ANSWER)).hasSize(100);
  }
}
