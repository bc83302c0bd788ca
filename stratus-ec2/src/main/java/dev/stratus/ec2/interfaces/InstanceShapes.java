package dev.stratus.ec2.interfaces;

import dev.stratus.core.store.ReadView;
import dev.stratus.ec2.Ec2Tables;
import dev.stratus.ec2.Tags;
import dev.stratus.ec2.model.Instance;
import dev.stratus.ec2.model.NetworkInterface;
import dev.stratus.ec2.model.SecurityGroup;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.*;

/** SDK shapes of instances and network interfaces. */
final class InstanceShapes {
  private InstanceShapes() {}

  static software.amazon.awssdk.services.ec2.model.Instance instance(ReadView view, String scope, Instance i,
      String account, String region, Map<String, String> tags, String shownState) {
    var eni = view.get(Ec2Tables.NETWORK_INTERFACE, scope, i.primaryNetworkInterfaceId()).orElse(null);
    boolean pending = shownState.equals("pending"); // RunInstances' answer: AWS shows the launch in progress
    var b = software.amazon.awssdk.services.ec2.model.Instance.builder()
        .instanceId(i.id()).imageId(i.imageId()).instanceType(i.instanceType()).keyName(i.keyName())
        .launchTime(i.launchTime()).amiLaunchIndex(i.amiLaunchIndex()).clientToken(i.clientToken())
        .state(InstanceState.builder().name(shownState).code(Instance.stateCode(shownState)).build())
        .placement(Placement.builder().availabilityZone(i.availabilityZone()).tenancy("default").groupName("").build())
        .monitoring(Monitoring.builder().state("disabled").build()).architecture("x86_64").rootDeviceType("ebs")
        .rootDeviceName("/dev/xvda").virtualizationType("hvm").hypervisor("xen").ebsOptimized(false)
        .enaSupport(true).sourceDestCheck(true).platformDetails("Linux/UNIX").usageOperation("RunInstances")
        .usageOperationUpdateTime(i.launchTime())
        // AWS's defaults for what a Stratus instance does not model (API_Instance): no product codes,
        // block devices or transition reason; open capacity reservations; IMDS on with optional tokens
        .productCodes(List.of()).blockDeviceMappings(List.of()).stateTransitionReason("")
        .capacityReservationSpecification(c -> c.capacityReservationPreference("open"))
        .metadataOptions(m -> m.state(pending ? "pending" : "applied").httpTokens("optional").httpPutResponseHopLimit(1).httpEndpoint("enabled")
            .httpProtocolIpv6("disabled").instanceMetadataTags("disabled"))
        .hibernationOptions(h -> h.configured(false)).enclaveOptions(e -> e.enabled(false))
        .maintenanceOptions(m -> m.autoRecovery("default"))
        .privateDnsNameOptions(o -> o.hostnameType("ip-name").enableResourceNameDnsARecord(false)
            .enableResourceNameDnsAAAARecord(false))
        .stateReason(pending ? StateReason.builder().code("pending").message("pending").build() : null)
        .tags(Tags.sdk(tags));
    if (!i.state().equals("terminated") && eni != null) {
      b.subnetId(i.subnetId()).vpcId(i.vpcId()).privateIpAddress(eni.privateIpAddress())
          .privateDnsName(Interfaces.privateDnsName(eni.privateIpAddress(), region))
          .securityGroups(groups(view, scope, eni.groupIds()))
          .networkInterfaces(InstanceNetworkInterface.builder().networkInterfaceId(eni.id()).subnetId(eni.subnetId())
              .vpcId(eni.vpcId()).privateIpAddress(eni.privateIpAddress()).macAddress(eni.macAddress())
              .status("in-use").ownerId(account).sourceDestCheck(eni.sourceDestCheck()).interfaceType("interface")
              .groups(groups(view, scope, eni.groupIds())).description(eni.description() == null ? "" : eni.description())
              .privateDnsName(Interfaces.privateDnsName(eni.privateIpAddress(), region)).ipv6Addresses(List.of())
              .privateIpAddresses(InstancePrivateIpAddress.builder().primary(true).privateIpAddress(eni.privateIpAddress())
                  .privateDnsName(Interfaces.privateDnsName(eni.privateIpAddress(), region))
                  .association(eni.association() == null ? null : InstanceNetworkInterfaceAssociation.builder()
                      .publicIp(eni.association().publicIp()).ipOwnerId("amazon")
                      .publicDnsName(Interfaces.publicDnsName(eni.association().publicIp(), region)).build())
                  .build())
              .attachment(InstanceNetworkInterfaceAttachment.builder().attachmentId(eni.attachment().id())
                  .attachTime(i.launchTime()).networkCardIndex(0)
                  .deviceIndex(0).status(pending ? "attaching" : "attached").deleteOnTermination(true).build())
              .association(eni.association() == null ? null : InstanceNetworkInterfaceAssociation.builder()
                  .publicIp(eni.association().publicIp()).ipOwnerId("amazon")
                  .publicDnsName(Interfaces.publicDnsName(eni.association().publicIp(), region)).build())
              .build());
      if (eni.association() != null) {
        b.publicIpAddress(eni.association().publicIp())
            .publicDnsName(Interfaces.publicDnsName(eni.association().publicIp(), region));
      } else {
        b.publicDnsName("");
      }
    } else {
      b.privateDnsName("").publicDnsName("").securityGroups(List.of()).networkInterfaces(List.of());
    }
    return b.build();
  }

