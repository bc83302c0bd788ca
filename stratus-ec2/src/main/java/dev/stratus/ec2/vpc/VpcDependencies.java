package dev.stratus.ec2.vpc;

import dev.stratus.core.store.ReadView;
import dev.stratus.ec2.Ec2Tables;
import dev.stratus.ec2.model.Vpc;

/**
 * What keeps a VPC from being deleted (DependencyViolation): subnets, an attached internet or
 * egress-only gateway, custom route tables, NACLs or security groups, interfaces, endpoints,
 * peering connections, transit gateway attachments and attached VPN gateways. The main route
 * table, default NACL and default security group go with the VPC.
 */
final class VpcDependencies {
  private VpcDependencies() {}

  static boolean any(ReadView view, String scope, Vpc vpc) {
    String id = vpc.id();
    return !view.listBy(Ec2Tables.SUBNET_BY_VPC, scope, id).isEmpty()
        || view.list(Ec2Tables.INTERNET_GATEWAY, scope).stream().anyMatch(g -> id.equals(g.attachedVpcId()))
        || view.listBy(Ec2Tables.ROUTE_TABLE_BY_VPC, scope, id).stream()
            .anyMatch(t -> !t.id().equals(vpc.mainRouteTableId()))
        || view.listBy(Ec2Tables.NETWORK_ACL_BY_VPC, scope, id).stream()
            .anyMatch(a -> !a.id().equals(vpc.defaultNetworkAclId()))
        || view.listBy(Ec2Tables.SECURITY_GROUP_BY_VPC, scope, id).stream()
            .anyMatch(g -> !g.id().equals(vpc.defaultSecurityGroupId()))
        || view.list(Ec2Tables.NETWORK_INTERFACE, scope).stream().anyMatch(e -> id.equals(e.vpcId()))
        || view.listBy(Ec2Tables.TGW_ATTACHMENT_BY_RESOURCE, scope, id).stream()
            .anyMatch(a -> !a.state().equals("deleted"))
        || view.list(Ec2Tables.VPC_ENDPOINT, scope).stream().anyMatch(e -> e.vpcId().equals(id))
        || view.list(Ec2Tables.PEERING, scope).stream().anyMatch(p -> p.involves(id) && p.status().equals("active"))
        || view.list(Ec2Tables.VPN_GATEWAY, scope).stream().anyMatch(g -> id.equals(g.attachedVpcId()));
  }
}
