package dev.stratus.globalaccelerator.model;

import dev.stratus.core.net.PortRange;
import dev.stratus.core.store.Table;
import java.util.List;
import java.util.Objects;

/**
 * A listener of an accelerator (globalaccelerator.md §3–5): TCP or UDP on 1–10 port ranges of
 * the accelerator's static addresses, with client affinity {@code NONE} (5-tuple) or
 * {@code SOURCE_IP} (2-tuple). Scoped by account, like its accelerator.
 */
public record AcceleratorListener(String arn, String acceleratorArn, String protocol, List<PortRange> portRanges,
    String clientAffinity, String idempotencyToken) {

  public static final Table<AcceleratorListener> TABLE = Table.of("globalaccelerator.listener", AcceleratorListener.class);
  /** Listeners of custom routing accelerators: port ranges only (no protocol, no affinity). */
  public static final Table<AcceleratorListener> CUSTOM_ROUTING_TABLE =
      Table.of("globalaccelerator.custom_routing_listener", AcceleratorListener.class);

  public AcceleratorListener {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(acceleratorArn, "acceleratorArn");
    portRanges = List.copyOf(portRanges);
  }

  /** The first port of the first range: the default health-check port (§10). */
  public int firstPort() { return portRanges.getFirst().from(); }

  public boolean covers(int port) { return portRanges.stream().anyMatch(r -> r.contains(port)); }
}
