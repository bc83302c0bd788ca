package dev.stratus.ec2.security;

import dev.stratus.core.RequestContext;
import dev.stratus.ec2.Ec2Errors;
import dev.stratus.ec2.Ec2Filters;
import dev.stratus.ec2.Ec2Pagination;
import dev.stratus.ec2.Ec2Store;
import dev.stratus.ec2.Ec2Tables;
import dev.stratus.ec2.IdKind;
import dev.stratus.ec2.PagedOperation;
import dev.stratus.ec2.model.SecurityGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.*;

/**
 * EC2 API group "Security groups", rule half: rules by their {@code sgr-…} ids (describe, modify)
 * and rule descriptions. A modified rule keeps its id and direction; duplicates are refused as in
 * Authorize (vpc.md §17).
 */
public final class SecurityGroupRuleOperations {
  private final Ec2Store store;

  public SecurityGroupRuleOperations(Ec2Store store) { this.store = store; }

  public DescribeSecurityGroupRulesResponse describeSecurityGroupRules(RequestContext ctx,
      DescribeSecurityGroupRulesRequest req) {
    var cursor = Ec2Pagination.cursor(PagedOperation.DESCRIBE_SECURITY_GROUP_RULES, req.maxResults(), req.nextToken(),
        req.securityGroupRuleIds());
    Ec2Store.dryRun(req.dryRun());
    String scope = ctx.regionalScope();
    record Pair(SecurityGroup group, SecurityGroup.Rule rule) {}
    List<Pair> all = store.read(ctx).list(Ec2Tables.SECURITY_GROUP, scope).stream()
        .flatMap(g -> g.rules().stream().map(r -> new Pair(g, r)))
        .filter(p -> req.securityGroupRuleIds().isEmpty() || req.securityGroupRuleIds().contains(p.rule().id())).toList();
    var spec = Ec2Filters.Spec.<Pair>of(p -> p.rule().id())
        .one("group-id", p -> p.group().id()).one("security-group-rule-id", p -> p.rule().id());
    var page = cursor.page(Ec2Filters.apply(req.filters(), all, spec, id -> Map.of()), p -> p.rule().id());
    return DescribeSecurityGroupRulesResponse.builder().securityGroupRules(page.items().stream()
        .map(p -> SecurityShapes.rule(p.group(), p.rule(), ctx.accountId(), ctx.region())).toList())
        .nextToken(page.nextTokenOrNull()).build();
  }

  public ModifySecurityGroupRulesResponse modifySecurityGroupRules(RequestContext ctx,
      ModifySecurityGroupRulesRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      SecurityGroup g = Ec2Store.require(tx, scope, IdKind.SECURITY_GROUP, Ec2Tables.SECURITY_GROUP, req.groupId());
      List<SecurityGroup.Rule> rules = new ArrayList<>(g.rules());
      for (SecurityGroupRuleUpdate u : req.securityGroupRules()) {
        int at = indexOf(rules, u.securityGroupRuleId());
        SecurityGroup.Rule old = rules.get(at);
        SecurityGroupRuleRequest r = u.securityGroupRule();
        var perm = IpPermission.builder().ipProtocol(r.ipProtocol()).fromPort(r.fromPort()).toPort(r.toPort());
        if (r.cidrIpv4() != null) perm.ipRanges(IpRange.builder().cidrIp(r.cidrIpv4()).build());
        if (r.cidrIpv6() != null) perm.ipv6Ranges(Ipv6Range.builder().cidrIpv6(r.cidrIpv6()).build());
        if (r.prefixListId() != null) perm.prefixListIds(PrefixListId.builder().prefixListId(r.prefixListId()).build());
        if (r.referencedGroupId() != null) {
          perm.userIdGroupPairs(UserIdGroupPair.builder().groupId(r.referencedGroupId()).build());
        }
        List<SecurityGroup.Rule> fresh = SecurityGroupPermissions.expand(tx, scope, ctx.accountId(), g.vpcId(),
            old.egress(), List.of(perm.build()));
        Ec2Errors.throwIf(SecurityGroupRules.onePeer(fresh));
        var n = fresh.get(0);
        var replaced = new SecurityGroup.Rule(old.id(), old.egress(), n.protocol(), n.fromPort(), n.toPort(), n.peer(),
            r.description());
        rules.remove(at);
        Ec2Errors.throwIf(SecurityGroupRules.modify(rules, replaced, String.valueOf(r.cidrIpv4())));
        rules.add(at, replaced);
      }
      Ec2Store.dryRun(req.dryRun());
      tx.put(Ec2Tables.SECURITY_GROUP, scope, g.id(), g.withRules(rules));
      return ModifySecurityGroupRulesResponse.builder().returnValue(true).build();
    });
  }

  public UpdateSecurityGroupRuleDescriptionsIngressResponse updateSecurityGroupRuleDescriptionsIngress(
      RequestContext ctx, UpdateSecurityGroupRuleDescriptionsIngressRequest req) {
    describe(ctx, req.groupId(), req.groupName(), false, req.ipPermissions(), req.securityGroupRuleDescriptions());
    return UpdateSecurityGroupRuleDescriptionsIngressResponse.builder().returnValue(true).build();
  }

  public UpdateSecurityGroupRuleDescriptionsEgressResponse updateSecurityGroupRuleDescriptionsEgress(
      RequestContext ctx, UpdateSecurityGroupRuleDescriptionsEgressRequest req) {
    describe(ctx, req.groupId(), req.groupName(), true, req.ipPermissions(), req.securityGroupRuleDescriptions());
    return UpdateSecurityGroupRuleDescriptionsEgressResponse.builder().returnValue(true).build();
  }

  /** Sets descriptions by permission (the description inside each peer) or by rule id. */
  private void describe(RequestContext ctx, String groupId, String groupName, boolean egress, List<IpPermission> perms,
      List<SecurityGroupRuleDescription> byId) {
    String scope = ctx.regionalScope();
    store.write(ctx, tx -> {
      SecurityGroup g = SecurityGroupOperations.find(tx, scope, groupId, groupName);
      List<SecurityGroup.Rule> rules = new ArrayList<>(g.rules());
      for (SecurityGroup.Rule wanted : SecurityGroupPermissions.expand(tx, scope, ctx.accountId(), g.vpcId(), egress,
          perms)) {
        int at = -1;
        for (int k = 0; k < rules.size(); k++) if (rules.get(k).samePermission(wanted)) at = k;
        if (at < 0) throw Ec2Errors.permissionNotFound();
        rules.set(at, withDescription(rules.get(at), wanted.description()));
      }
      for (SecurityGroupRuleDescription d : byId) {
        int at = indexOf(rules, d.securityGroupRuleId());
        rules.set(at, withDescription(rules.get(at), d.description()));
      }
      tx.put(Ec2Tables.SECURITY_GROUP, scope, g.id(), g.withRules(rules));
      return null;
    });
  }

  private static SecurityGroup.Rule withDescription(SecurityGroup.Rule r, String description) {
    return new SecurityGroup.Rule(r.id(), r.egress(), r.protocol(), r.fromPort(), r.toPort(), r.peer(), description);
  }

  private static int indexOf(List<SecurityGroup.Rule> rules, String ruleId) {
    for (int k = 0; k < rules.size(); k++) if (rules.get(k).id().equals(ruleId)) return k;
    throw new dev.stratus.core.AwsException("InvalidSecurityGroupRuleId.NotFound", 400,
        "The security group rule ID '" + ruleId + "' does not exist");
  }
}
