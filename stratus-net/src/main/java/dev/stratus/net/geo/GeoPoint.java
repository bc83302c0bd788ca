package dev.stratus.net.geo;

/**
 * A point on the Earth's surface in WGS 84 degrees, with the great-circle distance between two
 * points.
 *
 * @param latitude degrees north, -90..90
 * @param longitude degrees east, -180..180
 */
public record GeoPoint(double latitude, double longitude) {

  /** Mean Earth radius, 6,371.0088 km (IUGG mean radius R1, Moritz 2000, "Geodetic Reference System 1980"). */
  public static final double EARTH_RADIUS_KM = 6_371.0088;

  public GeoPoint {
    if (!(latitude >= -90 && latitude <= 90)) {
      throw new IllegalArgumentException("latitude must be within -90..90: " + latitude);
    }
    if (!(longitude >= -180 && longitude <= 180)) {
      throw new IllegalArgumentException("longitude must be within -180..180: " + longitude);
    }
  }

  /**
   * Great-circle distance in kilometres by the haversine formula on a sphere of
   * {@link #EARTH_RADIUS_KM}; within 0.5 % of the ellipsoidal (Vincenty) distance.
   */
  public double distanceKm(GeoPoint other) {
    double phi1 = Math.toRadians(latitude);
    double phi2 = Math.toRadians(other.latitude);
    double dPhi = phi2 - phi1;
    double dLambda = Math.toRadians(other.longitude - longitude);
    double h = Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
        + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
  }
}
