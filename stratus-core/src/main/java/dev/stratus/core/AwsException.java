package dev.stratus.core;

import java.util.Objects;

/**
 * An error the way AWS reports it: an error code, an HTTP status and a message. Every protocol
 * codec serialises it in its own envelope (EC2 {@code <Response><Errors>}, query
 * {@code <ErrorResponse>}, rest-xml {@code <ErrorResponse><Error>}, JSON {@code __type}).
 *
 * <p>Services create these through their own {@code <Svc>Errors} factories so that AWS's exact
 * texts live in one place per service.
 */
public class AwsException extends RuntimeException {

  /** Whether AWS blames the caller ({@code Sender}) or itself ({@code Receiver}). */
  public enum Fault { SENDER, RECEIVER }

  private final String code;
  private final int httpStatus;
  private final Fault fault;
  private final java.util.Map<String, String> details;

  public AwsException(String code, int httpStatus, String message) {
    this(code, httpStatus, message, httpStatus >= 500 ? Fault.RECEIVER : Fault.SENDER);
  }

  public AwsException(String code, int httpStatus, String message, Fault fault) {
    this(code, httpStatus, message, fault, java.util.Map.of());
  }

  /**
   * With members the error shape models besides the message, e.g. WAF's {@code Field},
   * {@code Parameter} and {@code Reason}: the JSON codecs write them beside {@code message}.
   */
  public AwsException(String code, int httpStatus, String message, Fault fault, java.util.Map<String, String> details) {
    super(message, null, false, false);
    this.code = Objects.requireNonNull(code, "code");
    this.httpStatus = httpStatus;
    this.fault = Objects.requireNonNull(fault, "fault");
    this.details = java.util.Map.copyOf(details);
  }

  /** AWS's error code, e.g. {@code InvalidChangeBatch} or {@code InvalidVpcID.NotFound}. */
  public String code() { return code; }

  public int httpStatus() { return httpStatus; }

  public Fault fault() { return fault; }

  /** Modeled members of the error besides the message, by wire name (usually none). */
  public java.util.Map<String, String> details() { return details; }

  /** The generic 400 most services answer for a parameter that breaks a documented constraint. */
  public static AwsException validation(String message) {
    return new AwsException("ValidationException", 400, message);
  }

  /** An operation that exists in AWS's API but that Stratus does not serve yet. */
  public static AwsException notImplemented(String service, String operation) {
    return new AwsException("NotImplemented", 501,
        "The operation " + operation + " of service " + service + " is not implemented by Stratus yet.",
        Fault.RECEIVER);
  }

  /** A failure inside Stratus; the message is safe to show, never a stack trace. */
  public static AwsException internal(String message) {
    return new AwsException("InternalFailure", 500, message, Fault.RECEIVER);
  }
}
