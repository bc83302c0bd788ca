package dev.stratus.apigateway;

import dev.stratus.apigateway.model.Deployment;
import dev.stratus.apigateway.model.RestApi;
import dev.stratus.apigateway.model.Stage;
import dev.stratus.core.Pagination;
import dev.stratus.core.RequestContext;
import dev.stratus.core.store.ReadView;
import dev.stratus.core.store.Store;
import dev.stratus.core.store.Transaction;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.apigateway.model.*;

/** The API Gateway v1 operations over REST APIs and their resources. */
public final class RestApiOperations {
  /** GetRestApis / GetResources limit: default 25, maximum 500 (API reference). */
  private static final int DEFAULT_LIMIT = 25;
  private static final int MAX_LIMIT = 500;
  /** A path part: letters, digits, {@code ._-}, or one {@code {variable}} / greedy {@code {variable+}}. */
  private static final Pattern PATH_PART = Pattern.compile("[a-zA-Z0-9._-]+|\\{[a-zA-Z0-9._-]+\\+?}");

  private final Store store;
  private final Clock clock;

  public RestApiOperations(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  static RestApi load(ReadView view, RequestContext ctx, String id) {
    if (id == null) throw ApiGatewayErrors.restApiNotFound(ctx.accountId(), "null");
    return view.get(RestApi.TABLE, ctx.regionalScope(), id)
        .orElseThrow(() -> ApiGatewayErrors.restApiNotFound(ctx.accountId(), id));
  }

  /** Reads, changes and stores one REST API in a transaction; returns the changed API. */
  static RestApi change(Store store, RequestContext ctx, String id, UnaryOperator<RestApi> change) {
    return store.write(tx -> {
      RestApi changed = change.apply(load(tx, ctx, id));
      tx.put(RestApi.TABLE, ctx.regionalScope(), id, changed);
      return changed;
    });
  }

  static RestApi.Resource resource(RestApi api, String resourceId) {
    RestApi.Resource r = resourceId == null ? null : api.resources().get(resourceId);
    if (r == null) throw ApiGatewayErrors.resourceNotFound();
    return r;
  }

  public CreateRestApiResponse createRestApi(RequestContext ctx, CreateRestApiRequest req) {
    if (req.name() == null || req.name().isBlank()) throw ApiGatewayErrors.required("createRestApiInput", "name");
    List<String> types = req.endpointConfiguration() == null || !req.endpointConfiguration().hasTypes()
        ? List.of("EDGE") : req.endpointConfiguration().typesAsStrings();
    if (types.size() != 1) throw ApiGatewayErrors.badRequest("Only one endpoint type may be specified");
    if (!List.of("EDGE", "REGIONAL", "PRIVATE").contains(types.getFirst())) {
      throw ApiGatewayErrors.badRequest("Invalid endpoint type specified: " + types.getFirst());
    }
    String keySource = req.apiKeySourceAsString() == null ? "HEADER" : req.apiKeySourceAsString();
    if (!keySource.equals("HEADER") && !keySource.equals("AUTHORIZER")) {
      throw ApiGatewayErrors.badRequest("Invalid API Key source specified: " + keySource);
    }
    String id = ApiIds.next(10);
    String rootId = ApiIds.next(10);
    var root = new RestApi.Resource(rootId, null, null, "/", Map.of());
    // vpcEndpointIds name the endpoints a PRIVATE API gets Route 53 aliases for (none for other types).
    List<String> vpces = req.endpointConfiguration() == null || !req.endpointConfiguration().hasVpcEndpointIds()
        || !types.getFirst().equals("PRIVATE") ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(
            req.endpointConfiguration().vpcEndpointIds()));
    RestApi api = new RestApi(id, ctx.accountId(), ctx.region(), req.name(), req.description(), clock.instant(), types,
        keySource, req.binaryMediaTypes(), req.policy(), rootId, Map.of(rootId, root), defaultModels(), Map.of(), Map.of(),
        Map.of(), vpces, Boolean.TRUE.equals(req.disableExecuteApiEndpoint()),
        Boolean.TRUE.equals(req.disableExecuteApiEndpoint()));
    store.write(tx -> {
      tx.put(RestApi.TABLE, ctx.regionalScope(), id, api);
      ApiGatewayTags.put(tx, ctx, "/restapis/" + id, req.tags());
      return null;
    });
    var s = RestShapes.restApi(api, req.tags() == null ? Map.of() : req.tags());
    return CreateRestApiResponse.builder().id(s.id()).name(s.name()).description(s.description())
        .createdDate(s.createdDate()).apiKeySource(s.apiKeySource()).binaryMediaTypes(s.binaryMediaTypes())
        .endpointConfiguration(s.endpointConfiguration()).rootResourceId(rootId).policy(s.policy())
        .disableExecuteApiEndpoint(s.disableExecuteApiEndpoint()).tags(s.tags()).build();
  }

