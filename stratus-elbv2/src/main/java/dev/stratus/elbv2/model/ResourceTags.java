package dev.stratus.elbv2.model;

import dev.stratus.core.store.Table;
import java.util.Map;

/** The tags of one ELBv2 resource (load balancer, target group, listener, rule), keyed by its ARN. */
public record ResourceTags(String arn, Map<String, String> tags) {
  public static final Table<ResourceTags> TABLE = Table.of("elbv2.tags", ResourceTags.class);

  public ResourceTags { tags = tags == null ? Map.of() : Map.copyOf(tags); }
}
