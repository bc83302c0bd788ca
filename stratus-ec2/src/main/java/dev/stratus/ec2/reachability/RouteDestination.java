package dev.stratus.ec2.reachability;

import java.util.Objects;

/** What a route matches: a CIDR block or a managed prefix list (gateway endpoints, vpc.md §38). */
public sealed interface RouteDestination {

  /** A {@code DestinationCidrBlock} or {@code DestinationIpv6CidrBlock}. */
  record Cidr(dev.stratus.core.net.Cidr block) implements RouteDestination {
    public Cidr { Objects.requireNonNull(block, "block"); }

    @Override
    public String toString() { return block.toString(); }
  }

  /** A {@code DestinationPrefixListId}, {@code pl-…}. */
  record PrefixList(String prefixListId) implements RouteDestination {
    public PrefixList { Objects.requireNonNull(prefixListId, "prefixListId"); }

    @Override
    public String toString() { return prefixListId; }
  }
}
