package dev.stratus.app;

import dev.stratus.core.ClientLocation;
import dev.stratus.net.geo.UserLocationTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stratus's configuration file ({@code stratus start --config FILE}, else
 * {@code <data-dir>/config.json} when present), JSON:
 * <pre>{"clientLocations": [
 *   {"cidr": "10.20.0.0/16", "city": "Sydney"},
 *   {"cidr": "10.30.0.0/16", "latitude": 48.85, "longitude": 2.35, "countryCode": "FR"}],
 *  "emulateNetwork": true,
 *  "defaultClientLocation": "ap-southeast-2"}</pre>
 * {@code defaultClientLocation}: where clients nothing places stand (a Region, an edge code, a
 * city or LAT,LONG; us-east-1 when absent).
 * Every problem is one {@link BadConfigException} whose message names the file and the entry.
 */
final class ConfigFile {
  /** The name looked for in the data directory. */
  static final String DEFAULT_NAME = "config.json";

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final Set<String> TOP_LEVEL = Set.of("clientLocations", "emulateNetwork", "defaultClientLocation");
  private static final Set<String> LOCATION_FIELDS = Set.of("cidr", "city", "latitude", "longitude", "countryCode");

  /** A configuration that cannot be used; the message is the one line the user sees. */
  static final class BadConfigException extends Exception {
    BadConfigException(String message) { super(message); }
  }

  private ConfigFile() {}

  /** The file to read: {@code explicit} when given (it must exist), else the data directory's if present. */
  static Optional<Path> locate(Optional<Path> explicit, Optional<Path> dataDir) {
    if (explicit.isPresent()) return explicit;
    return dataDir.map(d -> d.resolve(DEFAULT_NAME)).filter(Files::isRegularFile);
  }

  /** The client locations of {@code file}, checked against the bundled city and country tables. */
  static List<ClientLocation> clientLocations(Path file) throws BadConfigException {
    JsonNode root;
    try {
      root = MAPPER.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new BadConfigException("config file not found: " + file);
    } catch (IOException e) {
      throw new BadConfigException("cannot read config " + file + ": " + e.getMessage());
    } catch (JacksonException e) {
      throw new BadConfigException("config " + file + where(e) + ": not valid JSON: " + parserMessage(e));
    }
    if (root == null || !root.isObject()) throw new BadConfigException("config " + file + " must be a JSON object");
    for (String name : root.propertyNames()) {
      if (!TOP_LEVEL.contains(name)) throw new BadConfigException("config " + file + ": unknown setting \"" + name + "\" (known: " + TOP_LEVEL + ")");
    }
    JsonNode list = root.path("clientLocations");
    if (list.isMissingNode()) return List.of();
    if (!list.isArray()) throw new BadConfigException("config " + file + ": clientLocations must be an array");
    List<ClientLocation> locations = new ArrayList<>();
    int i = 0;
    for (JsonNode entry : list) {
      String where = "config " + file + ": clientLocations[" + i++ + "]";
      locations.add(location(entry, where));
    }
    try {
      UserLocationTable.of(locations);
    } catch (IllegalArgumentException e) {
      throw new BadConfigException("config " + file + ": " + e.getMessage());
    }
    return List.copyOf(locations);
  }

  /** The file's {@code emulateNetwork} (false when absent). */
  static boolean emulateNetwork(Path file) throws BadConfigException {
    clientLocations(file); // the whole file is checked once, with the same messages
    try {
      JsonNode value = MAPPER.readTree(Files.readString(file)).path("emulateNetwork");
      if (value.isMissingNode()) return false;
      if (!value.isBoolean()) throw new BadConfigException("config " + file + ": emulateNetwork must be true or false");
      return value.booleanValue();
    } catch (IOException | JacksonException e) {
      throw new BadConfigException("cannot read config " + file + ": " + e.getMessage());
    }
  }

  /** The file's {@code defaultClientLocation}, checked against the geo tables (empty when absent). */
  static Optional<String> defaultClientLocation(Path file) throws BadConfigException {
    clientLocations(file);
    JsonNode value;
    try {
      value = MAPPER.readTree(Files.readString(file)).path("defaultClientLocation");
    } catch (IOException | JacksonException e) {
      throw new BadConfigException("cannot read config " + file + ": " + e.getMessage());
    }
    if (value.isMissingNode() || value.isNull()) return Optional.empty();
    if (!value.isString()) throw new BadConfigException("config " + file + ": defaultClientLocation must be a string");
    try {
      return Optional.of(checkedPlace(value.asString()));
    } catch (IllegalArgumentException e) {
      throw new BadConfigException("config " + file + ": defaultClientLocation: " + e.getMessage());
    }
  }

  /** {@code place} when the geo tables name it, else IllegalArgumentException saying which forms they accept. */
  static String checkedPlace(String place) {
    dev.stratus.net.geo.ClientLocator.DefaultLocation.of(place, dev.stratus.net.geo.GeoTables.standard());
    return place.trim();
  }

  /** ", line 3, column 7" where the parser stopped, if it says. */
  private static String where(JacksonException e) {
    var at = e.getLocation();
    if (at == null || at.getLineNr() < 1) return "";
    return ", line " + at.getLineNr() + (at.getColumnNr() > 0 ? ", column " + at.getColumnNr() : "");
  }

  /**
   * The parser's complaint in the user's words: its first line, without character codes or the
   * parser's own settings ("(code 125)", "JsonReadFeature..." hints).
   */
  static String parserMessage(JacksonException e) {
    String m = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("").strip();
    m = m.replaceAll(" \\(code -?\\d+\\)", "");
    int hint = m.indexOf("; ");
    if (hint > 0 && m.substring(hint).matches(".*(Feature|enable|disable).*")) m = m.substring(0, hint);
    int paren = m.indexOf(" (for ");
    if (paren < 0) paren = m.indexOf(" (through reference");
    if (paren > 0) m = m.substring(0, paren);
    return m.isEmpty() ? "malformed" : m;
  }

  private static ClientLocation location(JsonNode entry, String where) throws BadConfigException {
    if (!entry.isObject()) throw new BadConfigException(where + " must be an object");
    for (String name : entry.propertyNames()) {
      if (!LOCATION_FIELDS.contains(name)) throw new BadConfigException(where + ": unknown field \"" + name + "\" (known: " + LOCATION_FIELDS + ")");
    }
    if (!entry.path("cidr").isString()) throw new BadConfigException(where + ": \"cidr\" (a string such as \"10.20.0.0/16\") is required");
    try {
      return new ClientLocation(entry.get("cidr").asString(), text(entry, "city", where), number(entry, "latitude", where),
          number(entry, "longitude", where), text(entry, "countryCode", where));
    } catch (IllegalArgumentException e) {
      throw new BadConfigException(where + ": " + e.getMessage());
    }
  }

  private static Optional<String> text(JsonNode entry, String field, String where) throws BadConfigException {
    JsonNode v = entry.get(field);
    if (v == null || v.isNull()) return Optional.empty();
    if (!v.isString()) throw new BadConfigException(where + ": \"" + field + "\" must be a string");
    return Optional.of(v.asString());
  }

  private static Optional<Double> number(JsonNode entry, String field, String where) throws BadConfigException {
    JsonNode v = entry.get(field);
    if (v == null || v.isNull()) return Optional.empty();
    if (!v.isNumber()) throw new BadConfigException(where + ": \"" + field + "\" must be a number");
    return Optional.of(v.asDouble());
  }
}
