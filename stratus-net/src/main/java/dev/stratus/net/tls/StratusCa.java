package dev.stratus.net.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The Stratus certificate authority: one key and self-signed root per data directory
 * ({@code <data dir>/tls/stratus-ca.pem} and {@code stratus-ca.key}, so certificates issued
 * before a restart stay valid), or in memory with {@code --ephemeral}. It signs what ACM's
 * RequestCertificate issues and the certificates of Stratus's own names; clients trust it with
 * {@code curl --cacert <(curl -s localhost:4566/_stratus/ca.pem)}.
 */
public final class StratusCa {
  /** The subject users see in their trust store. */
  public static final String SUBJECT = "CN=Stratus Local CA,O=Stratus";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The CA's certificate and key, made (or read) once: {@link #onFirstUse} defers it to the first issue or read. */
  private record Keys(X509Certificate certificate, PrivateKey key, String certificatePem) {
    Keys(X509Certificate certificate, PrivateKey key) { this(certificate, key, Pem.write(certificate)); }
  }

  private final java.util.function.Supplier<Keys> keys;

  private StratusCa(Keys keys) { this.keys = () -> keys; }

  private StratusCa(dev.stratus.core.Lazy<Keys> keys) { this.keys = keys; }

  private Keys keys() { return keys.get(); }

  /** A new CA valid ten years from now. */
  public static StratusCa generate(Clock clock) {
    return new StratusCa(generateKeys(clock));
  }

  private static Keys generateKeys(Clock clock) {
    KeyPair pair = keyPair(KeyAlgorithm.EC_prime256v1);
    return new Keys(Bc.selfSignedCa(pair, clock.instant()), pair.getPrivate());
  }

  /** The CA kept in {@code dataDir} (created there on first use), or a new in-memory one without a data dir. */
  public static StratusCa open(Optional<Path> dataDir, Clock clock) {
    return new StratusCa(openKeys(dataDir, clock));
  }

  /**
   * {@link #open}'s CA, read or created at its first use (an issue, its certificate or PEM) rather
   * than now: a key pair and a self-signed certificate cost start-up ~0.3 s of CPU and load
   * BouncyCastle (signed jars, which class data sharing cannot archive), and most runs never
   * serve TLS. An unreadable CA file in the data dir then fails that first use, not the start.
   */
  public static StratusCa onFirstUse(Optional<Path> dataDir, Clock clock) {
    return new StratusCa(dev.stratus.core.Lazy.of(() -> openKeys(dataDir, clock)));
  }

  private static Keys openKeys(Optional<Path> dataDir, Clock clock) {
    if (dataDir.isEmpty()) return generateKeys(clock);
    Path dir = dataDir.get().resolve("tls");
    Path certFile = dir.resolve("stratus-ca.pem");
    Path keyFile = dir.resolve("stratus-ca.key");
    try {
      if (Files.exists(certFile) && Files.exists(keyFile)) {
        return new Keys(Pem.certificates(Files.readString(certFile)).get(0), Pem.privateKey(Files.readString(keyFile)));
      }
      Keys ca = generateKeys(clock);
      Files.createDirectories(dir);
      writeAtomically(keyFile, Pem.write(ca.key()));
      writeAtomically(certFile, ca.certificatePem());
      return ca;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the Stratus CA in " + dir, e);
    } catch (Pem.InvalidPemException e) {
      throw new IllegalStateException("the Stratus CA in " + dir + " is unreadable: " + e.getMessage(), e);
    }
  }

