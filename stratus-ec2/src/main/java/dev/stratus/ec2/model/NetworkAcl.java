package dev.stratus.ec2.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.stratus.core.net.Cidr;
import dev.stratus.core.net.PortRange;
import java.util.List;
import java.util.Objects;

/**
 * A network ACL: stateless numbered rules per direction, lowest number first, first match wins,
 * and an implicit final deny (vpc.md §19–22). The implicit deny entries are stored as AWS shows
 * them (rule 32767 for IPv4, 32768 for IPv6) so that a reader sees exactly the console's table.
 */
public record NetworkAcl(String id, String vpcId, boolean isDefault, List<Entry> entries,
    List<Association> associations) {

  /** Rule number AWS shows for the implicit IPv4 deny. */
  public static final int IMPLICIT_DENY_IPV4 = 32767;
  /** Rule number AWS shows for the implicit IPv6 deny. */
  public static final int IMPLICIT_DENY_IPV6 = 32768;
  /** Highest rule number a caller may use (vpc.md §19). */
  public static final int MAX_RULE_NUMBER = 32766;

  public NetworkAcl {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(vpcId, "vpcId");
    entries = List.copyOf(entries);
    associations = List.copyOf(associations);
  }

  public NetworkAcl withEntries(List<Entry> newEntries) {
    return new NetworkAcl(id, vpcId, isDefault, newEntries, associations);
  }

  public NetworkAcl withAssociations(List<Association> newAssociations) {
    return new NetworkAcl(id, vpcId, isDefault, entries, newAssociations);
  }

  /**
   * One numbered rule.
   *
   * @param protocol {@code -1} or an IANA protocol number as text ({@code 6} tcp, {@code 17} udp)
   * @param ruleAction {@code allow} or {@code deny}
   * @param portRange null for protocols without ports
   * @param icmpType -1 when not ICMP or all types
   * @param icmpCode -1 when not ICMP or all codes
   */
  public record Entry(int ruleNumber, boolean egress, String protocol, RuleAction ruleAction, Cidr cidr,
      PortRange portRange, int icmpType, int icmpCode) {
    public Entry {
      Objects.requireNonNull(protocol, "protocol");
      Objects.requireNonNull(ruleAction, "ruleAction");
      Objects.requireNonNull(cidr, "cidr");
    }

    public static Entry allowAll(int number, boolean egress, Cidr cidr) {
      return new Entry(number, egress, "-1", RuleAction.ALLOW, cidr, null, -1, -1);
    }

    public static Entry implicitDeny(boolean egress, Cidr cidr) {
      return new Entry(cidr.ipv6() ? IMPLICIT_DENY_IPV6 : IMPLICIT_DENY_IPV4, egress, "-1", RuleAction.DENY, cidr,
          null, -1, -1);
    }
  }

  /** The association of one subnet with this ACL ({@code aclassoc-…}). */
  public record Association(String id, String subnetId) {
    public Association {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(subnetId, "subnetId");
    }
  }

  /** The ports an entry covers: its range, or every port when it has none (protocols without ports, all). */
  public static dev.stratus.core.net.PortRange ports(Entry e) {
    return e.portRange() == null ? dev.stratus.core.net.PortRange.ALL : e.portRange();
  }

  /** An entry's {@code RuleAction}, stored and printed as AWS's value. */
  public enum RuleAction {
    ALLOW("allow"),
    DENY("deny");

    private final String wire;

    RuleAction(String wire) { this.wire = wire; }

    /** The value AWS prints (and the stored JSON form). */
    @JsonValue
    public String wire() { return wire; }

    /** Reads the AWS value, any case (CreateNetworkAclEntry takes {@code ALLOW}); an unknown one throws, naming it. */
    @JsonCreator
    public static RuleAction fromAws(String text) {
      for (RuleAction a : values()) if (a.wire.equalsIgnoreCase(text)) return a;
      throw new IllegalArgumentException("unknown RuleAction: " + text);
    }

    @Override
    public String toString() { return wire; }
  }
}
