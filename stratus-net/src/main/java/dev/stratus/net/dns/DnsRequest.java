package dev.stratus.net.dns;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.xbill.DNS.Message;

/**
 * A decoded incoming DNS message and who sent it, as the UDP and TCP decoders hand it on.
 *
 * @param message the parsed query; when {@code malformed} only its header is meaningful
 * @param malformed the header was readable but the body was not: the answer is FORMERR
 * @param sender the client (resolver) address
 * @param udp true for a datagram (responses are size-limited), false for TCP
 */
public record DnsRequest(Message message, boolean malformed, InetSocketAddress sender, boolean udp) {
  public DnsRequest {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(sender, "sender");
  }
}
