package dev.stratus.ec2.gateways;

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
import dev.stratus.ec2.interfaces.Interfaces;
import dev.stratus.ec2.model.Address;
import dev.stratus.ec2.model.NatGateway;
import dev.stratus.ec2.model.NetworkInterface;
import dev.stratus.ec2.model.RouteTable;
import dev.stratus.ec2.model.Subnet;
import dev.stratus.ec2.routing.RouteStates;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.*;

/** EC2 API group "NAT gateways" (vpc.md §24): available at once; deleting blackholes their routes. */
public final class NatGatewayOperations {
  static final Ec2Filters.Spec<NatGateway> FILTERS = Ec2Filters.Spec.<NatGateway>of(NatGateway::id)
      .one("nat-gateway-id", NatGateway::id).one("state", NatGateway::state).one("subnet-id", NatGateway::subnetId)
      .one("vpc-id", NatGateway::vpcId);

  private final Ec2Store store;

  public NatGatewayOperations(Ec2Store store) { this.store = store; }

  public CreateNatGatewayResponse createNatGateway(RequestContext ctx, CreateNatGatewayRequest req) {
    String scope = ctx.regionalScope();
    String type = req.connectivityTypeAsString() == null ? "public" : req.connectivityTypeAsString();
    return store.write(ctx, tx -> {
      Subnet subnet = Ec2Store.require(tx, scope, IdKind.SUBNET, Ec2Tables.SUBNET, Ec2Store.param(req.subnetId(), "SubnetId"));
      Address eip = null;
      if (type.equals("public")) {
        eip = Ec2Store.require(tx, scope, IdKind.ALLOCATION, Ec2Tables.ADDRESS, Ec2Store.param(req.allocationId(), "AllocationId"));
        Ec2Errors.throwIf(GatewayRules.natAddress(eip, tx.list(Ec2Tables.NAT_GATEWAY, scope)));
      }
      Ec2Store.dryRun(req.dryRun());
      String id = IdKind.NAT_GATEWAY.next();
      NetworkInterface eni = Interfaces.create(tx, scope, subnet, req.privateIpAddress(), List.of(), "nat_gateway",
          "Interface for NAT Gateway " + id, true);
      eni = eni.withAttachment(null, "in-use").withRequesterId(Interfaces.natGatewayRequester(ctx.region()));
      if (eip != null) eni = eni.withAssociation(new NetworkInterface.PublicIp(eip.publicIp(), eip.allocationId(), null));
      tx.put(Ec2Tables.NETWORK_INTERFACE, scope, eni.id(), eni);
      NatGateway nat = new NatGateway(id, subnet.id(), subnet.vpcId(), type, "available", eni.id(), eni.privateIpAddress(),
          eip == null ? null : eip.allocationId(), eip == null ? null : eip.publicIp(), ctx.receivedAt(), null);
      tx.put(Ec2Tables.NAT_GATEWAY, scope, id, nat);
      Tags.apply(tx, scope, id, "natgateway", req.tagSpecifications());
      return CreateNatGatewayResponse.builder().clientToken(req.clientToken())
          .natGateway(shape(new NatGateway(id, nat.subnetId(), nat.vpcId(), type, "pending", nat.networkInterfaceId(),
              nat.privateIp(), nat.allocationId(), nat.publicIp(), nat.createTime(), null), Tags.of(tx, scope).apply(id)))
          .build();
    });
  }

  public DescribeNatGatewaysResponse describeNatGateways(RequestContext ctx, DescribeNatGatewaysRequest req) {
    var cursor = Ec2Pagination.cursor(PagedOperation.DESCRIBE_NAT_GATEWAYS, req.maxResults(), req.nextToken(),
        req.natGatewayIds());
    Ec2Store.dryRun(req.dryRun());
    String scope = ctx.regionalScope();
    ReadView view = store.read(ctx);
    Function<String, Map<String, String>> tags = Tags.of(view, scope);
    List<NatGateway> all = Ec2Store.describe(view, scope, IdKind.NAT_GATEWAY, Ec2Tables.NAT_GATEWAY, req.natGatewayIds());
    var page = cursor.page(Ec2Filters.apply(req.filter(), all, FILTERS, tags), NatGateway::id);
    return DescribeNatGatewaysResponse.builder().natGateways(page.items().stream()
        .map(n -> shape(n, tags.apply(n.id()))).toList()).nextToken(page.nextTokenOrNull()).build();
  }

  public DeleteNatGatewayResponse deleteNatGateway(RequestContext ctx, DeleteNatGatewayRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      NatGateway nat = Ec2Store.require(tx, scope, IdKind.NAT_GATEWAY, Ec2Tables.NAT_GATEWAY, req.natGatewayId());
      Ec2Errors.throwIf(GatewayRules.deleteNatGateway(nat));
      Ec2Store.dryRun(req.dryRun());
      tx.put(Ec2Tables.NAT_GATEWAY, scope, nat.id(), nat.deleted(ctx.receivedAt()));
      tx.delete(Ec2Tables.NETWORK_INTERFACE, scope, nat.networkInterfaceId());
      RouteStates.setState(tx, scope, nat.id(), RouteTable.State.BLACKHOLE);
      return DeleteNatGatewayResponse.builder().natGatewayId(nat.id()).build();
    });
  }

  static software.amazon.awssdk.services.ec2.model.NatGateway shape(NatGateway n, Map<String, String> tags) {
    return software.amazon.awssdk.services.ec2.model.NatGateway.builder().natGatewayId(n.id()).subnetId(n.subnetId())
        .vpcId(n.vpcId()).state(n.state()).connectivityType(n.connectivityType()).createTime(n.createTime())
        .deleteTime(n.deleteTime())
        .natGatewayAddresses(NatGatewayAddress.builder().networkInterfaceId(n.networkInterfaceId())
            .privateIp(n.privateIp()).allocationId(n.allocationId()).publicIp(n.publicIp()).isPrimary(true)
            .status("succeeded").build())
        .tags(tags.isEmpty() ? null : Tags.sdk(tags)).build();
  }
}
