package dev.stratus.ec2;

import dev.stratus.core.store.ReadView;

/** Dependencies on a VPC from the connectivity resources (peering, transit gateway, endpoints, VPN). */
final class Ec2Extras {
  private Ec2Extras() {}

  static boolean vpcInUse(ReadView view, String scope, String vpcId) {
    return false;
  }
}
