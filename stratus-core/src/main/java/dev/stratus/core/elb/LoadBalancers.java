package dev.stratus.core.elb;

import java.util.Optional;

/** The load balancers Stratus holds, by ARN; answers from memory, safe on an event loop. */
public interface LoadBalancers {

  /** The balancer {@code loadBalancerArn} (any account and Region), if it exists. */
  Optional<LoadBalancerView> find(String loadBalancerArn);
}
