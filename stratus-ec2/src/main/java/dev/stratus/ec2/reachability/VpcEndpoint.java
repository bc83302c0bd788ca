package dev.stratus.ec2.reachability;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A VPC endpoint: a gateway endpoint is a prefix-list route in chosen route tables (no interface,
 * no security group, vpc.md §38); an interface endpoint is one interface per subnet with security
 * groups and optional private DNS (vpc.md §39).
 *
 * @param id {@code vpce-…}
 * @param region the Region
 * @param vpcId the VPC
 * @param vpcEndpointType {@code Gateway}, {@code Interface}, {@code GatewayLoadBalancer}, …
 * @param serviceName e.g. {@code com.amazonaws.us-east-1.s3}
 * @param state {@code available}, {@code pendingAcceptance}, …
 * @param routeTableIds gateway endpoints: the tables carrying its route
 * @param subnetIds interface endpoints: one subnet per zone
 * @param networkInterfaceIds interface endpoints: its interfaces
 * @param securityGroupIds interface endpoints: its groups
 * @param privateDnsEnabled interface endpoints: whether the service name resolves to it
 * @param tags the resource tags
 */
public record VpcEndpoint(String id, String region, String vpcId, String vpcEndpointType,
    String serviceName, String state, List<String> routeTableIds, List<String> subnetIds,
    List<String> networkInterfaceIds, List<String> securityGroupIds, boolean privateDnsEnabled,
    Map<String, String> tags) {
  public VpcEndpoint {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(vpcId, "vpcId");
    Objects.requireNonNull(vpcEndpointType, "vpcEndpointType");
    Objects.requireNonNull(serviceName, "serviceName");
    Objects.requireNonNull(state, "state");
    routeTableIds = List.copyOf(routeTableIds);
    subnetIds = List.copyOf(subnetIds);
    networkInterfaceIds = List.copyOf(networkInterfaceIds);
    securityGroupIds = List.copyOf(securityGroupIds);
    tags = Map.copyOf(tags);
  }

  /** Whether this is a gateway endpoint (S3, DynamoDB). */
  public boolean isGateway() { return "Gateway".equalsIgnoreCase(vpcEndpointType); }

  /** Whether this is an interface endpoint. */
  public boolean isInterface() { return "Interface".equalsIgnoreCase(vpcEndpointType); }
}
