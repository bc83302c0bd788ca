package dev.stratus.ec2.interfaces;

import dev.stratus.core.store.Transaction;
import dev.stratus.core.vpc.ManagedInterfaces;
import dev.stratus.ec2.Ec2Errors;
import dev.stratus.ec2.Ec2Tables;
import dev.stratus.ec2.Tags;
import dev.stratus.ec2.model.Ec2Id;
import dev.stratus.ec2.model.NetworkInterface;
import dev.stratus.ec2.model.RouteTable;
import dev.stratus.ec2.model.Subnet;
import dev.stratus.ec2.routing.RouteStates;
import java.util.List;

/**
 * EC2's side of {@link ManagedInterfaces}: the interfaces of load balancer nodes. Each is
 * requester-managed, {@code in-use} and attached by the service ({@code ela-attach-…}, device
 * index 1, owner and requester {@code amazon-elb}, as AWS shows an ELB's), so DeleteNetworkInterface
 * refuses it and DeleteSubnet, DeleteVpc and DeleteSecurityGroup answer DependencyViolation while it
 * exists.
 */
public final class Ec2ManagedInterfaces implements ManagedInterfaces {
  /** The attachment id prefix AWS gives the interfaces ELB attaches. */
  static final String ELB_ATTACHMENT_PREFIX = "ela-attach-";
  /** The RequesterId and Attachment.InstanceOwnerId AWS shows on a load balancer node's interface. */
  static final String ELB_REQUESTER = "amazon-elb";

  @Override
  public Created create(Transaction tx, String accountId, String region, Spec spec) {
    String scope = accountId + "/" + region;
    Subnet subnet = tx.get(Ec2Tables.SUBNET, scope, spec.subnetId())
        .orElseThrow(() -> Ec2Errors.notFound("InvalidSubnetID.NotFound", "subnet", spec.subnetId()));
    NetworkInterface eni = Interfaces.create(tx, scope, subnet, null, spec.groupIds(), spec.interfaceType(),
        spec.description(), true);
    eni = eni.withAttachment(new NetworkInterface.Attachment(Ec2Id.next(ELB_ATTACHMENT_PREFIX), null, 1, "attached",
        false, ELB_REQUESTER), "in-use").withRequesterId(ELB_REQUESTER);
    tx.put(Ec2Tables.NETWORK_INTERFACE, scope, eni.id(), eni);
    return new Created(eni.id(), eni.privateIpAddress());
  }

  @Override
  public void setGroups(Transaction tx, String accountId, String region, String networkInterfaceId, List<String> groupIds) {
    String scope = accountId + "/" + region;
    tx.get(Ec2Tables.NETWORK_INTERFACE, scope, networkInterfaceId)
        .ifPresent(e -> tx.put(Ec2Tables.NETWORK_INTERFACE, scope, e.id(), e.withGroups(groupIds)));
  }

  @Override
  public void delete(Transaction tx, String accountId, String region, String networkInterfaceId) {
    String scope = accountId + "/" + region;
    if (tx.delete(Ec2Tables.NETWORK_INTERFACE, scope, networkInterfaceId)) {
      Tags.drop(tx, scope, networkInterfaceId);
      RouteStates.setState(tx, scope, networkInterfaceId, RouteTable.State.BLACKHOLE);
    }
  }
}
