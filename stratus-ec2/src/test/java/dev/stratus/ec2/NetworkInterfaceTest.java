package dev.stratus.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.ec2.gateways.ElasticIpOperations;
import dev.stratus.ec2.interfaces.InstanceOperations;
import dev.stratus.ec2.interfaces.NetworkInterfaceOperations;
import dev.stratus.ec2.transit.TransitGatewayAttachmentOperations;
import dev.stratus.ec2.transit.TransitGatewayOperations;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.*;

/** Interfaces: addresses from the subnet, attach/detach, Elastic IPs and transit gateway attachment interfaces. */
class NetworkInterfaceTest {
  private final Ec2Fixture f = new Ec2Fixture();
  private final NetworkInterfaceOperations enis = new NetworkInterfaceOperations(f.store);
  private final InstanceOperations instances = new InstanceOperations(f.store);
  private final ElasticIpOperations eips = new ElasticIpOperations(f.store);

  @Test
  void createAttachDetach_secondaryInterface_andReservedAddressRefused() {
    String vpc = f.createVpc("10.0.0.0/16");
    String subnet = f.createSubnet(vpc, "10.0.1.0/28");
    Ec2Fixture.refused(() -> enis.createNetworkInterface(f.ctx, CreateNetworkInterfaceRequest.builder().subnetId(subnet)
        .privateIpAddress("10.0.1.1").build()), "InvalidParameterValue");
    var eni = enis.createNetworkInterface(f.ctx, CreateNetworkInterfaceRequest.builder().subnetId(subnet).build())
        .networkInterface();
    assertThat(eni.privateIpAddress()).isEqualTo("10.0.1.4");
    String instance = instances.runInstances(f.ctx, RunInstancesRequest.builder().imageId("ami-12345678").subnetId(subnet)
        .minCount(1).maxCount(1).build()).instances().get(0).instanceId();
    String attachment = enis.attachNetworkInterface(f.ctx, AttachNetworkInterfaceRequest.builder()
        .networkInterfaceId(eni.networkInterfaceId()).instanceId(instance).deviceIndex(1).build()).attachmentId();
    Ec2Fixture.refused(() -> enis.deleteNetworkInterface(f.ctx, DeleteNetworkInterfaceRequest.builder()
        .networkInterfaceId(eni.networkInterfaceId()).build()), "InvalidNetworkInterface.InUse");
    enis.detachNetworkInterface(f.ctx, DetachNetworkInterfaceRequest.builder().attachmentId(attachment).build());
    enis.deleteNetworkInterface(f.ctx, DeleteNetworkInterfaceRequest.builder().networkInterfaceId(eni.networkInterfaceId())
        .build());
  }

  @Test
  void elasticIp_associateWithInstance_releaseWhileAssociatedRefused() {
    String instance = instances.runInstances(f.ctx, RunInstancesRequest.builder().imageId("ami-12345678").minCount(1)
        .maxCount(1).build()).instances().get(0).instanceId();
    var eip = eips.allocateAddress(f.ctx, AllocateAddressRequest.builder().domain("vpc").build());
    String assoc = eips.associateAddress(f.ctx, AssociateAddressRequest.builder().allocationId(eip.allocationId())
        .instanceId(instance).build()).associationId();
    var shown = instances.describeInstances(f.ctx, DescribeInstancesRequest.builder().instanceIds(instance).build())
        .reservations().get(0).instances().get(0);
    assertThat(shown.publicIpAddress()).isEqualTo(eip.publicIp());
    Ec2Fixture.refused(() -> eips.releaseAddress(f.ctx, ReleaseAddressRequest.builder().allocationId(eip.allocationId())
        .build()), "InvalidIPAddress.InUse");
    eips.disassociateAddress(f.ctx, DisassociateAddressRequest.builder().associationId(assoc).build());
    eips.releaseAddress(f.ctx, ReleaseAddressRequest.builder().allocationId(eip.allocationId()).build());
    Ec2Fixture.refused(() -> eips.describeAddresses(f.ctx, DescribeAddressesRequest.builder()
        .allocationIds(eip.allocationId()).build()), "InvalidAllocationID.NotFound");
  }

