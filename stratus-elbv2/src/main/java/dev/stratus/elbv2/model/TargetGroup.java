package dev.stratus.elbv2.model;

import dev.stratus.core.store.Table;
import java.util.List;
import java.util.Objects;

/** A target group as stored: where a listener rule forwards, and the load balancers that use it. */
public record TargetGroup(String arn, String name, String protocol, Integer port, String vpcId, String targetType,
    List<String> loadBalancerArns) {

  public static final Table<TargetGroup> TABLE = Table.of("elbv2.target_group", TargetGroup.class);

  public TargetGroup {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(name, "name");
    loadBalancerArns = List.copyOf(loadBalancerArns);
  }
}
