package dev.stratus.apigateway;

import dev.stratus.apigateway.model.Api;
import dev.stratus.core.Pagination;
import dev.stratus.core.RequestContext;
import dev.stratus.core.store.Store;
import software.amazon.awssdk.services.apigatewayv2.model.GetApiRequest;
import software.amazon.awssdk.services.apigatewayv2.model.GetApiResponse;
import software.amazon.awssdk.services.apigatewayv2.model.GetApisRequest;
import software.amazon.awssdk.services.apigatewayv2.model.GetApisResponse;

/** The API Gateway v2 read operations over HTTP and WebSocket APIs. */
public final class HttpApiOperations {
  /** GetApis MaxResults when not given (the API returns every API; we page at 100). */
  private static final int DEFAULT_MAX_RESULTS = 100;

  private final Store store;

  public HttpApiOperations(Store store) { this.store = store; }

  public GetApisResponse getApis(RequestContext ctx, GetApisRequest req) {
    int max = req.maxResults() == null ? DEFAULT_MAX_RESULTS : parseMax(req.maxResults());
    var all = store.list(Api.TABLE, ctx.regionalScope());
    var page = Pagination.page(all, Api::apiId, req.nextToken(), max,
        t -> ApiGatewayErrors.badRequest("Invalid nextToken"));
    return GetApisResponse.builder()
        .items(page.items().stream().map(HttpApiOperations::toSdk).toList())
        .nextToken(page.nextMarker().orElse(null))
        .build();
  }

  public GetApiResponse getApi(RequestContext ctx, GetApiRequest req) {
    var api = store.get(Api.TABLE, ctx.regionalScope(), req.apiId())
        .orElseThrow(() -> ApiGatewayErrors.notFound("Invalid API identifier specified"));
    return GetApiResponse.builder().apiId(api.apiId()).name(api.name()).protocolType(api.protocolType())
        .routeSelectionExpression(api.routeSelectionExpression()).apiEndpoint(api.apiEndpoint())
        .createdDate(api.createdDate()).build();
  }

  private static int parseMax(String value) {
    try {
      int n = Integer.parseInt(value);
      if (n >= 1) return n;
    } catch (NumberFormatException e) {
      // fall through to AWS's error
    }
    throw ApiGatewayErrors.badRequest("Invalid maxResults: " + value);
  }

  private static software.amazon.awssdk.services.apigatewayv2.model.Api toSdk(Api api) {
    return software.amazon.awssdk.services.apigatewayv2.model.Api.builder()
        .apiId(api.apiId()).name(api.name()).protocolType(api.protocolType())
        .routeSelectionExpression(api.routeSelectionExpression()).apiEndpoint(api.apiEndpoint())
        .createdDate(api.createdDate()).build();
  }
}
