package dev.stratus.ec2.reachability;

import dev.stratus.core.net.PortRange;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A security group: stateful, allow-only rules in each direction, unioned over every group of an
 * interface (vpc.md §13–15). Identified by its group id; the group name only labels it.
 *
 * @param id {@code sg-…}
 * @param region the Region
 * @param vpcId the VPC
 * @param groupName the group name
 * @param ingress inbound permissions ({@code IpPermissions}), one entry per peer
 * @param egress outbound permissions ({@code IpPermissionsEgress}), one entry per peer
 * @param tags the resource tags
 */
public record SecurityGroup(String id, String region, String vpcId, String groupName,
    List<IpPermission> ingress, List<IpPermission> egress, Map<String, String> tags) {
  public SecurityGroup {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(vpcId, "vpcId");
    Objects.requireNonNull(groupName, "groupName");
    ingress = List.copyOf(ingress);
    egress = List.copyOf(egress);
    tags = Map.copyOf(tags);
  }

  /**
   * One permission with a single peer, as the console lists security group rules.
   *
   * @param ipProtocol the protocol as AWS printed it ({@code -1}, {@code tcp}, {@code 6}, …)
   * @param ports the port range (ICMP: the type, or every type when AWS printed -1)
   * @param peer the CIDR, prefix list or group the rule admits
   * @param description the rule description, empty when none
   */
  public record IpPermission(String ipProtocol, PortRange ports, Peer peer, String description) {
    public IpPermission {
      Objects.requireNonNull(ipProtocol, "ipProtocol");
      Objects.requireNonNull(ports, "ports");
      Objects.requireNonNull(peer, "peer");
      Objects.requireNonNull(description, "description");
    }

    /** The modelled protocol; empty for one the analyzer does not model, which matches nothing. */
    public Optional<Protocol> protocol() {
      try {
        return Optional.of(Protocol.fromAws(ipProtocol));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
  }

  /** The other end a permission admits. */
  public sealed interface Peer {
    /** {@code CidrIp} / {@code CidrIpv6}. */
    record Cidr(dev.stratus.core.net.Cidr block) implements Peer {
      public Cidr { Objects.requireNonNull(block, "block"); }
    }

    /** {@code PrefixListId}. */
    record PrefixList(String prefixListId) implements Peer {
      public PrefixList { Objects.requireNonNull(prefixListId, "prefixListId"); }
    }

    /** {@code UserIdGroupPairs}: the private addresses of interfaces in that group (vpc.md §15). */
    record Group(String groupId) implements Peer {
      public Group { Objects.requireNonNull(groupId, "groupId"); }
    }
  }
}
