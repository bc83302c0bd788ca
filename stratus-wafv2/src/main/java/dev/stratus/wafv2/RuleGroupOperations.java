package dev.stratus.wafv2;

import dev.stratus.core.RequestContext;
import dev.stratus.core.store.ReadView;
import dev.stratus.core.store.Store;
import dev.stratus.wafv2.Resources.Kind;
import dev.stratus.wafv2.model.WafEntity;
import dev.stratus.wafv2.model.WafScope;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.wafv2.model.*;

/** Your own rule groups: a fixed capacity set at creation that their rules must fit in. */
public final class RuleGroupOperations {
  private final Store store;
  private final Resources resources;

  public RuleGroupOperations(Store store) {
    this.store = store;
    this.resources = new Resources(store);
  }

  public CreateRuleGroupResponse createRuleGroup(RequestContext ctx, CreateRuleGroupRequest req) {
    WafScope scope = Resources.scope(ctx, req.scopeAsString());
    String storeScope = Resources.storeScope(ctx, scope);
    if (req.capacity() == null || req.capacity() < 1) throw WafErrors.invalidParameter("RULE_GROUP", String.valueOf(req.capacity()));
    if (req.capacity() > Capacity.RULE_GROUP_MAX) throw WafErrors.limitsExceeded();
    WafEntity e = resources.create(ctx, scope, Kind.RULE_GROUP, req.name(), req.description(), req.tags(),
        (tx, id, arn) -> SdkJson.write(build(tx, storeScope, id, arn, req.name(), req.description(), req.capacity(),
            req.rules(), req.visibilityConfig(), req.customResponseBodies(), ctx.accountId())));
    return CreateRuleGroupResponse.builder().summary(summary(e)).build();
  }

  public GetRuleGroupResponse getRuleGroup(RequestContext ctx, GetRuleGroupRequest req) {
    WafEntity e;
    if (req.arn() != null) {
      e = Resources.byArn(store, req.arn()).orElseThrow(WafErrors::nonexistentItem);
    } else {
      e = resources.get(ctx, Resources.scope(ctx, req.scopeAsString()), Kind.RULE_GROUP, req.name(), req.id());
    }
    return GetRuleGroupResponse.builder().ruleGroup(SdkJson.read(e.document(), RuleGroup.builder()))
        .lockToken(e.lockToken()).build();
  }

  public UpdateRuleGroupResponse updateRuleGroup(RequestContext ctx, UpdateRuleGroupRequest req) {
    WafScope scope = Resources.scope(ctx, req.scopeAsString());
    String storeScope = Resources.storeScope(ctx, scope);
    WafEntity e = resources.update(ctx, scope, Kind.RULE_GROUP, req.name(), req.id(), req.lockToken(), req.description(),
        (tx, current) -> {
          long capacity = SdkJson.read(current.document(), RuleGroup.builder()).capacity();
          return SdkJson.write(build(tx, storeScope, current.id(), current.arn(), current.name(), req.description(),
              capacity, req.rules(), req.visibilityConfig(), req.customResponseBodies(), ctx.accountId()));
        });
    return UpdateRuleGroupResponse.builder().nextLockToken(e.lockToken()).build();
  }

  public DeleteRuleGroupResponse deleteRuleGroup(RequestContext ctx, DeleteRuleGroupRequest req) {
    WafScope scope = Resources.scope(ctx, req.scopeAsString());
    resources.delete(ctx, scope, Kind.RULE_GROUP, req.name(), req.id(), req.lockToken(),
        (tx, e) -> References.refuseIfReferenced(tx, Resources.storeScope(ctx, scope), e.arn()));
    return DeleteRuleGroupResponse.builder().build();
  }

  public ListRuleGroupsResponse listRuleGroups(RequestContext ctx, ListRuleGroupsRequest req) {
    WafScope scope = Resources.scope(ctx, req.scopeAsString());
    var page = resources.list(ctx, scope, Kind.RULE_GROUP, req.limit(), req.nextMarker(), RuleGroupOperations::summary);
    return ListRuleGroupsResponse.builder().ruleGroups(page.items()).nextMarker(page.nextMarker().orElse(null)).build();
  }

  private static RuleGroup build(ReadView view, String storeScope, String id, String arn, String name, String description,
      long capacity, List<Rule> rules, VisibilityConfig visibility, Map<String, CustomResponseBody> bodies, String account) {
    RuleChecks.rules(rules, false, view, storeScope);
    if (Capacity.of(rules, a -> 0) > capacity) throw WafErrors.limitsExceeded();
    String namespace = "awswaf:" + account + ":rulegroup:" + name + ":";
    var labels = rules.stream().flatMap(r -> r.ruleLabels().stream())
        .map(l -> LabelSummary.builder().name(namespace + l.name()).build()).distinct().toList();
    return RuleGroup.builder().id(id).name(name).arn(arn).description(Resources.described(description)).capacity(capacity).rules(rules)
        .visibilityConfig(visibility).customResponseBodies(bodies).labelNamespace(namespace).availableLabels(labels)
        .build();
  }

  private static RuleGroupSummary summary(WafEntity e) {
    return RuleGroupSummary.builder().id(e.id()).name(e.name()).arn(e.arn()).description(Resources.described(e.description()))
        .lockToken(e.lockToken()).build();
  }
}
