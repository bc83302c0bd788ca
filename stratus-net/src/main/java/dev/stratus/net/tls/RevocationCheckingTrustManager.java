package dev.stratus.net.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Verifies client certificates as the JDK's PKIX trust manager does over {@code anchors}, then
 * refuses a chain in which a certificate is on a revocation list of its issuer (mutual TLS in
 * verify mode with a trust store's CRLs). The lists are given, never fetched: a certificate
 * whose issuer has no list passes.
 */
final class RevocationCheckingTrustManager extends X509ExtendedTrustManager {
  private final X509ExtendedTrustManager pkix;
  private final List<X509CRL> revocations;

  private RevocationCheckingTrustManager(X509ExtendedTrustManager pkix, List<X509CRL> revocations) {
    this.pkix = pkix;
    this.revocations = List.copyOf(revocations);
  }

  static RevocationCheckingTrustManager of(List<X509Certificate> anchors, List<X509CRL> revocations) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      for (int i = 0; i < anchors.size(); i++) store.setCertificateEntry("ca-" + i, anchors.get(i));
      TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
      tmf.init(store);
      for (var tm : tmf.getTrustManagers()) {
        if (tm instanceof X509ExtendedTrustManager x) return new RevocationCheckingTrustManager(x, revocations);
      }
      throw new IllegalStateException("no PKIX trust manager");
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalArgumentException("trust anchors unusable: " + e.getMessage(), e);
    }
  }

  private void checkRevoked(X509Certificate[] chain) throws CertificateException {
    for (X509Certificate cert : chain) {
      for (X509CRL crl : revocations) {
        if (crl.getIssuerX500Principal().equals(cert.getIssuerX500Principal()) && crl.isRevoked(cert)) {
          throw new CertificateException("certificate " + cert.getSerialNumber() + " of " + cert.getSubjectX500Principal().getName()
              + " is revoked");
        }
      }
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    pkix.checkClientTrusted(chain, authType, engine);
    checkRevoked(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    pkix.checkClientTrusted(chain, authType, socket);
    checkRevoked(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    pkix.checkClientTrusted(chain, authType);
    checkRevoked(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    pkix.checkServerTrusted(chain, authType, engine);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    pkix.checkServerTrusted(chain, authType, socket);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    pkix.checkServerTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() { return pkix.getAcceptedIssuers(); }
}
