package dev.stratus.acm;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;

/** What ACM reads from a certificate: its names, key algorithm, serial and issuer, in ACM's words. */
final class X509Facts {
  private X509Facts() {}

  /** Whether {@code key} signs what {@code cert}'s public key verifies. */
  static boolean matches(PrivateKey key, X509Certificate cert) {
    try {
      String alg = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : null;
      if (alg == null) return false;
      byte[] probe = "stratus".getBytes(StandardCharsets.US_ASCII);
      Signature s = Signature.getInstance(alg);
      s.initSign(key);
      s.update(probe);
      byte[] sig = s.sign();
      Signature v = Signature.getInstance(alg);
      v.initVerify(cert.getPublicKey());
      v.update(probe);
      return v.verify(sig);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  static String keyAlgorithm(X509Certificate cert) {
    if (cert.getPublicKey() instanceof RSAPublicKey rsa) return "RSA_" + rsa.getModulus().bitLength();
    if (cert.getPublicKey() instanceof ECPublicKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      return switch (bits) {
        case 256 -> "EC_prime256v1";
        case 384 -> "EC_secp384r1";
        default -> "EC_secp521r1";
      };
    }
    throw AcmErrors.validation("The private key is not supported.");
  }

  /** The certificate's CN then its DNS names. */
  static List<String> namesOf(X509Certificate cert) {
    var names = new LinkedHashSet<String>();
    String cn = cn(cert.getSubjectX500Principal());
    if (cn != null) names.add(cn);
    try {
      if (cert.getSubjectAlternativeNames() != null) {
        for (List<?> san : cert.getSubjectAlternativeNames()) {
          if (Integer.valueOf(2).equals(san.get(0))) names.add((String) san.get(1));
        }
      }
    } catch (java.security.cert.CertificateParsingException e) {
      // no names
    }
    return List.copyOf(names);
  }

  static String cn(X500Principal p) {
    for (String part : p.getName(X500Principal.RFC2253).split(",")) {
      if (part.startsWith("CN=")) return part.substring(3);
    }
    return null;
  }

  static String serial(X509Certificate cert) {
    String hex = cert.getSerialNumber().toString(16);
    if (hex.length() % 2 == 1) hex = "0" + hex;
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < hex.length(); i += 2) {
      if (i > 0) sb.append(':');
      sb.append(hex, i, i + 2);
    }
    return sb.toString();
  }

  static String subject(X509Certificate cert) {
    return cert.getSubjectX500Principal().getName(X500Principal.RFC2253);
  }

  static String issuerCn(X509Certificate cert) {
    String cn = cn(cert.getIssuerX500Principal());
    return cn == null ? cert.getIssuerX500Principal().getName() : cn;
  }

  static String signatureAlgorithm(X509Certificate cert) {
    return cert.getSigAlgName().toUpperCase(Locale.ROOT);
  }
}
