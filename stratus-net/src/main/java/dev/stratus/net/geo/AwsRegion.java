package dev.stratus.net.geo;

import java.util.Objects;

/**
 * An AWS commercial region and where it is: {@code us-east-1} is "US East (N. Virginia)" in
 * Ashburn, US.
 */
public record AwsRegion(String code, String name, String city, String countryCode, GeoPoint point) {
  public AwsRegion {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(city, "city");
    Objects.requireNonNull(countryCode, "countryCode");
    Objects.requireNonNull(point, "point");
  }
}
