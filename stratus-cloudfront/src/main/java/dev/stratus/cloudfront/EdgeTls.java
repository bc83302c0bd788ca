package dev.stratus.cloudfront;

import dev.stratus.cloudfront.model.CloudFrontView;
import dev.stratus.core.acm.Certificates;
import dev.stratus.core.acm.ServingCertificate;
import dev.stratus.net.tls.StratusCa;
import dev.stratus.net.tls.TlsContexts;
import io.netty.handler.ssl.SslContext;
import io.netty.util.Mapping;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the edges' HTTPS listeners serve by SNI: for an alias of a distribution, the ACM
 * certificate its ViewerCertificate names (issued, covering the name); for any other name the
 * Stratus CA's certificate for {@code *.cloudfront.localhost} and {@code *.cloudfront.net} (AWS's
 * own name of a distribution, which Stratus's DNS also answers), as AWS serves its own
 * {@code *.cloudfront.net} certificate. Read per handshake from committed state, so a new
 * distribution's alias, and a certificate ACM reimported under the same ARN, are served without
 * reopening a listener.
 */
final class EdgeTls implements Mapping<String, SslContext> {
  private final CloudFrontView view;
  private final Optional<Certificates> certificates;
  private final java.util.function.Supplier<SslContext> stratusNames;
  /** Certificate ARN → the contexts built for what ACM served under it (a reimport replaces the entry). */
  private final Map<String, Built> byCertificate = new ConcurrentHashMap<>();

  private record Built(ServingCertificate certificate, SslContext context) {}

  EdgeTls(CloudFrontView view, Optional<Certificates> certificates, StratusCa ca, Clock clock) {
    this.view = view;
    this.certificates = certificates;
    // A reimport (same ARN, other content) or a deletion: build again at the next handshake.
    certificates.ifPresent(acm -> acm.onChange(byCertificate::remove));
    // Issued at the first handshake that needs it, not at start: the CA itself is made at first use.
    this.stratusNames = dev.stratus.core.Lazy.of(() -> TlsContexts.server(
        ca.ownNames(List.of("*.cloudfront.localhost", "*.cloudfront.net", "localhost"), clock), TlsContexts.Alpn.H2_AND_HTTP_1_1));
  }

  @Override
  public SslContext map(String hostname) {
    if (hostname == null || certificates.isEmpty()) return stratusNames.get();
    String host = hostname.toLowerCase(Locale.ROOT);
    for (var d : view.distributions()) {
      var config = d.config();
      if (config.aliases() == null || !config.aliases().hasItems() || !config.aliases().items().contains(host)) continue;
      var viewer = config.viewerCertificate();
      String arn = viewer == null ? null : viewer.acmCertificateArn();
      if (arn == null) continue;
      Optional<ServingCertificate> cert = certificates.get().find(arn).filter(ServingCertificate::issued)
          .filter(c -> c.covers(host));
      if (cert.isPresent()) {
        ServingCertificate c = cert.get();
        // Keyed by ARN, checked against the content: a reimport may keep the ARN and even the expiry.
        return byCertificate.compute(c.arn(), (k, built) -> built != null && built.certificate().equals(c) ? built
            : new Built(c, TlsContexts.server(c, TlsContexts.Alpn.H2_AND_HTTP_1_1))).context();
      }
    }
    return stratusNames.get();
  }
}
