package dev.stratus.net.emulation;

import dev.stratus.net.geo.ClientLocator;
import dev.stratus.net.geo.GeoPoint;
import dev.stratus.net.geo.LatencyModel;
import dev.stratus.net.geo.NetworkPath;
import java.net.InetAddress;
import java.time.Duration;

/**
 * The one-way delays {@code --emulate-network} holds traffic for, from where a client is
 * ({@link ClientLocator#place}: clientLocations, then the IP database, then the configured default
 * location, us-east-1 unless set) to what a listener stands for: a Region over the public internet (an ALB,
 * NLB or API called directly), or a Region through the client's nearest edge location over the
 * AWS backbone (Global Accelerator, CloudFront). Half the latency model's round trip each way.
 */
public final class DistanceDelay {
  private final ClientLocator locator;
  private final LatencyModel model;

  public DistanceDelay(ClientLocator locator, LatencyModel model) {
    this.locator = locator;
    this.model = model;
    // The configured places' routes now rather than on their first connection; beside start-up,
    // not in it (cold, a few places take ~100 ms on a loaded machine). A connection that comes
    // first works its route out itself, as before.
    var places = new java.util.ArrayList<GeoPoint>();
    locator.userTable().entries().forEach(e -> places.add(e.place().point()));
    places.add(locator.defaultLocation().place().point());
    Thread.ofVirtual().name("stratus-latency-warm").start(() -> model.warm(places));
  }

  /** Where {@code client} is for the model. */
  public GeoPoint place(InetAddress client) {
    return locator.place(client).point();
  }

  /**
   * A listener standing for Region {@code regionCode}, reached over the public internet; not for
   * a connection another data plane announced as a {@link BackboneHops backbone hop} (it held the
   * flow for the whole path already).
   */
  public EmulatedDelay toRegion(String regionCode) {
    GeoPoint region = model.tables().region(regionCode).orElseThrow(() -> new IllegalArgumentException(regionCode)).point();
    EmulatedDelay oneWay = (client, local) -> BackboneHops.take(client, local) ? Duration.ZERO
        : half(model.roundTripMillis(place(client.getAddress()), region, NetworkPath.PUBLIC_INTERNET));
    EmulatedDelay handshake = (client, local) -> BackboneHops.announced(client, local) ? Duration.ZERO
        : roundTrip(model.roundTripMillis(place(client.getAddress()), region, NetworkPath.PUBLIC_INTERNET));
    return EmulatedDelay.of(oneWay, handshake);
  }

  /** The round trip from {@code client} to its nearest edge location over the public internet (where GA and CloudFront end TCP). */
  public Duration toEdge(InetAddress client) {
    GeoPoint from = place(client);
    return model.nearestEdge(from).map(e -> roundTrip(model.roundTripMillis(from, e.point(), NetworkPath.PUBLIC_INTERNET)))
        .orElse(Duration.ZERO);
  }

  /** One way from {@code client} to Region {@code regionCode} through its nearest edge location. */
  public Duration viaEdge(InetAddress client, String regionCode) {
    GeoPoint from = place(client);
    GeoPoint region = model.tables().region(regionCode).orElseThrow(() -> new IllegalArgumentException(regionCode)).point();
    GeoPoint edge = model.nearestEdge(from).map(e -> e.point()).orElse(from);
    return half(model.viaEdgeMillis(from, edge, region));
  }

  /**
   * How long the first bytes of a new connection from {@code client} to Region {@code regionCode}
   * through its nearest edge wait there for the edge's own connection to the Region, counted from
   * the accept ({@link EmulatedDelay#firstBytesWait}): max(0, backbone round trip − edge round
   * trip), as {@code stratus plan} counts it.
   */
  public Duration edgeWait(InetAddress client, String regionCode) {
    GeoPoint from = place(client);
    GeoPoint region = model.tables().region(regionCode).orElseThrow(() -> new IllegalArgumentException(regionCode)).point();
    return model.nearestEdge(from).map(e -> roundTrip(Math.max(0,
        model.roundTripMillis(e.point(), region, NetworkPath.AWS_BACKBONE)
            - model.roundTripMillis(from, e.point(), NetworkPath.PUBLIC_INTERNET))))
        .orElse(Duration.ZERO);
  }

  /** The latency model's round trip (milliseconds) as the Duration emulation holds, to the nanosecond. */
  public static Duration roundTrip(double roundTripMillis) {
    return Duration.ofNanos(Math.round(roundTripMillis * 1_000_000));
  }

  private static Duration half(double roundTripMillis) {
    return Duration.ofNanos(Math.round(roundTripMillis / 2 * 1_000_000));
  }
}