  /** The models AWS gives every new REST API: Empty and Error (AWS's get-model example shows Empty). */
  private static Map<String, RestApi.Model> defaultModels() {
    var empty = new RestApi.Model(ApiIds.next(6), "Empty", "This is a default empty schema model",
        "{\n  \"$schema\": \"http://json-schema.org/draft-04/schema#\",\n  \"title\" : \"Empty Schema\",\n  \"type\" : \"object\"\n}",
        "application/json");
    var error = new RestApi.Model(ApiIds.next(6), "Error", "This is a default error schema model",
        "{\n  \"$schema\" : \"http://json-schema.org/draft-04/schema#\",\n  \"title\" : \"Error Schema\",\n  \"type\" : \"object\",\n"
            + "  \"properties\" : {\n    \"message\" : { \"type\" : \"string\" }\n  }\n}", "application/json");
    Map<String, RestApi.Model> models = new java.util.LinkedHashMap<>();
    models.put(empty.id(), empty);
    models.put(error.id(), error);
    return models;
  }

  public GetRestApisResponse getRestApis(RequestContext ctx, GetRestApisRequest req) {
    int limit = limit(req.limit());
    var all = store.list(RestApi.TABLE, ctx.regionalScope());
    var page = Pagination.page(all, RestApi::id, req.position(), limit,
        p -> ApiGatewayErrors.badRequest("Invalid position parameter"));
    return GetRestApisResponse.builder()
        .items(page.items().stream().map(a -> RestShapes.restApi(a, ApiGatewayTags.of(store, ctx, "/restapis/" + a.id()))).toList())
        .position(page.nextMarker().orElse(null))
        .build();
  }

  public GetRestApiResponse getRestApi(RequestContext ctx, GetRestApiRequest req) {
    var s = RestShapes.restApi(load(store, ctx, req.restApiId()), ApiGatewayTags.of(store, ctx, "/restapis/" + req.restApiId()));
    return GetRestApiResponse.builder().id(s.id()).name(s.name()).description(s.description())
        .createdDate(s.createdDate()).apiKeySource(s.apiKeySource()).binaryMediaTypes(s.binaryMediaTypes())
        .endpointConfiguration(s.endpointConfiguration()).rootResourceId(s.rootResourceId()).policy(s.policy())
        .disableExecuteApiEndpoint(s.disableExecuteApiEndpoint()).tags(s.tags()).build();
  }

  public UpdateRestApiResponse updateRestApi(RequestContext ctx, UpdateRestApiRequest req) {
    RestApi api = change(store, ctx, req.restApiId(), a -> {
      String[] name = {a.name()}, description = {a.description()}, keySource = {a.apiKeySource()}, policy = {a.policy()};
      boolean[] disableDefault = {a.disableExecuteApiEndpoint()};
      List<String> binary = new ArrayList<>(a.binaryMediaTypes());
      List<String> vpces = new ArrayList<>(a.vpcEndpointIds());
      Patches.apply(req.patchOperations(), (op, p, value) -> switch (p[0]) {
        case "endpointConfiguration" -> {
          // add or remove one execute-api endpoint (its alias comes and goes with it); PRIVATE APIs only.
          if (p.length != 2 || !p[1].equals("vpcEndpointIds") || value == null) yield false;
          if (!a.endpointTypes().contains("PRIVATE")) {
            throw ApiGatewayErrors.badRequest("VPC endpoint IDs are only supported for PRIVATE endpoint types.");
          }
          if (op.equals("remove")) vpces.remove(value);
          else if (op.equals("add") && !vpces.contains(value)) vpces.add(value);
          else if (!op.equals("add")) yield false;
          yield true;
        }
        case "name" -> { name[0] = value; yield true; }
        case "description" -> { description[0] = value; yield true; }
        case "apiKeySource" -> {
          if (!"HEADER".equals(value) && !"AUTHORIZER".equals(value)) {
            throw ApiGatewayErrors.badRequest("Invalid API Key source specified: " + value);
          }
          keySource[0] = value;
          yield true;
        }
        case "policy" -> { policy[0] = value; yield true; }
        case "disableExecuteApiEndpoint" -> { disableDefault[0] = Patches.bool(value); yield true; }
        case "binaryMediaTypes" -> {
          String type = Patches.unescape(Patches.path(p, 1));
          if (op.equals("remove")) binary.remove(type);
          else if (!binary.contains(type)) binary.add(type);
          yield true;
        }
        default -> false;
      });
      return a.withSettings(name[0], description[0], keySource[0], binary, policy[0]).withVpcEndpointIds(vpces)
          .withDisableExecuteApiEndpoint(disableDefault[0]);
    });
    var s = RestShapes.restApi(api, ApiGatewayTags.of(store, ctx, "/restapis/" + api.id()));
    return UpdateRestApiResponse.builder().id(s.id()).name(s.name()).description(s.description())
        .createdDate(s.createdDate()).apiKeySource(s.apiKeySource()).binaryMediaTypes(s.binaryMediaTypes())
        .endpointConfiguration(s.endpointConfiguration()).rootResourceId(s.rootResourceId()).policy(s.policy())
        .disableExecuteApiEndpoint(s.disableExecuteApiEndpoint()).tags(s.tags()).build();
  }

