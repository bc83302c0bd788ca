package dev.stratus.elbv2.dataplane;

import dev.stratus.core.acm.Certificates;
import dev.stratus.core.acm.ServingCertificate;
import dev.stratus.elbv2.model.Listener;
import dev.stratus.net.tls.TlsContexts;
import io.netty.handler.ssl.SslContext;
import io.netty.util.Mapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The certificates of one HTTPS (or TLS) listener as SNI contexts: the listener's default
 * certificate first, then those AddListenerCertificates added, allowing the TLS versions and cipher
 * suites of the listener's security policy, and asking for client certificates per its
 * MutualAuthentication (verify: chained to the trust store and not revoked by its revocation lists, or no
 * handshake, an expired certificate passing with IgnoreClientCertificateExpiry, the store's CA names in
 * the CertificateRequest with AdvertiseTrustStoreCaNames on; passthrough: any). Rebuilt (off the
 * event loop) when the certificates, their content (an ACM reimport under the same ARN), the policy,
 * the MutualAuthentication or its trust store change, so they apply at once without reopening.
 */
final class ListenerTls implements Mapping<String, SslContext> {
  private final Supplier<Optional<Certificates>> certificates;
  private final TlsContexts.Alpn alpn;
  private final java.util.function.Function<String, Optional<dev.stratus.elbv2.model.TrustStore>> trustStores;
  private volatile List<String> arns = List.of();
  private volatile String policy;
  private volatile dev.stratus.elbv2.model.MutualAuthentication mtls;
  /** The trust store the contexts were built with (a new CA bundle or revocation list rebuilds them). */
  private volatile Optional<dev.stratus.elbv2.model.TrustStore> trusted = Optional.empty();
  private volatile Mapping<String, SslContext> current;
  /** What the contexts serve (an ACM reimport under the same ARN changes it: rebuild). */
  private volatile List<ServingCertificate> served = List.of();

  private ListenerTls(Supplier<Optional<Certificates>> certificates, TlsContexts.Alpn alpn,
      java.util.function.Function<String, Optional<dev.stratus.elbv2.model.TrustStore>> trustStores) {
    this.certificates = certificates;
    this.alpn = alpn;
    this.trustStores = trustStores;
  }

  /** The contexts of {@code listener}; throws when none of its certificates can be served. */
  static ListenerTls of(Listener listener, Supplier<Optional<Certificates>> certificates, TlsContexts.Alpn alpn) {
    return of(listener, certificates, alpn, arn -> Optional.empty());
  }

  /** @param trustStores the trust stores a {@code verify} listener's client certificates must chain to, by ARN */
  static ListenerTls of(Listener listener, Supplier<Optional<Certificates>> certificates, TlsContexts.Alpn alpn,
      java.util.function.Function<String, Optional<dev.stratus.elbv2.model.TrustStore>> trustStores) {
    var tls = new ListenerTls(certificates, alpn, trustStores);
    tls.refresh(listener);
    return tls;
  }

  /** Rebuilds when {@code listener}'s certificates changed; keeps the old contexts if the new ones cannot serve. */
  void refresh(Listener listener) {
    var m = listener.mutualAuthentication();
    Optional<dev.stratus.elbv2.model.TrustStore> store = m.verify() ? trustStores.apply(m.trustStoreArn()) : Optional.empty();
    var acm = certificates.get().orElseThrow(() -> new IllegalStateException("no ACM: certificates cannot be served"));
    List<ServingCertificate> serving = new ArrayList<>();
    for (String arn : listener.certificateArns()) {
      acm.find(arn).filter(ServingCertificate::issued).ifPresent(serving::add);
    }
    if (serving.isEmpty()) {
      if (current != null) return;
      throw new IllegalStateException("certificate " + listener.certificateArns() + " not found in ACM");
    }
    if (listener.certificateArns().equals(arns) && java.util.Objects.equals(listener.sslPolicy(), policy)
        && m.equals(mtls) && store.equals(trusted) && serving.equals(served) && current != null) return;
    TlsContexts.ClientAuth clientAuth = m.verify() ? TlsContexts.ClientAuth.REQUIRE
        : m.passthrough() ? TlsContexts.ClientAuth.OPTIONAL_UNVERIFIED : TlsContexts.ClientAuth.NONE;
    List<java.security.cert.X509Certificate> anchors = List.of();
    List<java.security.cert.X509CRL> revoked = new ArrayList<>();
    if (m.verify()) {
      var ts = store.orElseThrow(() -> new IllegalStateException("trust store " + m.trustStoreArn() + " not found"));
      anchors = dev.stratus.elbv2.TrustStoreOperations.caCertificates(ts.caBundlePem());
      ts.revocations().forEach(r -> revoked.addAll(dev.stratus.elbv2.TrustStoreOperations.crls(r.crlPem())));
    }
    current = TlsContexts.sni(serving, alpn, new TlsContexts.Options(dev.stratus.elbv2.SslPolicies.protocols(listener.sslPolicy()),
        dev.stratus.elbv2.SslPolicies.jdkCiphers(listener.sslPolicy()), clientAuth, anchors, revoked,
        m.ignoreClientCertificateExpiry(), m.advertiseTrustStoreCaNames()));
    arns = listener.certificateArns();
    served = List.copyOf(serving);
    policy = listener.sslPolicy();
    mtls = m;
    trusted = store;
  }

  @Override
  public SslContext map(String hostname) { return current.map(hostname); }
}
