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
import dev.stratus.ec2.model.NetworkAcl;
import dev.stratus.ec2.model.NetworkInterface;
import dev.stratus.ec2.model.RegionCatalog;
import dev.stratus.ec2.model.Subnet;
import dev.stratus.ec2.model.SubnetAddressing;
import dev.stratus.ec2.model.Vpc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.*;

/** EC2 API group "Subnets": create, describe, delete and modify subnets (vpc.md §5–6). */
public final class SubnetOperations {
  static final Ec2Filters.Spec<Subnet> FILTERS = Ec2Filters.Spec.<Subnet>of(Subnet::id)
      .one("subnet-id", Subnet::id)
      .one("vpc-id", Subnet::vpcId)
      .one("cidr", s -> s.cidr().toString())
      .one("cidr-block", s -> s.cidr().toString())
      .one("cidrBlock", s -> s.cidr().toString())
      .one("availability-zone", Subnet::availabilityZone)
      .one("availabilityZone", Subnet::availabilityZone)
      .one("availability-zone-id", Subnet::availabilityZoneId)
      .one("default-for-az", Subnet::defaultForAz)
      .one("defaultForAz", Subnet::defaultForAz)
      .one("map-public-ip-on-launch", Subnet::mapPublicIpOnLaunch)
      .one("state", s -> "available")
      .many("ipv6-cidr-block-association.ipv6-cidr-block",
          s -> s.ipv6CidrBlocks().stream().map(b -> b.cidr().toString()).toList())
      .path("available-ip-address-count", "AvailableIpAddressCount")
      .path("customer-owned-ipv4-pool", "CustomerOwnedIpv4Pool")
      .path("enable-dns64", "EnableDns64")
      .path("enable-lni-at-device-index", "EnableLniAtDeviceIndex")
      .path("ipv6-cidr-block-association.association-id", "Ipv6CidrBlockAssociationSet.AssociationId")
      .path("ipv6-cidr-block-association.state", "Ipv6CidrBlockAssociationSet.Ipv6CidrBlockState.State")
      .path("ipv6-native", "Ipv6Native")
      .path("map-customer-owned-ip-on-launch", "MapCustomerOwnedIpOnLaunch")
      .path("outpost-arn", "OutpostArn")
      .path("private-dns-name-options-on-launch.hostname-type", "PrivateDnsNameOptionsOnLaunch.HostnameType")
      .path("private-dns-name-options-on-launch.enable-resource-name-dns-a-record", "PrivateDnsNameOptionsOnLaunch.EnableResourceNameDnsARecord")
      .path("private-dns-name-options-on-launch.enable-resource-name-dns-aaaa-record", "PrivateDnsNameOptionsOnLaunch.EnableResourceNameDnsAAAARecord")
      .path("subnet-arn", "SubnetArn");

  private final Ec2Store store;

  public SubnetOperations(Ec2Store store) { this.store = store; }

  public CreateSubnetResponse createSubnet(RequestContext ctx, CreateSubnetRequest req) {
    String scope = ctx.regionalScope();
    String text = Ec2Store.param(req.cidrBlock(), "cidrBlock");
    Cidr cidr = Cidr.tryParse(text).filter(Cidr::isIpv4).orElseThrow(() -> Ec2Errors.invalidCidr("cidrBlock", text));
    return store.write(ctx, tx -> {
      Vpc vpc = Ec2Store.require(tx, scope, IdKind.VPC, Ec2Tables.VPC, Ec2Store.param(req.vpcId(), "vpcId"));
      Ec2Errors.throwIf(SubnetRules.createSubnet(vpc, cidr, tx.listBy(Ec2Tables.SUBNET_BY_VPC, scope, vpc.id())));
      RegionCatalog.Zone zone = zone(ctx.region(), req.availabilityZone(), req.availabilityZoneId());
      List<Vpc.CidrAssociation> v6 = List.of();
      if (req.ipv6CidrBlock() != null) {
        Cidr block = Cidr.tryParse(req.ipv6CidrBlock()).filter(Cidr::ipv6)
            .orElseThrow(() -> Ec2Errors.invalidCidr("ipv6CidrBlock", req.ipv6CidrBlock()));
        Ec2Errors.throwIf(SubnetRules.ipv6Block(vpc, block));
        v6 = List.of(new Vpc.CidrAssociation(Ec2Id.next("subnet-cidr-assoc-"), block, "associated"));
      }
      Ec2Store.dryRun(req.dryRun());
      String id = IdKind.SUBNET.next();
      Subnet subnet = new Subnet(id, vpc.id(), cidr, v6, zone.name(), zone.id(), false, false, false);
      tx.put(Ec2Tables.SUBNET, scope, id, subnet);
      associateDefaultAcl(tx, scope, vpc, id);
      Tags.apply(tx, scope, id, "subnet", req.tagSpecifications());
      return CreateSubnetResponse.builder().subnet(VpcShapes.subnet(subnet, ctx.accountId(), ctx.region(),
          SubnetAddressing.availableCount(cidr, 0), Tags.of(tx, scope).apply(id), "available")).build();
    });
  }

