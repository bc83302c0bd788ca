package dev.stratus.net.geo;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The bundled IP-to-country database ({@code geo-whois-asn-country.mmdb}, MaxMind DB format, RIR
 * WHOIS/ASN data by the NRO under CC BY 4.0; see the README beside the resource).
 */
public final class MaxMindCountryDatabase implements CountryDatabase {

  /*
   * Bundled rather than fetched at build time: the file is 7.8 MB (under the 15 MB line we set
   * for committing data), so a fresh clone on a machine without the npm registry still places
   * clients, and tests are reproducible against one fixed version. It is read fully into memory
   * (Reader(InputStream)), so a lookup is a few dozen array reads: cheap enough for a DNS event
   * loop, and never I/O. Decoded rows are cached (CHMCache): there are only ~250 distinct ones.
   * If the resource is missing or corrupt we fail soft: every address is "unknown location",
   * which Route 53 answers with its default (`*`) records.
   */

  private static final Logger LOG = Logger.getLogger(MaxMindCountryDatabase.class.getName());

  /** Classpath name of the bundled database. */
  public static final String RESOURCE = "geo-whois-asn-country.mmdb";

  private final Reader reader;

  private MaxMindCountryDatabase(Reader reader) {
    this.reader = reader;
  }

  /** Opens the bundled database, or {@link CountryDatabase#none()} if it cannot be read. */
  public static CountryDatabase bundled() {
    try (InputStream in = MaxMindCountryDatabase.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        LOG.warning("IP-to-country database " + RESOURCE + " not on the classpath; client locations unknown");
        return CountryDatabase.none();
      }
      return new MaxMindCountryDatabase(new Reader(in, new CHMCache()));
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "IP-to-country database " + RESOURCE + " unreadable; client locations unknown", e);
      return CountryDatabase.none();
    }
  }

  /**
   * The bundled database, read at its first lookup rather than now: reading 7.8 MB is start-up
   * time the first API call should not wait for, and clients on loopback or private addresses
   * (every local test) never need it.
   */
  public static CountryDatabase bundledOnFirstUse() {
    return new CountryDatabase() {
      private volatile CountryDatabase loaded;

      @Override
      public Optional<String> countryOf(InetAddress address) {
        CountryDatabase db = loaded;
        if (db == null) {
          synchronized (this) {
            db = loaded;
            if (db == null) loaded = db = bundled();
          }
        }
        return db.countryOf(address);
      }
    };
  }

  /** Opens a database from any stream (tests, or a user-provided newer file). */
  public static MaxMindCountryDatabase open(InputStream in) throws IOException {
    return new MaxMindCountryDatabase(new Reader(in, new CHMCache()));
  }

  @Override
  @SuppressWarnings("rawtypes")
  public Optional<String> countryOf(InetAddress address) {
    try {
      Map row = reader.get(address, Map.class);
      if (row == null || !(row.get("country_code") instanceof String code) || code.length() != 2) {
        return Optional.empty();
      }
      return Optional.of(code);
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // a corrupt entry means "unknown", never a failed DNS answer
    }
  }
}
