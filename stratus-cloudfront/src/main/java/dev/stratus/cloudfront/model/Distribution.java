package dev.stratus.cloudfront.model;

import dev.stratus.core.store.Table;
import java.time.Instant;
import java.util.Objects;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;

/**
 * A CloudFront distribution as stored. Ids are unique across accounts, so rows live in one
 * {@link #SCOPE} (the edge finds a distribution by the id in its host name) and carry their
 * account.
 *
 * @param id e.g. {@code E2QWRUHAPOMQZL}
 * @param domainName e.g. {@code d111111abcdef8.cloudfront.net}
 * @param etag the version of {@code config} that If-Match must name
 * @param config the {@link DistributionConfig} as {@link SdkJson} text
 * @param deployedAt when the last change reaches every edge: Status is {@code InProgress} before
 */
public record Distribution(String id, String accountId, String arn, String domainName, String etag, String config,
    Instant lastModifiedTime, Instant deployedAt) {

  public static final Table<Distribution> TABLE = Table.of("cloudfront.distribution", Distribution.class);

  /** The one store scope of every CloudFront row (ids are global). */
  public static final String SCOPE = "cloudfront";

  public Distribution {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(config, "config");
  }

  public DistributionConfig distributionConfig() { return SdkJson.read(config, DistributionConfig.class); }

  /** {@code InProgress} until {@link #deployedAt}, then {@code Deployed}. */
  public String status(Instant now) { return now.isBefore(deployedAt) ? "InProgress" : "Deployed"; }
}