  static List<GroupIdentifier> groups(ReadView view, String scope, List<String> ids) {
    return ids.stream().map(id -> GroupIdentifier.builder().groupId(id).groupName(view.get(Ec2Tables.SECURITY_GROUP,
        scope, id).map(SecurityGroup::name).orElse(null)).build()).toList();
  }

  static software.amazon.awssdk.services.ec2.model.NetworkInterface eni(ReadView view, String scope,
      NetworkInterface e, String account, String region, Map<String, String> tags) {
    return software.amazon.awssdk.services.ec2.model.NetworkInterface.builder()
        .networkInterfaceId(e.id()).subnetId(e.subnetId()).vpcId(e.vpcId()).availabilityZone(e.availabilityZone())
        .privateIpAddress(e.privateIpAddress()).privateDnsName(Interfaces.privateDnsName(e.privateIpAddress(), region))
        .privateIpAddresses(e.privateIpAddresses().stream().map(ip -> NetworkInterfacePrivateIpAddress.builder()
            .primary(ip.equals(e.privateIpAddress())).privateIpAddress(ip)
            .privateDnsName(Interfaces.privateDnsName(ip, region)).build()).toList())
        .groups(groups(view, scope, e.groupIds())).status(e.status()).interfaceType(e.interfaceType())
        .description(e.description()).macAddress(e.macAddress()).ownerId(account).requesterManaged(e.requesterManaged())
        .requesterId(e.requesterId()).sourceDestCheck(e.sourceDestCheck())
        .attachment(e.attachment() == null ? null : NetworkInterfaceAttachment.builder().attachmentId(e.attachment().id())
            .instanceId(e.attachment().instanceId()).instanceOwnerId(instanceOwner(e.attachment(), account))
            .deviceIndex(e.attachment().deviceIndex())
            .status(e.attachment().status()).deleteOnTermination(e.attachment().deleteOnTermination()).build())
        .association(e.association() == null ? null : NetworkInterfaceAssociation.builder()
            .publicIp(e.association().publicIp()).allocationId(e.association().allocationId())
            .associationId(e.association().associationId()).ipOwnerId(account).build())
        .tagSet(tags.isEmpty() ? null : Tags.sdk(tags)).build();
  }

  /** The attachment's owner; rows stored before it was kept: the account for an instance's, none for a service's. */
  private static String instanceOwner(NetworkInterface.Attachment a, String account) {
    if (a.instanceOwnerId() != null) return a.instanceOwnerId();
    return a.instanceId() == null ? null : account;
  }
}
