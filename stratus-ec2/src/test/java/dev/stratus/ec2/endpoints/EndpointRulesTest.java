package dev.stratus.ec2.endpoints;

import static dev.stratus.ec2.RulesAssert.assertViolation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.net.Cidr;
import dev.stratus.ec2.model.EndpointConnection;
import dev.stratus.ec2.model.RouteTable;
import dev.stratus.ec2.model.RouteTarget;
import dev.stratus.ec2.model.Subnet;
import dev.stratus.ec2.model.Vpc;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EndpointRulesTest {
  private static final String NLB = "arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/net/web/0123abcd";

  private static Vpc vpc(boolean dnsSupport, boolean dnsHostnames) {
    return new Vpc("vpc-1", List.of(new Vpc.CidrAssociation("a", Cidr.parse("10.0.0.0/16"), "associated")), List.of(),
        false, "default", "dopt-1", dnsSupport, dnsHostnames, "rtb-1", "acl-1", "sg-1");
  }

  private static Subnet subnet(String id, String vpc, String zone) {
    return new Subnet(id, vpc, Cidr.parse("10.0.1.0/24"), List.of(), zone, "use1-az1", false, false, false);
  }

  private static EndpointConnection connection(String state) {
    return new EndpointConnection("vpce-1", "vpce-svc-1", "222222222222/us-east-1", "222222222222", state, Instant.EPOCH);
  }

  @Test
  void endpointType_notOffered_invalidParameter() {
    assertViolation(EndpointRules.endpointType("Interface", List.of("Gateway")), "InvalidParameter",
        "Endpoint type (Interface) does not match available service types ([Gateway]).");
    assertThat(EndpointRules.endpointType("Gateway", List.of("Gateway", "Interface"))).isEmpty();
  }

  @Test
  void gatewayRouteTables_otherVpcOrRouteTaken_refused() {
    var t = new RouteTable("rtb-1", "vpc-1", List.of(), List.of(), List.of());
    assertViolation(EndpointRules.gatewayRouteTable(t, "vpc-2", "vpce-1"), "InvalidParameterValue",
        "route table rtb-1 and network gateway vpce-1 belong to different networks");
    assertThat(EndpointRules.gatewayRouteTable(t, "vpc-1", "vpce-1")).isEmpty();
    var taken = t.withRoutes(List.of(new RouteTable.Route(new RouteTable.PrefixListDestination("pl-63a5400a"),
        new RouteTarget.GatewayEndpoint("vpce-0"), RouteTable.Origin.CREATE_ROUTE, RouteTable.State.ACTIVE)));
    assertViolation(EndpointRules.prefixListRoute(taken, "pl-63a5400a"), "RouteAlreadyExists",
        "The route identified by pl-63a5400a already exists");
    assertThat(EndpointRules.prefixListRoute(t, "pl-63a5400a")).isEmpty();
  }

  @Test
  void privateDns_needsBothVpcDnsAttributes() {
    String message = "Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to"
        + " true for vpc-1";
    assertViolation(EndpointRules.privateDns(true, vpc(true, false)), "InvalidParameter", message);
    assertViolation(EndpointRules.privateDns(true, vpc(false, true)), "InvalidParameter", message);
    assertThat(EndpointRules.privateDns(true, vpc(true, true))).isEmpty();
    assertThat(EndpointRules.privateDns(false, vpc(false, false))).isEmpty();
  }

  @Test
  void interfaceSubnet_otherVpcOrSameZone_refused() {
    assertViolation(EndpointRules.interfaceSubnet("vpc-1", subnet("subnet-a", "vpc-2", "us-east-1a"), List.of()),
        "InvalidParameter", "Subnet subnet-a is not in vpc-1");
    assertViolation(EndpointRules.interfaceSubnet("vpc-1", subnet("subnet-b", "vpc-1", "us-east-1a"), List.of("us-east-1a")),
        "InvalidParameter", "Found another VPC endpoint subnet in the availability zone of subnet-b. VPC endpoint"
            + " subnets should be in different availability zones supported by the VPC endpoint service.");
    assertThat(EndpointRules.interfaceSubnet("vpc-1", subnet("subnet-b", "vpc-1", "us-east-1b"), List.of("us-east-1a")))
        .isEmpty();
  }

  @Test
  void serviceConfiguration_exactlyOneKindOfWellFormedArns() {
    String oneKind = "exactly one of network_load_balancer_arn or gateway_load_balancer_arn is a required member";
    assertViolation(EndpointRules.serviceConfiguration(List.of(), List.of()), "InvalidParameter", oneKind);
    assertViolation(EndpointRules.serviceConfiguration(List.of(NLB), List.of(NLB.replace("/net/", "/gwy/"))),
        "InvalidParameter", oneKind);
    assertViolation(EndpointRules.serviceConfiguration(List.of("arn:aws:elasticloadbalancing:us-east-1:111111111111:"
        + "loadbalancer/app/web/0123abcd"), List.of()), "InvalidParameter",
        "Invalid load balancer ARN: arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/web/0123abcd");
    assertThat(EndpointRules.serviceConfiguration(List.of(NLB), List.of())).isEmpty();
  }

  @Test
  void deleteService_missingOrConnected_refused() {
    assertViolation(EndpointRules.deleteService("vpce-svc-1", true, List.of(connection("available"))),
        "DependencyViolation", "resource vpce-svc-1 has a dependent object");
    assertViolation(EndpointRules.deleteService("vpce-svc-1", true, List.of(connection("pendingAcceptance"))),
        "DependencyViolation", "resource vpce-svc-1 has a dependent object");
    assertViolation(EndpointRules.deleteService("vpce-svc-1", false, List.of()), "InvalidVpcEndpointServiceId.NotFound",
        "The VpcEndpointService Id 'vpce-svc-1' does not exist");
    assertThat(EndpointRules.deleteService("vpce-svc-1", true, List.of(connection("rejected")))).isEmpty();
  }

  @Test
  void answerConnection_onlyPending() {
    String message = "The Vpc Endpoint 'vpce-1' is not pending acceptance";
    assertViolation(EndpointRules.answerConnection("vpce-1", Optional.empty()), "InvalidVpcEndpoint.NotFound", message);
    assertViolation(EndpointRules.answerConnection("vpce-1", Optional.of(connection("available"))),
        "InvalidVpcEndpoint.NotFound", message);
    assertThat(EndpointRules.answerConnection("vpce-1", Optional.of(connection("pendingAcceptance")))).isEmpty();
  }
}
