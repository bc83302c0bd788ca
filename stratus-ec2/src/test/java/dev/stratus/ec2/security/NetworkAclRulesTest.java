package dev.stratus.ec2.security;

import static dev.stratus.ec2.RulesAssert.assertViolation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.net.Cidr;
import dev.stratus.ec2.model.NetworkAcl;
import dev.stratus.ec2.model.VpcQuotas;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkAclRulesTest {
  private static final Cidr ANY = Cidr.parse("0.0.0.0/0");
  private final NetworkAcl acl = new NetworkAcl("acl-1", "vpc-1", false,
      List.of(NetworkAcl.Entry.allowAll(100, false, ANY), NetworkAcl.Entry.implicitDeny(false, ANY)), List.of());

  @Test
  void deleteAcl_defaultOrAssociated_refused() {
    assertViolation(NetworkAclRules.deleteAcl(new NetworkAcl("acl-d", "vpc-1", true, List.of(), List.of())),
        "InvalidParameterValue", "cannot delete default network ACL acl-d");
    assertViolation(NetworkAclRules.deleteAcl(acl.withAssociations(List.of(new NetworkAcl.Association("aclassoc-1", "subnet-1")))),
        "DependencyViolation", "The networkAcl 'acl-1' has dependencies and cannot be deleted.");
    assertThat(NetworkAclRules.deleteAcl(acl)).isEmpty();
  }

  @Test
  void ruleNumber_missingOrOutOfRange_refused() {
    assertViolation(NetworkAclRules.ruleNumber(null), "MissingParameter", "The request must contain the parameter ruleNumber");
    assertViolation(NetworkAclRules.ruleNumber(0), "InvalidParameterValue",
        "Invalid value '0' for ruleNumber. Must be in the range 1-32766.");
    assertViolation(NetworkAclRules.ruleNumber(32767), "InvalidParameterValue",
        "Invalid value '32767' for ruleNumber. Must be in the range 1-32766.");
    assertThat(NetworkAclRules.ruleNumber(32766)).isEmpty();
  }

  @Test
  void action_onlyAllowOrDeny() {
    assertViolation(NetworkAclRules.action("permit"), "InvalidParameterValue", "Invalid value 'permit' for ruleAction");
    assertThat(NetworkAclRules.action("DENY")).isEmpty();
  }

  @Test
  void oneCidr_exactlyOneFamily() {
    assertViolation(NetworkAclRules.oneCidr(null, null), "MissingParameter",
        "The request must contain the parameter cidrBlock or ipv6CidrBlock");
    assertViolation(NetworkAclRules.oneCidr("0.0.0.0/0", "::/0"), "MissingParameter",
        "The request must contain the parameter cidrBlock or ipv6CidrBlock");
    assertThat(NetworkAclRules.oneCidr(null, "::/0")).isEmpty();
  }

  @Test
  void ports_tcpAndUdpNeedARange() {
    assertViolation(NetworkAclRules.ports("6", null, 80), "MissingParameter", "The request must contain the parameter portRange");
    assertViolation(NetworkAclRules.ports("17", 100, 99), "InvalidParameterValue",
        "Invalid value for portRange. Must be in the range 0-65535.");
    assertThat(NetworkAclRules.ports("1", null, null)).isEmpty();
    assertThat(NetworkAclRules.ports("6", 0, 65535)).isEmpty();
  }

  @Test
  void putEntry_takenMissingOrOverQuota_refused() {
    assertViolation(NetworkAclRules.putEntry(acl, 100, false, false, false), "NetworkAclEntryAlreadyExists",
        "The network acl entry identified by 100 already exists.");
    assertViolation(NetworkAclRules.putEntry(acl, 200, false, false, true), "InvalidNetworkAclEntry.NotFound",
        "The specified network ACL entry (rule number 200, ingress) does not exist in network ACL acl-1");
    assertThat(NetworkAclRules.putEntry(acl, 100, false, false, true)).isEmpty();
    assertThat(NetworkAclRules.putEntry(acl, 100, true, false, false)).isEmpty();
    List<NetworkAcl.Entry> entries = new ArrayList<>();
    for (int i = 1; i <= VpcQuotas.RULES_PER_ACL_DIRECTION; i++) entries.add(NetworkAcl.Entry.allowAll(i, false, ANY));
    NetworkAcl full = acl.withEntries(entries);
    assertViolation(NetworkAclRules.putEntry(full, 500, false, false, false), "NetworkAclEntryLimitExceeded",
        "The maximum number of network acl entries has been reached.");
    assertThat(NetworkAclRules.putEntry(full, 500, false, true, false)).isEmpty();
  }

  @Test
  void deleteEntry_missing_notFound() {
    assertViolation(NetworkAclRules.deleteEntry(acl, 100, true), "InvalidNetworkAclEntry.NotFound",
        "The specified network ACL entry (rule number 100, egress) does not exist in network ACL acl-1");
    assertThat(NetworkAclRules.deleteEntry(acl, 100, false)).isEmpty();
  }

  @Test
  void replaceAssociation_acrossVpcs_differentNetworks() {
    var other = new NetworkAcl("acl-9", "vpc-9", false, List.of(), List.of());
    assertViolation(NetworkAclRules.replaceAssociation(acl, other), "InvalidParameterValue",
        "route table acl-9 and network gateway acl-1 belong to different networks");
    assertThat(NetworkAclRules.replaceAssociation(acl, acl)).isEmpty();
  }
}
