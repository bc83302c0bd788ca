package dev.stratus.wafv2.engine;

import java.util.Map;
import java.util.Objects;

/**
 * What WAF answers instead of forwarding: Block (default 403 or the custom response), CAPTCHA
 * (405 interstitial) or Challenge (202 interstitial). Header names are final: custom response
 * headers are sent as named (AWS prefixes only the request headers it inserts).
 */
public record WafResponse(int status, Map<String, String> headers, byte[] body) {
  public WafResponse {
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body");
  }
}
