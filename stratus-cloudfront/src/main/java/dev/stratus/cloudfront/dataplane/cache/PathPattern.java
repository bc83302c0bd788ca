package dev.stratus.cloudfront.dataplane.cache;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A cache behavior's path pattern (cloudfront.md §2): case-sensitive, leading {@code /}
 * optional, {@code *} any run of characters (crossing {@code /}), {@code ?} exactly one; matched
 * against the path only.
 */
public record PathPattern(String pattern, Pattern regex) {
  public PathPattern {
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(regex, "regex");
  }

  public static PathPattern of(String pattern) {
    String p = pattern.startsWith("/") ? pattern : "/" + pattern;
    StringBuilder re = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : p.toCharArray()) {
      if (c == '*' || c == '?') {
        if (!literal.isEmpty()) re.append(Pattern.quote(literal.toString()));
        literal.setLength(0);
        re.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (!literal.isEmpty()) re.append(Pattern.quote(literal.toString()));
    // "*" alone (the default behavior) must also match "/" and the empty path
    return new PathPattern(pattern, Pattern.compile(pattern.equals("*") ? ".*" : re.toString(), Pattern.DOTALL));
  }

  /** Whether {@code path} (starting with {@code /}, no query string) matches. */
  public boolean matches(String path) {
    return regex.matcher(path.startsWith("/") ? path : "/" + path).matches();
  }
}
