package dev.stratus.ec2.insights;

import dev.stratus.core.AwsException;
import dev.stratus.core.net.Cidr;
import java.util.Optional;

/**
 * AWS's rules for a Reachability Analyzer path's own values (vpc.md §44); its two ends are
 * resolved by {@link PathResources}. Pure: each check returns the first rule broken as AWS's error,
 * or empty; {@link NetworkInsightsOperations} throws.
 */
public final class PathRules {
  private PathRules() {}

  /** CreateNetworkInsightsPath: tcp or udp. */
  public static Optional<AwsException> protocol(String protocol) {
    return protocol.equals("tcp") || protocol.equals("udp") ? Optional.empty()
        : Optional.of(NetworkInsightsErrors.invalidProtocol(protocol));
  }

  /** CreateNetworkInsightsPath: a Destination resource or FilterAtSource.DestinationAddress. */
  public static Optional<AwsException> destination(String destination, String filterDestinationAddress) {
    return destination == null && filterDestinationAddress == null
        ? Optional.of(NetworkInsightsErrors.missingDestination()) : Optional.empty();
  }

  /** SourceIp / DestinationIp when given: one IPv4 or IPv6 address, bare or as a /32 or /128. */
  public static Optional<AwsException> address(String param, String value) {
    if (value == null || Cidr.parseAddress(value).isPresent()
        || Cidr.tryParse(value).filter(c -> c.prefixLength() == c.bits()).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(NetworkInsightsErrors.invalidAddress(param, value));
  }

  /** DestinationPort when given: 0–65535. */
  public static Optional<AwsException> port(Integer port) {
    return port != null && (port < 0 || port > 65535) ? Optional.of(NetworkInsightsErrors.invalidPort(port))
        : Optional.empty();
  }
}
