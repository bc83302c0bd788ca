package dev.stratus.elbv2.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stratus.acm.AcmModule;
import dev.stratus.ec2.Ec2Module;
import dev.stratus.elbv2.Elbv2Module;
import dev.stratus.elbv2.dataplane.AlbTraffic.Backend;
import dev.stratus.net.tls.StratusCa;
import dev.stratus.protocol.testing.ApiTestServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.KeyAlgorithm;
import software.amazon.awssdk.services.acm.model.ResourceInUseException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CertificateNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionStatusCodeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * ALB HTTPS listeners with ACM certificates, through real TLS clients that trust only the Stratus
 * CA: SNI choosing between two certificates, the default certificate without SNI, X-Forwarded-*
 * to the target, HTTP→HTTPS redirect followed by the JDK HttpClient, and ACM refusing to delete a
 * certificate a listener uses; an NLB TLS listener terminating TLS in front of a TCP target.
 */
class ElbTlsIT {
  static ApiTestServer server;
  static Elbv2Module module;
  static ElasticLoadBalancingV2Client elb;
  static AcmClient acm;
  static LoadBalancer alb;
  static Backend backend;
  static String certA, certB, tg, vpc, subnetA;
  static SSLContext trustStratus;

  @BeforeAll
  static void start() throws Exception {
    module = new Elbv2Module(d -> Duration.ofMillis(100));
    server = ApiTestServer.start(Clock.systemUTC(), new AcmModule(), new Ec2Module(), module);
    elb = server.client(ElasticLoadBalancingV2Client.builder());
    acm = server.client(AcmClient.builder());
    var ec2 = server.client(Ec2Client.builder());
    vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    String a = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
    String b = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.2.0/24").availabilityZone("us-east-1b")).subnet().subnetId();
    subnetA = a;
    alb = elb.createLoadBalancer(r -> r.name("secure").scheme(LoadBalancerSchemeEnum.INTERNAL).subnets(a, b)).loadBalancers().get(0);
    backend = new Backend("b1");
    tg = elb.createTargetGroup(r -> r.name("secure-tg").protocol(ProtocolEnum.HTTP).port(80).vpcId(vpc).targetType(TargetTypeEnum.IP)
        .healthCheckPath("/health")).targetGroups().get(0).targetGroupArn();
    elb.registerTargets(r -> r.targetGroupArn(tg).targets(TargetDescription.builder().id("127.0.0.1").port(backend.port()).build()));
    certA = acm.requestCertificate(r -> r.domainName("a.example.test").subjectAlternativeNames("*.a.example.test").keyAlgorithm(KeyAlgorithm.EC_PRIME256_V1)).certificateArn();
    certB = acm.requestCertificate(r -> r.domainName("*.b.example.test").keyAlgorithm(KeyAlgorithm.EC_PRIME256_V1)).certificateArn();

    trustStratus = AlbTraffic.trustingStratus(server);
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
    if (backend != null) backend.close();
  }

  static Action forward() { return Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(tg).build(); }

  static InetSocketAddress nodeOf(String listenerArn) {
    return AlbTraffic.node(module, listenerArn, 2);
  }


  static String httpsListener(int port) {
    return elb.createListener(r -> r.loadBalancerArn(alb.loadBalancerArn()).protocol(ProtocolEnum.HTTPS).port(port)
        .certificates(c -> c.certificateArn(certA)).defaultActions(forward())).listeners().get(0).listenerArn();
  }

