package dev.stratus.ec2.security;

import dev.stratus.core.RequestContext;
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
import dev.stratus.ec2.model.RegionDefaults;
import dev.stratus.ec2.model.SecurityGroup;
import dev.stratus.ec2.model.Vpc;
import dev.stratus.ec2.vpc.VpcFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.*;

/** EC2 API group "Security groups" (vpc.md §13–18). */
public final class SecurityGroupOperations {
  static final Ec2Filters.Spec<SecurityGroup> FILTERS = Ec2Filters.Spec.<SecurityGroup>of(SecurityGroup::id)
      .one("group-id", SecurityGroup::id)
      .one("group-name", SecurityGroup::name)
      .one("description", SecurityGroup::description)
      .one("vpc-id", SecurityGroup::vpcId)
      .many("ip-permission.protocol", g -> g.rules().stream().filter(r -> !r.egress()).map(SecurityGroup.Rule::protocol).toList())
      .many("ip-permission.from-port", g -> g.rules().stream().filter(r -> !r.egress()).map(r -> "" + r.fromPort()).toList())
      .many("ip-permission.to-port", g -> g.rules().stream().filter(r -> !r.egress()).map(r -> "" + r.toPort()).toList())
      .many("ip-permission.cidr", g -> cidrs(g, false))
      .many("egress.ip-permission.cidr", g -> cidrs(g, true))
      .many("ip-permission.group-id", g -> g.rules().stream().filter(r -> !r.egress())
          .filter(r -> r.peer() instanceof SecurityGroup.GroupPeer)
          .map(r -> ((SecurityGroup.GroupPeer) r.peer()).groupId()).toList())
      .path("ip-permission.ipv6-cidr", "IpPermissions.Ipv6Ranges.CidrIpv6")
      .path("ip-permission.prefix-list-id", "IpPermissions.PrefixListIds.PrefixListId")
      .path("ip-permission.user-id", "IpPermissions.UserIdGroupPairs.UserId")
      .path("egress.ip-permission.protocol", "IpPermissionsEgress.IpProtocol")
      .path("egress.ip-permission.from-port", "IpPermissionsEgress.FromPort")
      .path("egress.ip-permission.to-port", "IpPermissionsEgress.ToPort")
      .path("egress.ip-permission.ipv6-cidr", "IpPermissionsEgress.Ipv6Ranges.CidrIpv6")
      .path("egress.ip-permission.prefix-list-id", "IpPermissionsEgress.PrefixListIds.PrefixListId")
      .path("egress.ip-permission.group-id", "IpPermissionsEgress.UserIdGroupPairs.GroupId")
      .path("egress.ip-permission.user-id", "IpPermissionsEgress.UserIdGroupPairs.UserId");

  private final Ec2Store store;

  public SecurityGroupOperations(Ec2Store store) { this.store = store; }

  /** The names of the groups {@code g}'s inbound (or outbound) rules reference, for the group-name filters. */
  private static List<String> referencedNames(ReadView view, String scope, SecurityGroup g, boolean egress) {
    return g.rules().stream().filter(r -> r.egress() == egress && r.peer() instanceof SecurityGroup.GroupPeer)
        .map(r -> view.get(Ec2Tables.SECURITY_GROUP, scope, ((SecurityGroup.GroupPeer) r.peer()).groupId()))
        .flatMap(java.util.Optional::stream).map(SecurityGroup::name).toList();
  }

