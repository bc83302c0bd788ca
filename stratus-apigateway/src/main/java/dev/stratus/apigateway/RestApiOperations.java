package dev.stratus.apigateway;

import dev.stratus.apigateway.model.RestApi;
import dev.stratus.core.Pagination;
import dev.stratus.core.RequestContext;
import dev.stratus.core.store.Store;
import software.amazon.awssdk.services.apigateway.model.GetRestApiRequest;
import software.amazon.awssdk.services.apigateway.model.GetRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.GetRestApisRequest;
import software.amazon.awssdk.services.apigateway.model.GetRestApisResponse;

/** The API Gateway v1 read operations over REST APIs. */
public final class RestApiOperations {
  /** GetRestApis limit: default 25, maximum 500 (API reference). */
  private static final int DEFAULT_LIMIT = 25;
  private static final int MAX_LIMIT = 500;

  private final Store store;

  public RestApiOperations(Store store) { this.store = store; }

  public GetRestApisResponse getRestApis(RequestContext ctx, GetRestApisRequest req) {
    int limit = req.limit() == null ? DEFAULT_LIMIT : req.limit();
    if (limit < 1 || limit > MAX_LIMIT) throw ApiGatewayErrors.badRequest("Invalid limit: " + limit);
    var all = store.list(RestApi.TABLE, ctx.regionalScope());
    var page = Pagination.page(all, RestApi::id, req.position(), limit,
        p -> ApiGatewayErrors.badRequest("Invalid position parameter"));
    return GetRestApisResponse.builder()
        .items(page.items().stream().map(RestApiOperations::toSdk).toList())
        .position(page.nextMarker().orElse(null))
        .build();
  }

  public GetRestApiResponse getRestApi(RequestContext ctx, GetRestApiRequest req) {
    var api = store.get(RestApi.TABLE, ctx.regionalScope(), req.restApiId())
        .orElseThrow(() -> ApiGatewayErrors.notFound("Invalid API identifier specified " + ctx.accountId() + ":" + req.restApiId()));
    return GetRestApiResponse.builder().id(api.id()).name(api.name()).description(api.description())
        .createdDate(api.createdDate()).build();
  }

  private static software.amazon.awssdk.services.apigateway.model.RestApi toSdk(RestApi api) {
    return software.amazon.awssdk.services.apigateway.model.RestApi.builder()
        .id(api.id()).name(api.name()).description(api.description()).createdDate(api.createdDate()).build();
  }
}
