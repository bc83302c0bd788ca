package dev.stratus.apigateway.dataplane;

import dev.stratus.apigateway.model.DomainName;
import dev.stratus.core.acm.Certificates;
import dev.stratus.core.acm.ServingCertificate;
import dev.stratus.net.tls.TlsContexts;
import io.netty.handler.ssl.SslContext;
import io.netty.util.Mapping;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The TLS contexts of one endpoint (EDGE or REGIONAL) of a custom domain name: its ACM certificate,
 * rebuilt (off the event loop) after UpdateDomainName names another certificate or ACM serves the
 * same ARN with other content (a reimport, told through {@link Certificates#onChange}), so the
 * endpoint's HTTPS listener serves it without reopening.
 */
final class DomainTls implements Mapping<String, SslContext> {
  private static final Logger LOG = Logger.getLogger(DomainTls.class.getName());
  private final Supplier<Optional<Certificates>> certificates;
  private volatile ServingCertificate serving;
  private volatile Mapping<String, SslContext> current;

  private DomainTls(Supplier<Optional<Certificates>> certificates) { this.certificates = certificates; }

  /** The contexts of certificate {@code arn} for {@code domain}; empty when ACM does not have it. */
  static Optional<DomainTls> of(DomainName domain, String arn, Supplier<Optional<Certificates>> certificates) {
    var tls = new DomainTls(certificates);
    tls.refresh(domain, arn);
    return tls.current == null ? Optional.empty() : Optional.of(tls);
  }

  /** The certificate served now (null before the first one could be served). */
  String arn() {
    ServingCertificate s = serving;
    return s == null ? null : s.arn();
  }

  /** Serves {@code arn} when it or its content changed; keeps the old contexts when the new one cannot be served. */
  void refresh(DomainName domain, String arn) {
    if (arn == null) return;
    var cert = certificates.get().flatMap(c -> c.find(arn)).filter(ServingCertificate::issued);
    if (cert.isEmpty() || cert.get().equals(serving)) return;
    try {
      current = TlsContexts.sni(List.of(cert.get()), TlsContexts.Alpn.HTTP_1_1);
      serving = cert.get();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "domain " + domain.domainName() + ": certificate " + arn + " cannot be served: " + e.getMessage());
    }
  }

  @Override
  public SslContext map(String hostname) { return current.map(hostname); }
}
