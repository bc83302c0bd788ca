package dev.stratus.net.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Verifies client certificates (mutual TLS in verify mode) as the JDK's PKIX trust manager does
 * over {@code anchors}, then refuses a chain in which a certificate is on a revocation list of its
 * issuer. The lists are given, never fetched: a certificate whose issuer has no list passes.
 * With {@code ignoreExpiry} an expired client certificate is judged as of its last valid instant
 * (the chain must still lead to an anchor, and revocations still count). The CA names sent in the
 * CertificateRequest are the anchors' with {@code advertiseCaNames}, none otherwise (ELB's
 * AdvertiseTrustStoreCaNames, off by default).
 */
final class ClientCertificateTrustManager extends X509ExtendedTrustManager {
  private final X509ExtendedTrustManager pkix;
  private final Set<TrustAnchor> anchors;
  private final List<X509CRL> revocations;
  private final boolean ignoreExpiry;
  private final boolean advertiseCaNames;

  private ClientCertificateTrustManager(X509ExtendedTrustManager pkix, Set<TrustAnchor> anchors, List<X509CRL> revocations,
      boolean ignoreExpiry, boolean advertiseCaNames) {
    this.pkix = pkix;
    this.anchors = anchors;
    this.revocations = List.copyOf(revocations);
    this.ignoreExpiry = ignoreExpiry;
    this.advertiseCaNames = advertiseCaNames;
  }

  static ClientCertificateTrustManager of(List<X509Certificate> anchors, List<X509CRL> revocations, boolean ignoreExpiry,
      boolean advertiseCaNames) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      Set<TrustAnchor> trustAnchors = new HashSet<>();
      for (int i = 0; i < anchors.size(); i++) {
        store.setCertificateEntry("ca-" + i, anchors.get(i));
        trustAnchors.add(new TrustAnchor(anchors.get(i), null));
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
      tmf.init(store);
      for (var tm : tmf.getTrustManagers()) {
        if (tm instanceof X509ExtendedTrustManager x) {
          return new ClientCertificateTrustManager(x, Set.copyOf(trustAnchors), revocations, ignoreExpiry, advertiseCaNames);
        }
      }
      throw new IllegalStateException("no PKIX trust manager");
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalArgumentException("trust anchors unusable: " + e.getMessage(), e);
    }
  }

  /** Whether the leaf's validity ended before now (the one thing {@code ignoreExpiry} forgives). */
  private boolean expired(X509Certificate[] chain) {
    return chain.length > 0 && chain[0].getNotAfter().before(new Date());
  }

  /** The chain to the anchors as of the leaf's last valid instant (PKIX, revocation by our lists only). */
  private void checkAsOfExpiry(X509Certificate[] chain) throws CertificateException {
    List<X509Certificate> path = new ArrayList<>(List.of(chain));
    // A client may send the root too: the path ends below the anchor.
    while (path.size() > 1 && anchors.stream().anyMatch(a -> a.getTrustedCert().equals(path.get(path.size() - 1)))) {
      path.remove(path.size() - 1);
    }
    try {
      PKIXParameters params = new PKIXParameters(anchors);
      params.setRevocationEnabled(false);
      params.setDate(chain[0].getNotAfter());
      CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
    } catch (GeneralSecurityException e) {
      throw new CertificateException("client certificate not trusted: " + e.getMessage(), e);
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
    if (ignoreExpiry && expired(chain)) checkAsOfExpiry(chain);
    else pkix.checkClientTrusted(chain, authType, engine);
    checkRevoked(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    if (ignoreExpiry && expired(chain)) checkAsOfExpiry(chain);
    else pkix.checkClientTrusted(chain, authType, socket);
    checkRevoked(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    if (ignoreExpiry && expired(chain)) checkAsOfExpiry(chain);
    else pkix.checkClientTrusted(chain, authType);
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

  /** The CA names the server's CertificateRequest carries. */
  @Override
  public X509Certificate[] getAcceptedIssuers() { return advertiseCaNames ? pkix.getAcceptedIssuers() : new X509Certificate[0]; }
}