  /** The certificate a TLS handshake with {@code sni} (null: none) gets from {@code at}. */
  static X509Certificate presented(InetSocketAddress at, String sni) throws Exception {
    try (var socket = (SSLSocket) AlbTraffic.trustingStratus(server).getSocketFactory().createSocket(at.getAddress(), at.getPort())) {
      var params = socket.getSSLParameters();
      if (sni != null) params.setServerNames(java.util.List.of(new SNIHostName(sni)));
      socket.setSSLParameters(params);
      socket.startHandshake(); // fails unless the chain leads to the Stratus CA
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }

  /** The TLS version a client allowing only {@code version} settles on with {@code at}. */
  static String tlsVersion(InetSocketAddress at, String version) throws Exception {
    try (var socket = (SSLSocket) AlbTraffic.trustingStratus(server).getSocketFactory().createSocket(at.getAddress(), at.getPort())) {
      socket.setEnabledProtocols(new String[] {version});
      socket.startHandshake();
      return socket.getSession().getProtocol();
    }
  }

  /** The cipher a TLS 1.2 client offering only {@code cipher} settles on with {@code at} (throws when refused). */
  static String cipher12(InetSocketAddress at, String cipher) throws Exception {
    try (var socket = (SSLSocket) AlbTraffic.trustingStratus(server).getSocketFactory().createSocket(at.getAddress(), at.getPort())) {
      socket.setEnabledProtocols(new String[] {"TLSv1.2"});
      socket.setEnabledCipherSuites(new String[] {cipher});
      socket.startHandshake();
      return socket.getSession().getCipherSuite();
    }
  }

  @Test
  void sslPolicy_ciphers_aClientOfferingOnlyACipherThePolicyLacksIsRefused() throws Exception {
    int port = AlbTraffic.freePort();
    String listener = httpsListener(port); // the default policy, ELBSecurityPolicy-TLS13-1-2-2021-06: ECDHE CBC-SHA256 allowed
    InetSocketAddress at = nodeOf(listener);
    String cbc = "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256";
    String gcm = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    assertThat(cipher12(at, cbc)).isEqualTo(cbc);
    elb.modifyListener(r -> r.listenerArn(listener).sslPolicy("ELBSecurityPolicy-TLS13-1-2-Res-2021-06")); // ECDHE GCM only
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThatThrownBy(() -> cipher12(at, cbc)).isInstanceOf(javax.net.ssl.SSLException.class));
    assertThat(cipher12(at, gcm)).isEqualTo(gcm);
    var policy = elb.describeSSLPolicies(r -> r.names("ELBSecurityPolicy-TLS13-1-2-Res-2021-06")).sslPolicies().get(0);
    assertThat(policy.ciphers()).extracting(c -> c.name()).containsExactly("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
        "TLS_CHACHA20_POLY1305_SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
        "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384");
    assertThat(policy.ciphers().get(0).priority()).isEqualTo(1);
    elb.deleteListener(r -> r.listenerArn(listener));
  }

  static String cn(X509Certificate c) { return c.getSubjectX500Principal().getName().replace("CN=", ""); }

