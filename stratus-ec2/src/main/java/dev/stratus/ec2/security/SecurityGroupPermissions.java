package dev.stratus.ec2.security;

import dev.stratus.core.net.Cidr;
import dev.stratus.core.store.ReadView;
import dev.stratus.ec2.Ec2Errors;
import dev.stratus.ec2.Ec2Store;
import dev.stratus.ec2.Ec2Tables;
import dev.stratus.ec2.IdKind;
import dev.stratus.ec2.model.AwsServices;
import dev.stratus.ec2.model.Ec2Id;
import dev.stratus.ec2.model.SecurityGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.PrefixListId;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * Converts between AWS's IpPermission (one protocol/port range, many peers) and Stratus's one-peer
 * {@link SecurityGroup.Rule}s, normalising protocols as AWS does ({@code 6} → {@code tcp},
 * {@code all} → {@code -1}) and checking ports and peers.
 */
public final class SecurityGroupPermissions {
  private SecurityGroupPermissions() {}

  /** Expands permissions into rules with fresh ids; group names resolve within {@code vpcId}. */
  static List<SecurityGroup.Rule> expand(ReadView view, String scope, String account, String vpcId, boolean egress,
      List<IpPermission> permissions) {
    List<SecurityGroup.Rule> rules = new ArrayList<>();
    for (IpPermission p : permissions) {
      String protocol = protocol(p.ipProtocol());
      int from = -1, to = -1;
      if (protocol.equals("tcp") || protocol.equals("udp")) {
        Ec2Errors.throwIf(SecurityGroupRules.ports(protocol, p.fromPort(), p.toPort()));
        from = p.fromPort();
        to = p.toPort();
      } else if (protocol.equals("icmp") || protocol.equals("icmpv6")) {
        from = p.fromPort() == null ? -1 : p.fromPort();
        to = p.toPort() == null ? -1 : p.toPort();
      }
      for (IpRange r : p.ipRanges()) {
        rules.add(rule(egress, protocol, from, to, new SecurityGroup.CidrPeer(cidr(r.cidrIp(), false)), r.description()));
      }
      for (Ipv6Range r : p.ipv6Ranges()) {
        rules.add(rule(egress, protocol, from, to, new SecurityGroup.CidrPeer(cidr(r.cidrIpv6(), true)), r.description()));
      }
      for (PrefixListId pl : p.prefixListIds()) {
        IdKind.PREFIX_LIST.checkShape(pl.prefixListId());
        // the prefix lists Stratus has are AWS's managed ones of the Region (scope is account/region)
        String region = scope.substring(scope.indexOf('/') + 1);
        if (AwsServices.prefixLists(region).stream().noneMatch(x -> x.id().equals(pl.prefixListId()))) {
          throw IdKind.PREFIX_LIST.notFound(pl.prefixListId());
        }
        rules.add(rule(egress, protocol, from, to, new SecurityGroup.PrefixListPeer(pl.prefixListId()), pl.description()));
      }
      for (UserIdGroupPair pair : p.userIdGroupPairs()) {
        String groupId = pair.groupId() != null ? pair.groupId() : byName(view, scope, vpcId, pair.groupName()).id();
        SecurityGroup referenced = Ec2Store.require(view, scope, IdKind.SECURITY_GROUP, Ec2Tables.SECURITY_GROUP,
            groupId);
        if (!referenced.vpcId().equals(vpcId)) {
          Ec2Errors.throwIf(SecurityGroupRules.reference(referenced, vpcId, view.list(Ec2Tables.PEERING, scope)));
        }
        rules.add(rule(egress, protocol, from, to,
            new SecurityGroup.GroupPeer(groupId, pair.userId() != null ? pair.userId() : account), pair.description()));
      }
    }
    return rules;
  }

