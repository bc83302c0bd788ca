package dev.stratus.cloudfront.model;

import dev.stratus.core.store.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * A CloudFront key value store (its control-plane record; keys live in the store's data API).
 * Keyed by {@code accountId + "/" + name}.
 *
 * @param importSourceArn the S3 object named at creation, if any
 * @param readyAt when {@code PROVISIONING} becomes {@code READY}
 */
public record KeyValueStore(String name, String accountId, String id, String arn, String comment, String etag,
    Optional<String> importSourceArn, Instant lastModifiedTime, Instant readyAt) {
  public static final Table<KeyValueStore> TABLE = Table.of("cloudfront.key_value_store", KeyValueStore.class);

  public String key() { return key(accountId, name); }

  public static String key(String accountId, String name) { return accountId + "/" + name; }

  public String status(Instant now) { return now.isBefore(readyAt) ? "PROVISIONING" : "READY"; }
}
