package dev.stratus.app;

import dev.stratus.cloudfront.dataplane.CloudFrontEdge;
import dev.stratus.cloudfront.dataplane.cache.CacheTier;
import dev.stratus.core.Extensions;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of {@code GET /_stratus/cloudfront/cache}: per distribution on the CloudFront edge,
 * its origin fetches and each tier's counters ({@code stratus cache} prints one of them).
 */
final class CacheJson {
  static final String PATH = "/_stratus/cloudfront/cache";
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  record Distribution(String id, long originFetches, List<CacheTier.Stats> tiers) {}

  record Document(List<Distribution> distributions) {}

  private CacheJson() {}

  /** The document for the edge in {@code extensions}; no distributions when CloudFront's edge is not running. */
  static String write(Extensions extensions) {
    List<Distribution> out = extensions.find(CloudFrontEdge.class)
        .map(edge -> edge.distributionIds().stream()
            .map(id -> new Distribution(id, edge.originFetches(id), edge.cacheStats(id).orElse(List.of())))
            .toList())
        .orElse(List.of());
    return MAPPER.writeValueAsString(new Document(out));
  }

  static Document read(String json) { return MAPPER.readValue(json, Document.class); }
}
