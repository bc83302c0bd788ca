package dev.stratus.ec2.vpc;

import dev.stratus.core.AwsException;
import dev.stratus.ec2.Ec2Errors;
import dev.stratus.ec2.model.DhcpOptions;
import dev.stratus.ec2.model.Vpc;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * AWS's rules for DHCP option sets. Pure: each check takes the request's values and the rows it
 * needs and returns the first rule broken as AWS's error, or empty; {@link DhcpOptionsOperations}
 * throws.
 */
public final class DhcpOptionsRules {
  /** The option names CreateDhcpOptions accepts. */
  static final Set<String> KEYS = Set.of("domain-name", "domain-name-servers", "ntp-servers",
      "netbios-name-servers", "netbios-node-type", "ipv6-address-preferred-lease-time");

  private DhcpOptionsRules() {}

  /** CreateDhcpOptions: at least one option, each one AWS knows ({@code keys} in request order, null allowed). */
  public static Optional<AwsException> createDhcpOptions(List<String> keys) {
    if (keys.isEmpty()) return Optional.of(Ec2Errors.missing("DhcpConfiguration"));
    for (String key : keys) {
      if (key == null || !KEYS.contains(key)) {
        return Optional.of(Ec2Errors.invalidParameterValue("Value (" + key + ") for parameter name is invalid. Unknown"
            + " DHCP option"));
      }
    }
    return Optional.empty();
  }

  /** DeleteDhcpOptions: no VPC uses the set. */
  public static Optional<AwsException> deleteDhcpOptions(DhcpOptions d, Collection<Vpc> vpcs) {
    return vpcs.stream().anyMatch(v -> d.id().equals(v.dhcpOptionsId()))
        ? Optional.of(Ec2Errors.dependencies("dhcpOptions", d.id())) : Optional.empty();
  }
}
