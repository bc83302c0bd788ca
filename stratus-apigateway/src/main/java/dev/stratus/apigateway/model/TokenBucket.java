package dev.stratus.apigateway.model;

import java.time.Instant;

/**
 * API Gateway's throttle (apigateway.md §4, §13): a bucket of {@code burst} tokens, refilled at
 * {@code rate} tokens per second; a request takes one token or is throttled (429). Time is passed
 * in (the injected clock), so a test moves it instead of sleeping. Thread-safe.
 */
public final class TokenBucket {
  private final double rate;
  private final double capacity;
  private double tokens;
  private long lastNanos;
  private boolean started;

  /** @param rate tokens per second; @param burst bucket size (at least 1 token is kept, or nothing ever passes) */
  public TokenBucket(double rate, int burst) {
    this.rate = Math.max(0, rate);
    this.capacity = Math.max(1, burst);
    this.tokens = capacity;
  }

  /** Takes a token at {@code now}; false when the bucket is empty (throttled). */
  public synchronized boolean tryTake(Instant now) {
    long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    if (started && nanos > lastNanos) {
      tokens = Math.min(capacity, tokens + (nanos - lastNanos) / 1e9 * rate);
    }
    if (!started || nanos > lastNanos) lastNanos = nanos;
    started = true;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  }

  public double rate() { return rate; }

  public double capacity() { return capacity; }
}
