package dev.stratus.wafv2.model;

import dev.stratus.core.store.Table;
import java.util.Objects;

/**
 * A web ACL, rule group, IP set or regex pattern set as stored, scoped by account, region and
 * {@link WafScope} (see {@link WafScope#storeScope}). {@code document} is the resource's API shape
 * as JSON (its rules, addresses or patterns); {@code lockToken} changes on every write (AWS's
 * optimistic concurrency).
 */
public record WafEntity(String id, String name, String arn, String description, String lockToken, String document) {

  public static final Table<WafEntity> WEB_ACLS = Table.of("wafv2.web_acl", WafEntity.class);
  public static final Table<WafEntity> RULE_GROUPS = Table.of("wafv2.rule_group", WafEntity.class);
  public static final Table<WafEntity> IP_SETS = Table.of("wafv2.ip_set", WafEntity.class);
  public static final Table<WafEntity> REGEX_PATTERN_SETS = Table.of("wafv2.regex_pattern_set", WafEntity.class);

  public WafEntity {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(lockToken, "lockToken");
  }

  /**
   * The table of the resource an ARN names ({@code …:regional/ipset/name/id}), or null when the
   * ARN is not a WAF resource's.
   */
  public static Table<WafEntity> tableOf(String arn) {
    if (WafScope.storeScopeOfArn(arn) == null) return null;
    return switch (arn.split(":", 6)[5].split("/")[1]) {
      case "webacl" -> WEB_ACLS;
      case "rulegroup" -> RULE_GROUPS;
      case "ipset" -> IP_SETS;
      case "regexpatternset" -> REGEX_PATTERN_SETS;
      default -> null;
    };
  }

  /** The resource {@code arn} names, from committed state or a transaction. */
  public static java.util.Optional<WafEntity> byArn(dev.stratus.core.store.ReadView view, String arn) {
    Table<WafEntity> table = tableOf(arn);
    if (table == null) return java.util.Optional.empty();
    return view.get(table, WafScope.storeScopeOfArn(arn), arn.substring(arn.lastIndexOf('/') + 1))
        .filter(e -> e.arn().equals(arn));
  }

  public WafEntity withChange(String description, String lockToken, String document) {
    return new WafEntity(id, name, arn, description, lockToken, document);
  }
}