  public DeleteRestApiResponse deleteRestApi(RequestContext ctx, DeleteRestApiRequest req) {
    store.write(tx -> {
      load(tx, ctx, req.restApiId());
      String scope = ctx.regionalScope();
      tx.delete(RestApi.TABLE, scope, req.restApiId());
      for (Stage s : tx.list(Stage.TABLE, scope)) {
        if (s.restApiId().equals(req.restApiId())) {
          tx.delete(Stage.TABLE, scope, Stage.key(s.restApiId(), s.stageName()));
          ApiGatewayTags.drop(tx, ctx, "/restapis/" + s.restApiId() + "/stages/" + s.stageName());
        }
      }
      for (Deployment d : tx.list(Deployment.TABLE, scope)) {
        if (d.restApiId().equals(req.restApiId())) tx.delete(Deployment.TABLE, scope, Deployment.key(d.restApiId(), d.id()));
      }
      ApiGatewayTags.drop(tx, ctx, "/restapis/" + req.restApiId());
      return null;
    });
    return DeleteRestApiResponse.builder().build();
  }

  public CreateResourceResponse createResource(RequestContext ctx, CreateResourceRequest req) {
    String part = req.pathPart();
    if (part == null || !PATH_PART.matcher(part).matches()) {
      throw ApiGatewayErrors.badRequest("Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning"
          + " and the end and an optional plus sign before the closing brace.");
    }
    String id = ApiIds.next(6);
    RestApi api = change(store, ctx, req.restApiId(), a -> {
      RestApi.Resource parent = resource(a, req.parentId());
      if (parent.pathPart() != null && parent.pathPart().endsWith("+}")) {
        throw ApiGatewayErrors.badRequest("Cannot create a child of a resource with a greedy path variable: " + parent.pathPart());
      }
      for (RestApi.Resource sibling : a.resources().values()) {
        if (!parent.id().equals(sibling.parentId())) continue;
        if (sibling.pathPart().equals(part)) {
          throw ApiGatewayErrors.conflict("Another resource with the same parent already has this name: " + part);
        }
        if (part.startsWith("{") && sibling.pathPart().startsWith("{")) {
          throw ApiGatewayErrors.badRequest("A sibling (" + sibling.pathPart()
              + ") of this resource already has a variable path part -- only one is allowed");
        }
      }
      String path = (parent.path().equals("/") ? "" : parent.path()) + "/" + part;
      return a.withResources(m -> {
        m.put(id, new RestApi.Resource(id, parent.id(), part, path, Map.of()));
        return m;
      });
    });
    var r = RestShapes.resource(api.resources().get(id));
    return CreateResourceResponse.builder().id(r.id()).parentId(r.parentId()).pathPart(r.pathPart()).path(r.path()).build();
  }

  public GetResourceResponse getResource(RequestContext ctx, GetResourceRequest req) {
    var r = RestShapes.resource(resource(load(store, ctx, req.restApiId()), req.resourceId()));
    return GetResourceResponse.builder().id(r.id()).parentId(r.parentId()).pathPart(r.pathPart()).path(r.path())
        .resourceMethods(r.hasResourceMethods() ? r.resourceMethods() : null).build();
  }

  public GetResourcesResponse getResources(RequestContext ctx, GetResourcesRequest req) {
    RestApi api = load(store, ctx, req.restApiId());
    int limit = limit(req.limit());
    List<RestApi.Resource> all = api.resources().values().stream().sorted(Comparator.comparing(RestApi.Resource::path)).toList();
    var page = Pagination.page(all, RestApi.Resource::id, req.position(), limit,
        p -> ApiGatewayErrors.badRequest("Invalid position parameter"));
    return GetResourcesResponse.builder().items(page.items().stream().map(RestShapes::resource).toList())
        .position(page.nextMarker().orElse(null)).build();
  }

  public DeleteResourceResponse deleteResource(RequestContext ctx, DeleteResourceRequest req) {
    change(store, ctx, req.restApiId(), a -> {
      RestApi.Resource r = resource(a, req.resourceId());
      if (r.id().equals(a.rootResourceId())) throw ApiGatewayErrors.badRequest("Cannot delete root resource");
      return a.withResources(m -> {
        m.values().removeIf(x -> x.path().equals(r.path()) || x.path().startsWith(r.path() + "/"));
        return m;
      });
    });
    return DeleteResourceResponse.builder().build();
  }

  private static int limit(Integer given) {
    int limit = given == null ? DEFAULT_LIMIT : given;
    if (limit < 1 || limit > MAX_LIMIT) throw ApiGatewayErrors.badRequest("Invalid limit: " + limit);
    return limit;
  }
}