  public static SecurityGroup byName(ReadView view, String scope, String vpcId, String name) {
    if (name == null) throw Ec2Errors.missing("GroupId");
    return view.listBy(Ec2Tables.SECURITY_GROUP_BY_VPC, scope, vpcId).stream()
        .filter(g -> g.name().equals(name)).findFirst()
        .orElseThrow(() -> Ec2Errors.groupNameNotFound(name, vpcId));
  }

  private static SecurityGroup.Rule rule(boolean egress, String protocol, int from, int to, SecurityGroup.Peer peer,
      String description) {
    return new SecurityGroup.Rule(Ec2Id.next("sgr-"), egress, protocol, from, to, peer, description);
  }

  private static Cidr cidr(String text, boolean v6) {
    return Cidr.tryParse(text).filter(c -> c.ipv6() == v6).orElseThrow(() ->
        Ec2Errors.invalidParameterValue("CIDR block " + text + " is malformed"));
  }

  /** AWS's canonical protocol name: {@code -1}, {@code tcp}, {@code udp}, {@code icmp}, {@code icmpv6} or a number. */
  static String protocol(String raw) {
    if (raw == null) throw Ec2Errors.missing("IpProtocol");
    String p = raw.toLowerCase();
    return switch (p) {
      case "-1", "all" -> "-1";
      case "tcp", "6" -> "tcp";
      case "udp", "17" -> "udp";
      case "icmp", "1" -> "icmp";
      case "icmpv6", "58" -> "icmpv6";
      default -> {
        if (p.matches("\\d{1,3}") && Integer.parseInt(p) <= 255) yield p;
        throw Ec2Errors.invalidParameterValue("Invalid value '" + raw + "' for IP protocol. Unknown protocol.");
      }
    };
  }

  /** Groups rules back into IpPermissions, one per (protocol, ports), as Describe shows them. */
  static List<IpPermission> collapse(List<SecurityGroup.Rule> rules) {
    Map<String, IpPermission.Builder> out = new LinkedHashMap<>();
    Map<String, List<IpRange>> v4 = new LinkedHashMap<>();
    Map<String, List<Ipv6Range>> v6 = new LinkedHashMap<>();
    Map<String, List<PrefixListId>> pls = new LinkedHashMap<>();
    Map<String, List<UserIdGroupPair>> groups = new LinkedHashMap<>();
    for (SecurityGroup.Rule r : rules) {
      String key = r.protocol() + "/" + r.fromPort() + "/" + r.toPort();
      out.computeIfAbsent(key, k -> {
        var b = IpPermission.builder().ipProtocol(r.protocol());
        if (!r.protocol().equals("-1")) b.fromPort(r.fromPort()).toPort(r.toPort());
        return b;
      });
      switch (r.peer()) {
        case SecurityGroup.CidrPeer c when c.cidr().ipv6() -> v6.computeIfAbsent(key, k -> new ArrayList<>())
            .add(Ipv6Range.builder().cidrIpv6(c.cidr().toString()).description(r.description()).build());
        case SecurityGroup.CidrPeer c -> v4.computeIfAbsent(key, k -> new ArrayList<>())
            .add(IpRange.builder().cidrIp(c.cidr().toString()).description(r.description()).build());
        case SecurityGroup.PrefixListPeer pl -> pls.computeIfAbsent(key, k -> new ArrayList<>())
            .add(PrefixListId.builder().prefixListId(pl.prefixListId()).description(r.description()).build());
        case SecurityGroup.GroupPeer g -> groups.computeIfAbsent(key, k -> new ArrayList<>())
            .add(UserIdGroupPair.builder().groupId(g.groupId()).userId(g.ownerId()).description(r.description()).build());
      }
    }
    return out.entrySet().stream().map(e -> e.getValue()
        .ipRanges(v4.getOrDefault(e.getKey(), List.of())).ipv6Ranges(v6.getOrDefault(e.getKey(), List.of()))
        .prefixListIds(pls.getOrDefault(e.getKey(), List.of()))
        .userIdGroupPairs(groups.getOrDefault(e.getKey(), List.of())).build()).toList();
  }
}
