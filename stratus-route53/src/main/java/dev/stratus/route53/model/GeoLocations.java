package dev.stratus.route53.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Route 53's geolocation table (route53.md §8): the seven continents, the countries it supports
 * with the continent Route 53 puts each in, and the US states usable as {@code SubdivisionCode}.
 * GetGeoLocation/ListGeoLocations read it and {@link #problem} validates record locations.
 */
public final class GeoLocations {
  /*
   * Route 53 uses its own country→continent mapping, not the UN's: TR, RU and CY are Europe;
   * AM, AZ and GE are Asia; Mexico and the Caribbean are North America (route53.md §8).
   * BV, CX, EH and HM are not supported. Country names come from the JDK's ISO 3166 display
   * names (English); Route 53's own names differ for a few countries (e.g. "Korea, Republic of"),
   * which only affects the CountryName shown by ListGeoLocations. Subdivisions are the US states
   * plus DC; Route 53 also lists a few other countries' subdivisions (e.g. Ukraine's), which
   * Stratus does not model yet.
   */

  /** Continent code → name, in ListGeoLocations order (AF, AN, AS, EU, NA, OC, SA). */
  public static final Map<String, String> CONTINENTS;
  /** Country code → continent code, sorted by country code. */
  public static final Map<String, String> COUNTRY_CONTINENT;
  /** US state code → name, sorted by code. */
  public static final Map<String, String> US_STATES;

  static {
    var continents = new LinkedHashMap<String, String>();
    continents.put("AF", "Africa");
    continents.put("AN", "Antarctica");
    continents.put("AS", "Asia");
    continents.put("EU", "Europe");
    continents.put("NA", "North America");
    continents.put("OC", "Oceania");
    continents.put("SA", "South America");
    CONTINENTS = Collections.unmodifiableMap(continents);

    var countries = new TreeMap<String, String>();
    add(countries, "AF", "DZ AO BJ BW BF BI CM CV CF TD KM CG CD CI DJ EG GQ ER ET GA GM GH GN GW KE LS LR LY MG"
        + " MW ML MR MU YT MA MZ NA NE NG RE RW SH ST SN SC SL SO ZA SS SD SZ TZ TG TN UG ZM ZW");
    add(countries, "AN", "AQ GS TF");
    add(countries, "AS", "AF AM AZ BH BD BT BN KH CN CC GE HK IN ID IR IQ IL JP JO KZ KW KG LA LB MO MY MV MN MM"
        + " NP KP OM PK PS PH QA SA SG KR LK SY TW TJ TH TL TM AE UZ VN YE IO");
    add(countries, "EU", "AX AL AD AT BY BE BA BG HR CY CZ DK EE FO FI FR DE GI GR GG HU IS IE IM IT JE LV LI LT"
        + " LU MT MD MC ME NL MK NO PL PT RO RU SM RS SK SI ES SJ SE CH TR UA GB VA");
    add(countries, "NA", "AI AG AW BS BB BZ BM BQ VG CA KY CR CU CW DM DO SV GL GD GP GT HT HN JM MQ MX MS NI PA"
        + " PR BL KN LC MF PM VC SX TT TC US VI");
    add(countries, "OC", "AS AU CK FJ PF GU KI MH FM NR NC NZ NU NF MP PW PG PN WS SB TK TO TV UM VU WF");
    add(countries, "SA", "AR BO BR CL CO EC FK GF GY PY PE SR UY VE");
    COUNTRY_CONTINENT = Collections.unmodifiableSortedMap(countries);

    var states = new TreeMap<String, String>();
    String[] pairs = {"AK", "Alaska", "AL", "Alabama", "AR", "Arkansas", "AZ", "Arizona", "CA", "California",
        "CO", "Colorado", "CT", "Connecticut", "DC", "District of Columbia", "DE", "Delaware", "FL", "Florida",
        "GA", "Georgia", "HI", "Hawaii", "IA", "Iowa", "ID", "Idaho", "IL", "Illinois", "IN", "Indiana",
        "KS", "Kansas", "KY", "Kentucky", "LA", "Louisiana", "MA", "Massachusetts", "MD", "Maryland",
        "ME", "Maine", "MI", "Michigan", "MN", "Minnesota", "MO", "Missouri", "MS", "Mississippi",
        "MT", "Montana", "NC", "North Carolina", "ND", "North Dakota", "NE", "Nebraska", "NH", "New Hampshire",
        "NJ", "New Jersey", "NM", "New Mexico", "NV", "Nevada", "NY", "New York", "OH", "Ohio", "OK", "Oklahoma",
        "OR", "Oregon", "PA", "Pennsylvania", "RI", "Rhode Island", "SC", "South Carolina", "SD", "South Dakota",
        "TN", "Tennessee", "TX", "Texas", "UT", "Utah", "VA", "Virginia", "VT", "Vermont", "WA", "Washington",
        "WI", "Wisconsin", "WV", "West Virginia", "WY", "Wyoming"};
    for (int i = 0; i < pairs.length; i += 2) states.put(pairs[i], pairs[i + 1]);
    US_STATES = Collections.unmodifiableSortedMap(states);
  }

  private GeoLocations() {}

  private static void add(Map<String, String> map, String continent, String codes) {
    for (String c : codes.split(" ")) map.put(c, continent);
  }

  /** The English name of a supported country ({@code *} is "Default"). */
  public static Optional<String> countryName(String code) {
    if (GeoLocation.DEFAULT_COUNTRY.equals(code)) return Optional.of("Default");
    if (!COUNTRY_CONTINENT.containsKey(code)) return Optional.empty();
    return Optional.of(Locale.of("", code).getDisplayCountry(Locale.ENGLISH));
  }

  /** The continent Route 53 puts a country in; empty for {@code *} or an unsupported code. */
  public static Optional<String> continentOf(String countryCode) {
    return Optional.ofNullable(COUNTRY_CONTINENT.get(countryCode));
  }

  /**
   * Whether a location exists in Route 53's table: a known continent alone, a known country (or
   * {@code *}) alone, or {@code US} with a known state. Combination rules (continent together
   * with a country) are checked by the caller, since AWS reports them with a different text.
   */
  public static boolean exists(GeoLocation location) {
    if (location.continentCode().isPresent()) {
      return location.countryCode().isEmpty() && location.subdivisionCode().isEmpty()
          && CONTINENTS.containsKey(location.continentCode().get());
    }
    if (location.countryCode().isEmpty()) return false;
    String country = location.countryCode().get();
    if (location.subdivisionCode().isPresent()) {
      return country.equals("US") && US_STATES.containsKey(location.subdivisionCode().get());
    }
    return country.equals(GeoLocation.DEFAULT_COUNTRY) || COUNTRY_CONTINENT.containsKey(country);
  }
}
