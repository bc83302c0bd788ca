package dev.stratus.net.geo;

/**
 * The kind of network a packet crosses: how much longer than the fibre route ({@link FibreRoutes})
 * its path is and what fixed delay it adds. Used by {@link LatencyModel}.
 */
public enum NetworkPath {

  /**
   * A client on the public internet reaching a server: the fibre route stretched 1.08× (transit
   * providers' paths wander off the best route) plus 14 ms per round trip (the backbone's 4 ms and
   * 10 ms of access network).
   *
   * <p>Access delay: FCC "Measuring Broadband America" (2021 report), median idle latency of fibre
   * and cable access to the nearest measurement server ≈ 10–20 ms; the low end. The stretch puts
   * Sydney → us-east-1 at ≈ 225 ms, inside the 200–230 ms users measure (the backbone's p50 is
   * 199 ms, cloudping.co 2022), where the former constant 2.0× great circle said 324 ms.
   */
  PUBLIC_INTERNET(1.08, 14.0),

  /**
   * Inside the AWS global network (edge location to Region, Region to Region): the fibre route as
   * fitted to AWS's own inter-Region round trips ({@link FibreRoutes}), plus 4 ms per round trip
   * (the fitted constant: the instances' stacks and the Regions' own networks).
   */
  AWS_BACKBONE(1.0, 4.0);

  /** Path length ÷ fibre route length (dimensionless, ≥ 1). */
  private final double routeStretch;
  /** Fixed delay per round trip in milliseconds (access network, stacks, switching). */
  private final double fixedRoundTripMillis;

  NetworkPath(double routeStretch, double fixedRoundTripMillis) {
    this.routeStretch = routeStretch;
    this.fixedRoundTripMillis = fixedRoundTripMillis;
  }

  public double routeStretch() { return routeStretch; }

  public double fixedRoundTripMillis() { return fixedRoundTripMillis; }
}
