package dev.stratus.ec2.vpc;

import dev.stratus.core.RequestContext;
import dev.stratus.core.net.Cidr;
import dev.stratus.core.store.ReadView;
import dev.stratus.core.store.Transaction;
import dev.stratus.ec2.Ec2Errors;
import dev.stratus.ec2.Ec2Filters;
import dev.stratus.ec2.Ec2Pagination;
import dev.stratus.ec2.Ec2Store;
import dev.stratus.ec2.Ec2Tables;
import dev.stratus.ec2.IdKind;
import dev.stratus.ec2.PagedOperation;
import dev.stratus.ec2.Tags;
import dev.stratus.ec2.model.Ec2Id;
import dev.stratus.ec2.model.RegionDefaults;
import dev.stratus.ec2.model.RouteTable;
import dev.stratus.ec2.model.Vpc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.*;

/** EC2 API group "VPCs": VPCs, their CIDR blocks and DNS attributes, and DHCP options. */
public final class VpcOperations {
  static final Ec2Filters.Spec<Vpc> FILTERS = Ec2Filters.Spec.<Vpc>of(Vpc::id)
      .one("vpc-id", Vpc::id)
      .one("cidr", v -> v.primaryCidr().toString())
      .one("cidr-block", v -> v.primaryCidr().toString())
      .many("cidr-block-association.cidr-block", v -> v.cidrBlocks().stream().map(c -> c.cidr().toString()).toList())
      .many("cidr-block-association.association-id", v -> v.cidrBlocks().stream().map(Vpc.CidrAssociation::associationId).toList())
      .many("cidr-block-association.state", v -> v.cidrBlocks().stream().map(Vpc.CidrAssociation::state).toList())
      .many("ipv6-cidr-block-association.ipv6-cidr-block", v -> v.ipv6CidrBlocks().stream().map(c -> c.cidr().toString()).toList())
      .many("ipv6-cidr-block-association.association-id", v -> v.ipv6CidrBlocks().stream().map(Vpc.CidrAssociation::associationId).toList())
      .one("dhcp-options-id", Vpc::dhcpOptionsId)
      .one("is-default", Vpc::isDefault)
      .one("isDefault", Vpc::isDefault)
      .one("state", v -> "available")
      .one("instance-tenancy", Vpc::instanceTenancy)
      .path("ipv6-cidr-block-association.ipv6-pool", "Ipv6CidrBlockAssociationSet.Ipv6Pool")
      .path("ipv6-cidr-block-association.state", "Ipv6CidrBlockAssociationSet.Ipv6CidrBlockState.State");

  private final Ec2Store store;

  public VpcOperations(Ec2Store store) { this.store = store; }

