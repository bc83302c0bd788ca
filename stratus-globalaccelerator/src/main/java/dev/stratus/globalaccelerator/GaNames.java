package dev.stratus.globalaccelerator;

import dev.stratus.core.ResourceIds;
import java.util.UUID;
import java.util.regex.Pattern;

/** ARNs and DNS names in AWS's shapes. */
final class GaNames {
  private GaNames() {}

  static final Pattern ACCELERATOR_ARN =
      Pattern.compile("arn:aws[a-z-]*:globalaccelerator::\\d{12}:accelerator/[0-9a-f-]{36}");
  static final Pattern LISTENER_ARN = Pattern.compile(ACCELERATOR_ARN.pattern() + "/listener/[0-9a-f]{8}");
  static final Pattern ENDPOINT_GROUP_ARN = Pattern.compile(LISTENER_ARN.pattern() + "/endpoint-group/[0-9a-f]{12}");

  static String acceleratorArn(String account) {
    return "arn:aws:globalaccelerator::" + account + ":accelerator/" + UUID.randomUUID();
  }

  static String listenerArn(String acceleratorArn) { return acceleratorArn + "/listener/" + ResourceIds.hex("", 8); }

  static String endpointGroupArn(String listenerArn) { return listenerArn + "/endpoint-group/" + ResourceIds.hex("", 12); }

  /** The accelerator ARN a listener or endpoint group ARN starts with. */
  static String acceleratorOf(String arn) {
    int at = arn.indexOf("/listener/");
    return at < 0 ? arn : arn.substring(0, at);
  }

  /** The listener ARN an endpoint group ARN starts with. */
  static String listenerOf(String endpointGroupArn) {
    int at = endpointGroupArn.indexOf("/endpoint-group/");
    return at < 0 ? endpointGroupArn : endpointGroupArn.substring(0, at);
  }

  /** The account of an ARN, or null when it is not one. */
  static String accountOf(String arn) {
    String[] parts = arn.split(":", 6);
    return parts.length < 6 ? null : parts[4];
  }

  /** {@code a<16 hex>.awsglobalaccelerator.localhost} (AWS: {@code …awsglobalaccelerator.com}). */
  static String dnsName() { return ResourceIds.hex("a", 16) + ".awsglobalaccelerator.localhost"; }

  /** {@code <id>.dualstack.awsglobalaccelerator.localhost}, from the accelerator's DNS name. */
  static String dualStackDnsName(String dnsName) {
    return dnsName.replace(".awsglobalaccelerator.localhost", ".dualstack.awsglobalaccelerator.localhost");
  }

  /** AWS's own form of a Stratus name. */
  static String awsForm(String localName) {
    return localName.replace(".awsglobalaccelerator.localhost", ".awsglobalaccelerator.com");
  }
}