  public DescribeSubnetsResponse describeSubnets(RequestContext ctx, DescribeSubnetsRequest req) {
    var cursor = Ec2Pagination.cursor(PagedOperation.DESCRIBE_SUBNETS, req.maxResults(), req.nextToken(), req.subnetIds());
    Ec2Store.dryRun(req.dryRun());
    String scope = ctx.regionalScope();
    ReadView view = store.read(ctx);
    Function<String, Map<String, String>> tags = Tags.of(view, scope);
    Map<String, Long> used = view.list(Ec2Tables.NETWORK_INTERFACE, scope).stream()
        .collect(Collectors.groupingBy(NetworkInterface::subnetId, Collectors.counting()));
    List<Subnet> subnets = Ec2Filters.apply(req.filters(),
        Ec2Store.describe(view, scope, IdKind.SUBNET, Ec2Tables.SUBNET, req.subnetIds(),
            req.filters(), "vpc-id", Ec2Tables.SUBNET_BY_VPC), FILTERS.forAccount(ctx.accountId())
            .withShape(s -> VpcShapes.subnet(s, ctx.accountId(), ctx.region(),
                SubnetAddressing.availableCount(s.cidr(), used.getOrDefault(s.id(), 0L).intValue()), tags.apply(s.id()),
                "available")), tags);
    var page = cursor.page(subnets, Subnet::id);
    return DescribeSubnetsResponse.builder().subnets(page.items().stream().map(s -> VpcShapes.subnet(s,
        ctx.accountId(), ctx.region(), SubnetAddressing.availableCount(s.cidr(), used.getOrDefault(s.id(), 0L).intValue()),
        tags.apply(s.id()), "available")).toList()).nextToken(page.nextTokenOrNull()).build();
  }

