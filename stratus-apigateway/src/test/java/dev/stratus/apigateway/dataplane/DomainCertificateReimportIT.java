package dev.stratus.apigateway.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.acm.AcmModule;
import dev.stratus.apigateway.ApiGatewayModule;
import dev.stratus.core.acm.ServingCertificate;
import dev.stratus.net.tls.Pem;
import dev.stratus.net.tls.StratusCa;
import dev.stratus.net.tls.TlsContexts;
import dev.stratus.protocol.testing.ApiTestServer;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.EndpointType;

/**
 * A custom domain's HTTPS listener and ACM's ImportCertificate with the same CertificateArn (a
 * reimport, what a certificate renewed outside AWS gets): the listener serves the new certificate
 * with no API Gateway call, through real ACM (core acm.Certificates.onChange) and a real TLS
 * handshake.
 */
class DomainCertificateReimportIT {
  static final String DOMAIN = "reimport.example.com";
  static ApiTestServer server;
  static ApiGatewayModule module;
  static ApiGatewayClient apigw;
  static AcmClient acm;
  static StratusCa ca;

  @BeforeAll
  static void start() {
    module = new ApiGatewayModule(0);
    server = ApiTestServer.start(Clock.systemUTC(), new AcmModule(), module);
    apigw = server.client(ApiGatewayClient.builder());
    acm = server.client(AcmClient.builder());
    ca = StratusCa.generate(Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  /** A fresh certificate for {@code DOMAIN} from a test CA, as ImportCertificate takes it. */
  static ServingCertificate issue() { return TlsContexts.stratusNames(ca, List.of(DOMAIN), Clock.systemUTC()); }

  static X509Certificate leaf(ServingCertificate c) throws Exception { return Pem.certificates(c.certificateChainPem()).getFirst(); }

  static SdkBytes bytes(String pem) { return SdkBytes.fromString(pem, StandardCharsets.UTF_8); }

  /** The serial number of the certificate a TLS handshake with SNI {@code DOMAIN} is served. */
  static BigInteger servedSerial(InetSocketAddress to) throws Exception {
    var context = javax.net.ssl.SSLContext.getInstance("TLS");
    context.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
      public void checkClientTrusted(X509Certificate[] c, String a) { }
      public void checkServerTrusted(X509Certificate[] c, String a) { }
      public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }}, null);
    try (var socket = (javax.net.ssl.SSLSocket) context.getSocketFactory().createSocket(to.getAddress(), to.getPort())) {
      var params = socket.getSSLParameters();
      params.setServerNames(List.of(new javax.net.ssl.SNIHostName(DOMAIN)));
      socket.setSSLParameters(params);
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
    }
  }

  @Test
  void reimportingTheCertificate_changesWhatTheLiveListenerServes() throws Exception {
    ServingCertificate first = issue();
    String firstPem = Pem.write(leaf(first));
    String arn = acm.importCertificate(r -> r.certificate(bytes(firstPem))
        .privateKey(bytes(first.privateKeyPem()))).certificateArn();
    apigw.createDomainName(r -> r.domainName(DOMAIN).regionalCertificateArn(arn)
        .endpointConfiguration(e -> e.types(EndpointType.REGIONAL)));
    module.dataPlane().awaitCurrent();
    InetSocketAddress tls = module.dataPlane().domainTlsListener(DOMAIN).orElseThrow();
    assertThat(servedSerial(tls)).isEqualTo(leaf(first).getSerialNumber());

    // Reimport into the same ARN: no API Gateway call, the same listener, the new certificate.
    ServingCertificate second = issue();
    assertThat(leaf(second).getSerialNumber()).isNotEqualTo(leaf(first).getSerialNumber());
    String secondPem = Pem.write(leaf(second));
    acm.importCertificate(r -> r.certificateArn(arn).certificate(bytes(secondPem))
        .privateKey(bytes(second.privateKeyPem())));
    // The rebuild runs on the data plane's projection thread, after the reimport's answer.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!servedSerial(tls).equals(leaf(second).getSerialNumber()) && System.nanoTime() < deadline) Thread.sleep(50);
    assertThat(servedSerial(tls)).isEqualTo(leaf(second).getSerialNumber());
    assertThat(module.dataPlane().domainTlsListener(DOMAIN)).contains(tls);
    assertThat(apigw.getDomainName(r -> r.domainName(DOMAIN)).regionalCertificateArn()).isEqualTo(arn);
  }
}
