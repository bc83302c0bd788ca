package dev.stratus.net.tls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** PEM in and out: certificates and private keys (PKCS#8, PKCS#1 RSA or SEC1 EC in). */
public final class Pem {
  private Pem() {}

  /** Thrown when text is not the PEM asked for. */
  public static final class InvalidPemException extends Exception {
    public InvalidPemException(String message) { super(message); }
  }

  /** Every certificate in {@code pem}, in order; refuses text holding anything else or none. */
  public static List<X509Certificate> certificates(String pem) throws InvalidPemException {
    List<X509Certificate> out = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object o;
      while ((o = parser.readObject()) != null) {
        if (!(o instanceof X509CertificateHolder holder)) throw new InvalidPemException("not a certificate: " + o.getClass().getSimpleName());
        out.add(new JcaX509CertificateConverter().getCertificate(holder));
      }
    } catch (IOException | CertificateException | RuntimeException e) {
      throw new InvalidPemException(String.valueOf(e.getMessage()));
    }
    if (out.isEmpty()) throw new InvalidPemException("no certificate");
    return out;
  }

  /** The one private key in {@code pem}. */
  public static PrivateKey privateKey(String pem) throws InvalidPemException {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object o = parser.readObject();
      if (o == null) throw new InvalidPemException("no private key");
      var converter = new JcaPEMKeyConverter();
      if (o instanceof PEMKeyPair pair) return converter.getKeyPair(pair).getPrivate();
      if (o instanceof PrivateKeyInfo info) return converter.getPrivateKey(info);
      throw new InvalidPemException("not a private key: " + o.getClass().getSimpleName());
    } catch (IOException | RuntimeException e) {
      throw new InvalidPemException(String.valueOf(e.getMessage()));
    }
  }

  /** {@code objects} (certificates, PKCS#8 keys) as PEM. */
  public static String write(Object... objects) {
    var out = new StringWriter();
    try (var writer = new JcaPEMWriter(out)) {
      for (Object o : objects) {
        if (o instanceof PrivateKey key) {
          writer.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null));
        } else {
          writer.writeObject(o);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
