package dev.stratus.wafv2.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.services.wafv2.model.TextTransformationType;

/**
 * Every WAF text transformation (API enum TextTransformationType), on byte strings (one char per
 * byte). Semantics follow the WAF developer guide's table, which follows ModSecurity's
 * transformation functions of the same names (t:cmdLine, t:jsDecode, t:cssDecode, ...).
 */
final class Transformations {
  private Transformations() {}

  static String apply(TextTransformationType type, String s) {
    return switch (type) {
      case NONE, UNKNOWN_TO_SDK_VERSION -> s;
      case COMPRESS_WHITE_SPACE -> compressWhiteSpace(s);
      case HTML_ENTITY_DECODE -> htmlEntityDecode(s);
      case LOWERCASE -> lower(s);
      case CMD_LINE -> cmdLine(s);
      case URL_DECODE -> urlDecode(s, false);
      case URL_DECODE_UNI -> urlDecode(s, true);
      case BASE64_DECODE -> base64(s, false);
      case BASE64_DECODE_EXT -> base64(s, true);
      case HEX_DECODE -> hexDecode(s);
      case MD5 -> digest("MD5", s);
      case REPLACE_COMMENTS -> replaceComments(s);
      case ESCAPE_SEQ_DECODE -> escapeSeqDecode(s);
      case SQL_HEX_DECODE -> sqlHexDecode(s);
      case CSS_DECODE -> cssDecode(s);
      case JS_DECODE -> jsDecode(s);
      case NORMALIZE_PATH -> normalizePath(s, false);
      case NORMALIZE_PATH_WIN -> normalizePath(s, true);
      case REMOVE_NULLS -> s.replace("\0", "");
      case REPLACE_NULLS -> s.replace('\0', ' ');
      case UTF8_TO_UNICODE -> utf8ToUnicode(s);
    };
  }

  static boolean isWhite(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b || c == 0xa0;
  }

