package dev.stratus.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.ec2.endpoints.EndpointServiceOperations;
import dev.stratus.ec2.endpoints.VpcEndpointOperations;
import dev.stratus.ec2.security.PrefixListOperations;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.*;

/** The endpoint commands of seed 001 and vpc.md §37–40. */
class VpcEndpointTest {
  private final Ec2Fixture f = new Ec2Fixture();
  private final VpcEndpointOperations endpoints = new VpcEndpointOperations(f.store);
  private final EndpointServiceOperations services = new EndpointServiceOperations(f.store);

  @Test
  void gatewayS3_addsPrefixListRouteToEachTable_deleteRemovesIt() {
    String vpc = f.createVpc("10.0.0.0/16");
    String a = f.routeTables.createRouteTable(f.ctx, CreateRouteTableRequest.builder().vpcId(vpc).build()).routeTable().routeTableId();
    String b = f.routeTables.createRouteTable(f.ctx, CreateRouteTableRequest.builder().vpcId(vpc).build()).routeTable().routeTableId();
    var ep = endpoints.createVpcEndpoint(f.ctx, CreateVpcEndpointRequest.builder().vpcId(vpc)
        .serviceName("com.amazonaws.us-east-1.s3").vpcEndpointType("Gateway").routeTableIds(a, b).build()).vpcEndpoint();
    assertThat(ep.stateAsString()).isEqualTo("available");
    var routes = f.routeTables.describeRouteTables(f.ctx, DescribeRouteTablesRequest.builder().routeTableIds(a).build())
        .routeTables().get(0).routes();
    assertThat(routes).anySatisfy(r -> {
      assertThat(r.destinationPrefixListId()).isEqualTo("pl-63a5400a");
      assertThat(r.gatewayId()).isEqualTo(ep.vpcEndpointId());
    });
    var pl = new PrefixListOperations(f.store).describePrefixLists(f.ctx, DescribePrefixListsRequest.builder()
        .prefixListIds("pl-63a5400a").build()).prefixLists().get(0);
    assertThat(pl.prefixListName()).isEqualTo("com.amazonaws.us-east-1.s3");
    endpoints.deleteVpcEndpoints(f.ctx, DeleteVpcEndpointsRequest.builder().vpcEndpointIds(ep.vpcEndpointId()).build());
    assertThat(f.routeTables.describeRouteTables(f.ctx, DescribeRouteTablesRequest.builder().routeTableIds(b).build())
        .routeTables().get(0).routes()).hasSize(1);
  }

  @Test
  void interfaceSecretsManager_needsVpcDns_thenOneEniPerSubnet() {
    String vpc = f.createVpc("10.0.0.0/16");
    String s1 = f.subnets.createSubnet(f.ctx, CreateSubnetRequest.builder().vpcId(vpc).cidrBlock("10.0.1.0/24")
        .availabilityZone("us-east-1a").build()).subnet().subnetId();
    String s2 = f.subnets.createSubnet(f.ctx, CreateSubnetRequest.builder().vpcId(vpc).cidrBlock("10.0.2.0/24")
        .availabilityZone("us-east-1b").build()).subnet().subnetId();
    var req = CreateVpcEndpointRequest.builder().vpcId(vpc).serviceName("com.amazonaws.us-east-1.secretsmanager")
        .vpcEndpointType("Interface").subnetIds(s1, s2).build();
    Ec2Fixture.refused(() -> endpoints.createVpcEndpoint(f.ctx, req), "InvalidParameter");
    f.vpcs.modifyVpcAttribute(f.ctx, ModifyVpcAttributeRequest.builder().vpcId(vpc)
        .enableDnsHostnames(AttributeBooleanValue.builder().value(true).build()).build());
    var ep = endpoints.createVpcEndpoint(f.ctx, req).vpcEndpoint();
    assertThat(ep.networkInterfaceIds()).hasSize(2);
    assertThat(ep.dnsEntries()).extracting(DnsEntry::dnsName).contains("secretsmanager.us-east-1.amazonaws.com");
    Ec2Fixture.refused(() -> f.vpcs.deleteVpc(f.ctx, DeleteVpcRequest.builder().vpcId(vpc).build()), "DependencyViolation");
  }

  @Test
  void seedPlaceholders_andUnknownService_refused() {
    Ec2Fixture.refused(() -> endpoints.createVpcEndpoint(f.ctx, CreateVpcEndpointRequest.builder().vpcId("vpc-prod-01")
        .serviceName("com.amazonaws.eu-west-1.s3").routeTableIds("rtb-private-a").build()), "InvalidVpcID.Malformed");
    String vpc = f.createVpc("10.0.0.0/16");
    Ec2Fixture.refused(() -> endpoints.createVpcEndpoint(f.ctx, CreateVpcEndpointRequest.builder().vpcId(vpc)
        .serviceName("com.amazonaws.us-east-1.s3").routeTableIds("rtb-private-a").build()), "InvalidRouteTableId.Malformed");
    Ec2Fixture.refused(() -> endpoints.createVpcEndpoint(f.ctx, CreateVpcEndpointRequest.builder().vpcId(vpc)
        .serviceName("com.amazonaws.us-east-1.nosuch").build()), "InvalidServiceName");
    Ec2Fixture.refused(() -> endpoints.createVpcEndpoint(f.ctx, CreateVpcEndpointRequest.builder().vpcId(vpc)
        .serviceName("com.amazonaws.us-east-1.sqs").vpcEndpointType("Gateway").build()), "InvalidParameter");
  }

  @Test
  void endpointService_acceptanceRequired_pendingUntilAccepted() {
    var svc = services.createVpcEndpointServiceConfiguration(f.ctx, CreateVpcEndpointServiceConfigurationRequest.builder()
        .networkLoadBalancerArns("arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/api/0123456789abcdef")
        .build()).serviceConfiguration();
    String vpc = f.createVpc("10.0.0.0/16");
    String s1 = f.createSubnet(vpc, "10.0.1.0/24");
    var ep = endpoints.createVpcEndpoint(f.ctx, CreateVpcEndpointRequest.builder().vpcId(vpc).serviceName(svc.serviceName())
        .vpcEndpointType("Interface").subnetIds(s1).build()).vpcEndpoint();
    assertThat(ep.stateAsString()).isEqualTo("pendingAcceptance");
    services.acceptVpcEndpointConnections(f.ctx, AcceptVpcEndpointConnectionsRequest.builder().serviceId(svc.serviceId())
        .vpcEndpointIds(ep.vpcEndpointId()).build());
    assertThat(endpoints.describeVpcEndpoints(f.ctx, DescribeVpcEndpointsRequest.builder().vpcEndpointIds(ep.vpcEndpointId())
        .build()).vpcEndpoints().get(0).stateAsString()).isEqualTo("available");
    assertThat(endpoints.describeVpcEndpointServices(f.ctx, DescribeVpcEndpointServicesRequest.builder().build())
        .serviceNames()).contains("com.amazonaws.us-east-1.s3", svc.serviceName());
  }
}
