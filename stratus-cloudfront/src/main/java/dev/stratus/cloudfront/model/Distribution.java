package dev.stratus.cloudfront.model;

import dev.stratus.core.store.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * A CloudFront distribution as stored. CloudFront is global: rows are scoped by account. Created
 * by the CloudFront data-plane issue; until then the table is only read.
 *
 * @param id e.g. {@code E2QWRUHAPOMQZL}
 * @param domainName e.g. {@code d111111abcdef8.cloudfront.net}
 */
public record Distribution(String id, String arn, String domainName, String status, boolean enabled, String comment,
    Instant lastModifiedTime) {

  public static final Table<Distribution> TABLE = Table.of("cloudfront.distribution", Distribution.class);

  public Distribution {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(arn, "arn");
  }
}
