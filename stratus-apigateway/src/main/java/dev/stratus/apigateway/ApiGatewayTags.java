package dev.stratus.apigateway;

import dev.stratus.apigateway.model.Tags;
import dev.stratus.core.RequestContext;
import dev.stratus.core.store.ReadView;
import dev.stratus.core.store.Store;
import dev.stratus.core.store.Transaction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.apigateway.model.GetTagsRequest;
import software.amazon.awssdk.services.apigateway.model.GetTagsResponse;
import software.amazon.awssdk.services.apigateway.model.TagResourceRequest;
import software.amazon.awssdk.services.apigateway.model.TagResourceResponse;
import software.amazon.awssdk.services.apigateway.model.UntagResourceRequest;
import software.amazon.awssdk.services.apigateway.model.UntagResourceResponse;

/**
 * Tags of REST APIs, stages, API keys and usage plans (v1 TagResource, UntagResource, GetTags),
 * stored by the ARN's path: {@code arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5} → {@code /restapis/a1b2c3d4e5}.
 */
public final class ApiGatewayTags {
  private final Store store;

  public ApiGatewayTags(Store store) { this.store = store; }

  static Map<String, String> of(ReadView view, RequestContext ctx, String path) {
    return view.get(Tags.TABLE, ctx.regionalScope(), path).map(Tags::tags).orElse(Map.of());
  }

  static void put(Transaction tx, RequestContext ctx, String path, Map<String, String> tags) {
    if (tags == null || tags.isEmpty()) return;
    Map<String, String> all = new LinkedHashMap<>(of(tx, ctx, path));
    all.putAll(tags);
    tx.put(Tags.TABLE, ctx.regionalScope(), path, new Tags(all));
  }

  static void drop(Transaction tx, RequestContext ctx, String path) { tx.delete(Tags.TABLE, ctx.regionalScope(), path); }

  public TagResourceResponse tagResource(RequestContext ctx, TagResourceRequest req) {
    String path = pathOf(ctx, req.resourceArn());
    store.write(tx -> {
      requireExists(tx, ctx, path);
      put(tx, ctx, path, req.tags());
      return null;
    });
    return TagResourceResponse.builder().build();
  }

  public UntagResourceResponse untagResource(RequestContext ctx, UntagResourceRequest req) {
    String path = pathOf(ctx, req.resourceArn());
    store.write(tx -> {
      requireExists(tx, ctx, path);
      Map<String, String> all = new LinkedHashMap<>(of(tx, ctx, path));
      List<String> keys = req.tagKeys() == null ? List.of() : req.tagKeys();
      keys.forEach(all::remove);
      tx.put(Tags.TABLE, ctx.regionalScope(), path, new Tags(all));
      return null;
    });
    return UntagResourceResponse.builder().build();
  }

  public GetTagsResponse getTags(RequestContext ctx, GetTagsRequest req) {
    String path = pathOf(ctx, req.resourceArn());
    requireExists(store, ctx, path);
    return GetTagsResponse.builder().tags(of(store, ctx, path)).build();
  }

  private static String pathOf(RequestContext ctx, String arn) {
    String prefix = "arn:aws:apigateway:" + ctx.region() + "::";
    if (arn == null || !arn.startsWith(prefix + "/")) throw ApiGatewayErrors.badRequest("Invalid ARN specified in the request");
    return arn.substring(prefix.length());
  }

  /** Tags only attach to what exists: a REST API, its stage, an API key or a usage plan. */
  private static void requireExists(ReadView view, RequestContext ctx, String path) {
    String[] p = path.substring(1).split("/");
    String scope = ctx.regionalScope();
    boolean found = switch (p[0]) {
      case "restapis" -> p.length == 2 ? view.get(dev.stratus.apigateway.model.RestApi.TABLE, scope, p[1]).isPresent()
          : p.length == 4 && p[2].equals("stages")
              && view.get(dev.stratus.apigateway.model.Stage.TABLE, scope, dev.stratus.apigateway.model.Stage.key(p[1], p[3])).isPresent();
      case "apikeys" -> p.length == 2 && view.get(dev.stratus.apigateway.model.ApiKey.TABLE, scope, p[1]).isPresent();
      case "usageplans" -> p.length == 2 && view.get(dev.stratus.apigateway.model.UsagePlan.TABLE, scope, p[1]).isPresent();
      default -> false;
    };
    if (!found) throw ApiGatewayErrors.notFound("Invalid resource identifier specified");
  }
}
