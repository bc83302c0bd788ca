package dev.stratus.ec2.reachability;

import dev.stratus.core.net.Cidr;
import dev.stratus.core.net.PortRange;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Decides whether the security groups of an interface admit a packet in one direction
 * (vpc.md §13–15).
 */
final class SecurityGroupEvaluation {
  /*
   * Allow-only and order-free: the groups' permissions are unioned, so the first permission that
   * matches admits the packet and narrows its destination ports to the permission's range (any
   * port left is a witness). Stateful: callers skip this check for replies (vpc.md §14).
   * Peers: a CIDR contains the peer address; a prefix list contains it; a group reference matches
   * the private address of an interface in that group, and only when the caller says group
   * identity survived the path (not after NAT, an internet gateway, inter-Region peering, or a
   * transit gateway without referencing support, vpc.md §15). A permission with a protocol we do
   * not model matches nothing (fail closed). ICMP permissions match an echo request when they
   * allow every type or type 8.
   */
  private SecurityGroupEvaluation() {}

  /** The matching permission and the narrowed packet. */
  record Admit(SecurityGroup group, SecurityGroup.IpPermission permission, AnalysisPacketHeader packet) {}

  /**
   * The first permission admitting the packet, or empty.
   *
   * @param groups the interface's groups
   * @param ingress whether the packet enters the interface (peer = source) or leaves it (peer = destination)
   * @param packet the packet
   * @param groupMember whether a peer address belongs to an interface in the given group id
   * @param prefixListContains whether a prefix list contains the peer address
   */
  static Optional<Admit> evaluate(List<SecurityGroup> groups, boolean ingress, AnalysisPacketHeader packet,
      java.util.function.BiPredicate<String, Cidr> groupMember,
      java.util.function.BiPredicate<String, Cidr> prefixListContains) {
    Cidr peer = ingress ? packet.sourceAddress() : packet.destinationAddress();
    for (SecurityGroup g : groups) {
      for (SecurityGroup.IpPermission p : ingress ? g.ingress() : g.egress()) {
        Optional<Protocol> proto = p.protocol();
        if (proto.isEmpty() || !proto.get().matches(packet.protocol())) continue;
        Predicate<Cidr> peerMatch = switch (p.peer()) {
          case SecurityGroup.Peer.Cidr c -> c.block()::contains;
          case SecurityGroup.Peer.PrefixList pl -> a -> prefixListContains.test(pl.prefixListId(), a);
          case SecurityGroup.Peer.Group ref -> a -> groupMember.test(ref.groupId(), a);
        };
        if (!peerMatch.test(peer)) continue;
        Optional<AnalysisPacketHeader> narrowed = narrowPorts(proto.get(), p.ports(), packet);
        if (narrowed.isPresent()) return Optional.of(new Admit(g, p, narrowed.get()));
      }
    }
    return Optional.empty();
  }

  private static Optional<AnalysisPacketHeader> narrowPorts(Protocol rule, PortRange ports, AnalysisPacketHeader pkt) {
    if (rule == Protocol.ALL) return Optional.of(pkt);
    if (pkt.protocol().hasPorts()) return ports.intersect(pkt.destinationPorts()).map(pkt::withDestinationPorts);
    return ports.equals(PortRange.ALL) || ports.contains(8) ? Optional.of(pkt) : Optional.empty();
  }

  /** The permission as AWS's analysis prints it. */
  static AnalysisRule.SecurityGroupRule describe(SecurityGroup g, SecurityGroup.IpPermission p, boolean ingress) {
    String peer = switch (p.peer()) {
      case SecurityGroup.Peer.Cidr c -> c.block().toString();
      case SecurityGroup.Peer.PrefixList pl -> pl.prefixListId();
      case SecurityGroup.Peer.Group ref -> ref.groupId();
    };
    return new AnalysisRule.SecurityGroupRule(g.id(), ingress ? "ingress" : "egress", p.ipProtocol(), p.ports(), peer);
  }
}
