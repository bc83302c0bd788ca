package dev.stratus.wafv2.model;

import dev.stratus.core.store.Table;
import java.util.Objects;

/**
 * A web ACL as stored, scoped by account, region and {@link WafScope} (see
 * {@link WafScope#storeScope}). Created by the WAF issue; until then the table is only read.
 */
public record WebAcl(String id, String name, String arn, String description, String lockToken) {

  public static final Table<WebAcl> TABLE = Table.of("wafv2.web_acl", WebAcl.class);

  public WebAcl {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arn, "arn");
  }
}
