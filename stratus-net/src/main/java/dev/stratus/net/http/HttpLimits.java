package dev.stratus.net.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Every bound an HTTP listener enforces, in one value (issue 13 item 2).
 *
 * @param maxInitialLineBytes longest request line; longer → 400
 * @param maxHeaderBytes all header lines together; more → 400
 * @param maxBodyBytes one request body; larger → 413
 * @param headerTimeout from a request's first byte to its last header byte; a client trickling
 *     bytes cannot extend it (the deadline is fixed when the first byte arrives)
 * @param bodyTimeout from the end of the headers to the end of the body, also fixed
 * @param idleTimeout a connection with no request in progress and nothing in flight is closed
 *     after this long (ALB {@code idle_timeout.timeout_seconds}, default 60 s)
 * @param maxConnections open connections on this listener; one more sheds the connection idle
 *     longest, or the new one when none is idle
 * @param bodyBudget the in-flight body bytes this listener draws from (share one across
 *     listeners to bound the process); exhausted → 503
 */
public record HttpLimits(int maxInitialLineBytes, int maxHeaderBytes, int maxBodyBytes, Duration headerTimeout,
    Duration bodyTimeout, Duration idleTimeout, int maxConnections, BodyBudget bodyBudget) {

  /** ALB: 16 KiB request line, 64 KiB of headers (elbv2 quotas, "HTTP header limits"). */
  private static final int ALB_LINE_BYTES = 16 * 1024;
  private static final int ALB_HEADER_BYTES = 64 * 1024;
  /** ALB idle timeout default: 60 s (load balancer attribute idle_timeout.timeout_seconds). */
  public static final Duration ALB_IDLE_TIMEOUT = Duration.ofSeconds(60);

  /**
   * An application load balancer's front end: ALB header limits, 10 MiB aggregated bodies (ALB
   * streams any size; Stratus aggregates, so it bounds), 60 s for headers and for a body, 60 s
   * idle, 10,000 connections.
   */
  public static final HttpLimits ALB = new HttpLimits(ALB_LINE_BYTES, ALB_HEADER_BYTES, 10 * 1024 * 1024,
      Duration.ofSeconds(60), Duration.ofSeconds(60), ALB_IDLE_TIMEOUT, 10_000, BodyBudget.shared());

  /**
   * The AWS API port: 16 MiB bodies (API Gateway imports are the biggest), 20 s for headers,
   * 120 s for a body, 60 s idle, 4,096 connections.
   */
  public static final HttpLimits AWS_API = new HttpLimits(ALB_LINE_BYTES, ALB_HEADER_BYTES, 16 * 1024 * 1024,
      Duration.ofSeconds(20), Duration.ofSeconds(120), Duration.ofSeconds(60), 4_096, BodyBudget.shared());

  public HttpLimits {
    requirePositive("maxInitialLineBytes", maxInitialLineBytes);
    requirePositive("maxHeaderBytes", maxHeaderBytes);
    requirePositive("maxBodyBytes", maxBodyBytes);
    requirePositive("maxConnections", maxConnections);
    requirePositive("headerTimeout", headerTimeout);
    requirePositive("bodyTimeout", bodyTimeout);
    requirePositive("idleTimeout", idleTimeout);
    Objects.requireNonNull(bodyBudget, "bodyBudget");
  }

  public HttpLimits withMaxBodyBytes(int bytes) {
    return new HttpLimits(maxInitialLineBytes, maxHeaderBytes, bytes, headerTimeout, bodyTimeout, idleTimeout, maxConnections, bodyBudget);
  }

  public HttpLimits withMaxHeaderBytes(int bytes) {
    return new HttpLimits(maxInitialLineBytes, bytes, maxBodyBytes, headerTimeout, bodyTimeout, idleTimeout, maxConnections, bodyBudget);
  }

  public HttpLimits withTimeouts(Duration header, Duration body, Duration idle) {
    return new HttpLimits(maxInitialLineBytes, maxHeaderBytes, maxBodyBytes, header, body, idle, maxConnections, bodyBudget);
  }

  public HttpLimits withMaxConnections(int connections) {
    return new HttpLimits(maxInitialLineBytes, maxHeaderBytes, maxBodyBytes, headerTimeout, bodyTimeout, idleTimeout, connections, bodyBudget);
  }

  public HttpLimits withBodyBudget(BodyBudget budget) {
    return new HttpLimits(maxInitialLineBytes, maxHeaderBytes, maxBodyBytes, headerTimeout, bodyTimeout, idleTimeout, maxConnections, budget);
  }

  private static void requirePositive(String name, long value) {
    if (value <= 0) throw new IllegalArgumentException(name + " must be positive: " + value);
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) throw new IllegalArgumentException(name + " must be positive: " + value);
  }
}
