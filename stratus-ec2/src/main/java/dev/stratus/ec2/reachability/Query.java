package dev.stratus.ec2.reachability;

import dev.stratus.core.net.Cidr;
import java.util.Objects;
import java.util.Optional;

/**
 * What to analyse: a Network Insights path (vpc.md §44). Source and destination are resource
 * ids or ARNs (instance, interface, internet gateway, transit gateway attachment, VPC endpoint,
 * peering connection, virtual private gateway, VPN connection); either may be omitted when the
 * matching IP is given.
 *
 * @param source the source resource
 * @param destination the destination resource
 * @param sourceIp the source address (an on-premises or internet address, or one of the source's)
 * @param destinationIp the destination address
 * @param protocol {@code tcp}, {@code udp} or {@code icmp} (echo request); {@code -1} is analysed as TCP
 * @param destinationPort the port; empty means any
 * @param sourcePort the source port; empty means the ephemeral range 1024–65535
 */
public record Query(Optional<String> source, Optional<String> destination, Optional<Cidr> sourceIp,
    Optional<Cidr> destinationIp, Protocol protocol, Optional<Integer> destinationPort,
    Optional<Integer> sourcePort) {
  public Query {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(sourceIp, "sourceIp");
    Objects.requireNonNull(destinationIp, "destinationIp");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(destinationPort, "destinationPort");
    Objects.requireNonNull(sourcePort, "sourcePort");
    if (source.isEmpty() && sourceIp.isEmpty()) throw new IllegalArgumentException("a path needs a Source or SourceIp");
    if (destination.isEmpty() && destinationIp.isEmpty()) {
      throw new IllegalArgumentException("a path needs a Destination or DestinationIp");
    }
    if (protocol == Protocol.ALL) protocol = Protocol.TCP;
  }

  /** A TCP/UDP path between two resources to one port. */
  public static Query of(String source, String destination, Protocol protocol, int destinationPort) {
    return new Query(Optional.of(source), Optional.of(destination), Optional.empty(), Optional.empty(),
        protocol, Optional.of(destinationPort), Optional.empty());
  }

  /** A copy with a source address. */
  public Query withSourceIp(String ip) {
    return new Query(source, destination, Optional.of(Cidr.parseBlockOrAddress(ip)), destinationIp, protocol,
        destinationPort, sourcePort);
  }

  /** A copy with a destination address. */
  public Query withDestinationIp(String ip) {
    return new Query(source, destination, sourceIp, Optional.of(Cidr.parseBlockOrAddress(ip)), protocol,
        destinationPort, sourcePort);
  }

  /** A copy without a destination resource (the address alone names it). */
  public Query withoutDestination() {
    return new Query(source, Optional.empty(), sourceIp, destinationIp, protocol, destinationPort, sourcePort);
  }
}
