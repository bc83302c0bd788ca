package dev.stratus.ec2.model;

import java.util.List;
import java.util.Objects;

/**
 * An endpoint service configuration: your own PrivateLink service fronted by NLB or GWLB ARNs,
 * whose connections may need acceptance (vpc.md §40).
 *
 * @param ownerScope the provider's (account, region) store scope, where its connections are kept
 * @param serviceName {@code com.amazonaws.vpce.<region>.vpce-svc-…}
 */
public record VpcEndpointService(String id, String ownerScope, String serviceName, String serviceType, boolean acceptanceRequired,
    List<String> networkLoadBalancerArns, List<String> gatewayLoadBalancerArns, String state) {
  public VpcEndpointService {
    Objects.requireNonNull(id, "id");
    networkLoadBalancerArns = List.copyOf(networkLoadBalancerArns);
    gatewayLoadBalancerArns = List.copyOf(gatewayLoadBalancerArns);
  }
}
