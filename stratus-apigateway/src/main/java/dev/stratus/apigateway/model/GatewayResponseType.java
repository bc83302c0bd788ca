package dev.stratus.apigateway.model;

/**
 * The gateway responses API Gateway answers itself, with AWS's default status (apigateway.md §16).
 * A type without its own default status falls back to DEFAULT_4XX or DEFAULT_5XX; every default
 * body is {@code {"message":$context.error.messageString}}.
 */
public enum GatewayResponseType {
  ACCESS_DENIED(403),
  API_CONFIGURATION_ERROR(500),
  AUTHORIZER_CONFIGURATION_ERROR(500),
  AUTHORIZER_FAILURE(500),
  BAD_REQUEST_PARAMETERS(400),
  BAD_REQUEST_BODY(400),
  DEFAULT_4XX(0),
  DEFAULT_5XX(0),
  EXPIRED_TOKEN(403),
  INTEGRATION_FAILURE(504),
  INTEGRATION_TIMEOUT(504),
  INVALID_API_KEY(403),
  INVALID_SIGNATURE(403),
  MISSING_AUTHENTICATION_TOKEN(403),
  QUOTA_EXCEEDED(429),
  REQUEST_TOO_LARGE(413),
  RESOURCE_NOT_FOUND(404),
  THROTTLED(429),
  UNAUTHORIZED(401),
  UNSUPPORTED_MEDIA_TYPE(415),
  WAF_FILTERED(403);

  /** The default body template of every type. */
  public static final String DEFAULT_TEMPLATE = "{\"message\":$context.error.messageString}";

  private final int defaultStatus;

  GatewayResponseType(int defaultStatus) { this.defaultStatus = defaultStatus; }

  /** AWS's default status; 0 for DEFAULT_4XX/DEFAULT_5XX, which have none of their own. */
  public int defaultStatus() { return defaultStatus; }

  /** The family fallback a type inherits customisation from when it has none itself. */
  public GatewayResponseType family() { return defaultStatus >= 500 ? DEFAULT_5XX : DEFAULT_4XX; }

  /** The type named by AWS's wire value, or null. */
  public static GatewayResponseType fromAws(String value) {
    for (GatewayResponseType t : values()) if (t.name().equals(value)) return t;
    return null;
  }
}
