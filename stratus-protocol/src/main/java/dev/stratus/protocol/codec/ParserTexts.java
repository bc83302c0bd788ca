package dev.stratus.protocol.codec;

import java.util.regex.Pattern;

/**
 * A parser's complaint about a request body, in plain words: no parser internals (Jackson's
 * {@code StreamReadConstraints.getMaxNestingDepth()}, the JDK's {@code JAXP00010006} codes and
 * {@code jdk.xml.*} property names, class names) and never more than {@link #MAX_CHARS} characters.
 */
final class ParserTexts {

  /** Longest parser detail passed on. */
  static final int MAX_CHARS = 200;

  /** What is said when nothing of the parser's text can be passed on. */
  static final String GENERIC = "The request body is malformed.";

  private static final Pattern JACKSON_SOURCE = Pattern.compile(",? ?from `[^`]*`");
  private static final Pattern JAXP_CODE = Pattern.compile("JAXP\\d+:\\s*");
  private static final Pattern LOCATION = Pattern.compile("\\s*at \\[Source:.*", Pattern.DOTALL);
  private static final Pattern INTERNAL = Pattern.compile(
      "https?://|jdk\\.|java\\.|javax\\.|tools\\.jackson|com\\.fasterxml|org\\.xml|org\\.w3c|com\\.sun|StreamReadConstraints|JAXP|\\$",
      Pattern.CASE_INSENSITIVE);

  private ParserTexts() {}

  static String plain(String detail) {
    if (detail == null || detail.isBlank()) {
      return GENERIC;
    }
    if (detail.contains("DOCTYPE is disallowed")) {
      return "Document type declarations (DOCTYPE) are not allowed.";
    }
    String s = LOCATION.matcher(detail).replaceAll("");
    s = JACKSON_SOURCE.matcher(s).replaceAll("");
    boolean wasJaxp = JAXP_CODE.matcher(s).find();
    s = JAXP_CODE.matcher(s).replaceAll("");
    s = s.replaceAll("\\s+", " ").trim();
    if (wasJaxp || INTERNAL.matcher(s).find()) {
      return wasJaxp ? "The XML document exceeds a limit of the parser." : GENERIC;
    }
    return s.length() > MAX_CHARS ? s.substring(0, MAX_CHARS) + "..." : s;
  }
}
