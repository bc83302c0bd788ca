package dev.stratus.ec2.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A DHCP options set: keys such as {@code domain-name} and {@code domain-name-servers} to values. */
public record DhcpOptions(String id, Map<String, List<String>> configurations) {
  public DhcpOptions {
    Objects.requireNonNull(id, "id");
    configurations = Map.copyOf(configurations);
  }
}
