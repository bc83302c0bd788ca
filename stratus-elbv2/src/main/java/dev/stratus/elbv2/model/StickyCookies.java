package dev.stratus.elbv2.model;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The ALB's stickiness cookies (elbv2.md §9, §20): opaque values naming a target (AWSALB,
 * AWSALBAPP-*) or a target group (AWSALBTG), with an expiry, sealed with an HMAC so a forged or
 * corrupted cookie reads as none (and the request gets a new target and a new cookie).
 */
public final class StickyCookies {
  public static final String LB = "AWSALB";
  public static final String LB_CORS = "AWSALBCORS";
  public static final String APP = "AWSALBAPP-0";
  public static final String GROUP = "AWSALBTG";
  public static final String GROUP_CORS = "AWSALBTGCORS";
  private static final DateTimeFormatter EXPIRES =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.ROOT).withZone(ZoneOffset.UTC);

  private final byte[] key;

  public StickyCookies(byte[] key) { this.key = key.clone(); }

  /** A key made at random: cookies do not survive a restart (they then name a new target, as a lost cookie would). */
  public static StickyCookies random() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return new StickyCookies(k);
  }

  /** The cookie value naming {@code subject} (a target or target group) until {@code expires}. */
  public String seal(String subject, Instant expires) {
    String body = expires.getEpochSecond() + "|" + subject;
    byte[] payload = body.getBytes(StandardCharsets.UTF_8);
    byte[] mac = mac(payload);
    byte[] all = Arrays.copyOf(payload, payload.length + 16);
    System.arraycopy(mac, 0, all, payload.length, 16);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(all);
  }

  /** The subject of a cookie value, empty when undecodable, forged or expired at {@code now}. */
  public Optional<String> open(String value, Instant now) {
    byte[] all;
    try {
      all = Base64.getUrlDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (all.length <= 16) return Optional.empty();
    byte[] payload = Arrays.copyOf(all, all.length - 16);
    byte[] mac = Arrays.copyOfRange(all, all.length - 16, all.length);
    if (!java.security.MessageDigest.isEqual(mac, Arrays.copyOf(mac(payload), 16))) return Optional.empty();
    String body = new String(payload, StandardCharsets.UTF_8);
    int bar = body.indexOf('|');
    if (bar < 0) return Optional.empty();
    long expires;
    try {
      expires = Long.parseLong(body.substring(0, bar));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (now.getEpochSecond() >= expires) return Optional.empty();
    return Optional.of(body.substring(bar + 1));
  }

  /** The Set-Cookie header values for {@code name} and, when given, its CORS twin (SameSite=None; Secure); Expires, not Max-Age. */
  public static String setCookie(String name, String value, Instant expires, boolean cors) {
    return name + "=" + value + "; Expires=" + EXPIRES.format(expires) + "; Path=/" + (cors ? "; SameSite=None; Secure" : "");
  }

  private byte[] mac(byte[] payload) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      return m.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
