package dev.stratus.ec2.reachability;

import dev.stratus.core.net.Cidr;
import java.util.List;
import java.util.Objects;

/**
 * A managed prefix list (AWS-managed, e.g. {@code com.amazonaws.us-east-1.s3}, or customer-managed)
 * with its entries.
 *
 * @param id {@code pl-…}
 * @param region the Region
 * @param prefixListName the name
 * @param addressFamily {@code IPv4} or {@code IPv6}
 * @param entries the CIDR blocks
 */
public record ManagedPrefixList(String id, String region, String prefixListName, String addressFamily,
    List<Cidr> entries) {
  public ManagedPrefixList {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(prefixListName, "prefixListName");
    Objects.requireNonNull(addressFamily, "addressFamily");
    entries = List.copyOf(entries);
  }

  /** Whether the address is in one of the entries. */
  public boolean contains(Cidr address) {
    for (Cidr c : entries) if (c.contains(address)) return true;
    return false;
  }
}
