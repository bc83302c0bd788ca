package dev.stratus.elbv2.model;

import dev.stratus.core.store.Table;
import java.util.List;
import java.util.Objects;

/**
 * A listener: a protocol and port on a load balancer, its default actions (the default rule) and
 * its certificates (the first is the default certificate).
 */
public record Listener(String arn, String loadBalancerArn, String protocol, int port, String sslPolicy,
    List<String> certificateArns, List<Action> defaultActions, List<String> alpnPolicy,
    MutualAuthentication mutualAuthentication) {

  public Listener(String arn, String loadBalancerArn, String protocol, int port, String sslPolicy,
      List<String> certificateArns, List<Action> defaultActions, List<String> alpnPolicy) {
    this(arn, loadBalancerArn, protocol, port, sslPolicy, certificateArns, defaultActions, alpnPolicy, null);
  }

  public static final Table<Listener> TABLE = Table.of("elbv2.listener", Listener.class);

  public Listener {
    Objects.requireNonNull(arn, "arn");
    certificateArns = certificateArns == null ? List.of() : List.copyOf(certificateArns);
    defaultActions = defaultActions == null ? List.of() : List.copyOf(defaultActions);
    alpnPolicy = alpnPolicy == null ? List.of() : List.copyOf(alpnPolicy);
    mutualAuthentication = mutualAuthentication == null ? MutualAuthentication.OFF : mutualAuthentication;
  }
}
