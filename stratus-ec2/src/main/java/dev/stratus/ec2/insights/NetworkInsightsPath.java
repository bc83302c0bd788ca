package dev.stratus.ec2.insights;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A stored Network Insights path (vpc.md §44): what to analyse, as CreateNetworkInsightsPath gave
 * it. Source and destination are kept as given (id or ARN) with the id they resolve to.
 *
 * @param id {@code nip-} + 17 hex digits
 * @param arn {@code arn:aws:ec2:<region>:<account>:network-insights-path/<id>}
 * @param createdDate when it was created
 * @param source the source id
 * @param sourceArn the source's ARN
 * @param destination the destination id, or null when only DestinationIp names it
 * @param destinationArn the destination's ARN, or null
 * @param sourceIp the source address, or null
 * @param destinationIp the destination address, or null
 * @param protocol {@code tcp} or {@code udp}
 * @param destinationPort the port, or null for any
 * @param tags the path's tags
 */
public record NetworkInsightsPath(String id, String arn, Instant createdDate, String source, String sourceArn,
    String destination, String destinationArn, String sourceIp, String destinationIp, String protocol,
    Integer destinationPort, Map<String, String> tags) {
  public NetworkInsightsPath {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(createdDate, "createdDate");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(protocol, "protocol");
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }
}
