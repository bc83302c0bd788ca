package dev.stratus.ec2.security;

import dev.stratus.core.RequestContext;
import dev.stratus.core.net.Cidr;
import dev.stratus.core.net.PortRange;
import dev.stratus.core.store.ReadView;
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
import dev.stratus.ec2.model.Vpc;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.*;

/** EC2 API group "Network ACLs" (vpc.md §19–22). */
public final class NetworkAclOperations {
  static final Ec2Filters.Spec<NetworkAcl> FILTERS = Ec2Filters.Spec.<NetworkAcl>of(NetworkAcl::id)
      .one("network-acl-id", NetworkAcl::id)
      .one("vpc-id", NetworkAcl::vpcId)
      .one("default", NetworkAcl::isDefault)
      .many("association.subnet-id", a -> a.associations().stream().map(NetworkAcl.Association::subnetId).toList())
      .many("association.association-id", a -> a.associations().stream().map(NetworkAcl.Association::id).toList())
      .many("association.network-acl-id", a -> List.of(a.id()))
      .many("entry.rule-number", a -> a.entries().stream().map(e -> "" + e.ruleNumber()).toList())
      .many("entry.cidr", a -> a.entries().stream().map(e -> e.cidr().toString()).toList())
      .many("entry.rule-action", a -> a.entries().stream().map(e -> e.ruleAction().wire()).toList())
      .path("entry.egress", "Entries.Egress")
      .path("entry.icmp.code", "Entries.IcmpTypeCode.Code")
      .path("entry.icmp.type", "Entries.IcmpTypeCode.Type")
      .path("entry.ipv6-cidr", "Entries.Ipv6CidrBlock")
      .path("entry.port-range.from", "Entries.PortRange.From")
      .path("entry.port-range.to", "Entries.PortRange.To")
      .path("entry.protocol", "Entries.Protocol");

  private final Ec2Store store;

  public NetworkAclOperations(Ec2Store store) { this.store = store; }

