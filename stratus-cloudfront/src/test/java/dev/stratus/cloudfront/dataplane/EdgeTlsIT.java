package dev.stratus.cloudfront.dataplane;

import static dev.stratus.cloudfront.dataplane.EdgeHarness.SYDNEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.FileInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudfront.model.DefaultCacheBehavior;

/** TLS at the edge: HTTPS listeners with the context SNI picks; https-only serves over TLS, refuses HTTP. */
class EdgeTlsIT {
  static final String ID = "E8TLS000000001";
  static final char[] PASS = "changeit".toCharArray();

  @TempDir Path dir;

  /** A key and certificate for *.cloudfront.localhost made by the JDK's keytool. */
  private KeyStore keyStore() throws Exception {
    Path p12 = dir.resolve("edge.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "edge", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=cloudfront.localhost",
        "-ext", "san=dns:*.cloudfront.localhost", "-validity", "2", "-keystore", p12.toString(), "-storetype", "PKCS12",
        "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
    String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(keytool.waitFor()).as(out).isZero();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (var in = new FileInputStream(p12.toFile())) {
      ks.load(in, PASS);
    }
    return ks;
  }

  private static String httpsGet(KeyStore trust, InetSocketAddress edge, String host, String path) throws Exception {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
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
        params.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
        s.setSSLParameters(params);
        OutputStream out = s.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      }
    }
  }

  @Test
  void httpsOnlyIsServedOverTlsWithTheCertificateSniPicks() throws Exception {
    KeyStore ks = keyStore();
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASS);
    SslContext context = SslContextBuilder.forServer(kmf).build();
    try (EdgeHarness h = new EdgeHarness(s -> s.withTls(0, host -> context))) {
      h.source.cachePolicies.put("p", EdgeHarness.policy(0, 100, 1000));
      h.deploy(ID, h.config("p").defaultCacheBehavior(DefaultCacheBehavior.builder().targetOriginId("web")
          .viewerProtocolPolicy("https-only").cachePolicyId("p").build()).build());
      InetSocketAddress https = h.edge.httpsAddressOf("IAD89").orElseThrow();
      assertThat(https.getAddress()).isEqualTo(h.edgeAddress().getAddress()); // one address per edge, two ports

      String first = httpsGet(ks, https, EdgeHarness.host(ID), "/secure");
      assertThat(first).startsWith("HTTP/1.1 200").contains("X-Cache: Miss from cloudfront", "X-Amz-Cf-Pop: SYD62-C1")
          .endsWith("echo /secure");
      assertThat(httpsGet(ks, https, EdgeHarness.host(ID), "/secure")).contains("X-Cache: Hit from cloudfront");
      assertThat(h.get(SYDNEY, ID, "/secure").status()).isEqualTo(403); // plain HTTP refused
      assertThat(h.listeners.listeners()).anySatisfy(l -> assertThat(l.protocol()).isEqualTo("https"));
    }
  }
}
