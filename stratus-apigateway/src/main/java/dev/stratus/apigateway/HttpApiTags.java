package dev.stratus.apigateway;

import dev.stratus.apigateway.model.Api;
import dev.stratus.apigateway.model.HttpStage;
import dev.stratus.apigateway.model.Tags;
import dev.stratus.core.RequestContext;
import dev.stratus.core.store.ReadView;
import dev.stratus.core.store.Store;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.apigatewayv2.model.GetTagsRequest;
import software.amazon.awssdk.services.apigatewayv2.model.GetTagsResponse;
import software.amazon.awssdk.services.apigatewayv2.model.TagResourceRequest;
import software.amazon.awssdk.services.apigatewayv2.model.TagResourceResponse;
import software.amazon.awssdk.services.apigatewayv2.model.UntagResourceRequest;
import software.amazon.awssdk.services.apigatewayv2.model.UntagResourceResponse;

/**
 * Tags of HTTP APIs and their stages (v2 TagResource, UntagResource, GetTags), in the same table
 * as v1's, keyed by the ARN's path: {@code /apis/a1b2c3d4e5} or {@code /apis/a1b2c3d4e5/stages/prod}.
 */
public final class HttpApiTags {
  private final Store store;

  public HttpApiTags(Store store) { this.store = store; }

  public TagResourceResponse tagResource(RequestContext ctx, TagResourceRequest req) {
    String path = pathOf(ctx, req.resourceArn());
    store.write(tx -> {
      requireExists(tx, ctx, path);
      ApiGatewayTags.put(tx, ctx, path, req.tags());
      return null;
    });
    return TagResourceResponse.builder().build();
  }

  public UntagResourceResponse untagResource(RequestContext ctx, UntagResourceRequest req) {
    String path = pathOf(ctx, req.resourceArn());
    store.write(tx -> {
      requireExists(tx, ctx, path);
      Map<String, String> all = new LinkedHashMap<>(ApiGatewayTags.of(tx, ctx, path));
      (req.tagKeys() == null ? List.<String>of() : req.tagKeys()).forEach(all::remove);
      tx.put(Tags.TABLE, ctx.regionalScope(), path, new Tags(all));
      return null;
    });
    return UntagResourceResponse.builder().build();
  }

  public GetTagsResponse getTags(RequestContext ctx, GetTagsRequest req) {
    String path = pathOf(ctx, req.resourceArn());
    requireExists(store, ctx, path);
    return GetTagsResponse.builder().tags(ApiGatewayTags.of(store, ctx, path)).build();
  }

  private static String pathOf(RequestContext ctx, String arn) {
    String prefix = "arn:aws:apigateway:" + ctx.region() + "::";
    if (arn == null || !arn.startsWith(prefix + "/apis/")) throw ApiGatewayErrors.badRequest("Invalid resource ARN");
    return arn.substring(prefix.length());
  }

  private static void requireExists(ReadView view, RequestContext ctx, String path) {
    String[] p = path.substring(1).split("/");
    boolean found = p.length == 2 ? view.get(Api.TABLE, ctx.regionalScope(), p[1]).isPresent()
        : p.length == 4 && p[2].equals("stages") && view.get(HttpStage.TABLE, ctx.regionalScope(), HttpStage.key(p[1], p[3])).isPresent();
    if (!found) throw ApiGatewayErrors.notFound("Invalid resource identifier specified");
  }
}
