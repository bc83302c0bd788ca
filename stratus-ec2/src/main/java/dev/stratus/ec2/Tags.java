package dev.stratus.ec2;

import dev.stratus.core.store.ReadView;
import dev.stratus.core.store.Transaction;
import dev.stratus.ec2.model.ResourceTags;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** Reads and writes the tags of EC2 resources, and applies the TagSpecifications of create calls. */
public final class Tags {
  private Tags() {}

  /**
   * The tags of any resource of the scope, for Describe* filters and shapes: looked up per id
   * (O(log n) each), so a create's answer does not read every tag of the Region.
   */
  public static Function<String, Map<String, String>> of(ReadView view, String scope) {
    return id -> view.get(Ec2Tables.TAGS, scope, id).map(ResourceTags::tags).orElse(Map.of());
  }

  public static List<Tag> sdk(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }

  /**
   * As {@link #sdk}, but null (no tagSet element) for an untagged resource: the shapes whose
   * answers AWS's examples show without Tags when there are none (customer and VPN gateways, a
   * new security group, network insights paths), where other shapes answer an empty list.
   */
  public static List<Tag> sdkOrNone(Map<String, String> tags) { return tags.isEmpty() ? null : sdk(tags); }

  /** Adds or overwrites tags on one resource. */
  public static void put(Transaction tx, String scope, String resourceId, List<Tag> tags) {
    if (tags == null || tags.isEmpty()) return;
    Map<String, String> merged = new LinkedHashMap<>(
        tx.get(Ec2Tables.TAGS, scope, resourceId).map(ResourceTags::tags).orElse(Map.of()));
    for (Tag t : tags) {
      Ec2Errors.throwIf(TagRules.key(t.key()));
      merged.put(t.key(), t.value() == null ? "" : t.value());
    }
    tx.put(Ec2Tables.TAGS, scope, resourceId, new ResourceTags(resourceId, merged));
  }

  /** Applies the specifications whose resource type is {@code resourceType}. */
  public static void apply(Transaction tx, String scope, String resourceId, String resourceType, List<TagSpecification> specs) {
    if (specs == null) return;
    for (TagSpecification s : specs) {
      Ec2Errors.throwIf(TagRules.resourceType(s.resourceTypeAsString(), resourceType));
      put(tx, scope, resourceId, s.tags());
    }
  }

  /** Forgets a deleted resource's tags. */
  public static void drop(Transaction tx, String scope, String resourceId) {
    tx.delete(Ec2Tables.TAGS, scope, resourceId);
  }
}
