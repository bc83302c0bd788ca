package dev.stratus.ec2.security;

import dev.stratus.ec2.Tags;
import dev.stratus.ec2.model.SecurityGroup;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.ReferencedSecurityGroup;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;

/** SDK shapes of security groups and their rules. */
final class SecurityShapes {
  private SecurityShapes() {}

  static software.amazon.awssdk.services.ec2.model.SecurityGroup group(SecurityGroup g, String account, String region,
      Map<String, String> tags) {
    return software.amazon.awssdk.services.ec2.model.SecurityGroup.builder()
        .groupId(g.id()).groupName(g.name()).description(g.description()).vpcId(g.vpcId()).ownerId(account)
        .securityGroupArn("arn:aws:ec2:" + region + ":" + account + ":security-group/" + g.id())
        .ipPermissions(SecurityGroupPermissions.collapse(g.rules().stream().filter(r -> !r.egress()).toList()))
        .ipPermissionsEgress(SecurityGroupPermissions.collapse(g.rules().stream().filter(SecurityGroup.Rule::egress).toList()))
        .tags(tags.isEmpty() ? null : Tags.sdk(tags)).build();
  }

  static SecurityGroupRule rule(SecurityGroup g, SecurityGroup.Rule r, String account, String region) {
    var b = SecurityGroupRule.builder().securityGroupRuleId(r.id()).groupId(g.id()).groupOwnerId(account)
        .isEgress(r.egress()).ipProtocol(r.protocol()).fromPort(r.fromPort()).toPort(r.toPort())
        .description(r.description()).tags(List.of())
        .securityGroupRuleArn("arn:aws:ec2:" + region + ":" + account + ":security-group-rule/" + r.id());
    switch (r.peer()) {
      case SecurityGroup.CidrPeer c when c.cidr().ipv6() -> b.cidrIpv6(c.cidr().toString());
      case SecurityGroup.CidrPeer c -> b.cidrIpv4(c.cidr().toString());
      case SecurityGroup.PrefixListPeer p -> b.prefixListId(p.prefixListId());
      case SecurityGroup.GroupPeer p ->
          b.referencedGroupInfo(ReferencedSecurityGroup.builder().groupId(p.groupId()).userId(p.ownerId()).build());
    }
    return b.build();
  }
}
