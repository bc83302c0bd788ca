package dev.stratus.wafv2.engine;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The pages WAF answers with for CAPTCHA (405) and Challenge (202) when the request has no valid
 * token; AWS marks both with {@code x-amzn-waf-action}. Stratus's pages explain how to get a token
 * rather than run AWS's JavaScript.
 */
final class Interstitials {
  private Interstitials() {}

  static WafResponse captcha() {
    return new WafResponse(405, Map.of("content-type", "text/html", "x-amzn-waf-action", "captcha"),
        page("CAPTCHA", "Solve the puzzle to continue: this request needs a valid aws-waf-token cookie."));
  }

  static WafResponse challenge() {
    return new WafResponse(202, Map.of("content-type", "text/html", "x-amzn-waf-action", "challenge"),
        page("Challenge", "Your browser is being verified: this request needs a valid aws-waf-token cookie."));
  }

  private static byte[] page(String title, String text) {
    return ("<!DOCTYPE html><html><head><title>" + title + "</title></head><body><p>" + text
        + "</p></body></html>\n").getBytes(StandardCharsets.US_ASCII);
  }
}
