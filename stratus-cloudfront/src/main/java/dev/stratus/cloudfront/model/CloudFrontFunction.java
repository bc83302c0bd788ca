package dev.stratus.cloudfront.model;

import dev.stratus.core.store.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * A CloudFront Function: its DEVELOPMENT stage and, once published, its LIVE stage. Keyed by
 * {@code accountId + "/" + name}.
 */
public record CloudFrontFunction(String name, String accountId, String arn, Instant createdTime, Stage development,
    Optional<Stage> live) {
  public static final Table<CloudFrontFunction> TABLE = Table.of("cloudfront.function", CloudFrontFunction.class);

  /**
   * One stage of a function.
   *
   * @param config the SDK {@code FunctionConfig} as {@link SdkJson} text
   * @param code the function code, base64
   */
  public record Stage(String etag, String config, String code, Instant lastModifiedTime) {}

  public String key() { return accountId + "/" + name; }

  public static String key(String accountId, String name) { return accountId + "/" + name; }
}
