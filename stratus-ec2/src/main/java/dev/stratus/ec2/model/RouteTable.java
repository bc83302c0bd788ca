package dev.stratus.ec2.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.stratus.core.net.Cidr;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A VPC route table: its routes and its associations (the main association, subnets, edge
 * gateways). A subnet uses its explicitly associated table, else the VPC's main table (vpc.md §7).
 */
public record RouteTable(String id, String vpcId, List<Route> routes, List<Association> associations,
    List<String> propagatingVgws) {

  public RouteTable {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(vpcId, "vpcId");
    routes = List.copyOf(routes);
    associations = List.copyOf(associations);
    propagatingVgws = List.copyOf(propagatingVgws);
  }

  /** The subnets explicitly associated with this table (a subnet without one uses the main table). */
  public List<String> subnetIds() {
    return associations.stream().map(Association::subnetId).filter(Objects::nonNull).toList();
  }

  /** Whether this is its VPC's main table. */
  public boolean isMain() { return associations.stream().anyMatch(Association::main); }

  public Optional<Route> route(Destination destination) {
    return routes.stream().filter(r -> r.destination().equals(destination)).findFirst();
  }

  public RouteTable withRoutes(List<Route> newRoutes) {
    return new RouteTable(id, vpcId, newRoutes, associations, propagatingVgws);
  }

  public RouteTable withAssociations(List<Association> newAssociations) {
    return new RouteTable(id, vpcId, routes, newAssociations, propagatingVgws);
  }

  /** Every route rewritten by {@code f} (used to blackhole routes of a deleted target). */
  public RouteTable mapRoutes(UnaryOperator<Route> f) {
    return withRoutes(routes.stream().map(f).toList());
  }

  /**
   * One route.
   *
   * @param origin how the route came to be (static routes beat propagated ones, vpc.md §10)
   * @param state {@code active}, or {@code blackhole} when the target is gone (vpc.md §11)
   */
  public record Route(Destination destination, RouteTarget target, Origin origin, State state) {
    public Route {
      Objects.requireNonNull(destination, "destination");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(origin, "origin");
      Objects.requireNonNull(state, "state");
    }

    public Route blackholed() { return withState(State.BLACKHOLE); }

    public Route withState(State newState) { return new Route(destination, target, origin, newState); }

    /** Whether packets matching it are dropped: a blackhole state, or a target the analysis cannot follow. */
    public boolean drops() { return state == State.BLACKHOLE || target instanceof RouteTarget.Unmodelled; }
  }

  /** A route's {@code Origin}, stored and printed as AWS's value. */
  public enum Origin {
    /** The local route the table was created with. */
    CREATE_ROUTE_TABLE("CreateRouteTable"),
    /** A route added with CreateRoute (static). */
    CREATE_ROUTE("CreateRoute"),
    /** A route propagated from a virtual private gateway (BGP or VPN static routes). */
    ENABLE_VGW_ROUTE_PROPAGATION("EnableVgwRoutePropagation");

    private final String wire;

    Origin(String wire) { this.wire = wire; }

    /** The value AWS prints (and the stored JSON form). */
    @JsonValue
    public String wire() { return wire; }

    /** Reads the AWS value; throws {@link IllegalArgumentException} naming an unknown one. */
    @JsonCreator
    public static Origin fromAws(String text) {
      for (Origin o : values()) if (o.wire.equals(text)) return o;
      throw new IllegalArgumentException("unknown route Origin: " + text);
    }

    @Override
    public String toString() { return wire; }
  }

  /** A route's {@code State}, stored and printed as AWS's value. */
  public enum State {
    /** The route forwards traffic. */
    ACTIVE("active"),
    /** The target is gone (deleted NAT gateway, detached gateway): matching packets are dropped. */
    BLACKHOLE("blackhole");

    private final String wire;

    State(String wire) { this.wire = wire; }

    /** The value AWS prints (and the stored JSON form). */
    @JsonValue
    public String wire() { return wire; }

    /** Reads the AWS value; throws {@link IllegalArgumentException} naming an unknown one. */
    @JsonCreator
    public static State fromAws(String text) {
      for (State s : values()) if (s.wire.equals(text)) return s;
      throw new IllegalArgumentException("unknown route State: " + text);
    }

    @Override
    public String toString() { return wire; }
  }

  /** What a route matches: a CIDR block or a managed prefix list (vpc.md §10, §38). */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
  @JsonSubTypes({
      @JsonSubTypes.Type(value = CidrDestination.class, name = "cidr"),
      @JsonSubTypes.Type(value = PrefixListDestination.class, name = "pl")})
  public sealed interface Destination {}

  /** A CIDR destination (IPv4 or IPv6). */
  public record CidrDestination(Cidr cidr) implements Destination {
    public CidrDestination { Objects.requireNonNull(cidr, "cidr"); }

    @Override
    public String toString() { return cidr.toString(); }
  }

  /** A prefix-list destination ({@code pl-…}). */
  public record PrefixListDestination(String prefixListId) implements Destination {
    public PrefixListDestination { Objects.requireNonNull(prefixListId, "prefixListId"); }

    @Override
    public String toString() { return prefixListId; }
  }

  /**
   * An association of this table with a subnet, an edge gateway, or the VPC itself (main).
   *
   * @param subnetId null unless a subnet association
   * @param gatewayId null unless an edge association (igw/vgw)
   */
  public record Association(String id, boolean main, String subnetId, String gatewayId) {
    public Association { Objects.requireNonNull(id, "id"); }
  }
}
