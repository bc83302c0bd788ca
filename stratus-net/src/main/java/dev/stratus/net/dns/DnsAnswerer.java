package dev.stratus.net.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.xbill.DNS.Message;

/**
 * Answers one DNS query; what a service (Route 53's authoritative zones) plugs into a
 * {@link DnsServer}.
 *
 * <p>Called on a Netty event loop: an implementation must answer from precomputed, in-memory
 * state (a snapshot lookup), never do I/O or block. It may build the response from
 * {@code query} or from scratch; the server fixes the header (id, QR, opcode, RD), replaces any
 * OPT record with its own EDNS0 echo, and truncates for UDP. An exception becomes SERVFAIL.
 */
@FunctionalInterface
public interface DnsAnswerer {

  /**
   * @param query a parsed query with exactly one question and opcode QUERY
   * @param client the address the query came from (the resolver)
   * @param clientSubnet the EDNS client subnet, if the resolver sent one with a non-zero prefix
   */
  DnsAnswer answer(Message query, InetSocketAddress client, Optional<ClientSubnet> clientSubnet);

  /**
   * The version of the state answers come from: while it is the same object, answers marked
   * {@link DnsAnswer.Caching#FIXED} or {@code BY_ANSWER} may be reused as bytes. Null (the
   * default) turns the server's answer cache off.
   */
  default Object cacheVersion() {
    return null;
  }

  /**
   * Whether {@code client} gets the answers every client gets, so that the server may answer it
   * from its answer cache; false for a client with a view of its own (an instance of a VPC,
   * answered as that VPC's resolver answers). Called per datagram on the event loop: a map lookup.
   */
  default boolean answersAlike(InetAddress client) {
    return true;
  }
}
