package dev.stratus.elbv2.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stratus.acm.AcmModule;
import dev.stratus.ec2.Ec2Module;
import dev.stratus.elbv2.Elbv2Module;
import dev.stratus.elbv2.dataplane.MutualTlsIT.Issued;
import dev.stratus.net.tls.Pem;
import dev.stratus.protocol.testing.ApiTestServer;
import dev.stratus.s3.S3Module;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLSocket;
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
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Mutual TLS on a Network Load Balancer's TLS listener (verify mode only, as AWS since Nov 2026):
 * the API accepts verify and off and refuses passthrough; the listener's handshake admits a client
 * certificate chained to the trust store and refuses none, another CA's, a revoked or an expired
 * one (unless IgnoreClientCertificateExpiry); admitted bytes reach a TCP echo target untouched.
 */
class NlbMutualTlsIT {
  static ApiTestServer server;
  static Elbv2Module module;
  static ElasticLoadBalancingV2Client elb;
  static LoadBalancer nlb;
  static Targets.Tcp echo;
  static String tg, cert, subnet;
  static Issued ca, client, stranger, revoked, expired;

  @BeforeAll
  static void start() throws Exception {
    module = new Elbv2Module(d -> Duration.ofMillis(100));
    server = ApiTestServer.start(Clock.systemUTC(), new AcmModule(), new Ec2Module(), new S3Module(), module);
    MutualTlsIT.server = server; // its client contexts trust this server's Stratus CA
    elb = server.client(ElasticLoadBalancingV2Client.builder());
    var acm = server.client(AcmClient.builder());
    var ec2 = server.client(Ec2Client.builder());
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
    nlb = elb.createLoadBalancer(r -> r.name("nlb-mtls").type(LoadBalancerTypeEnum.NETWORK).scheme(LoadBalancerSchemeEnum.INTERNAL)
        .subnets(subnet)).loadBalancers().get(0);
    echo = new Targets.Tcp("echo", false);
    tg = elb.createTargetGroup(r -> r.name("nlb-mtls-tcp").protocol(ProtocolEnum.TCP).port(80).vpcId(vpc)
        .targetType(TargetTypeEnum.IP)).targetGroups().get(0).targetGroupArn();
    elb.registerTargets(r -> r.targetGroupArn(tg).targets(t -> t.id("127.0.0.1").port(echo.port())));
    cert = acm.requestCertificate(r -> r.domainName("*.nlb-mtls.example.test").keyAlgorithm(KeyAlgorithm.EC_PRIME256_V1))
        .certificateArn();

    Instant now = Instant.now();
    ca = MutualTlsIT.issue("CN=NLB Client CA", null, true, now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(30)));
    client = MutualTlsIT.issue("CN=device-1,O=Example", ca, false);
    revoked = MutualTlsIT.issue("CN=device-revoked", ca, false);
    expired = MutualTlsIT.issue("CN=device-expired", ca, false, now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)));
    stranger = MutualTlsIT.issue("CN=stranger", MutualTlsIT.issue("CN=Other CA", null, true), false);
    try (S3Client s3 = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ApiTestServer.ACCESS_KEY, "secret")))
        .httpClient(UrlConnectionHttpClient.create()).build()) {
      s3.createBucket(r -> r.bucket("nlb-trust"));
      s3.putObject(r -> r.bucket("nlb-trust").key("ca.pem"), RequestBody.fromString(Pem.write(ca.certificate())));
      s3.putObject(r -> r.bucket("nlb-trust").key("ca.crl.pem"), RequestBody.fromString(MutualTlsIT.crl(ca, revoked)));
    }
  }

  @AfterAll
  static void stop() throws IOException {
    if (server != null) server.close();
    if (echo != null) echo.close();
  }

  static Action forward() { return Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(tg).build(); }

  /** Where the test's TLS clients connect from (any 127.0.0.0/8 address binds on Linux). */
  static final String CLIENT_IP = "127.0.0.77";

  static InetSocketAddress nodeOf(String listenerArn) {
    var at = new AtomicReference<InetSocketAddress>();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      Map<String, InetSocketAddress> nodes = module.dataPlane().listeners().get(listenerArn);
      if (nodes == null || nodes.isEmpty()) return false;
      at.set(nodes.values().iterator().next());
      return true;
    });
    return at.get();
  }

  /** One line through a TLS connection presenting {@code identity} (null: none): the echo's answer, or null if closed. */
  static String ask(InetSocketAddress at, Issued identity, String line) throws Exception {
    try (var socket = (SSLSocket) MutualTlsIT.contextWith(identity).getSocketFactory().createSocket(at.getAddress(), at.getPort(),
        java.net.InetAddress.getByName(CLIENT_IP), 0)) {
      socket.setSoTimeout(5000);
      socket.startHandshake();
      socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }
  }

  /** Whether the listener refuses {@code identity}: the handshake fails (TLS 1.3: the alert comes after the client's Finished). */
  static boolean refused(InetSocketAddress at, Issued identity) {
    try {
      return ask(at, identity, "knock") == null;
    } catch (Exception e) {
      return true;
    }
  }

  static boolean admitted(InetSocketAddress at, Issued identity) {
    try {
      return "echo:knock".equals(ask(at, identity, "knock"));
    } catch (Exception e) {
      return false;
    }
  }

  /** The CA names the listener's CertificateRequest carries, as a client presenting {@link #client} sees them. */
  static java.util.List<String> advertised(InetSocketAddress at) {
    var seen = new java.util.concurrent.CopyOnWriteArrayList<String>();
    try {
      var keys = java.security.KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("me", client.key().getPrivate(), "pw".toCharArray(), new java.security.cert.X509Certificate[] {client.certificate()});
      var kmf = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, "pw".toCharArray());
      var real = (javax.net.ssl.X509KeyManager) kmf.getKeyManagers()[0];
      var recording = new javax.net.ssl.X509ExtendedKeyManager() {
        @Override
        public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers, java.net.Socket socket) {
          if (issuers != null) for (var p : issuers) seen.add(p.getName());
          return "me";
        }

        @Override
        public String[] getClientAliases(String keyType, java.security.Principal[] issuers) { return new String[] {"me"}; }

        @Override
        public String[] getServerAliases(String keyType, java.security.Principal[] issuers) { return null; }

        @Override
        public String chooseServerAlias(String keyType, java.security.Principal[] issuers, java.net.Socket socket) { return null; }

        @Override
        public java.security.cert.X509Certificate[] getCertificateChain(String alias) { return real.getCertificateChain(alias); }

        @Override
        public java.security.PrivateKey getPrivateKey(String alias) { return real.getPrivateKey(alias); }
      };
      var trust = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
      var anchors = java.security.KeyStore.getInstance("PKCS12");
      anchors.load(null, null);
      anchors.setCertificateEntry("stratus",
          server.context().extensions().find(dev.stratus.net.tls.StratusCa.class).orElseThrow().certificate());
      trust.init(anchors);
      var context = javax.net.ssl.SSLContext.getInstance("TLS");
      context.init(new javax.net.ssl.KeyManager[] {recording}, trust.getTrustManagers(), null);
      try (var socket = (SSLSocket) context.getSocketFactory().createSocket(at.getAddress(), at.getPort())) {
        socket.setSoTimeout(5000);
        socket.startHandshake();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return seen;
  }

  static String code(Throwable e) { return MutualTlsIT.code(e); }

  @Test
  void tlsListener_verifyMode_admitsOnlyTrustedUnrevokedClients_offAdmitsAll() throws Exception {
    String store = elb.createTrustStore(r -> r.name("nlb-devices").caCertificatesBundleS3Bucket("nlb-trust")
        .caCertificatesBundleS3Key("ca.pem")).trustStores().get(0).trustStoreArn();
    int port = Targets.freePort();

    // What AWS refuses on an NLB: passthrough (verify mode only), verify without a trust store, mTLS on a TCP listener.
    assertThatThrownBy(() -> elb.createListener(r -> r.loadBalancerArn(nlb.loadBalancerArn()).protocol(ProtocolEnum.TLS).port(port)
        .certificates(c -> c.certificateArn(cert)).defaultActions(forward()).mutualAuthentication(m -> m.mode("passthrough"))))
        .satisfies(e -> assertThat(code(e)).isEqualTo("ValidationError"));
    assertThatThrownBy(() -> elb.createListener(r -> r.loadBalancerArn(nlb.loadBalancerArn()).protocol(ProtocolEnum.TLS).port(port)
        .certificates(c -> c.certificateArn(cert)).defaultActions(forward()).mutualAuthentication(m -> m.mode("verify"))))
        .satisfies(e -> assertThat(code(e)).isEqualTo("ValidationError"));
    assertThatThrownBy(() -> elb.createListener(r -> r.loadBalancerArn(nlb.loadBalancerArn()).protocol(ProtocolEnum.TLS).port(port)
        .certificates(c -> c.certificateArn(cert)).defaultActions(forward())
        .mutualAuthentication(m -> m.mode("verify").trustStoreArn(store).advertiseTrustStoreCaNames("sometimes"))))
        .satisfies(e -> assertThat(code(e)).isEqualTo("ValidationError"));
    assertThatThrownBy(() -> elb.createListener(r -> r.loadBalancerArn(nlb.loadBalancerArn()).protocol(ProtocolEnum.TLS).port(port)
        .certificates(c -> c.certificateArn(cert)).defaultActions(forward())
        .mutualAuthentication(m -> m.mode("verify").trustStoreArn(store.replace("/nlb-devices/", "/none/")))))
        .satisfies(e -> assertThat(code(e)).isEqualTo("TrustStoreNotFound"));
    assertThatThrownBy(() -> elb.createListener(r -> r.loadBalancerArn(nlb.loadBalancerArn()).protocol(ProtocolEnum.TCP).port(port)
        .defaultActions(forward()).mutualAuthentication(m -> m.mode("verify").trustStoreArn(store))))
        .satisfies(e -> assertThat(code(e)).isEqualTo("ValidationError"));

    var created = elb.createListener(r -> r.loadBalancerArn(nlb.loadBalancerArn()).protocol(ProtocolEnum.TLS).port(port)
        .certificates(c -> c.certificateArn(cert)).defaultActions(forward())
        .mutualAuthentication(m -> m.mode("verify").trustStoreArn(store))).listeners().get(0);
    String listener = created.listenerArn();
    assertThat(created.mutualAuthentication().mode()).isEqualTo("verify");
    var described = elb.describeListeners(r -> r.listenerArns(listener)).listeners().get(0).mutualAuthentication();
    assertThat(described.mode()).isEqualTo("verify");
    assertThat(described.trustStoreArn()).isEqualTo(store);
    assertThat(described.ignoreClientCertificateExpiry()).isFalse();
    assertThat(elb.describeTrustStoreAssociations(r -> r.trustStoreArn(store)).trustStoreAssociations())
        .extracting(a -> a.resourceArn()).containsExactly(nlb.loadBalancerArn());
    assertThatThrownBy(() -> elb.deleteTrustStore(r -> r.trustStoreArn(store)))
        .satisfies(e -> assertThat(code(e)).isEqualTo("TrustStoreInUse"));
    assertThatThrownBy(() -> elb.modifyListener(r -> r.listenerArn(listener).mutualAuthentication(m -> m.mode("passthrough"))))
        .satisfies(e -> assertThat(code(e)).isEqualTo("ValidationError"));
    // A ModifyListener without MutualAuthentication keeps it.
    assertThat(elb.modifyListener(r -> r.listenerArn(listener).sslPolicy("ELBSecurityPolicy-TLS13-1-2-2021-06")).listeners().get(0)
        .mutualAuthentication().mode()).isEqualTo("verify");

    InetSocketAddress at = nodeOf(listener);
    // A certificate of the trust store's CA: handshake, and the bytes reach the TCP target and back.
    await().atMost(Duration.ofSeconds(10)).until(() -> admitted(at, client));
    assertThat(ask(at, client, "hello over mtls")).isEqualTo("echo:hello over mtls");
    // None, another CA's, an expired one: no handshake, and the target never sees a connection from
    // them (client IP preservation tells the client's connections from health checks).
    elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(tg).attributes(a -> a.key("preserve_client_ip.enabled").value("true")));
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      admitted(at, client);
      return echo.peers.contains(CLIENT_IP);
    });
    long before = echo.peers.stream().filter(CLIENT_IP::equals).count();
    assertThat(refused(at, null)).isTrue();
    assertThat(refused(at, stranger)).isTrue();
    assertThat(refused(at, expired)).isTrue();
    assertThat(admitted(at, revoked)).isTrue(); // not revoked yet
    assertThat(echo.peers.stream().filter(CLIENT_IP::equals).count()).isEqualTo(before + 1);

    // A revocation list added to the store applies to the open listener.
    elb.addTrustStoreRevocations(r -> r.trustStoreArn(store).revocationContents(c -> c.s3Bucket("nlb-trust").s3Key("ca.crl.pem")
        .revocationType("CRL")));
    await().atMost(Duration.ofSeconds(10)).until(() -> refused(at, revoked));
    assertThat(admitted(at, client)).isTrue();

    // IgnoreClientCertificateExpiry: the expired certificate passes; the revoked one still does not.
    var ignoring = elb.modifyListener(r -> r.listenerArn(listener).mutualAuthentication(m -> m.mode("verify").trustStoreArn(store)
        .ignoreClientCertificateExpiry(true))).listeners().get(0).mutualAuthentication();
    assertThat(ignoring.ignoreClientCertificateExpiry()).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> admitted(at, expired));
    assertThat(refused(at, revoked)).isTrue();
    assertThat(refused(at, stranger)).isTrue();

    // AdvertiseTrustStoreCaNames: off (AWS's default) names no CA in the CertificateRequest; on names the store's.
    assertThat(ignoring.advertiseTrustStoreCaNamesAsString()).isEqualTo("off");
    assertThat(advertised(at)).isEmpty();
    elb.modifyListener(r -> r.listenerArn(listener).mutualAuthentication(m -> m.mode("verify").trustStoreArn(store)
        .advertiseTrustStoreCaNames("on")));
    await().atMost(Duration.ofSeconds(10)).until(() -> advertised(at).contains("CN=NLB Client CA"));
    assertThat(elb.describeListeners(r -> r.listenerArns(listener)).listeners().get(0).mutualAuthentication()
        .advertiseTrustStoreCaNamesAsString()).isEqualTo("on");

    // Off: any client, with or without a certificate, gets through; the store is no longer in use.
    var off = elb.modifyListener(r -> r.listenerArn(listener).mutualAuthentication(m -> m.mode("off"))).listeners().get(0);
    assertThat(off.mutualAuthentication().mode()).isEqualTo("off");
    assertThat(off.mutualAuthentication().trustStoreArn()).isNull();
    await().atMost(Duration.ofSeconds(10)).until(() -> admitted(at, null));
    assertThat(admitted(at, stranger)).isTrue();
    assertThat(elb.describeTrustStoreAssociations(r -> r.trustStoreArn(store)).trustStoreAssociations()).isEmpty();
    elb.deleteTrustStore(r -> r.trustStoreArn(store));
    elb.deleteListener(r -> r.listenerArn(listener));
  }
}
