package dev.stratus.wafv2.model;

import dev.stratus.core.store.Table;

/** A web ACL's logging configuration (its API shape as JSON), stored under the web ACL's ARN. */
public record WafLogging(String webAclArn, String document) {
  public static final Table<WafLogging> TABLE = Table.of("wafv2.logging", WafLogging.class);
}
