package dev.stratus.ec2;

import dev.stratus.core.store.ReadView;

/** Dependencies on a VPC from the connectivity resources (peering, transit gateway, endpoints, VPN). */
final class Ec2Extras {
  private Ec2Extras() {}

  static boolean vpcInUse(ReadView view, String scope, String vpcId) {
    return view.list(Ec2Tables.TGW_ATTACHMENT, scope).stream()
        .anyMatch(a -> vpcId.equals(a.resourceId()) && !a.state().equals("deleted"))
        || view.list(Ec2Tables.VPC_ENDPOINT, scope).stream().anyMatch(e -> e.vpcId().equals(vpcId))
        || view.list(Ec2Tables.PEERING, scope).stream()
            .anyMatch(p -> p.involves(vpcId) && p.status().equals("active"));
  }
}
