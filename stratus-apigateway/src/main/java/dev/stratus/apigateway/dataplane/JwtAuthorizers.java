package dev.stratus.apigateway.dataplane;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.stratus.apigateway.model.Api;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * HTTP API JWT authorizers (apigateway.md §8): the token from the identity source (raw or
 * {@code Bearer }), its RSA signature against the issuer's JWKS (found through
 * {@code /.well-known/openid-configuration}, fetched with AWS's 1,500 ms timeout, {@code kid}
 * must match), then {@code iss}, {@code aud} or {@code client_id}, {@code exp}, {@code nbf} and
 * {@code iat} on the injected clock, and the route's scopes against {@code scope}/{@code scp}.
 * Fetching blocks, so verification runs on a virtual thread, never on the event loop.
 */
final class JwtAuthorizers {
  /** JWKS and discovery fetch timeout, 1,500 ms (apigateway.md §8). */
  static final int FETCH_TIMEOUT_MILLIS = 1500;
  private static final Set<JWSAlgorithm> RSA = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
      JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);

  /** How a token fared: allowed (with its claims and scopes), unauthorized (401) or forbidden (403, a missing scope). */
  sealed interface Verdict {
    record Allowed(Map<String, Object> claims, List<String> scopes) implements Verdict {}

    record Unauthorized(String description) implements Verdict {}

    record Forbidden() implements Verdict {}
  }

  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  /** Made at the first JWKS fetch, not at start: a JDK HttpClient makes the default SSLContext and a selector thread. */
  private final dev.stratus.core.Lazy<HttpClient> http =
      dev.stratus.core.Lazy.of(() -> HttpClient.newBuilder().connectTimeout(Duration.ofMillis(FETCH_TIMEOUT_MILLIS)).build());
  private final Map<String, JWKSource<SecurityContext>> sources = new ConcurrentHashMap<>();

  CompletableFuture<Verdict> verify(Api.Authorizer authorizer, String token, List<String> routeScopes, Instant now) {
    return CompletableFuture.supplyAsync(() -> check(authorizer, token, routeScopes, now), threads);
  }

  private Verdict check(Api.Authorizer a, String token, List<String> routeScopes, Instant now) {
    if (token == null || token.isBlank()) return new Verdict.Unauthorized("no token");
    if (token.regionMatches(true, 0, "Bearer ", 0, 7)) token = token.substring(7).trim();
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token);
    } catch (java.text.ParseException e) {
      return new Verdict.Unauthorized("the token is not a valid JWT");
    }
    if (!RSA.contains(jwt.getHeader().getAlgorithm())) return new Verdict.Unauthorized("the token's algorithm is not RSA");
    try {
      JWKSource<SecurityContext> source = sources.computeIfAbsent(a.issuer(), this::source);
      var matcher = new JWKMatcher.Builder().keyType(KeyType.RSA).keyID(jwt.getHeader().getKeyID()).build();
      var keys = source.get(new JWKSelector(matcher), null);
      if (keys.isEmpty()) return new Verdict.Unauthorized("no key matches the token's kid");
      if (!jwt.verify(new RSASSAVerifier(((RSAKey) keys.getFirst()).toRSAPublicKey()))) {
        return new Verdict.Unauthorized("signature verification failed");
      }
      JWTClaimsSet c = jwt.getJWTClaimsSet();
      if (!a.issuer().equals(c.getIssuer())) return new Verdict.Unauthorized("the token has an invalid issuer");
      Object clientId = c.getClaim("client_id");
      boolean audienceOk = c.getAudience().stream().anyMatch(a.audience()::contains)
          || (clientId != null && a.audience().contains(String.valueOf(clientId)));
      if (!audienceOk) return new Verdict.Unauthorized("the token does not have a valid audience");
      Date now2 = Date.from(now);
      if (c.getExpirationTime() == null || !c.getExpirationTime().after(now2)) return new Verdict.Unauthorized("the token has expired");
      if (c.getNotBeforeTime() != null && c.getNotBeforeTime().after(now2)) return new Verdict.Unauthorized("the token is not valid yet");
      if (c.getIssueTime() != null && c.getIssueTime().after(now2)) return new Verdict.Unauthorized("the token was issued in the future");
      List<String> scopes = scopes(c);
      if (!routeScopes.isEmpty() && routeScopes.stream().noneMatch(scopes::contains)) return new Verdict.Forbidden();
      return new Verdict.Allowed(c.toJSONObject(), scopes);
    } catch (Exception e) {
      return new Verdict.Unauthorized("the issuer's keys could not be fetched");
    }
  }

  private static List<String> scopes(JWTClaimsSet c) {
    List<String> out = new ArrayList<>();
    for (String name : List.of("scope", "scp")) {
      Object v = c.getClaim(name);
      if (v instanceof String s) out.addAll(List.of(s.trim().split("\\s+")));
      else if (v instanceof List<?> l) l.forEach(x -> out.add(String.valueOf(x)));
    }
    return out;
  }

  /** The issuer's key set, through its OpenID discovery document. */
  private JWKSource<SecurityContext> source(String issuer) {
    try {
      String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
      var res = http.get().send(HttpRequest.newBuilder(URI.create(base + "/.well-known/openid-configuration"))
          .timeout(Duration.ofMillis(FETCH_TIMEOUT_MILLIS)).build(), HttpResponse.BodyHandlers.ofString());
      String jwksUri = Vtl.JSON.readTree(res.body()).path("jwks_uri").asString();
      return JWKSourceBuilder.create(URI.create(jwksUri).toURL(),
          new DefaultResourceRetriever(FETCH_TIMEOUT_MILLIS, FETCH_TIMEOUT_MILLIS)).retrying(false).build();
    } catch (Exception e) {
      throw new IllegalStateException("cannot discover the keys of " + issuer, e);
    }
  }
}
