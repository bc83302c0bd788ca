package dev.stratus.elbv2.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stratus.acm.AcmModule;
import dev.stratus.ec2.Ec2Module;
import dev.stratus.elbv2.Elbv2Module;
import dev.stratus.elbv2.dataplane.AlbTraffic.Backend;
import dev.stratus.protocol.testing.ApiTestServer;
import java.io.IOException;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.KeyAlgorithm;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AuthenticateOidcActionConditionalBehaviorEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * authenticate-oidc end to end: a tiny OIDC provider (JDK HttpServer) in the test, an HTTPS ALB
 * listener whose default rule authenticates then forwards, and a cookie-keeping JDK HttpClient
 * that follows the redirects to the provider and back, as a browser does.
 */
class AlbAuthenticateIT {
  static ApiTestServer server;
  static Elbv2Module module;
  static ElasticLoadBalancingV2Client elb;
  static LoadBalancer alb;
  static Backend backend;
  static String tg, cert;
  static SSLContext trustStratus;
  static HttpServer idp;
  static String idpBase;
  static final List<String> tokenForms = new CopyOnWriteArrayList<>();
  static final AtomicReference<String> sentNonce = new AtomicReference<>();
  /** How the provider's next ID token is made: good, badsig, wrongiss, wrongaud, expired, none. */
  static final AtomicReference<String> tokenMode = new AtomicReference<>("good");
  /** Extra user info claims (a large one makes the session cookie span shards). */
  static final AtomicReference<String> extraClaims = new AtomicReference<>("");
  /** Extra members of the code grant's token response (expires_in, refresh_token). */
  static final AtomicReference<String> grantExtras = new AtomicReference<>("");
  static final KeyPair idpKey = rsa();
  static final java.util.regex.Pattern JSON_KID = java.util.regex.Pattern.compile("\"kid\":\"([^\"]+)\"");

  @BeforeAll
  static void start() throws Exception {
    module = new Elbv2Module(d -> Duration.ofMillis(100));
    server = ApiTestServer.start(Clock.systemUTC(), new AcmModule(), new Ec2Module(), module);
    trustStratus = AlbTraffic.trustingStratus(server);
    elb = server.client(ElasticLoadBalancingV2Client.builder());
    var acm = server.client(AcmClient.builder());
    var ec2 = server.client(Ec2Client.builder());
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    String a = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
    String b = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.2.0/24").availabilityZone("us-east-1b")).subnet().subnetId();
    alb = elb.createLoadBalancer(r -> r.name("authn").scheme(LoadBalancerSchemeEnum.INTERNAL).subnets(a, b)).loadBalancers().get(0);
    backend = new Backend("app");
    tg = elb.createTargetGroup(r -> r.name("authn-tg").protocol(ProtocolEnum.HTTP).port(80).vpcId(vpc).targetType(TargetTypeEnum.IP)
        .healthCheckPath("/health")).targetGroups().get(0).targetGroupArn();
    elb.registerTargets(r -> r.targetGroupArn(tg).targets(TargetDescription.builder().id("127.0.0.1").port(backend.port()).build()));
    cert = acm.requestCertificate(r -> r.domainName("*.auth.example.test").keyAlgorithm(KeyAlgorithm.EC_PRIME256_V1)).certificateArn();
    idp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    idpBase = "http://127.0.0.1:" + idp.getAddress().getPort();
    idp.createContext("/.well-known/openid-configuration", ex -> respond(ex, 200, "{\"issuer\":\"" + idpBase
        + "\",\"jwks_uri\":\"" + idpBase + "/jwks\"}"));
    idp.createContext("/jwks", ex -> {
      if (tokenMode.get().equals("nokeys")) respond(ex, 503, "{}");
      else respond(ex, 200, jwks(idpKey, "k1"));
    });
    idp.createContext("/authorize", AlbAuthenticateIT::authorize);
    idp.createContext("/token", AlbAuthenticateIT::token);
    idp.createContext("/userinfo", AlbAuthenticateIT::userInfo);
    idp.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
    if (backend != null) backend.close();
    if (idp != null) idp.stop(0);
  }

