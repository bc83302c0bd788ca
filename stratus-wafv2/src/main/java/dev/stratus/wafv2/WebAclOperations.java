package dev.stratus.wafv2;

import dev.stratus.core.Pagination;
import dev.stratus.core.RequestContext;
import dev.stratus.core.store.Store;
import dev.stratus.wafv2.model.WafScope;
import dev.stratus.wafv2.model.WebAcl;
import software.amazon.awssdk.services.wafv2.model.GetWebAclRequest;
import software.amazon.awssdk.services.wafv2.model.GetWebAclResponse;
import software.amazon.awssdk.services.wafv2.model.ListWebAcLsRequest;
import software.amazon.awssdk.services.wafv2.model.ListWebAcLsResponse;
import software.amazon.awssdk.services.wafv2.model.WebACLSummary;

/** The WAFv2 read operations over web ACLs. */
public final class WebAclOperations {
  /** ListWebACLs Limit range 1–100, default 100 (API reference). */
  private static final int MAX_LIMIT = 100;

  private final Store store;

  public WebAclOperations(Store store) { this.store = store; }

  public ListWebAcLsResponse listWebACLs(RequestContext ctx, ListWebAcLsRequest req) {
    var scope = scope(ctx, req.scopeAsString());
    int limit = req.limit() == null ? MAX_LIMIT : req.limit();
    if (limit < 1 || limit > MAX_LIMIT) throw WafErrors.invalidParameter("LIMIT", String.valueOf(limit));
    var all = store.list(WebAcl.TABLE, scope.storeScope(ctx.accountId(), ctx.region()));
    var page = Pagination.page(all, WebAcl::id, req.nextMarker(), limit,
        m -> WafErrors.invalidParameter("NEXT_MARKER", m));
    return ListWebAcLsResponse.builder()
        .webACLs(page.items().stream().map(WebAclOperations::summary).toList())
        .nextMarker(page.nextMarker().orElse(null))
        .build();
  }

  public GetWebAclResponse getWebACL(RequestContext ctx, GetWebAclRequest req) {
    var scope = scope(ctx, req.scopeAsString());
    var acl = store.get(WebAcl.TABLE, scope.storeScope(ctx.accountId(), ctx.region()), req.id())
        .filter(a -> a.name().equals(req.name()))
        .orElseThrow(WafErrors::nonexistentItem);
    return GetWebAclResponse.builder()
        .webACL(software.amazon.awssdk.services.wafv2.model.WebACL.builder()
            .id(acl.id()).name(acl.name()).arn(acl.arn()).description(acl.description()).build())
        .lockToken(acl.lockToken())
        .build();
  }

  private static WafScope scope(RequestContext ctx, String value) {
    WafScope scope;
    try {
      scope = WafScope.valueOf(value);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw WafErrors.invalidParameter("SCOPE_VALUE", String.valueOf(value));
    }
    if (!scope.reachableFrom(ctx.region())) throw WafErrors.invalidScope(value);
    return scope;
  }

  private static WebACLSummary summary(WebAcl acl) {
    return WebACLSummary.builder().id(acl.id()).name(acl.name()).arn(acl.arn())
        .description(acl.description()).lockToken(acl.lockToken()).build();
  }
}
