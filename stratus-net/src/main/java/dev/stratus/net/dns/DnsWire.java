package dev.stratus.net.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Bytes to dnsjava messages and back, shared by the UDP and TCP codecs: what is dropped, what is
 * FORMERR, and how an oversized response is truncated.
 */
final class DnsWire {

  /*
   * Decoding: fewer than 12 bytes has no readable header, and a message with QR=1 is a response
   * (answering it could start a reflection loop): both are dropped silently. A readable header
   * with an unreadable body (bad label, pointer loop, counts beyond the data, bad EDNS option) is
   * answered FORMERR with the query's id (RFC 1035 §4.1.1; RFC 7871 §7.1.1 for a bad ECS option).
   * dnsjava bounds pointer chains and never reads past the buffer, so parsing hostile input is
   * safe; any exception it throws counts as "unreadable body".
   * Encoding: a response larger than the limit is replaced by header + question + OPT with TC=1,
   * so the resolver retries over TCP (RFC 2181 §9 prefers an empty truncated answer to a partial
   * RRset; Route 53 §40).
   */

  /** A DNS header is 12 bytes (RFC 1035 §4.1.1). */
  static final int HEADER_BYTES = Header.LENGTH;
  /** UDP responses without EDNS0 are at most 512 bytes (RFC 1035 §4.2.1, route53.md §40). */
  static final int CLASSIC_UDP_BYTES = 512;
  /** Route 53 answers EDNS0 queries with up to 4,096 bytes over UDP (route53.md §40). */
  static final int MAX_EDNS_UDP_BYTES = 4_096;
  /** A TCP message is prefixed by a 2-byte length, so at most 65,535 bytes (RFC 1035 §4.2.2). */
  static final int MAX_TCP_BYTES = 65_535;

  private DnsWire() {}

  /** The request in {@code bytes}, or empty when it is to be dropped. Never throws. */
  static Optional<DnsRequest> decode(byte[] bytes, InetSocketAddress sender, boolean udp) {
    if (bytes.length < HEADER_BYTES) {
      return Optional.empty();
    }
    Header header;
    try {
      header = new Header(bytes);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    if (header.getFlag(Flags.QR)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new DnsRequest(new Message(bytes), false, sender, udp));
    } catch (IOException | RuntimeException e) {
      Message headerOnly = new Message(header.getID());
      headerOnly.getHeader().setOpcode(header.getOpcode());
      if (header.getFlag(Flags.RD)) {
        headerOnly.getHeader().setFlag(Flags.RD);
      }
      return Optional.of(new DnsRequest(headerOnly, true, sender, udp));
    }
  }

  /** The UDP response limit for a query: its EDNS0 payload size within 512..4,096, else 512. */
  static int udpLimit(Message query) {
    OPTRecord opt = query.getOPT();
    if (opt == null) {
      return CLASSIC_UDP_BYTES;
    }
    return Math.max(CLASSIC_UDP_BYTES, Math.min(MAX_EDNS_UDP_BYTES, opt.getPayloadSize()));
  }

  /** The wire form of {@code response} in at most {@code maxBytes}, truncated with TC=1 if needed. */
  static byte[] encode(Message response, int maxBytes) {
    byte[] wire = response.toWire();
    if (wire.length <= maxBytes) {
      return wire;
    }
    Message truncated = new Message(response.getHeader().getID());
    Header h = truncated.getHeader();
    h.setOpcode(response.getHeader().getOpcode());
    h.setRcode(response.getHeader().getRcode());
    for (int flag : new int[] {Flags.QR, Flags.AA, Flags.RD, Flags.RA, Flags.AD, Flags.CD}) {
      if (response.getHeader().getFlag(flag)) {
        h.setFlag(flag);
      }
    }
    h.setFlag(Flags.TC);
    for (Record question : response.getSection(Section.QUESTION)) {
      truncated.addRecord(question, Section.QUESTION);
    }
    if (response.getOPT() != null) {
      truncated.addRecord(response.getOPT(), Section.ADDITIONAL);
    }
    return truncated.toWire();
  }
}
