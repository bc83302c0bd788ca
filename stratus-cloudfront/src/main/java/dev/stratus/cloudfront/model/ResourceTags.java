package dev.stratus.cloudfront.model;

import dev.stratus.core.store.Table;
import java.util.LinkedHashMap;
import java.util.Map;

/** The tags of a distribution (or other taggable resource), keyed by its ARN. */
public record ResourceTags(String arn, Map<String, String> tags) {
  public static final Table<ResourceTags> TABLE = Table.of("cloudfront.tags", ResourceTags.class);

  public ResourceTags { tags = new LinkedHashMap<>(tags); }
}