  /** The provider logs the user in at once and sends the browser back with a code. */
  static void authorize(HttpExchange ex) throws IOException {
    Map<String, String> q = query(ex.getRequestURI().getRawQuery());
    sentNonce.set(q.get("nonce"));
    boolean ok = "code".equals(q.get("response_type")) && "client-1".equals(q.get("client_id"))
        && "openid email".equals(q.get("scope")) && "consent".equals(q.get("prompt"));
    String location = ok ? q.get("redirect_uri") + "?code=code-77&state=" + q.get("state") : q.get("redirect_uri") + "?error=invalid_request&state=" + q.get("state");
    ex.getResponseHeaders().add("Location", location);
    ex.sendResponseHeaders(302, -1);
    ex.close();
  }

  static void token(HttpExchange ex) throws IOException {
    String form = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    tokenForms.add(form);
    Map<String, String> f = query(form);
    if ("refresh_token".equals(f.get("grant_type"))) {
      if ("rt-1".equals(f.get("refresh_token")) && "s3cret".equals(f.get("client_secret"))) {
        respond(ex, 200, "{\"access_token\":\"at-456\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
      } else {
        respond(ex, 400, "{\"error\":\"invalid_grant\"}");
      }
      return;
    }
    if (!"code-77".equals(f.get("code")) || !"s3cret".equals(f.get("client_secret"))) {
      respond(ex, 400, "{\"error\":\"invalid_grant\"}");
      return;
    }
    if (tokenMode.get().equals("refuse")) {
      respond(ex, 400, "{\"error\":\"invalid_grant\"}");
      return;
    }
    if (tokenMode.get().equals("missing")) {
      respond(ex, 200, "{\"access_token\":\"at-123\",\"token_type\":\"Bearer\"}");
      return;
    }
    String idToken = idToken(tokenMode.get(), sentNonce.get());
    respond(ex, 200, "{\"access_token\":\"at-123\",\"token_type\":\"Bearer\",\"id_token\":\"" + idToken + "\"" + grantExtras.get() + "}");
  }

  static void userInfo(HttpExchange ex) throws IOException {
    String bearer = ex.getRequestHeaders().getFirst("Authorization");
    if (!"Bearer at-123".equals(bearer) && !"Bearer at-456".equals(bearer)) {
      respond(ex, 401, "{}");
      return;
    }
    respond(ex, 200, "{\"sub\":\"user-42\",\"email\":\"user@example.test\"" + extraClaims.get() + "}");
  }

  static void respond(HttpExchange ex, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, body.length);
    ex.getResponseBody().write(body);
    ex.close();
  }

  static KeyPair rsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String jwks(KeyPair key, String kid) {
    var pub = (RSAPublicKey) key.getPublic();
    return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"n\":\""
        + b64(unsigned(pub.getModulus())) + "\",\"e\":\"" + b64(unsigned(pub.getPublicExponent())) + "\"}]}";
  }

  static byte[] unsigned(java.math.BigInteger n) {
    byte[] b = n.toByteArray();
    return b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
  }

  /** An RS256 ID token as the provider signs it, spoiled as {@code mode} says. */
  static String idToken(String mode, String nonce) {
    long now = System.currentTimeMillis() / 1000;
    String iss = mode.equals("wrongiss") ? "https://evil.example.test" : idpBase;
    String aud = mode.equals("wrongaud") ? "someone-else" : "client-1";
    long exp = mode.equals("expired") ? now - 3600 : now + 3600;
    String claims = "{\"iss\":\"" + iss + "\",\"sub\":\"user-42\",\"aud\":[\"" + aud + "\"],\"exp\":" + exp + ",\"iat\":" + now
        + ",\"nonce\":\"" + nonce + "\"}";
    if (mode.equals("none")) return b64("{\"alg\":\"none\"}") + "." + b64(claims) + ".";
    String kid = mode.equals("nokeys") ? "k2" : "k1"; // a key not in the cache: the keys are fetched again
    String input = b64("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}") + "." + b64(claims);
    try {
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(mode.equals("badsig") ? rsa().getPrivate() : idpKey.getPrivate());
      signer.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + b64(signer.sign());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String b64(byte[] b) { return Base64.getUrlEncoder().withoutPadding().encodeToString(b); }

  static String b64(String s) { return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8)); }