  @Test
  void https_sniChoosesTheCertificate_defaultWithoutSni_andTargetsSeeHttps() throws Exception {
    elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(alb.loadBalancerArn()).attributes(
        a -> a.key("access_logs.s3.enabled").value("true"), a -> a.key("access_logs.s3.bucket").value("logs")));
    int port = AlbTraffic.freePort();
    String listener = httpsListener(port);
    elb.addListenerCertificates(r -> r.listenerArn(listener).certificates(c -> c.certificateArn(certB)));
    var at = nodeOf(listener);
    module.dataPlane().awaitCurrent();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(cn(presented(at, "x.b.example.test"))).isEqualTo("*.b.example.test"));
    assertThat(cn(presented(at, "a.example.test"))).isEqualTo("a.example.test");
    assertThat(cn(presented(at, "unknown.example.test"))).isEqualTo("a.example.test"); // the default certificate
    assertThat(cn(presented(at, null))).isEqualTo("a.example.test");

    TestNames.point("a.example.test", at.getAddress()); // each test its own name: the JDK caches lookups
    try (var http = HttpClient.newBuilder().sslContext(trustStratus).version(HttpClient.Version.HTTP_1_1).build()) {
      var response = http.send(HttpRequest.newBuilder(URI.create("https://a.example.test:" + at.getPort() + "/hello")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("b1\n");
    }
    assertThat(backend.header("X-Forwarded-Proto")).isEqualTo("https");
    assertThat(backend.header("X-Forwarded-Port")).isEqualTo(String.valueOf(at.getPort()));

    // HTTP/2 to the client over ALPN (HTTP/1.1 to the target), several requests on one connection.
    try (var http = HttpClient.newBuilder().sslContext(trustStratus).version(HttpClient.Version.HTTP_2).build()) {
      for (int i = 0; i < 3; i++) {
        var response = http.send(HttpRequest.newBuilder(URI.create("https://a.example.test:" + at.getPort() + "/h2?i=" + i))
            .POST(HttpRequest.BodyPublishers.ofString("body" + i)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("b1\n");
      }
    }
    assertThat(backend.header("Host")).isEqualTo("a.example.test:" + at.getPort());
    assertThat(backend.header("X-Forwarded-Proto")).isEqualTo("https");
    assertThat(backend.header("x-http2-scheme")).isNull();

    // Access log lines name the TLS facts: type https or h2, cipher, protocol, the SNI name.
    var log = AlbAccessLog.fileOf(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "stratus-access-logs"), alb.loadBalancerArn());
    await().atMost(Duration.ofSeconds(5)).until(() -> java.nio.file.Files.exists(log)
        && java.nio.file.Files.readAllLines(log).stream().anyMatch(l -> l.startsWith("h2 ")));
    var lines = java.nio.file.Files.readAllLines(log);
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("https ").contains(" TLSv1.3 ").contains(" \"a.example.test\" ")
        .contains("\"GET https://a.example.test:" + at.getPort() + "/hello HTTP/1.1\""));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("h2 ").containsPattern(" TLS_[A-Z0-9_]+ TLSv1\\.3 ")
        .contains("\"POST https://a.example.test:" + at.getPort() + "/h2?i=0 HTTP/2.0\""));

    // The security policy's TLS versions: TLS13-1-3 refuses a TLS 1.2 client.
    assertThat(tlsVersion(at, "TLSv1.2")).isEqualTo("TLSv1.2");
    elb.modifyListener(r -> r.listenerArn(listener).sslPolicy("ELBSecurityPolicy-TLS13-1-3-2021-06"));
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThatThrownBy(() -> tlsVersion(at, "TLSv1.2")).isInstanceOf(javax.net.ssl.SSLException.class));
    assertThat(tlsVersion(at, "TLSv1.3")).isEqualTo("TLSv1.3");

    // A certificate a listener serves cannot be deleted.
    assertThatThrownBy(() -> acm.deleteCertificate(r -> r.certificateArn(certB))).isInstanceOf(ResourceInUseException.class);
    assertThat(acm.describeCertificate(r -> r.certificateArn(certA)).certificate().inUseBy()).containsExactly(alb.loadBalancerArn());
    elb.deleteListener(r -> r.listenerArn(listener));
  }

  /** The serial of the certificate a handshake with {@code sni} gets, trusting any issuer (imported certificates). */
  static java.math.BigInteger servedSerial(InetSocketAddress at, String sni) throws Exception {
    var context = SSLContext.getInstance("TLS");
    context.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
      public void checkClientTrusted(X509Certificate[] c, String a) { }
      public void checkServerTrusted(X509Certificate[] c, String a) { }
      public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }}, null);
    try (var socket = (SSLSocket) context.getSocketFactory().createSocket(at.getAddress(), at.getPort())) {
      var params = socket.getSSLParameters();
      params.setServerNames(java.util.List.of(new SNIHostName(sni)));
      socket.setSSLParameters(params);
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
    }
  }

  /** Imports {@code c} (leaf and key) into ACM, into {@code arn} when given (a reimport); returns the ARN. */
  static String importInto(String arn, dev.stratus.core.acm.ServingCertificate c) throws Exception {
    String leaf = dev.stratus.net.tls.Pem.write(leaf(c));
    return acm.importCertificate(r -> r.certificateArn(arn)
        .certificate(software.amazon.awssdk.core.SdkBytes.fromUtf8String(leaf))
        .privateKey(software.amazon.awssdk.core.SdkBytes.fromUtf8String(c.privateKeyPem()))).certificateArn();
  }

  static X509Certificate leaf(dev.stratus.core.acm.ServingCertificate c) throws Exception {
    return dev.stratus.net.tls.Pem.certificates(c.certificateChainPem()).getFirst();
  }

  @Test
  void reimport_sameArn_openListenersServeTheNewCertificates_albDefaultAndBySni_nlbTls() throws Exception {
    var testCa = StratusCa.generate(Clock.systemUTC());
    // One instant for every issue: the reimported certificates differ from the first ones only in content.
    Clock fixed = Clock.fixed(java.time.Instant.now(), java.time.ZoneOffset.UTC);
    var default1 = dev.stratus.net.tls.TlsContexts.stratusNames(testCa, java.util.List.of("re.example.test"), fixed);
    var sni1 = dev.stratus.net.tls.TlsContexts.stratusNames(testCa, java.util.List.of("sni.re.example.test"), fixed);
    String defaultArn = importInto(null, default1);
    String sniArn = importInto(null, sni1);
    int port = AlbTraffic.freePort();
    String listener = elb.createListener(r -> r.loadBalancerArn(alb.loadBalancerArn()).protocol(ProtocolEnum.HTTPS).port(port)
        .certificates(c -> c.certificateArn(defaultArn)).defaultActions(forward())).listeners().get(0).listenerArn();
    elb.addListenerCertificates(r -> r.listenerArn(listener).certificates(c -> c.certificateArn(sniArn)));
    var at = nodeOf(listener);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(servedSerial(at, "sni.re.example.test")).isEqualTo(leaf(sni1).getSerialNumber()));
    assertThat(servedSerial(at, "re.example.test")).isEqualTo(leaf(default1).getSerialNumber());
    // An NLB TLS listener with the same default certificate.
    var nlb = elb.createLoadBalancer(r -> r.name("reimport-nlb").type(LoadBalancerTypeEnum.NETWORK)
        .scheme(LoadBalancerSchemeEnum.INTERNAL).subnets(subnetA)).loadBalancers().get(0);
    String tcp = elb.createTargetGroup(r -> r.name("reimport-tcp").protocol(ProtocolEnum.TCP).port(80).vpcId(vpc)
        .targetType(TargetTypeEnum.IP)).targetGroups().get(0).targetGroupArn();
    elb.registerTargets(r -> r.targetGroupArn(tcp).targets(TargetDescription.builder().id("127.0.0.1").port(backend.port()).build()));
    int nlbPort = AlbTraffic.freePort();
    String tlsListener = elb.createListener(r -> r.loadBalancerArn(nlb.loadBalancerArn()).protocol(ProtocolEnum.TLS).port(nlbPort)
        .certificates(c -> c.certificateArn(defaultArn))
        .defaultActions(Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(tcp).build())).listeners().get(0).listenerArn();
    var nlbAt = new AtomicReference<InetSocketAddress>();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      Map<String, InetSocketAddress> nodes = module.dataPlane().listeners().get(tlsListener);
      if (nodes == null || nodes.isEmpty()) return false;
      nlbAt.set(nodes.values().iterator().next());
      return true;
    });
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(servedSerial(nlbAt.get(), "re.example.test")).isEqualTo(leaf(default1).getSerialNumber()));

    // Reimport both into their ARNs: no ELB call, the same socket, the new certificates.
    var default2 = dev.stratus.net.tls.TlsContexts.stratusNames(testCa, java.util.List.of("re.example.test"), fixed);
    var sni2 = dev.stratus.net.tls.TlsContexts.stratusNames(testCa, java.util.List.of("sni.re.example.test"), fixed);
    assertThat(default2.notAfter()).isEqualTo(default1.notAfter());
    assertThat(importInto(defaultArn, default2)).isEqualTo(defaultArn);
    assertThat(importInto(sniArn, sni2)).isEqualTo(sniArn);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(servedSerial(at, "re.example.test")).isEqualTo(leaf(default2).getSerialNumber());
      assertThat(servedSerial(at, "sni.re.example.test")).isEqualTo(leaf(sni2).getSerialNumber());
      assertThat(servedSerial(nlbAt.get(), "re.example.test")).isEqualTo(leaf(default2).getSerialNumber());
    });
    assertThat(module.dataPlane().listeners().get(listener)).containsValue(at);
    assertThat(module.dataPlane().listeners().get(tlsListener)).containsValue(nlbAt.get());
    elb.deleteListener(r -> r.listenerArn(listener));
    elb.deleteLoadBalancer(r -> r.loadBalancerArn(nlb.loadBalancerArn()));
  }

  @Test
  void redirect_httpToHttps_isFollowedByARealClient() throws Exception {
    int httpsPort = AlbTraffic.freePort();
    String secure = httpsListener(httpsPort);
    int httpPort = AlbTraffic.freePort();
    String plain = elb.createListener(r -> r.loadBalancerArn(alb.loadBalancerArn()).protocol(ProtocolEnum.HTTP).port(httpPort)
        .defaultActions(Action.builder().type(ActionTypeEnum.REDIRECT).redirectConfig(c -> c.protocol("HTTPS")
            .port(String.valueOf(httpsPort)).statusCode(RedirectActionStatusCodeEnum.HTTP_301)).build()))
        .listeners().get(0).listenerArn();
    var httpAt = nodeOf(plain);
    var httpsAt = nodeOf(secure);
    // Both listeners on the same node address, so one name reaches both.
    var sameNode = module.dataPlane().listeners().get(secure).get(httpAt.getAddress().getHostAddress());
    assertThat(sameNode).isNotNull();
    TestNames.point("r.a.example.test", httpAt.getAddress());
    try (var http = HttpClient.newBuilder().sslContext(trustStratus).followRedirects(HttpClient.Redirect.ALWAYS).build()) {
      var response = http.send(HttpRequest.newBuilder(URI.create("http://r.a.example.test:" + httpPort + "/go?x=1")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.uri().toString()).isEqualTo("https://r.a.example.test:" + httpsPort + "/go?x=1");
      assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2); // h2 over ALPN after the redirect
      assertThat(response.body()).isEqualTo("b1\n");
    }
    assertThat(httpsAt).isNotNull();
    elb.deleteListener(r -> r.listenerArn(plain));
    elb.deleteListener(r -> r.listenerArn(secure));
  }

  @Test
  void nlbTls_terminatesTlsWithTheAcmCertificate_andForwardsTcp() throws Exception {
    var nlb = elb.createLoadBalancer(r -> r.name("secure-nlb").type(LoadBalancerTypeEnum.NETWORK)
        .scheme(LoadBalancerSchemeEnum.INTERNAL).subnets(subnetA)).loadBalancers().get(0);
    String tcp = elb.createTargetGroup(r -> r.name("secure-tcp").protocol(ProtocolEnum.TCP).port(80).vpcId(vpc)
        .targetType(TargetTypeEnum.IP)).targetGroups().get(0).targetGroupArn();
    elb.registerTargets(r -> r.targetGroupArn(tcp).targets(TargetDescription.builder().id("127.0.0.1").port(backend.port()).build()));
    int port = AlbTraffic.freePort();
    String listener = elb.createListener(r -> r.loadBalancerArn(nlb.loadBalancerArn()).protocol(ProtocolEnum.TLS).port(port)
        .certificates(c -> c.certificateArn(certA))
        .defaultActions(Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(tcp).build())).listeners().get(0).listenerArn();
    var at = new AtomicReference<InetSocketAddress>();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      Map<String, InetSocketAddress> nodes = module.dataPlane().listeners().get(listener);
      if (nodes == null || nodes.isEmpty()) return false;
      at.set(nodes.values().iterator().next());
      return true;
    });
    assertThat(cn(presented(at.get(), "a.example.test"))).isEqualTo("a.example.test");
    TestNames.point("nlb.a.example.test", at.get().getAddress());
    try (var http = HttpClient.newBuilder().sslContext(AlbTraffic.trustingStratus(server)).version(HttpClient.Version.HTTP_1_1).build()) {
      var response = http.send(HttpRequest.newBuilder(URI.create("https://nlb.a.example.test:" + port + "/via-nlb")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("b1\n");
    }
    assertThat(backend.header("X-Forwarded-Proto")).isNull(); // an NLB passes bytes, it adds no headers
    elb.deleteLoadBalancer(r -> r.loadBalancerArn(nlb.loadBalancerArn()));
  }

  @Test
  void createListener_refusesWhatAwsRefuses() {
    int port = 9443;
    var missing = "arn:aws:acm:us-east-1:000000000000:certificate/00000000-0000-0000-0000-000000000000";
    assertThatThrownBy(() -> elb.createListener(r -> r.loadBalancerArn(alb.loadBalancerArn()).protocol(ProtocolEnum.HTTPS).port(port)
        .certificates(c -> c.certificateArn(missing)).defaultActions(forward())))
        .isInstanceOfSatisfying(CertificateNotFoundException.class,
            e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Certificate '" + missing + "' not found"));
    assertThatThrownBy(() -> elb.createListener(r -> r.loadBalancerArn(alb.loadBalancerArn()).protocol(ProtocolEnum.HTTPS).port(port)
        .defaultActions(forward())))
        .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class, e -> {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("A certificate must be specified for HTTPS listeners");
        });
    assertThatThrownBy(() -> elb.createListener(r -> r.loadBalancerArn(alb.loadBalancerArn()).protocol(ProtocolEnum.HTTP).port(port)
        .certificates(c -> c.certificateArn(certA)).defaultActions(forward())))
        .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
            e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("A certificate cannot be specified for HTTP listeners"));
  }
}
