package dev.stratus.net.health;

/**
 * The status texts Route 53 health checkers report, in AWS's "Success: …" / "Failure: …" shape
 * (as shown by GetHealthCheckStatus and GetHealthCheckLastFailureReason).
 */
public final class HealthCheckReasons {

  /*
   * The HTTP status wording ("Success: HTTP Status Code 200, OK", "Failure: HTTP Status Code 500,
   * Internal Server Error") and the connection timeout text are AWS's as seen in console and CLI
   * output; the remaining texts follow the same pattern where no verbatim sample was available.
   */

  private static final String FIREWALL_HINT = " The endpoint or the internet connection is down, or requests are being"
      + " blocked by your firewall. See https://docs.aws.amazon.com/console/route53/health-checks-failure-reason";

  private HealthCheckReasons() {}

  public static String httpSuccess(int code, String reason) {
    return "Success: HTTP Status Code " + code + ", " + reason;
  }

  public static String httpFailure(int code, String reason) {
    return "Failure: HTTP Status Code " + code + ", " + reason;
  }

  public static String tcpSuccess() {
    return "Success: TCP connection established.";
  }

  public static String connectionTimedOut() {
    return "Failure: Connection timed out." + FIREWALL_HINT;
  }

  public static String connectionRefused() {
    return "Failure: Connection refused." + FIREWALL_HINT;
  }

  public static String responseTimedOut() {
    return "Failure: The endpoint did not respond within 2 seconds after the connection was established.";
  }

  public static String malformedResponse() {
    return "Failure: The response from the endpoint was not a valid HTTP response.";
  }

  public static String searchStringNotFound(String search) {
    return "Failure: Search string \"" + search + "\" was not found in the first 5120 bytes of the response body.";
  }

  public static String dnsResolutionFailed() {
    return "Failure: DNS resolution failed.";
  }

  public static String sslFailure() {
    return "Failure: The SSL/TLS handshake with the endpoint failed.";
  }

  public static String ioFailure(String detail) {
    return "Failure: " + detail;
  }

  /** The reason phrase of common status codes (RFC 9110 §15), "Unknown" otherwise. */
  public static String reasonPhrase(int code) {
    return switch (code) {
      case 200 -> "OK";
      case 201 -> "Created";
      case 202 -> "Accepted";
      case 204 -> "No Content";
      case 301 -> "Moved Permanently";
      case 302 -> "Found";
      case 304 -> "Not Modified";
      case 307 -> "Temporary Redirect";
      case 308 -> "Permanent Redirect";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "Unknown";
    };
  }
}
