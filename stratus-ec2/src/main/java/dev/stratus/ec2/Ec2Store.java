package dev.stratus.ec2;

import dev.stratus.core.RequestContext;
import dev.stratus.core.store.Index;
import dev.stratus.core.store.ReadView;
import dev.stratus.core.store.Store;
import dev.stratus.core.store.Table;
import dev.stratus.core.store.Transaction;
import dev.stratus.ec2.vpc.DefaultVpc;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * EC2's view of the store: every read and write first makes sure the (account, region) has what
 * a new AWS account has there (the default VPC, see {@link DefaultVpc}), and lookups answer AWS's
 * malformed / not-found errors.
 */
public final class Ec2Store {
  private final Store store;
  private final Clock clock;

  public Ec2Store(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    Ec2Tables.INDEXES.forEach(store::index);
  }

  public Clock clock() { return clock; }

  /** One atomic write in the caller's region, after the region's defaults exist. */
  public <R> R write(RequestContext ctx, Function<Transaction, R> work) {
    ensureDefaults(ctx);
    return store.write(work);
  }

  /** Committed state of the caller's region, after the region's defaults exist. */
  public ReadView read(RequestContext ctx) {
    ensureDefaults(ctx);
    return store;
  }

  /** The raw store (for cross-region reads such as inter-region peering). */
  public Store raw() { return store; }

  private void ensureDefaults(RequestContext ctx) {
    String scope = ctx.regionalScope();
    if (store.get(Ec2Tables.DEFAULTS, scope, Ec2Tables.DEFAULTS_ID).isPresent()) return;
    store.write(tx -> {
      if (tx.get(Ec2Tables.DEFAULTS, scope, Ec2Tables.DEFAULTS_ID).isEmpty()) {
        DefaultVpc.create(tx, scope, ctx.region());
      }
      return null;
    });
  }

  /** The row {@code id} of {@code kind}, or AWS's malformed / not-found error. */
  public static <T> T require(ReadView view, String scope, IdKind kind, Table<T> table, String id) {
    if (id == null || id.isEmpty()) throw Ec2Errors.missing(kind.param());
    kind.checkShape(id);
    return view.get(table, scope, id).orElseThrow(() -> kind.notFound(id));
  }

  /**
   * The rows a Describe* names by id, in request order; every id is shape-checked before any is
   * looked up (AWS: malformed wins over not found). An empty id list means every row.
   */
  public static <T> List<T> describe(ReadView view, String scope, IdKind kind, Table<T> table, List<String> ids) {
    if (ids == null || ids.isEmpty()) return view.list(table, scope);
    ids.forEach(kind::checkShape);
    List<T> out = new ArrayList<>();
    for (String id : new LinkedHashSet<>(ids)) {
      out.add(view.get(table, scope, id).orElseThrow(() -> kind.notFound(id)));
    }
    return out;
  }

  /**
   * As {@link #describe}, but when no ids are named and a filter {@code filterName} names exactly
   * one value without wildcards (DescribeRouteTables with {@code vpc-id}), only the rows of that
   * key, from {@code index}: the filters still run over them, so the answer is the same.
   */
  public static <T> List<T> describe(ReadView view, String scope, IdKind kind, Table<T> table, List<String> ids,
      List<Filter> filters, String filterName, Index<T> index) {
    if ((ids == null || ids.isEmpty()) && filters != null) {
      for (var f : filters) {
        if (filterName.equals(f.name()) && f.values().size() == 1 && f.values().get(0) != null
            && f.values().get(0).chars().noneMatch(c -> c == '*' || c == '?' || c == '\\')) {
          return view.listBy(index, scope, f.values().get(0));
        }
      }
    }
    return describe(view, scope, kind, table, ids);
  }

  /** Throws AWS's DryRunOperation when {@code dryRun} is set (after validation succeeded). */
  public static void dryRun(Boolean dryRun) {
    if (Boolean.TRUE.equals(dryRun)) throw Ec2Errors.dryRun();
  }

  /** Unwraps a single-id request parameter, answering MissingParameter when absent. */
  public static String param(String value, String name) {
    if (value == null || value.isEmpty()) throw Ec2Errors.missing(name);
    return value;
  }

}
