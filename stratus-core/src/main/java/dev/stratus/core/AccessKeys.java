package dev.stratus.core;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * AWS access key ids: which account a key belongs to, and new temporary ({@code ASIA…}) key ids
 * that carry their account the way AWS's do.
 */
/*
 * An AWS access key id is a 4-letter prefix (AKIA long-term, ASIA temporary) and 16 base32
 * characters, i.e. 10 bytes; bits 1–40 of the first 6 bytes hold the account id (the widely
 * documented decoding: (int(bytes[0:6]) & 0x7fffffffff80) >> 7). Stratus issues ASIA keys in that
 * shape, so a temporary key names its account without a lookup and still does after a restart.
 * Only ASIA keys are decoded: long-term keys keep the LocalStack rule (12 digits = the account,
 * anything else = 000000000000), so "test"/"AKID…" keys used today stay in the default account.
 */
public final class AccessKeys {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  /** The prefix of temporary (STS) access key ids. */
  public static final String TEMPORARY_PREFIX = "ASIA";

  private AccessKeys() {}

  /** The account of a SigV4 access key id. */
  public static String accountOf(String accessKeyId) {
    if (accessKeyId == null) return RequestContext.DEFAULT_ACCOUNT;
    if (accessKeyId.matches("\\d{12}")) return accessKeyId;
    return temporaryAccount(accessKeyId).orElse(RequestContext.DEFAULT_ACCOUNT);
  }

  /** Whether {@code accessKeyId} is a temporary (STS-issued) key id. */
  public static boolean isTemporary(String accessKeyId) {
    return accessKeyId != null && accessKeyId.startsWith(TEMPORARY_PREFIX) && accessKeyId.length() == 20;
  }

  /** The account an {@code ASIA…} key id encodes; empty for other keys. */
  static Optional<String> temporaryAccount(String accessKeyId) {
    if (!isTemporary(accessKeyId)) return Optional.empty();
    byte[] bytes = base32(accessKeyId.substring(4));
    if (bytes == null) return Optional.empty();
    long head = 0;
    for (int i = 0; i < 6; i++) head = (head << 8) | (bytes[i] & 0xff);
    long account = (head & 0x7fffffffff80L) >>> 7;
    if (account > 999_999_999_999L) return Optional.empty();
    return Optional.of(String.format("%012d", account));
  }

  /** A new {@code ASIA…} key id for {@code accountId} (12 digits), random in its other 39 bits. */
  public static String newTemporaryKeyId(String accountId) {
    if (!accountId.matches("\\d{12}")) throw new IllegalArgumentException("account id must be 12 digits: " + accountId);
    byte[] bytes = new byte[10];
    RANDOM.nextBytes(bytes);
    long head = 0;
    for (int i = 0; i < 6; i++) head = (head << 8) | (bytes[i] & 0xff);
    head = (head & ~0x7fffffffff80L & 0xffffffffffffL) | (Long.parseLong(accountId) << 7);
    for (int i = 5; i >= 0; i--) {
      bytes[i] = (byte) head;
      head >>>= 8;
    }
    return TEMPORARY_PREFIX + base32(bytes);
  }

  /** {@code length} random characters of {@code alphabet}. */
  public static String random(String alphabet, int length) {
    var sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    return sb.toString();
  }

  private static String base32(byte[] bytes) {
    var sb = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        sb.append(BASE32.charAt((buffer >>> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    return sb.toString();
  }

  private static byte[] base32(String text) {
    if (text.length() != 16) return null;
    byte[] out = new byte[10];
    long buffer = 0;
    int bits = 0;
    int n = 0;
    for (char c : text.toCharArray()) {
      int v = BASE32.indexOf(c);
      if (v < 0) return null;
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        out[n++] = (byte) (buffer >>> (bits - 8));
        bits -= 8;
      }
    }
    return out;
  }
}
