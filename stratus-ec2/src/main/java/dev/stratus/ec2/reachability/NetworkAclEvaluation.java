package dev.stratus.ec2.reachability;

import dev.stratus.core.net.Cidr;
import dev.stratus.core.net.PortRange;
import dev.stratus.ec2.model.NetworkAcl;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a network ACL admits a packet crossing its subnet boundary in one direction
 * (vpc.md §19–21).
 */
final class NetworkAclEvaluation {
  /*
   * Entries of the direction are read lowest number first; the first entry whose protocol, block
   * (destination block for outbound, source block for inbound) and port range match decides. The
   * packet's destination ports are a range: an entry covering the whole range decides outright;
   * an ALLOW entry overlapping part of it admits the overlap (a witness port exists); a DENY entry
   * overlapping part of it removes that part (keeping the larger remainder) and reading goes on.
   * After the last entry the implicit deny (32767 IPv4, 32768 IPv6) drops the packet. An entry
   * with a protocol we do not model matches nothing (fail closed). Stateless: callers check the
   * reply separately, with the reply's ports (vpc.md §21).
   */
  private NetworkAclEvaluation() {}

  /** The deciding entry (or the implicit deny) and, when admitted, the narrowed packet. */
  record Decision(boolean allowed, AnalysisRule.AclRule rule, AnalysisPacketHeader packet) {}

  /** Evaluates the ACL's {@code egress} (or ingress) entries for the packet. */
  static Decision evaluate(NetworkAcl acl, boolean egress, AnalysisPacketHeader packet) {
    Cidr peer = egress ? packet.destinationAddress() : packet.sourceAddress();
    List<NetworkAcl.Entry> entries = acl.entries().stream().filter(e -> e.egress() == egress)
        .sorted(Comparator.comparingInt(NetworkAcl.Entry::ruleNumber)).toList();
    AnalysisPacketHeader pkt = packet;
    for (NetworkAcl.Entry e : entries) {
      Protocol proto;
      try {
        proto = Protocol.fromAws(e.protocol());
      } catch (IllegalArgumentException unmodelled) {
        continue;
      }
      if (!proto.matches(pkt.protocol()) || !e.cidr().contains(peer)) continue;
      boolean allow = e.ruleAction() == NetworkAcl.RuleAction.ALLOW;
      PortRange ports = NetworkAcl.ports(e);
      if (proto == Protocol.ALL || !pkt.protocol().hasPorts() || ports.covers(pkt.destinationPorts())) {
        return new Decision(allow, describe(e), pkt);
      }
      Optional<PortRange> overlap = ports.intersect(pkt.destinationPorts());
      if (overlap.isEmpty()) continue;
      if (allow) return new Decision(true, describe(e), pkt.withDestinationPorts(overlap.get()));
      pkt = pkt.withDestinationPorts(remainder(pkt.destinationPorts(), overlap.get()));
    }
    int implicit = peer.ipv6() ? 32768 : 32767;
    AnalysisRule.AclRule deny = new AnalysisRule.AclRule(implicit, egress, "deny", "-1", PortRange.ALL,
        peer.ipv6() ? "::/0" : "0.0.0.0/0");
    return new Decision(false, deny, pkt);
  }

  /** The larger part of {@code range} outside {@code cut} (cut overlaps range but does not cover it). */
  private static PortRange remainder(PortRange range, PortRange cut) {
    int below = cut.from() - range.from();
    int above = range.to() - cut.to();
    return below >= above ? new PortRange(range.from(), cut.from() - 1) : new PortRange(cut.to() + 1, range.to());
  }

  /** The entry as AWS's analysis prints it. */
  static AnalysisRule.AclRule describe(NetworkAcl.Entry e) {
    return new AnalysisRule.AclRule(e.ruleNumber(), e.egress(), e.ruleAction().wire(), e.protocol(), NetworkAcl.ports(e),
        e.cidr().toString());
  }
}
