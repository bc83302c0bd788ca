package dev.stratus.ec2.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.stratus.core.net.Cidr;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A transit gateway route table: static and propagated routes, the attachments associated with it
 * (routing packets arriving from them) and those propagating into it (vpc.md §31–33).
 *
 * <p>As the reachability engine and the describe import see it, the record holds all of them. As
 * stored (schema 2) it is the table's header only and its lists are empty: each propagation (with
 * the routes it brings) is a {@link Propagation} row, each static route a {@link StaticRoute} row,
 * and an association is the attachment's {@code associatedRouteTableId}, so that one
 * Enable/Disable/Associate/CreateRoute writes a few small rows, not a row that grows with the
 * number of VPCs. {@code transit.TgwRouteTables} assembles the whole table and writes the rows. A
 * schema-1 row held the lists inline ({@link #isInline}); it reads as it was, and the first write
 * to the table moves its lists to rows.
 */
public record TransitGatewayRouteTable(String id, String transitGatewayId, String state, boolean defaultAssociation,
    boolean defaultPropagation, Instant creationTime, List<Route> routes, List<String> associations,
    List<String> propagations) {

  public TransitGatewayRouteTable {
    Objects.requireNonNull(id, "id");
    routes = List.copyOf(routes);
    associations = List.copyOf(associations);
    propagations = List.copyOf(propagations);
  }

  /**
   * A route: to an attachment or a blackhole. It matches a CIDR block or, as AWS allows, a managed
   * prefix list ({@code PrefixListId}; then {@code destination} is null).
   *
   * @param attachmentId null for a blackhole route
   * @param prefixListId null unless the route matches a prefix list
   */
  public record Route(Cidr destination, String attachmentId, RouteType type, RouteState state, String prefixListId) {
    public Route {
      if (destination == null && prefixListId == null) throw new NullPointerException("destination");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(state, "state");
    }

    /** A route to a CIDR block. */
    public Route(Cidr destination, String attachmentId, RouteType type, RouteState state) {
      this(destination, attachmentId, type, state, null);
    }

    /** Whether the route was added with CreateTransitGatewayRoute. */
    public boolean isStatic() { return type == RouteType.STATIC; }

    /** The same route in another state (a target attachment gone: {@code blackhole}). */
    public Route withState(RouteState newState) {
      return new Route(destination, attachmentId, type, newState, prefixListId);
    }

    private Object matchKey() { return destination != null ? destination : prefixListId; }

    /** The destination as AWS prints it: the CIDR block, else the prefix list id. */
    @Override
    public String toString() { return destination != null ? destination.toString() : prefixListId; }
  }

  /** A row of schema 1 that still holds its routes, associations or propagations itself. */
  public boolean isInline() { return !routes.isEmpty() || !associations.isEmpty() || !propagations.isEmpty(); }

  /** The header as stored from schema 2: no lists. */
  public TransitGatewayRouteTable header() {
    return isInline() ? with(List.of(), List.of(), List.of()) : this;
  }

  /**
   * Attachment {@code attachmentId} propagates into table {@code routeTableId}, bringing
   * {@code routes} (a VPC's IPv4 CIDRs, a static VPN's routes) as propagated, active routes.
   * Stored as row {@link #rowId}.
   */
  public record Propagation(String routeTableId, String attachmentId, List<Cidr> routes) {
    public Propagation {
      Objects.requireNonNull(routeTableId, "routeTableId");
      Objects.requireNonNull(attachmentId, "attachmentId");
      routes = List.copyOf(routes);
    }

    public static String rowId(String routeTableId, String attachmentId) { return routeTableId + "/" + attachmentId; }

    /** The routes as the table shows them. */
    public List<Route> asRoutes() {
      return routes.stream().map(c -> new Route(c, attachmentId, RouteType.PROPAGATED, RouteState.ACTIVE)).toList();
    }
  }

  /** A static route (CreateTransitGatewayRoute) of table {@code routeTableId}; stored as row {@link #rowId}. */
  public record StaticRoute(String routeTableId, Route route) {
    public StaticRoute {
      Objects.requireNonNull(routeTableId, "routeTableId");
      Objects.requireNonNull(route, "route");
      if (!route.isStatic()) throw new IllegalArgumentException("not a static route: " + route);
    }

    /** One static route per destination (CIDR block or prefix list) and table. */
    public static String rowId(String routeTableId, String destination) { return routeTableId + "/" + destination; }

    public String rowId() { return rowId(routeTableId, route.toString()); }

    /** The attachment the route sends to (null: a blackhole route). */
    public String attachmentId() { return route.attachmentId(); }
  }

  /** Routes as AWS shows them: a static route hides a propagated one for the same prefix (vpc.md §33). */
  public List<Route> visibleRoutes() {
    java.util.Set<Object> staticDestinations = new java.util.HashSet<>();
    for (Route r : routes) if (r.isStatic()) staticDestinations.add(r.matchKey());
    if (staticDestinations.isEmpty()) return routes;
    return routes.stream().filter(r -> r.isStatic() || !staticDestinations.contains(r.matchKey())).toList();
  }

  /** {@code TransitGatewayRouteType}, stored and printed as AWS's value. */
  public enum RouteType {
    /** Added with CreateTransitGatewayRoute. */
    STATIC("static"),
    /** Propagated from an attachment (its VPC CIDRs, a VPN's routes). */
    PROPAGATED("propagated");

    private final String wire;

    RouteType(String wire) { this.wire = wire; }

    @JsonValue
    public String wire() { return wire; }

    @JsonCreator
    public static RouteType fromAws(String text) {
      for (RouteType t : values()) if (t.wire.equals(text)) return t;
      throw new IllegalArgumentException("unknown transit gateway route Type: " + text);
    }

    @Override
    public String toString() { return wire; }
  }

  /** {@code TransitGatewayRouteState}, stored and printed as AWS's value; only {@code active} forwards. */
  public enum RouteState {
    PENDING("pending"),
    ACTIVE("active"),
    /** Matching packets are dropped (vpc.md §32). */
    BLACKHOLE("blackhole"),
    DELETING("deleting"),
    DELETED("deleted");

    private final String wire;

    RouteState(String wire) { this.wire = wire; }

    @JsonValue
    public String wire() { return wire; }

    @JsonCreator
    public static RouteState fromAws(String text) {
      for (RouteState s : values()) if (s.wire.equals(text)) return s;
      throw new IllegalArgumentException("unknown transit gateway route State: " + text);
    }

    @Override
    public String toString() { return wire; }
  }

  public TransitGatewayRouteTable with(List<Route> newRoutes, List<String> newAssociations, List<String> newPropagations) {
    return new TransitGatewayRouteTable(id, transitGatewayId, state, defaultAssociation, defaultPropagation,
        creationTime, newRoutes, newAssociations, newPropagations);
  }
}
