package dev.stratus.ec2.reachability;

import dev.stratus.core.net.Cidr;
import dev.stratus.core.net.PortRange;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A network ACL: stateless, numbered entries per direction, lowest number first, first match
 * wins, then the implicit deny (vpc.md §19–21).
 *
 * @param id {@code acl-…}
 * @param region the Region
 * @param vpcId the VPC
 * @param isDefault whether it is the VPC's default NACL (unassociated subnets use it)
 * @param entries every entry of both directions, including the {@code 32767} deny AWS prints
 * @param subnetIds associated subnets
 * @param tags the resource tags
 */
public record NetworkAcl(String id, String region, String vpcId, boolean isDefault,
    List<Entry> entries, List<String> subnetIds, Map<String, String> tags) {
  public NetworkAcl {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(vpcId, "vpcId");
    entries = List.copyOf(entries);
    subnetIds = List.copyOf(subnetIds);
    tags = Map.copyOf(tags);
  }

  /**
   * One entry.
   *
   * @param ruleNumber 1–32766, or 32767/32768 for the implicit deny
   * @param egress whether it governs traffic leaving the subnet
   * @param action allow or deny
   * @param protocol the protocol number or {@code -1} as AWS printed it
   * @param ports the destination port range ({@link PortRange#ALL} when AWS printed none)
   * @param cidrBlock the peer block ({@code CidrBlock} or {@code Ipv6CidrBlock})
   */
  public record Entry(int ruleNumber, boolean egress, RuleAction action, String protocol,
      PortRange ports, Cidr cidrBlock) {
    public Entry {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(protocol, "protocol");
      Objects.requireNonNull(ports, "ports");
      Objects.requireNonNull(cidrBlock, "cidrBlock");
    }
  }

  /** An entry's {@code RuleAction}. */
  public enum RuleAction {
    /** The packet passes. */
    ALLOW("allow"),
    /** The packet is dropped. */
    DENY("deny");

    private final String wire;

    RuleAction(String wire) { this.wire = wire; }

    /** The value AWS prints. */
    public String wire() { return wire; }

    /** Reads the AWS value; throws {@link IllegalArgumentException} naming an unknown one. */
    public static RuleAction fromAws(String text) {
      for (RuleAction a : values()) if (a.wire.equals(text)) return a;
      throw new IllegalArgumentException("unknown RuleAction: " + text);
    }
  }
}
