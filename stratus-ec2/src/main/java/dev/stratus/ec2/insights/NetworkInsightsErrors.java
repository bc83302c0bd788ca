package dev.stratus.ec2.insights;

import dev.stratus.core.AwsException;

/**
 * AWS's error codes and texts for Network Insights. Texts as AWS returns them where known
 * (marked "AWS"), else Stratus's wording in AWS's style (marked "stratus").
 */
final class NetworkInsightsErrors {
  private NetworkInsightsErrors() {}

  private static AwsException e(String code, String message) { return new AwsException(code, 400, message); }

  /** AWS (seen in Terraform issue 38132): a path without Destination or a destination address. */
  static AwsException missingDestination() {
    return e("MissingParameter", "The request must include either the Destination parameter or the "
        + "FilterAtSource.DestinationAddress parameter. Add the required parameter and retry the request.");
  }

  /** Stratus: a path end in another Region (vpc.md §43: source and destination share a Region). */
  static AwsException otherRegion(String param, String arn, String region) {
    return e("InvalidParameterValue", "The " + param + " '" + arn + "' is not in Region " + region
        + ". The source and destination of a path must be in the same Region.");
  }

  /** Stratus: a path end that is not a resource type Reachability Analyzer supports. */
  static AwsException unsupportedResource(String param, String value) {
    return e("InvalidParameterValue", "Value (" + value + ") for parameter " + param + " is invalid. "
        + "Supported resources are instances, network interfaces, internet gateways, transit gateways, "
        + "transit gateway attachments, VPC endpoints, VPC peering connections, VPN gateways and VPN connections.");
  }

  /** Stratus: a protocol other than tcp or udp. */
  static AwsException invalidProtocol(String value) {
    return e("InvalidParameterValue", "Value (" + value + ") for parameter Protocol is invalid. "
        + "Valid values are tcp and udp.");
  }

  /** Stratus: an IP parameter that is not an address. */
  static AwsException invalidAddress(String param, String value) {
    return e("InvalidParameterValue", "Value (" + value + ") for parameter " + param + " is invalid. "
        + "It must be an IPv4 or IPv6 address.");
  }

  /** Stratus: a port outside 0-65535. */
  static AwsException invalidPort(int port) {
    return e("InvalidParameterValue", "Value (" + port + ") for parameter DestinationPort is invalid. "
        + "It must be between 0 and 65535.");
  }

  /** Stratus (AWS's code): an unknown path id. */
  static AwsException pathNotFound(String id) {
    return e("InvalidNetworkInsightsPathId.NotFound", "The network insights path ID '" + id + "' does not exist");
  }

  /** Stratus (AWS's code): an unknown analysis id. */
  static AwsException analysisNotFound(String id) {
    return e("InvalidNetworkInsightsAnalysisId.NotFound",
        "The network insights analysis ID '" + id + "' does not exist");
  }

  /** Stratus (AWS's code): a path id of the wrong shape. */
  static AwsException pathMalformed(String id) {
    return e("InvalidNetworkInsightsPathId.Malformed", "Invalid id: \"" + id + "\"");
  }

  /** Stratus (AWS's code): an analysis id of the wrong shape. */
  static AwsException analysisMalformed(String id) {
    return e("InvalidNetworkInsightsAnalysisId.Malformed", "Invalid id: \"" + id + "\"");
  }
}
