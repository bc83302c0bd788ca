package dev.stratus.cloudfront.dataplane;

import static dev.stratus.cloudfront.dataplane.EdgeHarness.SYDNEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.stratus.net.tls.Pem;
import dev.stratus.net.tls.StratusCa;
import dev.stratus.net.tls.TlsContexts;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudfront.model.CustomOriginConfig;
import software.amazon.awssdk.services.cloudfront.model.DefaultCacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.Origins;

/**
 * HTTPS to origins (OriginProtocolPolicy): https-only and match-viewer reach a TLS origin whose
 * certificate the Stratus CA issued for the origin's name; a certificate from another CA, or not
 * naming the origin, is a 502; the origin sees the connection come from the edge's own address.
 */
class EdgeOriginTlsIT {
  static final String ID = "E8ORIGINTLS001";
  final Clock clock = Clock.systemUTC();
  final StratusCa ca = StratusCa.generate(clock);
  final StratusCa stranger = StratusCa.generate(clock);
  final List<String> seen = new CopyOnWriteArrayList<>();
  HttpsServer https;
  HttpServer http;
  EdgeHarness h;

  @BeforeEach
  void start() throws Exception {
    https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    https.setHttpsConfigurator(new HttpsConfigurator(serverContext(ca, "localhost")));
    https.createContext("/", ex -> answer(ex, "https"));
    https.start();
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    http.createContext("/", ex -> answer(ex, "http"));
    http.start();
    var edgeTls = TlsContexts.server(ca.ownNames(List.of("*.cloudfront.localhost"), clock), TlsContexts.Alpn.HTTP_1_1);
    h = new EdgeHarness(s -> s.withOriginTrust(ca.certificate()).withTls(0, host -> edgeTls));
    h.source.cachePolicies.put("nocache", EdgeHarness.policy(0, 0, 0));
  }

  @AfterEach
  void stop() {
    if (h != null) h.close();
    if (https != null) https.stop(0);
    if (http != null) http.stop(0);
  }

  private void answer(com.sun.net.httpserver.HttpExchange ex, String scheme) throws java.io.IOException {
    seen.add(scheme + " " + ex.getRemoteAddress().getAddress().getHostAddress() + " " + ex.getRequestHeaders().getFirst("Host"));
    byte[] body = ("over " + scheme).getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Cache-Control", "no-store");
    ex.sendResponseHeaders(200, body.length);
    ex.getResponseBody().write(body);
    ex.close();
  }

  private void deploy(String domain, String policy) {
    Origin o = Origin.builder().id("tls").domainName(domain).connectionAttempts(1).connectionTimeout(2)
        .customOriginConfig(CustomOriginConfig.builder().httpPort(http.getAddress().getPort())
            .httpsPort(https.getAddress().getPort()).originProtocolPolicy(policy).originReadTimeout(5).build()).build();
    h.deploy(ID, DistributionConfig.builder().callerReference("t").comment("").enabled(true)
        .origins(Origins.builder().quantity(1).items(o).build())
        .defaultCacheBehavior(DefaultCacheBehavior.builder().targetOriginId("tls").viewerProtocolPolicy("allow-all")
            .cachePolicyId("nocache").build()).build());
  }

  @Test
  void httpsOnlyReachesTheOriginOverTls_fromTheEdgesOwnAddress() throws Exception {
    deploy("localhost", "https-only");
    var r = h.get(SYDNEY, ID, "/a");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("over https");
    InetAddress sydneyEdge = h.edge.addressOf("SYD62").orElseThrow().getAddress();
    assertThat(seen).containsExactly("https " + sydneyEdge.getHostAddress() + " localhost");
  }

  @Test
  void matchViewerFollowsTheViewersProtocol() throws Exception {
    deploy("localhost", "match-viewer");
    assertThat(h.get(SYDNEY, ID, "/plain").text()).isEqualTo("over http");
    String reply = httpsGet(h.edge.httpsAddressOf("IAD89").orElseThrow(), EdgeHarness.host(ID), "/secure");
    assertThat(reply).startsWith("HTTP/1.1 200").endsWith("over https");
    assertThat(seen).extracting(s -> s.split(" ")[0]).containsExactly("http", "https");
  }

  @Test
  void httpOnlyStaysPlain() throws Exception {
    deploy("localhost", "http-only");
    assertThat(httpsGet(h.edge.httpsAddressOf("IAD89").orElseThrow(), EdgeHarness.host(ID), "/x")).endsWith("over http");
  }

  @Test
  void aCertificateNotNamingTheOriginIs502() throws Exception {
    deploy("127.0.0.1", "https-only"); // the certificate names localhost only
    assertThat(h.get(SYDNEY, ID, "/a").status()).isEqualTo(502);
    assertThat(seen).isEmpty();
  }

  @Test
  void aCertificateFromAnUntrustedCaIs502() throws Exception {
    https.stop(0);
    https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    https.setHttpsConfigurator(new HttpsConfigurator(serverContext(stranger, "localhost")));
    https.createContext("/", ex -> answer(ex, "https"));
    https.start();
    deploy("localhost", "https-only");
    assertThat(h.get(SYDNEY, ID, "/a").status()).isEqualTo(502);
    assertThat(seen).isEmpty();
  }

  private static SSLContext serverContext(StratusCa issuer, String name) throws Exception {
    var issued = issuer.issue(List.of(name), StratusCa.KeyAlgorithm.EC_prime256v1, Instant.now().minus(1, ChronoUnit.HOURS),
        Instant.now().plus(1, ChronoUnit.DAYS));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("origin", Pem.privateKey(issued.privateKeyPem()), "x".toCharArray(),
        Pem.certificates(issued.fullChainPem()).toArray(X509Certificate[]::new));
    var kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "x".toCharArray());
    SSLContext c = SSLContext.getInstance("TLS");
    c.init(kmf.getKeyManagers(), null, null);
    return c;
  }

  private String httpsGet(InetSocketAddress edge, String host, String path) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca.certificate());
    var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    try (Socket plain = new Socket()) {
      plain.bind(new InetSocketAddress(SYDNEY, 0));
      plain.connect(edge, 5_000);
      plain.setSoTimeout(10_000);
      try (SSLSocket s = (SSLSocket) ssl.getSocketFactory().createSocket(plain, host, edge.getPort(), false)) {
        var params = s.getSSLParameters();
        params.setServerNames(List.of(new SNIHostName(host)));
        params.setEndpointIdentificationAlgorithm("HTTPS");
        s.setSSLParameters(params);
        OutputStream out = s.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      }
    }
  }
}
