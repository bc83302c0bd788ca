package dev.stratus.elbv2.model;

import java.util.List;
import java.util.Map;

/**
 * A rule action. Exactly one of the configs matches {@link #type}: {@code forward},
 * {@code redirect} or {@code fixed-response} (terminal), or {@code authenticate-oidc} /
 * {@code authenticate-cognito} ({@link #authenticate}), which run before the terminal action.
 */
public record Action(String type, Integer order, Forward forward, Redirect redirect, FixedResponse fixedResponse,
    Authenticate authenticate) {

  public Action(String type, Integer order, Forward forward, Redirect redirect, FixedResponse fixedResponse) {
    this(type, order, forward, redirect, fixedResponse, null);
  }

  /**
   * An authenticate action's configuration (elbv2.md; AuthenticateOidcConfig /
   * AuthenticateCognitoConfig). OIDC fills issuer … clientSecret; Cognito fills the user pool
   * fields. {@code onUnauthenticatedRequest} is deny, allow or authenticate.
   */
  public record Authenticate(String issuer, String authorizationEndpoint, String tokenEndpoint, String userInfoEndpoint,
      String clientId, String clientSecret, String userPoolArn, String userPoolClientId, String userPoolDomain,
      String sessionCookieName, String scope, long sessionTimeout, Map<String, String> extraParams,
      String onUnauthenticatedRequest) {
    public Authenticate { extraParams = extraParams == null ? Map.of() : Map.copyOf(extraParams); }
  }

  /** Up to 5 weighted target groups, with optional target-group stickiness (cookie AWSALBTG). */
  public record Forward(List<WeightedTargetGroup> targetGroups, boolean stickinessEnabled, Integer stickinessDurationSeconds) {
    public Forward { targetGroups = List.copyOf(targetGroups); }
  }

  public record WeightedTargetGroup(String targetGroupArn, int weight) {}

  /** Null parts keep the request's values ({@code #{protocol}} and so on). */
  public record Redirect(String protocol, String port, String host, String path, String query, String statusCode) {}

  public record FixedResponse(String statusCode, String contentType, String messageBody) {}

  public boolean terminal() {
    return type.equals("forward") || type.equals("redirect") || type.equals("fixed-response");
  }
}
