package dev.stratus.apigateway.dataplane;

import dev.stratus.apigateway.model.Api;
import dev.stratus.apigateway.model.ApiKey;
import dev.stratus.apigateway.model.HttpDeployment;
import dev.stratus.apigateway.model.HttpStage;
import dev.stratus.apigateway.model.RouteSelection;
import dev.stratus.apigateway.model.Deployment;
import dev.stratus.apigateway.model.ResourceMatch;
import dev.stratus.apigateway.model.ResourcePolicy;
import dev.stratus.apigateway.model.RestApi;
import dev.stratus.apigateway.model.Stage;
import dev.stratus.apigateway.model.UsagePlan;
import dev.stratus.core.store.ReadView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the REST data plane serves, built from committed state: every REST API with its stages,
 * each stage with the deployment it serves (resources matched through a prebuilt {@link
 * ResourceMatch}), and the API keys and usage plans of the API's account and region.
 */
public record ApiSnapshot(Map<String, ApiView> apis, Map<String, HttpApiView> httpApis) {
  public static final ApiSnapshot EMPTY = new ApiSnapshot(Map.of(), Map.of());

  /** One HTTP or WebSocket API (v2) as traffic sees it, with its account's API keys and usage plans (WebSocket API keys). */
  public record HttpApiView(Api api, Map<String, HttpStageView> stages, Map<String, ApiKey> keysByValue,
      List<UsagePlan> plans) {
    public HttpApiView(Api api, Map<String, HttpStageView> stages) { this(api, stages, Map.of(), List.of()); }
  }

  /** One HTTP API stage: what it serves (the API itself when auto-deployed, else its deployment). */
  public record HttpStageView(HttpStage stage, Api served, RouteSelection routes) {}

  /** One REST API as traffic sees it. */
  public record ApiView(RestApi api, Map<String, StageView> stages, Map<String, ApiKey> keysByValue,
      List<UsagePlan> plans) {}

  /** One stage: its settings and the deployed API it serves. */
  /** @param policy the deployed resource policy (null: none; a PRIVATE API without one refuses everything) */
  public record StageView(Stage stage, RestApi deployed, ResourceMatch match, ResourcePolicy policy) {}

  public static ApiSnapshot load(ReadView view) {
    Map<String, ApiView> apis = new HashMap<>();
    Map<String, Map<String, ApiKey>> keysByScope = new HashMap<>();
    Map<String, List<UsagePlan>> plansByScope = new HashMap<>();
    for (RestApi api : view.listAll(RestApi.TABLE)) {
      String scope = api.accountId() + "/" + api.region();
      Map<String, StageView> stages = new HashMap<>();
      for (Stage s : view.list(Stage.TABLE, scope)) {
        if (!s.restApiId().equals(api.id())) continue;
        view.get(Deployment.TABLE, scope, Deployment.key(api.id(), s.deploymentId())).ifPresent(d ->
            stages.put(s.stageName(), new StageView(s, d.snapshot(), ResourceMatch.of(d.snapshot()),
                d.snapshot().policy() == null || d.snapshot().policy().isBlank() ? null : ResourcePolicy.parse(d.snapshot().policy()))));
      }
      Map<String, ApiKey> keys = keysByScope.computeIfAbsent(scope, x -> {
        Map<String, ApiKey> m = new HashMap<>();
        view.list(ApiKey.TABLE, x).forEach(k -> m.put(k.value(), k));
        return m;
      });
      List<UsagePlan> plans = plansByScope.computeIfAbsent(scope, x -> view.list(UsagePlan.TABLE, x));
      apis.put(api.id(), new ApiView(api, Map.copyOf(stages), keys, plans));
    }
    Map<String, HttpApiView> httpApis = new HashMap<>();
    for (Api api : view.listAll(Api.TABLE)) {
      if (api.accountId() == null || (!"HTTP".equals(api.protocolType()) && !"WEBSOCKET".equals(api.protocolType()))) continue;
      String scope = api.accountId() + "/" + api.region();
      Map<String, HttpStageView> stages = new HashMap<>();
      for (HttpStage s : view.list(HttpStage.TABLE, scope)) {
        if (!s.apiId().equals(api.apiId())) continue;
        Api served = s.autoDeploy() ? api : s.deploymentId() == null ? null
            : view.get(HttpDeployment.TABLE, scope, HttpDeployment.key(api.apiId(), s.deploymentId()))
                .map(HttpDeployment::snapshot).orElse(null);
        if (served != null) stages.put(s.stageName(), new HttpStageView(s, served, RouteSelection.of(served)));
      }
      Map<String, ApiKey> keys = keysByScope.computeIfAbsent(scope, x -> {
        Map<String, ApiKey> m = new HashMap<>();
        view.list(ApiKey.TABLE, x).forEach(k -> m.put(k.value(), k));
        return m;
      });
      List<UsagePlan> plans = plansByScope.computeIfAbsent(scope, x -> view.list(UsagePlan.TABLE, x));
      httpApis.put(api.apiId(), new HttpApiView(api, Map.copyOf(stages), keys, plans));
    }
    return new ApiSnapshot(Map.copyOf(apis), Map.copyOf(httpApis));
  }
}
