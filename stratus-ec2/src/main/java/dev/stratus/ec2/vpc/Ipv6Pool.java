package dev.stratus.ec2.vpc;

import dev.stratus.core.net.Cidr;
import java.security.SecureRandom;

/**
 * Amazon-provided IPv6 blocks: a VPC gets a /56 (vpc.md §4) from Stratus's pool inside
 * 2600:1f18::/32, an AWS-owned range; subnets carve /64s out of their VPC's block.
 */
final class Ipv6Pool {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ipv6Pool() {}

  static Cidr nextVpcBlock() {
    return Cidr.parse(String.format("2600:1f18:%x:%x00::/56", RANDOM.nextInt(0x10000), RANDOM.nextInt(0x100)));
  }
}
