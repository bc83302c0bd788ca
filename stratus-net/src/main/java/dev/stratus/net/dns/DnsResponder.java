package dev.stratus.net.dns;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Turns one decoded request into the response the server sends: protocol checks, the
 * {@link DnsAnswerer} call, header fix-up and the EDNS0 / client-subnet echo.
 */
final class DnsResponder {

  /*
   * Order: malformed body → FORMERR; more than one OPT record → FORMERR without OPT (RFC 6891
   * §6.1.1, as NSD answers); opcode other than QUERY → NOTIMP; EDNS version above 0 →
   * BADVERS with an OPT of version 0 (RFC 6891 §6.1.3); not exactly one question → FORMERR; otherwise the answerer decides. Whatever the answerer returns, the header gets the
   * query's id, QR=1, the query's opcode and RD, and the OPT record is ours: when the query had
   * one, the response has one with payload 4,096 and the DO bit echoed (RFC 6891 §6.1.1, §7),
   * plus the client-subnet option echoed with the answerer's scope (RFC 7871 §7.2.1). An
   * exception from the answerer is logged once and answered SERVFAIL; it never reaches Netty.
   */

  private static final Logger LOG = Logger.getLogger(DnsResponder.class.getName());

  private final DnsAnswerer answerer;

  DnsResponder(DnsAnswerer answerer) {
    this.answerer = Objects.requireNonNull(answerer, "answerer");
  }

  DnsResponse respond(DnsRequest request) {
    Message query = request.message();
    int limit = request.udp() ? DnsWire.udpLimit(query) : DnsWire.MAX_TCP_BYTES;
    if (request.malformed()) {
      return new DnsResponse(error(query, Rcode.FORMERR), request.sender(), limit);
    }
    if (optCount(query) > 1) {
      return new DnsResponse(error(query, Rcode.FORMERR), request.sender(), limit);
    }
    if (query.getHeader().getOpcode() != Opcode.QUERY) {
      return new DnsResponse(withOpt(error(query, Rcode.NOTIMP), query, Optional.empty(), 0), request.sender(), limit);
    }
    OPTRecord opt = query.getOPT();
    if (opt != null && opt.getVersion() > 0) {
      Message badVersion = error(query, Rcode.NOERROR);
      badVersion.addRecord(new OPTRecord(DnsWire.MAX_EDNS_UDP_BYTES, Rcode.BADVERS >> 4, 0), Section.ADDITIONAL);
      return new DnsResponse(badVersion, request.sender(), limit);
    }
    if (query.getHeader().getCount(Section.QUESTION) != 1) {
      return new DnsResponse(withOpt(error(query, Rcode.FORMERR), query, Optional.empty(), 0), request.sender(), limit);
    }
    Optional<ClientSubnetOption> ecs = clientSubnetOption(query);
    Optional<ClientSubnet> subnet = ecs.filter(o -> o.getSourcePrefixLength() > 0)
        .map(o -> new ClientSubnet(o.getAddress(), o.getSourcePrefixLength()));
    Message response;
    int scope;
    DnsAnswer.Caching caching;
    try {
      DnsAnswer answer = answerer.answer(query, request.sender(), subnet);
      response = answer.response();
      scope = answer.scopePrefixLength();
      caching = ecs.isPresent() ? DnsAnswer.Caching.NONE : answer.caching();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "DNS answerer failed for " + query.getQuestion(), e);
      response = error(query, Rcode.SERVFAIL);
      scope = 0;
      caching = DnsAnswer.Caching.NONE;
    }
    fixHeader(response, query);
    return new DnsResponse(withOpt(response, query, ecs, scope), request.sender(), limit, caching);
  }

  private static long optCount(Message query) {
    return query.getSection(Section.ADDITIONAL).stream().filter(OPTRecord.class::isInstance).count();
  }

  /** A response with only the query's question (if any) and {@code rcode}. */
  static Message error(Message query, int rcode) {
    Message response = new Message(query.getHeader().getID());
    for (Record q : query.getSection(Section.QUESTION)) {
      response.addRecord(q, Section.QUESTION);
    }
    response.getHeader().setRcode(rcode);
    fixHeader(response, query);
    return response;
  }

  private static void fixHeader(Message response, Message query) {
    Header h = response.getHeader();
    Header q = query.getHeader();
    h.setID(q.getID());
    h.setFlag(Flags.QR);
    h.setOpcode(q.getOpcode());
    if (q.getFlag(Flags.RD)) {
      h.setFlag(Flags.RD);
    } else {
      h.unsetFlag(Flags.RD);
    }
  }

  private static Message withOpt(Message response, Message query, Optional<ClientSubnetOption> ecs, int scope) {
    List<Record> additional = new ArrayList<>(response.getSection(Section.ADDITIONAL));
    response.removeAllRecords(Section.ADDITIONAL);
    for (Record r : additional) {
      if (!(r instanceof OPTRecord)) {
        response.addRecord(r, Section.ADDITIONAL);
      }
    }
    OPTRecord queryOpt = query.getOPT();
    if (queryOpt == null) {
      return response;
    }
    List<EDNSOption> options = new ArrayList<>();
    ecs.ifPresent(o -> options.add(echo(o, scope)));
    int flags = queryOpt.getFlags() & ExtendedFlags.DO;
    response.addRecord(new OPTRecord(DnsWire.MAX_EDNS_UDP_BYTES, 0, 0, flags, options), Section.ADDITIONAL);
    return response;
  }

  private static ClientSubnetOption echo(ClientSubnetOption o, int scope) {
    InetAddress address = o.getAddress();
    int max = address.getAddress().length * 8;
    return new ClientSubnetOption(o.getSourcePrefixLength(), Math.min(scope, max), address);
  }

  private static Optional<ClientSubnetOption> clientSubnetOption(Message query) {
    OPTRecord opt = query.getOPT();
    if (opt == null) {
      return Optional.empty();
    }
    return opt.getOptions(EDNSOption.Code.CLIENT_SUBNET).stream()
        .filter(ClientSubnetOption.class::isInstance)
        .map(ClientSubnetOption.class::cast)
        .findFirst();
  }
}
