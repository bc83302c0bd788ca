package dev.stratus.elbv2.model;

import java.util.List;

/**
 * A rule action. Exactly one of the configs matches {@link #type}: {@code forward},
 * {@code redirect} or {@code fixed-response} (terminal), or an authenticate action (kept, not run).
 */
public record Action(String type, Integer order, Forward forward, Redirect redirect, FixedResponse fixedResponse) {

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
