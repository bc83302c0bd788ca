package dev.stratus.wafv2;

import dev.stratus.core.Pagination;
import dev.stratus.core.RequestContext;
import dev.stratus.core.store.ReadView;
import dev.stratus.core.store.Store;
import dev.stratus.core.store.Table;
import dev.stratus.core.store.Transaction;
import dev.stratus.wafv2.model.WafEntity;
import dev.stratus.wafv2.model.WafScope;
import dev.stratus.wafv2.model.WafTags;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.wafv2.model.Tag;

/**
 * What the four WAF resource kinds share: a name unique per scope, a generated id, an ARN, a
 * LockToken checked on every update and delete (AWS's optimistic concurrency), and paging.
 */
final class Resources {
  /** The kinds, with their ARN word and table. */
  enum Kind {
    // Default quotas per account, Region and scope (WAF Developer Guide, "AWS WAF quotas").
    WEB_ACL("webacl", WafEntity.WEB_ACLS, 100),
    RULE_GROUP("rulegroup", WafEntity.RULE_GROUPS, 100),
    IP_SET("ipset", WafEntity.IP_SETS, 100),
    REGEX_PATTERN_SET("regexpatternset", WafEntity.REGEX_PATTERN_SETS, 10);

    final String arnWord;
    final Table<WafEntity> table;
    final int quota;

    Kind(String arnWord, Table<WafEntity> table, int quota) {
      this.arnWord = arnWord;
      this.table = table;
      this.quota = quota;
    }

    /** The kind an ARN names ({@code …:regional/ipset/name/id}), or null. */
    static Kind ofArn(String arn) {
      if (WafScope.storeScopeOfArn(arn) == null) return null;
      String word = arn.split(":", 6)[5].split("/")[1];
      for (Kind k : values()) if (k.arnWord.equals(word)) return k;
      return null;
    }
  }

  /** Builds a new resource's document from the transaction, its id and its ARN. */
  @FunctionalInterface
  interface TriFunction {
    String apply(Transaction tx, String id, String arn);
  }

  /** List calls' Limit: 1–100, default 100 (API reference). */
  static final int MAX_LIMIT = 100;

  final Store store;

  Resources(Store store) { this.store = store; }

  static WafScope scope(RequestContext ctx, String value) {
    WafScope scope;
    try {
      scope = WafScope.valueOf(value);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw WafErrors.invalidParameter("SCOPE_VALUE", String.valueOf(value));
    }
    if (!scope.reachableFrom(ctx.region())) throw WafErrors.invalidScope(value);
    return scope;
  }

  static String storeScope(RequestContext ctx, WafScope scope) { return scope.storeScope(ctx.accountId(), ctx.region()); }

  /**
   * Creates a resource; {@code document} builds its API shape inside the transaction (so the
   * references it checks cannot vanish before the commit), after the name was found free.
   */
  WafEntity create(RequestContext ctx, WafScope scope, Kind kind, String name, String description, List<Tag> tags,
      TriFunction document) {
    String storeScope = storeScope(ctx, scope);
    return store.write(tx -> {
      var existing = tx.list(kind.table, storeScope);
      if (existing.stream().anyMatch(e -> e.name().equals(name))) throw WafErrors.duplicateItem();
      if (existing.size() >= kind.quota) throw WafErrors.limitsExceeded();
      String id = UUID.randomUUID().toString();
      String arn = "arn:aws:wafv2:" + ctx.region() + ":" + ctx.accountId() + ":" + scope.arnWord() + "/" + kind.arnWord
          + "/" + name + "/" + id;
      var e = new WafEntity(id, name, arn, description, UUID.randomUUID().toString(), document.apply(tx, id, arn));
      tx.put(kind.table, storeScope, id, e);
      if (!tags.isEmpty()) tx.put(WafTags.TABLE, storeScope, arn, new WafTags(arn, tagMap(tags)));
      return e;
    });
  }

  WafEntity get(RequestContext ctx, WafScope scope, Kind kind, String name, String id) {
    return find(store, storeScope(ctx, scope), kind, name, id);
  }

  static WafEntity find(ReadView view, String storeScope, Kind kind, String name, String id) {
    if (id == null) throw WafErrors.nonexistentItem();
    return view.get(kind.table, storeScope, id).filter(e -> e.name().equals(name))
        .orElseThrow(WafErrors::nonexistentItem);
  }

  /** A description as AWS answers it: an empty string for none (AWS's examples show {@code "Description": ""}). */
  static String described(String description) { return description == null ? "" : description; }

  /** Replaces a resource's description and document if {@code lockToken} is its current one. */
  WafEntity update(RequestContext ctx, WafScope scope, Kind kind, String name, String id, String lockToken,
      String description, BiFunction<Transaction, WafEntity, String> document) {
    String storeScope = storeScope(ctx, scope);
    return store.write(tx -> {
      WafEntity current = find(tx, storeScope, kind, name, id);
      if (!current.lockToken().equals(lockToken)) throw WafErrors.optimisticLock();
      var next = current.withChange(description, UUID.randomUUID().toString(), document.apply(tx, current));
      tx.put(kind.table, storeScope, id, next);
      return next;
    });
  }

  /** Deletes a resource after {@code inUse} (which throws to refuse) and the lock token agree. */
  void delete(RequestContext ctx, WafScope scope, Kind kind, String name, String id, String lockToken,
      BiConsumer<Transaction, WafEntity> inUse) {
    String storeScope = storeScope(ctx, scope);
    store.write(tx -> {
      WafEntity current = find(tx, storeScope, kind, name, id);
      if (!current.lockToken().equals(lockToken)) throw WafErrors.optimisticLock();
      inUse.accept(tx, current);
      tx.delete(kind.table, storeScope, id);
      tx.delete(WafTags.TABLE, storeScope, current.arn());
      return null;
    });
  }

  <S> Pagination<S> list(RequestContext ctx, WafScope scope, Kind kind, Integer limitValue, String marker,
      Function<WafEntity, S> summary) {
    int limit = limitValue == null ? MAX_LIMIT : limitValue;
    if (limit < 1 || limit > MAX_LIMIT) throw WafErrors.invalidParameter("LIMIT", String.valueOf(limit));
    var all = store.list(kind.table, storeScope(ctx, scope));
    var page = Pagination.page(all, WafEntity::id, marker, limit, m -> WafErrors.invalidParameter("NEXT_MARKER", m));
    return new Pagination<>(page.items().stream().map(summary).toList(), page.nextMarker());
  }

  /** The resource an ARN names, in any kind, from committed state or a transaction. */
  static java.util.Optional<WafEntity> byArn(ReadView view, String arn) {
    return WafEntity.byArn(view, arn);
  }

  static Map<String, String> tagMap(List<Tag> tags) {
    return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b, java.util.LinkedHashMap::new));
  }
}