  static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null) return out;
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  static Action authenticate(AuthenticateOidcActionConditionalBehaviorEnum onUnauthenticated) {
    return authenticate(onUnauthenticated, 604_800L);
  }

  static Action authenticate(AuthenticateOidcActionConditionalBehaviorEnum onUnauthenticated, long sessionTimeout) {
    return Action.builder().type(ActionTypeEnum.AUTHENTICATE_OIDC).order(1).authenticateOidcConfig(c -> c
        .issuer(idpBase).authorizationEndpoint(idpBase + "/authorize").tokenEndpoint(idpBase + "/token")
        .userInfoEndpoint(idpBase + "/userinfo").clientId("client-1").clientSecret("s3cret").scope("openid email")
        .authenticationRequestExtraParams(Map.of("prompt", "consent")).onUnauthenticatedRequest(onUnauthenticated).sessionTimeout(sessionTimeout)).build();
  }

  static Action forward() { return Action.builder().type(ActionTypeEnum.FORWARD).order(2).targetGroupArn(tg).build(); }

  static InetSocketAddress listener(AuthenticateOidcActionConditionalBehaviorEnum behaviour) throws IOException {
    return listener(behaviour, 604_800L);
  }

  static InetSocketAddress listener(AuthenticateOidcActionConditionalBehaviorEnum behaviour, long sessionTimeout) throws IOException {
    int port = AlbTraffic.freePort();
    String arn = elb.createListener(r -> r.loadBalancerArn(alb.loadBalancerArn()).protocol(ProtocolEnum.HTTPS).port(port)
        .certificates(c -> c.certificateArn(cert)).defaultActions(authenticate(behaviour, sessionTimeout), forward()))
        .listeners().get(0).listenerArn();
    return AlbTraffic.node(module, arn, 2);
  }

  @Test
  void authenticate_redirectsToIdp_callbackSetsSession_targetGetsSignedClaims() throws Exception {
    InetSocketAddress at = listener(AuthenticateOidcActionConditionalBehaviorEnum.AUTHENTICATE);
    TestNames.point("app.auth.example.test", at.getAddress());
    String origin = "https://app.auth.example.test:" + at.getPort();
    var cookies = new CookieManager();
    try (var browser = HttpClient.newBuilder().sslContext(trustStratus).cookieHandler(cookies)
        .followRedirects(HttpClient.Redirect.ALWAYS).build();
        var noFollow = HttpClient.newBuilder().sslContext(trustStratus).followRedirects(HttpClient.Redirect.NEVER).build()) {
      // Without a session: 302 to the authorization endpoint with AWS's parameters.
      var first = noFollow.send(HttpRequest.newBuilder(URI.create(origin + "/app?x=1")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(first.statusCode()).isEqualTo(302);
      String location = first.headers().firstValue("Location").orElseThrow();
      assertThat(location).startsWith(idpBase + "/authorize?");
      Map<String, String> q = query(URI.create(location).getRawQuery());
      assertThat(q).containsEntry("response_type", "code").containsEntry("client_id", "client-1")
          .containsEntry("redirect_uri", origin + "/oauth2/idpresponse").containsEntry("scope", "openid email")
          .containsEntry("prompt", "consent").containsKeys("state", "nonce");

      // The browser: ALB → IdP → /oauth2/idpresponse → back to /app?x=1 with the session cookie.
      var response = browser.send(HttpRequest.newBuilder(URI.create(origin + "/app?x=1")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("app\n");
      assertThat(response.uri().toString()).isEqualTo(origin + "/app?x=1");
      assertThat(cookies.getCookieStore().getCookies()).anySatisfy(c -> {
        assertThat(c.getName()).isEqualTo("AWSELBAuthSessionCookie-0");
        assertThat(c.getSecure()).isTrue();
        assertThat(c.isHttpOnly()).isTrue();
      });
      assertThat(tokenForms.get(tokenForms.size() - 1)).contains("grant_type=authorization_code", "code=code-77",
          "redirect_uri=" + java.net.URLEncoder.encode(origin + "/oauth2/idpresponse", StandardCharsets.UTF_8), "client_id=client-1");
      assertThat(backend.header("x-amzn-oidc-accesstoken")).isEqualTo("at-123");
      assertThat(backend.header("x-amzn-oidc-identity")).isEqualTo("user-42");
      String jwt = backend.header("x-amzn-oidc-data");
      String[] parts = jwt.split("\\.");
      assertThat(parts).hasSize(3);
      String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
      assertThat(header).contains("\"alg\":\"ES256\"", "\"signer\":\"" + alb.loadBalancerArn() + "\"",
          "\"iss\":\"" + idpBase + "\"", "\"client\":\"client-1\"", "\"exp\":");
      assertThat(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)).contains("\"email\":\"user@example.test\"");
      Signature verify = Signature.getInstance("SHA256withECDSAinP1363Format");
      verify.initVerify(module.dataPlane().albPublicKey());
      verify.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      assertThat(verify.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
      // The key is served where targets fetch it (public-keys.auth.elb.<region>…/<kid>), on the API port.
      String kid = JSON_KID.matcher(header).results().findFirst().orElseThrow().group(1);
      TestNames.point("public-keys.auth.elb.us-east-1.localhost", java.net.InetAddress.getLoopbackAddress());
      try (var plain = HttpClient.newHttpClient()) {
        var keyUrl = "http://public-keys.auth.elb.us-east-1.localhost:" + server.port() + "/";
        var pem = plain.send(HttpRequest.newBuilder(URI.create(keyUrl + kid)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(pem.statusCode()).isEqualTo(200);
        String body = pem.body().replaceAll("-----[A-Z ]+-----|\\s", "");
        var served = java.security.KeyFactory.getInstance("EC").generatePublic(new java.security.spec.X509EncodedKeySpec(Base64.getDecoder().decode(body)));
        assertThat(served).isEqualTo(module.dataPlane().albPublicKey());
        assertThat(plain.send(HttpRequest.newBuilder(URI.create(keyUrl + "not-a-kid")).build(), HttpResponse.BodyHandlers.ofString())
            .statusCode()).isEqualTo(404);
      }

      // The session stays: the next request goes straight through; a client cannot forge the headers.
      int tokensBefore = tokenForms.size();
      var again = browser.send(HttpRequest.newBuilder(URI.create(origin + "/other")).header("x-amzn-oidc-identity", "forged").build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(tokenForms).hasSize(tokensBefore);
      assertThat(backend.header("x-amzn-oidc-identity")).isEqualTo("user-42");

      // The state is bound to the browser that was sent to the IdP by the AWSALBAuthNonce cookie.
      String nonceCookie = first.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("AWSALBAuthNonce="))
          .findFirst().orElseThrow();
      assertThat(nonceCookie).contains("Secure", "HttpOnly");
      String callback = origin + "/oauth2/idpresponse?code=code-77&state=" + java.net.URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8);
      var noNonce = noFollow.send(HttpRequest.newBuilder(URI.create(callback)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(noNonce.statusCode()).isEqualTo(401);
      var otherNonce = noFollow.send(HttpRequest.newBuilder(URI.create(callback)).header("Cookie", "AWSALBAuthNonce=forged").build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(otherNonce.statusCode()).isEqualTo(401);
      sentNonce.set(q.get("nonce"));
      var withNonce = noFollow.send(HttpRequest.newBuilder(URI.create(callback)).header("Cookie", nonceCookie.substring(0, nonceCookie.indexOf(';')))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(withNonce.statusCode()).isEqualTo(302);
      assertThat(withNonce.headers().firstValue("Location")).hasValue(origin + "/app?x=1");
      assertThat(withNonce.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("AWSELBAuthSessionCookie-0="));

      // A callback with an unknown state is refused.
      var replay = noFollow.send(HttpRequest.newBuilder(URI.create(origin + "/oauth2/idpresponse?code=code-77&state=nope")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(replay.statusCode()).isEqualTo(401);
    }
  }

  /** The cookies {@code jar} holds, as one Cookie header. */
  static String cookieHeader(CookieManager jar) {
    return jar.getCookieStore().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
        .collect(java.util.stream.Collectors.joining("; "));
  }

  @Test
  void idToken_badSignature_otherIssuer_otherAudience_expired_unsigned_missing_are401_idpRefusal561_keysUnreachable500() throws Exception {
    InetSocketAddress at = listener(AuthenticateOidcActionConditionalBehaviorEnum.AUTHENTICATE);
    TestNames.point("bad.auth.example.test", at.getAddress());
    String url = "https://bad.auth.example.test:" + at.getPort() + "/secret";
    try {
      for (String mode : List.of("badsig", "wrongiss", "wrongaud", "expired", "none", "missing", "refuse", "nokeys")) {
        tokenMode.set(mode);
        try (var browser = HttpClient.newBuilder().sslContext(trustStratus).cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.ALWAYS).build()) {
          var r = browser.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
          // The IdP refusing the code is 561; its keys unreachable 500 (ALB cannot reach the IdP); a bad ID token 401.
          assertThat(r.statusCode()).as(mode).isEqualTo(switch (mode) {
            case "refuse" -> 561;
            case "nokeys" -> 500;
            default -> 401;
          });
          assertThat(r.uri().getPath()).as(mode).isEqualTo("/oauth2/idpresponse");
        }
      }
      tokenMode.set("good");
      try (var browser = HttpClient.newBuilder().sslContext(trustStratus).cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.ALWAYS).build()) {
        assertThat(browser.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
            .isEqualTo(200);
      }
    } finally {
      tokenMode.set("good");
    }
  }

  @Test
  void sessionCookie_splitAt4KB_tamperedReauthenticates_sessionTimeoutHonoured() throws Exception {
    InetSocketAddress at = listener(AuthenticateOidcActionConditionalBehaviorEnum.AUTHENTICATE);
    TestNames.point("big.auth.example.test", at.getAddress());
    String url = "https://big.auth.example.test:" + at.getPort() + "/big";
    var jar = new CookieManager();
    extraClaims.set(",\"groups\":\"" + "g".repeat(5000) + "\"");
    try (var browser = HttpClient.newBuilder().sslContext(trustStratus).cookieHandler(jar).followRedirects(HttpClient.Redirect.ALWAYS).build();
        var noFollow = HttpClient.newBuilder().sslContext(trustStratus).followRedirects(HttpClient.Redirect.NEVER).build()) {
      assertThat(browser.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
          .isEqualTo(200);
      assertThat(jar.getCookieStore().getCookies()).extracting(java.net.HttpCookie::getName)
          .contains("AWSELBAuthSessionCookie-0", "AWSELBAuthSessionCookie-1");
      assertThat(jar.getCookieStore().getCookies()).allSatisfy(c -> assertThat(c.getValue().length()).isLessThanOrEqualTo(4003));
      String cookie = cookieHeader(jar);
      assertThat(cookie).doesNotContain("at-123", "user-42"); // sealed, not readable
      var passes = noFollow.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(passes.statusCode()).isEqualTo(200);
      assertThat(backend.header("x-amzn-oidc-identity")).isEqualTo("user-42");
      assertThat(new String(Base64.getUrlDecoder().decode(backend.header("x-amzn-oidc-data").split("\\.")[1]), StandardCharsets.UTF_8))
          .contains("ggggg");

      // One character changed in the sealed value: no session, so the user logs in again.
      int i = cookie.indexOf("AWSELBAuthSessionCookie-0=") + "AWSELBAuthSessionCookie-0=".length() + 40;
      String tampered = cookie.substring(0, i) + (cookie.charAt(i) == 'A' ? 'B' : 'A') + cookie.substring(i + 1);
      var again = noFollow.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", tampered).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(again.statusCode()).isEqualTo(302);
      assertThat(again.headers().firstValue("Location").orElseThrow()).startsWith(idpBase + "/authorize?");
      // Without shard 1 the session does not open either.
      String shard0 = java.util.Arrays.stream(cookie.split("; ")).filter(c -> c.startsWith("AWSELBAuthSessionCookie-0=")).findFirst().orElseThrow();
      assertThat(noFollow.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", shard0).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(302);
    } finally {
      extraClaims.set("");
    }

    // SessionTimeout 3 s: the same cookie, presented after it, no longer passes (checked by the ALB, not only by the browser).
    InetSocketAddress brief = listener(AuthenticateOidcActionConditionalBehaviorEnum.DENY, 3L);
    InetSocketAddress login = listener(AuthenticateOidcActionConditionalBehaviorEnum.AUTHENTICATE, 3L);
    TestNames.point("brief.auth.example.test", brief.getAddress());
    TestNames.point("short.auth.example.test", login.getAddress());
    var shortJar = new CookieManager();
    try (var browser = HttpClient.newBuilder().sslContext(trustStratus).cookieHandler(shortJar).followRedirects(HttpClient.Redirect.ALWAYS).build();
        var noFollow = HttpClient.newBuilder().sslContext(trustStratus).followRedirects(HttpClient.Redirect.NEVER).build()) {
      assertThat(browser.send(HttpRequest.newBuilder(URI.create("https://short.auth.example.test:" + login.getPort() + "/s")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
      String cookie = cookieHeader(shortJar);
      String denyUrl = "https://brief.auth.example.test:" + brief.getPort() + "/d";
      assertThat(noFollow.send(HttpRequest.newBuilder(URI.create(denyUrl)).header("Cookie", cookie).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200); // same IdP and client: the session is valid here too
      Thread.sleep(3_100);
      assertThat(noFollow.send(HttpRequest.newBuilder(URI.create(denyUrl)).header("Cookie", cookie).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void expiredAccessToken_refreshedWithTheRefreshToken_withoutOneTheUserLogsInAgain() throws Exception {
    InetSocketAddress at = listener(AuthenticateOidcActionConditionalBehaviorEnum.AUTHENTICATE);
    TestNames.point("refresh.auth.example.test", at.getAddress());
    String url = "https://refresh.auth.example.test:" + at.getPort() + "/r";
    try (var noFollow = HttpClient.newBuilder().sslContext(trustStratus).followRedirects(HttpClient.Redirect.NEVER).build()) {
      grantExtras.set(",\"expires_in\":3,\"refresh_token\":\"rt-1\"");
      var jar = new CookieManager();
      try (var browser = HttpClient.newBuilder().sslContext(trustStratus).cookieHandler(jar).followRedirects(HttpClient.Redirect.ALWAYS).build()) {
        assertThat(browser.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
            .isEqualTo(200);
      }
      String cookie = cookieHeader(jar);
      Thread.sleep(3_100); // the access token expires; the session does not
      var refreshed = noFollow.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(refreshed.statusCode()).isEqualTo(200);
      assertThat(backend.header("x-amzn-oidc-accesstoken")).isEqualTo("at-456");
      assertThat(tokenForms.get(tokenForms.size() - 1)).contains("grant_type=refresh_token", "refresh_token=rt-1", "client_id=client-1");
      assertThat(refreshed.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("AWSELBAuthSessionCookie-0="));

      grantExtras.set(",\"expires_in\":3");
      var plain = new CookieManager();
      try (var browser = HttpClient.newBuilder().sslContext(trustStratus).cookieHandler(plain).followRedirects(HttpClient.Redirect.ALWAYS).build()) {
        assertThat(browser.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
            .isEqualTo(200);
      }
      String noRefresh = cookieHeader(plain);
      Thread.sleep(3_100);
      var again = noFollow.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", noRefresh).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(again.statusCode()).isEqualTo(302);
      assertThat(again.headers().firstValue("Location").orElseThrow()).startsWith(idpBase + "/authorize?");
    } finally {
      grantExtras.set("");
    }
  }

  /**
   * A login up to the callback by hand (no redirects followed, so no big cookie is sent back):
   * the callback's answer, with the nonce cookie unless {@code withNonce} is false and without the
   * code when {@code withCode} is false.
   */
  static HttpResponse<String> callback(HttpClient noFollow, String origin, boolean withNonce, boolean withCode) throws Exception {
    var first = noFollow.send(HttpRequest.newBuilder(URI.create(origin + "/login")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(first.statusCode()).isEqualTo(302);
    String nonce = first.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("AWSALBAuthNonce="))
        .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
    String back;
    try (var plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()) {
      back = plain.send(HttpRequest.newBuilder(URI.create(first.headers().firstValue("Location").orElseThrow())).build(),
          HttpResponse.BodyHandlers.ofString()).headers().firstValue("Location").orElseThrow();
    }
    if (!withCode) back = back.replace("code=code-77&", "");
    var request = HttpRequest.newBuilder(URI.create(back));
    if (withNonce) request.header("Cookie", nonce);
    return noFollow.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void accessLog_namesWhyALoginFailed_claimsAndTokenOver11KAre500() throws Exception {
    elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(alb.loadBalancerArn()).attributes(
        a -> a.key("access_logs.s3.enabled").value("true"), a -> a.key("access_logs.s3.bucket").value("logs")));
    InetSocketAddress at = listener(AuthenticateOidcActionConditionalBehaviorEnum.AUTHENTICATE);
    TestNames.point("log.auth.example.test", at.getAddress());
    String origin = "https://log.auth.example.test:" + at.getPort();
    try (var noFollow = HttpClient.newBuilder().sslContext(trustStratus).followRedirects(HttpClient.Redirect.NEVER).build()) {
      // The user claims (the user info body) and the access token (at-123) together: 11K passes, one byte more is 500.
      String base = "{\"sub\":\"user-42\",\"email\":\"user@example.test\",\"groups\":\"\"}";
      int fits = AlbAuth.MAX_CLAIMS_BYTES - "at-123".length() - base.length();
      assertThat(fits).isEqualTo(11 * 1024 - 6 - base.length());
      extraClaims.set(",\"groups\":\"" + "g".repeat(fits) + "\"");
      assertThat(callback(noFollow, origin, true, true).statusCode()).isEqualTo(302);
      extraClaims.set(",\"groups\":\"" + "g".repeat(fits + 1) + "\"");
      assertThat(callback(noFollow, origin, true, true).statusCode()).isEqualTo(500);
      extraClaims.set("");

      assertThat(callback(noFollow, origin, false, true).statusCode()).isEqualTo(401);
      assertThat(callback(noFollow, origin, true, false).statusCode()).isEqualTo(401);
      tokenMode.set("refuse");
      assertThat(callback(noFollow, origin, true, true).statusCode()).isEqualTo(561);
      tokenMode.set("badsig");
      assertThat(callback(noFollow, origin, true, true).statusCode()).isEqualTo(401);
      tokenMode.set("good");
      assertThat(noFollow.send(HttpRequest.newBuilder(URI.create(origin + "/oauth2/idpresponse?code=code-77")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
      assertThat(noFollow.send(HttpRequest.newBuilder(URI.create(origin + "/oauth2/idpresponse?code=code-77&state=nope")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
      var forged = noFollow.send(HttpRequest.newBuilder(URI.create(origin + "/forged"))
          .header("Cookie", "AWSELBAuthSessionCookie-0=forged").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(forged.statusCode()).isEqualTo(302);
      // A user whose login succeeded reaches the target: AWS logs both actions.
      String session = callback(noFollow, origin, true, true).headers().allValues("Set-Cookie").stream()
          .filter(c -> c.startsWith("AWSELBAuthSessionCookie-")).map(c -> c.substring(0, c.indexOf(';')))
          .collect(java.util.stream.Collectors.joining("; "));
      assertThat(noFollow.send(HttpRequest.newBuilder(URI.create(origin + "/signed-in")).header("Cookie", session).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

      // The delivered log: each failure's line names AWS's error_reason (after "redirect_url").
      java.nio.file.Path file = AlbAccessLog.fileOf(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "stratus-access-logs"),
          alb.loadBalancerArn());
      List<String> lines = java.nio.file.Files.readAllLines(file).stream().filter(l -> l.contains("log.auth.example.test")).toList();
      List<String> reasons = lines.stream().filter(l -> l.contains("/oauth2/idpresponse") || l.contains("/forged"))
          .map(l -> l.split(" ")[8] + " " + java.util.regex.Pattern.compile("\"authenticate\" \"-\" \"([^\"]+)\"").matcher(l).results()
              .map(m -> m.group(1)).findFirst().orElse("?")).toList();
      assertThat(reasons).containsExactly("302 -", "500 AuthUserinfoResponseSizeExceeded", "401 AuthMissingAWSALBAuthNonce",
          "401 AuthMissingCodeParam", "561 AuthInvalidGrantError", "401 AuthInvalidIdToken", "401 AuthMissingStateParam",
          "401 AuthInvalidStateParam", "302 AuthInvalidCookie", "302 -");
      assertThat(lines.stream().filter(l -> l.contains("/signed-in")).toList()).singleElement()
          .satisfies(l -> assertThat(l).contains(" \"authenticate,forward\" "));
    } finally {
      extraClaims.set("");
      tokenMode.set("good");
      elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(alb.loadBalancerArn()).attributes(
          a -> a.key("access_logs.s3.enabled").value("false")));
    }
  }

  @Test
  void deny_401_allow_forwardsWithoutClaims() throws Exception {
    InetSocketAddress deny = listener(AuthenticateOidcActionConditionalBehaviorEnum.DENY);
    TestNames.point("deny.auth.example.test", deny.getAddress());
    InetSocketAddress allow = listener(AuthenticateOidcActionConditionalBehaviorEnum.ALLOW);
    TestNames.point("allow.auth.example.test", allow.getAddress());
    try (var http = HttpClient.newBuilder().sslContext(trustStratus).followRedirects(HttpClient.Redirect.NEVER).build()) {
      var denied = http.send(HttpRequest.newBuilder(URI.create("https://deny.auth.example.test:" + deny.getPort() + "/x")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(denied.statusCode()).isEqualTo(401);
      var allowed = http.send(HttpRequest.newBuilder(URI.create("https://allow.auth.example.test:" + allow.getPort() + "/y"))
          .header("x-amzn-oidc-identity", "forged").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(allowed.statusCode()).isEqualTo(200);
      assertThat(backend.header("x-amzn-oidc-identity")).isNull();
    }
  }

  @Test
  void controlPlane_validatesStoresAndDescribes_secretNeverShown_cognitoChecked() throws IOException {
    int port = AlbTraffic.freePort();
    assertThatThrownBy(() -> elb.createListener(r -> r.loadBalancerArn(alb.loadBalancerArn()).protocol(ProtocolEnum.HTTP).port(port)
        .defaultActions(authenticate(AuthenticateOidcActionConditionalBehaviorEnum.AUTHENTICATE), forward())))
        .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidLoadBalancerAction"));
    assertThatThrownBy(() -> elb.createListener(r -> r.loadBalancerArn(alb.loadBalancerArn()).protocol(ProtocolEnum.HTTPS).port(port)
        .certificates(c -> c.certificateArn(cert)).defaultActions(Action.builder().type(ActionTypeEnum.AUTHENTICATE_OIDC).order(1)
            .authenticateOidcConfig(c -> c.issuer("https://i").authorizationEndpoint("http://idp.example.com/a")
                .tokenEndpoint("https://i/t").userInfoEndpoint("https://i/u").clientId("c").clientSecret("s")).build(), forward())))
        .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class, e -> assertThat(e.awsErrorDetails().errorMessage()).contains("HTTPS"));
    assertThatThrownBy(() -> elb.createListener(r -> r.loadBalancerArn(alb.loadBalancerArn()).protocol(ProtocolEnum.HTTPS).port(port)
        .certificates(c -> c.certificateArn(cert)).defaultActions(Action.builder().type(ActionTypeEnum.AUTHENTICATE_COGNITO).order(1)
            .authenticateCognitoConfig(c -> c.userPoolArn("not-an-arn").userPoolClientId("c").userPoolDomain("d")).build(), forward())))
        .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));

    String arn = elb.createListener(r -> r.loadBalancerArn(alb.loadBalancerArn()).protocol(ProtocolEnum.HTTPS).port(port)
        .certificates(c -> c.certificateArn(cert)).defaultActions(Action.builder().type(ActionTypeEnum.AUTHENTICATE_COGNITO).order(1)
            .authenticateCognitoConfig(c -> c.userPoolArn("arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_AbC123")
                .userPoolClientId("client").userPoolDomain("login")).build(), forward())).listeners().get(0).listenerArn();
    var cognito = elb.describeListeners(r -> r.listenerArns(arn)).listeners().get(0).defaultActions().get(0).authenticateCognitoConfig();
    assertThat(cognito.userPoolArn()).endsWith("userpool/us-east-1_AbC123");
    assertThat(cognito.sessionCookieName()).isEqualTo("AWSELBAuthSessionCookie");
    assertThat(cognito.scope()).isEqualTo("openid");
    assertThat(cognito.sessionTimeout()).isEqualTo(604_800L);
    assertThat(cognito.onUnauthenticatedRequestAsString()).isEqualTo("authenticate");

    elb.modifyListener(r -> r.listenerArn(arn).defaultActions(authenticate(AuthenticateOidcActionConditionalBehaviorEnum.DENY), forward()));
    var oidc = elb.describeListeners(r -> r.listenerArns(arn)).listeners().get(0).defaultActions().get(0).authenticateOidcConfig();
    assertThat(oidc.clientId()).isEqualTo("client-1");
    assertThat(oidc.clientSecret()).isNull();
    assertThat(oidc.onUnauthenticatedRequestAsString()).isEqualTo("deny");
    assertThat(oidc.authenticationRequestExtraParams()).containsEntry("prompt", "consent");
  }
}
