package dev.stratus.ec2.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
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
   * One route. {@code origin} and {@code state} carry AWS's wire values.
   *
   * @param origin {@code CreateRouteTable} (local), {@code CreateRoute} or {@code EnableVgwRoutePropagation}
   * @param state {@code active} or {@code blackhole} (target gone, vpc.md §11)
   */
  public record Route(Destination destination, RouteTarget target, String origin, String state) {
    public Route {
      Objects.requireNonNull(destination, "destination");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(origin, "origin");
      Objects.requireNonNull(state, "state");
    }

    public Route blackholed() { return new Route(destination, target, origin, "blackhole"); }
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
  }

  /** A prefix-list destination ({@code pl-…}). */
  public record PrefixListDestination(String prefixListId) implements Destination {
    public PrefixListDestination { Objects.requireNonNull(prefixListId, "prefixListId"); }
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
