package dev.stratus.ec2.endpoints;

import dev.stratus.core.AwsException;
import dev.stratus.ec2.Ec2Errors;
import dev.stratus.ec2.IdKind;
import dev.stratus.ec2.model.EndpointConnection;
import dev.stratus.ec2.model.RouteTable;
import dev.stratus.ec2.model.Subnet;
import dev.stratus.ec2.model.Vpc;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * AWS's rules for VPC endpoints and endpoint services (vpc.md §38–40). Pure: each check takes the
 * request's values and the rows it needs and returns the first rule broken as AWS's error, or
 * empty; {@link VpcEndpointOperations} and {@link EndpointServiceOperations} look the rows up and
 * throw (or, for the batch operations, list it as an unsuccessful item).
 */
public final class EndpointRules {
  /** A Network or Gateway Load Balancer ARN; the load balancer itself is ELB's and not looked up. */
  static final Pattern LB_ARN =
      Pattern.compile("arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\\d{12}:loadbalancer/(net|gwy)/[^/]+/[0-9a-f]+");

  private EndpointRules() {}

  /** CreateVpcEndpoint: a type the service offers ({@code offered}: Gateway, Interface, GatewayLoadBalancer). */
  public static Optional<AwsException> endpointType(String type, List<String> offered) {
    if (offered.contains(type)) return Optional.empty();
    return Optional.of(Ec2Errors.invalidParameter("Endpoint type (" + type + ") does not match available service types ("
        + offered + ")."));
  }

  /** A gateway endpoint's route table (CreateVpcEndpoint): one of the endpoint's VPC. */
  public static Optional<AwsException> gatewayRouteTable(RouteTable t, String vpcId, String endpointId) {
    return t.vpcId().equals(vpcId) ? Optional.empty() : Optional.of(Ec2Errors.differentNetworks(t.id(), endpointId));
  }

  /** A gateway endpoint's route table (Create/ModifyVpcEndpoint): no route to the service's prefix list yet. */
  public static Optional<AwsException> prefixListRoute(RouteTable t, String prefixListId) {
    return t.route(new RouteTable.PrefixListDestination(prefixListId)).isPresent()
        ? Optional.of(Ec2Errors.routeExists(prefixListId)) : Optional.empty();
  }

  /** An interface endpoint with private DNS: the VPC has both DNS attributes on (vpc.md §39). */
  public static Optional<AwsException> privateDns(boolean privateDns, Vpc vpc) {
    if (!privateDns || (vpc.enableDnsSupport() && vpc.enableDnsHostnames())) return Optional.empty();
    return Optional.of(Ec2Errors.invalidParameter("Enabling private DNS requires both enableDnsSupport and"
        + " enableDnsHostnames VPC attributes set to true for " + vpc.id()));
  }

  /**
   * An interface endpoint's subnets, each in turn: in the VPC, and in a zone no earlier subnet of
   * the request uses.
   */
  public static Optional<AwsException> interfaceSubnet(String vpcId, Subnet subnet, Collection<String> zonesSoFar) {
    if (!subnet.vpcId().equals(vpcId)) return Optional.of(Ec2Errors.invalidParameter("Subnet " + subnet.id() + " is not in " + vpcId));
    if (zonesSoFar.contains(subnet.availabilityZone())) {
      return Optional.of(Ec2Errors.invalidParameter("Found another VPC endpoint subnet in the availability zone of "
          + subnet.id() + ". VPC endpoint subnets should be in different availability zones supported by the VPC"
          + " endpoint service."));
    }
    return Optional.empty();
  }

  /** CreateVpcEndpointServiceConfiguration: Network or Gateway Load Balancers (not both), by well-formed ARN. */
  public static Optional<AwsException> serviceConfiguration(List<String> nlbArns, List<String> gwlbArns) {
    if (nlbArns.isEmpty() == gwlbArns.isEmpty()) {
      return Optional.of(Ec2Errors.invalidParameter(
          "exactly one of network_load_balancer_arn or gateway_load_balancer_arn is a required member"));
    }
    for (String arn : nlbArns.isEmpty() ? gwlbArns : nlbArns) {
      if (!LB_ARN.matcher(arn).matches()) return Optional.of(Ec2Errors.invalidParameter("Invalid load balancer ARN: " + arn));
    }
    return Optional.empty();
  }

  /**
   * DeleteVpcEndpointServiceConfigurations, per service: it exists and no endpoint is connected
   * (pending or accepted) to it.
   */
  public static Optional<AwsException> deleteService(String serviceId, boolean exists,
      Collection<EndpointConnection> connections) {
    boolean busy = connections.stream().anyMatch(c -> c.serviceId().equals(serviceId) && !c.state().equals("rejected"));
    if (busy) return Optional.of(Ec2Errors.dependentObject(serviceId));
    return exists ? Optional.empty() : Optional.of(IdKind.VPC_ENDPOINT_SERVICE.notFound(serviceId));
  }

  /** Accept/RejectVpcEndpointConnections, per endpoint: a connection to this service pending acceptance. */
  public static Optional<AwsException> answerConnection(String endpointId, Optional<EndpointConnection> connection) {
    if (connection.isPresent() && connection.get().state().equals("pendingAcceptance")) return Optional.empty();
    return Optional.of(new AwsException("InvalidVpcEndpoint.NotFound", 400, "The Vpc Endpoint '" + endpointId
        + "' is not pending acceptance"));
  }
}
