package dev.stratus.core.dns;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One DNS name an AWS resource answers on and what it resolves to: what a Route 53 alias record
 * pointing at the resource answers, and what Stratus's DNS server answers for the name itself.
 *
 * @param name the resource's DNS name under Stratus's scheme ({@link DnsTargetRegistry}),
 *     lower-case, without the trailing dot
 * @param addresses IPv4 and IPv6 addresses; A queries get the IPv4 ones, AAAA the IPv6 ones
 * @param ttlSeconds the TTL AWS gives the resource's records (60 s for ELB, route53.md §18)
 * @param healthy what EvaluateTargetHealth sees (route53.md §20), e.g. ALB: every target group
 *     with targets has a healthy target
 */
public record DnsTarget(String name, List<InetAddress> addresses, long ttlSeconds, boolean healthy) {
  public DnsTarget {
    name = normalise(Objects.requireNonNull(name, "name"));
    addresses = List.copyOf(addresses);
    if (ttlSeconds < 0) {
      throw new IllegalArgumentException("ttlSeconds must be >= 0: " + ttlSeconds);
    }
  }

  /** Lower case, no trailing dot: how names are keyed in the registry. */
  public static String normalise(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }
}
