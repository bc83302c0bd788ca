package dev.stratus.ec2.reachability;

/**
 * An IP protocol as rules name it: {@code IpProtocol} of a security-group permission or the
 * {@code Protocol} of a network-ACL entry, both of which AWS prints either as a name or a number.
 */
public enum Protocol {
  /** Every protocol: {@code -1}. Rules only; a path always has one protocol. */
  ALL("-1", -1),
  /** TCP, protocol number 6. */
  TCP("tcp", 6),
  /** UDP, protocol number 17. */
  UDP("udp", 17),
  /** ICMP, protocol number 1; a path with ICMP is an echo request (type 8). */
  ICMP("icmp", 1),
  /** ICMPv6, protocol number 58. */
  ICMPV6("icmpv6", 58);

  private final String wire;
  private final int number;

  Protocol(String wire, int number) {
    this.wire = wire;
    this.number = number;
  }

  /** The name AWS prints ({@code -1}, {@code tcp}, …). */
  public String wire() { return wire; }

  /** The IANA protocol number as NACL entries print it; -1 for all. */
  public int number() { return number; }

  /** Whether ports apply (TCP and UDP). */
  public boolean hasPorts() { return this == TCP || this == UDP; }

  /** Whether a rule for this protocol matches a packet of {@code packet}. */
  public boolean matches(Protocol packet) { return this == ALL || this == packet; }

  /**
   * Reads {@code -1}, {@code all}, a name or an IANA number as AWS prints them.
   *
   * @throws IllegalArgumentException for a protocol the analyzer does not model (fail closed:
   *     the caller turns the rule into one that matches nothing)
   */
  public static Protocol fromAws(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    for (Protocol p : values()) {
      if (p.wire.equals(t) || Integer.toString(p.number).equals(t)) return p;
    }
    if (t.equals("all")) return ALL;
    throw new IllegalArgumentException("unsupported protocol: " + text);
  }
}
