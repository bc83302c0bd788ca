package dev.stratus.ec2.gateways;

import dev.stratus.core.RequestContext;
import dev.stratus.core.store.ReadView;
import dev.stratus.core.store.Transaction;
import dev.stratus.ec2.Ec2Errors;
import dev.stratus.ec2.Ec2Filters;
import dev.stratus.ec2.Ec2Store;
import dev.stratus.ec2.Ec2Tables;
import dev.stratus.ec2.IdKind;
import dev.stratus.ec2.Tags;
import dev.stratus.ec2.interfaces.Interfaces;
import dev.stratus.ec2.model.Address;
import dev.stratus.ec2.model.Ec2Id;
import dev.stratus.ec2.model.Instance;
import dev.stratus.ec2.model.NetworkInterface;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.*;

/** EC2 API group "Elastic IP addresses" (VPC domain only). */
public final class ElasticIpOperations {
  static final Ec2Filters.Spec<Address> FILTERS = Ec2Filters.Spec.<Address>of(Address::allocationId)
      .one("allocation-id", Address::allocationId)
      .one("public-ip", Address::publicIp)
      .one("association-id", Address::associationId)
      .one("instance-id", Address::instanceId)
      .one("network-interface-id", Address::networkInterfaceId)
      .one("private-ip-address", Address::privateIpAddress)
      .one("domain", a -> "vpc")
      .path("network-border-group", "NetworkBorderGroup")
      .path("network-interface-owner-id", "NetworkInterfaceOwnerId");

  private final Ec2Store store;

  public ElasticIpOperations(Ec2Store store) { this.store = store; }

  public AllocateAddressResponse allocateAddress(RequestContext ctx, AllocateAddressRequest req) {
    Ec2Store.dryRun(req.dryRun());
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      Address a = new Address(IdKind.ALLOCATION.next(), Interfaces.publicIp(tx, scope), null, null, null, null);
      tx.put(Ec2Tables.ADDRESS, scope, a.allocationId(), a);
      Tags.apply(tx, scope, a.allocationId(), "elastic-ip", req.tagSpecifications());
      return AllocateAddressResponse.builder().allocationId(a.allocationId()).publicIp(a.publicIp()).domain("vpc")
          .publicIpv4Pool("amazon").networkBorderGroup(ctx.region()).build();
    });
  }

  public DescribeAddressesResponse describeAddresses(RequestContext ctx, DescribeAddressesRequest req) {
    Ec2Store.dryRun(req.dryRun());
    String scope = ctx.regionalScope();
    ReadView view = store.read(ctx);
    Function<String, Map<String, String>> tags = Tags.of(view, scope);
    List<Address> all = Ec2Store.describe(view, scope, IdKind.ALLOCATION, Ec2Tables.ADDRESS, req.allocationIds());
    for (String ip : req.publicIps()) Ec2Errors.throwIf(GatewayRules.publicIp(ip, all));
    all = all.stream().filter(a -> req.publicIps().isEmpty() || req.publicIps().contains(a.publicIp())).toList();
    return DescribeAddressesResponse.builder().addresses(Ec2Filters.apply(req.filters(), all,
        FILTERS.withShape(a -> GatewayShapes.address(a, ctx.accountId(), tags.apply(a.allocationId()))), tags).stream()
        .map(a -> GatewayShapes.address(a, ctx.accountId(), tags.apply(a.allocationId()))).toList()).build();
  }

  public AssociateAddressResponse associateAddress(RequestContext ctx, AssociateAddressRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      Address a = Ec2Store.require(tx, scope, IdKind.ALLOCATION, Ec2Tables.ADDRESS,
          Ec2Store.param(req.allocationId(), "AllocationId"));
      String instanceId = req.instanceId();
      NetworkInterface eni;
      if (req.networkInterfaceId() != null) {
        eni = Ec2Store.require(tx, scope, IdKind.NETWORK_INTERFACE, Ec2Tables.NETWORK_INTERFACE, req.networkInterfaceId());
        instanceId = eni.attachment() == null ? null : eni.attachment().instanceId();
      } else {
        Instance i = Ec2Store.require(tx, scope, IdKind.INSTANCE, Ec2Tables.INSTANCE, Ec2Store.param(instanceId, "InstanceId"));
        eni = tx.get(Ec2Tables.NETWORK_INTERFACE, scope, i.primaryNetworkInterfaceId())
            .orElseThrow(() -> Ec2Errors.incorrectInstanceState(i.id(), i.state()));
      }
      Ec2Errors.throwIf(GatewayRules.associateAddress(a, Boolean.TRUE.equals(req.allowReassociation())));
      Ec2Store.dryRun(req.dryRun());
      if (a.networkInterfaceId() != null) detach(tx, scope, a);
      String assoc = Ec2Id.next("eipassoc-");
      tx.put(Ec2Tables.ADDRESS, scope, a.allocationId(), a.associate(assoc, eni.id(), instanceId, eni.privateIpAddress()));
      NetworkInterface fresh = tx.get(Ec2Tables.NETWORK_INTERFACE, scope, eni.id()).orElseThrow();
      tx.put(Ec2Tables.NETWORK_INTERFACE, scope, eni.id(),
          fresh.withAssociation(new NetworkInterface.PublicIp(a.publicIp(), a.allocationId(), assoc)));
      return AssociateAddressResponse.builder().associationId(assoc).build();
    });
  }

  public DisassociateAddressResponse disassociateAddress(RequestContext ctx, DisassociateAddressRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      String assoc = Ec2Store.param(req.associationId(), "AssociationId");
      Address a = tx.list(Ec2Tables.ADDRESS, scope).stream().filter(x -> assoc.equals(x.associationId())).findFirst()
          .orElseThrow(() -> Ec2Errors.associationNotFound(assoc));
      Ec2Store.dryRun(req.dryRun());
      detach(tx, scope, a);
      tx.put(Ec2Tables.ADDRESS, scope, a.allocationId(), a.disassociated());
      return DisassociateAddressResponse.builder().build();
    });
  }

  public ReleaseAddressResponse releaseAddress(RequestContext ctx, ReleaseAddressRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      Address a = Ec2Store.require(tx, scope, IdKind.ALLOCATION, Ec2Tables.ADDRESS,
          Ec2Store.param(req.allocationId(), "AllocationId"));
      Ec2Errors.throwIf(GatewayRules.releaseAddress(a, tx.list(Ec2Tables.NAT_GATEWAY, scope)));
      Ec2Store.dryRun(req.dryRun());
      tx.delete(Ec2Tables.ADDRESS, scope, a.allocationId());
      Tags.drop(tx, scope, a.allocationId());
      return ReleaseAddressResponse.builder().build();
    });
  }

  /** Disassociates any Elastic IP from a deleted interface. */
  public static void releaseFrom(Transaction tx, String scope, String eniId) {
    tx.list(Ec2Tables.ADDRESS, scope).stream().filter(a -> eniId.equals(a.networkInterfaceId()))
        .forEach(a -> tx.put(Ec2Tables.ADDRESS, scope, a.allocationId(), a.disassociated()));
  }

  private static void detach(Transaction tx, String scope, Address a) {
    tx.get(Ec2Tables.NETWORK_INTERFACE, scope, a.networkInterfaceId())
        .ifPresent(e -> tx.put(Ec2Tables.NETWORK_INTERFACE, scope, e.id(), e.withAssociation(null)));
  }
}
