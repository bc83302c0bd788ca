package dev.stratus.ec2.reachability;

import java.util.Map;
import java.util.Objects;

/**
 * What the analyzer needs to know about a control-plane record that the record itself does not
 * carry: the Region and account of the store scope it lives in, and its tags (a store row of their
 * own). {@link Network} keeps one per resource id beside the {@code ec2.model} records.
 *
 * @param region e.g. {@code us-east-1}
 * @param ownerId the owning account, empty when the source did not say
 * @param tags the resource tags
 */
public record Placement(String region, String ownerId, Map<String, String> tags) {
  /** Where nothing is known. */
  public static final Placement NONE = new Placement("", "", Map.of());

  public Placement {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(ownerId, "ownerId");
    tags = Map.copyOf(tags);
  }
}
