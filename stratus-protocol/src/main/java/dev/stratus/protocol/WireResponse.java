package dev.stratus.protocol;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** An HTTP response produced by a codec: status, headers and complete body. */
public record WireResponse(int status, Map<String, String> headers, byte[] body) {

  public WireResponse {
    Objects.requireNonNull(headers, "headers");
    headers = new LinkedHashMap<>(headers);
    body = body == null ? new byte[0] : body;
  }

  public static WireResponse of(int status, String contentType, String body) {
    Map<String, String> h = new LinkedHashMap<>();
    if (contentType != null) h.put("Content-Type", contentType);
    return new WireResponse(status, h, body.getBytes(StandardCharsets.UTF_8));
  }

  /** A copy with one more header (replacing a header of the same name). */
  public WireResponse withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new WireResponse(status, h, body);
  }

  public String bodyText() { return new String(body, StandardCharsets.UTF_8); }
}
