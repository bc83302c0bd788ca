package dev.stratus.elbv2.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stratus.acm.AcmModule;
import dev.stratus.ec2.Ec2Module;
import dev.stratus.elbv2.Elbv2Module;
import dev.stratus.elbv2.dataplane.AlbTraffic.Backend;
import dev.stratus.net.tls.Pem;
import dev.stratus.protocol.testing.ApiTestServer;
import dev.stratus.s3.S3Module;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.KeyAlgorithm;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Mutual TLS on an ALB HTTPS listener: a trust store made from a CA bundle in Stratus's S3, verify
 * mode refusing a client without a certificate (or with one from another CA) at the handshake and
 * passing a verified client's details to the target, passthrough sending any client chain in
 * X-Amzn-Mtls-Clientcert, and the trust store's refusals (missing or invalid bundle, duplicate
 * name, TrustStoreInUse while a listener verifies with it).
 */
class MutualTlsIT {
  static ApiTestServer server;
  static Elbv2Module module;
  static ElasticLoadBalancingV2Client elb;
  static LoadBalancer alb;
  static Backend backend;
  static String tg, cert;
  static Issued ca, client, stranger;

  record Issued(KeyPair key, X509Certificate certificate) {}

  static final java.util.concurrent.atomic.AtomicLong SERIALS = new java.util.concurrent.atomic.AtomicLong();

