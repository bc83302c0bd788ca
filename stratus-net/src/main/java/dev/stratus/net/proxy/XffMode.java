package dev.stratus.net.proxy;

/**
 * What a proxy does with X-Forwarded-For, as the ALB attribute
 * {@code routing.http.xff_header_processing.mode} (elbv2 "X-Forwarded headers").
 */
public enum XffMode {
  /** Default: add the client's address to the end of the header (creating it if absent). */
  APPEND("append"),
  /** Send the header on unchanged (absent stays absent). */
  PRESERVE("preserve"),
  /** Remove the header before forwarding. */
  REMOVE("remove");

  private final String awsValue;

  XffMode(String awsValue) {
    this.awsValue = awsValue;
  }

  /** The attribute value, e.g. {@code append}. */
  public String awsValue() { return awsValue; }

  /** The mode named by the attribute value. */
  public static XffMode fromAws(String value) {
    for (XffMode m : values()) {
      if (m.awsValue.equals(value)) return m;
    }
    throw new IllegalArgumentException("unknown routing.http.xff_header_processing.mode: " + value);
  }
}
