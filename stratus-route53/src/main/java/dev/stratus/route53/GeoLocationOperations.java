package dev.stratus.route53;

import dev.stratus.core.RequestContext;
import dev.stratus.route53.model.GeoLocation;
import dev.stratus.route53.model.GeoLocations;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.route53.model.GeoLocationDetails;
import software.amazon.awssdk.services.route53.model.GetGeoLocationRequest;
import software.amazon.awssdk.services.route53.model.GetGeoLocationResponse;
import software.amazon.awssdk.services.route53.model.ListGeoLocationsRequest;
import software.amazon.awssdk.services.route53.model.ListGeoLocationsResponse;

/**
 * GetGeoLocation and ListGeoLocations over Route 53's location table
 * ({@link GeoLocations}). As the API reference states, countries are listed first (each followed
 * by its subdivisions), continents last.
 */
public final class GeoLocationOperations {
  /** Largest page of ListGeoLocations and its default. */
  public static final int MAX_PAGE = 100;

  /** All locations in listing order, built once. */
  private static final List<GeoLocationDetails> ALL = listing();

  public GetGeoLocationResponse getGeoLocation(RequestContext ctx, GetGeoLocationRequest req) {
    var location = new GeoLocation(Route53Shapes.optional(req.continentCode()), Route53Shapes.optional(req.countryCode()),
        Route53Shapes.optional(req.subdivisionCode()));
    if (location.continentCode().isPresent() && location.countryCode().isPresent()) {
      throw Route53Errors.invalidInput("Invalid request: specify ContinentCode or CountryCode, not both.");
    }
    if (location.continentCode().isEmpty() && location.countryCode().isEmpty()) {
      location = GeoLocation.defaultLocation();
    }
    if (!GeoLocations.exists(location)) throw Route53Errors.noSuchGeoLocation();
    return GetGeoLocationResponse.builder().geoLocationDetails(details(location)).build();
  }

  public ListGeoLocationsResponse listGeoLocations(RequestContext ctx, ListGeoLocationsRequest req) {
    int max = Route53Shapes.maxItems(req.maxItems(), MAX_PAGE, MAX_PAGE);
    int start = 0;
    if (req.startContinentCode() != null || req.startCountryCode() != null) {
      while (start < ALL.size() && !matches(ALL.get(start), req)) start++;
      if (start == ALL.size()) throw Route53Errors.invalidInput("The start location does not exist.");
    }
    boolean truncated = start + max < ALL.size();
    var b = ListGeoLocationsResponse.builder().geoLocationDetailsList(ALL.subList(start, Math.min(ALL.size(), start + max)))
        .isTruncated(truncated).maxItems(String.valueOf(max));
    if (truncated) {
      var next = ALL.get(start + max);
      b.nextContinentCode(next.countryCode() == null ? next.continentCode() : null)
          .nextCountryCode(next.countryCode()).nextSubdivisionCode(next.subdivisionCode());
    }
    return b.build();
  }

  private static boolean matches(GeoLocationDetails d, ListGeoLocationsRequest req) {
    if (req.startContinentCode() != null) return d.countryCode() == null && req.startContinentCode().equals(d.continentCode());
    return req.startCountryCode().equals(d.countryCode()) && Objects.equals(req.startSubdivisionCode(), d.subdivisionCode());
  }

  private static List<GeoLocationDetails> listing() {
    var out = new ArrayList<GeoLocationDetails>();
    out.add(details(GeoLocation.defaultLocation()));
    for (String country : GeoLocations.COUNTRY_CONTINENT.keySet()) {
      out.add(details(GeoLocation.country(country)));
      if (country.equals("US")) GeoLocations.US_STATES.keySet().forEach(s -> out.add(details(GeoLocation.subdivision("US", s))));
    }
    GeoLocations.CONTINENTS.keySet().forEach(c -> out.add(details(GeoLocation.continent(c))));
    return List.copyOf(out);
  }

  private static GeoLocationDetails details(GeoLocation l) {
    var b = GeoLocationDetails.builder();
    l.continentCode().ifPresent(c -> b.continentCode(c).continentName(GeoLocations.CONTINENTS.get(c)));
    l.countryCode().ifPresent(c -> b.countryCode(c).countryName(GeoLocations.countryName(c).orElse(c)));
    l.subdivisionCode().ifPresent(s -> b.subdivisionCode(s).subdivisionName(GeoLocations.US_STATES.get(s)));
    return b.build();
  }
}
