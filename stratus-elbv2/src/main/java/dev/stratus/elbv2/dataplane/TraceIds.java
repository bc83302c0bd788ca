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
    return String.format("1-%08x-%08x%016x", now.getEpochSecond(), r.nextInt(), r.nextLong());
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
