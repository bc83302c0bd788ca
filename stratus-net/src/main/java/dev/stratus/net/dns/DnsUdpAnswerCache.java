package dev.stratus.net.dns;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * The UDP hot path: answers a plain query (one question, no client subnet) from wire bytes
 * rendered earlier for the same question, patching the id, RD bit and the question's letter
 * case; anything else goes on to the dnsjava decoder. Not sharable: one cache per channel.
 */
final class DnsUdpAnswerCache extends ChannelInboundHandlerAdapter {

  /*
   * Parsing a query into a dnsjava Message and rendering the response with name compression cost
   * more than the answer itself, so the rendered bytes are kept per question key: the question's
   * name (lower-cased), type and class plus the EDNS shape (none, OPT, OPT with DO). The cache
   * belongs to one answerer version (DnsAnswerer#cacheVersion, e.g. one zone-snapshot set) and is
   * dropped whole when the version changes: answers follow a committed change at once.
   * FIXED answers are replayed without asking the answerer. BY_ANSWER answers (weighted routing)
   * still ask it, with a question built without parsing, and reuse the bytes of the outcome whose
   * answer records are the very same objects. BY_RESOLVER answers (latency, geolocation without
   * client subnet) are kept per resolver address. Only responses of at most 512 bytes are kept, so a
   * cached response fits every UDP limit and is never truncated. The cache is read and written on
   * the channel's event loop only; responses are written there and flushed once per read batch.
   */

  /** Responses up to this size are cached: they fit RFC 1035's 512-byte UDP limit. */
  static final int MAX_CACHED_BYTES = 512;
  /** Outcomes remembered per BY_ANSWER question (weighted groups rarely have more members). */
  static final int MAX_OUTCOMES = 16;
  /** Resolver addresses remembered per BY_RESOLVER question. */
  static final int MAX_RESOLVERS = 1_024;
  /** Questions remembered per version: 100,000 (≈ 30 MB at most), then new ones are not cached. */
  static final int MAX_ENTRIES = 100_000;

  private final DnsAnswerer answerer;
  private final DnsResponder responder;
  private Object version;
  private Map<Key, Entry> entries = new HashMap<>();
  private boolean pendingFlush;

  private sealed interface Entry permits Fixed, ByAnswer, ByResolver, Uncached {}

  /** Resolver address → bytes; replaced whole when a resolver is added (event loop only). */
  private record ByResolver(Map<InetAddress, byte[]> wires) implements Entry {}

  private record Fixed(byte[] wire) implements Entry {}

  private record Outcome(List<Record> answers, byte[] wire) {}

  private record ByAnswer(Record question, List<Outcome> outcomes) implements Entry {}

  private record Uncached() implements Entry {}

  private static final Uncached UNCACHED = new Uncached();

  /** The lower-cased question bytes plus the EDNS shape. */
  private static final class Key {
    private final byte[] bytes;
    private final int hash;

    Key(byte[] bytes) {
      this.bytes = bytes;
      this.hash = Arrays.hashCode(bytes);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.hash == hash && Arrays.equals(k.bytes, bytes);
    }

    @Override
    public int hashCode() { return hash; }
  }

  /** Where a plain query's parts are, or null when the packet is not a plain query. */
  private record Shape(int nameEnd, int questionEnd, int optState, int payload) {}