  public CreateSecurityGroupResponse createSecurityGroup(RequestContext ctx, CreateSecurityGroupRequest req) {
    String scope = ctx.regionalScope();
    String name = Ec2Store.param(req.groupName(), "GroupName").stripTrailing();
    String description = Ec2Store.param(req.description(), "GroupDescription");
    Ec2Errors.throwIf(SecurityGroupRules.groupName(name));
    return store.write(ctx, tx -> {
      Vpc vpc = vpcOrDefault(tx, scope, req.vpcId());
      Ec2Errors.throwIf(SecurityGroupRules.createGroup(name, vpc.id(),
          tx.listBy(Ec2Tables.SECURITY_GROUP_BY_VPC, scope, vpc.id())));
      Ec2Store.dryRun(req.dryRun());
      List<SecurityGroup.Rule> rules = new ArrayList<>();
      rules.add(VpcFactory.allOutbound(dev.stratus.core.net.Cidr.parse("0.0.0.0/0")));
      if (!vpc.ipv6CidrBlocks().isEmpty()) rules.add(VpcFactory.allOutbound(dev.stratus.core.net.Cidr.parse("::/0")));
      SecurityGroup g = new SecurityGroup(IdKind.SECURITY_GROUP.next(), name, description, vpc.id(), rules);
      tx.put(Ec2Tables.SECURITY_GROUP, scope, g.id(), g);
      Tags.apply(tx, scope, g.id(), "security-group", req.tagSpecifications());
      return CreateSecurityGroupResponse.builder().groupId(g.id())
          .securityGroupArn("arn:aws:ec2:" + ctx.region() + ":" + ctx.accountId() + ":security-group/" + g.id())
          .tags(Tags.sdkOrNone(Tags.of(tx, scope).apply(g.id()))).build();
    });
  }

  public DescribeSecurityGroupsResponse describeSecurityGroups(RequestContext ctx, DescribeSecurityGroupsRequest req) {
    var cursor = Ec2Pagination.cursor(PagedOperation.DESCRIBE_SECURITY_GROUPS, req.maxResults(), req.nextToken(),
        req.groupIds());
    Ec2Store.dryRun(req.dryRun());
    String scope = ctx.regionalScope();
    ReadView view = store.read(ctx);
    Function<String, Map<String, String>> tags = Tags.of(view, scope);
    List<SecurityGroup> groups = Ec2Store.describe(view, scope, IdKind.SECURITY_GROUP, Ec2Tables.SECURITY_GROUP,
        req.groupIds(), req.filters(), "vpc-id", Ec2Tables.SECURITY_GROUP_BY_VPC);
    if (!req.groupNames().isEmpty()) {
      String defaultVpc = defaults(view, scope).defaultVpcId();
      groups = req.groupNames().stream()
          .map(n -> SecurityGroupPermissions.byName(view, scope, String.valueOf(defaultVpc), n)).toList();
    }
    var spec = FILTERS.forAccount(ctx.accountId())
        .withShape(g -> SecurityShapes.group(g, ctx.accountId(), ctx.region(), tags.apply(g.id())))
        .plus("ip-permission.group-name", g -> referencedNames(view, scope, g, false))
        .plus("egress.ip-permission.group-name", g -> referencedNames(view, scope, g, true));
    var page = cursor.page(Ec2Filters.apply(req.filters(), groups, spec, tags), SecurityGroup::id);
    return DescribeSecurityGroupsResponse.builder().securityGroups(page.items().stream()
        .map(g -> SecurityShapes.group(g, ctx.accountId(), ctx.region(), tags.apply(g.id()))).toList())
        .nextToken(page.nextTokenOrNull()).build();
  }

  /** Filters of GetSecurityGroupsForVpc (API_GetSecurityGroupsForVpc). */
  private static final Ec2Filters.Spec<SecurityGroup> FOR_VPC_FILTERS = Ec2Filters.Spec.<SecurityGroup>of(SecurityGroup::id)
      .one("group-id", SecurityGroup::id)
      .one("group-name", SecurityGroup::name)
      .one("description", SecurityGroup::description)
      .one("primary-vpc-id", SecurityGroup::vpcId);

