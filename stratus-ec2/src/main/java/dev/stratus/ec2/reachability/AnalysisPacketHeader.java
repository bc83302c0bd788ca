package dev.stratus.ec2.reachability;

import dev.stratus.core.net.Cidr;
import dev.stratus.core.net.PortRange;
import java.util.Objects;

/**
 * The packet as a component receives or emits it: AWS's {@code AnalysisPacketHeader}. Addresses
 * are single addresses; ports are the ranges still possible at this point of the path (a rule
 * narrows them, so a found path is witnessed by any port left).
 *
 * @param protocol the protocol
 * @param sourceAddress the source address
 * @param destinationAddress the destination address
 * @param sourcePorts the possible source ports
 * @param destinationPorts the possible destination ports
 */
public record AnalysisPacketHeader(Protocol protocol, Cidr sourceAddress, Cidr destinationAddress,
    PortRange sourcePorts, PortRange destinationPorts) {
  public AnalysisPacketHeader {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(sourceAddress, "sourceAddress");
    Objects.requireNonNull(destinationAddress, "destinationAddress");
    Objects.requireNonNull(sourcePorts, "sourcePorts");
    Objects.requireNonNull(destinationPorts, "destinationPorts");
  }

  /** A copy with other addresses. */
  public AnalysisPacketHeader withAddresses(Cidr src, Cidr dst) {
    return new AnalysisPacketHeader(protocol, src, dst, sourcePorts, destinationPorts);
  }

  /** A copy with another source (address and ports), as a NAT rewrites it. */
  public AnalysisPacketHeader withSource(Cidr src, PortRange ports) {
    return new AnalysisPacketHeader(protocol, src, destinationAddress, ports, destinationPorts);
  }

  /** A copy with another destination (address and ports), as an untranslating NAT rewrites it. */
  public AnalysisPacketHeader withDestination(Cidr dst, PortRange ports) {
    return new AnalysisPacketHeader(protocol, sourceAddress, dst, sourcePorts, ports);
  }

  /** A copy with narrowed destination ports. */
  public AnalysisPacketHeader withDestinationPorts(PortRange ports) {
    return new AnalysisPacketHeader(protocol, sourceAddress, destinationAddress, sourcePorts, ports);
  }

  /** The reply: addresses and ports swapped. */
  public AnalysisPacketHeader reply() {
    return new AnalysisPacketHeader(protocol, destinationAddress, sourceAddress, destinationPorts, sourcePorts);
  }

  @Override
  public String toString() {
    String p = protocol.hasPorts() ? ":" : "";
    return protocol.wire() + " " + sourceAddress.address() + (protocol.hasPorts() ? p + sourcePorts : "")
        + " -> " + destinationAddress.address() + (protocol.hasPorts() ? p + destinationPorts : "");
  }
}
