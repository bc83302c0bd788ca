package dev.stratus.wafv2;

import dev.stratus.core.RequestContext;
import dev.stratus.core.elb.LoadBalancers;
import dev.stratus.core.store.Store;
import dev.stratus.wafv2.model.WafAssociation;
import dev.stratus.wafv2.model.WafEntity;
import dev.stratus.wafv2.model.WafScope;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.wafv2.model.*;

/**
 * Web ACLs on regional resources: Application Load Balancers (which must exist, found through
 * core's {@link LoadBalancers}) and API Gateway REST API stages. One web ACL per resource;
 * associating again replaces the previous one, as on AWS. CloudFront distributions name their web
 * ACL in their own WebACLId instead.
 */
public final class AssociationOperations {
  private static final Pattern ALB = Pattern.compile("arn:aws:elasticloadbalancing:([a-z0-9-]+):(\\d{12}):loadbalancer/app/[^/]+/[0-9a-f]+");
  private static final Pattern STAGE = Pattern.compile("arn:aws:apigateway:([a-z0-9-]+)::/restapis/[^/]+/stages/[^/]+");

  private final Store store;
  private final Supplier<Optional<LoadBalancers>> balancers;

  public AssociationOperations(Store store, Supplier<Optional<LoadBalancers>> balancers) {
    this.store = store;
    this.balancers = balancers;
  }

  public AssociateWebAclResponse associateWebACL(RequestContext ctx, AssociateWebAclRequest req) {
    String aclScope = WafScope.storeScopeOfArn(req.webACLArn());
    if (aclScope == null || WafEntity.tableOf(req.webACLArn()) != WafEntity.WEB_ACLS) {
      throw WafErrors.invalidArn("RESOURCE_ARN", String.valueOf(req.webACLArn()));
    }
    if (!aclScope.equals(WafScope.REGIONAL.storeScope(ctx.accountId(), ctx.region()))) {
      // A CLOUDFRONT web ACL, or one of another region or account: not associable here.
      throw WafErrors.invalid("The ARN isn't valid for this operation.", "RESOURCE_ARN", req.webACLArn());
    }
    checkResource(ctx, req.resourceArn());
    store.write(tx -> {
      WafEntity acl = WafEntity.byArn(tx, req.webACLArn()).orElseThrow(WafErrors::nonexistentItem);
      tx.put(WafAssociation.TABLE, ctx.regionalScope(), req.resourceArn(),
          new WafAssociation(req.resourceArn(), acl.arn(), acl.id(), aclScope));
      return null;
    });
    return AssociateWebAclResponse.builder().build();
  }

  public DisassociateWebAclResponse disassociateWebACL(RequestContext ctx, DisassociateWebAclRequest req) {
    checkResource(ctx, req.resourceArn());
    store.write(tx -> tx.delete(WafAssociation.TABLE, ctx.regionalScope(), req.resourceArn()));
    return DisassociateWebAclResponse.builder().build();
  }

  public GetWebAclForResourceResponse getWebACLForResource(RequestContext ctx, GetWebAclForResourceRequest req) {
    checkResource(ctx, req.resourceArn());
    var acl = store.get(WafAssociation.TABLE, ctx.regionalScope(), req.resourceArn())
        .flatMap(a -> WafEntity.byArn(store, a.webAclArn())).map(WebAclOperations::webAcl);
    return GetWebAclForResourceResponse.builder().webACL(acl.orElse(null)).build();
  }

  public ListResourcesForWebAclResponse listResourcesForWebACL(RequestContext ctx, ListResourcesForWebAclRequest req) {
    if (WafEntity.byArn(store, req.webACLArn()).isEmpty()) {
      if (WafEntity.tableOf(req.webACLArn()) != WafEntity.WEB_ACLS) throw WafErrors.invalidArn("RESOURCE_ARN", String.valueOf(req.webACLArn()));
      throw WafErrors.nonexistentItem();
    }
    String type = req.resourceType() == null ? "APPLICATION_LOAD_BALANCER" : req.resourceTypeAsString();
    var arns = store.list(WafAssociation.TABLE, ctx.regionalScope()).stream()
        .filter(a -> a.webAclArn().equals(req.webACLArn()))
        .map(WafAssociation::resourceArn)
        .filter(arn -> !gone(arn, balancers.get()))
        .filter(arn -> type.equals("APPLICATION_LOAD_BALANCER") ? ALB.matcher(arn).matches()
            : type.equals("API_GATEWAY") && STAGE.matcher(arn).matches())
        .toList();
    return ListResourcesForWebAclResponse.builder().resourceArns(arns).build();
  }

  /** Whether {@code resourceArn} is an ALB that no longer exists (false when ELB is not running). */
  static boolean gone(String resourceArn, Optional<LoadBalancers> balancers) {
    return ALB.matcher(resourceArn).matches() && balancers.isPresent() && balancers.get().find(resourceArn).isEmpty();
  }

  /** An ALB that exists in the caller's region, or an API Gateway stage ARN of that region. */
  private void checkResource(RequestContext ctx, String arn) {
    if (arn == null) throw WafErrors.invalidArn("RESOURCE_ARN", "null");
    var alb = ALB.matcher(arn);
    if (alb.matches()) {
      if (!alb.group(1).equals(ctx.region()) || !alb.group(2).equals(ctx.accountId())) throw WafErrors.nonexistentItem();
      var found = balancers.get().flatMap(b -> b.find(arn));
      if (found.isEmpty()) throw WafErrors.nonexistentItem();
      if (!found.get().type().equals("application")) throw WafErrors.invalidArn("RESOURCE_ARN", arn);
      return;
    }
    var stage = STAGE.matcher(arn);
    if (stage.matches()) {
      if (!stage.group(1).equals(ctx.region())) throw WafErrors.nonexistentItem();
      return;
    }
    throw WafErrors.invalidArn("RESOURCE_ARN", arn);
  }
}
