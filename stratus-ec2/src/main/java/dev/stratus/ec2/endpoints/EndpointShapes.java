package dev.stratus.ec2.endpoints;

import dev.stratus.ec2.Tags;
import dev.stratus.ec2.model.AwsServices;
import dev.stratus.ec2.model.VpcEndpoint;
import dev.stratus.ec2.model.VpcEndpointService;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.DnsEntry;
import software.amazon.awssdk.services.ec2.model.SecurityGroupIdentifier;
import software.amazon.awssdk.services.ec2.model.ServiceDetail;
import software.amazon.awssdk.services.ec2.model.ServiceTypeDetail;

/** SDK shapes of VPC endpoints and endpoint services. */
final class EndpointShapes {
  private EndpointShapes() {}

  static software.amazon.awssdk.services.ec2.model.VpcEndpoint endpoint(VpcEndpoint e, String account,
      Map<String, String> tags, java.util.function.Function<String, String> groupNames) {
    return software.amazon.awssdk.services.ec2.model.VpcEndpoint.builder().vpcEndpointId(e.id())
        .vpcEndpointType(e.type()).vpcId(e.vpcId()).serviceName(e.serviceName()).state(e.state())
        .policyDocument(e.policyDocument()).routeTableIds(e.routeTableIds()).subnetIds(e.subnetIds())
        .groups(e.groupIds().stream().map(g -> SecurityGroupIdentifier.builder().groupId(g).groupName(groupNames.apply(g)).build()).toList())
        .networkInterfaceIds(e.networkInterfaceIds()).privateDnsEnabled(e.privateDnsEnabled())
        .requesterManaged(false).ownerId(account).creationTimestamp(e.creationTime())
        .dnsEntries(e.dnsNames().stream().map(n -> DnsEntry.builder().dnsName(n).hostedZoneId("Z7HUB22UULQXV").build())
            .toList())
        .tags(Tags.sdk(tags)).build();
  }

  static List<ServiceDetail> awsService(AwsServices.Service s, String region) {
    return s.types().stream().map(type -> ServiceDetail.builder().serviceName(s.serviceName(region))
        .serviceId("vpce-svc-" + String.format("%017x", Math.abs((long) (s.serviceName(region) + type).hashCode())))
        .serviceType(ServiceTypeDetail.builder().serviceType(type).build()).owner("amazon")
        .availabilityZones(dev.stratus.ec2.model.RegionCatalog.zones(region).stream()
            .map(dev.stratus.ec2.model.RegionCatalog.Zone::name).toList())
        .baseEndpointDnsNames(s.shortName() + "." + region + ".vpce.amazonaws.com")
        .privateDnsName(type.equals("Interface") ? s.privateDnsName(region) : null)
        .vpcEndpointPolicySupported(true).acceptanceRequired(false).managesVpcEndpoints(false)
        .privateDnsNameVerificationState(type.equals("Interface") ? "verified" : null).tags(List.of()).build()).toList();
  }

  static ServiceDetail customService(VpcEndpointService s, String region) {
    return ServiceDetail.builder().serviceName(s.serviceName()).serviceId(s.id())
        .serviceType(ServiceTypeDetail.builder().serviceType(s.serviceType()).build())
        .owner(s.ownerScope().substring(0, s.ownerScope().indexOf('/')))
        .availabilityZones(dev.stratus.ec2.model.RegionCatalog.zones(region).stream()
            .map(dev.stratus.ec2.model.RegionCatalog.Zone::name).toList())
        .baseEndpointDnsNames(s.id() + "." + region + ".vpce.amazonaws.com")
        .acceptanceRequired(s.acceptanceRequired()).vpcEndpointPolicySupported(false).managesVpcEndpoints(false).build();
  }
}