  @BeforeAll
  static void start() throws Exception {
    module = new Elbv2Module(d -> Duration.ofMillis(100));
    server = ApiTestServer.start(Clock.systemUTC(), new AcmModule(), new Ec2Module(), new S3Module(), module);
    elb = server.client(ElasticLoadBalancingV2Client.builder());
    var acm = server.client(AcmClient.builder());
    var ec2 = server.client(Ec2Client.builder());
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    String a = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
    String b = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.2.0/24").availabilityZone("us-east-1b")).subnet().subnetId();
    alb = elb.createLoadBalancer(r -> r.name("mtls").scheme(LoadBalancerSchemeEnum.INTERNAL).subnets(a, b)).loadBalancers().get(0);
    backend = new Backend("app");
    tg = elb.createTargetGroup(r -> r.name("mtls-tg").protocol(ProtocolEnum.HTTP).port(80).vpcId(vpc).targetType(TargetTypeEnum.IP)
        .healthCheckPath("/health")).targetGroups().get(0).targetGroupArn();
    elb.registerTargets(r -> r.targetGroupArn(tg).targets(TargetDescription.builder().id("127.0.0.1").port(backend.port()).build()));
    cert = acm.requestCertificate(r -> r.domainName("*.mtls.example.test").keyAlgorithm(KeyAlgorithm.EC_PRIME256_V1)).certificateArn();

    ca = issue("CN=Test Client CA", null, true);
    client = issue("CN=client-1,O=Example", ca, false);
    stranger = issue("CN=stranger", issue("CN=Other CA", null, true), false);
    try (S3Client s3 = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ApiTestServer.ACCESS_KEY, "secret")))
        .httpClient(UrlConnectionHttpClient.create()).build()) {
      s3.createBucket(r -> r.bucket("trust-bundles"));
      s3.putObject(r -> r.bucket("trust-bundles").key("ca.pem"), RequestBody.fromString(Pem.write(ca.certificate())));
      s3.putObject(r -> r.bucket("trust-bundles").key("junk.pem"), RequestBody.fromString("not a certificate"));
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
    if (backend != null) backend.close();
  }

  static Issued issue(String subject, Issued issuer, boolean isCa) throws Exception {
    Instant now = Instant.now();
    return issue(subject, issuer, isCa, now.minusSeconds(60), now.plus(Duration.ofDays(1)));
  }

  /** A certificate valid from {@code notBefore} to {@code notAfter} (an expired one: both in the past). */
  static Issued issue(String subject, Issued issuer, boolean isCa, Instant notBefore, Instant notAfter) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair key = g.generateKeyPair();
    X500Name name = new X500Name(subject);
    X500Name issuerName = issuer == null ? name : new X500Name(issuer.certificate().getSubjectX500Principal().getName());
    Instant now = Instant.now();
    var builder = new JcaX509v3CertificateBuilder(issuerName, BigInteger.valueOf(now.toEpochMilli() * 1000 + SERIALS.incrementAndGet()),
        Date.from(notBefore), Date.from(notAfter), name, key.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
    if (isCa) builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuer == null ? key.getPrivate() : issuer.key().getPrivate());
    return new Issued(key, new JcaX509CertificateConverter().getCertificate(builder.build(signer)));
  }

  /** A client trusting the Stratus CA, presenting {@code identity} (null: no certificate). */
  static HttpClient clientWith(Issued identity) throws Exception {
    return HttpClient.newBuilder().sslContext(contextWith(identity)).version(HttpClient.Version.HTTP_1_1).build();
  }

  /** A TLS context trusting the Stratus CA, presenting {@code identity} (null: no certificate). */
  static SSLContext contextWith(Issued identity) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("stratus", server.context().extensions().find(dev.stratus.net.tls.StratusCa.class).orElseThrow().certificate());
    var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = null;
    if (identity != null) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("me", identity.key().getPrivate(), "pw".toCharArray(), new X509Certificate[] {identity.certificate()});
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, "pw".toCharArray());
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return context;
  }

  static int get(HttpClient http, String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  /** A CRL of {@code ca} revoking {@code revoked}, PEM. */
  static String crl(Issued ca, Issued... revoked) throws Exception {
    Instant now = Instant.now();
    var builder = new X509v2CRLBuilder(X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
        Date.from(now.minusSeconds(60)));
    builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
    for (Issued r : revoked) builder.addCRLEntry(r.certificate().getSerialNumber(), Date.from(now.minusSeconds(30)), CRLReason.keyCompromise);
    var crl = new JcaX509CRLConverter().getCRL(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.key().getPrivate())));
    return "-----BEGIN X509 CRL-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(crl.getEncoded())
        + "\n-----END X509 CRL-----\n";
  }

  static String code(Throwable e) { return ((ElasticLoadBalancingV2Exception) e).awsErrorDetails().errorCode(); }

  @Test
  void trustStore_verifyRefusesWithoutCertificate_passthroughForwardsChain_inUseUntilListenerGoes() throws Exception {
    assertThatThrownBy(() -> elb.createTrustStore(r -> r.name("missing").caCertificatesBundleS3Bucket("trust-bundles")
        .caCertificatesBundleS3Key("nope.pem"))).satisfies(e -> assertThat(code(e)).isEqualTo("CaCertificatesBundleNotFound"));
    assertThatThrownBy(() -> elb.createTrustStore(r -> r.name("junk").caCertificatesBundleS3Bucket("trust-bundles")
        .caCertificatesBundleS3Key("junk.pem"))).satisfies(e -> assertThat(code(e)).isEqualTo("InvalidCaCertificatesBundle"));
    var store = elb.createTrustStore(r -> r.name("clients").caCertificatesBundleS3Bucket("trust-bundles")
        .caCertificatesBundleS3Key("ca.pem")).trustStores().get(0);
    assertThat(store.numberOfCaCertificates()).isEqualTo(1);
    assertThat(store.statusAsString()).isEqualTo("ACTIVE");
    assertThat(store.trustStoreArn()).contains(":truststore/clients/");
    assertThatThrownBy(() -> elb.createTrustStore(r -> r.name("clients").caCertificatesBundleS3Bucket("trust-bundles")
        .caCertificatesBundleS3Key("ca.pem"))).satisfies(e -> assertThat(code(e)).isEqualTo("DuplicateTrustStoreName"));
    assertThat(elb.describeTrustStores(r -> r.names("clients")).trustStores()).extracting(t -> t.trustStoreArn())
        .containsExactly(store.trustStoreArn());

    int port = AlbTraffic.freePort();
    Action forward = Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(tg).build();
    assertThatThrownBy(() -> elb.createListener(r -> r.loadBalancerArn(alb.loadBalancerArn()).protocol(ProtocolEnum.HTTPS).port(port)
        .certificates(c -> c.certificateArn(cert)).defaultActions(forward).mutualAuthentication(m -> m.mode("verify"))))
        .satisfies(e -> assertThat(code(e)).isEqualTo("ValidationError"));
    String listener = elb.createListener(r -> r.loadBalancerArn(alb.loadBalancerArn()).protocol(ProtocolEnum.HTTPS).port(port)
        .certificates(c -> c.certificateArn(cert)).defaultActions(forward)
        .mutualAuthentication(m -> m.mode("verify").trustStoreArn(store.trustStoreArn()))).listeners().get(0).listenerArn();
    assertThat(elb.describeListeners(r -> r.listenerArns(listener)).listeners().get(0).mutualAuthentication().mode()).isEqualTo("verify");
    InetSocketAddress at = AlbTraffic.node(module, listener, 2);
    TestNames.point("app.mtls.example.test", at.getAddress());
    String url = "https://app.mtls.example.test:" + at.getPort() + "/hello";

    // verify: a client certificate from the trust store's CA gets through, with its details for the target.
    await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> get(clientWith(client), url) == 200);
    assertThat(backend.header("X-Amzn-Mtls-Clientcert-Subject")).isEqualTo(client.certificate().getSubjectX500Principal().getName());
    assertThat(backend.header("X-Amzn-Mtls-Clientcert-Leaf")).startsWith("-----BEGIN%20CERTIFICATE-----");
    // No certificate, or one from another CA: no handshake.
    assertThatThrownBy(() -> get(clientWith(null), url)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> get(clientWith(stranger), url)).isInstanceOf(IOException.class);

    assertThatThrownBy(() -> elb.deleteTrustStore(r -> r.trustStoreArn(store.trustStoreArn())))
        .satisfies(e -> assertThat(code(e)).isEqualTo("TrustStoreInUse"));

    // passthrough: any certificate (or none) is accepted; the target gets the chain.
    elb.modifyListener(r -> r.listenerArn(listener).mutualAuthentication(m -> m.mode("passthrough")));
    await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> get(clientWith(null), url) == 200);
    assertThat(backend.header("X-Amzn-Mtls-Clientcert")).isNull();
    assertThat(get(clientWith(stranger), url)).isEqualTo(200);
    String chain = backend.header("X-Amzn-Mtls-Clientcert");
    assertThat(chain).startsWith("-----BEGIN%20CERTIFICATE-----%0A");
    String pem = java.net.URLDecoder.decode(chain.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(Pem.certificates(pem).get(0).getSubjectX500Principal().getName()).isEqualTo("CN=stranger");

    elb.deleteTrustStore(r -> r.trustStoreArn(store.trustStoreArn())); // passthrough no longer uses it
    assertThatThrownBy(() -> elb.describeTrustStores(r -> r.trustStoreArns(store.trustStoreArn())))
        .satisfies(e -> assertThat(code(e)).isEqualTo("TrustStoreNotFound"));
    elb.deleteListener(r -> r.listenerArn(listener));
  }

  @Test
  void revocations_addDescribeGetRemove_withAwsRefusals_verifyListenerRefusesRevokedCertificate() throws Exception {
    Issued good = issue("CN=good-client", ca, false);
    Issued revoked = issue("CN=revoked-client", ca, false);
    Issued otherCa = issue("CN=Unrelated CA", null, true);
    String crlPem = crl(ca, revoked);
    try (S3Client s3 = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ApiTestServer.ACCESS_KEY, "secret")))
        .httpClient(UrlConnectionHttpClient.create()).build()) {
      s3.putObject(r -> r.bucket("trust-bundles").key("crls/ca.crl.pem"), RequestBody.fromString(crlPem));
      s3.putObject(r -> r.bucket("trust-bundles").key("crls/other.crl.pem"), RequestBody.fromString(crl(otherCa, revoked)));
      s3.putObject(r -> r.bucket("trust-bundles").key("other-ca.pem"), RequestBody.fromString(Pem.write(otherCa.certificate())));
    }
    String store = elb.createTrustStore(r -> r.name("revoking").caCertificatesBundleS3Bucket("trust-bundles")
        .caCertificatesBundleS3Key("ca.pem")).trustStores().get(0).trustStoreArn();
    String missingStore = store.replace("/revoking/", "/nothing/");

    // AWS's refusals.
    assertThatThrownBy(() -> elb.addTrustStoreRevocations(r -> r.trustStoreArn(missingStore).revocationContents(c -> c
        .s3Bucket("trust-bundles").s3Key("crls/ca.crl.pem").revocationType("CRL"))))
        .satisfies(e -> assertThat(code(e)).isEqualTo("TrustStoreNotFound"));
    assertThatThrownBy(() -> elb.addTrustStoreRevocations(r -> r.trustStoreArn(store).revocationContents(c -> c
        .s3Bucket("trust-bundles").s3Key("crls/none.pem").revocationType("CRL"))))
        .satisfies(e -> assertThat(code(e)).isEqualTo("RevocationContentNotFound"));
    assertThatThrownBy(() -> elb.addTrustStoreRevocations(r -> r.trustStoreArn(store).revocationContents(c -> c
        .s3Bucket("trust-bundles").s3Key("junk.pem").revocationType("CRL"))))
        .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidRevocationContent"));
    assertThatThrownBy(() -> elb.addTrustStoreRevocations(r -> r.trustStoreArn(store).revocationContents(c -> c
        .s3Bucket("trust-bundles").s3Key("crls/other.crl.pem").revocationType("CRL"))))
        .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidRevocationContent"));
    assertThat(elb.describeTrustStoreRevocations(r -> r.trustStoreArn(store)).trustStoreRevocations()).isEmpty();

    int port = AlbTraffic.freePort();
    Action forward = Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(tg).build();
    String listener = elb.createListener(r -> r.loadBalancerArn(alb.loadBalancerArn()).protocol(ProtocolEnum.HTTPS).port(port)
        .certificates(c -> c.certificateArn(cert)).defaultActions(forward)
        .mutualAuthentication(m -> m.mode("verify").trustStoreArn(store))).listeners().get(0).listenerArn();
    InetSocketAddress at = AlbTraffic.node(module, listener, 2);
    TestNames.point("crl.mtls.example.test", at.getAddress());
    String url = "https://crl.mtls.example.test:" + at.getPort() + "/crl";
    await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> get(clientWith(revoked), url) == 200); // not revoked yet

    var added = elb.addTrustStoreRevocations(r -> r.trustStoreArn(store).revocationContents(c -> c
        .s3Bucket("trust-bundles").s3Key("crls/ca.crl.pem").revocationType("CRL"))).trustStoreRevocations();
    assertThat(added).hasSize(1);
    assertThat(added.get(0).revocationId()).isEqualTo(1L);
    assertThat(added.get(0).numberOfRevokedEntries()).isEqualTo(1L);
    assertThat(added.get(0).revocationTypeAsString()).isEqualTo("CRL");
    assertThat(added.get(0).trustStoreArn()).isEqualTo(store);
    assertThat(elb.describeTrustStores(r -> r.trustStoreArns(store)).trustStores().get(0).totalRevokedEntries()).isEqualTo(1L);
    assertThat(elb.describeTrustStoreRevocations(r -> r.trustStoreArn(store)).trustStoreRevocations())
        .extracting(x -> x.revocationId() + ":" + x.numberOfRevokedEntries()).containsExactly("1:1");
    assertThatThrownBy(() -> elb.describeTrustStoreRevocations(r -> r.trustStoreArn(store).revocationIds(1L, 99L)))
        .satisfies(e -> assertThat(code(e)).isEqualTo("RevocationIdNotFound"));
    assertThatThrownBy(() -> elb.getTrustStoreRevocationContent(r -> r.trustStoreArn(store).revocationId(99L)))
        .satisfies(e -> assertThat(code(e)).isEqualTo("RevocationIdNotFound"));
    assertThatThrownBy(() -> elb.removeTrustStoreRevocations(r -> r.trustStoreArn(store).revocationIds(1L, 99L)))
        .satisfies(e -> assertThat(code(e)).isEqualTo("RevocationIdNotFound"));

    // The revocation file can be read back from the Location given (the object in Stratus's S3, presigned form, 10 minutes).
    String location = elb.getTrustStoreRevocationContent(r -> r.trustStoreArn(store).revocationId(1L)).location();
    URI loc = URI.create(location);
    assertThat(loc.getPath()).isEqualTo("/trust-bundles/crls/ca.crl.pem");
    assertThat(loc.getRawQuery()).contains("X-Amz-Expires=600", "X-Amz-Credential=");
    try (var http = HttpClient.newHttpClient()) {
      var crlBack = http.send(HttpRequest.newBuilder(server.endpoint().resolve(loc.getRawPath() + "?" + loc.getRawQuery())).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(crlBack.statusCode()).isEqualTo(200);
      assertThat(crlBack.body()).isEqualTo(crlPem);
    }

    // verify: the revoked certificate no longer gets a handshake; another of the same CA still does.
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      try {
        get(clientWith(revoked), url);
        return false;
      } catch (IOException e) {
        return true;
      }
    });
    assertThat(get(clientWith(good), url)).isEqualTo(200);
    assertThat(backend.header("X-Amzn-Mtls-Clientcert-Subject")).isEqualTo("CN=good-client");

    // Removed: the certificate passes again.
    elb.removeTrustStoreRevocations(r -> r.trustStoreArn(store).revocationIds(1L));
    assertThat(elb.describeTrustStores(r -> r.trustStoreArns(store)).trustStores().get(0).totalRevokedEntries()).isZero();
    await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> get(clientWith(revoked), url) == 200);

    // The balancer whose listener verifies with the store; the bundle's Location; a new bundle applies at once.
    assertThat(elb.describeTrustStoreAssociations(r -> r.trustStoreArn(store)).trustStoreAssociations())
        .extracting(a -> a.resourceArn()).containsExactly(alb.loadBalancerArn());
    assertThatThrownBy(() -> elb.describeTrustStoreAssociations(r -> r.trustStoreArn(missingStore)))
        .satisfies(e -> assertThat(code(e)).isEqualTo("TrustStoreNotFound"));
    URI bundle = URI.create(elb.getTrustStoreCaCertificatesBundle(r -> r.trustStoreArn(store)).location());
    try (var http = HttpClient.newHttpClient()) {
      var pem = http.send(HttpRequest.newBuilder(server.endpoint().resolve(bundle.getRawPath() + "?" + bundle.getRawQuery())).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(pem.statusCode()).isEqualTo(200);
      assertThat(Pem.certificates(pem.body()).get(0)).isEqualTo(ca.certificate());
    }
    assertThatThrownBy(() -> elb.modifyTrustStore(r -> r.trustStoreArn(store).caCertificatesBundleS3Bucket("trust-bundles")
        .caCertificatesBundleS3Key("junk.pem"))).satisfies(e -> assertThat(code(e)).isEqualTo("InvalidCaCertificatesBundle"));
    assertThatThrownBy(() -> elb.modifyTrustStore(r -> r.trustStoreArn(store).caCertificatesBundleS3Bucket("trust-bundles")
        .caCertificatesBundleS3Key("gone.pem"))).satisfies(e -> assertThat(code(e)).isEqualTo("CaCertificatesBundleNotFound"));
    assertThatThrownBy(() -> elb.modifyTrustStore(r -> r.trustStoreArn(missingStore).caCertificatesBundleS3Bucket("trust-bundles")
        .caCertificatesBundleS3Key("other-ca.pem"))).satisfies(e -> assertThat(code(e)).isEqualTo("TrustStoreNotFound"));
    var modified = elb.modifyTrustStore(r -> r.trustStoreArn(store).caCertificatesBundleS3Bucket("trust-bundles")
        .caCertificatesBundleS3Key("other-ca.pem")).trustStores().get(0);
    assertThat(modified.numberOfCaCertificates()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      try {
        get(clientWith(good), url);
        return false;
      } catch (IOException e) {
        return true; // the old CA's client no longer gets a handshake
      }
    });
    elb.deleteListener(r -> r.listenerArn(listener));
    assertThat(elb.describeTrustStoreAssociations(r -> r.trustStoreArn(store)).trustStoreAssociations()).isEmpty();
  }
}
