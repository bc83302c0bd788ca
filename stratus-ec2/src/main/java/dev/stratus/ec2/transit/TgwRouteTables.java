package dev.stratus.ec2.transit;

import dev.stratus.core.net.Cidr;
import dev.stratus.core.store.ReadView;
import dev.stratus.core.store.Transaction;
import dev.stratus.ec2.Ec2Tables;
import dev.stratus.ec2.model.TransitGatewayAttachment;
import dev.stratus.ec2.model.TransitGatewayRouteTable;
import dev.stratus.ec2.model.TransitGatewayRouteTable.Propagation;
import dev.stratus.ec2.model.TransitGatewayRouteTable.Route;
import dev.stratus.ec2.model.TransitGatewayRouteTable.RouteType;
import dev.stratus.ec2.model.TransitGatewayRouteTable.StaticRoute;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A transit gateway route table's contents as stored: the header row ({@link Ec2Tables#TGW_ROUTE_TABLE}),
 * one {@link Propagation} row per propagating attachment (carrying the routes it brings), one
 * {@link StaticRoute} row per static route, and associations as the attachments'
 * {@code associatedRouteTableId}, all found through the store's indexes by table or attachment.
 * Every reader and writer of those goes through here.
 *
 * <p>A header row of schema 1 still holds its lists inline ({@link TransitGatewayRouteTable#isInline}):
 * reads answer from the lists, and {@link #migrate} (run by every write here before it changes the
 * table) moves them to rows, so old data reads the same before and after.
 */
public final class TgwRouteTables {
  private TgwRouteTables() {}

  /** The whole table (routes, associations, propagations), as the reachability engine and Describe* see it. */
  public static TransitGatewayRouteTable assemble(ReadView view, String scope, TransitGatewayRouteTable t) {
    if (t.isInline()) return t;
    return t.with(routes(view, scope, t), associations(view, scope, t), propagations(view, scope, t));
  }

  /** The attachments associated with the table, in id order (schema 1: as listed). */
  public static List<String> associations(ReadView view, String scope, TransitGatewayRouteTable t) {
    if (t.isInline()) return t.associations();
    return view.listBy(Ec2Tables.TGW_ATTACHMENT_BY_ROUTE_TABLE, scope, t.id()).stream()
        .filter(a -> !a.isDeleted()).map(TransitGatewayAttachment::id).toList();
  }

  /** The attachments propagating into the table, in id order (schema 1: as listed). */
  public static List<String> propagations(ReadView view, String scope, TransitGatewayRouteTable t) {
    if (t.isInline()) return t.propagations();
    return view.listBy(Ec2Tables.TGW_PROPAGATION_BY_ROUTE_TABLE, scope, t.id()).stream()
        .map(Propagation::attachmentId).toList();
  }

  /** The table's routes in {@link #ROUTE_ORDER} (schema 1: as listed). */
  public static List<Route> routes(ReadView view, String scope, TransitGatewayRouteTable t) {
    if (t.isInline()) return t.routes();
    List<Route> out = new ArrayList<>();
    view.listBy(Ec2Tables.TGW_STATIC_ROUTE_BY_ROUTE_TABLE, scope, t.id()).forEach(r -> out.add(r.route()));
    view.listBy(Ec2Tables.TGW_PROPAGATION_BY_ROUTE_TABLE, scope, t.id()).forEach(p -> out.addAll(p.asRoutes()));
    out.sort(ROUTE_ORDER);
    return out;
  }

  /**
   * By destination (CIDR blocks in address order, then prefix lists), a static route before
   * propagated ones, then by attachment: an order that does not depend on row ids, which are random.
   */
  static final Comparator<Route> ROUTE_ORDER = Comparator
      .comparing(Route::destination, Comparator.nullsLast(Comparator.<Cidr>naturalOrder()))
      .thenComparing(Route::prefixListId, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
      .thenComparing(r -> !r.isStatic())
      .thenComparing(Route::attachmentId, Comparator.nullsFirst(Comparator.<String>naturalOrder()));

  /** Whether {@code attachmentId} propagates into the table. */
  public static boolean propagates(ReadView view, String scope, TransitGatewayRouteTable t, String attachmentId) {
    if (t.isInline()) return t.propagations().contains(attachmentId);
    return view.get(Ec2Tables.TGW_PROPAGATION, scope, Propagation.rowId(t.id(), attachmentId)).isPresent();
  }

  /** Whether anything is associated with or propagates into the table. */
  public static boolean inUse(ReadView view, String scope, TransitGatewayRouteTable t) {
    return !associations(view, scope, t).isEmpty() || !propagations(view, scope, t).isEmpty();
  }

  /** The table's static route to exactly {@code destination}, if any. */
  public static Optional<Route> staticRouteTo(ReadView view, String scope, TransitGatewayRouteTable t, Cidr destination) {
    if (t.isInline()) {
      return t.routes().stream().filter(r -> destination.equals(r.destination()) && r.isStatic()).findFirst();
    }
    return view.get(Ec2Tables.TGW_STATIC_ROUTE, scope, StaticRoute.rowId(t.id(), destination.toString()))
        .map(StaticRoute::route);
  }

  /** Records that attachment {@code a} propagates into {@code t}, with the routes it brings. */
  public static void propagate(Transaction tx, String scope, TransitGatewayRouteTable t, TransitGatewayAttachment a) {
    migrate(tx, scope, t);
    tx.put(Ec2Tables.TGW_PROPAGATION, scope, Propagation.rowId(t.id(), a.id()),
        new Propagation(t.id(), a.id(), TgwRouting.propagatedCidrs(tx, scope, a)));
  }

  /** Removes {@code attachmentId}'s propagation (and its routes) from {@code t}. */
  static void unpropagate(Transaction tx, String scope, TransitGatewayRouteTable t, String attachmentId) {
    migrate(tx, scope, t);
    tx.delete(Ec2Tables.TGW_PROPAGATION, scope, Propagation.rowId(t.id(), attachmentId));
  }

  /** Replaces the routes {@code attachmentId} propagates, in every table it propagates into (a VPN's static routes changed). */
  public static void repropagate(Transaction tx, String scope, String attachmentId, List<Cidr> cidrs) {
    migrateAll(tx, scope);
    for (Propagation p : tx.listBy(Ec2Tables.TGW_PROPAGATION_BY_ATTACHMENT, scope, attachmentId)) {
      tx.put(Ec2Tables.TGW_PROPAGATION, scope, Propagation.rowId(p.routeTableId(), attachmentId),
          new Propagation(p.routeTableId(), attachmentId, cidrs));
    }
  }

  /** Associates attachment {@code a} with {@code t} (the attachment row holds the association). */
  public static void associate(Transaction tx, String scope, TransitGatewayRouteTable t, TransitGatewayAttachment a) {
    migrate(tx, scope, t);
    tx.put(Ec2Tables.TGW_ATTACHMENT, scope, a.id(), a.withAssociation(t.id()));
  }

  /** Ends attachment {@code a}'s association with {@code t}. */
  static void disassociate(Transaction tx, String scope, TransitGatewayRouteTable t, TransitGatewayAttachment a) {
    migrate(tx, scope, t);
    tx.put(Ec2Tables.TGW_ATTACHMENT, scope, a.id(), a.withAssociation(null));
  }

  /** Creates or replaces the static route of {@code t} to the route's destination. */
  static void putStatic(Transaction tx, String scope, TransitGatewayRouteTable t, Route route) {
    migrate(tx, scope, t);
    var row = new StaticRoute(t.id(), route);
    tx.put(Ec2Tables.TGW_STATIC_ROUTE, scope, row.rowId(), row);
  }

  /** Deletes the static route of {@code t} to {@code destination}. */
  static void deleteStatic(Transaction tx, String scope, TransitGatewayRouteTable t, Cidr destination) {
    migrate(tx, scope, t);
    tx.delete(Ec2Tables.TGW_STATIC_ROUTE, scope, StaticRoute.rowId(t.id(), destination.toString()));
  }

  /** Deletes the table with its rows (its associations and propagations must be gone already, or go with it). */
  static void delete(Transaction tx, String scope, TransitGatewayRouteTable t) {
    migrate(tx, scope, t);
    for (var r : tx.listBy(Ec2Tables.TGW_STATIC_ROUTE_BY_ROUTE_TABLE, scope, t.id())) {
      tx.delete(Ec2Tables.TGW_STATIC_ROUTE, scope, r.rowId());
    }
    for (var p : tx.listBy(Ec2Tables.TGW_PROPAGATION_BY_ROUTE_TABLE, scope, t.id())) {
      tx.delete(Ec2Tables.TGW_PROPAGATION, scope, Propagation.rowId(t.id(), p.attachmentId()));
    }
    tx.delete(Ec2Tables.TGW_ROUTE_TABLE, scope, t.id());
  }

  /**
   * An attachment is gone: its propagations (and their routes) go, its static routes become
   * blackholes. (Its association went with the attachment row's {@code associatedRouteTableId}.)
   */
  static void detach(Transaction tx, String scope, String attachmentId) {
    migrateAll(tx, scope);
    for (Propagation p : tx.listBy(Ec2Tables.TGW_PROPAGATION_BY_ATTACHMENT, scope, attachmentId)) {
      tx.delete(Ec2Tables.TGW_PROPAGATION, scope, Propagation.rowId(p.routeTableId(), attachmentId));
    }
    for (StaticRoute r : tx.listBy(Ec2Tables.TGW_STATIC_ROUTE_BY_ATTACHMENT, scope, attachmentId)) {
      if (r.route().state() == TransitGatewayRouteTable.RouteState.BLACKHOLE) continue;
      tx.put(Ec2Tables.TGW_STATIC_ROUTE, scope, r.rowId(),
          new StaticRoute(r.routeTableId(), r.route().withState(TransitGatewayRouteTable.RouteState.BLACKHOLE)));
    }
  }

  /** Migrates every schema-1 table of the scope (there are few tables; rows already decoded cost a scan of them). */
  static void migrateAll(Transaction tx, String scope) {
    for (TransitGatewayRouteTable t : tx.list(Ec2Tables.TGW_ROUTE_TABLE, scope)) migrate(tx, scope, t);
  }

  /**
   * Moves a schema-1 table's inline lists to rows of their own and writes its header back without
   * them; a table already in rows is left alone. Propagated routes go with their attachment's
   * propagation (the API never made one without the other; one with no listed propagation becomes
   * one); an association becomes the attachment's {@code associatedRouteTableId} where that was unset.
   *
   * @return the header as now stored
   */
  public static TransitGatewayRouteTable migrate(Transaction tx, String scope, TransitGatewayRouteTable t) {
    TransitGatewayRouteTable stored = tx.get(Ec2Tables.TGW_ROUTE_TABLE, scope, t.id()).orElse(t);
    if (!stored.isInline()) return stored;
    Map<String, List<Cidr>> propagated = new LinkedHashMap<>();
    stored.propagations().forEach(a -> propagated.put(a, new ArrayList<>()));
    for (Route r : stored.routes()) {
      if (r.type() == RouteType.PROPAGATED && r.attachmentId() != null && r.destination() != null) {
        propagated.computeIfAbsent(r.attachmentId(), k -> new ArrayList<>()).add(r.destination());
      } else if (r.isStatic()) {
        var row = new StaticRoute(stored.id(), r);
        tx.put(Ec2Tables.TGW_STATIC_ROUTE, scope, row.rowId(), row);
      }
    }
    propagated.forEach((a, cidrs) -> tx.put(Ec2Tables.TGW_PROPAGATION, scope, Propagation.rowId(stored.id(), a),
        new Propagation(stored.id(), a, cidrs)));
    for (String a : stored.associations()) {
      tx.get(Ec2Tables.TGW_ATTACHMENT, scope, a).filter(x -> x.associatedRouteTableId() == null && !x.isDeleted())
          .ifPresent(x -> tx.put(Ec2Tables.TGW_ATTACHMENT, scope, a, x.withAssociation(stored.id())));
    }
    TransitGatewayRouteTable header = stored.header();
    tx.put(Ec2Tables.TGW_ROUTE_TABLE, scope, header.id(), header);
    return header;
  }
}
