package dev.stratus.route53.model;

import java.util.Optional;

/**
 * A DNS record type Route 53 accepts in {@code ResourceRecordSet.Type}; the constant name is the
 * wire value. The DNS helper maps these to dnsjava's {@code Type} codes.
 */
public enum RrType {
  SOA, A, TXT, NS, CNAME, MX, NAPTR, PTR, SRV, SPF, AAAA, CAA, DS, TLSA, SSHFP, SVCB, HTTPS;

  /** The type for a wire value, or empty for a name Route 53 does not know. */
  public static Optional<RrType> fromWire(String value) {
    if (value == null) return Optional.empty();
    for (var t : values()) if (t.name().equals(value)) return Optional.of(t);
    return Optional.empty();
  }

  /** Whether an alias record may have this type (route53.md §16–17: alias answers as A/AAAA…). */
  public boolean aliasable() {
    return switch (this) {
      case A, AAAA, CNAME, CAA, MX, NAPTR, PTR, SPF, SRV, TXT, HTTPS, SVCB -> true;
      case SOA, NS, DS, TLSA, SSHFP -> false;
    };
  }
}
