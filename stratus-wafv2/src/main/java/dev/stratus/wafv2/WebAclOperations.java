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
  private final java.util.function.Supplier<java.util.Optional<dev.stratus.core.elb.LoadBalancers>> balancers;

  private final java.util.function.Predicate<String> attached;

  public WebAclOperations(Store store) { this(store, java.util.Optional::empty, arn -> false); }

  /**
   * @param balancers which ALBs still exist: an association with a deleted ALB no longer counts
   * @param attached whether a resource's own configuration uses a web ACL (CloudFront's WebACLId)
   */
  public WebAclOperations(Store store,
      java.util.function.Supplier<java.util.Optional<dev.stratus.core.elb.LoadBalancers>> balancers,
      java.util.function.Predicate<String> attached) {
    this.store = store;
    this.resources = new Resources(store);
    this.balancers = balancers;
    this.attached = attached;
  }

  public CreateWebAclResponse createWebACL(RequestContext ctx, CreateWebAclRequest req) {
    WafScope scope = Resources.scope(ctx, req.scopeAsString());
    String storeScope = Resources.storeScope(ctx, scope);
    WafEntity e = resources.create(ctx, scope, Kind.WEB_ACL, req.name(), req.description(), req.tags(),
        (tx, id, arn) -> SdkJson.write(build(tx, storeScope, id, arn, req.name(), req.description(), req.defaultAction(),
            req.rules(), req.visibilityConfig(), req.customResponseBodies(), ctx.accountId(),
            new Extras(req.captchaConfig(), req.challengeConfig(), req.tokenDomains(), req.associationConfig()))));
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
            ctx.accountId(), new Extras(req.captchaConfig(), req.challengeConfig(), req.tokenDomains(),
                req.associationConfig()))));
    return UpdateWebAclResponse.builder().nextLockToken(e.lockToken()).build();
  }

  public DeleteWebAclResponse deleteWebACL(RequestContext ctx, DeleteWebAclRequest req) {
    WafScope scope = Resources.scope(ctx, req.scopeAsString());
    resources.delete(ctx, scope, Kind.WEB_ACL, req.name(), req.id(), req.lockToken(), (tx, e) -> {
      if (attached.test(e.arn())) throw WafErrors.associatedItem();
      for (WafAssociation a : tx.listAll(WafAssociation.TABLE)) {
        if (!a.webAclArn().equals(e.arn())) continue;
        // AWS drops the association of a deleted load balancer; Stratus drops it here, lazily.
        if (AssociationOperations.gone(a.resourceArn(), balancers.get())) {
          tx.delete(WafAssociation.TABLE, scopeOfResource(a.resourceArn()), a.resourceArn());
          continue;
        }
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
      String account, Extras extras) {
    RuleChecks.defaultAction(defaultAction);
    RuleChecks.rules(rules, true, view, storeScope);
    long capacity = Capacity.of(rules, a -> ruleGroupCapacity(view, a));
    if (capacity > Capacity.WEB_ACL_MAX) throw WafErrors.limitsExceeded();
    var b = WebACL.builder().id(id).name(name).arn(arn).description(Resources.described(description)).defaultAction(defaultAction)
        .rules(rules).visibilityConfig(visibility).capacity(capacity).customResponseBodies(bodies)
        .labelNamespace("awswaf:" + account + ":webacl:" + name + ":")
        .managedByFirewallManager(false).retrofittedByFirewallManager(false)
        .captchaConfig(extras.captcha()).challengeConfig(extras.challenge()).tokenDomains(extras.tokenDomains())
        .associationConfig(extras.association());
    return b.build();
  }

  /** The account/region store scope of an ALB's association (the ALB ARN's account and region). */
  static String scopeOfResource(String albArn) {
    String[] p = albArn.split(":", 6);
    return p[4] + "/" + p[3];
  }

  /** The settings Create and Update both take besides the rules. */
  private record Extras(software.amazon.awssdk.services.wafv2.model.CaptchaConfig captcha,
      software.amazon.awssdk.services.wafv2.model.ChallengeConfig challenge, List<String> tokenDomains,
      software.amazon.awssdk.services.wafv2.model.AssociationConfig association) {}

  static int ruleGroupCapacity(ReadView view, String arn) {
    return Resources.byArn(view, arn).map(e -> SdkJson.read(e.document(), RuleGroup.builder()).capacity())
        .map(Long::intValue).orElse(0);
  }

  static WebACL webAcl(WafEntity e) {
    return SdkJson.read(e.document(), WebACL.builder());
  }

  private static WebACLSummary summary(WafEntity e) {
    return WebACLSummary.builder().id(e.id()).name(e.name()).arn(e.arn()).description(Resources.described(e.description()))
        .lockToken(e.lockToken()).build();
  }
}
