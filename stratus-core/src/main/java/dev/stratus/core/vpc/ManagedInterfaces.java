package dev.stratus.core.vpc;

import dev.stratus.core.store.Transaction;
import java.util.List;
import java.util.Objects;

/**
 * Requester-managed network interfaces that another service places in a customer's subnet, as
 * AWS does for load balancer nodes: EC2 owns them (they are listed by DescribeNetworkInterfaces,
 * keep their subnet, VPC and security groups from being deleted, and take part in reachability
 * analyses), the calling service creates and removes them inside its own store transaction.
 * Provided by the EC2 module through {@link dev.stratus.core.Extensions}.
 */
public interface ManagedInterfaces {

  /**
   * @param interfaceType AWS's value, e.g. {@code interface} (ALB) or {@code network_load_balancer}
   * @param description e.g. {@code ELB app/web/50dc6c495c0c9188}
   */
  record Spec(String subnetId, List<String> groupIds, String interfaceType, String description) {
    public Spec {
      Objects.requireNonNull(subnetId, "subnetId");
      groupIds = List.copyOf(groupIds);
      Objects.requireNonNull(interfaceType, "interfaceType");
      Objects.requireNonNull(description, "description");
    }
  }

  /** A created interface: its id and the private address it took from the subnet. */
  record Created(String networkInterfaceId, String privateIpAddress) {}

  /** Creates the interface in {@code tx}, with the lowest free address of the subnet. */
  Created create(Transaction tx, String accountId, String region, Spec spec);

  /** Replaces the interface's security groups in {@code tx}; unknown ids are ignored. */
  void setGroups(Transaction tx, String accountId, String region, String networkInterfaceId, List<String> groupIds);

  /** Removes the interface in {@code tx}; unknown ids are ignored. */
  void delete(Transaction tx, String accountId, String region, String networkInterfaceId);
}
