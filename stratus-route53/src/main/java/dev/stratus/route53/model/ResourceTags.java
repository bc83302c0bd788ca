package dev.stratus.route53.model;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The tags of one taggable Route 53 resource (ChangeTagsForResource): a hosted zone or a health
 * check.
 *
 * @param resourceType {@code hostedzone} or {@code healthcheck}
 * @param resourceId the bare id
 * @param tags key → value, sorted by key
 */
public record ResourceTags(String resourceType, String resourceId, Map<String, String> tags) {

  /** Most tags per resource (AWS's ChangeTagsForResource limit). */
  public static final int MAX_TAGS = 50;

  public ResourceTags {
    Objects.requireNonNull(resourceType, "resourceType");
    Objects.requireNonNull(resourceId, "resourceId");
    tags = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNullElse(tags, Map.of())));
  }

  /** The row id in {@link Route53Tables#TAGS}: {@code hostedzone/Z…} or {@code healthcheck/<uuid>}. */
  public static String storeId(String resourceType, String resourceId) { return resourceType + "/" + resourceId; }
}
