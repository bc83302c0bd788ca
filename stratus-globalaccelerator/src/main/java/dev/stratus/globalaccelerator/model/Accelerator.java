package dev.stratus.globalaccelerator.model;

import dev.stratus.core.store.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A standard accelerator as stored. Global Accelerator is global (its API is served from
 * us-west-2): rows are scoped by account.
 *
 * @param ipv4Addresses its two static IPv4 addresses, one from each network zone
 *     (globalaccelerator.md §1): loopback addresses here, where its listeners bind
 * @param ipv6Addresses the two IPv6 addresses of a DUAL_STACK accelerator (reported, not bound:
 *     loopback has one IPv6 address)
 * @param changedAt when the last change was made: the accelerator reads IN_PROGRESS for
 *     {@link #DEPLOYING} after it, then DEPLOYED (on the injected clock)
 * @param idempotencyToken the CreateAccelerator token that made it
 */
public record Accelerator(String arn, String name, String ipAddressType, boolean enabled, String dnsName,
    String dualStackDnsName, List<String> ipv4Addresses, List<String> ipv6Addresses, Instant createdTime,
    Instant changedAt, String idempotencyToken, FlowLogs flowLogs, Map<String, String> tags) {

  public static final Table<Accelerator> TABLE = Table.of("globalaccelerator.accelerator", Accelerator.class);
  /** Custom routing accelerators: the same record, their own table (their own API). */
  public static final Table<Accelerator> CUSTOM_ROUTING_TABLE =
      Table.of("globalaccelerator.custom_routing_accelerator", Accelerator.class);

  /** How long a change reads IN_PROGRESS (AWS: a few minutes; here short, on the injected clock). */
  public static final Duration DEPLOYING = Duration.ofSeconds(10);

  public Accelerator {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(name, "name");
    ipv4Addresses = List.copyOf(ipv4Addresses);
    ipv6Addresses = ipv6Addresses == null ? List.of() : List.copyOf(ipv6Addresses);
    flowLogs = flowLogs == null ? FlowLogs.OFF : flowLogs;
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  /** The accelerator attributes (flow logs). */
  public record FlowLogs(boolean enabled, String s3Bucket, String s3Prefix) {
    public static final FlowLogs OFF = new FlowLogs(false, null, null);
  }

  /** IN_PROGRESS until {@link #DEPLOYING} after the last change, then DEPLOYED. */
  public String status(Instant now) {
    return now.isBefore(changedAt.plus(DEPLOYING)) ? "IN_PROGRESS" : "DEPLOYED";
  }

  /** The accelerator's id: the last segment of its ARN. */
  public String id() { return arn.substring(arn.lastIndexOf('/') + 1); }

  public Accelerator changed(Instant at) {
    return new Accelerator(arn, name, ipAddressType, enabled, dnsName, dualStackDnsName, ipv4Addresses, ipv6Addresses,
        createdTime, at, idempotencyToken, flowLogs, tags);
  }

  public Accelerator withSettings(String newName, String newIpAddressType, boolean newEnabled, List<String> newIpv6,
      String newDualStackDnsName) {
    return new Accelerator(arn, newName, newIpAddressType, newEnabled, dnsName, newDualStackDnsName, ipv4Addresses,
        newIpv6, createdTime, changedAt, idempotencyToken, flowLogs, tags);
  }

  public Accelerator withFlowLogs(FlowLogs logs) {
    return new Accelerator(arn, name, ipAddressType, enabled, dnsName, dualStackDnsName, ipv4Addresses, ipv6Addresses,
        createdTime, changedAt, idempotencyToken, logs, tags);
  }

  public Accelerator withTags(Map<String, String> newTags) {
    return new Accelerator(arn, name, ipAddressType, enabled, dnsName, dualStackDnsName, ipv4Addresses, ipv6Addresses,
        createdTime, changedAt, idempotencyToken, flowLogs, newTags);
  }
}
