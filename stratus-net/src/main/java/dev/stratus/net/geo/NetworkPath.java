package dev.stratus.net.geo;

/**
 * The kind of network a packet crosses, which decides how much longer than the great circle its
 * route is and what fixed delay it adds. Used by {@link LatencyModel}.
 */
public enum NetworkPath {

  /**
   * A client on the public internet reaching a server: routes are 2.0× the great-circle distance
   * and the access network adds 10 ms per round trip.
   *
   * <p>Inflation source: Singla et al., "The Internet at the Speed of Light", HotNets 2014, and
   * Bozkurt et al., "Why Is the Internet so Slow?!", PAM 2017, measure median ping RTTs of about
   * 3.0–3.2× the vacuum speed-of-light time over the geodesic; dividing out the fibre's refractive
   * index (1.5, see {@link LatencyModel#FIBRE_KM_PER_SECOND}) leaves ≈ 2.0× at fibre speed.
   * Fixed delay source: FCC "Measuring Broadband America" (2021 report), median idle latency of
   * fibre and cable access to the nearest measurement server ≈ 10–20 ms; we take the low end.
   */
  PUBLIC_INTERNET(2.0, 10.0),

  /**
   * Inside the AWS global network (edge location to region, region to region): 1.25× the great
   * circle plus 2 ms of switching per round trip. Fitted by hand to public inter-region ping
   * medians (e.g. us-east-1↔eu-west-1 ≈ 68 ms over 5,450 km; us-east-1↔ap-southeast-2 ≈ 198 ms
   * over 15,700 km), which sit at 1.2–1.3× fibre-speed geodesic time on long paths.
   */
  AWS_BACKBONE(1.25, 2.0);

  /** Route length ÷ great-circle distance (dimensionless, ≥ 1). */
  private final double routeInflation;
  /** Fixed delay per round trip in milliseconds (access network, queuing, switching). */
  private final double fixedRoundTripMillis;

  NetworkPath(double routeInflation, double fixedRoundTripMillis) {
    this.routeInflation = routeInflation;
    this.fixedRoundTripMillis = fixedRoundTripMillis;
  }

  public double routeInflation() { return routeInflation; }

  public double fixedRoundTripMillis() { return fixedRoundTripMillis; }
}
