package dev.stratus.ec2.gateways;

import dev.stratus.ec2.Tags;
import dev.stratus.ec2.model.Address;
import dev.stratus.ec2.model.InternetGateway;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.EgressOnlyInternetGateway;
import software.amazon.awssdk.services.ec2.model.InternetGatewayAttachment;

/** SDK shapes of gateways: internet and egress-only internet gateways, Elastic IPs. */
final class GatewayShapes {
  private GatewayShapes() {}

  static software.amazon.awssdk.services.ec2.model.InternetGateway igw(InternetGateway g, String account,
      Map<String, String> tags) {
    return software.amazon.awssdk.services.ec2.model.InternetGateway.builder()
        .internetGatewayId(g.id()).ownerId(account)
        .attachments(g.attachedVpcId() == null ? List.of() : List.of(InternetGatewayAttachment.builder()
            .vpcId(g.attachedVpcId()).state("available").build()))
        .tags(tags.isEmpty() ? null : Tags.sdk(tags)).build();
  }

  static EgressOnlyInternetGateway eigw(InternetGateway g, Map<String, String> tags) {
    return EgressOnlyInternetGateway.builder().egressOnlyInternetGatewayId(g.id())
        .attachments(g.attachedVpcId() == null ? List.of() : List.of(InternetGatewayAttachment.builder()
            .vpcId(g.attachedVpcId()).state("attached").build()))
        .tags(tags.isEmpty() ? null : Tags.sdk(tags)).build();
  }

  static software.amazon.awssdk.services.ec2.model.Address address(Address a, String account, Map<String, String> tags) {
    return software.amazon.awssdk.services.ec2.model.Address.builder().allocationId(a.allocationId())
        .publicIp(a.publicIp()).domain("vpc").associationId(a.associationId()).networkInterfaceId(a.networkInterfaceId())
        .instanceId(a.instanceId()).privateIpAddress(a.privateIpAddress()).networkInterfaceOwnerId(
            a.networkInterfaceId() == null ? null : account)
        .publicIpv4Pool("amazon").networkBorderGroup(null).tags(tags.isEmpty() ? null : Tags.sdk(tags)).build();
  }
}
