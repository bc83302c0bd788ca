package dev.stratus.net.tls;

import dev.stratus.core.acm.ServingCertificate;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.Mapping;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLException;

/**
 * Netty server contexts for TLS listeners: one per certificate, chosen by the client's SNI host
 * name the way ALB chooses among a listener's certificates (an exact name before a wildcard, the
 * default certificate when none covers the name or the client sent none).
 */
public final class TlsContexts {
  private TlsContexts() {}

  /** What a listener offers in ALPN: HTTP/1.1 only, or h2 first then HTTP/1.1 (ALB's HTTPS listeners). */
  public enum Alpn { HTTP_1_1, H2_AND_HTTP_1_1 }

  /** The server context of one certificate, with the JDK's TLS versions. */
  public static SslContext server(ServingCertificate certificate, Alpn alpn) { return server(certificate, alpn, List.of()); }

  /**
   * The server context of one certificate.
   *
   * @param protocols the TLS versions allowed (JDK names, e.g. {@code TLSv1.3}); empty: the JDK's defaults
   */
  public static SslContext server(ServingCertificate certificate, Alpn alpn, List<String> protocols) {
    return server(certificate, alpn, Options.protocols(protocols));
  }

  /** Whether (and how) a listener asks for a client certificate (mutual TLS). */
  public enum ClientAuth {
    /** No client certificate asked for. */
    NONE,
    /** Asked for, any certificate accepted unverified, none allowed (the application verifies). */
    OPTIONAL_UNVERIFIED,
    /** Required and verified: the chain must lead to one of {@link Options#trustAnchors}; else the handshake fails. */
    REQUIRE
  }

  /**
   * What a server context allows beyond its certificate.
   *
   * @param protocols TLS versions (JDK names, e.g. {@code TLSv1.3}); empty: the JDK's defaults
   * @param ciphers cipher suites in preference order (JDK names); empty: the defaults (HTTP/2's
   *     for h2 listeners); suites the JVM lacks are left out
   * @param clientAuth whether a client certificate is asked for
   * @param trustAnchors the CAs a client certificate must chain to, for {@link ClientAuth#REQUIRE}
   * @param revocations certificate revocation lists: a client certificate one of them revokes fails
   *     the handshake ({@link ClientAuth#REQUIRE})
   * @param ignoreExpiry an expired client certificate passes if it passed when still valid ({@link ClientAuth#REQUIRE})
   * @param advertiseCaNames whether the CertificateRequest names the trust anchors ({@link ClientAuth#REQUIRE})
   */
  public record Options(List<String> protocols, List<String> ciphers, ClientAuth clientAuth, List<X509Certificate> trustAnchors,
      List<java.security.cert.X509CRL> revocations, boolean ignoreExpiry, boolean advertiseCaNames) {
    public Options {
      protocols = List.copyOf(protocols);
      ciphers = List.copyOf(ciphers);
      trustAnchors = List.copyOf(trustAnchors);
      revocations = List.copyOf(revocations);
      if (clientAuth == ClientAuth.REQUIRE && trustAnchors.isEmpty()) {
        throw new IllegalArgumentException("verifying client certificates needs trust anchors");
      }
    }

    /** Expired client certificates refused, the anchors' names advertised. */
    public Options(List<String> protocols, List<String> ciphers, ClientAuth clientAuth, List<X509Certificate> trustAnchors,
        List<java.security.cert.X509CRL> revocations) {
      this(protocols, ciphers, clientAuth, trustAnchors, revocations, false, true);
    }

    /** Without revocation lists. */
    public Options(List<String> protocols, List<String> ciphers, ClientAuth clientAuth, List<X509Certificate> trustAnchors) {
      this(protocols, ciphers, clientAuth, trustAnchors, List.of());
    }

    public static Options protocols(List<String> protocols) {
      return new Options(protocols, List.of(), ClientAuth.NONE, List.of());
    }
  }

