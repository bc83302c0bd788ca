package dev.stratus.net.dns;

import java.util.Objects;
import org.xbill.DNS.Message;

/**
 * An answerer's reply: the response message, and the ECS scope prefix length it is valid for
 * (RFC 7871 §7.2.1: 0 means "the same for every client", the source length means "only for
 * that subnet"). The scope is echoed only when the query carried a client subnet.
 */
public record DnsAnswer(Message response, int scopePrefixLength) {
  public DnsAnswer {
    Objects.requireNonNull(response, "response");
    if (scopePrefixLength < 0 || scopePrefixLength > 128) {
      throw new IllegalArgumentException("scope prefix length must be 0..128: " + scopePrefixLength);
    }
  }

  /** An answer that does not depend on the client's subnet (scope 0). */
  public static DnsAnswer of(Message response) {
    return new DnsAnswer(response, 0);
  }
}
