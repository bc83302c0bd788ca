package dev.stratus.cloudfront.dataplane.cache;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Brotli through brotli4j's native library. Where that library does not load (a platform
 * without a bundled native), the edge serves gzip instead; that is said once in the log.
 */
public final class Brotli {
  private static final Logger LOG = Logger.getLogger(Brotli.class.getName());
  /** Quality 5: close to what CDNs use on the fly; 11 would cost seconds on a 10 MB object. */
  private static final Encoder.Parameters PARAMETERS = new Encoder.Parameters().setQuality(5);
  private static final boolean AVAILABLE = load();

  private Brotli() {}

  /** Whether this process can encode brotli. */
  public static boolean available() {
    return AVAILABLE;
  }

  static byte[] compress(byte[] body) {
    try {
      return Encoder.compress(body, PARAMETERS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean load() {
    try {
      if (Brotli4jLoader.isAvailable()) return true;
      LOG.log(Level.WARNING, "brotli native library unavailable on this platform; the edge serves gzip instead",
          Brotli4jLoader.getUnavailabilityCause());
    } catch (LinkageError e) {
      LOG.log(Level.WARNING, "brotli native library unavailable on this platform; the edge serves gzip instead", e);
    }
    return false;
  }
}
