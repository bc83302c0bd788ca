package dev.stratus.route53.model;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Route 53's rules for DNS names (route53.md §35): the trailing dot is optional on input, letters
 * are stored lower-case, escape codes ({@code \052}) are decoded for storage and re-encoded on
 * output, and ListResourceRecordSets sorts by labels reversed.
 */
public final class DnsName {

  /** Longest name, in characters of presentation form without the final dot (RFC 1035). */
  public static final int MAX_LENGTH = 255;

  /**
   * Sorts names as ListResourceRecordSets does: by labels compared right to left, so a zone's
   * apex comes first and each name is followed by its descendants ({@code example.com.},
   * {@code a.example.com.}, {@code b.a.example.com.}, {@code c.example.com.}).
   */
  public static final Comparator<String> CANONICAL_ORDER = DnsName::compareCanonical;

  private DnsName() {}

  /**
   * The stored form of a name: escape codes decoded, lower-case, with one trailing dot. The root
   * stays {@code .}. Never fails; callers check {@link #problem} first.
   */
  public static String normalize(String name) {
    String decoded = decodeEscapes(name.trim());
    String lower = decoded.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower : lower + ".";
  }

  /**
   * Why a name is not acceptable, or null: empty labels, a label over 63 characters or a name
   * over {@link #MAX_LENGTH}.
   */
  public static String problem(String name) {
    String n = decodeEscapes(name.trim());
    if (n.endsWith(".")) n = n.substring(0, n.length() - 1);
    if (n.isEmpty()) return "empty name";
    if (n.length() > MAX_LENGTH) return "name is longer than 255 characters";
    for (String label : n.split("\\.", -1)) {
      if (label.isEmpty()) return "empty label";
      if (label.length() > 63) return "label is longer than 63 characters";
    }
    return null;
  }

  /** The name as Route 53 returns it: characters other than a–z, 0–9, {@code -}, {@code _}, {@code .} as {@code \ooo}. */
  public static String toWire(String stored) {
    var sb = new StringBuilder(stored.length());
    for (char c : stored.toCharArray()) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.') sb.append(c);
      else sb.append('\\').append(String.format("%03o", (int) c & 0xff));
    }
    return sb.toString();
  }

  /** Whether {@code name} is {@code zone} or below it (both normalised). */
  public static boolean inZone(String name, String zone) {
    return name.equals(zone) || zone.equals(".") || name.endsWith("." + zone);
  }

  /** The labels of a normalised name, left to right, without the root. */
  public static List<String> labels(String name) {
    String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    return n.isEmpty() ? List.of() : List.of(n.split("\\.", -1));
  }

  /** Whether the left-most label is the wildcard {@code *} (a wildcard only as a whole label, §35). */
  public static boolean wildcard(String name) { return name.startsWith("*."); }

  private static int compareCanonical(String a, String b) {
    List<String> la = labels(a), lb = labels(b);
    int i = la.size() - 1, j = lb.size() - 1;
    for (; i >= 0 && j >= 0; i--, j--) {
      int c = la.get(i).compareTo(lb.get(j));
      if (c != 0) return c;
    }
    return Integer.compare(la.size(), lb.size());
  }

  private static String decodeEscapes(String s) {
    if (s.indexOf('\\') < 0) return s;
    var sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
        sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
        i += 3;
      } else if (c == '\\' && i + 1 < s.length()) {
        sb.append(s.charAt(++i));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
