package dev.stratus.apigateway.dataplane;

import java.net.InetSocketAddress;
import java.util.Optional;

/** Where a VPC_LINK integration connects: a node of the link's load balancer, at the listener for {@code port}. */
@FunctionalInterface
interface VpcLinkRoutes {
  VpcLinkRoutes NONE = (scope, linkId, port) -> Optional.empty();

  /**
   * @param scope the API's {@code account/region}
   * @param port the integration URI's port (the NLB listener's)
   * @return empty when the link does not exist, is not AVAILABLE, or its balancer has no node
   */
  Optional<InetSocketAddress> resolve(String scope, String linkId, int port);

  /**
   * A v2 link's way to an ALB or NLB listener: a node of the listener's balancer, at that balancer's
   * listener (when the balancer has several, the one with the lowest port: the listener ARN alone
   * does not say its port here).
   */
  default Optional<InetSocketAddress> resolveListener(String scope, String linkId, String listenerArn) { return Optional.empty(); }
}
