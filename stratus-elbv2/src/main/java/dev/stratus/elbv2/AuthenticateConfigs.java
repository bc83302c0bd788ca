package dev.stratus.elbv2;

import dev.stratus.elbv2.model.Action;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AuthenticateCognitoActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AuthenticateOidcActionConfig;

/**
 * authenticate-oidc and authenticate-cognito configurations: validated as AWS does on
 * CreateListener/CreateRule/Modify*, stored, and shown back (without the client secret, which
 * AWS never returns).
 */
final class AuthenticateConfigs {
  /*
   * Defaults (AWS API reference): SessionCookieName AWSELBAuthSessionCookie, Scope openid,
   * SessionTimeout 604800 s (7 days, also the maximum), OnUnauthenticatedRequest authenticate.
   * The IdP endpoints must be HTTPS URLs; Stratus's one local extension: http:// to a loopback
   * host (127.0.0.0/8, localhost), where a test IdP runs, as ip targets may be loopback.
   * UseExistingClientSecret keeps no secret here (the exchange then sends none).
   */

  static final String DEFAULT_COOKIE = "AWSELBAuthSessionCookie";
  static final long MAX_SESSION_TIMEOUT = 604_800;
  private static final Pattern USER_POOL_ARN = Pattern.compile("arn:aws[a-z-]*:cognito-idp:[a-z0-9-]+:\\d{12}:userpool/[\\w-]+_[0-9a-zA-Z]+");

  private AuthenticateConfigs() {}

  static Action.Authenticate oidc(AuthenticateOidcActionConfig c) {
    if (c == null) throw Elbv2Errors.validation("An authenticate-oidc action requires an AuthenticateOidcConfig");
    String issuer = required(c.issuer(), "Issuer");
    endpoint(issuer, "Issuer");
    endpoint(required(c.authorizationEndpoint(), "AuthorizationEndpoint"), "AuthorizationEndpoint");
    endpoint(required(c.tokenEndpoint(), "TokenEndpoint"), "TokenEndpoint");
    endpoint(required(c.userInfoEndpoint(), "UserInfoEndpoint"), "UserInfoEndpoint");
    required(c.clientId(), "ClientId");
    if (c.clientSecret() == null && !Boolean.TRUE.equals(c.useExistingClientSecret())) {
      throw Elbv2Errors.validation("ClientSecret must be specified unless UseExistingClientSecret is true");
    }
    return new Action.Authenticate(issuer, c.authorizationEndpoint(), c.tokenEndpoint(), c.userInfoEndpoint(), c.clientId(),
        c.clientSecret(), null, null, null, cookie(c.sessionCookieName()), scope(c.scope()), timeout(c.sessionTimeout()),
        c.authenticationRequestExtraParams(), behaviour(c.onUnauthenticatedRequestAsString()));
  }

  static Action.Authenticate cognito(AuthenticateCognitoActionConfig c) {
    if (c == null) throw Elbv2Errors.validation("An authenticate-cognito action requires an AuthenticateCognitoConfig");
    String arn = required(c.userPoolArn(), "UserPoolArn");
    if (!USER_POOL_ARN.matcher(arn).matches()) {
      throw Elbv2Errors.validation("The user pool ARN '" + arn + "' is not valid");
    }
    required(c.userPoolClientId(), "UserPoolClientId");
    required(c.userPoolDomain(), "UserPoolDomain");
    return new Action.Authenticate(null, null, null, null, null, null, arn, c.userPoolClientId(), c.userPoolDomain(),
        cookie(c.sessionCookieName()), scope(c.scope()), timeout(c.sessionTimeout()), c.authenticationRequestExtraParams(),
        behaviour(c.onUnauthenticatedRequestAsString()));
  }

  static AuthenticateOidcActionConfig toSdkOidc(Action.Authenticate a) {
    return AuthenticateOidcActionConfig.builder().issuer(a.issuer()).authorizationEndpoint(a.authorizationEndpoint())
        .tokenEndpoint(a.tokenEndpoint()).userInfoEndpoint(a.userInfoEndpoint()).clientId(a.clientId())
        .sessionCookieName(a.sessionCookieName()).scope(a.scope()).sessionTimeout(a.sessionTimeout())
        .authenticationRequestExtraParams(a.extraParams().isEmpty() ? null : a.extraParams())
        .onUnauthenticatedRequest(a.onUnauthenticatedRequest()).build();
  }

  static AuthenticateCognitoActionConfig toSdkCognito(Action.Authenticate a) {
    return AuthenticateCognitoActionConfig.builder().userPoolArn(a.userPoolArn()).userPoolClientId(a.userPoolClientId())
        .userPoolDomain(a.userPoolDomain()).sessionCookieName(a.sessionCookieName()).scope(a.scope())
        .sessionTimeout(a.sessionTimeout()).authenticationRequestExtraParams(a.extraParams().isEmpty() ? null : a.extraParams())
        .onUnauthenticatedRequest(a.onUnauthenticatedRequest()).build();
  }

  private static String required(String value, String name) {
    if (value == null || value.isBlank()) throw Elbv2Errors.validation(name + " must be specified");
    return value;
  }

  private static void endpoint(String url, String name) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw Elbv2Errors.validation(name + " '" + url + "' is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean loopback = uri.getHost() != null && (uri.getHost().startsWith("127.") || uri.getHost().equals("localhost"));
    if (uri.getHost() == null || !(scheme.equals("https") || (scheme.equals("http") && loopback))) {
      throw Elbv2Errors.validation(name + " '" + url + "' must be an HTTPS URL");
    }
  }

  private static String cookie(String name) {
    if (name == null) return DEFAULT_COOKIE;
    if (name.isEmpty() || name.length() > 77 || !name.matches("[\\w!#$%&'*+.^`|~-]+")) {
      throw Elbv2Errors.validation("The session cookie name '" + name + "' is not valid");
    }
    return name;
  }

  private static String scope(String scope) { return scope == null || scope.isBlank() ? "openid" : scope; }

  private static long timeout(Long seconds) {
    if (seconds == null) return MAX_SESSION_TIMEOUT;
    if (seconds < 1 || seconds > MAX_SESSION_TIMEOUT) {
      throw Elbv2Errors.validation("Session timeout must be between 1 and " + MAX_SESSION_TIMEOUT + " seconds");
    }
    return seconds;
  }

  private static String behaviour(String value) {
    if (value == null) return "authenticate";
    String v = value.toLowerCase(Locale.ROOT);
    if (!Map.of("deny", 1, "allow", 1, "authenticate", 1).containsKey(v)) {
      throw Elbv2Errors.validation("OnUnauthenticatedRequest must be one of deny, allow, authenticate");
    }
    return v;
  }
}
