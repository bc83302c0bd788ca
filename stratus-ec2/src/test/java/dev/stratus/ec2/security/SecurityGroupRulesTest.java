package dev.stratus.ec2.security;

import static dev.stratus.ec2.RulesAssert.assertViolation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.net.Cidr;
import dev.stratus.ec2.model.NetworkInterface;
import dev.stratus.ec2.model.SecurityGroup;
import dev.stratus.ec2.model.VpcPeeringConnection;
import dev.stratus.ec2.model.VpcQuotas;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityGroupRulesTest {
  private static final SecurityGroup.Rule SSH = rule("sgr-1", false, "tcp", 22, 22, "10.0.0.0/16");
  private final SecurityGroup web = new SecurityGroup("sg-web", "web", "d", "vpc-1", List.of(SSH));

  private static SecurityGroup.Rule rule(String id, boolean egress, String protocol, int from, int to, String cidr) {
    return new SecurityGroup.Rule(id, egress, protocol, from, to, new SecurityGroup.CidrPeer(Cidr.parse(cidr)), null);
  }

  private static NetworkInterface eni(String... groups) {
    return new NetworkInterface("eni-1", "subnet-1", "vpc-1", "us-east-1a", "10.0.0.5", List.of(), List.of(groups),
        "in-use", "interface", "", "02:00:00:00:00:01", false, true, null, null);
  }

  private static VpcPeeringConnection peering(String status, String region) {
    return new VpcPeeringConnection("pcx-1", new VpcPeeringConnection.Side("111", "vpc-1", "us-east-1", List.of()),
        new VpcPeeringConnection.Side("111", "vpc-2", region, List.of()), status, null, null);
  }

  @Test
  void groupName_tooLongOrIdLike_refused() {
    assertViolation(SecurityGroupRules.groupName("x".repeat(256)), "InvalidParameterValue",
        "Group name exceeds the maximum length of 255 characters");
    assertViolation(SecurityGroupRules.groupName("sg-web"), "InvalidParameterValue", "Group names may not be in the format sg-*");
    assertThat(SecurityGroupRules.groupName("x".repeat(255))).isEmpty();
  }

  @Test
  void createGroup_sameNameInVpc_duplicate() {
    assertViolation(SecurityGroupRules.createGroup("web", "vpc-1", List.of(web)), "InvalidGroup.Duplicate",
        "The security group 'web' already exists for VPC 'vpc-1'");
    assertThat(SecurityGroupRules.createGroup("web", "vpc-2", List.of(web))).isEmpty();
  }

  @Test
  void deleteGroup_defaultUsedOrReferenced_refused() {
    var dflt = new SecurityGroup("sg-d", "default", "d", "vpc-1", List.of());
    assertViolation(SecurityGroupRules.deleteGroup(dflt, List.of(), List.of()), "CannotDelete",
        "the specified group: \"sg-d\" name: \"default\" cannot be deleted by a user");
    assertViolation(SecurityGroupRules.deleteGroup(web, List.of(eni("sg-web")), List.of(web)), "DependencyViolation",
        "resource sg-web has a dependent object");
    var referencing = new SecurityGroup("sg-app", "app", "d", "vpc-1", List.of(new SecurityGroup.Rule("sgr-9", false,
        "tcp", 80, 80, new SecurityGroup.GroupPeer("sg-web", "111"), null)));
    assertViolation(SecurityGroupRules.deleteGroup(web, List.of(eni("sg-other")), List.of(web, referencing)),
        "DependencyViolation", "resource sg-web has a dependent object");
    assertThat(SecurityGroupRules.deleteGroup(web, List.of(eni("sg-other")), List.of(web))).isEmpty();
  }

  @Test
  void ports_tcpUdpNeedAValidRange() {
    assertViolation(SecurityGroupRules.ports("tcp", null, 80), "MissingParameter", "The request must contain the parameter FromPort");
    assertViolation(SecurityGroupRules.ports("udp", 53, null), "MissingParameter", "The request must contain the parameter ToPort");
    assertViolation(SecurityGroupRules.ports("tcp", 90, 80), "InvalidParameterValue",
        "Invalid value '90-80' for portRange. Must be in the range 0-65535 with fromPort <= toPort.");
    assertViolation(SecurityGroupRules.ports("tcp", 0, 65536), "InvalidParameterValue",
        "Invalid value '0-65536' for portRange. Must be in the range 0-65535 with fromPort <= toPort.");
    assertThat(SecurityGroupRules.ports("icmp", null, null)).isEmpty();
    assertThat(SecurityGroupRules.ports("tcp", 0, 65535)).isEmpty();
  }

  @Test
  void reference_onlySameVpcOrActiveSameRegionPeering() {
    var other = new SecurityGroup("sg-b", "b", "d", "vpc-2", List.of());
    String notFound = "The security group 'sg-b' does not exist in VPC 'vpc-1'";
    assertViolation(SecurityGroupRules.reference(other, "vpc-1", List.of()), "InvalidGroup.NotFound", notFound);
    assertViolation(SecurityGroupRules.reference(other, "vpc-1", List.of(peering("pending-acceptance", "us-east-1"))),
        "InvalidGroup.NotFound", notFound);
    assertViolation(SecurityGroupRules.reference(other, "vpc-1", List.of(peering("active", "eu-west-1"))),
        "InvalidGroup.NotFound", notFound);
    assertThat(SecurityGroupRules.reference(other, "vpc-1", List.of(peering("active", "us-east-1")))).isEmpty();
    assertThat(SecurityGroupRules.reference(web, "vpc-1", List.of())).isEmpty();
  }

  @Test
  void authorize_emptyDuplicateOrOverQuota_refused() {
    assertViolation(SecurityGroupRules.authorize(web, false, List.of()), "MissingParameter",
        "The request must contain the parameter IpPermissions");
    assertViolation(SecurityGroupRules.authorize(web, false, List.of(rule("sgr-2", false, "tcp", 22, 22, "10.0.0.0/16"))),
        "InvalidPermission.Duplicate",
        "the specified rule \"peer: 10.0.0.0/16, TCP, from port: 22, to port: 22, ALLOW\" already exists");
    var all = rule("sgr-3", false, "-1", -1, -1, "0.0.0.0/0");
    assertViolation(SecurityGroupRules.authorize(web, false, List.of(all, rule("sgr-4", false, "-1", -1, -1, "0.0.0.0/0"))),
        "InvalidPermission.Duplicate",
        "the specified rule \"peer: 0.0.0.0/0, ALL, from port: -1, to port: -1, ALLOW\" already exists");
    List<SecurityGroup.Rule> many = new ArrayList<>();
    for (int i = 0; i < VpcQuotas.RULES_PER_SECURITY_GROUP; i++) many.add(rule("r" + i, false, "tcp", 1000 + i, 1000 + i, "10.0.0.0/16"));
    assertViolation(SecurityGroupRules.authorize(web, false, many), "RulesPerSecurityGroupLimitExceeded",
        "The maximum number of rules per security group has been reached.");
    assertThat(SecurityGroupRules.authorize(web, false, many.subList(1, many.size()))).isEmpty();
    assertThat(SecurityGroupRules.authorize(web, true, many)).isEmpty();
  }

  @Test
  void revoke_unknownIdOrPermission_notFound() {
    String message = "The specified rule does not exist in this security group.";
    assertViolation(SecurityGroupRules.revoke(web, false, List.of("sgr-9"), List.of()), "InvalidPermission.NotFound", message);
    assertViolation(SecurityGroupRules.revoke(web, true, List.of("sgr-1"), List.of()), "InvalidPermission.NotFound", message);
    assertViolation(SecurityGroupRules.revoke(web, false, List.of("sgr-1"), List.of(SSH)), "InvalidPermission.NotFound", message);
    assertThat(SecurityGroupRules.revoke(web, false, List.of("sgr-1"), List.of())).isEmpty();
    assertThat(SecurityGroupRules.revoke(web, false, List.of(), List.of(rule("x", false, "tcp", 22, 22, "10.0.0.0/16")))).isEmpty();
  }

  @Test
  void modify_notOnePeerOrDuplicate_refused() {
    assertViolation(SecurityGroupRules.onePeer(List.of()), "InvalidParameterValue", "A security group rule needs exactly one peer");
    assertThat(SecurityGroupRules.onePeer(List.of(SSH))).isEmpty();
    var replaced = rule("sgr-2", false, "tcp", 22, 22, "10.0.0.0/16");
    assertViolation(SecurityGroupRules.modify(List.of(SSH), replaced, "10.0.0.0/16"), "InvalidPermission.Duplicate",
        "the specified rule \"peer: 10.0.0.0/16, TCP, from port: 22, to port: 22, ALLOW\" already exists");
    assertThat(SecurityGroupRules.modify(List.of(), replaced, "10.0.0.0/16")).isEmpty();
  }
}
