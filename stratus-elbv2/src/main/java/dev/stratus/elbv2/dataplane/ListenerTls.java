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
 * suites of the listener's security policy. Rebuilt (off the event loop) when the certificates or the policy
 * change, so they apply at once without reopening.
 */
final class ListenerTls implements Mapping<String, SslContext> {
  private final Supplier<Optional<Certificates>> certificates;
  private final TlsContexts.Alpn alpn;
  private volatile List<String> arns = List.of();
  private volatile String policy;
  private volatile Mapping<String, SslContext> current;

  private ListenerTls(Supplier<Optional<Certificates>> certificates, TlsContexts.Alpn alpn) {
    this.certificates = certificates;
    this.alpn = alpn;
  }

  /** The contexts of {@code listener}; throws when none of its certificates can be served. */
  static ListenerTls of(Listener listener, Supplier<Optional<Certificates>> certificates, TlsContexts.Alpn alpn) {
    var tls = new ListenerTls(certificates, alpn);
    tls.refresh(listener);
    return tls;
  }

  /** Rebuilds when {@code listener}'s certificates changed; keeps the old contexts if the new ones cannot serve. */
  void refresh(Listener listener) {
    if (listener.certificateArns().equals(arns) && java.util.Objects.equals(listener.sslPolicy(), policy) && current != null) return;
    var acm = certificates.get().orElseThrow(() -> new IllegalStateException("no ACM: certificates cannot be served"));
    List<ServingCertificate> serving = new ArrayList<>();
    for (String arn : listener.certificateArns()) {
      acm.find(arn).filter(ServingCertificate::issued).ifPresent(serving::add);
    }
    if (serving.isEmpty()) {
      if (current != null) return;
      throw new IllegalStateException("certificate " + listener.certificateArns() + " not found in ACM");
    }
    current = TlsContexts.sni(serving, alpn, new TlsContexts.Options(dev.stratus.elbv2.SslPolicies.protocols(listener.sslPolicy()),
        dev.stratus.elbv2.SslPolicies.jdkCiphers(listener.sslPolicy()), TlsContexts.ClientAuth.NONE, List.of()));
    arns = listener.certificateArns();
    policy = listener.sslPolicy();
  }

  @Override
  public SslContext map(String hostname) { return current.map(hostname); }
}
