package dev.stratus.ec2.vpc;

import dev.stratus.core.net.Cidr;
import dev.stratus.core.store.Transaction;
import dev.stratus.ec2.Ec2Tables;
import dev.stratus.ec2.model.NetworkAcl;
import dev.stratus.ec2.model.SecurityGroup;
import dev.stratus.ec2.model.Vpc;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What AWS adds when a VPC gains IPv6: the default network ACL allows all IPv6 both ways as rule
 * 101 before the implicit IPv6 deny (vpc.md §20), and the default security group allows all
 * outbound IPv6 (§16).
 */
final class Ipv6Defaults {
  private static final Cidr ANY_V6 = Cidr.parse("::/0");
  /** Rule number AWS uses for the default ACL's IPv6 allow-all. */
  private static final int IPV6_ALLOW_RULE = 101;

  private Ipv6Defaults() {}

  static void apply(Transaction tx, String scope, Vpc vpc) {
    tx.get(Ec2Tables.NETWORK_ACL, scope, vpc.defaultNetworkAclId()).ifPresent(acl -> {
      if (acl.entries().stream().anyMatch(e -> e.cidr().ipv6())) return;
      List<NetworkAcl.Entry> entries = new ArrayList<>(acl.entries());
      for (boolean egress : new boolean[] {false, true}) {
        entries.add(NetworkAcl.Entry.allowAll(IPV6_ALLOW_RULE, egress, ANY_V6));
        entries.add(NetworkAcl.Entry.implicitDeny(egress, ANY_V6));
      }
      entries.sort(Comparator.comparing(NetworkAcl.Entry::egress).thenComparingInt(NetworkAcl.Entry::ruleNumber));
      tx.put(Ec2Tables.NETWORK_ACL, scope, acl.id(), acl.withEntries(entries));
    });
    tx.get(Ec2Tables.SECURITY_GROUP, scope, vpc.defaultSecurityGroupId()).ifPresent(sg -> {
      SecurityGroup.Rule rule = VpcFactory.allOutbound(ANY_V6);
      if (sg.rules().stream().anyMatch(rule::samePermission)) return;
      List<SecurityGroup.Rule> rules = new ArrayList<>(sg.rules());
      rules.add(rule);
      tx.put(Ec2Tables.SECURITY_GROUP, scope, sg.id(), sg.withRules(rules));
    });
  }
}
