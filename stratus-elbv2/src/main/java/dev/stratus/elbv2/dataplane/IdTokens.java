package dev.stratus.elbv2.dataplane;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks the ID token an IdP's token endpoint returns, as an OIDC relying party must: its
 * signature (RS256/384/512 or ES256/384) against the issuer's published keys (the {@code jwks_uri}
 * of {@code <issuer>/.well-known/openid-configuration}, the key chosen by {@code kid}), then
 * {@code iss} equal to the action's Issuer, {@code aud} holding its client id, {@code exp} after
 * now (injected clock, 5 minutes' skew allowed) and the login's {@code nonce}.
 */
/*
 * Keys are cached per issuer for 10 minutes and fetched again at once when a token names a kid the
 * cache lacks (the IdP rotated its keys). Fetching uses the JDK's asynchronous client, so no event
 * loop waits on it. A bad token is Verdict.Invalid (ALB answers 401); keys that cannot be fetched
 * are Verdict.Unreachable (ALB answers 500, as when it cannot reach the IdP).
 */
final class IdTokens {
  private static final Duration KEYS_TTL = Duration.ofMinutes(10);
  private static final Duration SKEW = Duration.ofMinutes(5);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  sealed interface Verdict {
    record Valid(JsonNode claims) implements Verdict {}

    record Invalid(String why) implements Verdict {}

    record Unreachable(String why) implements Verdict {}
  }

  private record Keys(Map<String, PublicKey> byKid, Instant fetched) {}

  private final java.util.function.Supplier<HttpClient> http;
  private final Clock clock;
  private final Duration timeout;
  private final Map<String, Keys> cache = new ConcurrentHashMap<>();

  IdTokens(java.util.function.Supplier<HttpClient> http, Clock clock, Duration timeout) {
    this.http = http;
    this.clock = clock;
    this.timeout = timeout;
  }

  CompletionStage<Verdict> verify(String idToken, String issuer, String clientId, String nonce) {
    String[] parts = idToken == null ? new String[0] : idToken.split("\\.", -1);
    if (parts.length != 3) return done(new Verdict.Invalid("the ID token is not a signed JWT"));
    JsonNode header;
    JsonNode claims;
    byte[] signature;
    try {
      header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
      claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      signature = Base64.getUrlDecoder().decode(parts[2]);
    } catch (RuntimeException e) {
      return done(new Verdict.Invalid("the ID token cannot be parsed"));
    }
    String jca = jcaAlgorithm(header.path("alg").asString(""));
    if (jca == null) return done(new Verdict.Invalid("the ID token's algorithm " + header.path("alg") + " is not accepted"));
    String kid = header.path("kid").asString("");
    return key(issuer, kid).thenApply(key -> {
      if (key == null) return new Verdict.Invalid("no key of " + issuer + " has kid '" + kid + "'");
      try {
        Signature verifier = Signature.getInstance(jca);
        verifier.initVerify(key);
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        if (!verifier.verify(signature)) return new Verdict.Invalid("the ID token's signature does not verify");
      } catch (GeneralSecurityException e) {
        return new Verdict.Invalid("the ID token's signature does not verify: " + e.getMessage());
      }
      return checkClaims(claims, issuer, clientId, nonce);
    }).exceptionally(e -> new Verdict.Unreachable("the keys of " + issuer + " cannot be fetched: " + e.getMessage()));
  }

  private Verdict checkClaims(JsonNode claims, String issuer, String clientId, String nonce) {
    if (!issuer.equals(claims.path("iss").asString(""))) return new Verdict.Invalid("iss is not " + issuer);
    JsonNode aud = claims.path("aud");
    boolean audience = aud.isArray() ? aud.valueStream().anyMatch(a -> clientId.equals(a.asString(""))) : clientId.equals(aud.asString(""));
    if (!audience) return new Verdict.Invalid("aud does not hold " + clientId);
    Instant now = clock.instant();
    if (!claims.path("exp").isNumber() || !Instant.ofEpochSecond(claims.path("exp").asLong()).plus(SKEW).isAfter(now)) {
      return new Verdict.Invalid("the ID token has expired");
    }
    if (claims.has("nonce") && !nonce.equals(claims.path("nonce").asString(""))) return new Verdict.Invalid("the nonce is not the login's");
    return new Verdict.Valid(claims);
  }

  private CompletionStage<PublicKey> key(String issuer, String kid) {
    Keys cached = cache.get(issuer);
    if (cached != null && cached.fetched().plus(KEYS_TTL).isAfter(clock.instant()) && cached.byKid().containsKey(kid)) {
      return done(cached.byKid().get(kid));
    }
    return fetch(issuer).thenApply(keys -> {
      cache.put(issuer, keys);
      PublicKey k = keys.byKid().get(kid);
      // A token without kid is accepted when the issuer publishes exactly one key.
      return k == null && kid.isEmpty() && keys.byKid().size() == 1 ? keys.byKid().values().iterator().next() : k;
    });
  }

  private CompletionStage<Keys> fetch(String issuer) {
    String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    return get(base + "/.well-known/openid-configuration").thenCompose(discovery -> {
      String jwksUri = discovery.path("jwks_uri").asString("");
      if (jwksUri.isEmpty()) throw new IllegalStateException("no jwks_uri in the discovery document");
      return get(jwksUri);
    }).thenApply(jwks -> {
      Map<String, PublicKey> out = new HashMap<>();
      for (JsonNode k : jwks.path("keys")) {
        if (k.has("use") && !"sig".equals(k.path("use").asString())) continue;
        PublicKey key = publicKey(k);
        if (key != null) out.put(k.path("kid").asString(""), key);
      }
      return new Keys(Map.copyOf(out), clock.instant());
    });
  }

  private CompletionStage<JsonNode> get(String url) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header("Accept", "application/json").GET().build();
    return http.get().sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
      if (r.statusCode() / 100 != 2) throw new IllegalStateException(url + " answered " + r.statusCode());
      return JSON.readTree(r.body());
    });
  }

  /** A JWK's public key (RSA, or EC on P-256/384/521); null for any other key type. */
  private static PublicKey publicKey(JsonNode jwk) {
    try {
      return switch (jwk.path("kty").asString("")) {
        case "RSA" -> KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(unsigned(jwk, "n"), unsigned(jwk, "e")));
        case "EC" -> {
          String curve = switch (jwk.path("crv").asString("")) {
            case "P-256" -> "secp256r1";
            case "P-384" -> "secp384r1";
            case "P-521" -> "secp521r1";
            default -> null;
          };
          if (curve == null) yield null;
          AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
          params.init(new ECGenParameterSpec(curve));
          yield KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(unsigned(jwk, "x"), unsigned(jwk, "y")),
              params.getParameterSpec(ECParameterSpec.class)));
        }
        default -> null;
      };
    } catch (GeneralSecurityException | RuntimeException e) {
      return null;
    }
  }

  private static BigInteger unsigned(JsonNode jwk, String field) {
    return new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path(field).asString("")));
  }

  private static String jcaAlgorithm(String alg) {
    return switch (alg) {
      case "RS256" -> "SHA256withRSA";
      case "RS384" -> "SHA384withRSA";
      case "RS512" -> "SHA512withRSA";
      case "ES256" -> "SHA256withECDSAinP1363Format";
      case "ES384" -> "SHA384withECDSAinP1363Format";
      default -> null;
    };
  }

  private static <T> CompletionStage<T> done(T value) { return CompletableFuture.completedFuture(value); }
}