  /**
   * The groups an interface in the VPC may use: Stratus has no security group VPC associations
   * (AssociateSecurityGroupVpc), so these are the VPC's own groups, each with the VPC as primary.
   */
  public GetSecurityGroupsForVpcResponse getSecurityGroupsForVpc(RequestContext ctx, GetSecurityGroupsForVpcRequest req) {
    var cursor = Ec2Pagination.cursor(PagedOperation.GET_SECURITY_GROUPS_FOR_VPC, req.maxResults(), req.nextToken());
    String scope = ctx.regionalScope();
    ReadView view = store.read(ctx);
    String vpcId = Ec2Store.param(req.vpcId(), "VpcId");
    Ec2Store.require(view, scope, IdKind.VPC, Ec2Tables.VPC, vpcId);
    Ec2Store.dryRun(req.dryRun());
    Function<String, Map<String, String>> tags = Tags.of(view, scope);
    List<SecurityGroup> groups = view.listBy(Ec2Tables.SECURITY_GROUP_BY_VPC, scope, vpcId); // in id order
    var spec = FOR_VPC_FILTERS.forAccount(ctx.accountId());
    var page = cursor.page(Ec2Filters.apply(req.filters(), groups, spec, tags), SecurityGroup::id);
    return GetSecurityGroupsForVpcResponse.builder().securityGroupForVpcs(page.items().stream()
        .map(g -> SecurityGroupForVpc.builder().groupId(g.id()).groupName(g.name()).description(g.description())
            .ownerId(ctx.accountId()).primaryVpcId(g.vpcId()).tags(Tags.sdk(tags.apply(g.id()))).build()).toList())
        .nextToken(page.nextTokenOrNull()).build();
  }

