package dev.stratus.net.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The UDP answer cache: replays rendered bytes with the query's id, RD and case; asks again when it must. */
class DnsUdpAnswerCacheTest {
  private static final InetSocketAddress RESOLVER = new InetSocketAddress("127.0.0.1", 5000);
  private static final InetSocketAddress OTHER_RESOLVER = new InetSocketAddress("127.0.0.2", 5000);

  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicReference<Object> version = new AtomicReference<>(new Object());
  private final AtomicReference<DnsAnswer.Caching> caching = new AtomicReference<>(DnsAnswer.Caching.FIXED);

  private final DnsAnswerer answerer = new DnsAnswerer() {
    @Override
    public DnsAnswer answer(Message query, InetSocketAddress client, java.util.Optional<ClientSubnet> subnet) {
      int n = calls.incrementAndGet();
      Message r = new Message(query.getHeader().getID());
      r.addRecord(query.getQuestion(), Section.QUESTION);
      r.getHeader().setFlag(Flags.AA);
      try {
        r.addRecord(new ARecord(query.getQuestion().getName(), DClass.IN, 60,
            InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, (byte) n})), Section.ANSWER);
      } catch (java.net.UnknownHostException e) {
        throw new IllegalStateException(e);
      }
      return new DnsAnswer(r, 0, caching.get());
    }

    @Override
    public Object cacheVersion() { return version.get(); }
  };

  private final EmbeddedChannel channel = new EmbeddedChannel(new DnsUdpAnswerCache(answerer),
      new DnsDatagramDecoder(), new DnsDatagramEncoder(), new DnsRequestHandler(answerer));

  private Message ask(String name, int id, boolean rd, InetSocketAddress from, Record... additional) throws Exception {
    Message q = new Message(id);
    q.addRecord(Record.newRecord(Name.fromString(name), Type.A, DClass.IN), Section.QUESTION);
    if (rd) q.getHeader().setFlag(Flags.RD);
    for (Record r : additional) q.addRecord(r, Section.ADDITIONAL);
    channel.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(q.toWire()), RESOLVER, from));
    DatagramPacket out = channel.readOutbound();
    try {
      byte[] bytes = new byte[out.content().readableBytes()];
      out.content().readBytes(bytes);
      return new Message(bytes);
    } finally {
      out.release();
    }
  }

  private static String answer(Message m) {
    return m.getSection(Section.ANSWER).getFirst().rdataToString();
  }

  @Test
  void fixed_secondQuery_replayedWithItsIdRdAndCase() throws Exception {
    Message first = ask("www.example.com.", 1, true, RESOLVER);
    Message second = ask("WwW.Example.COM.", 2, false, RESOLVER);
    assertThat(calls.get()).isEqualTo(1);
    assertThat(answer(second)).isEqualTo(answer(first));
    assertThat(second.getHeader().getID()).isEqualTo(2);
    assertThat(second.getHeader().getFlag(Flags.RD)).isFalse();
    assertThat(second.getQuestion().getName().toString()).isEqualTo("WwW.Example.COM.");
  }

  @Test
  void newVersion_cacheDropped() throws Exception {
    ask("www.example.com.", 1, false, RESOLVER);
    version.set(new Object());
    assertThat(answer(ask("www.example.com.", 2, false, RESOLVER))).isEqualTo("192.0.2.2");
  }

  @Test
  void none_askedEveryTime_andClientSubnetQueriesBypassTheCache() throws Exception {
    caching.set(DnsAnswer.Caching.NONE);
    ask("www.example.com.", 1, false, RESOLVER);
    ask("www.example.com.", 2, false, RESOLVER);
    assertThat(calls.get()).isEqualTo(2);
    caching.set(DnsAnswer.Caching.FIXED);
    OPTRecord ecs = new OPTRecord(1232, 0, 0, 0, List.of(new ClientSubnetOption(24, InetAddress.getByName("10.0.0.0"))));
    ask("ecs.example.com.", 3, false, RESOLVER, ecs);
    ask("ecs.example.com.", 4, false, RESOLVER, ecs);
    assertThat(calls.get()).isEqualTo(4);
  }

  @Test
  void byResolver_keptPerResolverAddress() throws Exception {
    caching.set(DnsAnswer.Caching.BY_RESOLVER);
    ask("lat.example.com.", 1, false, RESOLVER);
    ask("lat.example.com.", 2, false, RESOLVER);
    ask("lat.example.com.", 3, false, OTHER_RESOLVER);
    ask("lat.example.com.", 4, false, OTHER_RESOLVER);
    assertThat(calls.get()).isEqualTo(2);
  }

  @Test
  void byAnswer_answererAskedEveryTime() throws Exception {
    caching.set(DnsAnswer.Caching.BY_ANSWER);
    assertThat(answer(ask("w.example.com.", 1, false, RESOLVER))).isEqualTo("192.0.2.1");
    assertThat(answer(ask("w.example.com.", 2, false, RESOLVER))).isEqualTo("192.0.2.2");
    assertThat(calls.get()).isEqualTo(2);
  }
}
