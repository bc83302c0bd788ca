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
}