  public DeleteSecurityGroupResponse deleteSecurityGroup(RequestContext ctx, DeleteSecurityGroupRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      SecurityGroup g = find(tx, scope, req.groupId(), req.groupName());
      Ec2Errors.throwIf(SecurityGroupRules.deleteGroup(g, tx.list(Ec2Tables.NETWORK_INTERFACE, scope),
          tx.list(Ec2Tables.SECURITY_GROUP, scope)));
      Ec2Store.dryRun(req.dryRun());
      tx.delete(Ec2Tables.SECURITY_GROUP, scope, g.id());
      Tags.drop(tx, scope, g.id());
      return DeleteSecurityGroupResponse.builder().returnValue(true).groupId(g.id()).build();
    });
  }

  public AuthorizeSecurityGroupIngressResponse authorizeSecurityGroupIngress(RequestContext ctx,
      AuthorizeSecurityGroupIngressRequest req) {
    List<IpPermission> perms = req.ipPermissions().isEmpty() && req.ipProtocol() != null
        ? List.of(legacy(req.ipProtocol(), req.fromPort(), req.toPort(), req.cidrIp(), req.sourceSecurityGroupName()))
        : req.ipPermissions();
    var added = authorize(ctx, req.groupId(), req.groupName(), false, perms, req.dryRun());
    return AuthorizeSecurityGroupIngressResponse.builder().returnValue(true).securityGroupRules(added).build();
  }

  public AuthorizeSecurityGroupEgressResponse authorizeSecurityGroupEgress(RequestContext ctx,
      AuthorizeSecurityGroupEgressRequest req) {
    var added = authorize(ctx, req.groupId(), null, true, req.ipPermissions(), req.dryRun());
    return AuthorizeSecurityGroupEgressResponse.builder().returnValue(true).securityGroupRules(added).build();
  }

  public RevokeSecurityGroupIngressResponse revokeSecurityGroupIngress(RequestContext ctx,
      RevokeSecurityGroupIngressRequest req) {
    List<IpPermission> perms = req.ipPermissions().isEmpty() && req.ipProtocol() != null
        ? List.of(legacy(req.ipProtocol(), req.fromPort(), req.toPort(), req.cidrIp(), req.sourceSecurityGroupName()))
        : req.ipPermissions();
    revoke(ctx, req.groupId(), req.groupName(), false, perms, req.securityGroupRuleIds(), req.dryRun());
    return RevokeSecurityGroupIngressResponse.builder().returnValue(true).build();
  }

  public RevokeSecurityGroupEgressResponse revokeSecurityGroupEgress(RequestContext ctx,
      RevokeSecurityGroupEgressRequest req) {
    revoke(ctx, req.groupId(), null, true, req.ipPermissions(), req.securityGroupRuleIds(), req.dryRun());
    return RevokeSecurityGroupEgressResponse.builder().returnValue(true).build();
  }

  private List<SecurityGroupRule> authorize(RequestContext ctx, String groupId, String groupName, boolean egress,
      List<IpPermission> perms, Boolean dryRun) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      SecurityGroup g = find(tx, scope, groupId, groupName);
      List<SecurityGroup.Rule> fresh = SecurityGroupPermissions.expand(tx, scope, ctx.accountId(), g.vpcId(), egress, perms);
      Ec2Errors.throwIf(SecurityGroupRules.authorize(g, egress, fresh));
      Ec2Store.dryRun(dryRun);
      List<SecurityGroup.Rule> rules = new ArrayList<>(g.rules());
      rules.addAll(fresh);
      tx.put(Ec2Tables.SECURITY_GROUP, scope, g.id(), g.withRules(rules));
      return fresh.stream().map(r -> SecurityShapes.rule(g, r, ctx.accountId(), ctx.region())).toList();
    });
  }

  private void revoke(RequestContext ctx, String groupId, String groupName, boolean egress, List<IpPermission> perms,
      List<String> ruleIds, Boolean dryRun) {
    String scope = ctx.regionalScope();
    store.write(ctx, tx -> {
      SecurityGroup g = find(tx, scope, groupId, groupName);
      List<SecurityGroup.Rule> gone = SecurityGroupPermissions.expand(tx, scope, ctx.accountId(), g.vpcId(), egress, perms);
      Ec2Errors.throwIf(SecurityGroupRules.revoke(g, egress, ruleIds, gone));
      Ec2Store.dryRun(dryRun);
      List<SecurityGroup.Rule> rules = new ArrayList<>(g.rules());
      for (String id : ruleIds) rules.removeIf(r -> r.id().equals(id) && r.egress() == egress);
      for (SecurityGroup.Rule r : gone) rules.removeIf(r::samePermission);
      tx.put(Ec2Tables.SECURITY_GROUP, scope, g.id(), g.withRules(rules));
      return null;
    });
  }

  static SecurityGroup find(ReadView view, String scope, String groupId, String groupName) {
    if (groupId != null) return Ec2Store.require(view, scope, IdKind.SECURITY_GROUP, Ec2Tables.SECURITY_GROUP, groupId);
    if (groupName == null) throw Ec2Errors.missing("GroupId");
    return SecurityGroupPermissions.byName(view, scope, String.valueOf(defaults(view, scope).defaultVpcId()), groupName);
  }

  static Vpc vpcOrDefault(Transaction tx, String scope, String vpcId) {
    if (vpcId != null) return Ec2Store.require(tx, scope, IdKind.VPC, Ec2Tables.VPC, vpcId);
    String def = defaults(tx, scope).defaultVpcId();
    if (def == null) throw Ec2Errors.noDefaultVpc();
    return tx.get(Ec2Tables.VPC, scope, def).orElseThrow(Ec2Errors::noDefaultVpc);
  }

  private static RegionDefaults defaults(ReadView view, String scope) {
    return view.get(Ec2Tables.DEFAULTS, scope, Ec2Tables.DEFAULTS_ID).orElseThrow();
  }

  private static IpPermission legacy(String protocol, Integer from, Integer to, String cidr, String sourceGroup) {
    var b = IpPermission.builder().ipProtocol(protocol).fromPort(from).toPort(to);
    if (cidr != null) b.ipRanges(IpRange.builder().cidrIp(cidr).build());
    if (sourceGroup != null) b.userIdGroupPairs(UserIdGroupPair.builder().groupName(sourceGroup).build());
    return b.build();
  }

  private static List<String> cidrs(SecurityGroup g, boolean egress) {
    return g.rules().stream().filter(r -> r.egress() == egress).filter(r -> r.peer() instanceof SecurityGroup.CidrPeer)
        .map(r -> ((SecurityGroup.CidrPeer) r.peer()).cidr().toString()).toList();
  }
}
