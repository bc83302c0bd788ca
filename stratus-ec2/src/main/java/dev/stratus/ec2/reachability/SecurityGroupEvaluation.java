package dev.stratus.ec2.reachability;

import dev.stratus.core.net.Cidr;
import dev.stratus.core.net.PortRange;
import dev.stratus.ec2.model.SecurityGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Decides whether the security groups of an interface admit a packet in one direction
 * (vpc.md §13–15).
 */
final class SecurityGroupEvaluation {
  /*
   * Allow-only and order-free: the groups' rules are unioned, so the first rule that matches
   * admits the packet and narrows its destination ports to the rule's range (any port left is a
   * witness). Stateful: callers skip this check for replies (vpc.md §14).
   * Peers: a CIDR contains the peer address; a prefix list contains it; a group reference matches
   * the private address of an interface in that group, and only when the caller says group
   * identity survived the path (not after NAT, an internet gateway, inter-Region peering, or a
   * transit gateway without referencing support, vpc.md §15). A rule with a protocol we do not
   * model matches nothing (fail closed). ICMP rules match an echo request when they allow every
   * type or the echo request's (8; 128 for ICMPv6).
   */
  private SecurityGroupEvaluation() {}

  /**
   * A stored rule as the evaluation reads it, built once per index (the stored rule keeps AWS's
   * text and -1s): the protocol as AWS printed it and parsed (null when not modelled), the port
   * range (every port for a protocol without ports), the ICMP type (-1 for every type), the peer
   * and its text as the analysis prints it. A value without the rule's id and description, so
   * the index keeps one of each (many groups carry the same rules, e.g. egress to 0.0.0.0/0).
   */
  record Permission(String ipProtocol, Protocol protocol, PortRange ports, int icmpType, SecurityGroup.Peer peer,
      String peerText) {
    static Permission of(SecurityGroup.Rule r) {
      String peerText = switch (r.peer()) {
        case SecurityGroup.CidrPeer c -> c.cidr().toString();
        case SecurityGroup.PrefixListPeer pl -> pl.prefixListId();
        case SecurityGroup.GroupPeer ref -> ref.groupId();
      };
      Protocol p;
      try {
        p = Protocol.fromAws(r.protocol());
      } catch (IllegalArgumentException e) {
        return new Permission(r.protocol(), null, PortRange.ALL, -1, r.peer(), peerText);
      }
      if (p.hasPorts()) {
        PortRange ports = r.fromPort() < 0 || r.toPort() < 0 ? PortRange.ALL : new PortRange(r.fromPort(), r.toPort());
        return new Permission(r.protocol(), p, ports, -1, r.peer(), peerText);
      }
      return new Permission(r.protocol(), p, PortRange.ALL, p == Protocol.ALL ? -1 : r.fromPort(), r.peer(), peerText);
    }
  }

  /** A group's rules by direction, as {@link NetworkIndex} keeps them. */
  record Rules(SecurityGroup group, List<Permission> ingress, List<Permission> egress) {
    /** The group's rules, each permission and list taken from {@code interned} when an equal one is there. */
    static Rules of(SecurityGroup g, Map<Object, Object> interned) {
      List<Permission> in = new ArrayList<>(), out = new ArrayList<>();
      for (SecurityGroup.Rule r : g.rules()) (r.egress() ? out : in).add(intern(interned, Permission.of(r)));
      return new Rules(g, intern(interned, List.copyOf(in)), intern(interned, List.copyOf(out)));
    }

    @SuppressWarnings("unchecked")
    private static <T> T intern(Map<Object, Object> interned, T value) {
      return (T) interned.computeIfAbsent(value, v -> v);
    }
  }

  /** The matching rule and the narrowed packet. */
  record Admit(SecurityGroup group, Permission permission, AnalysisPacketHeader packet) {}

  /**
   * The first rule admitting the packet, or empty.
   *
   * @param groups the interface's groups
   * @param ingress whether the packet enters the interface (peer = source) or leaves it (peer = destination)
   * @param packet the packet
   * @param groupMember whether a peer address belongs to an interface in the given group id
   * @param prefixListContains whether a prefix list contains the peer address
   */
  static Optional<Admit> evaluate(List<Rules> groups, boolean ingress, AnalysisPacketHeader packet,
      BiPredicate<String, Cidr> groupMember, BiPredicate<String, Cidr> prefixListContains) {
    Cidr peer = ingress ? packet.sourceAddress() : packet.destinationAddress();
    for (Rules g : groups) {
      for (Permission p : ingress ? g.ingress() : g.egress()) {
        if (p.protocol() == null || !p.protocol().matches(packet.protocol())) continue;
        boolean peerMatch = switch (p.peer()) {
          case SecurityGroup.CidrPeer c -> c.cidr().contains(peer);
          case SecurityGroup.PrefixListPeer pl -> prefixListContains.test(pl.prefixListId(), peer);
          case SecurityGroup.GroupPeer ref -> groupMember.test(ref.groupId(), peer);
        };
        if (!peerMatch) continue;
        Optional<AnalysisPacketHeader> narrowed = narrowPorts(p, packet);
        if (narrowed.isPresent()) return Optional.of(new Admit(g.group(), p, narrowed.get()));
      }
    }
    return Optional.empty();
  }

  private static Optional<AnalysisPacketHeader> narrowPorts(Permission rule, AnalysisPacketHeader pkt) {
    if (rule.protocol() == Protocol.ALL) return Optional.of(pkt);
    if (pkt.protocol().hasPorts()) return rule.ports().intersect(pkt.destinationPorts()).map(pkt::withDestinationPorts);
    int echo = pkt.protocol() == Protocol.ICMPV6 ? 128 : 8;
    return rule.icmpType() < 0 || rule.icmpType() == echo ? Optional.of(pkt) : Optional.empty();
  }

  /** The rule as AWS's analysis prints it. */
  static AnalysisRule.SecurityGroupRule describe(SecurityGroup g, Permission p, boolean ingress) {
    return new AnalysisRule.SecurityGroupRule(g.id(), ingress ? "ingress" : "egress", p.ipProtocol(), p.ports(), p.peerText());
  }
}