  public DeleteSubnetResponse deleteSubnet(RequestContext ctx, DeleteSubnetRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      Subnet subnet = Ec2Store.require(tx, scope, IdKind.SUBNET, Ec2Tables.SUBNET, req.subnetId());
      Ec2Errors.throwIf(SubnetRules.deleteSubnet(subnet,
          tx.listBy(Ec2Tables.NETWORK_INTERFACE_BY_SUBNET, scope, subnet.id())));
      Ec2Store.dryRun(req.dryRun());
      tx.delete(Ec2Tables.SUBNET, scope, subnet.id());
      Tags.drop(tx, scope, subnet.id());
      // a subnet is associated only with tables and ACLs of its own VPC
      for (var t : tx.listBy(Ec2Tables.ROUTE_TABLE_BY_VPC, scope, subnet.vpcId())) {
        if (t.associations().stream().anyMatch(a -> subnet.id().equals(a.subnetId()))) {
          tx.put(Ec2Tables.ROUTE_TABLE, scope, t.id(), t.withAssociations(t.associations().stream()
              .filter(a -> !subnet.id().equals(a.subnetId())).toList()));
        }
      }
      for (NetworkAcl acl : tx.listBy(Ec2Tables.NETWORK_ACL_BY_VPC, scope, subnet.vpcId())) {
        if (acl.associations().stream().anyMatch(a -> a.subnetId().equals(subnet.id()))) {
          tx.put(Ec2Tables.NETWORK_ACL, scope, acl.id(), acl.withAssociations(acl.associations().stream()
              .filter(a -> !a.subnetId().equals(subnet.id())).toList()));
        }
      }
      return DeleteSubnetResponse.builder().build();
    });
  }

  public ModifySubnetAttributeResponse modifySubnetAttribute(RequestContext ctx, ModifySubnetAttributeRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      Subnet s = Ec2Store.require(tx, scope, IdKind.SUBNET, Ec2Tables.SUBNET, req.subnetId());
      boolean mapPublic = req.mapPublicIpOnLaunch() != null && req.mapPublicIpOnLaunch().value() != null
          ? req.mapPublicIpOnLaunch().value() : s.mapPublicIpOnLaunch();
      boolean assignV6 = req.assignIpv6AddressOnCreation() != null && req.assignIpv6AddressOnCreation().value() != null
          ? req.assignIpv6AddressOnCreation().value() : s.assignIpv6AddressOnCreation();
      tx.put(Ec2Tables.SUBNET, scope, s.id(), s.withAttributes(mapPublic, assignV6));
      return ModifySubnetAttributeResponse.builder().build();
    });
  }

  public AssociateSubnetCidrBlockResponse associateSubnetCidrBlock(RequestContext ctx,
      AssociateSubnetCidrBlockRequest req) {
    String scope = ctx.regionalScope();
    String text = Ec2Store.param(req.ipv6CidrBlock(), "ipv6CidrBlock");
    Cidr block = Cidr.tryParse(text).filter(Cidr::ipv6).orElseThrow(() -> Ec2Errors.invalidCidr("ipv6CidrBlock", text));
    return store.write(ctx, tx -> {
      Subnet s = Ec2Store.require(tx, scope, IdKind.SUBNET, Ec2Tables.SUBNET, req.subnetId());
      Vpc vpc = tx.get(Ec2Tables.VPC, scope, s.vpcId()).orElseThrow();
      // vpc.md §4: subnet IPv6 blocks are fixed /64s inside one of the VPC's /56s.
      Ec2Errors.throwIf(SubnetRules.associateIpv6Block(vpc, block, tx.list(Ec2Tables.SUBNET, scope)));
      var assoc = new Vpc.CidrAssociation(Ec2Id.next("subnet-cidr-assoc-"), block, "associated");
      List<Vpc.CidrAssociation> blocks = new ArrayList<>(s.ipv6CidrBlocks());
      blocks.add(assoc);
      tx.put(Ec2Tables.SUBNET, scope, s.id(), s.withIpv6CidrBlocks(blocks));
      return AssociateSubnetCidrBlockResponse.builder().subnetId(s.id()).ipv6CidrBlockAssociation(
          SubnetIpv6CidrBlockAssociation.builder().associationId(assoc.associationId()).ipv6CidrBlock(block.toString())
              .ipv6CidrBlockState(SubnetCidrBlockState.builder().state("associating").build()).build()).build();
    });
  }

  public DisassociateSubnetCidrBlockResponse disassociateSubnetCidrBlock(RequestContext ctx,
      DisassociateSubnetCidrBlockRequest req) {
    String scope = ctx.regionalScope();
    String assocId = Ec2Store.param(req.associationId(), "associationId");
    return store.write(ctx, tx -> {
      Subnet s = tx.list(Ec2Tables.SUBNET, scope).stream()
          .filter(x -> x.ipv6CidrBlocks().stream().anyMatch(b -> b.associationId().equals(assocId))).findFirst()
          .orElseThrow(() -> Ec2Errors.notFound("InvalidSubnetCidrBlockAssociationID.NotFound",
              "subnet CIDR block association", assocId));
      var gone = s.ipv6CidrBlocks().stream().filter(b -> b.associationId().equals(assocId)).findFirst().orElseThrow();
      tx.put(Ec2Tables.SUBNET, scope, s.id(), s.withIpv6CidrBlocks(s.ipv6CidrBlocks().stream().filter(b -> b != gone).toList()));
      return DisassociateSubnetCidrBlockResponse.builder().subnetId(s.id()).ipv6CidrBlockAssociation(
          SubnetIpv6CidrBlockAssociation.builder().associationId(assocId).ipv6CidrBlock(gone.cidr().toString())
              .ipv6CidrBlockState(SubnetCidrBlockState.builder().state("disassociating").build()).build()).build();
    });
  }

  /** Every subnet starts associated with its VPC's default network ACL (vpc.md §20). */
  static void associateDefaultAcl(Transaction tx, String scope, Vpc vpc, String subnetId) {
    NetworkAcl acl = tx.get(Ec2Tables.NETWORK_ACL, scope, vpc.defaultNetworkAclId()).orElseThrow();
    List<NetworkAcl.Association> assocs = new ArrayList<>(acl.associations());
    assocs.add(new NetworkAcl.Association(Ec2Id.next("aclassoc-"), subnetId));
    tx.put(Ec2Tables.NETWORK_ACL, scope, acl.id(), acl.withAssociations(assocs));
  }

  private static RegionCatalog.Zone zone(String region, String name, String id) {
    List<RegionCatalog.Zone> zones = RegionCatalog.zones(region);
    if (name == null && id == null) return zones.get(0);
    return zones.stream().filter(z -> z.name().equals(name) || z.id().equals(id)).findFirst()
        .orElseThrow(() -> Ec2Errors.invalidParameterValue("Value (" + (name != null ? name : id)
            + ") for parameter availabilityZone is invalid. Subnets can currently only be created in the following"
            + " availability zones: " + zones.stream().map(RegionCatalog.Zone::name).collect(Collectors.joining(", "))
            + "."));
  }
}
