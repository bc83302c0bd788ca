package dev.stratus.elbv2.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.stratus.acm.AcmModule;
import dev.stratus.core.Settings;
import dev.stratus.core.store.SqlStore;
import dev.stratus.ec2.Ec2Module;
import dev.stratus.elbv2.Elbv2Module;
import dev.stratus.elbv2.dataplane.AlbTraffic.Backend;
import dev.stratus.protocol.testing.ApiTestServer;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.KeyAlgorithm;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AuthenticateOidcActionConditionalBehaviorEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * ALB authentication sessions outlive a Stratus restart, as AWS's do (the session is in the
 * browser's encrypted cookie, not on a server): log in, stop the in-process Stratus, start it again
 * on the same data dir, and the old cookie still reaches the target without a new login; a
 * tampered cookie, or a data dir with another key, sends the user to the IdP again.
 */
class AlbAuthRestartIT {
  @TempDir static Path dataDir;
  static HttpServer idp;
  static Backend backend;

  @BeforeAll
  static void start() throws Exception {
    backend = new Backend("kept");
    // The provider of AlbAuthenticateIT (discovery, JWKS, RS256 ID tokens), on its own port.
    idp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    AlbAuthenticateIT.idpBase = "http://127.0.0.1:" + idp.getAddress().getPort();
    String base = AlbAuthenticateIT.idpBase;
    idp.createContext("/.well-known/openid-configuration", ex -> AlbAuthenticateIT.respond(ex, 200,
        "{\"issuer\":\"" + base + "\",\"jwks_uri\":\"" + base + "/jwks\"}"));
    idp.createContext("/jwks", ex -> AlbAuthenticateIT.respond(ex, 200, AlbAuthenticateIT.jwks(AlbAuthenticateIT.idpKey, "k1")));
    idp.createContext("/authorize", AlbAuthenticateIT::authorize);
    idp.createContext("/token", AlbAuthenticateIT::token);
    idp.createContext("/userinfo", AlbAuthenticateIT::userInfo);
    idp.start();
  }

  @AfterAll
  static void stop() {
    if (idp != null) idp.stop(0);
    if (backend != null) backend.close();
  }

  /** One run of Stratus over the data dir: the store file, ACM's CA and the session key live there. */
  record Run(SqlStore store, ApiTestServer server, Elbv2Module module) implements AutoCloseable {
    static Run on(Path dir) {
      SqlStore store = SqlStore.openFile(dir.resolve("stratus.db"));
      var module = new Elbv2Module(d -> Duration.ofMillis(100));
      var server = ApiTestServer.start(Clock.systemUTC(), new Settings(0, 0, Optional.of(dir), "127.0.0.1"), store,
          new AcmModule(), new Ec2Module(), module);
      return new Run(store, server, module);
    }

    InetSocketAddress node(String listenerArn) {
      return AlbTraffic.node(module, listenerArn, 2);
    }

    HttpClient client(CookieManager jar) throws Exception {
      var b = HttpClient.newBuilder().sslContext(AlbTraffic.trustingStratus(server));
      return (jar == null ? b.followRedirects(HttpClient.Redirect.NEVER) : b.cookieHandler(jar).followRedirects(HttpClient.Redirect.ALWAYS))
          .build();
    }

    @Override
    public void close() {
      server.close();
      store.close();
    }
  }

