package dev.stratus.wafv2;

import dev.stratus.core.RequestContext;
import dev.stratus.core.store.Store;
import dev.stratus.wafv2.model.WafScope;
import dev.stratus.wafv2.model.WafTags;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.wafv2.model.*;

/** Tags on web ACLs, rule groups, IP sets and regex pattern sets, by ARN. */
public final class TagOperations {
  private final Store store;

  public TagOperations(Store store) { this.store = store; }

  public TagResourceResponse tagResource(RequestContext ctx, TagResourceRequest req) {
    String scope = scopeOf(req.resourceARN());
    store.write(tx -> {
      if (Resources.byArn(tx, req.resourceARN()).isEmpty()) throw WafErrors.nonexistentItem();
      Map<String, String> tags = new LinkedHashMap<>(current(tx, scope, req.resourceARN()));
      tags.putAll(Resources.tagMap(req.tags()));
      if (tags.size() > 50) throw WafErrors.limitsExceeded();
      tx.put(WafTags.TABLE, scope, req.resourceARN(), new WafTags(req.resourceARN(), tags));
      return null;
    });
    return TagResourceResponse.builder().build();
  }

  public UntagResourceResponse untagResource(RequestContext ctx, UntagResourceRequest req) {
    String scope = scopeOf(req.resourceARN());
    store.write(tx -> {
      if (Resources.byArn(tx, req.resourceARN()).isEmpty()) throw WafErrors.nonexistentItem();
      Map<String, String> tags = new LinkedHashMap<>(current(tx, scope, req.resourceARN()));
      req.tagKeys().forEach(tags::remove);
      tx.put(WafTags.TABLE, scope, req.resourceARN(), new WafTags(req.resourceARN(), tags));
      return null;
    });
    return UntagResourceResponse.builder().build();
  }

  public ListTagsForResourceResponse listTagsForResource(RequestContext ctx, ListTagsForResourceRequest req) {
    String scope = scopeOf(req.resourceARN());
    if (Resources.byArn(store, req.resourceARN()).isEmpty()) throw WafErrors.nonexistentItem();
    var tags = current(store, scope, req.resourceARN()).entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    return ListTagsForResourceResponse.builder()
        .tagInfoForResource(TagInfoForResource.builder().resourceARN(req.resourceARN()).tagList(tags).build()).build();
  }

  private static Map<String, String> current(dev.stratus.core.store.ReadView view, String scope, String arn) {
    return view.get(WafTags.TABLE, scope, arn).map(WafTags::tags).orElse(Map.of());
  }

  private static String scopeOf(String arn) {
    String scope = WafScope.storeScopeOfArn(arn);
    if (scope == null) throw WafErrors.invalidArn("RESOURCE_ARN", String.valueOf(arn));
    return scope;
  }
}
