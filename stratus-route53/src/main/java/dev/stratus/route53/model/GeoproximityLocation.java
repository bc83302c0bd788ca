package dev.stratus.route53.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a geoproximity record sits (route53.md §11): exactly one of an AWS Region, a Local Zone
 * group or coordinates, plus an optional bias −99..99 that grows (positive) or shrinks
 * (negative) the record's catchment.
 *
 * @param awsRegion e.g. {@code eu-west-1}
 * @param localZoneGroup e.g. {@code us-east-1-bos-1}
 * @param coordinates latitude/longitude as given (decimal degrees, AWS keeps them as strings)
 * @param bias −99..99; empty means 0
 */
public record GeoproximityLocation(Optional<String> awsRegion, Optional<String> localZoneGroup,
    Optional<Coordinates> coordinates, Optional<Integer> bias) {

  /** The smallest and largest {@code Bias} AWS accepts (route53.md §11). */
  public static final int MIN_BIAS = -99, MAX_BIAS = 99;

  public GeoproximityLocation {
    awsRegion = Objects.requireNonNullElse(awsRegion, Optional.empty());
    localZoneGroup = Objects.requireNonNullElse(localZoneGroup, Optional.empty());
    coordinates = Objects.requireNonNullElse(coordinates, Optional.empty());
    bias = Objects.requireNonNullElse(bias, Optional.empty());
  }

  /** A point on Earth in decimal degrees, kept in AWS's string form ({@code "49.22"}). */
  public record Coordinates(String latitude, String longitude) {
    public Coordinates {
      Objects.requireNonNull(latitude, "latitude");
      Objects.requireNonNull(longitude, "longitude");
    }
  }
}
