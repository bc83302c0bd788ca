package dev.stratus.net.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.core.acm.ServingCertificate;
import dev.stratus.core.http.HttpFilterRegistry;
import dev.stratus.net.http.HttpFrontEnd;
import dev.stratus.net.http.HttpService;
import dev.stratus.net.transport.Transport;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Stratus CA kept in the data dir, and TLS contexts for Stratus's own names checked by a client that trusts only it. */
class StratusCaTest {
  @TempDir Path dir;

  @Test
  void open_keepsTheCaInTheDataDir_acrossRestarts() {
    StratusCa first = StratusCa.open(Optional.of(dir), Clock.systemUTC());
    StratusCa again = StratusCa.open(Optional.of(dir), Clock.systemUTC());
    assertThat(again.certificatePem()).isEqualTo(first.certificatePem());
    assertThat(dir.resolve("tls/stratus-ca.key")).exists();
    assertThat(StratusCa.open(Optional.empty(), Clock.systemUTC()).certificatePem()).isNotEqualTo(first.certificatePem());
  }

  @Test
  void onFirstUse_touchesTheDataDirOnlyWhenUsed_thenKeepsTheSameCa() {
    StratusCa lazy = StratusCa.onFirstUse(Optional.of(dir), Clock.systemUTC());
    assertThat(dir.resolve("tls")).doesNotExist();
    String pem = lazy.certificatePem();
    assertThat(dir.resolve("tls/stratus-ca.key")).exists();
    assertThat(lazy.certificatePem()).isEqualTo(pem);
    assertThat(StratusCa.onFirstUse(Optional.of(dir), Clock.systemUTC()).certificatePem()).isEqualTo(pem);
    var issued = StratusCa.onFirstUse(Optional.of(dir), Clock.systemUTC()).issue(List.of("a.test"),
        StratusCa.KeyAlgorithm.EC_prime256v1, java.time.Instant.now(), java.time.Instant.now().plusSeconds(60));
    assertThat(issued.chainPem()).isEqualTo(pem);
    assertThat(issued.certificate().getIssuerX500Principal()).isEqualTo(lazy.certificate().getSubjectX500Principal());
  }

  @Test
  void choose_exactBeforeWildcard_defaultOtherwise() {
    var ca = StratusCa.generate(Clock.systemUTC());
    var wildcard = TlsContexts.stratusNames(ca, List.of("*.example.com"), Clock.systemUTC());
    var exact = TlsContexts.stratusNames(ca, List.of("www.example.com"), Clock.systemUTC());
    var other = TlsContexts.stratusNames(ca, List.of("other.test"), Clock.systemUTC());
    List<ServingCertificate> certs = List.of(other, wildcard, exact);
    assertThat(TlsContexts.choose(certs, "www.example.com")).isSameAs(exact);
    assertThat(TlsContexts.choose(certs, "api.example.com")).isSameAs(wildcard);
    assertThat(TlsContexts.choose(certs, "a.b.example.com")).isSameAs(other);
    assertThat(TlsContexts.choose(certs, null)).isSameAs(other);
  }

  @Test
  void withStratusNames_customerCertificateBySni_stratusCertificateOtherwise() throws Exception {
    var ca = StratusCa.generate(Clock.systemUTC());
    var names = TlsContexts.stratusNamesIn("us-east-1");
    assertThat(ca.ownNames(names, Clock.systemUTC())).isSameAs(ca.ownNames(names, Clock.systemUTC())); // issued once
    var customer = TlsContexts.stratusNames(ca, List.of("www.example.com"), Clock.systemUTC());
    var mapping = TlsContexts.withStratusNames(ca, names, List.of(customer), TlsContexts.Alpn.HTTP_1_1, Clock.systemUTC());
    assertThat(mapping.map("www.example.com")).isNotSameAs(mapping.map("d111.cloudfront.localhost"));
    assertThat(mapping.map(null)).isSameAs(mapping.map("d111.cloudfront.localhost"));
    assertThat(mapping.map("unknown.test")).isSameAs(mapping.map(null));
  }

  @Test
  void stratusNames_servedOverTls_verifyAgainstTheCaWithHostnameChecks() throws Exception {
    var ca = StratusCa.generate(Clock.systemUTC());
    var cert = TlsContexts.stratusNames(ca, TlsContexts.stratusNamesIn("us-east-1"), Clock.systemUTC());
    HttpService service = exchange -> CompletableFuture.completedFuture(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.OK, Unpooled.copiedBuffer("ok", StandardCharsets.US_ASCII)));
    var frontEnd = HttpFrontEnd.bind(Transport.shared(), new InetSocketAddress("127.0.0.1", 0),
        HttpFrontEnd.Config.of("tls", "arn:test", new HttpFilterRegistry(), service)
            .withTls(TlsContexts.sni(List.of(cert), TlsContexts.Alpn.H2_AND_HTTP_1_1)));
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", ca.certificate());
      var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      // A fresh client context per handshake: a resumed session would skip the checks under test.
      java.util.function.Supplier<SSLContext> fresh = () -> {
        try {
          SSLContext c = SSLContext.getInstance("TLS");
          c.init(null, tmf.getTrustManagers(), null);
          return c;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      };
      assertThat(handshake(fresh.get(), frontEnd.address(), "d111.cloudfront.localhost").getSubjectX500Principal().getName())
          .isEqualTo("CN=*.cloudfront.localhost");
      handshake(fresh.get(), frontEnd.address(), "abc.execute-api.us-east-1.localhost");
      handshake(fresh.get(), frontEnd.address(), "web-1.us-east-1.elb.localhost");
      assertThatThrownBy(() -> handshake(fresh.get(), frontEnd.address(), "a.b.cloudfront.localhost"))
          .isInstanceOf(SSLHandshakeException.class); // a wildcard covers one label only
    } finally {
      frontEnd.close();
    }
  }

  private static X509Certificate handshake(SSLContext client, InetSocketAddress at, String name) throws Exception {
    try (var socket = (SSLSocket) client.getSocketFactory().createSocket(at.getAddress(), at.getPort())) {
      var params = socket.getSSLParameters();
      params.setServerNames(List.of(new SNIHostName(name)));
      params.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(params);
      socket.startHandshake();
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }
}
