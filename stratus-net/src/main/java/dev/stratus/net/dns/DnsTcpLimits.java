package dev.stratus.net.dns;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds of the DNS TCP listener.
 *
 * @param maxConnections open connections at most; a new one sheds the least recently useful
 *     (idle longest, else the slowest message in progress) before it is served
 * @param idleTimeout a connection with no message in progress is closed after this long since its
 *     last complete message (RFC 7766 §6.2.3: seconds, not minutes); bytes of a message that does
 *     not complete never reset it
 * @param messageTimeout once the first byte of a message arrives, the whole message (2-byte length
 *     plus body) must arrive within this; a client trickling a byte every few seconds is closed
 */
public record DnsTcpLimits(int maxConnections, Duration idleTimeout, Duration messageTimeout) {

  /** 1,024 connections, 10 s idle, 5 s for one whole message. */
  public static final DnsTcpLimits DEFAULT = new DnsTcpLimits(1_024, Duration.ofSeconds(10), Duration.ofSeconds(5));

  public DnsTcpLimits {
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(messageTimeout, "messageTimeout");
    if (maxConnections < 1 || idleTimeout.isNegative() || idleTimeout.isZero()
        || messageTimeout.isNegative() || messageTimeout.isZero()) {
      throw new IllegalArgumentException("DNS TCP limits must be positive: " + maxConnections + ", "
          + idleTimeout + ", " + messageTimeout);
    }
  }
}
