package dev.stratus.net.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The reference tables of the geo model: AWS regions, countries (with Route 53's continent) and
 * cities (some of them edge locations), read once from {@code regions.csv}, {@code countries.csv}
 * and {@code cities.csv} beside this class.
 */
public final class GeoTables {

  /*
   * The tables are CSV resources rather than Java literals so that each file stays small and a
   * reader can check a row against a map without reading code. Each file's header comment names
   * its sources. Lookups are by exact code (regions, countries) or by case-insensitive name
   * (cities); nothing here guesses.
   */

  private static final GeoTables STANDARD = load();

  private final Map<String, AwsRegion> regions;
  private final Map<String, Country> countries;
  private final Map<String, City> cities;

  private GeoTables(Map<String, AwsRegion> regions, Map<String, Country> countries, Map<String, City> cities) {
    this.regions = Map.copyOf(regions);
    this.countries = Map.copyOf(countries);
    this.cities = Map.copyOf(cities);
  }

  /** The tables bundled with Stratus. */
  public static GeoTables standard() {
    return STANDARD;
  }

  public Collection<AwsRegion> regions() { return regions.values(); }

  /** The region with this code ({@code "eu-west-1"}), empty when AWS has no such commercial region. */
  public Optional<AwsRegion> region(String code) {
    return Optional.ofNullable(regions.get(code));
  }

  public Collection<Country> countries() { return countries.values(); }

  /** The country for an ISO 3166-1 alpha-2 code (case-insensitive); empty when Route 53 does not know it. */
  public Optional<Country> country(String isoCode) {
    return Optional.ofNullable(countries.get(isoCode.toUpperCase(Locale.ROOT)));
  }

  /** The city with this name, case-insensitive ({@code "sydney"}); empty when the table lacks it. */
  public Optional<City> city(String name) {
    return Optional.ofNullable(cities.get(key(name)));
  }

  /** Every city of the country {@code isoCode} in the table, in table order. */
  public List<City> citiesIn(String isoCode) {
    String code = isoCode.toUpperCase(java.util.Locale.ROOT);
    return cities.values().stream().filter(c -> c.countryCode().equals(code)).toList();
  }

  /** Every city that hosts a CloudFront / Global Accelerator edge location. */
  public List<City> edgeLocations() {
    return cities.values().stream().filter(c -> c.edgeCode().isPresent()).toList();
  }

  private static String key(String name) {
    return name.trim().toLowerCase(Locale.ROOT);
  }

  private static GeoTables load() {
    Map<String, AwsRegion> regions = new LinkedHashMap<>();
    for (String[] f : rows("regions.csv", 6)) {
      regions.put(f[0], new AwsRegion(f[0], f[1], f[2], f[3], point(f[4], f[5])));
    }
    Map<String, Country> countries = new LinkedHashMap<>();
    for (String[] f : rows("countries.csv", 4)) {
      Continent continent = Continent.fromCode(f[1])
          .orElseThrow(() -> new IllegalStateException("countries.csv: unknown continent " + f[1]));
      countries.put(f[0], new Country(f[0], continent, point(f[2], f[3])));
    }
    Map<String, City> cities = new LinkedHashMap<>();
    for (String[] f : rows("cities.csv", 6)) {
      cities.put(key(f[0]), new City(f[0], f[1], optional(f[2]), point(f[3], f[4]), optional(f[5])));
    }
    return new GeoTables(regions, countries, cities);
  }

  private static Optional<String> optional(String field) {
    return field.isEmpty() ? Optional.empty() : Optional.of(field);
  }

  private static GeoPoint point(String lat, String lon) {
    return new GeoPoint(Double.parseDouble(lat), Double.parseDouble(lon));
  }

  /** Rows of a bundled CSV without comments; a malformed bundled file is a build bug, so it throws. */
  private static List<String[]> rows(String resource, int fields) {
    List<String[]> rows = new ArrayList<>();
    try (InputStream in = GeoTables.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split(",", -1);
        if (f.length != fields) {
          throw new IllegalStateException(resource + ": expected " + fields + " fields in " + line);
        }
        rows.add(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }
}
