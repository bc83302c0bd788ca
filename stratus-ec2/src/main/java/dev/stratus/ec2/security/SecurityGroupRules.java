package dev.stratus.ec2.security;

import dev.stratus.core.AwsException;
import dev.stratus.ec2.Ec2Errors;
import dev.stratus.ec2.model.NetworkInterface;
import dev.stratus.ec2.model.SecurityGroup;
import dev.stratus.ec2.model.VpcPeeringConnection;
import dev.stratus.ec2.model.VpcQuotas;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * AWS's rules for security groups and their permissions (vpc.md §15–18). Pure: each check takes
 * the request's values and the rows it needs and returns the first rule broken as AWS's error,
 * or empty; {@link SecurityGroupOperations} looks the rows up and throws.
 */
public final class SecurityGroupRules {
  private SecurityGroupRules() {}

  /** CreateSecurityGroup: a name of at most 255 characters that does not look like a group id. */
  public static Optional<AwsException> groupName(String name) {
    if (name.length() > 255) {
      return Optional.of(Ec2Errors.invalidParameterValue("Group name exceeds the maximum length of 255 characters"));
    }
    if (name.startsWith("sg-")) return Optional.of(Ec2Errors.invalidParameterValue("Group names may not be in the format sg-*"));
    return Optional.empty();
  }

  /** CreateSecurityGroup: names are unique within a VPC ({@code groups}: the scope's groups). */
  public static Optional<AwsException> createGroup(String name, String vpcId, Collection<SecurityGroup> groups) {
    if (groups.stream().anyMatch(g -> g.vpcId().equals(vpcId) && g.name().equals(name))) {
      return Optional.of(Ec2Errors.groupDuplicate(name, vpcId));
    }
    return Optional.empty();
  }

  /**
   * DeleteSecurityGroup: never the VPC's default group (vpc.md §16), nor a group an interface uses
   * or another group's rule references.
   */
  public static Optional<AwsException> deleteGroup(SecurityGroup g, Collection<NetworkInterface> interfaces,
      Collection<SecurityGroup> groups) {
    if (g.name().equals("default")) return Optional.of(Ec2Errors.cannotDeleteDefaultGroup(g.id()));
    boolean inUse = interfaces.stream().anyMatch(e -> e.groupIds().contains(g.id()));
    boolean referenced = groups.stream().filter(o -> !o.id().equals(g.id())).flatMap(o -> o.rules().stream())
        .anyMatch(r -> r.peer() instanceof SecurityGroup.GroupPeer p && p.groupId().equals(g.id()));
    return inUse || referenced ? Optional.of(Ec2Errors.dependentObject(g.id())) : Optional.empty();
  }

  /** A TCP or UDP permission: both ports given, 0–65535, from ≤ to (other protocols take any or none). */
  public static Optional<AwsException> ports(String protocol, Integer from, Integer to) {
    if (!protocol.equals("tcp") && !protocol.equals("udp")) return Optional.empty();
    if (from == null || to == null) return Optional.of(Ec2Errors.missing(from == null ? "FromPort" : "ToPort"));
    if (from < 0 || to > 65535 || from > to) {
      return Optional.of(Ec2Errors.invalidParameterValue("Invalid value '" + from + "-" + to + "' for portRange."
          + " Must be in the range 0-65535 with fromPort <= toPort."));
    }
    return Optional.empty();
  }

  /**
   * A rule that references a group: only a group of the same VPC or of a VPC peered with it in
   * the same Region (an active peering, vpc.md §15).
   */
  public static Optional<AwsException> reference(SecurityGroup referenced, String vpcId,
      Collection<VpcPeeringConnection> peerings) {
    if (referenced.vpcId().equals(vpcId)) return Optional.empty();
    boolean peeredInRegion = peerings.stream().anyMatch(p -> p.status().equals("active") && p.involves(vpcId)
        && p.involves(referenced.vpcId()) && p.requester().region().equals(p.accepter().region()));
    return peeredInRegion ? Optional.empty() : Optional.of(Ec2Errors.groupNameNotFound(referenced.id(), vpcId));
  }

  /**
   * AuthorizeSecurityGroupIngress/Egress: at least one rule, none already in the group (nor twice
   * in the request), and at most {@link VpcQuotas#RULES_PER_SECURITY_GROUP} rules per direction after.
   */
  public static Optional<AwsException> authorize(SecurityGroup g, boolean egress, List<SecurityGroup.Rule> fresh) {
    if (fresh.isEmpty()) return Optional.of(Ec2Errors.missing("IpPermissions"));
    List<SecurityGroup.Rule> rules = new ArrayList<>(g.rules());
    for (SecurityGroup.Rule r : fresh) {
      if (rules.stream().anyMatch(r::samePermission)) {
        return Optional.of(Ec2Errors.permissionDuplicate(peerText(r.peer()), r.protocol().equals("-1") ? "ALL" : r.protocol(),
            r.fromPort(), r.toPort()));
      }
      rules.add(r);
    }
    if (rules.stream().filter(r -> r.egress() == egress).count() > VpcQuotas.RULES_PER_SECURITY_GROUP) {
      return Optional.of(Ec2Errors.limitExceeded("RulesPerSecurityGroupLimitExceeded",
          "The maximum number of rules per security group has been reached."));
    }
    return Optional.empty();
  }

  /**
   * RevokeSecurityGroupIngress/Egress: every rule id (of this direction) and every permission is in
   * the group; each removes one rule, so naming one twice fails the second time.
   */
  public static Optional<AwsException> revoke(SecurityGroup g, boolean egress, List<String> ruleIds,
      List<SecurityGroup.Rule> permissions) {
    List<SecurityGroup.Rule> rules = new ArrayList<>(g.rules());
    for (String id : ruleIds) {
      if (!rules.removeIf(r -> r.id().equals(id) && r.egress() == egress)) return Optional.of(Ec2Errors.permissionNotFound());
    }
    for (SecurityGroup.Rule p : permissions) {
      if (!rules.removeIf(p::samePermission)) return Optional.of(Ec2Errors.permissionNotFound());
    }
    return Optional.empty();
  }

  /** ModifySecurityGroupRules: the new rule, as expanded from the request, has exactly one peer. */
  public static Optional<AwsException> onePeer(List<SecurityGroup.Rule> fresh) {
    if (fresh.size() == 1) return Optional.empty();
    return Optional.of(Ec2Errors.invalidParameterValue("A security group rule needs exactly one peer"));
  }

  /** ModifySecurityGroupRules: the rule as replaced does not repeat another rule of the group ({@code others}). */
  public static Optional<AwsException> modify(List<SecurityGroup.Rule> others, SecurityGroup.Rule replaced,
      String shownPeer) {
    if (others.stream().anyMatch(replaced::samePermission)) {
      return Optional.of(Ec2Errors.permissionDuplicate(shownPeer, replaced.protocol(), replaced.fromPort(), replaced.toPort()));
    }
    return Optional.empty();
  }

  private static String peerText(SecurityGroup.Peer p) {
    return switch (p) {
      case SecurityGroup.CidrPeer c -> c.cidr().toString();
      case SecurityGroup.PrefixListPeer pl -> pl.prefixListId();
      case SecurityGroup.GroupPeer gp -> gp.groupId();
    };
  }
}
