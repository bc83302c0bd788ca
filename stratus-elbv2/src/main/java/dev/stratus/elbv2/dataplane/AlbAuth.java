package dev.stratus.elbv2.dataplane;

import dev.stratus.core.Lazy;
import dev.stratus.elbv2.model.Action;
import dev.stratus.elbv2.model.RequestView;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * ALB's authenticate-oidc (and, without a Cognito to talk to, authenticate-cognito) data plane,
 * as AWS documents it ("Authenticate users using an Application Load Balancer"): an
 * unauthenticated request is redirected (302) to the IdP's authorization endpoint with
 * {@code response_type=code}, {@code client_id}, {@code redirect_uri=https://<host>/oauth2/idpresponse},
 * {@code scope}, {@code state} and {@code nonce}; the callback exchanges the code at the token
 * endpoint, reads the user info endpoint with the access token, sets the session cookies
 * {@code <SessionCookieName>-0..N} and sends the browser back to the original URL; authenticated
 * requests reach targets with {@code x-amzn-oidc-accesstoken}, {@code x-amzn-oidc-identity} (the
 * user info's {@code sub}) and {@code x-amzn-oidc-data} (the user claims as a JWT signed ES256 by
 * the load balancer, header {@code alg, kid, signer, iss, client, exp}).
 */
/*
 * AWS's codes: deny → 401; an unknown or expired state, or one without its AWSALBAuthNonce
 * cookie → 401; the IdP answering the token or user info request with an error → 561; the IdP unreachable (or its keys) → 500; an ID token
 * missing, badly signed, of another issuer or audience, expired or with another nonce → 401.
 * The session lives in the browser, sealed into <SessionCookieName>-N cookies (AuthSessionCookies)
 * under a key kept in the data dir, so a restart keeps users logged in and no server holds
 * sessions; a cookie that does not open (tampered, another key) is no session. The session lasts
 * SessionTimeout; when the IdP said when its access token expires (expires_in), an expired access
 * token is refreshed with the IdP's refresh token (no refresh token: the user logs in again). A
 * login in progress is sealed the same way into the state sent to the IdP (original URL, nonce,
 * 15 minutes) and bound to the browser by the AWSALBAuthNonce cookie, as AWS does: nothing of a
 * login or a session is held in this process.
 * authenticate-cognito has no Cognito in Stratus: it answers 500, as ALB does when it cannot reach
 * the IdP. The IdP calls use the JDK's asynchronous HttpClient, so no event loop waits on them.
 * Every failure carries AWS's error_reason for the access log (AuthInvalidStateParam,
 * AuthTokenEpRequestFailed, AuthUserinfoResponseSizeExceeded...: the "Error reason codes" of
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html).
 */
final class AlbAuth {
  static final String CALLBACK = "/oauth2/idpresponse";
  static final HttpResponseStatus IDP_ERROR = new HttpResponseStatus(561, "");
  /**
   * The most user claims and access token ALB takes from the IdP: 11K; beyond it, 500 and
   * AuthUserinfoResponseSizeExceeded ("Authenticate users using an Application Load Balancer",
   * authentication flow; access logs, error reason codes).
   */
  static final int MAX_CLAIMS_BYTES = 11 * 1024;
  private static final Duration LOGIN_WINDOW = Duration.ofMinutes(15);
  private static final Duration IDP_TIMEOUT = Duration.ofSeconds(5);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final DateTimeFormatter COOKIE_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  // Made at the first authenticate action, not at start (most runs have none): a JDK HttpClient
  // makes the default SSLContext and a selector thread, and the keys are a P-256 pair and an AES key.
  private final Lazy<HttpClient> http = Lazy.of(() -> HttpClient.newBuilder().connectTimeout(IDP_TIMEOUT).build());
  private volatile Lazy<ClaimsSigningKey> signing = Lazy.of(() -> ClaimsSigningKey.in(Optional.empty()));
  private final IdTokens idTokens;
  private volatile Lazy<AuthSessionCookies> sessions = Lazy.of(() -> AuthSessionCookies.in(Optional.empty()));

  /** A login in progress, sealed into the {@code state} sent to the IdP; {@code binding} names the action's IdP and client. */
  record Login(String originalUrl, String nonce, String redirectUri, String binding, Instant expires) {}

  /** The cookie binding a login's state to the browser that started it (AWS's name). */
  static final String NONCE_COOKIE = "AWSALBAuthNonce";

  /**
   * What an authenticate action decided: go on to the terminal action with these headers (and
   * these Set-Cookie values on its response: a refreshed session), answer, or decide later (the
   * access token is being refreshed at the IdP).
   */
  sealed interface Outcome {
    record Pass(Map<String, String> headers, List<String> setCookies) implements Outcome {
      Pass(Map<String, String> headers) { this(headers, List.of()); }
    }

    /** @param errorReason AWS's error_reason for the access log (null: none) */
    record Respond(FullHttpResponse response, String errorReason) implements Outcome {
      Respond(FullHttpResponse response) { this(response, null); }
    }

    record Later(CompletionStage<Outcome> outcome) implements Outcome {}
  }

  /** What the callback answers, with AWS's error_reason for the access log (null: none). */
  record Answer(FullHttpResponse response, String errorReason) {}

  /** A step of a login that failed: AWS's status and error_reason. */
  private static final class Failure extends RuntimeException {
    final HttpResponseStatus status;

    Failure(HttpResponseStatus status, String reason) {
      super(reason, null, false, false);
      this.status = status;
    }
  }

  private static Answer answer(Throwable e) {
    Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof Failure f) return new Answer(AlbRouter.page(f.status), f.getMessage());
    return new Answer(AlbRouter.page(HttpResponseStatus.INTERNAL_SERVER_ERROR), "AuthUnhandledException");
  }

  private static CompletionStage<Answer> fail(HttpResponseStatus status, String reason) {
    return CompletableFuture.completedFuture(new Answer(AlbRouter.page(status), reason));
  }

  /** Sends {@code request} to the IdP; not reaching it (refused, timed out) is 500 and {@code unreachable}. */
  private CompletionStage<HttpResponse<String>> send(HttpRequest request, String unreachable) {
    return http.get().sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((r, e) -> {
      if (e != null) throw new Failure(HttpResponseStatus.INTERNAL_SERVER_ERROR, unreachable);
      return r;
    });
  }

  /** The IdP's JSON; not JSON is 561 and {@code reason}. */
  private static JsonNode json(String body, String reason) {
    try {
      return JSON.readTree(body);
    } catch (tools.jackson.core.JacksonException e) {
      throw new Failure(IDP_ERROR, reason);
    }
  }

  /** The user claims and the access token together may not pass 11K ({@link #MAX_CLAIMS_BYTES}). */
  private static void checkSize(String claims, String accessToken) {
    if (claims.getBytes(StandardCharsets.UTF_8).length + accessToken.getBytes(StandardCharsets.UTF_8).length > MAX_CLAIMS_BYTES) {
      throw new Failure(HttpResponseStatus.INTERNAL_SERVER_ERROR, "AuthUserinfoResponseSizeExceeded");
    }
  }

  AlbAuth(Clock clock) {
    this.clock = clock;
    this.idTokens = new IdTokens(http, clock, IDP_TIMEOUT);
  }

  /**
   * Seals sessions and signs claims with the keys kept in {@code dataDir} (empty: keys of this run
   * only). Call before traffic.
   */
  void keepKeysIn(Optional<java.nio.file.Path> dataDir) {
    this.sessions = Lazy.of(() -> AuthSessionCookies.in(dataDir));
    this.signing = Lazy.of(() -> ClaimsSigningKey.in(dataDir));
  }

  /** The claims-signing public key as PEM, when {@code kid} is its key id (what AWS serves per Region). */
  Optional<String> publicKeyPem(String kid) {
    ClaimsSigningKey k = signing.get();
    return k.keyId().equals(kid) ? Optional.of(k.publicKeyPem()) : Optional.empty();
  }

  /** The key id in x-amzn-oidc-data's header, and its public key (what AWS serves per Region for verification). */
  String keyId() { return signing.get().keyId(); }

  PublicKey publicKey() { return signing.get().pair().getPublic(); }

  /** Runs {@code action} for a request that is not the callback. */
  Outcome authenticate(RequestView view, String uri, Action action, String lbArn) {
    Action.Authenticate config = action.authenticate();
    if (action.type().equals("authenticate-cognito")) {
      return new Outcome.Respond(AlbRouter.page(HttpResponseStatus.INTERNAL_SERVER_ERROR), "AuthUnhandledException");
    }
    Instant now = clock.instant();
    var opened = sessions.get().open(view.cookies(), config.sessionCookieName(), binding(config));
    var session = opened.filter(x -> x.expires().isAfter(now));
    if (session.isPresent() && !session.get().accessTokenExpired(now)) return new Outcome.Pass(claimHeaders(session.get(), config, lbArn));
    if (session.isPresent() && session.get().refreshToken() != null) {
      return new Outcome.Later(refresh(session.get(), view, uri, config, lbArn));
    }
    // A session cookie that does not open (tampered, another key or IdP) is AuthInvalidCookie; then as without one.
    boolean invalid = opened.isEmpty() && view.cookies().containsKey(config.sessionCookieName() + "-0");
    return unauthenticated(view, uri, config, now, invalid ? "AuthInvalidCookie" : null);
  }

  private Outcome unauthenticated(RequestView view, String uri, Action.Authenticate config, Instant now) {
    return unauthenticated(view, uri, config, now, null);
  }

  private Outcome unauthenticated(RequestView view, String uri, Action.Authenticate config, Instant now, String errorReason) {
    return switch (config.onUnauthenticatedRequest()) {
      case "deny" -> new Outcome.Respond(AlbRouter.page(HttpResponseStatus.UNAUTHORIZED), errorReason);
      case "allow" -> new Outcome.Pass(Map.of());
      default -> new Outcome.Respond(redirectToIdp(view, uri, config, now), errorReason);
    };
  }

  private Map<String, String> claimHeaders(AuthSessionCookies.Session session, Action.Authenticate config, String lbArn) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("x-amzn-oidc-accesstoken", session.accessToken());
    headers.put("x-amzn-oidc-identity", session.subject());
    headers.put("x-amzn-oidc-data", claimsJwt(session, config, lbArn));
    return headers;
  }

  /** A POST to the IdP's token endpoint with {@code grant} and the client's credentials (code exchange and refresh alike). */
  private static HttpRequest tokenRequest(Action.Authenticate config, Map<String, String> grant) {
    grant.put("client_id", config.clientId());
    if (config.clientSecret() != null) grant.put("client_secret", config.clientSecret());
    return HttpRequest.newBuilder(URI.create(config.tokenEndpoint())).timeout(IDP_TIMEOUT)
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(form(grant))).build();
  }

  /**
   * The session's access token expired and the IdP gave a refresh token: a new access token from
   * the token endpoint ({@code grant_type=refresh_token}), the user's claims read again with it,
   * and the session resealed (it still ends when it would have). The IdP refusing is no session;
   * the IdP unreachable is 500.
   */
  private CompletionStage<Outcome> refresh(AuthSessionCookies.Session session, RequestView view, String uri,
      Action.Authenticate config, String lbArn) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", session.refreshToken());
    HttpRequest tokenRequest = tokenRequest(config, form);
    return send(tokenRequest, "AuthTokenEpRequestTimeout").thenCompose(tokens -> {
      JsonNode body = tokens.statusCode() / 100 == 2 ? json(tokens.body(), "AuthInvalidTokenResponse") : JSON.createObjectNode();
      String accessToken = body.path("access_token").asString("");
      if (accessToken.isEmpty()) return CompletableFuture.completedFuture(unauthenticated(view, uri, config, clock.instant()));
      Instant accessExpires = body.path("expires_in").isNumber() ? clock.instant().plusSeconds(body.path("expires_in").asLong()) : null;
      String refreshToken = body.path("refresh_token").asString(session.refreshToken());
      HttpRequest userInfo = HttpRequest.newBuilder(URI.create(config.userInfoEndpoint())).timeout(IDP_TIMEOUT)
          .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json").GET().build();
      return send(userInfo, "AuthUserinfoEpRequestTimeout").thenApply(info -> {
        if (info.statusCode() / 100 != 2) return unauthenticated(view, uri, config, clock.instant());
        JsonNode claims = json(info.body(), "AuthInvalidUserinfoResponse");
        checkSize(info.body(), accessToken);
        var renewed = new AuthSessionCookies.Session(accessToken, claims.path("sub").asString(session.subject()), info.body(),
            session.expires(), accessExpires, refreshToken);
        return (Outcome) new Outcome.Pass(claimHeaders(renewed, config, lbArn), sessionCookies(config, renewed));
      });
    }).exceptionally(e -> {
      Answer a = answer(e);
      return new Outcome.Respond(a.response(), a.errorReason());
    });
  }

  /** The Set-Cookie values of {@code session}: its shards, each expiring with the session. */
  private List<String> sessionCookies(Action.Authenticate config, AuthSessionCookies.Session session) {
    String attributes = "; Expires=" + COOKIE_DATE.format(session.expires()) + "; Path=/; Secure; HttpOnly";
    return sessions.get().seal(config.sessionCookieName(), binding(config), session).stream().map(c -> c + attributes).toList();
  }

  private FullHttpResponse redirectToIdp(RequestView view, String uri, Action.Authenticate config, Instant now) {
    String origin = "https://" + view.host() + (view.port() == 443 ? "" : ":" + view.port());
    String nonce = token();
    String redirectUri = origin + CALLBACK;
    Instant expires = now.plus(LOGIN_WINDOW);
    String state = sessions.get().seal("state", new Login(origin + uri, nonce, redirectUri, binding(config), expires));
    Map<String, String> query = new LinkedHashMap<>();
    query.put("response_type", "code");
    query.put("client_id", config.clientId());
    query.put("redirect_uri", redirectUri);
    query.put("scope", config.scope());
    query.put("state", state);
    query.put("nonce", nonce);
    query.putAll(config.extraParams());
    String endpoint = config.authorizationEndpoint();
    return redirect(endpoint + (endpoint.contains("?") ? "&" : "?") + form(query), List.of(NONCE_COOKIE + "=" + nonce
        + "; Expires=" + COOKIE_DATE.format(expires) + "; Path=/; Secure; HttpOnly"));
  }

  /** The IdP's redirect back to {@code /oauth2/idpresponse}: exchange the code, read the user, set the session. */
  CompletionStage<Answer> callback(Map<String, List<String>> query, Map<String, String> cookies,
      List<Action.Authenticate> configs) {
    String state = first(query, "state");
    if (state == null) return fail(HttpResponseStatus.UNAUTHORIZED, "AuthMissingStateParam");
    Login login = sessions.get().open(state, "state", Login.class).orElse(null);
    if (login == null || login.expires().isBefore(clock.instant())) return fail(HttpResponseStatus.UNAUTHORIZED, "AuthInvalidStateParam");
    // The state must come back to the browser that was sent away.
    String nonce = cookies.get(NONCE_COOKIE);
    if (nonce == null) return fail(HttpResponseStatus.UNAUTHORIZED, "AuthMissingAWSALBAuthNonce");
    if (!login.nonce().equals(nonce)) return fail(HttpResponseStatus.UNAUTHORIZED, "AuthInvalidAWSALBAuthNonce");
    Action.Authenticate config = configs.stream().filter(c -> binding(c).equals(login.binding())).findFirst().orElse(null);
    if (config == null) return fail(HttpResponseStatus.UNAUTHORIZED, "AuthInvalidStateParam"); // the rule changed meanwhile
    if (first(query, "error") != null) return fail(IDP_ERROR, "AuthMissingCodeParam"); // the IdP sent an error, no code
    String code = first(query, "code");
    if (code == null) return fail(HttpResponseStatus.UNAUTHORIZED, "AuthMissingCodeParam");
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", login.redirectUri());
    HttpRequest tokenRequest = tokenRequest(config, form);
    return send(tokenRequest, "AuthTokenEpRequestTimeout").thenCompose(tokens -> {
      if (tokens.statusCode() / 100 != 2) {
        // invalid_grant (RFC 6749 §5.2): the code is not valid; any other refusal is the token endpoint's error
        boolean invalidGrant = tokens.body() != null && tokens.body().contains("\"invalid_grant\"");
        return fail(IDP_ERROR, invalidGrant ? "AuthInvalidGrantError" : "AuthTokenEpRequestFailed");
      }
      JsonNode body = json(tokens.body(), "AuthInvalidTokenResponse");
      String accessToken = body.path("access_token").asString("");
      if (accessToken.isEmpty()) return fail(IDP_ERROR, "AuthInvalidTokenResponse");
      String idToken = body.path("id_token").asString("");
      if (idToken.isEmpty()) return fail(HttpResponseStatus.UNAUTHORIZED, "AuthInvalidTokenResponse"); // the scope gave no ID token
      Instant accessExpires = body.path("expires_in").isNumber() ? clock.instant().plusSeconds(body.path("expires_in").asLong()) : null;
      String refreshToken = body.path("refresh_token").asString(null);
      return idTokens.verify(idToken, config.issuer(), config.clientId(), login.nonce()).thenCompose(verdict -> switch (verdict) {
        case IdTokens.Verdict.Invalid i -> fail(HttpResponseStatus.UNAUTHORIZED, "AuthInvalidIdToken");
        case IdTokens.Verdict.Unreachable u -> fail(HttpResponseStatus.INTERNAL_SERVER_ERROR, "AuthUnhandledException");
        case IdTokens.Verdict.Valid v -> userInfo(login, config, accessToken, accessExpires, refreshToken);
      });
    }).exceptionally(AlbAuth::answer);
  }

  /** Reads the user's claims with the access token and seals the session into the cookies. */
  private CompletionStage<Answer> userInfo(Login login, Action.Authenticate config, String accessToken, Instant accessExpires,
      String refreshToken) {
    HttpRequest userInfo = HttpRequest.newBuilder(URI.create(config.userInfoEndpoint())).timeout(IDP_TIMEOUT)
        .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json").GET().build();
    return send(userInfo, "AuthUserinfoEpRequestTimeout").thenApply(info -> {
      if (info.statusCode() / 100 != 2) throw new Failure(IDP_ERROR, "AuthUserinfoEpRequestFailed");
      JsonNode claims = json(info.body(), "AuthInvalidUserinfoResponse");
      checkSize(info.body(), accessToken);
      Instant expires = clock.instant().plusSeconds(config.sessionTimeout());
      var session = new AuthSessionCookies.Session(accessToken, claims.path("sub").asString(), info.body(), expires,
          accessExpires, refreshToken);
      List<String> cookies = new java.util.ArrayList<>(sessionCookies(config, session));
      cookies.add(NONCE_COOKIE + "=; Expires=" + COOKIE_DATE.format(Instant.EPOCH) + "; Path=/; Secure; HttpOnly"); // used
      return new Answer(redirect(login.originalUrl(), cookies), null);
    });
  }

  /** x-amzn-oidc-data: base64url(header).base64url(claims).base64url(ES256 signature), AWS's padded base64url. */
  private String claimsJwt(AuthSessionCookies.Session session, Action.Authenticate config, String lbArn) {
    ObjectNode header = JSON.createObjectNode();
    header.put("alg", "ES256");
    ClaimsSigningKey k = signing.get();
    header.put("kid", k.keyId());
    header.put("signer", lbArn);
    header.put("iss", config.issuer());
    header.put("client", config.clientId());
    header.put("exp", session.expires().getEpochSecond());
    Base64.Encoder b64 = Base64.getUrlEncoder();
    String signingInput = b64.encodeToString(JSON.writeValueAsBytes(header)) + "."
        + b64.encodeToString(session.claims().getBytes(StandardCharsets.UTF_8));
    try {
      Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
      signer.initSign(k.pair().getPrivate());
      signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + b64.encodeToString(signer.sign());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with P-256", e);
    }
  }

  /** What a session cookie is bound to: the action's IdP and client (a cookie of one does not pass another's rule). */
  private static String binding(Action.Authenticate config) { return config.issuer() + "\n" + config.clientId(); }

  private static FullHttpResponse redirect(String location, List<String> cookies) {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.FOUND, Unpooled.EMPTY_BUFFER);
    r.headers().set(HttpHeaderNames.SERVER, "awselb/2.0");
    r.headers().set(HttpHeaderNames.LOCATION, location);
    r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
    cookies.forEach(c -> r.headers().add(HttpHeaderNames.SET_COOKIE, c));
    return r;
  }

  private String token() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String form(Map<String, String> values) {
    return values.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
  }

  private static String first(Map<String, List<String>> query, String name) {
    return Optional.ofNullable(query.get(name)).filter(l -> !l.isEmpty()).map(l -> l.get(0)).orElse(null);
  }

}