  private static void writeAtomically(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text);
    try {
      Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private final java.util.Map<List<String>, dev.stratus.core.acm.ServingCertificate> own = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The certificate of Stratus's own {@code names} ({@link TlsContexts#stratusNames}), issued on
   * first use and kept (in memory) for the life of this CA, renewed when it is within a month of
   * expiring.
   */
  public dev.stratus.core.acm.ServingCertificate ownNames(List<String> names, Clock clock) {
    List<String> key = List.copyOf(names);
    var cert = own.get(key);
    if (cert == null || cert.notAfter().isBefore(clock.instant().plus(Duration.ofDays(30)))) {
      cert = TlsContexts.stratusNames(this, key, clock);
      own.put(key, cert);
    }
    return cert;
  }

  /** The CA's certificate, PEM (what {@code /_stratus/ca.pem} serves). */
  public String certificatePem() { return keys().certificatePem(); }

  public X509Certificate certificate() { return keys().certificate(); }

  /** The key algorithms ACM issues with, in ACM's words. */
  public enum KeyAlgorithm {
    RSA_2048, EC_prime256v1, EC_secp384r1;

    /** ACM's name, or RSA_2048 for null (ACM's default). */
    public static KeyAlgorithm of(String acmName) {
      return acmName == null ? RSA_2048 : valueOf(acmName);
    }
  }

  /**
   * A certificate signed by this CA.
   *
   * @param certificate the leaf
   * @param certificatePem the leaf, PEM
   * @param chainPem the CA certificate, PEM (ACM's CertificateChain)
   * @param privateKeyPem the leaf's key, PKCS#8 PEM
   */
  public record Issued(X509Certificate certificate, String certificatePem, String chainPem, String privateKeyPem) {
    /** Leaf then chain, as a TLS server sends them. */
    public String fullChainPem() { return certificatePem + chainPem; }
  }

  /**
   * Issues a server certificate for {@code names} (the first is the subject's CN; each is a DNS
   * subject alternative name, wildcards allowed) valid from {@code notBefore} to {@code notAfter}.
   */
  public Issued issue(List<String> names, KeyAlgorithm algorithm, Instant notBefore, Instant notAfter) {
    Objects.requireNonNull(names, "names");
    if (names.isEmpty()) throw new IllegalArgumentException("a certificate needs a name");
    Keys ca = keys();
    KeyPair pair = keyPair(algorithm);
    X509Certificate leaf = Bc.leaf(ca.certificate(), ca.key(), names, pair, notBefore, notAfter);
    return new Issued(leaf, Pem.write(leaf), ca.certificatePem(), Pem.write(pair.getPrivate()));
  }

  private static KeyPair keyPair(KeyAlgorithm algorithm) {
    try {
      return switch (algorithm) {
        case RSA_2048 -> {
          var g = KeyPairGenerator.getInstance("RSA");
          g.initialize(2048, RANDOM);
          yield g.generateKeyPair();
        }
        case EC_prime256v1, EC_secp384r1 -> {
          var g = KeyPairGenerator.getInstance("EC");
          g.initialize(new ECGenParameterSpec(algorithm == KeyAlgorithm.EC_prime256v1 ? "secp256r1" : "secp384r1"), RANDOM);
          yield g.generateKeyPair();
        }
      };
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static BigInteger serial() { return new BigInteger(127, RANDOM).add(BigInteger.ONE); }

  /**
   * The certificate building (BouncyCastle). Apart so that loading and verifying StratusCa, as a
   * module's start does, does not load BouncyCastle: its jars are signed, so the first class read
   * from them verifies the jar's signature and every entry's digest (~1 s of CPU at start-up), and
   * class data sharing cannot archive their classes.
   */
  private static final class Bc {
    private Bc() {}

    static X509Certificate selfSignedCa(KeyPair pair, Instant now) {
      X500Name name = new X500Name(SUBJECT);
      try {
        var builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(3650))), name, pair.getPublic());
        var ext = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
        builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
        return sign(builder, pair.getPrivate());
      } catch (GeneralSecurityException | CertIOException e) {
        throw new IllegalStateException("cannot create the Stratus CA", e);
      }
    }

    static X509Certificate leaf(X509Certificate issuer, PrivateKey issuerKey, List<String> names, KeyPair pair,
        Instant notBefore, Instant notAfter) {
      try {
        var builder = new JcaX509v3CertificateBuilder(issuer, serial(), Date.from(notBefore), Date.from(notAfter),
            new X500Name("CN=" + names.get(0).replace(",", "\\,")), pair.getPublic());
        var ext = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        builder.addExtension(Extension.extendedKeyUsage, false,
            new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
            names.stream().distinct().map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new)));
        builder.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuer));
        builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
        return sign(builder, issuerKey);
      } catch (GeneralSecurityException | CertIOException e) {
        throw new IllegalStateException("cannot issue a certificate for " + names, e);
      }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer) throws GeneralSecurityException {
      String alg = signer.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
      try {
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(alg).build(signer)));
      } catch (OperatorCreationException e) {
        throw new GeneralSecurityException(e);
      }
    }
  }
}