  DnsUdpAnswerCache(DnsAnswerer answerer) {
    this.answerer = Objects.requireNonNull(answerer, "answerer");
    this.responder = new DnsResponder(answerer);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof DatagramPacket packet)) {
      ctx.fireChannelRead(msg);
      return;
    }
    Object current = answerer.cacheVersion();
    ByteBuf buf = packet.content();
    Shape shape = current == null || !answerer.answersAlike(packet.sender().getAddress()) ? null : shape(buf);
    if (shape == null) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (current != version) {
      version = current;
      entries = new HashMap<>();
    }
    Key key = key(buf, shape);
    Entry entry = entries.get(key);
    byte[] wire;
    if (entry instanceof Fixed f) {
      wire = f.wire().clone();
    } else if (entry instanceof ByAnswer b) {
      wire = byAnswer(key, b, buf, shape, packet);
    } else if (entry instanceof ByResolver r && r.wires().containsKey(packet.sender().getAddress())) {
      wire = r.wires().get(packet.sender().getAddress()).clone();
    } else if (entry == null || entry instanceof ByResolver) {
      wire = firstTime(key, entry, buf, packet);
    } else {
      ctx.fireChannelRead(msg);
      return;
    }
    patch(wire, buf, shape);
    ctx.write(new DatagramPacket(Unpooled.wrappedBuffer(wire), packet.sender()));
    pendingFlush = true;
    packet.release();
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (pendingFlush) {
      pendingFlush = false;
      ctx.flush();
    }
    ctx.fireChannelReadComplete();
  }

  /** Full path (parse, answer, render), remembering the bytes when the answer allows it. */
  private byte[] firstTime(Key key, Entry previous, ByteBuf buf, DatagramPacket packet) {
    byte[] bytes = ByteBufUtil.getBytes(buf);
    DnsRequest request = DnsWire.decode(bytes, packet.sender(), true).orElseThrow();
    DnsResponse response = responder.respond(request);
    byte[] wire = DnsWire.encode(response.message(), response.maxBytes());
    boolean small = wire.length <= MAX_CACHED_BYTES;
    if (previous instanceof ByResolver r) {
      if (response.caching() == DnsAnswer.Caching.BY_RESOLVER && small && r.wires().size() < MAX_RESOLVERS) {
        Map<InetAddress, byte[]> more = new HashMap<>(r.wires());
        more.put(packet.sender().getAddress(), wire.clone());
        entries.put(key, new ByResolver(more));
      }
    } else if (entries.size() < MAX_ENTRIES) {
      Entry entry = switch (response.caching()) {
        case FIXED -> small ? new Fixed(wire.clone()) : UNCACHED;
        case BY_ANSWER -> new ByAnswer(request.message().getQuestion(),
            small ? List.of(new Outcome(response.message().getSection(Section.ANSWER), wire.clone())) : List.of());
        case BY_RESOLVER -> new ByResolver(small ? Map.of(packet.sender().getAddress(), wire.clone()) : Map.of());
        case NONE -> UNCACHED;
      };
      entries.put(key, entry);
    }
    return wire;
  }

  /** Asks the answerer (no parsing), then reuses the bytes of the same outcome if rendered before. */
  private byte[] byAnswer(Key key, ByAnswer entry, ByteBuf buf, Shape shape, DatagramPacket packet) {
    int base = buf.readerIndex();
    Message query = new Message(buf.getUnsignedShort(base));
    if ((buf.getByte(base + 2) & 1) != 0) {
      query.getHeader().setFlag(Flags.RD);
    }
    query.addRecord(entry.question(), Section.QUESTION);
    if (shape.optState() > 0) {
      query.addRecord(new OPTRecord(shape.payload(), 0, 0, shape.optState() == 2 ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
    }
    DnsResponse response = responder.respond(new DnsRequest(query, false, packet.sender(), true));
    List<Record> answers = response.message().getSection(Section.ANSWER);
    for (Outcome o : entry.outcomes()) {
      if (sameObjects(o.answers(), answers)) {
        return o.wire().clone();
      }
    }
    byte[] wire = DnsWire.encode(response.message(), response.maxBytes());
    if (response.caching() == DnsAnswer.Caching.BY_ANSWER && wire.length <= MAX_CACHED_BYTES
        && entry.outcomes().size() < MAX_OUTCOMES) {
      List<Outcome> more = new ArrayList<>(entry.outcomes());
      more.add(new Outcome(answers, wire.clone()));
      entries.put(key, new ByAnswer(entry.question(), List.copyOf(more)));
    }
    return wire;
  }

  private static boolean sameObjects(List<Record> a, List<Record> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i) != b.get(i)) {
        return false;
      }
    }
    return true;
  }

  /** The query's id and RD bit, and its question name exactly as sent (resolvers check the case). */
  private static void patch(byte[] wire, ByteBuf buf, Shape shape) {
    int base = buf.readerIndex();
    wire[0] = buf.getByte(base);
    wire[1] = buf.getByte(base + 1);
    wire[2] = (byte) ((wire[2] & ~1) | (buf.getByte(base + 2) & 1));
    buf.getBytes(base + DnsWire.HEADER_BYTES, wire, DnsWire.HEADER_BYTES, shape.nameEnd() - DnsWire.HEADER_BYTES);
  }

  private static Key key(ByteBuf buf, Shape shape) {
    int base = buf.readerIndex();
    int length = shape.questionEnd() - DnsWire.HEADER_BYTES;
    byte[] k = new byte[length + 1];
    buf.getBytes(base + DnsWire.HEADER_BYTES, k, 0, length);
    int nameLength = shape.nameEnd() - DnsWire.HEADER_BYTES;
    for (int i = 0; i < nameLength; i++) {
      if (k[i] >= 'A' && k[i] <= 'Z') {
        k[i] = (byte) (k[i] + ('a' - 'A'));
      }
    }
    k[length] = (byte) shape.optState();
    return new Key(k);
  }

  /**
   * A plain query: QR=0, opcode QUERY, one question with an uncompressed name, no answer or
   * authority records, and at most an OPT record of version 0 with no options (no client subnet).
   */
  static Shape shape(ByteBuf buf) {
    int base = buf.readerIndex();
    int n = buf.readableBytes();
    if (n < DnsWire.HEADER_BYTES + 5 || (buf.getByte(base + 2) & 0xf8) != 0
        || buf.getUnsignedShort(base + 4) != 1 || buf.getUnsignedShort(base + 6) != 0
        || buf.getUnsignedShort(base + 8) != 0) {
      return null;
    }
    int additional = buf.getUnsignedShort(base + 10);
    if (additional > 1) {
      return null;
    }
    int i = DnsWire.HEADER_BYTES;
    while (true) {
      if (i >= n) {
        return null;
      }
      int len = buf.getUnsignedByte(base + i);
      i++;
      if (len == 0) {
        break;
      }
      if (len > 63) {
        return null;
      }
      i += len;
      if (i - DnsWire.HEADER_BYTES > 255) {
        return null;
      }
    }
    int nameEnd = i;
    int questionEnd = nameEnd + 4;
    if (additional == 0) {
      return questionEnd == n ? new Shape(nameEnd, questionEnd, 0, 0) : null;
    }
    int opt = base + questionEnd;
    if (questionEnd + 11 != n || buf.getByte(opt) != 0 || buf.getUnsignedShort(opt + 1) != 41
        || buf.getByte(opt + 5) != 0 || buf.getByte(opt + 6) != 0 || buf.getUnsignedShort(opt + 9) != 0) {
      return null;
    }
    boolean dnssecOk = (buf.getUnsignedShort(opt + 7) & ExtendedFlags.DO) != 0;
    return new Shape(nameEnd, questionEnd, dnssecOk ? 2 : 1, buf.getUnsignedShort(opt + 3));
  }

}
