package dev.stratus.elbv2.dataplane;

import dev.stratus.net.tls.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * The P-256 key ALB signs {@code x-amzn-oidc-data} with, and its key id (the {@code kid} targets
 * look up at {@code public-keys.auth.elb.<region>.amazonaws.com/<kid>}). Kept in the data dir
 * ({@code elbv2/auth-signing-key.pem}) so the kid a target cached stays valid across a restart; a
 * new key per run with {@code --ephemeral}. The kid is derived from the public key.
 */
record ClaimsSigningKey(KeyPair pair, String keyId) {

  static ClaimsSigningKey in(Optional<Path> dataDir) {
    if (dataDir.isEmpty()) return of(generate());
    Path file = dataDir.get().resolve("elbv2").resolve("auth-signing-key.pem");
    try {
      if (Files.exists(file)) {
        String pem = Files.readString(file);
        return of(new KeyPair(publicKey(pem), Pem.privateKey(pem)));
      }
      KeyPair fresh = generate();
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, Pem.write(fresh.getPrivate(), fresh.getPublic()));
      try {
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the data dir's own permissions protect it
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return of(fresh);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the ALB claims-signing key in " + file, e);
    } catch (Pem.InvalidPemException | GeneralSecurityException | RuntimeException e) {
      throw new IllegalStateException("the ALB claims-signing key in " + file + " does not parse: " + e.getMessage(), e);
    }
  }

  static ClaimsSigningKey of(KeyPair pair) {
    return new ClaimsSigningKey(pair, UUID.nameUUIDFromBytes(pair.getPublic().getEncoded()).toString());
  }

  /** The public key as AWS serves it: PEM ({@code -----BEGIN PUBLIC KEY-----}). */
  String publicKeyPem() { return Pem.write(pair.getPublic()); }

  private static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no P-256 in this JVM", e);
    }
  }

  private static PublicKey publicKey(String pem) throws GeneralSecurityException {
    int begin = pem.indexOf("-----BEGIN PUBLIC KEY-----");
    int end = pem.indexOf("-----END PUBLIC KEY-----");
    if (begin < 0 || end < begin) throw new GeneralSecurityException("no public key");
    String body = pem.substring(begin + "-----BEGIN PUBLIC KEY-----".length(), end).replaceAll("\\s", "");
    return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(
        body.getBytes(StandardCharsets.US_ASCII))));
  }
}