  /** Runs of whitespace (space, \t, \n, \r, \f, \v, NBSP) become one space. */
  static String compressWhiteSpace(String s) {
    boolean plain = true;
    for (int i = 0; i < s.length() && plain; i++) {
      char c = s.charAt(i);
      plain = !isWhite(c) || (c == ' ' && (i + 1 == s.length() || !isWhite(s.charAt(i + 1))));
    }
    if (plain) return s;
    StringBuilder b = new StringBuilder(s.length());
    boolean inWhite = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isWhite(c)) {
        if (!inWhite) b.append(' ');
        inWhite = true;
      } else {
        b.append(c);
        inWhite = false;
      }
    }
    return b.toString();
  }

  static String lower(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        if (b == null) b = new StringBuilder(s);
        b.setCharAt(i, (char) (c + 32));
      }
    }
    return b == null ? s : b.toString();
  }

  /**
   * CMD_LINE: delete \ " ' ^; delete spaces before / and (; replace , and ; with a space; compress
   * whitespace; lowercase (so {@code c^ommand /c} and {@code "command" /c} look alike).
   */
  static String cmdLine(String s) {
    StringBuilder b = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\', '"', '\'', '^' -> { }
        case ' ', '\t', '\n', '\r', '\f', 0x0b, ',', ';' -> {
          if (!space) {
            b.append(' ');
            space = true;
          }
        }
        case '/', '(' -> {
          if (space) b.setLength(b.length() - 1);
          b.append(c);
          space = false;
        }
        default -> {
          b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
          space = false;
        }
      }
    }
    return b.toString();
  }

  static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  /** %XX and + decoding; with {@code uni}, also IIS's %uXXXX (full-width ASCII folded to ASCII). */
  static String urlDecode(String s, boolean uni) {
    if (s.indexOf('%') < 0 && s.indexOf('+') < 0) return s;
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '+') {
        b.append(' ');
      } else if (c == '%' && uni && i + 5 < s.length() && (s.charAt(i + 1) == 'u' || s.charAt(i + 1) == 'U')
          && hex(s.charAt(i + 2)) >= 0 && hex(s.charAt(i + 3)) >= 0 && hex(s.charAt(i + 4)) >= 0 && hex(s.charAt(i + 5)) >= 0) {
        int code = (hex(s.charAt(i + 2)) << 12) | (hex(s.charAt(i + 3)) << 8) | (hex(s.charAt(i + 4)) << 4) | hex(s.charAt(i + 5));
        if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0; // full-width ASCII
        appendUtf8(b, code);
        i += 5;
      } else if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
        b.append((char) ((hex(s.charAt(i + 1)) << 4) | hex(s.charAt(i + 2))));
        i += 2;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  static void appendUtf8(StringBuilder b, int codePoint) {
    if (codePoint < 0x80) {
      b.append((char) codePoint);
      return;
    }
    byte[] bytes = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
    for (byte x : bytes) b.append((char) (x & 0xff));
  }

  /** BASE64_DECODE decodes the string; BASE64_DECODE_EXT also skips characters outside the alphabet. */
  static String base64(String s, boolean ext) {
    StringBuilder clean = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/') {
        clean.append(c);
      } else if (c == '-' || c == '_') {
        clean.append(c == '-' ? '+' : '/');
      } else if (c == '=' || ext || isWhite(c)) {
        continue;
      } else {
        break; // plain BASE64_DECODE stops at the first character that is not base64
      }
    }
    int n = clean.length() - clean.length() % 4;
    if (clean.length() % 4 == 1) clean.setLength(n);
    while (clean.length() % 4 != 0) clean.append('=');
    try {
      return new String(Base64.getDecoder().decode(clean.toString()), StandardCharsets.ISO_8859_1);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  /** Pairs of hex digits to bytes (an odd or non-hex input is left as is). */
  static String hexDecode(String s) {
    if (s.length() % 2 != 0) return s;
    StringBuilder b = new StringBuilder(s.length() / 2);
    for (int i = 0; i < s.length(); i += 2) {
      int hi = hex(s.charAt(i));
      int lo = hex(s.charAt(i + 1));
      if (hi < 0 || lo < 0) return s;
      b.append((char) ((hi << 4) | lo));
    }
    return b.toString();
  }

  static String digest(String algorithm, String s) {
    try {
      byte[] d = MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.ISO_8859_1));
      return new String(d, StandardCharsets.ISO_8859_1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** C-style comments become one space; an unterminated comment too; {@code --} and {@code #} stay. */
  static String replaceComments(String s) {
    if (s.indexOf("/*") < 0 && s.indexOf("*/") < 0) return s;
    StringBuilder b = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      if (s.startsWith("/*", i)) {
        int end = s.indexOf("*/", i + 2);
        b.append(' ');
        if (end < 0) break;
        i = end + 2;
      } else if (s.startsWith("*/", i)) {
        b.append(' ');
        i += 2;
      } else {
        b.append(s.charAt(i++));
      }
    }
    return b.toString();
  }

  /** ANSI C escapes: \a \b \f \n \r \t \v \\ \? \' \" \xHH \0OOO. */
  static String escapeSeqDecode(String s) {
    if (s.indexOf('\\') < 0) return s;
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        b.append(c);
        continue;
      }
      char n = s.charAt(++i);
      switch (n) {
        case 'a' -> b.append((char) 7);
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'v' -> b.append((char) 0x0b);
        case '\\', '?', '\'', '"' -> b.append(n);
        case 'x', 'X' -> {
          if (i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
            b.append((char) ((hex(s.charAt(i + 1)) << 4) | hex(s.charAt(i + 2))));
            i += 2;
          } else {
            b.append(n);
          }
        }
        default -> {
          if (n >= '0' && n <= '7') {
            int v = 0;
            int j = i;
            while (j < s.length() && j < i + 3 && s.charAt(j) >= '0' && s.charAt(j) <= '7') v = v * 8 + (s.charAt(j++) - '0');
            b.append((char) (v & 0xff));
            i = j - 1;
          } else {
            b.append(n);
          }
        }
      }
    }
    return b.toString();
  }

  /** MySQL-style hex literals 0x414243 become their bytes ("ABC"). */
  static String sqlHexDecode(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '0' && i + 3 < s.length() && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
          && hex(s.charAt(i + 2)) >= 0 && hex(s.charAt(i + 3)) >= 0) {
        int j = i + 2;
        while (j + 1 < s.length() && hex(s.charAt(j)) >= 0 && hex(s.charAt(j + 1)) >= 0) {
          b.append((char) ((hex(s.charAt(j)) << 4) | hex(s.charAt(j + 1))));
          j += 2;
        }
        i = j - 1;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** CSS 2.x escapes: backslash + 1-6 hex digits (one optional following space eaten), or backslash + char. */
  static String cssDecode(String s) {
    if (s.indexOf('\\') < 0) return s;
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        b.append(c);
        continue;
      }
      int j = i + 1;
      int v = 0;
      while (j < s.length() && j < i + 7 && hex(s.charAt(j)) >= 0) v = v * 16 + hex(s.charAt(j++));
      if (j > i + 1) {
        if (v >= 0xff01 && v <= 0xff5e) v -= 0xfee0;
        b.append((char) (v & 0xff));
        if (j < s.length() && s.charAt(j) == ' ') j++;
        i = j - 1;
      } else if (s.charAt(j) == '\n') {
        i = j; // a line continuation
      } else {
        b.append(s.charAt(j));
        i = j;
      }
    }
    return b.toString();
  }

  /** JavaScript escapes: \\uHHHH (full-width folded), \\xHH, \\OOO and the C escapes. */
  static String jsDecode(String s) {
    if (s.indexOf('\\') < 0) return s;
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 5 < s.length() && s.charAt(i + 1) == 'u' && hex(s.charAt(i + 2)) >= 0
          && hex(s.charAt(i + 3)) >= 0 && hex(s.charAt(i + 4)) >= 0 && hex(s.charAt(i + 5)) >= 0) {
        int v = (hex(s.charAt(i + 2)) << 12) | (hex(s.charAt(i + 3)) << 8) | (hex(s.charAt(i + 4)) << 4) | hex(s.charAt(i + 5));
        if (v >= 0xff01 && v <= 0xff5e) v -= 0xfee0;
        b.append((char) (v & 0xff));
        i += 5;
      } else if (c == '\\') {
        int consumed = escapeLength(s, i);
        b.append(escapeSeqDecode(s.substring(i, i + consumed)));
        i += consumed - 1;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static int escapeLength(String s, int i) {
    if (i + 1 >= s.length()) return 1;
    char n = s.charAt(i + 1);
    if ((n == 'x' || n == 'X') && i + 3 < s.length() && hex(s.charAt(i + 2)) >= 0 && hex(s.charAt(i + 3)) >= 0) return 4;
    if (n >= '0' && n <= '7') {
      int j = i + 1;
      while (j < s.length() && j < i + 4 && s.charAt(j) >= '0' && s.charAt(j) <= '7') j++;
      return j - i;
    }
    return 2;
  }

  /** Removes ./ and collapses dir/../ and repeated slashes; the _WIN form first turns \ into /. */
  static String normalizePath(String s, boolean windows) {
    if (windows) s = s.replace('\\', '/');
    boolean absolute = s.startsWith("/");
    boolean trailing = s.endsWith("/") || s.endsWith("/.") || s.endsWith("/..");
    java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
    for (String seg : s.split("/")) {
      if (seg.isEmpty() || seg.equals(".")) continue;
      if (seg.equals("..")) {
        if (!parts.isEmpty() && !parts.peekLast().equals("..")) parts.removeLast();
        else if (!absolute) parts.addLast("..");
      } else {
        parts.addLast(seg);
      }
    }
    String out = (absolute ? "/" : "") + String.join("/", parts);
    if (trailing && !out.endsWith("/")) out += "/";
    return out;
  }

  /** UTF-8 sequences become %uHHHH notation (as ModSecurity's t:utf8toUnicode). */
  static String utf8ToUnicode(String s) {
    StringBuilder b = new StringBuilder(s.length());
    byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
    int i = 0;
    while (i < bytes.length) {
      int c = bytes[i] & 0xff;
      int len = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
      if (len <= 1 || i + len > bytes.length) {
        b.append((char) c);
        i++;
        continue;
      }
      String ch = new String(bytes, i, len, StandardCharsets.UTF_8);
      int cp = ch.codePointAt(0);
      if (cp == 0xfffd) {
        b.append((char) c);
        i++;
        continue;
      }
      b.append(String.format("%%u%04x", cp & 0xffff));
      i += len;
    }
    return b.toString();
  }

  private static final Map<String, Integer> ENTITIES = Map.ofEntries(
      Map.entry("quot", 34), Map.entry("amp", 38), Map.entry("lt", 60), Map.entry("gt", 62),
      Map.entry("nbsp", 160), Map.entry("apos", 39), Map.entry("colon", 58), Map.entry("lpar", 40),
      Map.entry("rpar", 41), Map.entry("sol", 47), Map.entry("bsol", 92), Map.entry("tab", 9),
      Map.entry("newline", 10), Map.entry("semi", 59), Map.entry("equals", 61), Map.entry("num", 35),
      Map.entry("excl", 33), Map.entry("period", 46), Map.entry("comma", 44), Map.entry("grave", 96));

  /** &amp;#DD; &amp;#xHH; and named entities (the semicolon is optional, as browsers accept). */
  static String htmlEntityDecode(String s) {
    if (s.indexOf('&') < 0) return s;
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '&' || i + 1 >= s.length()) {
        b.append(c);
        continue;
      }
      int j = i + 1;
      if (s.charAt(j) == '#') {
        j++;
        boolean hexForm = j < s.length() && (s.charAt(j) == 'x' || s.charAt(j) == 'X');
        if (hexForm) j++;
        int start = j;
        long v = 0;
        while (j < s.length() && (hexForm ? hex(s.charAt(j)) >= 0 : Character.isDigit(s.charAt(j))) && j - start < 8) {
          v = v * (hexForm ? 16 : 10) + (hexForm ? hex(s.charAt(j)) : s.charAt(j) - '0');
          j++;
        }
        if (j == start) {
          b.append(c);
          continue;
        }
        appendUtf8(b, v > 0x10ffff ? 0xfffd : (int) v);
      } else {
        int start = j;
        while (j < s.length() && Character.isLetterOrDigit(s.charAt(j)) && j - start < 10) j++;
        Integer v = ENTITIES.get(lower(s.substring(start, j)));
        if (v == null) {
          b.append(c);
          continue;
        }
        b.append((char) v.intValue());
      }
      if (j < s.length() && s.charAt(j) == ';') j++;
      i = j - 1;
    }
    return b.toString();
  }
}
