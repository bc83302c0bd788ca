package dev.stratus.net.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.http.HttpFilterRegistry;
import dev.stratus.net.testing.RawHttp;
import dev.stratus.net.transport.Transport;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.FileInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS on the front end: the certificate is chosen by SNI, and the service knows it was TLS. */
class HttpFrontEndTlsIT {
  @TempDir static Path dir;
  private static HttpFrontEnd frontEnd;

  private static SslContext selfSigned(String cn) throws Exception {
    Path keystore = dir.resolve(cn + ".p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "k", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "1",
        "-dname", "CN=" + cn, "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(keystore.toFile())) {
      ks.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    return SslContextBuilder.forServer(kmf).build();
  }

  @BeforeAll
  static void start() throws Exception {
    SslContext a = selfSigned("a.elb.localhost");
    SslContext b = selfSigned("b.elb.localhost");
    HttpService service = exchange -> CompletableFuture.completedFuture(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.OK, Unpooled.copiedBuffer("tls=" + exchange.tls(), StandardCharsets.US_ASCII)));
    frontEnd = HttpFrontEnd.bind(Transport.shared(), new InetSocketAddress("127.0.0.1", 0),
        HttpFrontEnd.Config.of("https", "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/web/1",
            new HttpFilterRegistry(), service).withTls(host -> "b.elb.localhost".equals(host) ? b : a));
  }

  @AfterAll
  static void stop() {
    frontEnd.close();
  }

  private static String[] get(String sni) throws Exception {
    SSLContext trustAll = SSLContext.getInstance("TLS");
    trustAll.init(null, new TrustManager[] {new X509TrustManager() {
      @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
      @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
      @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }}, null);
    try (SSLSocket s = (SSLSocket) trustAll.getSocketFactory().createSocket("127.0.0.1", frontEnd.address().getPort())) {
      var params = s.getSSLParameters();
      if (sni != null) params.setServerNames(List.of(new SNIHostName(sni)));
      s.setSSLParameters(params);
      s.setSoTimeout(5_000);
      s.startHandshake();
      String cn = ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
      s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes());
      return new String[] {cn, RawHttp.readAll(s.getInputStream())};
    }
  }

  @Test
  void tls_sniPicksCertificate_serviceSeesTls() throws Exception {
    String[] b = get("b.elb.localhost");
    assertThat(b[0]).isEqualTo("CN=b.elb.localhost");
    assertThat(b[1]).startsWith("HTTP/1.1 200").endsWith("tls=true");
    assertThat(get("a.elb.localhost")[0]).isEqualTo("CN=a.elb.localhost");
    assertThat(get(null)[0]).isEqualTo("CN=a.elb.localhost");
  }

  @Test
  void tls_plainHttpOnTlsPort_closedWithoutReachingService() throws Exception {
    String raw = RawHttp.exchange(frontEnd.address(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(raw).doesNotContain("tls=");
  }
}
