package dev.stratus.wafv2;

import dev.stratus.core.RequestContext;
import dev.stratus.core.store.ReadView;
import dev.stratus.core.store.Store;
import dev.stratus.wafv2.Resources.Kind;
import dev.stratus.wafv2.model.WafAssociation;
import dev.stratus.wafv2.model.WafEntity;
import dev.stratus.wafv2.model.WafLogging;
import dev.stratus.wafv2.model.WafScope;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.wafv2.model.CheckCapacityRequest;
import software.amazon.awssdk.services.wafv2.model.CheckCapacityResponse;
import software.amazon.awssdk.services.wafv2.model.CreateWebAclRequest;
import software.amazon.awssdk.services.wafv2.model.CreateWebAclResponse;
import software.amazon.awssdk.services.wafv2.model.CustomResponseBody;
import software.amazon.awssdk.services.wafv2.model.DefaultAction;
import software.amazon.awssdk.services.wafv2.model.DeleteWebAclRequest;
import software.amazon.awssdk.services.wafv2.model.DeleteWebAclResponse;
import software.amazon.awssdk.services.wafv2.model.GetWebAclRequest;
import software.amazon.awssdk.services.wafv2.model.GetWebAclResponse;
import software.amazon.awssdk.services.wafv2.model.ListWebAcLsRequest;
import software.amazon.awssdk.services.wafv2.model.ListWebAcLsResponse;
import software.amazon.awssdk.services.wafv2.model.Rule;
import software.amazon.awssdk.services.wafv2.model.RuleGroup;
import software.amazon.awssdk.services.wafv2.model.UpdateWebAclRequest;
import software.amazon.awssdk.services.wafv2.model.UpdateWebAclResponse;
import software.amazon.awssdk.services.wafv2.model.VisibilityConfig;
import software.amazon.awssdk.services.wafv2.model.WebACL;
import software.amazon.awssdk.services.wafv2.model.WebACLSummary;

/** Web ACLs: create, read, update with the LockToken, delete unless associated, list; CheckCapacity. */
public final class WebAclOperations {
  private final Store store;
  private final Resources resources;

  public WebAclOperations(Store store) {
    this.store = store;
    this.resources = new Resources(store);
  }

  public CreateWebAclResponse createWebACL(RequestContext ctx, CreateWebAclRequest req) {
    WafScope scope = Resources.scope(ctx, req.scopeAsString());
    String storeScope = Resources.storeScope(ctx, scope);
    WafEntity e = resources.create(ctx, scope, Kind.WEB_ACL, req.name(), req.description(), req.tags(), (id, arn) -> {
      // Checked inside the write so a referenced set cannot vanish between check and commit.
      return SdkJson.write(build(store, storeScope, id, arn, req.name(), req.description(), req.defaultAction(),
          req.rules(), req.visibilityConfig(), req.customResponseBodies(), ctx.accountId(), req.toBuilder()));
    });
    return CreateWebAclResponse.builder().summary(summary(e)).build();
  }

  public GetWebAclResponse getWebACL(RequestContext ctx, GetWebAclRequest req) {
    WafScope scope = Resources.scope(ctx, req.scopeAsString());
    WafEntity e = resources.get(ctx, scope, Kind.WEB_ACL, req.name(), req.id());
    return GetWebAclResponse.builder().webACL(webAcl(e)).lockToken(e.lockToken()).build();
  }

  public UpdateWebAclResponse updateWebACL(RequestContext ctx, UpdateWebAclRequest req) {
    WafScope scope = Resources.scope(ctx, req.scopeAsString());
    String storeScope = Resources.storeScope(ctx, scope);
    WafEntity e = resources.update(ctx, scope, Kind.WEB_ACL, req.name(), req.id(), req.lockToken(), req.description(),
        (tx, current) -> SdkJson.write(build(tx, storeScope, current.id(), current.arn(), current.name(),
            req.description(), req.defaultAction(), req.rules(), req.visibilityConfig(), req.customResponseBodies(),
            ctx.accountId(), null)));
    return UpdateWebAclResponse.builder().nextLockToken(e.lockToken()).build();
  }

  public DeleteWebAclResponse deleteWebACL(RequestContext ctx, DeleteWebAclRequest req) {
    WafScope scope = Resources.scope(ctx, req.scopeAsString());
    resources.delete(ctx, scope, Kind.WEB_ACL, req.name(), req.id(), req.lockToken(), (tx, e) -> {
      if (tx.listAll(WafAssociation.TABLE).stream().anyMatch(a -> a.webAclArn().equals(e.arn()))) {
        throw WafErrors.associatedItem();
      }
      tx.delete(WafLogging.TABLE, Resources.storeScope(ctx, scope), e.arn());
    });
    return DeleteWebAclResponse.builder().build();
  }

  public ListWebAcLsResponse listWebACLs(RequestContext ctx, ListWebAcLsRequest req) {
    WafScope scope = Resources.scope(ctx, req.scopeAsString());
    var page = resources.list(ctx, scope, Kind.WEB_ACL, req.limit(), req.nextMarker(), WebAclOperations::summary);
    return ListWebAcLsResponse.builder().webACLs(page.items()).nextMarker(page.nextMarker().orElse(null)).build();
  }

  public CheckCapacityResponse checkCapacity(RequestContext ctx, CheckCapacityRequest req) {
    WafScope scope = Resources.scope(ctx, req.scopeAsString());
    String storeScope = Resources.storeScope(ctx, scope);
    RuleChecks.rules(req.rules(), true, store, storeScope);
    return CheckCapacityResponse.builder().capacity(Capacity.of(req.rules(), arn -> ruleGroupCapacity(store, arn))).build();
  }

  /** The stored API shape of a web ACL, after AWS's checks and within its capacity limit. */
  private static WebACL build(ReadView view, String storeScope, String id, String arn, String name, String description,
      DefaultAction defaultAction, List<Rule> rules, VisibilityConfig visibility, Map<String, CustomResponseBody> bodies,
      String account, CreateWebAclRequest.Builder create) {
    RuleChecks.defaultAction(defaultAction);
    RuleChecks.rules(rules, true, view, storeScope);
    long capacity = Capacity.of(rules, a -> ruleGroupCapacity(view, a));
    if (capacity > Capacity.WEB_ACL_MAX) throw WafErrors.limitsExceeded();
    var b = WebACL.builder().id(id).name(name).arn(arn).description(description).defaultAction(defaultAction)
        .rules(rules).visibilityConfig(visibility).capacity(capacity).customResponseBodies(bodies)
        .labelNamespace("awswaf:" + account + ":webacl:" + name + ":")
        .managedByFirewallManager(false).retrofittedByFirewallManager(false);
    if (create != null) {
      var c = create.build();
      b.captchaConfig(c.captchaConfig()).challengeConfig(c.challengeConfig()).tokenDomains(c.tokenDomains())
          .associationConfig(c.associationConfig());
    }
    return b.build();
  }

  static int ruleGroupCapacity(ReadView view, String arn) {
    return Resources.byArn(view, arn).map(e -> SdkJson.read(e.document(), RuleGroup.builder()).capacity())
        .map(Long::intValue).orElse(0);
  }

  static WebACL webAcl(WafEntity e) {
    return SdkJson.read(e.document(), WebACL.builder());
  }

  private static WebACLSummary summary(WafEntity e) {
    return WebACLSummary.builder().id(e.id()).name(e.name()).arn(e.arn()).description(e.description())
        .lockToken(e.lockToken()).build();
  }
}
