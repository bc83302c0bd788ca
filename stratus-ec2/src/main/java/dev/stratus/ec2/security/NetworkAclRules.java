package dev.stratus.ec2.security;

import dev.stratus.core.AwsException;
import dev.stratus.ec2.Ec2Errors;
import dev.stratus.ec2.model.NetworkAcl;
import dev.stratus.ec2.model.VpcQuotas;
import java.util.Optional;

/**
 * AWS's rules for network ACLs and their entries (vpc.md §19–20). Pure: each check takes the
 * request's values and the rows it needs and returns the first rule broken as AWS's error, or
 * empty; {@link NetworkAclOperations} looks the rows up and throws.
 */
public final class NetworkAclRules {
  private NetworkAclRules() {}

  /** DeleteNetworkAcl: never the VPC's default ACL, nor one still associated with a subnet. */
  public static Optional<AwsException> deleteAcl(NetworkAcl acl) {
    if (acl.isDefault()) return Optional.of(Ec2Errors.invalidParameterValue("cannot delete default network ACL " + acl.id()));
    if (!acl.associations().isEmpty()) return Optional.of(Ec2Errors.dependencies("networkAcl", acl.id()));
    return Optional.empty();
  }

  /** An entry's rule number: given, 1–32766 (the numbers above are the implicit denies). */
  public static Optional<AwsException> ruleNumber(Integer n) {
    if (n == null) return Optional.of(Ec2Errors.missing("ruleNumber"));
    if (n < 1 || n > NetworkAcl.MAX_RULE_NUMBER) {
      return Optional.of(Ec2Errors.invalidParameterValue("Invalid value '" + n + "' for ruleNumber. Must be in the range"
          + " 1-32766."));
    }
    return Optional.empty();
  }

  /** An entry's action: {@code allow} or {@code deny}, any case ({@code raw} as given, for the message). */
  public static Optional<AwsException> action(String raw) {
    String a = raw.toLowerCase();
    if (a.equals("allow") || a.equals("deny")) return Optional.empty();
    return Optional.of(Ec2Errors.invalidParameterValue("Invalid value '" + raw + "' for ruleAction"));
  }

  /** An entry's destination: exactly one of cidrBlock and ipv6CidrBlock. */
  public static Optional<AwsException> oneCidr(String v4, String v6) {
    return (v4 == null) == (v6 == null) ? Optional.of(Ec2Errors.missing("cidrBlock or ipv6CidrBlock")) : Optional.empty();
  }

  /** A TCP (6) or UDP (17) entry: a port range 0–65535 with from ≤ to; other protocols take none. */
  public static Optional<AwsException> ports(String protocolNumber, Integer from, Integer to) {
    if (!protocolNumber.equals("6") && !protocolNumber.equals("17")) return Optional.empty();
    if (from == null || to == null) return Optional.of(Ec2Errors.missing("portRange"));
    if (from < 0 || to > 65535 || from > to) {
      return Optional.of(Ec2Errors.invalidParameterValue("Invalid value for portRange. Must be in the range 0-65535."));
    }
    return Optional.empty();
  }

  /**
   * CreateNetworkAclEntry ({@code replace} false): the number is free in that direction and the
   * direction has fewer than {@link VpcQuotas#RULES_PER_ACL_DIRECTION} entries of the family;
   * ReplaceNetworkAclEntry: the entry exists.
   */
  public static Optional<AwsException> putEntry(NetworkAcl acl, int number, boolean egress, boolean ipv6, boolean replace) {
    boolean exists = has(acl, number, egress);
    if (!replace && exists) return Optional.of(Ec2Errors.aclEntryExists(number));
    if (replace && !exists) return Optional.of(Ec2Errors.aclEntryNotFound(acl.id(), number, egress));
    long same = acl.entries().stream().filter(e -> e.egress() == egress && e.cidr().ipv6() == ipv6).count();
    if (!replace && same >= VpcQuotas.RULES_PER_ACL_DIRECTION) {
      return Optional.of(Ec2Errors.limitExceeded("NetworkAclEntryLimitExceeded",
          "The maximum number of network acl entries has been reached."));
    }
    return Optional.empty();
  }

  /** DeleteNetworkAclEntry: the entry exists. */
  public static Optional<AwsException> deleteEntry(NetworkAcl acl, int number, boolean egress) {
    return has(acl, number, egress) ? Optional.empty() : Optional.of(Ec2Errors.aclEntryNotFound(acl.id(), number, egress));
  }

  /** ReplaceNetworkAclAssociation: a subnet moves only between ACLs of one VPC. */
  public static Optional<AwsException> replaceAssociation(NetworkAcl from, NetworkAcl to) {
    return from.vpcId().equals(to.vpcId()) ? Optional.empty() : Optional.of(Ec2Errors.differentNetworks(to.id(), from.id()));
  }

  private static boolean has(NetworkAcl acl, int number, boolean egress) {
    return acl.entries().stream().anyMatch(e -> e.ruleNumber() == number && e.egress() == egress);
  }
}
