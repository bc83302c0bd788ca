package dev.stratus.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.stratus.core.Settings;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;

/**
 * A distribution made through the SDK is served over HTTPS at its edge: the name
 * {@code <id>.cloudfront.localhost} by SNI, with the Stratus CA's certificate (what
 * {@code /_stratus/ca.pem} serves), verified by a client that trusts only that CA.
 */
class CloudFrontEdgeHttpsIT {
  static StratusServer server;
  static HttpServer origin;

  @BeforeAll
  static void start() throws Exception {
    origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    origin.createContext("/", ex -> {
      byte[] body = "from the origin".getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Cache-Control", "max-age=60");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    origin.start();
    server = StratusServer.start(Settings.ephemeral(0, 0), Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) server.close();
    if (origin != null) origin.stop(0);
  }

  @Test
  void edgeServesTheDistributionOverHttps_withTheStratusCaCertificate() throws Exception {
    var cf = SdkClients.of(CloudFrontClient.builder(), api(), Region.AWS_GLOBAL);
    var d = cf.createDistribution(r -> r.distributionConfig(c -> c.callerReference("https-1").comment("").enabled(true)
        .origins(o -> o.quantity(1).items(i -> i.id("o").domainName("localhost")
            .customOriginConfig(x -> x.httpPort(origin.getAddress().getPort()).httpsPort(443).originProtocolPolicy("http-only"))))
        .defaultCacheBehavior(b -> b.targetOriginId("o").viewerProtocolPolicy("redirect-to-https")
            .cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6")))).distribution();
    String name = d.domainName().replace(".cloudfront.net", ".cloudfront.localhost");
    InetSocketAddress https = edgeHttps();
    String ca = LocalApi.get("127.0.0.1", server.apiPort(), "/_stratus/ca.pem").orElseThrow();
    String reply = null;
    for (int attempt = 0; attempt < 50 && (reply == null || !reply.contains("from the origin")); attempt++) {
      reply = get(trusting(ca), https, name, "/index.html");
      if (!reply.contains("from the origin")) Thread.sleep(200); // the edge deploys the new distribution
    }
    assertThat(reply).startsWith("HTTP/1.1 200").contains("X-Cache: ").contains("from the origin");
  }

  @Test
  void anAliasIsServedWithItsAcmCertificate_andAwsNameWithTheStratusCaOne() throws Exception {
    var acm = SdkClients.of(software.amazon.awssdk.services.acm.AcmClient.builder(), api());
    String arn = acm.requestCertificate(r -> r.domainName("www.example.com").validationMethod("DNS")
        .keyAlgorithm("EC_prime256v1")).certificateArn();
    var cf = SdkClients.of(CloudFrontClient.builder(), api(), Region.AWS_GLOBAL);
    var d = aliasDistribution(cf, "https-alias", "www.example.com", arn);
    InetSocketAddress https = edgeHttps();
    SSLContext onlyStratus = trusting(LocalApi.get("127.0.0.1", server.apiPort(), "/_stratus/ca.pem").orElseThrow());
    for (String name : List.of("www.example.com", d.domainName())) {
      String reply = null;
      for (int attempt = 0; attempt < 50 && (reply == null || !reply.contains("from the origin")); attempt++) {
        reply = get(onlyStratus, https, name, "/alias.html");
        if (!reply.contains("from the origin")) Thread.sleep(200);
      }
      assertThat(reply).as(name).startsWith("HTTP/1.1 200").contains("from the origin");
    }
    // the alias gets the ACM certificate itself (its serial), not the Stratus names' one
    var serial = new java.math.BigInteger(acm.describeCertificate(r -> r.certificateArn(arn)).certificate().serial()
        .replace(":", ""), 16);
    assertThat(peerSerial(onlyStratus, https, "www.example.com")).isEqualTo(serial);
    assertThat(peerSerial(onlyStratus, https, d.domainName())).isNotEqualTo(serial);
  }

  @Test
  void anAliasCertificateReimportedUnderItsArn_isServedAtOnce() throws Exception {
    var acm = SdkClients.of(software.amazon.awssdk.services.acm.AcmClient.builder(), api());
    var testCa = dev.stratus.net.tls.StratusCa.generate(Clock.systemUTC());
    // One instant for both issues: the reimported certificate differs only in content (same expiry).
    Clock fixed = Clock.fixed(java.time.Instant.now(), java.time.ZoneOffset.UTC);
    String alias = "reimport.example.org";
    var first = dev.stratus.net.tls.TlsContexts.stratusNames(testCa, List.of(alias), fixed);
    var second = dev.stratus.net.tls.TlsContexts.stratusNames(testCa, List.of(alias), fixed);
    var firstLeaf = leafBytes(first);
    var secondLeaf = leafBytes(second);
    String arn = acm.importCertificate(r -> r.certificate(firstLeaf)
        .privateKey(software.amazon.awssdk.core.SdkBytes.fromUtf8String(first.privateKeyPem()))).certificateArn();
    var cf = SdkClients.of(CloudFrontClient.builder(), api(), Region.AWS_GLOBAL);
    var d = aliasDistribution(cf, "https-reimport", alias, arn);
    InetSocketAddress https = edgeHttps();
    SSLContext anyIssuer = trustingAnyIssuer();
    var firstSerial = leaf(first).getSerialNumber();
    await().atMost(Duration.ofSeconds(20)).until(() -> firstSerial.equals(peerSerial(anyIssuer, https, alias)));

    acm.importCertificate(r -> r.certificateArn(arn).certificate(secondLeaf)
        .privateKey(software.amazon.awssdk.core.SdkBytes.fromUtf8String(second.privateKeyPem())));
    // No CloudFront call, the same listener: the next handshake gets the new certificate.
    assertThat(peerSerial(anyIssuer, https, alias)).isEqualTo(leaf(second).getSerialNumber());

    // While the distribution names it, ACM refuses to delete it and lists the distribution in InUseBy.
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> acm.deleteCertificate(r -> r.certificateArn(arn)))
        .isInstanceOf(software.amazon.awssdk.services.acm.model.ResourceInUseException.class);
    assertThat(acm.describeCertificate(r -> r.certificateArn(arn)).certificate().inUseBy()).containsExactly(d.arn());
  }

  static URI api() {
    return URI.create("http://127.0.0.1:" + server.apiPort());
  }

  /** The HTTPS listener of edge IAD89, once the edge has opened it. */
  static InetSocketAddress edgeHttps() {
    var https = new InetSocketAddress[1];
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      https[0] = server.endpoints().stream().filter(e -> e.description().startsWith("CloudFront edge IAD89")
          && e.protocol().equals("https")).findFirst().map(e -> new InetSocketAddress(e.address(), e.port())).orElse(null);
      return https[0] != null;
    });
    return https[0];
  }

  /** An https-only distribution over the test origin, named {@code alias} too, with the ACM certificate {@code arn}. */
  static software.amazon.awssdk.services.cloudfront.model.Distribution aliasDistribution(CloudFrontClient cf, String reference,
      String alias, String arn) {
    return cf.createDistribution(r -> r.distributionConfig(c -> c.callerReference(reference).comment("").enabled(true)
        .aliases(a -> a.quantity(1).items(alias))
        .viewerCertificate(v -> v.acmCertificateArn(arn).sslSupportMethod("sni-only").minimumProtocolVersion("TLSv1.2_2021"))
        .origins(o -> o.quantity(1).items(i -> i.id("o").domainName("localhost")
            .customOriginConfig(x -> x.httpPort(origin.getAddress().getPort()).httpsPort(443).originProtocolPolicy("http-only"))))
        .defaultCacheBehavior(b -> b.targetOriginId("o").viewerProtocolPolicy("https-only")
            .cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6")))).distribution();
  }

  static java.security.cert.X509Certificate leaf(dev.stratus.core.acm.ServingCertificate c) throws Exception {
    return dev.stratus.net.tls.Pem.certificates(c.certificateChainPem()).getFirst();
  }

  static software.amazon.awssdk.core.SdkBytes leafBytes(dev.stratus.core.acm.ServingCertificate c) throws Exception {
    return software.amazon.awssdk.core.SdkBytes.fromUtf8String(dev.stratus.net.tls.Pem.write(leaf(c)));
  }

  /** A client context that accepts any server certificate (certificates imported from a test CA). */
  static SSLContext trustingAnyIssuer() throws Exception {
    var context = SSLContext.getInstance("TLS");
    context.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
      public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) { }
      public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) { }
      public java.security.cert.X509Certificate[] getAcceptedIssuers() { return new java.security.cert.X509Certificate[0]; }
    }}, null);
    return context;
  }