  public CreateNetworkAclResponse createNetworkAcl(RequestContext ctx, CreateNetworkAclRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      Vpc vpc = Ec2Store.require(tx, scope, IdKind.VPC, Ec2Tables.VPC, req.vpcId());
      Ec2Store.dryRun(req.dryRun());
      List<NetworkAcl.Entry> entries = new ArrayList<>();
      Cidr v4 = Cidr.parse("0.0.0.0/0"), v6 = Cidr.parse("::/0");
      for (boolean egress : new boolean[] {true, false}) {
        entries.add(NetworkAcl.Entry.implicitDeny(egress, v4));
        if (!vpc.ipv6CidrBlocks().isEmpty()) entries.add(NetworkAcl.Entry.implicitDeny(egress, v6));
      }
      NetworkAcl acl = new NetworkAcl(IdKind.NETWORK_ACL.next(), vpc.id(), false, entries, List.of());
      tx.put(Ec2Tables.NETWORK_ACL, scope, acl.id(), acl);
      Tags.apply(tx, scope, acl.id(), "network-acl", req.tagSpecifications());
      return CreateNetworkAclResponse.builder().clientToken(req.clientToken())
          .networkAcl(shape(acl, ctx.accountId(), Tags.of(tx, scope).apply(acl.id()))).build();
    });
  }

  public DescribeNetworkAclsResponse describeNetworkAcls(RequestContext ctx, DescribeNetworkAclsRequest req) {
    var cursor = Ec2Pagination.cursor(PagedOperation.DESCRIBE_NETWORK_ACLS, req.maxResults(), req.nextToken(),
        req.networkAclIds());
    Ec2Store.dryRun(req.dryRun());
    String scope = ctx.regionalScope();
    ReadView view = store.read(ctx);
    Function<String, Map<String, String>> tags = Tags.of(view, scope);
    List<NetworkAcl> acls = Ec2Filters.apply(req.filters(),
        Ec2Store.describe(view, scope, IdKind.NETWORK_ACL, Ec2Tables.NETWORK_ACL, req.networkAclIds()), FILTERS.forAccount(ctx.accountId())
            .withShape(a -> shape(a, ctx.accountId(), tags.apply(a.id()))), tags);
    var page = cursor.page(acls, NetworkAcl::id);
    return DescribeNetworkAclsResponse.builder().networkAcls(page.items().stream()
        .map(a -> shape(a, ctx.accountId(), tags.apply(a.id()))).toList()).nextToken(page.nextTokenOrNull()).build();
  }

  public DeleteNetworkAclResponse deleteNetworkAcl(RequestContext ctx, DeleteNetworkAclRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      NetworkAcl acl = Ec2Store.require(tx, scope, IdKind.NETWORK_ACL, Ec2Tables.NETWORK_ACL, req.networkAclId());
      Ec2Errors.throwIf(NetworkAclRules.deleteAcl(acl));
      Ec2Store.dryRun(req.dryRun());
      tx.delete(Ec2Tables.NETWORK_ACL, scope, acl.id());
      Tags.drop(tx, scope, acl.id());
      return DeleteNetworkAclResponse.builder().build();
    });
  }

  public CreateNetworkAclEntryResponse createNetworkAclEntry(RequestContext ctx, CreateNetworkAclEntryRequest req) {
    putEntry(ctx, req.networkAclId(), req.ruleNumber(), req.egress(), req.protocol(), req.ruleActionAsString(),
        req.cidrBlock(), req.ipv6CidrBlock(), req.portRange(), req.icmpTypeCode(), false, req.dryRun());
    return CreateNetworkAclEntryResponse.builder().build();
  }

  public ReplaceNetworkAclEntryResponse replaceNetworkAclEntry(RequestContext ctx, ReplaceNetworkAclEntryRequest req) {
    putEntry(ctx, req.networkAclId(), req.ruleNumber(), req.egress(), req.protocol(), req.ruleActionAsString(),
        req.cidrBlock(), req.ipv6CidrBlock(), req.portRange(), req.icmpTypeCode(), true, req.dryRun());
    return ReplaceNetworkAclEntryResponse.builder().build();
  }

  public DeleteNetworkAclEntryResponse deleteNetworkAclEntry(RequestContext ctx, DeleteNetworkAclEntryRequest req) {
    String scope = ctx.regionalScope();
    int number = ruleNumber(req.ruleNumber());
    boolean egress = Boolean.TRUE.equals(req.egress());
    return store.write(ctx, tx -> {
      NetworkAcl acl = Ec2Store.require(tx, scope, IdKind.NETWORK_ACL, Ec2Tables.NETWORK_ACL, req.networkAclId());
      Ec2Errors.throwIf(NetworkAclRules.deleteEntry(acl, number, egress));
      Ec2Store.dryRun(req.dryRun());
      tx.put(Ec2Tables.NETWORK_ACL, scope, acl.id(), acl.withEntries(acl.entries().stream()
          .filter(e -> !(e.ruleNumber() == number && e.egress() == egress)).toList()));
      return DeleteNetworkAclEntryResponse.builder().build();
    });
  }

  public ReplaceNetworkAclAssociationResponse replaceNetworkAclAssociation(RequestContext ctx,
      ReplaceNetworkAclAssociationRequest req) {
    String scope = ctx.regionalScope();
    String assocId = Ec2Store.param(req.associationId(), "associationId");
    return store.write(ctx, tx -> {
      NetworkAcl target = Ec2Store.require(tx, scope, IdKind.NETWORK_ACL, Ec2Tables.NETWORK_ACL, req.networkAclId());
      NetworkAcl from = tx.list(Ec2Tables.NETWORK_ACL, scope).stream()
          .filter(a -> a.associations().stream().anyMatch(x -> x.id().equals(assocId))).findFirst()
          .orElseThrow(() -> Ec2Errors.associationNotFound(assocId));
      Ec2Errors.throwIf(NetworkAclRules.replaceAssociation(from, target));
      String subnetId = from.associations().stream().filter(x -> x.id().equals(assocId)).findFirst().orElseThrow().subnetId();
      Ec2Store.dryRun(req.dryRun());
      tx.put(Ec2Tables.NETWORK_ACL, scope, from.id(), from.withAssociations(
          from.associations().stream().filter(x -> !x.id().equals(assocId)).toList()));
      NetworkAcl fresh = tx.get(Ec2Tables.NETWORK_ACL, scope, target.id()).orElseThrow();
      var assoc = new NetworkAcl.Association(Ec2Id.next("aclassoc-"), subnetId);
      List<NetworkAcl.Association> list = new ArrayList<>(fresh.associations());
      list.add(assoc);
      tx.put(Ec2Tables.NETWORK_ACL, scope, fresh.id(), fresh.withAssociations(list));
      return ReplaceNetworkAclAssociationResponse.builder().newAssociationId(assoc.id()).build();
    });
  }

  private void putEntry(RequestContext ctx, String aclId, Integer ruleNumber, Boolean egressParam, String protocolParam,
      String action, String cidrV4, String cidrV6, software.amazon.awssdk.services.ec2.model.PortRange ports,
      IcmpTypeCode icmp, boolean replace, Boolean dryRun) {
    String scope = ctx.regionalScope();
    int number = ruleNumber(ruleNumber);
    boolean egress = Boolean.TRUE.equals(egressParam);
    String protocol = protocol(Ec2Store.param(protocolParam, "protocol"));
    Ec2Errors.throwIf(NetworkAclRules.action(Ec2Store.param(action, "ruleAction")));
    NetworkAcl.RuleAction ruleAction = NetworkAcl.RuleAction.fromAws(action);
    Ec2Errors.throwIf(NetworkAclRules.oneCidr(cidrV4, cidrV6));
    String text = cidrV4 != null ? cidrV4 : cidrV6;
    Cidr cidr = Cidr.tryParse(text).filter(c -> c.ipv6() == (cidrV6 != null))
        .orElseThrow(() -> Ec2Errors.invalidCidr(cidrV4 != null ? "cidrBlock" : "ipv6CidrBlock", text));
    PortRange range = null;
    Ec2Errors.throwIf(NetworkAclRules.ports(protocol, ports == null ? null : ports.from(), ports == null ? null : ports.to()));
    if (protocol.equals("6") || protocol.equals("17")) range = PortRange.of(ports.from(), ports.to());
    int icmpType = icmp != null && icmp.type() != null ? icmp.type() : -1;
    int icmpCode = icmp != null && icmp.code() != null ? icmp.code() : -1;
    var entry = new NetworkAcl.Entry(number, egress, protocol, ruleAction, cidr, range, icmpType, icmpCode);
    store.write(ctx, tx -> {
      NetworkAcl acl = Ec2Store.require(tx, scope, IdKind.NETWORK_ACL, Ec2Tables.NETWORK_ACL, aclId);
      Ec2Errors.throwIf(NetworkAclRules.putEntry(acl, number, egress, cidr.ipv6(), replace));
      Ec2Store.dryRun(dryRun);
      List<NetworkAcl.Entry> entries = new ArrayList<>(acl.entries().stream()
          .filter(e -> !(e.ruleNumber() == number && e.egress() == egress)).toList());
      entries.add(entry);
      entries.sort(Comparator.comparing(NetworkAcl.Entry::egress).thenComparingInt(NetworkAcl.Entry::ruleNumber));
      tx.put(Ec2Tables.NETWORK_ACL, scope, acl.id(), acl.withEntries(entries));
      return null;
    });
  }

  private static int ruleNumber(Integer n) {
    Ec2Errors.throwIf(NetworkAclRules.ruleNumber(n));
    return n;
  }

  /** NACL protocols are IANA numbers as text; AWS also accepts the common names. */
  private static String protocol(String raw) {
    return switch (raw.toLowerCase()) {
      case "-1", "all" -> "-1";
      case "tcp" -> "6";
      case "udp" -> "17";
      case "icmp" -> "1";
      case "icmpv6" -> "58";
      default -> {
        if (raw.matches("\\d{1,3}") && Integer.parseInt(raw) <= 255) yield raw;
        throw Ec2Errors.invalidParameterValue("Invalid value '" + raw + "' for protocol.");
      }
    };
  }

  static software.amazon.awssdk.services.ec2.model.NetworkAcl shape(NetworkAcl a, String account,
      Map<String, String> tags) {
    return software.amazon.awssdk.services.ec2.model.NetworkAcl.builder()
        .networkAclId(a.id()).vpcId(a.vpcId()).isDefault(a.isDefault()).ownerId(account)
        .entries(a.entries().stream().map(e -> {
          var b = NetworkAclEntry.builder().ruleNumber(e.ruleNumber()).protocol(e.protocol())
              .ruleAction(e.ruleAction().wire()).egress(e.egress());
          if (e.cidr().ipv6()) b.ipv6CidrBlock(e.cidr().toString()); else b.cidrBlock(e.cidr().toString());
          if (e.portRange() != null) {
            b.portRange(software.amazon.awssdk.services.ec2.model.PortRange.builder()
                .from(e.portRange().from()).to(e.portRange().to()).build());
          }
          if (e.protocol().equals("1") || e.protocol().equals("58")) {
            b.icmpTypeCode(IcmpTypeCode.builder().type(e.icmpType()).code(e.icmpCode()).build());
          }
          return b.build();
        }).toList())
        .associations(a.associations().stream().map(x -> NetworkAclAssociation.builder()
            .networkAclAssociationId(x.id()).networkAclId(a.id()).subnetId(x.subnetId()).build()).toList())
        .tags(Tags.sdk(tags)).build();
  }
}
