package dev.stratus.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.store.ChangeEvent;
import dev.stratus.core.vpc.ResolverFacts;
import dev.stratus.ec2.endpoints.VpcEndpointOperations;
import dev.stratus.ec2.interfaces.InstanceOperations;
import dev.stratus.ec2.vpc.Ec2VpcLookup;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.CreateSubnetRequest;
import software.amazon.awssdk.services.ec2.model.CreateTagsRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpcEndpointRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpcAttributeRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesRequest;

/** What EC2 tells the VPC resolver, as EC2 calls change it. */
class ResolverFactsReaderTest {
  private final Ec2Fixture f = new Ec2Fixture();
  private final Ec2VpcLookup lookup = new Ec2VpcLookup(f.store);
  private final InstanceOperations instances = new InstanceOperations(f.store);

  @Test
  void noTaggedInstanceOrVpc_noFacts_andEc2ChangesNoLongerAffectTheResolver() {
    String vpc = f.createVpc("10.0.0.0/16");
    instances.runInstances(f.ctx, RunInstancesRequest.builder().imageId("ami-12345678")
        .subnetId(f.createSubnet(vpc, "10.0.1.0/24")).minCount(1).maxCount(1).build());
    assertThat(lookup.resolverFacts()).isEqualTo(ResolverFacts.NONE);
    List<ChangeEvent> events = new ArrayList<>();
    f.memory.subscribe(events::addAll);
    String other = f.createVpc("10.1.0.0/16");
    f.tags.createTags(f.ctx, CreateTagsRequest.builder().resources(other)
        .tags(Tag.builder().key("Name").value("other").build()).build());
    assertThat(events).isNotEmpty().noneMatch(lookup::affectsResolver);
    f.tags.createTags(f.ctx, CreateTagsRequest.builder().resources(other)
        .tags(Tag.builder().key("stratus:resolver").value("127.0.53.2").build()).build());
    assertThat(events).anyMatch(lookup::affectsResolver);
  }

  @Test
  void taggedInstance_makesItsVpcAskable_withHostnamesEndpointsAndAttributes_untilTerminated() {
    List<ChangeEvent> events = new ArrayList<>();
    f.memory.subscribe(events::addAll);
    String vpc = f.createVpc("10.0.0.0/16");
    f.vpcs.modifyVpcAttribute(f.ctx, ModifyVpcAttributeRequest.builder().vpcId(vpc)
        .enableDnsHostnames(AttributeBooleanValue.builder().value(true).build()).build());
    String subnet = f.subnets.createSubnet(f.ctx, CreateSubnetRequest.builder().vpcId(vpc).cidrBlock("10.0.1.0/24")
        .availabilityZone("us-east-1b").build()).subnet().subnetId();
    var endpoint = new VpcEndpointOperations(f.store).createVpcEndpoint(f.ctx, CreateVpcEndpointRequest.builder()
        .vpcId(vpc).serviceName("com.amazonaws.us-east-1.sqs").vpcEndpointType("Interface").subnetIds(subnet)
        .privateDnsEnabled(true).build()).vpcEndpoint();
    var instance = instances.runInstances(f.ctx, RunInstancesRequest.builder().imageId("ami-12345678").subnetId(subnet)
        .minCount(1).maxCount(1).build()).instances().get(0);
    events.clear();
    f.tags.createTags(f.ctx, CreateTagsRequest.builder().resources(instance.instanceId())
        .tags(Tag.builder().key("stratus:host").value("127.0.10.5").build()).build());
    assertThat(events).anyMatch(lookup::affectsResolver);

    ResolverFacts.VpcDns dns = lookup.resolverFacts().vpcs().get(0);
    assertThat(dns.vpcId()).isEqualTo(vpc);
    assertThat(dns.region()).isEqualTo(Optional.of("us-east-1"));
    assertThat(dns.enableDnsSupport()).isTrue();
    assertThat(dns.enableDnsHostnames()).isTrue();
    assertThat(dns.hostAddresses()).containsExactly("127.0.10.5");
    assertThat(dns.resolverAddress()).isEmpty();
    String ip = instance.privateIpAddress();
    assertThat(dns.privateHostnames()).containsEntry("ip-" + ip.replace('.', '-') + ".ec2.internal", ip);
    assertThat(dns.endpoints()).singleElement().satisfies(e -> {
      assertThat(e.vpcEndpointId()).isEqualTo(endpoint.vpcEndpointId());
      assertThat(e.state()).isEqualTo("available");
      assertThat(e.privateDnsNames()).containsExactly("sqs.us-east-1.amazonaws.com");
      assertThat(e.regionalDnsName()).hasValue(endpoint.vpcEndpointId() + ".sqs.us-east-1.vpce.amazonaws.com");
      assertThat(e.privateIpAddresses()).hasSize(1).doesNotContain(ip);
      assertThat(dns.privateHostnames()).containsValue(e.privateIpAddresses().get(0));
    });

    instances.terminateInstances(f.ctx, TerminateInstancesRequest.builder().instanceIds(instance.instanceId()).build());
    assertThat(lookup.resolverFacts()).isEqualTo(ResolverFacts.NONE);
  }

  @Test
  void resolverTagOnAVpc_outsideUsEast1_computeInternalNames() {
    var ctx = f.in("eu-west-1");
    String vpc = f.vpcs.createVpc(ctx, software.amazon.awssdk.services.ec2.model.CreateVpcRequest.builder()
        .cidrBlock("10.1.0.0/16").build()).vpc().vpcId();
    String subnet = f.subnets.createSubnet(ctx, CreateSubnetRequest.builder().vpcId(vpc).cidrBlock("10.1.0.0/24")
        .availabilityZone("eu-west-1c").build()).subnet().subnetId();
    String ip = instances.runInstances(ctx, RunInstancesRequest.builder().imageId("ami-12345678").subnetId(subnet)
        .minCount(1).maxCount(1).build()).instances().get(0).privateIpAddress();
    f.tags.createTags(ctx, CreateTagsRequest.builder().resources(vpc)
        .tags(Tag.builder().key("stratus:resolver").value("127.0.53.1").build()).build());
    ResolverFacts.VpcDns dns = lookup.resolverFacts().vpcs().get(0);
    assertThat(dns.resolverAddress()).hasValue("127.0.53.1");
    assertThat(dns.hostAddresses()).isEmpty();
    assertThat(dns.region()).hasValue("eu-west-1");
    assertThat(dns.enableDnsHostnames()).isFalse();
    assertThat(dns.privateHostnames()).containsEntry("ip-" + ip.replace('.', '-') + ".eu-west-1.compute.internal", ip);
  }
}
