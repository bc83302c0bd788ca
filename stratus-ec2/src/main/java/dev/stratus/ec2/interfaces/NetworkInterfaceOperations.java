package dev.stratus.ec2.interfaces;

import dev.stratus.core.RequestContext;
import dev.stratus.core.store.ReadView;
import dev.stratus.ec2.Ec2Errors;
import dev.stratus.ec2.Ec2Filters;
import dev.stratus.ec2.Ec2Pagination;
import dev.stratus.ec2.Ec2Store;
import dev.stratus.ec2.Ec2Tables;
import dev.stratus.ec2.IdKind;
import dev.stratus.ec2.PagedOperation;
import dev.stratus.ec2.Tags;
import dev.stratus.ec2.gateways.ElasticIpOperations;
import dev.stratus.ec2.model.NetworkInterface;
import dev.stratus.ec2.model.RouteTable;
import dev.stratus.ec2.model.Subnet;
import dev.stratus.ec2.routing.RouteStates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.*;

/** EC2 API group "Elastic network interfaces". */
public final class NetworkInterfaceOperations {
  static final Ec2Filters.Spec<NetworkInterface> FILTERS = Ec2Filters.Spec.<NetworkInterface>of(NetworkInterface::id)
      .one("network-interface-id", NetworkInterface::id).one("subnet-id", NetworkInterface::subnetId)
      .one("vpc-id", NetworkInterface::vpcId).one("status", NetworkInterface::status)
      .one("interface-type", NetworkInterface::interfaceType).one("private-ip-address", NetworkInterface::privateIpAddress)
      .one("availability-zone", NetworkInterface::availabilityZone).one("description", NetworkInterface::description)
      .many("group-id", NetworkInterface::groupIds)
      .one("attachment.instance-id", e -> e.attachment() == null ? null : e.attachment().instanceId())
      .one("requester-managed", NetworkInterface::requesterManaged)
      .one("addresses.private-ip-address", NetworkInterface::privateIpAddress)
      .one("association.public-ip", e -> e.association() == null ? null : e.association().publicIp())
      .one("association.allocation-id", e -> e.association() == null ? null : e.association().allocationId())
      .one("mac-address", NetworkInterface::macAddress)
      .path("addresses.association.owner-id", "PrivateIpAddresses.Association.IpOwnerId")
      .path("addresses.association.public-ip", "PrivateIpAddresses.Association.PublicIp")
      .path("addresses.primary", "PrivateIpAddresses.Primary")
      .path("association.association-id", "Association.AssociationId")
      .path("association.ip-owner-id", "Association.IpOwnerId")
      .path("association.public-dns-name", "Association.PublicDnsName")
      .path("attachment.attach-time", "Attachment.AttachTime")
      .path("attachment.attachment-id", "Attachment.AttachmentId")
      .path("attachment.delete-on-termination", "Attachment.DeleteOnTermination")
      .path("attachment.device-index", "Attachment.DeviceIndex")
      .path("attachment.instance-owner-id", "Attachment.InstanceOwnerId")
      .path("attachment.status", "Attachment.Status")
      .path("group-name", "Groups.GroupName")
      .path("ipv6-addresses.ipv6-address", "Ipv6Addresses.Ipv6Address")
      .path("owner-id", "OwnerId")
      .path("private-dns-name", "PrivateDnsName")
      .path("requester-id", "RequesterId")
      .path("source-dest-check", "SourceDestCheck");

  private final Ec2Store store;

  public NetworkInterfaceOperations(Ec2Store store) { this.store = store; }

