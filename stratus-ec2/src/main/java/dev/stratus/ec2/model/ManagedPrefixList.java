package dev.stratus.ec2.model;

import dev.stratus.core.net.Cidr;
import java.util.List;
import java.util.Objects;

/**
 * A managed prefix list with its entries: the AWS-managed ones Stratus serves ({@code
 * com.amazonaws.us-east-1.s3}, {@link AwsServices#prefixLists}), or one read from a describe output.
 *
 * @param id {@code pl-…}
 * @param prefixListName the name
 * @param addressFamily {@code IPv4} or {@code IPv6}
 * @param entries the CIDR blocks
 */
public record ManagedPrefixList(String id, String prefixListName, String addressFamily, List<Cidr> entries) {
  public ManagedPrefixList {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(prefixListName, "prefixListName");
    Objects.requireNonNull(addressFamily, "addressFamily");
    entries = List.copyOf(entries);
  }

  /** The same list with its entries (read from their own file). */
  public ManagedPrefixList withEntries(List<Cidr> newEntries) {
    return new ManagedPrefixList(id, prefixListName, addressFamily, newEntries);
  }

  /** Whether the address is in one of the entries. */
  public boolean contains(Cidr address) {
    for (Cidr c : entries) if (c.contains(address)) return true;
    return false;
  }
}
