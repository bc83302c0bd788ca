package dev.stratus.apigateway;

import dev.stratus.apigateway.model.Deployment;
import dev.stratus.apigateway.model.RestApi;
import dev.stratus.apigateway.model.Stage;
import dev.stratus.core.RequestContext;
import dev.stratus.core.store.Store;
import dev.stratus.core.store.Transaction;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.apigateway.model.*;

/** The API Gateway v1 operations over deployments and stages. */
public final class DeploymentOperations {
  /** Stage names: letters, digits, hyphens and underscores, at most 128 (apigateway CreateStage). */
  private static final Pattern STAGE_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,128}");

  private final Store store;
  private final Clock clock;
  private final java.util.function.BiConsumer<String, String> flushCache;

  public DeploymentOperations(Store store, Clock clock) { this(store, clock, (api, stage) -> { }); }

  /** @param flushCache empties a stage's cache in the data plane (FlushStageCache) */
  public DeploymentOperations(Store store, Clock clock, java.util.function.BiConsumer<String, String> flushCache) {
    this.store = store;
    this.clock = clock;
    this.flushCache = flushCache;
  }

  public FlushStageCacheResponse flushStageCache(RequestContext ctx, FlushStageCacheRequest req) {
    Stage s = stage(store, ctx, req.restApiId(), req.stageName());
    flushCache.accept(s.restApiId(), s.stageName());
    return FlushStageCacheResponse.builder().build();
  }

  public CreateDeploymentResponse createDeployment(RequestContext ctx, CreateDeploymentRequest req) {
    String id = ApiIds.next(6);
    Instant now = clock.instant();
    Deployment d = store.write(tx -> {
      RestApi api = RestApiOperations.load(tx, ctx, req.restApiId());
      boolean anyMethod = false;
      for (RestApi.Resource r : api.resources().values()) {
        for (RestApi.Method m : r.methods().values()) {
          anyMethod = true;
          if (m.integration() == null) throw ApiGatewayErrors.badRequest("No integration defined for method");
        }
      }
      if (!anyMethod) throw ApiGatewayErrors.badRequest("The REST API doesn't contain any methods");
      Deployment dep = new Deployment(id, api.id(), req.description(), now, api);
      tx.put(Deployment.TABLE, ctx.regionalScope(), Deployment.key(api.id(), id), dep);
      if (req.stageName() != null) {
        checkStageName(req.stageName());
        String key = Stage.key(api.id(), req.stageName());
        Stage existing = tx.get(Stage.TABLE, ctx.regionalScope(), key).orElse(null);
        Map<String, String> vars = new LinkedHashMap<>(existing == null ? Map.of() : existing.variables());
        if (req.variables() != null) vars.putAll(req.variables());
        Stage s = existing == null
            ? new Stage(api.id(), req.stageName(), id, req.stageDescription(), vars, Map.of(), false, false, null, now, now, null)
            : new Stage(api.id(), req.stageName(), id, existing.description(), vars, existing.methodSettings(),
                existing.tracingEnabled(), existing.cacheClusterEnabled(), existing.cacheClusterSize(), existing.createdDate(), now,
                existing.accessLogSettings());
        tx.put(Stage.TABLE, ctx.regionalScope(), key, s);
        stageChanged(tx, ctx, api.id());
      }
      return dep;
    });
    return CreateDeploymentResponse.builder().id(d.id()).description(d.description()).createdDate(d.createdDate()).build();
  }

  /** Any change to a stage applies the API's default endpoint setting (disableExecuteApiEndpoint) to all its stages. */
  private static void stageChanged(Transaction tx, RequestContext ctx, String restApiId) {
    RestApi api = RestApiOperations.load(tx, ctx, restApiId);
    RestApi applied = api.withEndpointSettingApplied();
    if (applied != api) tx.put(RestApi.TABLE, ctx.regionalScope(), restApiId, applied);
  }

  private static Deployment deployment(Transaction tx, Store store, RequestContext ctx, String apiId, String id) {
    var view = tx == null ? store : tx;
    RestApiOperations.load(view, ctx, apiId);
    return view.get(Deployment.TABLE, ctx.regionalScope(), Deployment.key(apiId, id == null ? "" : id))
        .orElseThrow(ApiGatewayErrors::deploymentNotFound);
  }

  public GetDeploymentResponse getDeployment(RequestContext ctx, GetDeploymentRequest req) {
    var d = deployment(null, store, ctx, req.restApiId(), req.deploymentId());
    return GetDeploymentResponse.builder().id(d.id()).description(d.description()).createdDate(d.createdDate()).build();
  }

  public GetDeploymentsResponse getDeployments(RequestContext ctx, GetDeploymentsRequest req) {
    RestApiOperations.load(store, ctx, req.restApiId());
    return GetDeploymentsResponse.builder().items(store.list(Deployment.TABLE, ctx.regionalScope()).stream()
        .filter(d -> d.restApiId().equals(req.restApiId())).map(RestShapes::deployment).toList()).build();
  }

  public DeleteDeploymentResponse deleteDeployment(RequestContext ctx, DeleteDeploymentRequest req) {
    store.write(tx -> {
      var d = deployment(tx, store, ctx, req.restApiId(), req.deploymentId());
      boolean used = tx.list(Stage.TABLE, ctx.regionalScope()).stream()
          .anyMatch(s -> s.restApiId().equals(d.restApiId()) && d.id().equals(s.deploymentId()));
      if (used) {
        throw ApiGatewayErrors.badRequest("Active stages pointing to this deployment must be moved or deleted");
      }
      tx.delete(Deployment.TABLE, ctx.regionalScope(), Deployment.key(d.restApiId(), d.id()));
      return null;
    });
    return DeleteDeploymentResponse.builder().build();
  }

  private static void checkStageName(String name) {
    if (name == null || !STAGE_NAME.matcher(name).matches()) {
      throw ApiGatewayErrors.badRequest("Stage name only allows a-zA-Z0-9_");
    }
  }

  public CreateStageResponse createStage(RequestContext ctx, CreateStageRequest req) {
    checkStageName(req.stageName());
    Instant now = clock.instant();
    Stage s = store.write(tx -> {
      deployment(tx, store, ctx, req.restApiId(), req.deploymentId());
      String key = Stage.key(req.restApiId(), req.stageName());
      if (tx.get(Stage.TABLE, ctx.regionalScope(), key).isPresent()) throw ApiGatewayErrors.conflict("Stage already exists");
      Stage stage = new Stage(req.restApiId(), req.stageName(), req.deploymentId(), req.description(), req.variables(),
          Map.of(), Boolean.TRUE.equals(req.tracingEnabled()), Boolean.TRUE.equals(req.cacheClusterEnabled()),
          req.cacheClusterSize(), now, now, null);
      tx.put(Stage.TABLE, ctx.regionalScope(), key, stage);
      stageChanged(tx, ctx, req.restApiId());
      ApiGatewayTags.put(tx, ctx, stagePath(stage), req.tags());
      return stage;
    });
    var sdk = RestShapes.stage(s, req.tags() == null ? Map.of() : req.tags());
    return CreateStageResponse.builder().stageName(sdk.stageName()).deploymentId(sdk.deploymentId())
        .description(sdk.description()).variables(sdk.hasVariables() ? sdk.variables() : null)
        .methodSettings(sdk.methodSettings()).tracingEnabled(sdk.tracingEnabled())
        .cacheClusterEnabled(sdk.cacheClusterEnabled()).cacheClusterStatus(sdk.cacheClusterStatus())
        .createdDate(sdk.createdDate()).lastUpdatedDate(sdk.lastUpdatedDate()).accessLogSettings(sdk.accessLogSettings())
        .tags(sdk.hasTags() ? sdk.tags() : null).build();
  }

  static String stagePath(Stage s) { return "/restapis/" + s.restApiId() + "/stages/" + s.stageName(); }

  private Stage stage(dev.stratus.core.store.ReadView view, RequestContext ctx, String apiId, String name) {
    RestApiOperations.load(view, ctx, apiId);
    return view.get(Stage.TABLE, ctx.regionalScope(), Stage.key(apiId, name == null ? "" : name))
        .orElseThrow(ApiGatewayErrors::stageNotFound);
  }

  public GetStageResponse getStage(RequestContext ctx, GetStageRequest req) {
    Stage s = stage(store, ctx, req.restApiId(), req.stageName());
    var sdk = RestShapes.stage(s, ApiGatewayTags.of(store, ctx, stagePath(s)));
    return GetStageResponse.builder().stageName(sdk.stageName()).deploymentId(sdk.deploymentId())
        .description(sdk.description()).variables(sdk.hasVariables() ? sdk.variables() : null)
        .methodSettings(sdk.methodSettings()).tracingEnabled(sdk.tracingEnabled())
        .cacheClusterEnabled(sdk.cacheClusterEnabled()).cacheClusterStatus(sdk.cacheClusterStatus())
        .createdDate(sdk.createdDate()).lastUpdatedDate(sdk.lastUpdatedDate()).accessLogSettings(sdk.accessLogSettings())
        .tags(sdk.hasTags() ? sdk.tags() : null).build();
  }

  public GetStagesResponse getStages(RequestContext ctx, GetStagesRequest req) {
    RestApiOperations.load(store, ctx, req.restApiId());
    return GetStagesResponse.builder().item(store.list(Stage.TABLE, ctx.regionalScope()).stream()
        .filter(s -> s.restApiId().equals(req.restApiId()))
        .filter(s -> req.deploymentId() == null || req.deploymentId().equals(s.deploymentId()))
        .map(s -> RestShapes.stage(s, ApiGatewayTags.of(store, ctx, stagePath(s)))).toList()).build();
  }

  public DeleteStageResponse deleteStage(RequestContext ctx, DeleteStageRequest req) {
    store.write(tx -> {
      Stage s = stage(tx, ctx, req.restApiId(), req.stageName());
      tx.delete(Stage.TABLE, ctx.regionalScope(), Stage.key(s.restApiId(), s.stageName()));
      ApiGatewayTags.drop(tx, ctx, stagePath(s));
      return null;
    });
    return DeleteStageResponse.builder().build();
  }

  /**
   * UpdateStage: {@code /description}, {@code /deploymentId}, {@code /variables/<name>},
   * {@code /tracingEnabled}, {@code /cacheClusterEnabled} and method settings
   * {@code /<resource path, / as ~1>/<METHOD>/<throttling/rateLimit|throttling/burstLimit|logging/loglevel|logging/dataTrace|metrics/enabled|caching/…>}
   * ({@code /*}{@code /*}/… for every method).
   */
  public UpdateStageResponse updateStage(RequestContext ctx, UpdateStageRequest req) {
    Stage s = store.write(tx -> {
      Stage old = stage(tx, ctx, req.restApiId(), req.stageName());
      String[] text = {old.description(), old.deploymentId()};
      boolean[] flags = {old.tracingEnabled(), old.cacheClusterEnabled()};
      Map<String, String> vars = new LinkedHashMap<>(old.variables());
      Map<String, Stage.MethodSetting> settings = new LinkedHashMap<>(old.methodSettings());
      String[] log = old.accessLogSettings() == null ? new String[2]
          : new String[] {old.accessLogSettings().destinationArn(), old.accessLogSettings().format()};
      Patches.apply(req.patchOperations(), (op, p, value) -> {
        switch (p[0]) {
          case "description" -> text[0] = value;
          case "deploymentId" -> {
            deployment(tx, store, ctx, req.restApiId(), value);
            text[1] = value;
          }
          case "variables" -> {
            if (op.equals("remove")) vars.remove(p[1]);
            else vars.put(p[1], value);
          }
          case "tracingEnabled" -> flags[0] = Patches.bool(value);
          case "accessLogSettings" -> {
            if (op.equals("remove")) {
              log[0] = null;
              log[1] = null;
            } else if (p.length > 1 && p[1].equals("destinationArn")) {
              if (value == null || !value.startsWith("arn:")) throw ApiGatewayErrors.badRequest("Invalid ARN specified in the request");
              log[0] = value;
            } else if (p.length > 1 && p[1].equals("format")) {
              log[1] = value;
            } else {
              return false;
            }
          }
          case "cacheClusterEnabled" -> flags[1] = Patches.bool(value);
          default -> {
            if (p.length < 4) return false;
            String key = p[0] + "/" + p[1];
            Stage.MethodSetting m = settings.getOrDefault(key, Stage.MethodSetting.DEFAULT);
            Stage.MethodSetting changed = setting(m, p[2] + "/" + p[3], value);
            if (changed == null) return false;
            settings.put(key, changed);
          }
        }
        return true;
      });
      Stage stage = new Stage(old.restApiId(), old.stageName(), text[1], text[0], vars, settings, flags[0], flags[1],
          old.cacheClusterSize(), old.createdDate(), clock.instant(),
          log[0] == null && log[1] == null ? null : new Stage.AccessLogSettings(log[0], log[1]));
      tx.put(Stage.TABLE, ctx.regionalScope(), Stage.key(stage.restApiId(), stage.stageName()), stage);
      stageChanged(tx, ctx, stage.restApiId());
      return stage;
    });
    var sdk = RestShapes.stage(s, ApiGatewayTags.of(store, ctx, stagePath(s)));
    return UpdateStageResponse.builder().stageName(sdk.stageName()).deploymentId(sdk.deploymentId())
        .description(sdk.description()).variables(sdk.hasVariables() ? sdk.variables() : null)
        .methodSettings(sdk.methodSettings()).tracingEnabled(sdk.tracingEnabled())
        .cacheClusterEnabled(sdk.cacheClusterEnabled()).cacheClusterStatus(sdk.cacheClusterStatus())
        .createdDate(sdk.createdDate()).lastUpdatedDate(sdk.lastUpdatedDate()).accessLogSettings(sdk.accessLogSettings())
        .tags(sdk.hasTags() ? sdk.tags() : null).build();
  }

  private static Stage.MethodSetting setting(Stage.MethodSetting m, String name, String value) {
    try {
      return switch (name) {
        case "throttling/rateLimit" -> new Stage.MethodSetting(m.metricsEnabled(), m.loggingLevel(), m.dataTraceEnabled(),
            m.throttlingBurstLimit(), Double.parseDouble(value), m.cachingEnabled(), m.cacheTtlInSeconds(),
            m.cacheDataEncrypted(), m.requireAuthorizationForCacheControl(), m.unauthorizedCacheControlHeaderStrategy());
        case "throttling/burstLimit" -> new Stage.MethodSetting(m.metricsEnabled(), m.loggingLevel(), m.dataTraceEnabled(),
            Integer.parseInt(value), m.throttlingRateLimit(), m.cachingEnabled(), m.cacheTtlInSeconds(),
            m.cacheDataEncrypted(), m.requireAuthorizationForCacheControl(), m.unauthorizedCacheControlHeaderStrategy());
        case "caching/enabled" -> new Stage.MethodSetting(m.metricsEnabled(), m.loggingLevel(), m.dataTraceEnabled(),
            m.throttlingBurstLimit(), m.throttlingRateLimit(), Patches.bool(value), m.cacheTtlInSeconds(),
            m.cacheDataEncrypted(), m.requireAuthorizationForCacheControl(), m.unauthorizedCacheControlHeaderStrategy());
        case "caching/ttlInSeconds" -> {
          int ttl = Integer.parseInt(value);
          if (ttl < 0 || ttl > 3600) throw ApiGatewayErrors.badRequest("Cache TTL must be between 0 and 3600 seconds");
          yield new Stage.MethodSetting(m.metricsEnabled(), m.loggingLevel(), m.dataTraceEnabled(),
              m.throttlingBurstLimit(), m.throttlingRateLimit(), m.cachingEnabled(), ttl,
              m.cacheDataEncrypted(), m.requireAuthorizationForCacheControl(), m.unauthorizedCacheControlHeaderStrategy());
        }
        case "caching/requireAuthorizationForCacheControl" -> new Stage.MethodSetting(m.metricsEnabled(), m.loggingLevel(),
            m.dataTraceEnabled(), m.throttlingBurstLimit(), m.throttlingRateLimit(), m.cachingEnabled(), m.cacheTtlInSeconds(),
            m.cacheDataEncrypted(), Patches.bool(value), m.unauthorizedCacheControlHeaderStrategy());
        case "caching/unauthorizedCacheControlHeaderStrategy" -> new Stage.MethodSetting(m.metricsEnabled(), m.loggingLevel(),
            m.dataTraceEnabled(), m.throttlingBurstLimit(), m.throttlingRateLimit(), m.cachingEnabled(), m.cacheTtlInSeconds(),
            m.cacheDataEncrypted(), m.requireAuthorizationForCacheControl(), value);
        case "metrics/enabled" -> new Stage.MethodSetting(Patches.bool(value), m.loggingLevel(), m.dataTraceEnabled(),
            m.throttlingBurstLimit(), m.throttlingRateLimit(), m.cachingEnabled(), m.cacheTtlInSeconds(),
            m.cacheDataEncrypted(), m.requireAuthorizationForCacheControl(), m.unauthorizedCacheControlHeaderStrategy());
        case "logging/loglevel" -> new Stage.MethodSetting(m.metricsEnabled(), value, m.dataTraceEnabled(),
            m.throttlingBurstLimit(), m.throttlingRateLimit(), m.cachingEnabled(), m.cacheTtlInSeconds(),
            m.cacheDataEncrypted(), m.requireAuthorizationForCacheControl(), m.unauthorizedCacheControlHeaderStrategy());
        case "logging/dataTrace" -> new Stage.MethodSetting(m.metricsEnabled(), m.loggingLevel(), Patches.bool(value),
            m.throttlingBurstLimit(), m.throttlingRateLimit(), m.cachingEnabled(), m.cacheTtlInSeconds(),
            m.cacheDataEncrypted(), m.requireAuthorizationForCacheControl(), m.unauthorizedCacheControlHeaderStrategy());
        case "caching/dataEncrypted" -> new Stage.MethodSetting(m.metricsEnabled(), m.loggingLevel(), m.dataTraceEnabled(),
            m.throttlingBurstLimit(), m.throttlingRateLimit(), m.cachingEnabled(), m.cacheTtlInSeconds(),
            Patches.bool(value), m.requireAuthorizationForCacheControl(), m.unauthorizedCacheControlHeaderStrategy());
        default -> null;
      };
    } catch (NumberFormatException e) {
      throw ApiGatewayErrors.badRequest("Invalid value for " + name + ": " + value);
    }
  }
}
