package dev.stratus.s3.model;

import java.util.Optional;

/**
 * One byte range of an object, inclusive, from a {@code Range: bytes=…} header. S3 serves a
 * single range; a header it cannot parse (or several ranges) is ignored and the whole object
 * served; a syntactically good range that starts past the end is unsatisfiable (416 InvalidRange).
 */
public record ByteRange(long first, long last) {

  /** The range's length in bytes. */
  public long length() { return last - first + 1; }

  /** {@code bytes first-last/size}. */
  public String contentRange(long size) { return "bytes " + first + "-" + last + "/" + size; }

  /** What a Range header asks of an object of {@code size} bytes. */
  public sealed interface Request {}

  /** No usable Range header: the whole object, 200. */
  public record Whole() implements Request {}

  /** A satisfiable range: 206. */
  public record Partial(ByteRange range) implements Request {}

  /** Past the end: 416. */
  public record Unsatisfiable() implements Request {}

  public static Request parse(String header, long size) {
    if (header == null) return new Whole();
    String h = header.trim();
    if (!h.startsWith("bytes=") || h.contains(",")) return new Whole();
    String spec = h.substring("bytes=".length()).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) return new Whole();
    Optional<Long> a = number(spec.substring(0, dash));
    Optional<Long> b = number(spec.substring(dash + 1));
    if (a.isEmpty() && b.isPresent()) { // suffix: the last n bytes
      if (b.get() == 0) return new Unsatisfiable();
      if (size == 0) return new Whole();
      return new Partial(new ByteRange(Math.max(0, size - b.get()), size - 1));
    }
    if (a.isEmpty()) return new Whole();
    if (b.isPresent() && b.get() < a.get()) return new Whole();
    if (a.get() >= size) return new Unsatisfiable();
    long last = b.isEmpty() ? size - 1 : Math.min(b.get(), size - 1);
    return new Partial(new ByteRange(a.get(), last));
  }

  private static Optional<Long> number(String s) {
    String t = s.trim();
    if (t.isEmpty() || !t.chars().allMatch(Character::isDigit) || t.length() > 18) return Optional.empty();
    return Optional.of(Long.parseLong(t));
  }
}
