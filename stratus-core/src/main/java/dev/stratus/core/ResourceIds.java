package dev.stratus.core;

import java.security.SecureRandom;

/**
 * Makes resource ids in AWS's shapes: a prefix and random characters ({@code vpc-} + 17 hex,
 * Route 53's {@code Z} + 21 upper-case letters and digits, …).
 */
public final class ResourceIds {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String HEX = "0123456789abcdef";
  private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  private ResourceIds() {}

  /** {@code prefix} + {@code length} lower-case hex digits, as EC2 ids ({@code vpc-0a1b…}). */
  public static String hex(String prefix, int length) { return prefix + random(HEX, length); }

  /** {@code prefix} + {@code length} upper-case letters and digits, as Route 53 ids. */
  public static String upperAlnum(String prefix, int length) { return prefix + random(UPPER_ALNUM, length); }

  private static String random(String alphabet, int length) {
    var sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    return sb.toString();
  }
}
