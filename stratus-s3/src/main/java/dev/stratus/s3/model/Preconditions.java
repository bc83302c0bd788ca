package dev.stratus.s3.model;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;

/**
 * S3's conditional GET and HEAD (RFC 7232 as S3 applies it,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html): If-Match false → 412;
 * If-Unmodified-Since false → 412 unless If-Match was given and true; If-None-Match matching →
 * 304; If-Modified-Since not modified → 304 unless If-None-Match was given and did not match.
 * Unparseable dates are ignored, as S3 ignores them.
 */
public final class Preconditions {
  /** What the conditions decide. */
  public enum Outcome {
    /** Serve the object. */
    PROCEED,
    /** 304 Not Modified. */
    NOT_MODIFIED,
    /** 412 PreconditionFailed. */
    PRECONDITION_FAILED
  }

  private Preconditions() {}

  /** @param header lower-case name → value or null */
  public static Outcome evaluate(String etag, Instant lastModified, Function<String, String> header) {
    String ifMatch = header.apply("if-match");
    String ifNoneMatch = header.apply("if-none-match");
    Instant ifModifiedSince = date(header.apply("if-modified-since"));
    Instant ifUnmodifiedSince = date(header.apply("if-unmodified-since"));
    Instant modified = lastModified.truncatedTo(ChronoUnit.SECONDS);
    if (ifMatch != null && !matches(ifMatch, etag)) return Outcome.PRECONDITION_FAILED;
    if (ifMatch == null && ifUnmodifiedSince != null && modified.isAfter(ifUnmodifiedSince)) {
      return Outcome.PRECONDITION_FAILED;
    }
    if (ifNoneMatch != null && matches(ifNoneMatch, etag)) return Outcome.NOT_MODIFIED;
    if (ifNoneMatch == null && ifModifiedSince != null && !modified.isAfter(ifModifiedSince)) {
      return Outcome.NOT_MODIFIED;
    }
    return Outcome.PROCEED;
  }

  /** Whether a comma-separated list of entity tags (quoted or not, or {@code *}) names {@code etag}. */
  static boolean matches(String list, String etag) {
    String bare = unquote(etag);
    for (String candidate : list.split(",")) {
      String c = candidate.trim();
      if (c.startsWith("W/")) c = c.substring(2);
      if (c.equals("*") || unquote(c).equals(bare)) return true;
    }
    return false;
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
  }

  private static Instant date(String value) {
    if (value == null) return null;
    try {
      return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
