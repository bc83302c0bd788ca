package dev.stratus.ec2.model;

import dev.stratus.core.net.Cidr;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Which IPv4 blocks a VPC may have: the size rule for every block and the extra rules for
 * secondary blocks (aws-behaviour/vpc.md §1–3).
 */
public final class CidrRules {
  /*
   * Secondary-block checks, in the order AWS applies them (a block failing several reports the
   * first): size /16–/28; the quota of 5 IPv4 blocks; never 169.254/16 nor 198.19/16; no
   * overlap with any block of the VPC; RFC 1918 families may not be mixed (a 10/8 VPC cannot
   * add 172.16/12 or 192.168/16 and vice versa, while 100.64/10 and public blocks go with any);
   * and the block may not be equal to or larger than the destination of any route already in
   * the VPC's tables (§2: a /25 is fine beside a /24 route, the /24 itself is not).
   * https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html
   */

  /** Smallest VPC / subnet prefix length: /16 = 65,536 addresses. */
  public static final int MIN_PREFIX = 16;
  /** Largest VPC / subnet prefix length: /28 = 16 addresses. */
  public static final int MAX_PREFIX = 28;
  /** Default quota of IPv4 blocks per VPC (vpc.md §2). */
  public static final int MAX_IPV4_BLOCKS = 5;

  private static final List<Cidr> RFC1918 =
      List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("172.16.0.0/12"), Cidr.parse("192.168.0.0/16"));
  private static final Cidr LINK_LOCAL = Cidr.parse("169.254.0.0/16");
  private static final Cidr BENCHMARK = Cidr.parse("198.19.0.0/16");

  /** Why a secondary block is refused. */
  public enum SecondaryViolation {
    /** Not /16–/28. */ SIZE,
    /** The VPC already has {@link #MAX_IPV4_BLOCKS} blocks. */ LIMIT,
    /** 169.254/16 or 198.19/16. */ RESTRICTED,
    /** Overlaps a block of the VPC. */ OVERLAP,
    /** Mixes RFC 1918 families with the primary block. */ FAMILY,
    /** Equal to or larger than an existing route's destination. */ ROUTE_CONFLICT
  }

  private CidrRules() {}

  /** Whether an IPv4 block has a VPC/subnet size, /16–/28 (vpc.md §1, §5). */
  public static boolean validSize(Cidr cidr) {
    return cidr.isIpv4() && cidr.prefixLength() >= MIN_PREFIX && cidr.prefixLength() <= MAX_PREFIX;
  }

  /**
   * The first rule a new secondary IPv4 block breaks, or empty when it may be associated.
   *
   * @param current the VPC's blocks not disassociated, primary first
   * @param routeDestinations destinations of the non-local routes in the VPC's tables
   */
  public static Optional<SecondaryViolation> checkSecondary(List<Cidr> current, Cidr candidate,
      Collection<Cidr> routeDestinations) {
    if (!validSize(candidate)) return Optional.of(SecondaryViolation.SIZE);
    if (current.size() >= MAX_IPV4_BLOCKS) return Optional.of(SecondaryViolation.LIMIT);
    if (LINK_LOCAL.overlaps(candidate) || BENCHMARK.overlaps(candidate)) {
      return Optional.of(SecondaryViolation.RESTRICTED);
    }
    if (current.stream().anyMatch(c -> c.overlaps(candidate))) return Optional.of(SecondaryViolation.OVERLAP);
    Optional<Cidr> primaryFamily = rfc1918Family(current.get(0));
    Optional<Cidr> candidateFamily = rfc1918Family(candidate);
    if (candidateFamily.isPresent() && !candidateFamily.equals(primaryFamily)) {
      return Optional.of(SecondaryViolation.FAMILY);
    }
    if (routeDestinations.stream().anyMatch(d -> d.isIpv4() && candidate.contains(d))) {
      return Optional.of(SecondaryViolation.ROUTE_CONFLICT);
    }
    return Optional.empty();
  }

  /** The RFC 1918 block containing {@code cidr}, if any. */
  static Optional<Cidr> rfc1918Family(Cidr cidr) {
    return RFC1918.stream().filter(f -> f.contains(cidr)).findFirst();
  }
}
