package dev.stratus.wafv2.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * A lenient JSON scanner for JsonBody inspection: the keys and scalar values in document order,
 * each with its JSON Pointer, stopping at the first syntax error (AWS, when no
 * InvalidFallbackBehavior is set, "evaluates the content up to the first parsing failure").
 */
final class JsonScan {
  /** One key or scalar value; {@code pointer} is the RFC 6901 pointer of the value (or of the key's member). */
  record Element(String pointer, String text, boolean key) {}

  record Result(List<Element> elements, boolean valid) {}

  /** Deeper documents are treated as invalid: recursion must not exhaust an event-loop thread's stack. */
  static final int MAX_DEPTH = 256;

  private final String s;
  private int i;
  private int depth;
  private final List<Element> out = new ArrayList<>();

  private JsonScan(String s) { this.s = s; }

  static Result scan(String text) {
    JsonScan scan = new JsonScan(text);
    boolean ok;
    try {
      scan.ws();
      scan.value("");
      scan.ws();
      ok = scan.i == text.length();
    } catch (IllegalStateException e) {
      ok = false;
    }
    return new Result(List.copyOf(scan.out), ok);
  }

  private void ws() {
    while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) i++;
  }

  private IllegalStateException fail() { return new IllegalStateException("JSON at " + i); }

  private char peek() {
    if (i >= s.length()) throw fail();
    return s.charAt(i);
  }

  private void value(String pointer) {
    if (++depth > MAX_DEPTH) throw fail();
    try {
      valueAt(pointer);
    } finally {
      depth--;
    }
  }

  private void valueAt(String pointer) {
    char c = peek();
    switch (c) {
      case '{' -> {
        i++;
        ws();
        if (peek() == '}') {
          i++;
          return;
        }
        while (true) {
          ws();
          if (peek() != '"') throw fail();
          String key = string();
          String child = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
          out.add(new Element(child, key, true));
          ws();
          if (peek() != ':') throw fail();
          i++;
          ws();
          value(child);
          ws();
          char n = peek();
          i++;
          if (n == '}') return;
          if (n != ',') throw fail();
        }
      }
      case '[' -> {
        i++;
        ws();
        if (peek() == ']') {
          i++;
          return;
        }
        for (int index = 0; ; index++) {
          ws();
          value(pointer + "/" + index);
          ws();
          char n = peek();
          i++;
          if (n == ']') return;
          if (n != ',') throw fail();
        }
      }
      case '"' -> out.add(new Element(pointer, string(), false));
      default -> {
        int start = i;
        while (i < s.length() && "+-.0123456789eEtruefalsn".indexOf(s.charAt(i)) >= 0) i++;
        String lit = s.substring(start, i);
        if (lit.isEmpty() || !(lit.equals("true") || lit.equals("false") || lit.equals("null")
            || lit.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?"))) throw fail();
        out.add(new Element(pointer, lit, false));
      }
    }
  }

  private String string() {
    i++; // opening quote
    StringBuilder b = new StringBuilder();
    while (true) {
      char c = peek();
      i++;
      if (c == '"') return b.toString();
      if (c < 0x20) throw fail();
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char e = peek();
      i++;
      switch (e) {
        case '"', '\\', '/' -> b.append(e);
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> {
          if (i + 4 > s.length()) throw fail();
          int v = 0;
          for (int k = 0; k < 4; k++) {
            int h = Transformations.hex(s.charAt(i + k));
            if (h < 0) throw fail();
            v = v * 16 + h;
          }
          i += 4;
          Transformations.appendUtf8(b, v);
        }
        default -> throw fail();
      }
    }
  }
}
