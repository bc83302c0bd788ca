package dev.stratus.globalaccelerator.model;

import dev.stratus.core.store.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * An accelerator as stored. Global Accelerator is global (its API is served from us-west-2):
 * rows are scoped by account.
 */
public record Accelerator(String arn, String name, String ipAddressType, boolean enabled, String dnsName,
    String status, Instant createdTime) {

  public static final Table<Accelerator> TABLE = Table.of("globalaccelerator.accelerator", Accelerator.class);

  public Accelerator {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(name, "name");
  }
}