  @Test
  void tgwVpcAttachment_takesOneAddressPerSubnet_andBlocksSubnetDelete() {
    var tgws = new TransitGatewayOperations(f.store);
    String tgw = tgws.createTransitGateway(f.ctx, CreateTransitGatewayRequest.builder().build()).transitGateway()
        .transitGatewayId();
    String vpc = f.createVpc("10.0.0.0/16");
    String subnet = f.createSubnet(vpc, "10.0.1.0/28");
    String att = tgws.createTransitGatewayVpcAttachment(f.ctx, CreateTransitGatewayVpcAttachmentRequest.builder()
        .transitGatewayId(tgw).vpcId(vpc).subnetIds(subnet).build()).transitGatewayVpcAttachment()
        .transitGatewayAttachmentId();
    assertThat(f.subnets.describeSubnets(f.ctx, DescribeSubnetsRequest.builder().subnetIds(subnet).build()).subnets()
        .get(0).availableIpAddressCount()).isEqualTo(10);
    Ec2Fixture.refused(() -> f.subnets.deleteSubnet(f.ctx, DeleteSubnetRequest.builder().subnetId(subnet).build()),
        "DependencyViolation");
    new TransitGatewayAttachmentOperations(f.store).deleteTransitGatewayVpcAttachment(f.ctx,
        DeleteTransitGatewayVpcAttachmentRequest.builder().transitGatewayAttachmentId(att).build());
    f.subnets.deleteSubnet(f.ctx, DeleteSubnetRequest.builder().subnetId(subnet).build());
  }

  /**
   * What uses an interface is answered as AWS answers it: an instance's attachment names the
   * instance and its account; a load balancer node's is requester-managed by amazon-elb, attached by
   * the service (no instance). The analyzer reads the same stored record (NetworkSnapshot).
   */
  @Test
  void describeNetworkInterfaces_answersTheOwner_asAwsDoes() {
    String vpc = f.createVpc("10.0.0.0/16");
    String subnet = f.createSubnet(vpc, "10.0.1.0/24");
    String instance = instances.runInstances(f.ctx, RunInstancesRequest.builder().imageId("ami-12345678").subnetId(subnet)
        .minCount(1).maxCount(1).build()).instances().get(0).instanceId();
    var node = f.store.write(f.ctx, tx -> new dev.stratus.ec2.interfaces.Ec2ManagedInterfaces().create(tx,
        f.ctx.accountId(), f.ctx.region(), new dev.stratus.core.vpc.ManagedInterfaces.Spec(subnet, java.util.List.of(),
            "interface", "ELB app/web/50dc6c495c0c9188")));
    var all = enis.describeNetworkInterfaces(f.ctx, DescribeNetworkInterfacesRequest.builder().build()).networkInterfaces();
    var primary = all.stream().filter(e -> e.attachment() != null && instance.equals(e.attachment().instanceId()))
        .findFirst().orElseThrow();
    assertThat(primary.attachment().instanceOwnerId()).isEqualTo(f.ctx.accountId());
    assertThat(primary.requesterManaged()).isFalse();
    assertThat(primary.requesterId()).isNull();
    var elb = all.stream().filter(e -> e.networkInterfaceId().equals(node.networkInterfaceId())).findFirst().orElseThrow();
    assertThat(elb.requesterManaged()).isTrue();
    assertThat(elb.requesterId()).isEqualTo("amazon-elb");
    assertThat(elb.description()).isEqualTo("ELB app/web/50dc6c495c0c9188");
    assertThat(elb.attachment().instanceId()).isNull();
    assertThat(elb.attachment().instanceOwnerId()).isEqualTo("amazon-elb");
    assertThat(elb.attachment().attachmentId()).startsWith("ela-attach-");
    assertThat(elb.privateIpAddresses()).singleElement().satisfies(a -> {
      assertThat(a.primary()).isTrue();
      assertThat(a.privateIpAddress()).isEqualTo(node.privateIpAddress());
    });
    assertThat(enis.describeNetworkInterfaces(f.ctx, DescribeNetworkInterfacesRequest.builder().filters(
        Filter.builder().name("requester-id").values("amazon-elb").build()).build()).networkInterfaces())
        .extracting(NetworkInterface::networkInterfaceId).containsExactly(node.networkInterfaceId());
    var stored = NetworkSnapshot.of(f.store.read(f.ctx), f.ctx.accountId()).networkInterfaces().stream()
        .filter(e -> e.id().equals(node.networkInterfaceId())).findFirst().orElseThrow();
    assertThat(stored.requesterId()).isEqualTo("amazon-elb");
  }
}
