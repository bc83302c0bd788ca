package dev.stratus.core.elb;

import java.util.List;
import java.util.Objects;

/**
 * One load balancer as another service sees it.
 *
 * @param arn the balancer's ARN
 * @param type {@code application}, {@code network} or {@code gateway}
 * @param scheme {@code internet-facing} or {@code internal}
 * @param nodeAddresses the loopback address of each node (one per enabled Availability Zone)
 * @param healthy whether every target group it uses has a healthy target (an empty group, or
 *     none at all, is unhealthy): what Route 53's EvaluateTargetHealth and Global Accelerator see
 */
public record LoadBalancerView(String arn, String type, String scheme, List<String> nodeAddresses, boolean healthy) {
  public LoadBalancerView {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(scheme, "scheme");
    nodeAddresses = List.copyOf(nodeAddresses);
  }
}
