package dev.stratus.ec2.reachability;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A VPC route table: its routes, whether it is the VPC's main table, and its explicit subnet
 * associations (vpc.md §7–12).
 *
 * @param id {@code rtb-…}
 * @param region the Region
 * @param vpcId the VPC
 * @param main whether it is the main table (subnets without an association use it)
 * @param routes every route, in describe order
 * @param subnetIds explicitly associated subnets
 * @param tags the resource tags
 */
public record RouteTable(String id, String region, String vpcId, boolean main, List<Route> routes,
    List<String> subnetIds, Map<String, String> tags) {
  public RouteTable {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(vpcId, "vpcId");
    routes = List.copyOf(routes);
    subnetIds = List.copyOf(subnetIds);
    tags = Map.copyOf(tags);
  }

  /**
   * One route of a table.
   *
   * @param destination a CIDR block or a prefix list
   * @param target where matching packets go
   * @param origin how the route came to be (static routes beat propagated ones, vpc.md §10)
   * @param state {@code active}, or {@code blackhole} when the target is gone (vpc.md §11)
   */
  public record Route(RouteDestination destination, RouteTarget target, Origin origin, State state) {
    public Route {
      Objects.requireNonNull(destination, "destination");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(origin, "origin");
      Objects.requireNonNull(state, "state");
    }
  }

  /** A route's {@code Origin}. */
  public enum Origin {
    /** The local route the table was created with. */
    CREATE_ROUTE_TABLE("CreateRouteTable"),
    /** A route added with CreateRoute (static). */
    CREATE_ROUTE("CreateRoute"),
    /** A route propagated from a virtual private gateway (BGP or VPN static routes). */
    ENABLE_VGW_ROUTE_PROPAGATION("EnableVgwRoutePropagation");

    private final String wire;

    Origin(String wire) { this.wire = wire; }

    /** The value AWS prints. */
    public String wire() { return wire; }

    /** Reads the AWS value; throws {@link IllegalArgumentException} naming an unknown one. */
    public static Origin fromAws(String text) {
      for (Origin o : values()) if (o.wire.equals(text)) return o;
      throw new IllegalArgumentException("unknown route Origin: " + text);
    }
  }

  /** A route's {@code State}. */
  public enum State {
    /** The route forwards traffic. */
    ACTIVE("active"),
    /** The target is gone (deleted NAT gateway, detached gateway): matching packets are dropped. */
    BLACKHOLE("blackhole");

    private final String wire;

    State(String wire) { this.wire = wire; }

    /** The value AWS prints. */
    public String wire() { return wire; }

    /** Reads the AWS value; throws {@link IllegalArgumentException} naming an unknown one. */
    public static State fromAws(String text) {
      for (State s : values()) if (s.wire.equals(text)) return s;
      throw new IllegalArgumentException("unknown route State: " + text);
    }
  }
}
