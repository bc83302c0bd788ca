package dev.stratus.wafv2.model;

import dev.stratus.core.store.Table;
import java.util.Map;

/** The tags of one WAF resource, stored under its ARN in the resource's scope. */
public record WafTags(String arn, Map<String, String> tags) {
  public static final Table<WafTags> TABLE = Table.of("wafv2.tags", WafTags.class);

  public WafTags {
    tags = Map.copyOf(tags);
  }
}
