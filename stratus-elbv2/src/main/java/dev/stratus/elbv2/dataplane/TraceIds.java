package dev.stratus.elbv2.dataplane;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The ALB's {@code X-Amzn-Trace-Id} (elbv2.md §24): {@code Root=1-<8 hex epoch seconds>-<24 hex>}
 * when absent; when present, a {@code Self=} field is put first (or updated) and Root and the
 * other fields are kept; a header over 7 KB is replaced by a new Root.
 */
final class TraceIds {
  static final String HEADER = "X-Amzn-Trace-Id";
  private static final int MAX_BYTES = 7 * 1024;

  private TraceIds() {}

  static String newId(Instant now) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    char[] out = new char[2 + 8 + 1 + 24];
    out[0] = '1';
    out[1] = '-';
    hex(out, 2, now.getEpochSecond(), 8);
    out[10] = '-';
    hex(out, 11, r.nextInt() & 0xffffffffL, 8);
    hex(out, 19, r.nextLong(), 16);
    return new String(out);
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** The low {@code digits} hex digits of {@code value} at {@code at} (no String.format on the hot path). */
  private static void hex(char[] out, int at, long value, int digits) {
    for (int i = digits - 1; i >= 0; i--) {
      out[at + i] = HEX[(int) (value & 0xf)];
      value >>>= 4;
    }
  }

  /** The header to forward given the client's ({@code null} when it sent none). */
  static String next(String incoming, Instant now) {
    if (incoming == null || incoming.isBlank() || incoming.length() > MAX_BYTES) return "Root=" + newId(now);
    String self = "Self=" + newId(now);
    StringBuilder rest = new StringBuilder();
    boolean root = false;
    for (String field : incoming.split(";")) {
      String f = field.trim();
      if (f.isEmpty() || f.startsWith("Self=")) continue;
      if (f.startsWith("Root=")) root = true;
      rest.append(';').append(f);
    }
    if (!root) return "Root=" + newId(now) + rest;
    return self + rest;
  }
}
