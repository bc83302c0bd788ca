package dev.stratus.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a list answered the way most AWS List/Describe calls page: items sorted by a
 * stable key, an opaque marker naming the first item of the next page.
 */
public record Pagination<T>(List<T> items, Optional<String> nextMarker) {

  public Pagination {
    items = List.copyOf(items);
    Objects.requireNonNull(nextMarker, "nextMarker");
  }

  /**
   * The page of {@code sorted} that starts at the item whose key equals {@code marker} (or the
   * first item when there is no marker), at most {@code limit} items long.
   *
   * @param sorted every item, already in the service's listing order
   * @param key the stable key a marker refers to (an id or ARN)
   * @param marker the marker the caller sent, or null
   * @param limit the page size, at least 1
   * @throws AwsException {@code errorForBadMarker} when the marker names no item
   */
  public static <T> Pagination<T> page(List<T> sorted, Function<T, String> key, String marker, int limit,
      Function<String, AwsException> errorForBadMarker) {
    if (limit < 1) throw new IllegalArgumentException("limit must be positive: " + limit);
    int start = 0;
    if (marker != null && !marker.isEmpty()) {
      start = -1;
      for (int i = 0; i < sorted.size(); i++) {
        if (key.apply(sorted.get(i)).equals(marker)) { start = i; break; }
      }
      if (start < 0) throw errorForBadMarker.apply(marker);
    }
    int end = Math.min(sorted.size(), start + limit);
    var next = end < sorted.size() ? Optional.of(key.apply(sorted.get(end))) : Optional.<String>empty();
    return new Pagination<>(sorted.subList(start, end), next);
  }
}
