package dev.stratus.wafv2.engine;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code aws-waf-token} cookie: when the client last solved a CAPTCHA puzzle and a silent
 * challenge, signed with this engine's key. A request whose token solved the puzzle (or challenge)
 * within the rule's immunity time passes a CAPTCHA (Challenge) rule like a Count (wafv2.md §2).
 * Solving a CAPTCHA also counts as a solved challenge, as AWS does.
 */
public final class WafTokens {
  /** The cookie AWS's SDKs and interstitials set. */
  public static final String COOKIE = "aws-waf-token";

  private final Clock clock;
  private final byte[] key = new byte[32];

  WafTokens(Clock clock) {
    this.clock = clock;
    new SecureRandom().nextBytes(key);
  }

  /** A token for a client that solved a CAPTCHA puzzle (and so a challenge) now. */
  public String issueCaptcha() {
    long now = clock.instant().getEpochSecond();
    return sign(now, now);
  }

  /** A token for a client that solved a silent challenge now (no CAPTCHA). */
  public String issueChallenge() {
    return sign(0, clock.instant().getEpochSecond());
  }

  /** When the token's holder solved a CAPTCHA, if the token is ours and says so. */
  public Optional<Instant> captchaSolvedAt(String token) { return field(token, 0); }

  /** When the token's holder solved a challenge, if the token is ours and says so. */
  public Optional<Instant> challengeSolvedAt(String token) { return field(token, 1); }

  boolean captchaValid(String token, Duration immunity) {
    return token != null && captchaSolvedAt(token).filter(t -> !t.plus(immunity).isBefore(clock.instant())).isPresent();
  }

  boolean challengeValid(String token, Duration immunity) {
    return token != null && challengeSolvedAt(token).filter(t -> !t.plus(immunity).isBefore(clock.instant())).isPresent();
  }

  private String sign(long captcha, long challenge) {
    String body = captcha + "." + challenge;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(body.getBytes(StandardCharsets.US_ASCII)) + "." + mac(body);
  }

  private Optional<Instant> field(String token, int index) {
    int dot = token.indexOf('.');
    if (dot < 0) return Optional.empty();
    try {
      String body = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.US_ASCII);
      if (!MessageDigest.isEqual(mac(body).getBytes(StandardCharsets.US_ASCII),
          token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) return Optional.empty();
      long value = Long.parseLong(body.split("\\.")[index]);
      return value == 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(value));
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }

  private String mac(String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
