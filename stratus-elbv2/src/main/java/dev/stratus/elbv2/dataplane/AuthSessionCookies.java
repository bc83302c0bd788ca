package dev.stratus.elbv2.dataplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.json.JsonMapper;

/**
 * ALB's authentication session kept where AWS keeps it: in the browser, as the encrypted
 * {@code <SessionCookieName>-0}, {@code -1}, … cookies (the sealed value split into 4 KB shards),
 * so no server holds sessions and a restart logs nobody out. Sealed with AES-256-GCM under a key
 * kept in the data dir ({@code elbv2/auth-session.key}; a new key per run with {@code --ephemeral}).
 */
/*
 * The additional authenticated data binds a cookie to the action's issuer and client id: a
 * session from one IdP configuration does not pass another's rule. Shard 0's value starts with
 * the shard count ("3~…"), so shards left over from a longer earlier session are ignored.
 * Anything that fails to open (tampered, foreign key, truncated) is simply no session.
 */
final class AuthSessionCookies {
  /** AWS splits the session cookie into 4 KB shards. */
  static final int SHARD_SIZE = 4000;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final SecretKey key;
  private final SecureRandom random = new SecureRandom();

  /** What the cookie carries: the IdP's tokens, the user's claims, and when the session ends. */
  record Session(String accessToken, String subject, String claims, Instant expires, Instant accessTokenExpires,
      String refreshToken) {
    boolean accessTokenExpired(Instant now) { return accessTokenExpires != null && !accessTokenExpires.isAfter(now); }
  }

  private AuthSessionCookies(SecretKey key) { this.key = key; }

  /** Sealing with the key kept in {@code dataDir} (created there on first use), or a fresh in-memory key without one. */
  static AuthSessionCookies in(Optional<Path> dataDir) {
    if (dataDir.isEmpty()) return new AuthSessionCookies(newKey());
    Path file = dataDir.get().resolve("elbv2").resolve("auth-session.key");
    try {
      if (Files.exists(file)) {
        byte[] raw = Base64.getDecoder().decode(Files.readString(file).trim());
        if (raw.length == 32) return new AuthSessionCookies(new SecretKeySpec(raw, "AES"));
      }
      SecretKey fresh = newKey();
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, Base64.getEncoder().encodeToString(fresh.getEncoded()) + "\n");
      try {
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the data dir's own permissions protect it
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return new AuthSessionCookies(fresh);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the ALB session key in " + file, e);
    }
  }

  private static SecretKey newKey() {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    return new SecretKeySpec(raw, "AES");
  }

  /** The {@code name=value} pairs of the session's cookies, shard 0 first. */
  List<String> seal(String cookieName, String binding, Session session) {
    String value = seal(binding, session);
    int shards = Math.max(1, (value.length() + SHARD_SIZE - 1) / SHARD_SIZE);
    List<String> out = new ArrayList<>(shards);
    for (int i = 0; i < shards; i++) {
      String part = value.substring(i * SHARD_SIZE, Math.min(value.length(), (i + 1) * SHARD_SIZE));
      out.add(cookieName + "-" + i + "=" + (i == 0 ? shards + "~" : "") + part);
    }
    return out;
  }

  /** {@code value} as JSON, sealed under {@code binding}: base64url(IV ‖ AES-GCM ciphertext and tag). */
  String seal(String binding, Object value) {
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(binding.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(JSON.writeValueAsBytes(value));
      byte[] all = new byte[IV_BYTES + sealed.length];
      System.arraycopy(iv, 0, all, 0, IV_BYTES);
      System.arraycopy(sealed, 0, all, IV_BYTES, sealed.length);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(all);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal with AES-GCM", e);
    }
  }

  /** What {@link #seal(String, Object)} sealed under {@code binding}, if {@code sealed} opens with this key. */
  <T> Optional<T> open(String sealed, String binding, Class<T> type) {
    try {
      byte[] all = Base64.getUrlDecoder().decode(sealed);
      if (all.length <= IV_BYTES) return Optional.empty();
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
      cipher.updateAAD(binding.getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES);
      return Optional.of(JSON.readValue(plain, type));
    } catch (GeneralSecurityException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The session in the request's cookies, if they hold one this key sealed for {@code binding}. */
  Optional<Session> open(Map<String, String> cookies, String cookieName, String binding) {
    String first = cookies.get(cookieName + "-0");
    if (first == null) return Optional.empty();
    int tilde = first.indexOf('~');
    if (tilde <= 0 || tilde > 2) return Optional.empty();
    try {
      int shards = Integer.parseInt(first.substring(0, tilde));
      StringBuilder value = new StringBuilder(first.substring(tilde + 1));
      for (int i = 1; i < shards; i++) {
        String part = cookies.get(cookieName + "-" + i);
        if (part == null) return Optional.empty();
        value.append(part);
      }
      return open(value.toString(), binding, Session.class);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
