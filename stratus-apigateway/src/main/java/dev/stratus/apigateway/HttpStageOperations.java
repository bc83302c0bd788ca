package dev.stratus.apigateway;

import dev.stratus.apigateway.model.Api;
import dev.stratus.apigateway.model.HttpDeployment;
import dev.stratus.apigateway.model.HttpStage;
import dev.stratus.apigateway.model.UsagePlan;
import dev.stratus.core.RequestContext;
import dev.stratus.core.store.ReadView;
import dev.stratus.core.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.apigatewayv2.model.*;

/** The API Gateway v2 operations over HTTP API stages and deployments. */
public final class HttpStageOperations {
  /** Stages per HTTP API (apigateway.md §7). */
  static final int MAX_STAGES = 10;

  private final Store store;
  private final Clock clock;

  public HttpStageOperations(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  private static UsagePlan.Throttle throttle(RouteSettings s) {
    if (s == null || (s.throttlingRateLimit() == null && s.throttlingBurstLimit() == null)) return null;
    return new UsagePlan.Throttle(s.throttlingRateLimit() == null ? AccountLimits.ACCOUNT_RATE : s.throttlingRateLimit(),
        s.throttlingBurstLimit() == null ? AccountLimits.ACCOUNT_BURST : s.throttlingBurstLimit());
  }

  private static RouteSettings settings(UsagePlan.Throttle t) {
    return t == null ? RouteSettings.builder().build()
        : RouteSettings.builder().throttlingRateLimit(t.rateLimit()).throttlingBurstLimit(t.burstLimit()).build();
  }

  /** A stage's tags' key in the tag table: its ARN's path. */
  private static String tagPath(HttpStage s) { return "/apis/" + s.apiId() + "/stages/" + s.stageName(); }

  /** A stage as AWS answers it, with its tags ({} for none, as AWS answers on every stage). */
  private static Stage toSdk(ReadView view, RequestContext ctx, HttpStage s) {
    Map<String, RouteSettings> routes = new LinkedHashMap<>();
    s.routeSettings().forEach((k, v) -> routes.put(k, settings(v)));
    return Stage.builder().stageName(s.stageName()).deploymentId(s.deploymentId()).autoDeploy(s.autoDeploy())
        .description(s.description()).stageVariables(s.stageVariables())
        // AWS answers the default route's detailed metrics (off) and the stage variables ({}) on every stage
        .defaultRouteSettings(settings(s.defaultRouteThrottle()).toBuilder().detailedMetricsEnabled(false).build())
        .routeSettings(routes)
        .tags(ApiGatewayTags.of(view, ctx, tagPath(s)))
        .createdDate(s.createdDate()).lastUpdatedDate(s.lastUpdatedDate()).build();
  }

  private static HttpStage stage(ReadView view, RequestContext ctx, String apiId, String name) {
    HttpApiOperations.load(view, ctx, apiId);
    return view.get(HttpStage.TABLE, ctx.regionalScope(), HttpStage.key(apiId, name == null ? "" : name))
        .orElseThrow(() -> ApiGatewayErrors.notFound("Invalid stage identifier specified"));
  }

  public CreateStageResponse createStage(RequestContext ctx, CreateStageRequest req) {
    if (req.stageName() == null || !req.stageName().matches("\\$default|[a-zA-Z0-9_-]{1,128}")) {
      throw ApiGatewayErrors.badRequest("Stage name only allows a-zA-Z0-9_- or $default");
    }
    Instant now = clock.instant();
    Map<String, UsagePlan.Throttle> routes = new LinkedHashMap<>();
    if (req.routeSettings() != null) req.routeSettings().forEach((k, v) -> routes.put(k, throttle(v)));
    HttpStage s = store.write(tx -> {
      HttpApiOperations.load(tx, ctx, req.apiId());
      if (tx.get(HttpStage.TABLE, ctx.regionalScope(), HttpStage.key(req.apiId(), req.stageName())).isPresent()) {
        throw ApiGatewayErrors.conflict("Stage " + req.stageName() + " already exists");
      }
      long count = tx.list(HttpStage.TABLE, ctx.regionalScope()).stream().filter(x -> x.apiId().equals(req.apiId())).count();
      if (count >= MAX_STAGES) throw new dev.stratus.core.AwsException("LimitExceededException", 429, "Stage limit exceeded");
      if (req.deploymentId() != null && tx.get(HttpDeployment.TABLE, ctx.regionalScope(),
          HttpDeployment.key(req.apiId(), req.deploymentId())).isEmpty()) {
        throw ApiGatewayErrors.notFound("Invalid deployment identifier specified");
      }
      var stage = new HttpStage(req.apiId(), req.stageName(), req.deploymentId(), Boolean.TRUE.equals(req.autoDeploy()),
          req.description(), req.stageVariables(), throttle(req.defaultRouteSettings()), routes, now, now);
      tx.put(HttpStage.TABLE, ctx.regionalScope(), HttpStage.key(stage.apiId(), stage.stageName()), stage);
      ApiGatewayTags.put(tx, ctx, tagPath(stage), req.tags());
      return stage;
    });
    var sdk = toSdk(store, ctx, s);
    return CreateStageResponse.builder().stageName(sdk.stageName()).deploymentId(sdk.deploymentId())
        .autoDeploy(sdk.autoDeploy()).description(sdk.description())
        .stageVariables(sdk.stageVariables())
        .defaultRouteSettings(sdk.defaultRouteSettings()).routeSettings(sdk.routeSettings())
        .tags(sdk.tags()).createdDate(sdk.createdDate()).lastUpdatedDate(sdk.lastUpdatedDate()).build();
  }

  public GetStageResponse getStage(RequestContext ctx, GetStageRequest req) {
    var sdk = toSdk(store, ctx, stage(store, ctx, req.apiId(), req.stageName()));
    return GetStageResponse.builder().stageName(sdk.stageName()).deploymentId(sdk.deploymentId())
        .autoDeploy(sdk.autoDeploy()).description(sdk.description())
        .stageVariables(sdk.stageVariables())
        .defaultRouteSettings(sdk.defaultRouteSettings()).routeSettings(sdk.routeSettings())
        .tags(sdk.tags()).createdDate(sdk.createdDate()).lastUpdatedDate(sdk.lastUpdatedDate()).build();
  }

  public GetStagesResponse getStages(RequestContext ctx, GetStagesRequest req) {
    HttpApiOperations.load(store, ctx, req.apiId());
    return GetStagesResponse.builder().items(store.list(HttpStage.TABLE, ctx.regionalScope()).stream()
        .filter(s -> s.apiId().equals(req.apiId())).map(s -> toSdk(store, ctx, s)).toList()).build();
  }

  public UpdateStageResponse updateStage(RequestContext ctx, UpdateStageRequest req) {
    HttpStage s = store.write(tx -> {
      HttpStage old = stage(tx, ctx, req.apiId(), req.stageName());
      Map<String, UsagePlan.Throttle> routes = new LinkedHashMap<>(old.routeSettings());
      if (req.routeSettings() != null) req.routeSettings().forEach((k, v) -> routes.put(k, throttle(v)));
      Map<String, String> vars = new LinkedHashMap<>(old.stageVariables());
      if (req.stageVariables() != null) vars.putAll(req.stageVariables());
      var stage = new HttpStage(old.apiId(), old.stageName(), req.deploymentId() == null ? old.deploymentId() : req.deploymentId(),
          req.autoDeploy() == null ? old.autoDeploy() : req.autoDeploy(),
          req.description() == null ? old.description() : req.description(), vars,
          req.defaultRouteSettings() == null ? old.defaultRouteThrottle() : throttle(req.defaultRouteSettings()), routes,
          old.createdDate(), clock.instant());
      tx.put(HttpStage.TABLE, ctx.regionalScope(), HttpStage.key(stage.apiId(), stage.stageName()), stage);
      return stage;
    });
    var sdk = toSdk(store, ctx, s);
    return UpdateStageResponse.builder().stageName(sdk.stageName()).deploymentId(sdk.deploymentId())
        .autoDeploy(sdk.autoDeploy()).description(sdk.description()).defaultRouteSettings(sdk.defaultRouteSettings())
        .routeSettings(sdk.routeSettings()).stageVariables(sdk.stageVariables()).tags(sdk.tags())
        .createdDate(sdk.createdDate()).lastUpdatedDate(sdk.lastUpdatedDate()).build();
  }

  public DeleteStageResponse deleteStage(RequestContext ctx, DeleteStageRequest req) {
    store.write(tx -> {
      HttpStage s = stage(tx, ctx, req.apiId(), req.stageName());
      tx.delete(HttpStage.TABLE, ctx.regionalScope(), HttpStage.key(s.apiId(), s.stageName()));
      ApiGatewayTags.drop(tx, ctx, tagPath(s));
      return null;
    });
    return DeleteStageResponse.builder().build();
  }

  public CreateDeploymentResponse createDeployment(RequestContext ctx, CreateDeploymentRequest req) {
    Instant now = clock.instant();
    HttpDeployment d = store.write(tx -> {
      Api api = HttpApiOperations.load(tx, ctx, req.apiId());
      var dep = new HttpDeployment(ApiIds.next(6), api.apiId(), req.description(), now, false, api);
      tx.put(HttpDeployment.TABLE, ctx.regionalScope(), HttpDeployment.key(api.apiId(), dep.deploymentId()), dep);
      if (req.stageName() != null) {
        HttpStage s = stage(tx, ctx, req.apiId(), req.stageName());
        if (s.autoDeploy()) throw ApiGatewayErrors.badRequest("Deployments cannot be created for stages with auto-deploy enabled");
        tx.put(HttpStage.TABLE, ctx.regionalScope(), HttpStage.key(s.apiId(), s.stageName()),
            new HttpStage(s.apiId(), s.stageName(), dep.deploymentId(), false, s.description(), s.stageVariables(),
                s.defaultRouteThrottle(), s.routeSettings(), s.createdDate(), now));
      }
      return dep;
    });
    return CreateDeploymentResponse.builder().deploymentId(d.deploymentId()).description(d.description())
        .createdDate(d.createdDate()).deploymentStatus("DEPLOYED").autoDeployed(false).build();
  }

  public GetDeploymentsResponse getDeployments(RequestContext ctx, GetDeploymentsRequest req) {
    HttpApiOperations.load(store, ctx, req.apiId());
    return GetDeploymentsResponse.builder().items(store.list(HttpDeployment.TABLE, ctx.regionalScope()).stream()
        .filter(d -> d.apiId().equals(req.apiId()))
        .map(d -> Deployment.builder().deploymentId(d.deploymentId()).description(d.description())
            .createdDate(d.createdDate()).deploymentStatus("DEPLOYED").autoDeployed(d.autoDeployed()).build()).toList()).build();
  }
}
