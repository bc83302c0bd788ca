package dev.stratus.cloudfront.model;

import dev.stratus.core.store.Table;
import java.time.Instant;

/**
 * A custom cache, origin request or response headers policy, an origin access control or
 * identity: its
 * SDK config as {@link SdkJson} text (the table says which config type).
 */
public record StoredPolicy(String id, String accountId, String name, String etag, String config,
    Instant lastModifiedTime) {
  public static final Table<StoredPolicy> CACHE = Table.of("cloudfront.cache_policy", StoredPolicy.class);
  public static final Table<StoredPolicy> ORIGIN_REQUEST = Table.of("cloudfront.origin_request_policy", StoredPolicy.class);
  public static final Table<StoredPolicy> RESPONSE_HEADERS =
      Table.of("cloudfront.response_headers_policy", StoredPolicy.class);
  /** Legacy origin access identities: {@code name} holds the CallerReference. */
  public static final Table<StoredPolicy> ORIGIN_ACCESS_IDENTITY =
      Table.of("cloudfront.origin_access_identity", StoredPolicy.class);
  public static final Table<StoredPolicy> ORIGIN_ACCESS_CONTROL =
      Table.of("cloudfront.origin_access_control", StoredPolicy.class);
}