  static String kidOf(String jwt) {
    String header = new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), java.nio.charset.StandardCharsets.UTF_8);
    return AlbAuthenticateIT.JSON_KID.matcher(header).results().findFirst().orElseThrow().group(1);
  }

  @Test
  void sessionCookie_passesAfterRestartOnTheSameDataDir_tamperedOrOtherKeyReauthenticates() throws Exception {
    String listenerArn;
    String url;
    String cookie;
    String halfState;
    String halfNonce;
    String halfCookie;
    String kid;
    try (Run first = Run.on(dataDir)) {
      var elb = first.server().client(ElasticLoadBalancingV2Client.builder());
      var ec2 = first.server().client(Ec2Client.builder());
      String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
      String a = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
      String b = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.2.0/24").availabilityZone("us-east-1b")).subnet().subnetId();
      String lb = elb.createLoadBalancer(r -> r.name("restart").scheme(LoadBalancerSchemeEnum.INTERNAL).subnets(a, b))
          .loadBalancers().get(0).loadBalancerArn();
      String tg = elb.createTargetGroup(r -> r.name("restart-tg").protocol(ProtocolEnum.HTTP).port(80).vpcId(vpc)
          .targetType(TargetTypeEnum.IP).healthCheckPath("/health")).targetGroups().get(0).targetGroupArn();
      elb.registerTargets(r -> r.targetGroupArn(tg).targets(TargetDescription.builder().id("127.0.0.1").port(backend.port()).build()));
      String cert = first.server().client(AcmClient.builder()).requestCertificate(r -> r.domainName("*.restart.example.test")
          .keyAlgorithm(KeyAlgorithm.EC_PRIME256_V1)).certificateArn();
      int port = AlbTraffic.freePort();
      AlbAuthenticateIT.tg = tg;
      listenerArn = elb.createListener(r -> r.loadBalancerArn(lb).protocol(ProtocolEnum.HTTPS).port(port).certificates(c -> c.certificateArn(cert))
          .defaultActions(AlbAuthenticateIT.authenticate(AuthenticateOidcActionConditionalBehaviorEnum.AUTHENTICATE),
              AlbAuthenticateIT.forward())).listeners().get(0).listenerArn();
      InetSocketAddress at = first.node(listenerArn);
      TestNames.point("app.restart.example.test", at.getAddress());
      url = "https://app.restart.example.test:" + at.getPort() + "/kept";
      var jar = new CookieManager();
      try (var browser = first.client(jar)) {
        assertThat(browser.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
            .isEqualTo(200);
      }
      cookie = AlbAuthenticateIT.cookieHeader(jar);
      assertThat(cookie).startsWith("AWSELBAuthSessionCookie-0=");
      kid = kidOf(backend.header("x-amzn-oidc-data"));
      // A login left at the IdP when Stratus stops: its state and nonce cookie.
      try (var noFollow = first.client(null)) {
        var sent = noFollow.send(HttpRequest.newBuilder(URI.create(url + "?half=1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).isEqualTo(302);
        var q = AlbAuthenticateIT.query(URI.create(sent.headers().firstValue("Location").orElseThrow()).getRawQuery());
        halfState = q.get("state");
        halfNonce = q.get("nonce");
        String c = sent.headers().allValues("Set-Cookie").stream().filter(x -> x.startsWith("AWSALBAuthNonce=")).findFirst().orElseThrow();
        halfCookie = c.substring(0, c.indexOf(';'));
      }
    }
    assertThat(Files.exists(dataDir.resolve("elbv2").resolve("auth-session.key"))).isTrue();

    int tokensBefore = AlbAuthenticateIT.tokenForms.size();
    try (Run second = Run.on(dataDir); var http = second.client(null)) {
      second.node(listenerArn);
      var kept = http.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(kept.statusCode()).isEqualTo(200);
      assertThat(kept.body()).isEqualTo("kept\n");
      assertThat(backend.header("x-amzn-oidc-identity")).isEqualTo("user-42");
      assertThat(kidOf(backend.header("x-amzn-oidc-data"))).isEqualTo(kid); // the signing key is kept too
      assertThat(AlbAuthenticateIT.tokenForms).hasSize(tokensBefore); // no new login

      // The login started before the restart completes after it (its state is sealed, not held in memory).
      AlbAuthenticateIT.sentNonce.set(halfNonce);
      var finished = http.send(HttpRequest.newBuilder(URI.create(url.replace("/kept", "/oauth2/idpresponse") + "?code=code-77&state="
          + java.net.URLEncoder.encode(halfState, java.nio.charset.StandardCharsets.UTF_8))).header("Cookie", halfCookie).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(finished.statusCode()).isEqualTo(302);
      assertThat(finished.headers().firstValue("Location")).hasValue(url + "?half=1");
      assertThat(finished.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("AWSELBAuthSessionCookie-0="));

      int i = cookie.length() - 10;
      String tampered = cookie.substring(0, i) + (cookie.charAt(i) == 'x' ? 'y' : 'x') + cookie.substring(i + 1);
      var refused = http.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", tampered).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).isEqualTo(302);
      assertThat(refused.headers().firstValue("Location").orElseThrow()).startsWith(AlbAuthenticateIT.idpBase + "/authorize?");
    }

    // Another key (the key file replaced): the old cookie no longer opens.
    Files.writeString(dataDir.resolve("elbv2").resolve("auth-session.key"),
        java.util.Base64.getEncoder().encodeToString(new byte[32]) + "\n");
    try (Run third = Run.on(dataDir); var http = third.client(null)) {
      third.node(listenerArn);
      assertThat(http.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString())
          .statusCode()).isEqualTo(302);
    }
  }
}