  public CreateVpcResponse createVpc(RequestContext ctx, CreateVpcRequest req) {
    String text = Ec2Store.param(req.cidrBlock(), "cidrBlock");
    Cidr cidr = Cidr.tryParse(text).filter(Cidr::isIpv4).orElseThrow(() -> Ec2Errors.invalidCidr("cidrBlock", text));
    Ec2Errors.throwIf(VpcRules.createVpc(cidr));
    Ec2Store.dryRun(req.dryRun());
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      RegionDefaults defaults = tx.get(Ec2Tables.DEFAULTS, scope, Ec2Tables.DEFAULTS_ID).orElseThrow();
      String tenancy = req.instanceTenancyAsString() == null ? "default" : req.instanceTenancyAsString();
      Vpc vpc = VpcFactory.create(tx, scope, cidr, false, tenancy, defaults.defaultDhcpOptionsId());
      if (Boolean.TRUE.equals(req.amazonProvidedIpv6CidrBlock())) {
        vpc = vpc.withCidrBlocks(vpc.cidrBlocks(), List.of(new Vpc.CidrAssociation(
            Ec2Id.next("vpc-cidr-assoc-"), Ipv6Pool.nextVpcBlock(), "associated")));
        tx.put(Ec2Tables.VPC, scope, vpc.id(), vpc);
        addLocalRoutes(tx, scope, vpc.id(), vpc.ipv6CidrBlocks().get(0).cidr());
        Ipv6Defaults.apply(tx, scope, vpc);
      }
      Tags.apply(tx, scope, vpc.id(), "vpc", req.tagSpecifications());
      Map<String, String> tags = Tags.of(tx, scope).apply(vpc.id());
      return CreateVpcResponse.builder().vpc(VpcShapes.vpc(vpc.withCidrBlocks(vpc.cidrBlocks(), vpc.ipv6CidrBlocks().stream()
          .map(a -> new Vpc.CidrAssociation(a.associationId(), a.cidr(), "associating")).toList()), // as CreateVpc shows it
          ctx.accountId(), ctx.region(), tags, "pending")).build();
    });
  }

  public CreateDefaultVpcResponse createDefaultVpc(RequestContext ctx, CreateDefaultVpcRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      RegionDefaults d = tx.get(Ec2Tables.DEFAULTS, scope, Ec2Tables.DEFAULTS_ID).orElseThrow();
      Ec2Errors.throwIf(VpcRules.createDefaultVpc(
          d.defaultVpcId() != null && tx.get(Ec2Tables.VPC, scope, d.defaultVpcId()).isPresent()));
      Ec2Store.dryRun(req.dryRun());
      Vpc vpc = DefaultVpc.createVpc(tx, scope, ctx.region(), d.defaultDhcpOptionsId());
      tx.put(Ec2Tables.DEFAULTS, scope, Ec2Tables.DEFAULTS_ID, new RegionDefaults(vpc.id(), d.defaultDhcpOptionsId()));
      return CreateDefaultVpcResponse.builder().vpc(VpcShapes.vpc(vpc, ctx.accountId(), ctx.region(), Map.of(), "pending")).build();
    });
  }

  public DescribeVpcsResponse describeVpcs(RequestContext ctx, DescribeVpcsRequest req) {
    var cursor = Ec2Pagination.cursor(PagedOperation.DESCRIBE_VPCS, req.maxResults(), req.nextToken(), req.vpcIds());
    Ec2Store.dryRun(req.dryRun());
    String scope = ctx.regionalScope();
    ReadView view = store.read(ctx);
    Function<String, Map<String, String>> tags = Tags.of(view, scope);
    List<Vpc> vpcs = Ec2Filters.apply(req.filters(),
        Ec2Store.describe(view, scope, IdKind.VPC, Ec2Tables.VPC, req.vpcIds()), FILTERS.forAccount(ctx.accountId())
            .withShape(v -> VpcShapes.vpc(v, ctx.accountId(), ctx.region(), tags.apply(v.id()), "available")), tags);
    var page = cursor.page(vpcs, Vpc::id);
    return DescribeVpcsResponse.builder().vpcs(page.items().stream()
        .map(v -> VpcShapes.vpc(v, ctx.accountId(), ctx.region(), tags.apply(v.id()), "available")).toList())
        .nextToken(page.nextTokenOrNull()).build();
  }

  public DeleteVpcResponse deleteVpc(RequestContext ctx, DeleteVpcRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      Vpc vpc = Ec2Store.require(tx, scope, IdKind.VPC, Ec2Tables.VPC, req.vpcId());
      if (VpcDependencies.any(tx, scope, vpc)) throw Ec2Errors.dependencies("vpc", vpc.id());
      Ec2Store.dryRun(req.dryRun());
      for (String id : List.of(vpc.id(), vpc.mainRouteTableId(), vpc.defaultNetworkAclId(), vpc.defaultSecurityGroupId())) {
        Tags.drop(tx, scope, id);
      }
      tx.delete(Ec2Tables.ROUTE_TABLE, scope, vpc.mainRouteTableId());
      tx.delete(Ec2Tables.NETWORK_ACL, scope, vpc.defaultNetworkAclId());
      tx.delete(Ec2Tables.SECURITY_GROUP, scope, vpc.defaultSecurityGroupId());
      tx.delete(Ec2Tables.VPC, scope, vpc.id());
      if (vpc.isDefault()) {
        RegionDefaults d = tx.get(Ec2Tables.DEFAULTS, scope, Ec2Tables.DEFAULTS_ID).orElseThrow();
        tx.put(Ec2Tables.DEFAULTS, scope, Ec2Tables.DEFAULTS_ID, new RegionDefaults(null, d.defaultDhcpOptionsId()));
      }
      return DeleteVpcResponse.builder().build();
    });
  }

  public ModifyVpcAttributeResponse modifyVpcAttribute(RequestContext ctx, ModifyVpcAttributeRequest req) {
    String scope = ctx.regionalScope();
    boolean support = req.enableDnsSupport() != null && req.enableDnsSupport().value() != null;
    boolean hostnames = req.enableDnsHostnames() != null && req.enableDnsHostnames().value() != null;
    Ec2Errors.throwIf(VpcRules.modifyAttribute(support, hostnames, req.enableNetworkAddressUsageMetrics() != null));
    return store.write(ctx, tx -> {
      Vpc vpc = Ec2Store.require(tx, scope, IdKind.VPC, Ec2Tables.VPC, req.vpcId());
      Vpc updated = support ? vpc.withDns(req.enableDnsSupport().value(), vpc.enableDnsHostnames())
          : hostnames ? vpc.withDns(vpc.enableDnsSupport(), req.enableDnsHostnames().value()) : vpc;
      tx.put(Ec2Tables.VPC, scope, vpc.id(), updated);
      return ModifyVpcAttributeResponse.builder().build();
    });
  }

  public DescribeVpcAttributeResponse describeVpcAttribute(RequestContext ctx, DescribeVpcAttributeRequest req) {
    Vpc vpc = Ec2Store.require(store.read(ctx), ctx.regionalScope(), IdKind.VPC, Ec2Tables.VPC, req.vpcId());
    String attribute = Ec2Store.param(req.attributeAsString(), "attribute");
    Ec2Store.dryRun(req.dryRun());
    var b = DescribeVpcAttributeResponse.builder().vpcId(vpc.id());
    switch (attribute) {
      case "enableDnsSupport" -> b.enableDnsSupport(AttributeBooleanValue.builder().value(vpc.enableDnsSupport()).build());
      case "enableDnsHostnames" ->
          b.enableDnsHostnames(AttributeBooleanValue.builder().value(vpc.enableDnsHostnames()).build());
      case "enableNetworkAddressUsageMetrics" ->
          b.enableNetworkAddressUsageMetrics(AttributeBooleanValue.builder().value(false).build());
      default -> throw Ec2Errors.invalidParameterValue("Value (" + attribute + ") for parameter attribute is invalid. "
          + "Unknown attribute.");
    }
    return b.build();
  }

  public AssociateVpcCidrBlockResponse associateVpcCidrBlock(RequestContext ctx, AssociateVpcCidrBlockRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      Vpc vpc = Ec2Store.require(tx, scope, IdKind.VPC, Ec2Tables.VPC, req.vpcId());
      var b = AssociateVpcCidrBlockResponse.builder().vpcId(vpc.id());
      if (Boolean.TRUE.equals(req.amazonProvidedIpv6CidrBlock())) {
        Ec2Errors.throwIf(VpcRules.ipv6Block(vpc));
        var assoc = new Vpc.CidrAssociation(Ec2Id.next("vpc-cidr-assoc-"), Ipv6Pool.nextVpcBlock(), "associated");
        List<Vpc.CidrAssociation> v6 = new ArrayList<>(vpc.ipv6CidrBlocks());
        v6.add(assoc);
        tx.put(Ec2Tables.VPC, scope, vpc.id(), vpc.withCidrBlocks(vpc.cidrBlocks(), v6));
        addLocalRoutes(tx, scope, vpc.id(), assoc.cidr());
        Ipv6Defaults.apply(tx, scope, vpc);
        return b.ipv6CidrBlockAssociation(VpcShapes.v6(new Vpc.CidrAssociation(assoc.associationId(), assoc.cidr(), "associating"), ctx.region())).build();
      }
      String text = Ec2Store.param(req.cidrBlock(), "cidrBlock");
      Cidr cidr = Cidr.tryParse(text).filter(Cidr::isIpv4).orElseThrow(() -> Ec2Errors.invalidCidr("cidrBlock", text));
      List<Cidr> routeDestinations = tx.list(Ec2Tables.ROUTE_TABLE, scope).stream()
          .filter(t -> t.vpcId().equals(vpc.id())).flatMap(t -> t.routes().stream())
          .filter(r -> !(r.target() instanceof dev.stratus.ec2.model.RouteTarget.Local))
          .map(RouteTable.Route::destination).filter(d -> d instanceof RouteTable.CidrDestination)
          .map(d -> ((RouteTable.CidrDestination) d).cidr()).toList();
      Ec2Errors.throwIf(VpcRules.secondaryBlock(vpc, cidr, routeDestinations));
      var assoc = new Vpc.CidrAssociation(Ec2Id.next("vpc-cidr-assoc-"), cidr, "associated");
      List<Vpc.CidrAssociation> v4 = new ArrayList<>(vpc.cidrBlocks());
      v4.add(assoc);
      tx.put(Ec2Tables.VPC, scope, vpc.id(), vpc.withCidrBlocks(v4, vpc.ipv6CidrBlocks()));
      addLocalRoutes(tx, scope, vpc.id(), cidr);
      return b.cidrBlockAssociation(VpcShapes.v4(new Vpc.CidrAssociation(assoc.associationId(), cidr,
          "associating"))).build();
    });
  }

  public DisassociateVpcCidrBlockResponse disassociateVpcCidrBlock(RequestContext ctx,
      DisassociateVpcCidrBlockRequest req) {
    String scope = ctx.regionalScope();
    String assocId = Ec2Store.param(req.associationId(), "associationId");
    return store.write(ctx, tx -> {
      Vpc vpc = tx.list(Ec2Tables.VPC, scope).stream().filter(v -> v.activeCidrs().size() >= 0
          && java.util.stream.Stream.concat(v.cidrBlocks().stream(), v.ipv6CidrBlocks().stream())
              .anyMatch(a -> a.associationId().equals(assocId))).findFirst()
          .orElseThrow(() -> Ec2Errors.notFound("InvalidVpcCidrBlockAssociationID.NotFound",
              "vpc CIDR block association", assocId));
      Vpc.CidrAssociation gone = java.util.stream.Stream.concat(vpc.cidrBlocks().stream(), vpc.ipv6CidrBlocks().stream())
          .filter(a -> a.associationId().equals(assocId)).findFirst().orElseThrow();
      Ec2Errors.throwIf(VpcRules.disassociateBlock(vpc, gone, tx.list(Ec2Tables.SUBNET, scope)));
      tx.put(Ec2Tables.VPC, scope, vpc.id(), vpc.withCidrBlocks(
          vpc.cidrBlocks().stream().filter(a -> a != gone).toList(),
          vpc.ipv6CidrBlocks().stream().filter(a -> a != gone).toList()));
      for (RouteTable t : tx.list(Ec2Tables.ROUTE_TABLE, scope)) {
        if (!t.vpcId().equals(vpc.id())) continue;
        tx.put(Ec2Tables.ROUTE_TABLE, scope, t.id(), t.withRoutes(t.routes().stream()
            .filter(r -> !(r.target() instanceof dev.stratus.ec2.model.RouteTarget.Local
                && r.destination().equals(new RouteTable.CidrDestination(gone.cidr())))).toList()));
      }
      var disassociating = new Vpc.CidrAssociation(gone.associationId(), gone.cidr(), "disassociating");
      var b = DisassociateVpcCidrBlockResponse.builder().vpcId(vpc.id());
      return (gone.cidr().isIpv4() ? b.cidrBlockAssociation(VpcShapes.v4(disassociating))
          : b.ipv6CidrBlockAssociation(VpcShapes.v6(disassociating, ctx.region()))).build();
    });
  }

  /** Adds the local route for a new VPC block to every route table of the VPC (vpc.md §8). */
  static void addLocalRoutes(Transaction tx, String scope, String vpcId, Cidr cidr) {
    for (RouteTable t : tx.list(Ec2Tables.ROUTE_TABLE, scope)) {
      if (!t.vpcId().equals(vpcId)) continue;
      List<RouteTable.Route> routes = new ArrayList<>(t.routes());
      routes.add(VpcFactory.localRoute(cidr));
      tx.put(Ec2Tables.ROUTE_TABLE, scope, t.id(), t.withRoutes(routes));
    }
  }
}
