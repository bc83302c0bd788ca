package dev.stratus.ec2.interfaces;

import static dev.stratus.ec2.RulesAssert.assertViolation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.net.Cidr;
import dev.stratus.ec2.model.Instance;
import dev.stratus.ec2.model.NetworkInterface;
import dev.stratus.ec2.model.SecurityGroup;
import dev.stratus.ec2.model.VpcQuotas;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterfaceRulesTest {
  private static Instance instance(String state) {
    return new Instance("i-1", "r-1", "ami-1", "t3.micro", state, "subnet-1", "vpc-1", "us-east-1a", "eni-0",
        List.of("eni-0"), null, Instant.EPOCH, 0, null);
  }

  private static NetworkInterface eni(String id, String zone, String status, NetworkInterface.Attachment attachment) {
    return new NetworkInterface(id, "subnet-1", "vpc-1", zone, "10.0.1.10", List.of(), List.of(), status, "interface", "",
        "02:00:00:00:00:01", false, true, attachment, null);
  }

  private static NetworkInterface.Attachment attachment(String id, int index) {
    return new NetworkInterface.Attachment(id, "i-1", index, "attached", index == 0);
  }

  @Test
  void instanceCount_minAtLeastOneAndNotAboveMax() {
    assertViolation(InterfaceRules.instanceCount(0, 1), "InvalidParameterValue", "Invalid value for MinCount/MaxCount");
    assertViolation(InterfaceRules.instanceCount(3, 2), "InvalidParameterValue", "Invalid value for MinCount/MaxCount");
    assertThat(InterfaceRules.instanceCount(1, 1)).isEmpty();
  }

  @Test
  void groupInVpc_otherVpc_differentNetworks() {
    var sg = new SecurityGroup("sg-9", "web", "d", "vpc-9", List.of());
    assertViolation(InterfaceRules.groupInVpc(sg, "vpc-1", "subnet", "subnet-1"), "InvalidParameter",
        "Security group sg-9 and subnet subnet-1 belong to different networks.");
    assertViolation(InterfaceRules.groupInVpc(sg, "vpc-1", "instance", "i-1"), "InvalidParameter",
        "Security group sg-9 and instance i-1 belong to different networks.");
    assertThat(InterfaceRules.groupInVpc(sg, "vpc-9", "subnet", "subnet-1")).isEmpty();
  }

  @Test
  void groupCount_overQuota_limitExceeded() {
    assertViolation(InterfaceRules.groupCount(VpcQuotas.SECURITY_GROUPS_PER_INTERFACE + 1),
        "SecurityGroupsPerInterfaceLimitExceeded", "The maximum number of security groups per interface has been reached.");
    assertThat(InterfaceRules.groupCount(VpcQuotas.SECURITY_GROUPS_PER_INTERFACE)).isEmpty();
  }

  @Test
  void privateIp_reservedOutsideOrTaken_refused() {
    Cidr subnet = Cidr.parse("10.0.1.0/24");
    assertViolation(InterfaceRules.privateIp(subnet, "10.0.1.1", List.of()), "InvalidParameterValue",
        "Address 10.0.1.1 does not fall within the subnet's address range");
    assertViolation(InterfaceRules.privateIp(subnet, "10.0.2.10", List.of()), "InvalidParameterValue",
        "Address 10.0.2.10 does not fall within the subnet's address range");
    assertViolation(InterfaceRules.privateIp(subnet, "10.0.1.10", List.of("10.0.1.10")), "InvalidIPAddress.InUse",
        "Address 10.0.1.10 is in use.");
    assertThat(InterfaceRules.privateIp(subnet, "10.0.1.10", List.of("10.0.1.11"))).isEmpty();
  }

  @Test
  void transition_fromTheWrongState_incorrectInstanceState() {
    assertViolation(InterfaceRules.transition(instance("terminated"), "running"), "IncorrectInstanceState",
        "The instance 'i-1' is not in a state from which it can be started.");
    assertViolation(InterfaceRules.transition(instance("pending"), "stopped"), "IncorrectInstanceState",
        "The instance 'i-1' is not in a state from which it can be started.");
    assertThat(InterfaceRules.transition(instance("stopped"), "running")).isEmpty();
    assertThat(InterfaceRules.transition(instance("running"), "running")).isEmpty();
    assertThat(InterfaceRules.transition(instance("running"), "terminated")).isEmpty();
  }

  @Test
  void deleteInterface_inUse_refused() {
    assertViolation(InterfaceRules.deleteInterface(eni("eni-1", "us-east-1a", "in-use", null)),
        "InvalidNetworkInterface.InUse", "Interface: [eni-1] in use.");
    assertThat(InterfaceRules.deleteInterface(eni("eni-1", "us-east-1a", "available", null))).isEmpty();
  }

  @Test
  void attachInterface_attachedOtherZoneOrIndexTaken_refused() {
    var free = eni("eni-1", "us-east-1a", "available", null);
    assertViolation(InterfaceRules.attachInterface(eni("eni-1", "us-east-1a", "in-use", attachment("eni-attach-1", 1)),
        instance("running"), 1, List.of()), "InvalidNetworkInterface.InUse", "Interface: [eni-1] in use.");
    assertViolation(InterfaceRules.attachInterface(eni("eni-1", "us-east-1b", "available", null), instance("running"), 1,
        List.of()), "InvalidParameterValue", "The network interface and the instance must be in the same availability zone");
    var primary = eni("eni-0", "us-east-1a", "in-use", attachment("eni-attach-0", 0));
    assertViolation(InterfaceRules.attachInterface(free, instance("running"), 0, List.of(primary)), "InvalidParameterValue",
        "Instance 'i-1' already has an interface attached at device index '0'.");
    assertThat(InterfaceRules.attachInterface(free, instance("running"), 1, List.of(primary))).isEmpty();
  }

  @Test
  void detachInterface_loadBalancersOrPrimary_refused() {
    assertViolation(InterfaceRules.detachInterface(attachment(Ec2ManagedInterfaces.ELB_ATTACHMENT_PREFIX + "1", 1)),
        "OperationNotPermitted", "You are not allowed to manage 'ela-attach' attachments.");
    assertViolation(InterfaceRules.detachInterface(attachment("eni-attach-0", 0)), "OperationNotPermitted",
        "The network interface at device index 0 cannot be detached.");
    assertThat(InterfaceRules.detachInterface(attachment("eni-attach-1", 1))).isEmpty();
  }
}
