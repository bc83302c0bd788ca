package dev.stratus.ec2.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A VPC endpoint (vpc.md §37–40): a Gateway endpoint adds prefix-list routes to route tables; an
 * Interface endpoint has one ENI per subnet with security groups and, optionally, private DNS.
 *
 * @param type {@code Interface}, {@code Gateway} or {@code GatewayLoadBalancer}
 * @param state AWS's value, e.g. {@code available}, {@code pendingAcceptance}, {@code rejected}
 */
public record VpcEndpoint(String id, String type, String vpcId, String serviceName, String state,
    List<String> routeTableIds, List<String> subnetIds, List<String> groupIds, List<String> networkInterfaceIds,
    boolean privateDnsEnabled, List<String> dnsNames, String policyDocument, Instant creationTime) {

  public VpcEndpoint {
    Objects.requireNonNull(id, "id");
    routeTableIds = List.copyOf(routeTableIds);
    subnetIds = List.copyOf(subnetIds);
    groupIds = List.copyOf(groupIds);
    networkInterfaceIds = List.copyOf(networkInterfaceIds);
    dnsNames = List.copyOf(dnsNames);
  }

  /** A gateway endpoint (S3, DynamoDB): a route target via the service's prefix list (vpc.md §38). */
  public boolean isGateway() { return "Gateway".equalsIgnoreCase(type); }

  /** An interface endpoint: network interfaces in the chosen subnets. */
  public boolean isInterface() { return "Interface".equalsIgnoreCase(type); }

  public VpcEndpoint withState(String newState) {
    return new VpcEndpoint(id, type, vpcId, serviceName, newState, routeTableIds, subnetIds, groupIds,
        networkInterfaceIds, privateDnsEnabled, dnsNames, policyDocument, creationTime);
  }

  public VpcEndpoint withRouteTables(List<String> tables) {
    return new VpcEndpoint(id, type, vpcId, serviceName, state, tables, subnetIds, groupIds,
        networkInterfaceIds, privateDnsEnabled, dnsNames, policyDocument, creationTime);
  }
}