  public CreateNetworkInterfaceResponse createNetworkInterface(RequestContext ctx, CreateNetworkInterfaceRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      Subnet subnet = Ec2Store.require(tx, scope, IdKind.SUBNET, Ec2Tables.SUBNET, Ec2Store.param(req.subnetId(), "subnetId"));
      List<String> groups = new ArrayList<>(req.groups());
      for (String g : groups) Ec2Store.require(tx, scope, IdKind.SECURITY_GROUP, Ec2Tables.SECURITY_GROUP, g);
      Ec2Errors.throwIf(InterfaceRules.groupCount(groups.size()));
      if (groups.isEmpty()) groups.add(tx.get(Ec2Tables.VPC, scope, subnet.vpcId()).orElseThrow().defaultSecurityGroupId());
      Ec2Store.dryRun(req.dryRun());
      NetworkInterface eni = Interfaces.create(tx, scope, subnet, req.privateIpAddress(), groups, "interface",
          req.description(), false);
      Tags.apply(tx, scope, eni.id(), "network-interface", req.tagSpecifications());
      return CreateNetworkInterfaceResponse.builder().clientToken(req.clientToken()).networkInterface(
          InstanceShapes.eni(tx, scope, eni, ctx.accountId(), ctx.region(), Tags.of(tx, scope).apply(eni.id()))).build();
    });
  }

  public DescribeNetworkInterfacesResponse describeNetworkInterfaces(RequestContext ctx,
      DescribeNetworkInterfacesRequest req) {
    var cursor = Ec2Pagination.cursor(PagedOperation.DESCRIBE_NETWORK_INTERFACES, req.maxResults(), req.nextToken(),
        req.networkInterfaceIds());
    Ec2Store.dryRun(req.dryRun());
    String scope = ctx.regionalScope();
    ReadView view = store.read(ctx);
    Function<String, Map<String, String>> tags = Tags.of(view, scope);
    List<NetworkInterface> all = Ec2Store.describe(view, scope, IdKind.NETWORK_INTERFACE, Ec2Tables.NETWORK_INTERFACE,
        req.networkInterfaceIds());
    var spec = FILTERS.withShape(e -> InstanceShapes.eni(view, scope, e, ctx.accountId(), ctx.region(), tags.apply(e.id())));
    var page = cursor.page(Ec2Filters.apply(req.filters(), all, spec, tags), NetworkInterface::id);
    return DescribeNetworkInterfacesResponse.builder().networkInterfaces(page.items().stream()
        .map(e -> InstanceShapes.eni(view, scope, e, ctx.accountId(), ctx.region(), tags.apply(e.id()))).toList())
        .nextToken(page.nextTokenOrNull()).build();
  }

  public DeleteNetworkInterfaceResponse deleteNetworkInterface(RequestContext ctx, DeleteNetworkInterfaceRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      NetworkInterface eni = Ec2Store.require(tx, scope, IdKind.NETWORK_INTERFACE, Ec2Tables.NETWORK_INTERFACE,
          req.networkInterfaceId());
      Ec2Errors.throwIf(InterfaceRules.deleteInterface(eni));
      Ec2Store.dryRun(req.dryRun());
      tx.delete(Ec2Tables.NETWORK_INTERFACE, scope, eni.id());
      Tags.drop(tx, scope, eni.id());
      ElasticIpOperations.releaseFrom(tx, scope, eni.id());
      RouteStates.setState(tx, scope, eni.id(), RouteTable.State.BLACKHOLE);
      return DeleteNetworkInterfaceResponse.builder().build();
    });
  }

  public ModifyNetworkInterfaceAttributeResponse modifyNetworkInterfaceAttribute(RequestContext ctx,
      ModifyNetworkInterfaceAttributeRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      NetworkInterface eni = Ec2Store.require(tx, scope, IdKind.NETWORK_INTERFACE, Ec2Tables.NETWORK_INTERFACE,
          req.networkInterfaceId());
      for (String g : req.groups()) Ec2Store.require(tx, scope, IdKind.SECURITY_GROUP, Ec2Tables.SECURITY_GROUP, g);
      Ec2Store.dryRun(req.dryRun());
      NetworkInterface updated = req.groups().isEmpty() ? eni : eni.withGroups(req.groups());
      updated = updated.withDescriptionAndCheck(
          req.description() != null && req.description().value() != null ? req.description().value() : eni.description(),
          req.sourceDestCheck() != null && req.sourceDestCheck().value() != null ? req.sourceDestCheck().value()
              : eni.sourceDestCheck());
      tx.put(Ec2Tables.NETWORK_INTERFACE, scope, eni.id(), updated);
      return ModifyNetworkInterfaceAttributeResponse.builder().build();
    });
  }

  public AttachNetworkInterfaceResponse attachNetworkInterface(RequestContext ctx, AttachNetworkInterfaceRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      NetworkInterface eni = Ec2Store.require(tx, scope, IdKind.NETWORK_INTERFACE, Ec2Tables.NETWORK_INTERFACE,
          req.networkInterfaceId());
      var instance = Ec2Store.require(tx, scope, IdKind.INSTANCE, Ec2Tables.INSTANCE, req.instanceId());
      int index = req.deviceIndex() == null ? 1 : req.deviceIndex();
      Ec2Errors.throwIf(InterfaceRules.attachInterface(eni, instance, index, instance.networkInterfaceIds().stream()
          .map(id -> tx.get(Ec2Tables.NETWORK_INTERFACE, scope, id)).flatMap(java.util.Optional::stream).toList()));
      Ec2Store.dryRun(req.dryRun());
      String attachmentId = dev.stratus.ec2.model.Ec2Id.next("eni-attach-");
      tx.put(Ec2Tables.NETWORK_INTERFACE, scope, eni.id(), eni.withAttachment(
          new NetworkInterface.Attachment(attachmentId, instance.id(), index, "attached", false, ctx.accountId()), "in-use"));
      List<String> enis = new ArrayList<>(instance.networkInterfaceIds());
      enis.add(eni.id());
      tx.put(Ec2Tables.INSTANCE, scope, instance.id(), instance.withNetworkInterfaceIds(enis));
      return AttachNetworkInterfaceResponse.builder().attachmentId(attachmentId).networkCardIndex(0).build();
    });
  }

  public DetachNetworkInterfaceResponse detachNetworkInterface(RequestContext ctx, DetachNetworkInterfaceRequest req) {
    String scope = ctx.regionalScope();
    String attachmentId = Ec2Store.param(req.attachmentId(), "attachmentId");
    return store.write(ctx, tx -> {
      NetworkInterface eni = tx.list(Ec2Tables.NETWORK_INTERFACE, scope).stream()
          .filter(e -> e.attachment() != null && attachmentId.equals(e.attachment().id())).findFirst()
          .orElseThrow(() -> Ec2Errors.notFound("InvalidAttachmentID.NotFound", "attachment", attachmentId));
      Ec2Errors.throwIf(InterfaceRules.detachInterface(eni.attachment()));
      Ec2Store.dryRun(req.dryRun());
      String instanceId = eni.attachment().instanceId();
      tx.put(Ec2Tables.NETWORK_INTERFACE, scope, eni.id(), eni.withAttachment(null, "available"));
      tx.get(Ec2Tables.INSTANCE, scope, instanceId).ifPresent(i -> tx.put(Ec2Tables.INSTANCE, scope, i.id(),
          i.withNetworkInterfaceIds(i.networkInterfaceIds().stream().filter(x -> !x.equals(eni.id())).toList())));
      return DetachNetworkInterfaceResponse.builder().build();
    });
  }
}
