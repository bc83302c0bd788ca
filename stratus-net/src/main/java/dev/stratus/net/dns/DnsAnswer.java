package dev.stratus.net.dns;

import java.util.Objects;
import org.xbill.DNS.Message;

/**
 * An answerer's reply: the response message, and the ECS scope prefix length it is valid for
 * (RFC 7871 §7.2.1: 0 means "the same for every client", the source length means "only for
 * that subnet"). The scope is echoed only when the query carried a client subnet.
 */
public record DnsAnswer(Message response, int scopePrefixLength, Caching caching) {

  /**
   * Whether the server may reuse this answer's wire bytes for the same question (and the same
   * EDNS shape, without client subnet) while {@link DnsAnswerer#cacheVersion()} is unchanged.
   */
  public enum Caching {
    /** Never: it depends on the client, or on state outside the version (the default). */
    NONE,
    /** Always the same answer for the question. */
    FIXED,
    /**
     * One of a few answers drawn at random (weighted routing): the answerer is asked every time,
     * and the bytes are reused when its answer records are the same objects as a cached outcome.
     */
    BY_ANSWER,
    /**
     * The same answer for the same question from the same resolver address (latency or
     * geolocation routing of a query without client subnet).
     */
    BY_RESOLVER
  }

  public DnsAnswer(Message response, int scopePrefixLength) {
    this(response, scopePrefixLength, Caching.NONE);
  }

  public DnsAnswer {
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(caching, "caching");
    if (scopePrefixLength < 0 || scopePrefixLength > 128) {
      throw new IllegalArgumentException("scope prefix length must be 0..128: " + scopePrefixLength);
    }
  }

  /** An answer that does not depend on the client's subnet (scope 0). */
  public static DnsAnswer of(Message response) {
    return new DnsAnswer(response, 0);
  }
}
