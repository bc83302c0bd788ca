package dev.stratus.ec2.reachability;

import java.util.Objects;
import java.util.Optional;

/**
 * One hop of a forward or return path: AWS's {@code PathComponent}.
 *
 * @param sequenceNumber 1-based position on the path
 * @param component the resource
 * @param inboundHeader the packet as it arrives
 * @param outboundHeader the packet as it leaves (differs after NAT)
 * @param rule the rule or route the packet matched here, if the component has rules
 */
public record PathComponent(int sequenceNumber, AnalysisComponent component, AnalysisPacketHeader inboundHeader,
    AnalysisPacketHeader outboundHeader, Optional<AnalysisRule> rule) {
  public PathComponent {
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(inboundHeader, "inboundHeader");
    Objects.requireNonNull(outboundHeader, "outboundHeader");
    Objects.requireNonNull(rule, "rule");
  }
}
