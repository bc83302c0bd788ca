package dev.stratus.cloudfront.model;

import dev.stratus.core.store.Table;
import java.time.Instant;
import java.util.List;

/**
 * An invalidation of a distribution: {@code InProgress} until {@code completedAt}, then
 * {@code Completed}. Keyed by {@code distributionId + "/" + id}.
 */
public record Invalidation(String id, String distributionId, String callerReference, List<String> paths,
    Instant createTime, Instant completedAt) {
  public static final Table<Invalidation> TABLE = Table.of("cloudfront.invalidation", Invalidation.class);

  public Invalidation { paths = List.copyOf(paths); }

  public String key() { return distributionId + "/" + id; }

  public String status(Instant now) { return now.isBefore(completedAt) ? "InProgress" : "Completed"; }

  public static boolean wildcard(String path) { return path.endsWith("*"); }
}
