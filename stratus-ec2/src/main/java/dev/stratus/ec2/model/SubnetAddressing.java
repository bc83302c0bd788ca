package dev.stratus.ec2.model;

import dev.stratus.core.net.Cidr;
import java.math.BigInteger;
import java.util.Optional;
import java.util.Set;

/**
 * Addresses inside a subnet: the five AWS reserves and the lowest free one for a new interface
 * (aws-behaviour/vpc.md §6).
 */
public final class SubnetAddressing {
  /*
   * AWS reserves the network address (.0), the VPC router (.1), the DNS server (.2), one for
   * future use (.3) and the last address; a /28 therefore has 11 usable addresses. New
   * interfaces get the lowest usable address not in use, which is what AWS does in practice for
   * a fresh subnet (AWS does not promise an order).
   * https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html
   */

  /** Addresses AWS reserves in every subnet. */
  public static final int RESERVED = 5;

  private SubnetAddressing() {}

  /** Whether {@code address} is one of the five reserved addresses of {@code subnet}. */
  public static boolean isReserved(Cidr subnet, String address) {
    return Cidr.parseAddress(address).map(a -> {
      BigInteger offset = a.subtract(subnet.base());
      return offset.signum() >= 0 && offset.compareTo(BigInteger.valueOf(3)) <= 0 || a.equals(subnet.last());
    }).orElse(false);
  }

  /** Whether an interface may take {@code address}: inside the subnet and not reserved. */
  public static boolean isAssignable(Cidr subnet, String address) {
    return subnet.containsAddress(address) && !isReserved(subnet, address);
  }

  /** Usable addresses left when {@code inUse} are taken: size − 5 − in use, never negative. */
  public static long availableCount(Cidr subnet, int inUse) {
    return Math.max(0, subnet.size().longValueExact() - RESERVED - inUse);
  }

  /** The lowest assignable address not in {@code used}; empty when the subnet is full. */
  public static Optional<String> nextFree(Cidr subnet, Set<String> used) {
    long size = subnet.size().longValueExact();
    for (long offset = 4; offset < size - 1; offset++) {
      String candidate = subnet.addressAt(offset);
      if (!used.contains(candidate)) return Optional.of(candidate);
    }
    return Optional.empty();
  }
}
