package dev.stratus.apigateway;

import java.security.SecureRandom;

/** API Gateway's ids: lower-case letters and digits (REST APIs and keys 10, resources and plans 6). */
final class ApiIds {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private ApiIds() {}

  static String next(int length) { return random(ALPHABET, length); }

  /** A generated API key value: 40 letters and digits, as AWS generates them. */
  static String keyValue() { return random(KEY_ALPHABET, 40); }

  private static String random(String alphabet, int length) {
    var sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    return sb.toString();
  }
}
