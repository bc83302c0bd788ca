package dev.stratus.net.dns;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.xbill.DNS.Message;

/**
 * A response ready for the wire: the message, its destination, and the most bytes it may take
 * (the UDP limit from RFC 1035 / the query's EDNS0 payload size, or 65,535 for TCP).
 */
public record DnsResponse(Message message, InetSocketAddress recipient, int maxBytes, DnsAnswer.Caching caching) {
  public DnsResponse {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(caching, "caching");
  }

  /** A response that is not to be cached. */
  public DnsResponse(Message message, InetSocketAddress recipient, int maxBytes) {
    this(message, recipient, maxBytes, DnsAnswer.Caching.NONE);
  }
}
