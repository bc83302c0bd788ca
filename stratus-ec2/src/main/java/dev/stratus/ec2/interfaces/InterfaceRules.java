package dev.stratus.ec2.interfaces;

import dev.stratus.core.AwsException;
import dev.stratus.core.net.Cidr;
import dev.stratus.ec2.Ec2Errors;
import dev.stratus.ec2.model.Instance;
import dev.stratus.ec2.model.NetworkInterface;
import dev.stratus.ec2.model.SecurityGroup;
import dev.stratus.ec2.model.SubnetAddressing;
import dev.stratus.ec2.model.VpcQuotas;
import java.util.Collection;
import java.util.Optional;

/**
 * AWS's rules for instances and network interfaces as the network sees them: counts, security
 * groups, private addresses, state changes, attachments. Pure: each check takes the request's
 * values and the rows it needs and returns the first rule broken as AWS's error, or empty; the
 * handlers of this package look the rows up and throw.
 */
public final class InterfaceRules {
  private InterfaceRules() {}

  /** RunInstances: 1 ≤ MinCount ≤ MaxCount. */
  public static Optional<AwsException> instanceCount(int min, int max) {
    return min < 1 || max < min ? Optional.of(Ec2Errors.invalidParameterValue("Invalid value for MinCount/MaxCount"))
        : Optional.empty();
  }

  /**
   * A security group given for an instance: of the VPC it runs in ({@code noun} and {@code id} name
   * what fixes the VPC, the subnet at launch or the instance later).
   */
  public static Optional<AwsException> groupInVpc(SecurityGroup sg, String vpcId, String noun, String id) {
    if (sg.vpcId().equals(vpcId)) return Optional.empty();
    return Optional.of(Ec2Errors.invalidParameter("Security group " + sg.id() + " and " + noun + " " + id
        + " belong to different networks."));
  }

  /** At most {@link VpcQuotas#SECURITY_GROUPS_PER_INTERFACE} security groups per interface (vpc.md §18). */
  public static Optional<AwsException> groupCount(int groups) {
    if (groups <= VpcQuotas.SECURITY_GROUPS_PER_INTERFACE) return Optional.empty();
    return Optional.of(Ec2Errors.limitExceeded("SecurityGroupsPerInterfaceLimitExceeded",
        "The maximum number of security groups per interface has been reached."));
  }

  /** A requested private address: assignable in the subnet (not one of its five reserved) and free. */
  public static Optional<AwsException> privateIp(Cidr subnetCidr, String requestedIp, Collection<String> used) {
    if (!SubnetAddressing.isAssignable(subnetCidr, requestedIp)) {
      return Optional.of(Ec2Errors.invalidParameterValue("Address " + requestedIp
          + " does not fall within the subnet's address range"));
    }
    if (used.contains(requestedIp)) return Optional.of(Ec2Errors.addressInUse(requestedIp));
    return Optional.empty();
  }

  /** StartInstances ({@code running}) from stopped, StopInstances ({@code stopped}) from running; either from itself. */
  public static Optional<AwsException> transition(Instance i, String target) {
    boolean ok = switch (target) {
      case "running" -> i.state().equals("stopped") || i.state().equals("running");
      case "stopped" -> i.state().equals("running") || i.state().equals("stopped");
      default -> true;
    };
    return ok ? Optional.empty() : Optional.of(Ec2Errors.incorrectInstanceState(i.id(), i.state()));
  }

  /** DeleteNetworkInterface: not in use. */
  public static Optional<AwsException> deleteInterface(NetworkInterface eni) {
    return eni.status().equals("in-use") ? Optional.of(Ec2Errors.interfaceInUse(eni.id())) : Optional.empty();
  }

  /**
   * AttachNetworkInterface: the interface is free, in the instance's zone, and the device index is
   * free on the instance ({@code attached}: the instance's interfaces).
   */
  public static Optional<AwsException> attachInterface(NetworkInterface eni, Instance instance, int deviceIndex,
      Collection<NetworkInterface> attached) {
    if (eni.attachment() != null) return Optional.of(Ec2Errors.interfaceInUse(eni.id()));
    if (!eni.availabilityZone().equals(instance.availabilityZone())) {
      return Optional.of(Ec2Errors.invalidParameterValue("The network interface and the instance must be in the same"
          + " availability zone"));
    }
    if (attached.stream().anyMatch(e -> e.attachment() != null && e.attachment().deviceIndex() == deviceIndex)) {
      return Optional.of(Ec2Errors.invalidParameterValue("Instance '" + instance.id() + "' already has an interface"
          + " attached at device index '" + deviceIndex + "'."));
    }
    return Optional.empty();
  }

  /** DetachNetworkInterface: not a load balancer's attachment, and never the primary (device index 0). */
  public static Optional<AwsException> detachInterface(NetworkInterface.Attachment attachment) {
    if (attachment.id().startsWith(Ec2ManagedInterfaces.ELB_ATTACHMENT_PREFIX)) {
      return Optional.of(Ec2Errors.operationNotPermitted("You are not allowed to manage 'ela-attach' attachments."));
    }
    if (attachment.deviceIndex() == 0) {
      return Optional.of(Ec2Errors.operationNotPermitted("The network interface at device index 0 cannot be detached."));
    }
    return Optional.empty();
  }
}
