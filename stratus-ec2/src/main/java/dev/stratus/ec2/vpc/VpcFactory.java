package dev.stratus.ec2.vpc;

import dev.stratus.core.net.Cidr;
import dev.stratus.core.store.Transaction;
import dev.stratus.ec2.Ec2Tables;
import dev.stratus.ec2.IdKind;
import dev.stratus.ec2.model.Ec2Id;
import dev.stratus.ec2.model.NetworkAcl;
import dev.stratus.ec2.model.RouteTable;
import dev.stratus.ec2.model.RouteTarget;
import dev.stratus.ec2.model.SecurityGroup;
import dev.stratus.ec2.model.Vpc;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates a VPC with the parts AWS creates with every VPC: the main route table with its local
 * route (vpc.md §7–8), the default network ACL allowing all both ways (§20) and the default
 * security group (§16).
 */
public final class VpcFactory {
  private static final Cidr ANY_V4 = Cidr.parse("0.0.0.0/0");

  private VpcFactory() {}

  static Vpc create(Transaction tx, String scope, Cidr cidr, boolean isDefault, String tenancy, String dhcpOptionsId) {
    String vpcId = IdKind.VPC.next();
    String rtbId = IdKind.ROUTE_TABLE.next();
    String aclId = IdKind.NETWORK_ACL.next();
    String sgId = IdKind.SECURITY_GROUP.next();
    Vpc vpc = new Vpc(vpcId, List.of(new Vpc.CidrAssociation(Ec2Id.next("vpc-cidr-assoc-"), cidr, "associated")),
        List.of(), isDefault, tenancy, dhcpOptionsId, true, isDefault, rtbId, aclId, sgId);
    tx.put(Ec2Tables.VPC, scope, vpcId, vpc);
    tx.put(Ec2Tables.ROUTE_TABLE, scope, rtbId, new RouteTable(rtbId, vpcId, List.of(localRoute(cidr)),
        List.of(new RouteTable.Association(Ec2Id.next("rtbassoc-"), true, null, null)), List.of()));
    tx.put(Ec2Tables.NETWORK_ACL, scope, aclId, new NetworkAcl(aclId, vpcId, true, List.of(
        NetworkAcl.Entry.allowAll(100, false, ANY_V4), NetworkAcl.Entry.implicitDeny(false, ANY_V4),
        NetworkAcl.Entry.allowAll(100, true, ANY_V4), NetworkAcl.Entry.implicitDeny(true, ANY_V4)), List.of()));
    String account = scope.substring(0, scope.indexOf('/'));
    tx.put(Ec2Tables.SECURITY_GROUP, scope, sgId, new SecurityGroup(sgId, "default",
        "default VPC security group", vpcId, List.of(
            new SecurityGroup.Rule(Ec2Id.next("sgr-"), false, "-1", -1, -1,
                new SecurityGroup.GroupPeer(sgId, account), null),
            allOutbound(ANY_V4))));
    return vpc;
  }

  /** The route every table has for a VPC block. */
  static RouteTable.Route localRoute(Cidr cidr) {
    return new RouteTable.Route(new RouteTable.CidrDestination(cidr), new RouteTarget.Local(),
        RouteTable.Origin.CREATE_ROUTE_TABLE, RouteTable.State.ACTIVE);
  }

  /** The outbound allow-all rule of a new security group (vpc.md §13). */
  public static SecurityGroup.Rule allOutbound(Cidr cidr) {
    return new SecurityGroup.Rule(Ec2Id.next("sgr-"), true, "-1", -1, -1, new SecurityGroup.CidrPeer(cidr), null);
  }

  /** Every block's local route, for a new custom route table. */
  public static List<RouteTable.Route> localRoutes(Vpc vpc) {
    List<RouteTable.Route> routes = new ArrayList<>();
    vpc.activeCidrs().forEach(c -> routes.add(localRoute(c)));
    return routes;
  }
}
