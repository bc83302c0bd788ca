package dev.stratus.net.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A pool of bytes that request bodies being read or served hold between them, so that many
 * concurrent large uploads cannot take the heap (issue 13 item 1: 110 concurrent 15 MB bodies
 * took 4.96 GB). A request reserves its Content-Length (or each chunk as it arrives) before its
 * bytes are buffered and gives them back when its response is written or its connection closes.
 */
public final class BodyBudget {

  /**
   * The process-wide budget: {@code -Dstratus.http.bodyBudget} (bytes, or with a k/m/g suffix),
   * else a sixteenth of the maximum heap (64 MiB of the launcher's 1 GiB), at most 256 MiB, at
   * least 32 MiB. A sixteenth, not more: an API call copies its body several times while it is
   * parsed, and at a quarter 200 concurrent 15 MB calls took RSS to 1.35 GB (at a sixteenth,
   * 0.80 GB: reliability/README.md, "Memory under a burst").
   */
  private static final BodyBudget SHARED = new BodyBudget(configured(System.getProperty("stratus.http.bodyBudget"),
      Math.max(32L << 20, Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 16))));

  /** {@code value} as a size ({@code 64m}, {@code 1g}, {@code 500000}), or {@code fallback} when absent or not a size. */
  static long configured(String value, long fallback) {
    if (value == null || value.isBlank()) return fallback;
    String v = value.trim().toLowerCase(java.util.Locale.ROOT);
    int shift = switch (v.charAt(v.length() - 1)) {
      case 'k' -> 10;
      case 'm' -> 20;
      case 'g' -> 30;
      default -> 0;
    };
    try {
      long n = Long.parseLong(shift == 0 ? v : v.substring(0, v.length() - 1));
      return n > 0 ? n << shift : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private final long capacity;
  private final AtomicLong available;

  public BodyBudget(long capacityBytes) {
    if (capacityBytes <= 0) throw new IllegalArgumentException("capacityBytes must be positive: " + capacityBytes);
    this.capacity = capacityBytes;
    this.available = new AtomicLong(capacityBytes);
  }

  /** The budget every listener shares unless given its own. */
  public static BodyBudget shared() {
    return SHARED;
  }

  /** Takes {@code bytes} from the budget; false (and nothing taken) when they are not there. */
  public boolean tryReserve(long bytes) {
    if (bytes <= 0) return true;
    while (true) {
      long now = available.get();
      if (now < bytes) return false;
      if (available.compareAndSet(now, now - bytes)) return true;
    }
  }

  /** Returns bytes taken by {@link #tryReserve}. */
  public void release(long bytes) {
    if (bytes > 0) available.addAndGet(bytes);
  }

  public long capacity() { return capacity; }

  public long available() { return available.get(); }
}
