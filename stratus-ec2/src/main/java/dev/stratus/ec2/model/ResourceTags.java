package dev.stratus.ec2.model;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** The tags of one EC2 resource, kept apart from the resource so that CreateTags works on every kind. */
public record ResourceTags(String resourceId, Map<String, String> tags) {
  public ResourceTags {
    Objects.requireNonNull(resourceId, "resourceId");
    tags = java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
  }
}
