package dev.stratus.protocol.codec;

import dev.stratus.protocol.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Success status codes of REST operations that answer something other than 200 (Route 53
 * CreateHostedZone 201, CloudFront deletes 204, API Gateway 201/202/204). The SDK binding
 * does not carry them; the table {@code success-status.properties} lists them from the AWS
 * service models ({@code http.responseCode}).
 */
final class SuccessStatus {
  private static final Properties TABLE = load();

  private SuccessStatus() {}

  /** The success status of {@code op}: its table entry, else 200. */
  static int of(Operation op) {
    String s = TABLE.getProperty(op.service().id() + "." + op.name());
    return s == null ? 200 : Integer.parseInt(s.trim());
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = SuccessStatus.class.getResourceAsStream("success-status.properties")) {
      if (in != null) p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
