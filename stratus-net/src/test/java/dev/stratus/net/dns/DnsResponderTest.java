package dev.stratus.net.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class DnsResponderTest {

  private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 5555);
  private final AtomicReference<Optional<ClientSubnet>> seenSubnet = new AtomicReference<>();

  /** Answers every A query with 192.0.2.1 plus a glue record, scope 24. */
  private final DnsAnswerer answerer = (query, client, subnet) -> {
    seenSubnet.set(subnet);
    Message r = new Message();
    r.addRecord(query.getQuestion(), Section.QUESTION);
    try {
      r.addRecord(new ARecord(query.getQuestion().getName(), DClass.IN, 60, InetAddress.getByName("192.0.2.1")),
          Section.ANSWER);
      r.addRecord(new ARecord(Name.fromString("glue.example.com."), DClass.IN, 60, InetAddress.getByName("192.0.2.2")),
          Section.ADDITIONAL);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    r.getHeader().setFlag(Flags.AA);
    return new DnsAnswer(r, 24);
  };

  private final DnsResponder responder = new DnsResponder(answerer);

  private DnsResponse respond(Message query) {
    return responder.respond(DnsWire.decode(query.toWire(), CLIENT, true).orElseThrow());
  }

  @Test
  void respond_plainQuery_headerFixedNoOpt() throws Exception {
    Message q = DnsWireTest.query("www.example.com.", Type.A);
    DnsResponse r = respond(q);
    assertThat(r.message().getHeader().getID()).isEqualTo(q.getHeader().getID());
    assertThat(r.message().getHeader().getFlag(Flags.QR)).isTrue();
    assertThat(r.message().getHeader().getFlag(Flags.RD)).isTrue();
    assertThat(r.message().getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(r.message().getOPT()).isNull();
    assertThat(r.message().getSection(Section.ADDITIONAL)).hasSize(1);
    assertThat(r.maxBytes()).isEqualTo(512);
    assertThat(seenSubnet.get()).isEmpty();
  }

  @Test
  void respond_ednsWithClientSubnet_subnetPassedAndEchoedWithScope() throws Exception {
    Message q = DnsWireTest.query("www.example.com.", Type.A);
    q.addRecord(new OPTRecord(1232, 0, 0, ExtendedFlags.DO,
        new ClientSubnetOption(24, InetAddress.getByName("203.0.113.0"))), Section.ADDITIONAL);
    DnsResponse r = respond(q);
    assertThat(seenSubnet.get()).contains(new ClientSubnet(InetAddress.getByName("203.0.113.0"), 24));
    OPTRecord opt = r.message().getOPT();
    assertThat(opt.getPayloadSize()).isEqualTo(4096);
    assertThat(opt.getFlags() & ExtendedFlags.DO).isEqualTo(ExtendedFlags.DO);
    ClientSubnetOption echo = (ClientSubnetOption) opt.getOptions(EDNSOption.Code.CLIENT_SUBNET).get(0);
    assertThat(echo.getSourcePrefixLength()).isEqualTo(24);
    assertThat(echo.getScopePrefixLength()).isEqualTo(24);
    assertThat(r.maxBytes()).isEqualTo(1232);
    assertThat(r.message().getSection(Section.ADDITIONAL)).hasSize(2); // glue + OPT
  }

  @Test
  void respond_clientSubnetPrefixZero_notPassedButEchoed() throws Exception {
    Message q = DnsWireTest.query("www.example.com.", Type.A);
    q.addRecord(new OPTRecord(4096, 0, 0, 0, new ClientSubnetOption(0, InetAddress.getByName("0.0.0.0"))),
        Section.ADDITIONAL);
    DnsResponse r = respond(q);
    assertThat(seenSubnet.get()).isEmpty();
    assertThat(r.message().getOPT().getOptions(EDNSOption.Code.CLIENT_SUBNET)).hasSize(1);
  }

  @Test
  void respond_notQueryOpcode_notImp() throws Exception {
    Message q = DnsWireTest.query("www.example.com.", Type.A);
    q.getHeader().setOpcode(Opcode.UPDATE);
    assertThat(respond(q).message().getHeader().getRcode()).isEqualTo(Rcode.NOTIMP);
  }

  @Test
  void respond_ednsVersion1_badVers() throws Exception {
    Message q = DnsWireTest.query("www.example.com.", Type.A);
    q.addRecord(new OPTRecord(1232, 0, 1), Section.ADDITIONAL);
    Message r = new Message(DnsWire.encode(respond(q).message(), 512));
    assertThat(r.getRcode()).isEqualTo(Rcode.BADVERS);
    assertThat(r.getOPT().getVersion()).isZero();
    assertThat(seenSubnet.get()).isNull();
  }

  @Test
  void respond_noQuestion_formErr() {
    Message q = new Message();
    assertThat(respond(q).message().getHeader().getRcode()).isEqualTo(Rcode.FORMERR);
  }

  @Test
  void respond_malformedBody_formErr() {
    byte[] packet = {0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, (byte) 0xc0, 0x0c};
    DnsResponse r = responder.respond(DnsWire.decode(packet, CLIENT, true).orElseThrow());
    assertThat(r.message().getHeader().getRcode()).isEqualTo(Rcode.FORMERR);
    assertThat(r.message().getHeader().getID()).isEqualTo(0x1234);
  }

  @Test
  void respond_answererThrows_servFail() throws Exception {
    DnsResponder failing = new DnsResponder((q, c, s) -> {
      throw new IllegalStateException("boom");
    });
    Message q = DnsWireTest.query("www.example.com.", Type.A);
    DnsResponse r = failing.respond(DnsWire.decode(q.toWire(), CLIENT, false).orElseThrow());
    assertThat(r.message().getHeader().getRcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(r.maxBytes()).isEqualTo(65_535);
  }
}