  @Test
  void anAlbHttpsListenerIsAnOrigin_andSeesTheEdgesAddress() throws Exception {
    var forwardedFor = new java.util.concurrent.CopyOnWriteArrayList<String>();
    HttpServer backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    backend.createContext("/", ex -> {
      forwardedFor.add(String.valueOf(ex.getRequestHeaders().getFirst("X-Forwarded-For")));
      byte[] body = "behind the alb".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    backend.start();
    try {
      var ec2 = SdkClients.of(software.amazon.awssdk.services.ec2.Ec2Client.builder(), api());
      var elb = SdkClients.of(software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client.builder(), api());
      var acm = SdkClients.of(software.amazon.awssdk.services.acm.AcmClient.builder(), api());
      String vpc = ec2.describeVpcs(r -> r.filters(f -> f.name("is-default").values("true"))).vpcs().get(0).vpcId();
      var subnets = ec2.describeSubnets(r -> r.filters(f -> f.name("vpc-id").values(vpc))).subnets().stream()
          .limit(2).map(x -> x.subnetId()).toList();
      var lb = elb.createLoadBalancer(r -> r.name("cf-origin-alb").subnets(subnets)).loadBalancers().get(0);
      String tg = elb.createTargetGroup(r -> r.name("cf-origin-tg").protocol("HTTP").port(80).vpcId(vpc).targetType("ip"))
          .targetGroups().get(0).targetGroupArn();
      elb.registerTargets(r -> r.targetGroupArn(tg).targets(t -> t.id("127.0.0.1").port(backend.getAddress().getPort())));
      // the ALB's certificate names its own DNS name, as CloudFront checks the origin's certificate against it
      String cert = acm.requestCertificate(r -> r.domainName(lb.dnsName()).validationMethod("DNS")
          .keyAlgorithm("EC_prime256v1")).certificateArn();
      elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol("HTTPS").port(443)
          .certificates(c -> c.certificateArn(cert)).defaultActions(a -> a.type("forward").targetGroupArn(tg)));
      var cf = SdkClients.of(CloudFrontClient.builder(), api(), Region.AWS_GLOBAL);
      var d = cf.createDistribution(r -> r.distributionConfig(c -> c.callerReference("alb-https").comment("").enabled(true)
          .origins(o -> o.quantity(1).items(i -> i.id("alb").domainName(lb.dnsName())
              .customOriginConfig(x -> x.httpPort(80).httpsPort(443).originProtocolPolicy("https-only"))))
          .defaultCacheBehavior(b -> b.targetOriginId("alb").viewerProtocolPolicy("allow-all")
              .cachePolicyId("4135ea2d-6df8-44a3-9df3-4b5a84be39ad")))).distribution(); // CachingDisabled
      var edgeAddresses = server.endpoints().stream().filter(e -> e.description().startsWith("CloudFront edge"))
          .map(e -> e.address()).collect(java.util.stream.Collectors.toSet());
      var http = server.endpoints().stream().filter(e -> e.description().startsWith("CloudFront edge IAD89")
          && e.protocol().equals("http")).findFirst().map(e -> new InetSocketAddress(e.address(), e.port())).orElseThrow();
      String name = d.domainName().replace(".cloudfront.net", ".cloudfront.localhost");
      String reply = "";
      for (int attempt = 0; attempt < 100 && !reply.contains("behind the alb"); attempt++) {
        reply = plainGet(http, name, "/through-alb");
        if (!reply.contains("behind the alb")) Thread.sleep(200); // the edge deploys, the ALB finds its target healthy
      }
      assertThat(reply).startsWith("HTTP/1.1 200").contains("behind the alb");
      String xff = forwardedFor.getLast();
      String lastHop = xff.substring(xff.lastIndexOf(',') + 1).trim();
      assertThat(edgeAddresses).as(xff).contains(lastHop); // the ALB saw a CloudFront edge's address, not 127.0.0.1
    } finally {
      backend.stop(0);
    }
  }

  static String plainGet(InetSocketAddress at, String name, String path) throws Exception {
    try (Socket s = new Socket()) {
      s.connect(at, 5000);
      s.setSoTimeout(15_000);
      s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + name + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The serial number (hex) of the certificate served for SNI {@code name}. */
  static java.math.BigInteger peerSerial(SSLContext context, InetSocketAddress at, String name) throws Exception {
    try (Socket plain = new Socket()) {
      plain.connect(at, 5000);
      try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, name, at.getPort(), true)) {
        var params = tls.getSSLParameters();
        params.setServerNames(List.of(new SNIHostName(name)));
        params.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(params);
        tls.startHandshake();
        var leaf = (java.security.cert.X509Certificate) tls.getSession().getPeerCertificates()[0];
        return leaf.getSerialNumber();
      }
    }
  }

  /** One HTTP/1.1 GET over TLS to {@code at}, SNI and hostname verification for {@code name}. */
  static String get(SSLContext context, InetSocketAddress at, String name, String path) throws Exception {
    try (Socket plain = new Socket()) {
      plain.connect(at, 5000);
      try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, name, at.getPort(), true)) {
        var params = tls.getSSLParameters();
        params.setServerNames(List.of(new SNIHostName(name)));
        params.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(params);
        tls.setSoTimeout(10_000);
        tls.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + name + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        return new String(tls.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      }
    }
  }

  /** A client context trusting only the CA in {@code pem}. */
  static SSLContext trusting(String pem) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("stratus", CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
    var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    var context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }
}
