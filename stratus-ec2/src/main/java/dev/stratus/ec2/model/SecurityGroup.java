package dev.stratus.ec2.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.stratus.core.net.Cidr;
import java.util.List;
import java.util.Objects;

/**
 * A security group: stateful allow-only rules on ENIs (vpc.md §13–18). The group name, not a
 * Name tag, identifies it within its VPC. A new group has no inbound rules and one outbound
 * allow-all; the default group also allows all inbound from itself (§16).
 */
public record SecurityGroup(String id, String name, String description, String vpcId, List<Rule> rules) {

  public SecurityGroup {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(vpcId, "vpcId");
    rules = List.copyOf(rules);
  }

  public SecurityGroup withRules(List<Rule> newRules) {
    return new SecurityGroup(id, name, description, vpcId, newRules);
  }

  /**
   * One rule: direction, protocol, ports and one peer (AWS's security-group-rule, {@code sgr-…}).
   *
   * @param protocol {@code -1} (all), {@code tcp}, {@code udp}, {@code icmp}, {@code icmpv6} or an IANA number
   * @param fromPort -1 when the protocol has no ports; ICMP type for ICMP
   * @param toPort -1 when the protocol has no ports; ICMP code for ICMP
   * @param description null when none
   */
  public record Rule(String id, boolean egress, String protocol, int fromPort, int toPort, Peer peer,
      String description) {
    public Rule {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(protocol, "protocol");
      Objects.requireNonNull(peer, "peer");
    }

    /** Whether two rules are the same permission (AWS's duplicate check ignores ids and descriptions). */
    public boolean samePermission(Rule o) {
      return egress == o.egress && protocol.equals(o.protocol) && fromPort == o.fromPort
          && toPort == o.toPort && peer.equals(o.peer);
    }
  }

  /** The other side of a rule: a CIDR, a prefix list, or a security group (vpc.md §15). */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
  @JsonSubTypes({
      @JsonSubTypes.Type(value = CidrPeer.class, name = "cidr"),
      @JsonSubTypes.Type(value = PrefixListPeer.class, name = "pl"),
      @JsonSubTypes.Type(value = GroupPeer.class, name = "sg")})
  public sealed interface Peer {}

  /** A CIDR peer, IPv4 or IPv6. */
  public record CidrPeer(Cidr cidr) implements Peer {
    public CidrPeer { Objects.requireNonNull(cidr, "cidr"); }
  }

  /** A prefix-list peer. */
  public record PrefixListPeer(String prefixListId) implements Peer {
    public PrefixListPeer { Objects.requireNonNull(prefixListId, "prefixListId"); }
  }

  /** A security-group peer: matches the private IPs of ENIs in that group. */
  public record GroupPeer(String groupId, String ownerId) implements Peer {
    public GroupPeer { Objects.requireNonNull(groupId, "groupId"); }
  }
}
