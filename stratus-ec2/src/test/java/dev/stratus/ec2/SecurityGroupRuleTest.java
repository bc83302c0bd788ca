package dev.stratus.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.ec2.security.SecurityGroupRuleOperations;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.*;

/** Security group rules by id: describe, modify, descriptions. */
class SecurityGroupRuleTest {
  private final Ec2Fixture f = new Ec2Fixture();
  private final SecurityGroupRuleOperations rules = new SecurityGroupRuleOperations(f.store);

  @Test
  void modifyRule_keepsIdAndDirection_updateDescription_unknownIdRefused() {
    String vpc = f.createVpc("10.0.0.0/16");
    String sg = f.groups.createSecurityGroup(f.ctx, CreateSecurityGroupRequest.builder().vpcId(vpc).groupName("web")
        .description("web").build()).groupId();
    String ruleId = f.groups.authorizeSecurityGroupIngress(f.ctx, AuthorizeSecurityGroupIngressRequest.builder()
        .groupId(sg).ipPermissions(IpPermission.builder().ipProtocol("tcp").fromPort(80).toPort(80)
            .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build()).build())
        .securityGroupRules().get(0).securityGroupRuleId();
    rules.modifySecurityGroupRules(f.ctx, ModifySecurityGroupRulesRequest.builder().groupId(sg).securityGroupRules(
        SecurityGroupRuleUpdate.builder().securityGroupRuleId(ruleId).securityGroupRule(SecurityGroupRuleRequest.builder()
            .ipProtocol("tcp").fromPort(443).toPort(443).cidrIpv4("10.0.0.0/8").build()).build()).build());
    rules.updateSecurityGroupRuleDescriptionsIngress(f.ctx, UpdateSecurityGroupRuleDescriptionsIngressRequest.builder()
        .groupId(sg).securityGroupRuleDescriptions(SecurityGroupRuleDescription.builder().securityGroupRuleId(ruleId)
            .description("https from corp").build()).build());
    var rule = rules.describeSecurityGroupRules(f.ctx, DescribeSecurityGroupRulesRequest.builder()
        .securityGroupRuleIds(ruleId).build()).securityGroupRules().get(0);
    assertThat(rule.fromPort()).isEqualTo(443);
    assertThat(rule.cidrIpv4()).isEqualTo("10.0.0.0/8");
    assertThat(rule.isEgress()).isFalse();
    assertThat(rule.description()).isEqualTo("https from corp");
    Ec2Fixture.refused(() -> rules.updateSecurityGroupRuleDescriptionsIngress(f.ctx,
        UpdateSecurityGroupRuleDescriptionsIngressRequest.builder().groupId(sg).securityGroupRuleDescriptions(
            SecurityGroupRuleDescription.builder().securityGroupRuleId("sgr-0123456789abcdef0").description("x").build())
            .build()), "InvalidSecurityGroupRuleId.NotFound");
  }
}