  /** The server context of one certificate, with {@code options}. */
  public static SslContext server(ServingCertificate certificate, Alpn alpn, Options options) {
    List<String> protocols = options.protocols();
    try {
      List<X509Certificate> chain = Pem.certificates(certificate.certificateChainPem());
      var builder = SslContextBuilder.forServer(Pem.privateKey(certificate.privateKeyPem()), chain.toArray(X509Certificate[]::new));
      if (!protocols.isEmpty()) builder.protocols(protocols);
      switch (options.clientAuth()) {
        case NONE -> { }
        case OPTIONAL_UNVERIFIED -> builder.clientAuth(io.netty.handler.ssl.ClientAuth.OPTIONAL)
            .trustManager(io.netty.handler.ssl.util.InsecureTrustManagerFactory.INSTANCE);
        case REQUIRE -> {
          builder.clientAuth(io.netty.handler.ssl.ClientAuth.REQUIRE);
          builder.trustManager(ClientCertificateTrustManager.of(options.trustAnchors(), options.revocations(), options.ignoreExpiry(),
              options.advertiseCaNames()));
        }
      }
      if (!options.ciphers().isEmpty()) {
        builder.ciphers(options.ciphers(), io.netty.handler.ssl.SupportedCipherSuiteFilter.INSTANCE);
      }
      if (alpn == Alpn.H2_AND_HTTP_1_1) {
        if (options.ciphers().isEmpty()) {
          builder.ciphers(io.netty.handler.codec.http2.Http2SecurityUtil.CIPHERS, io.netty.handler.ssl.SupportedCipherSuiteFilter.INSTANCE);
        }
        builder.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
            ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1));
      }
      return builder.build();
    } catch (Pem.InvalidPemException | SSLException e) {
      throw new IllegalArgumentException("certificate " + certificate.arn() + " cannot serve TLS: " + e.getMessage(), e);
    }
  }

  /**
   * A client context (HTTP/1.1) trusting the JDK's default CAs and {@code alsoTrusted} (the
   * Stratus CA): what a data plane uses to reach HTTPS origins and targets, whether they are
   * Stratus listeners with ACM certificates or servers with public ones.
   */
  public static SslContext client(X509Certificate... alsoTrusted) {
    try {
      var tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
      tmf.init((java.security.KeyStore) null);
      List<X509Certificate> trusted = new ArrayList<>();
      for (var tm : tmf.getTrustManagers()) {
        if (tm instanceof javax.net.ssl.X509TrustManager x) trusted.addAll(List.of(x.getAcceptedIssuers()));
      }
      trusted.addAll(List.of(alsoTrusted));
      return SslContextBuilder.forClient().trustManager(trusted.toArray(X509Certificate[]::new)).build();
    } catch (java.security.GeneralSecurityException | SSLException e) {
      throw new IllegalStateException("no TLS client context: " + e.getMessage(), e);
    }
  }

  /**
   * The SNI mapping over {@code certificates}, the first being the default. Contexts are built
   * here, once (call off the event loop), and shared by every connection.
   */
  public static Mapping<String, SslContext> sni(List<ServingCertificate> certificates, Alpn alpn) {
    return sni(certificates, alpn, List.of());
  }

  /** As {@link #sni(List, Alpn)}, allowing only the TLS versions {@code protocols} (empty: the JDK's defaults). */
  public static Mapping<String, SslContext> sni(List<ServingCertificate> certificates, Alpn alpn, List<String> protocols) {
    return sni(certificates, alpn, Options.protocols(protocols));
  }

  /** As {@link #sni(List, Alpn)}, with {@code options} (versions, ciphers, client certificates) for every certificate. */
  public static Mapping<String, SslContext> sni(List<ServingCertificate> certificates, Alpn alpn, Options options) {
    if (certificates.isEmpty()) throw new IllegalArgumentException("a TLS listener needs a certificate");
    Map<ServingCertificate, SslContext> contexts = new LinkedHashMap<>();
    for (ServingCertificate c : certificates) contexts.computeIfAbsent(c, x -> server(x, alpn, options));
    return new SniMapping(List.copyOf(contexts.keySet()), Map.copyOf(contexts));
  }

  /** Which certificate answers {@code hostname} (null: no SNI): exact name, then wildcard, then the first. */
  public static ServingCertificate choose(List<ServingCertificate> certificates, String hostname) {
    if (hostname != null) {
      String host = hostname.toLowerCase(Locale.ROOT);
      for (ServingCertificate c : certificates) {
        for (String n : c.domainNames()) if (n.equalsIgnoreCase(host)) return c;
      }
      for (ServingCertificate c : certificates) if (c.covers(host)) return c;
    }
    return certificates.get(0);
  }

  private record SniMapping(List<ServingCertificate> order, Map<ServingCertificate, SslContext> contexts)
      implements Mapping<String, SslContext> {
    @Override
    public SslContext map(String hostname) { return contexts.get(choose(order, hostname)); }
  }

  /**
   * A certificate the Stratus CA issues for Stratus's own names (e.g.
   * {@code *.cloudfront.localhost}, {@code *.execute-api.us-east-1.localhost},
   * {@code *.elb.localhost}), valid a year from now; not an ACM certificate.
   */
  public static ServingCertificate stratusNames(StratusCa ca, List<String> names, Clock clock) {
    Objects.requireNonNull(ca, "ca");
    Instant now = clock.instant();
    var issued = ca.issue(new ArrayList<>(names), StratusCa.KeyAlgorithm.EC_prime256v1, now.minus(Duration.ofHours(1)),
        now.plus(Duration.ofDays(365)));
    return new ServingCertificate("stratus:" + String.join(",", names), "ISSUED", names, issued.fullChainPem(),
        issued.privateKeyPem(), issued.certificate().getNotAfter().toInstant());
  }

  /**
   * SNI contexts for a data plane that has names of its own and, per resource, ACM certificates
   * (CloudFront aliases, API Gateway custom domain names): a name one of {@code certificates}
   * covers gets that certificate; any other name, or none, gets the Stratus CA's certificate for
   * {@code stratusNames} (as AWS's default {@code *.cloudfront.net} certificate), issued once per
   * CA and name list.
   */
  public static Mapping<String, SslContext> withStratusNames(StratusCa ca, List<String> stratusNames,
      List<ServingCertificate> certificates, Alpn alpn, Clock clock) {
    List<ServingCertificate> all = new ArrayList<>();
    all.add(ca.ownNames(stratusNames, clock));
    all.addAll(certificates);
    return sni(all, alpn);
  }

  /** Stratus's own names in {@code region}: CloudFront, API Gateway and ELB, as wildcards. */
  public static List<String> stratusNamesIn(String region) {
    return List.of("*.cloudfront.localhost", "*.execute-api." + region + ".localhost", "*." + region + ".elb.localhost",
        "localhost");
  }
}
