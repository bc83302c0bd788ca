package dev.stratus.ec2;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.*;

/** Default quotas are enforced with AWS's limit codes (vpc.md §12, §18, §22). */
class VpcQuotaTest {
  private final Ec2Fixture f = new Ec2Fixture();

  @Test
  void networkAcl_twentyRulesPerDirectionIncludingDefaultDeny_thenLimitExceeded() {
    String vpc = f.createVpc("10.0.0.0/16");
    String acl = f.acls.createNetworkAcl(f.ctx, CreateNetworkAclRequest.builder().vpcId(vpc).build()).networkAcl()
        .networkAclId();
    for (int n = 1; n <= 19; n++) {
      f.acls.createNetworkAclEntry(f.ctx, entry(acl, n).build());
    }
    Ec2Fixture.refused(() -> f.acls.createNetworkAclEntry(f.ctx, entry(acl, 20).build()), "NetworkAclEntryLimitExceeded");
  }

  @Test
  void securityGroup_sixtyInboundRules_thenLimitExceeded() {
    String vpc = f.createVpc("10.0.0.0/16");
    String sg = f.groups.createSecurityGroup(f.ctx, CreateSecurityGroupRequest.builder().vpcId(vpc).groupName("g")
        .description("g").build()).groupId();
    for (int port = 1; port <= 60; port++) {
      f.groups.authorizeSecurityGroupIngress(f.ctx, AuthorizeSecurityGroupIngressRequest.builder().groupId(sg)
          .ipPermissions(tcp(port)).build());
    }
    Ec2Fixture.refused(() -> f.groups.authorizeSecurityGroupIngress(f.ctx, AuthorizeSecurityGroupIngressRequest.builder()
        .groupId(sg).ipPermissions(tcp(61)).build()), "RulesPerSecurityGroupLimitExceeded");
  }

  private static CreateNetworkAclEntryRequest.Builder entry(String acl, int n) {
    return CreateNetworkAclEntryRequest.builder().networkAclId(acl).ruleNumber(n).protocol("-1").ruleAction("allow")
        .egress(false).cidrBlock("10.0." + n + ".0/24");
  }

  private static IpPermission tcp(int port) {
    return IpPermission.builder().ipProtocol("tcp").fromPort(port).toPort(port)
        .ipRanges(IpRange.builder().cidrIp("10.0.0.0/8").build()).build();
  }
}
