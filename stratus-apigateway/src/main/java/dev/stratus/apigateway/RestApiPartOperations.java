package dev.stratus.apigateway;

import dev.stratus.apigateway.model.GatewayResponseType;
import dev.stratus.apigateway.model.RestApi;
import dev.stratus.core.RequestContext;
import dev.stratus.core.store.Store;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.services.apigateway.model.*;

/** The API Gateway v1 operations over a REST API's models, request validators, gateway responses and authorizers. */
public final class RestApiPartOperations {
  private final Store store;

  public RestApiPartOperations(Store store) { this.store = store; }

  private static RestApi.Model model(RestApi api, String name) {
    return api.models().values().stream().filter(m -> m.name().equals(name)).findFirst()
        .orElseThrow(() -> ApiGatewayErrors.modelNotFound(name));
  }

  public CreateModelResponse createModel(RequestContext ctx, CreateModelRequest req) {
    if (req.name() == null || !req.name().matches("[a-zA-Z0-9]+")) {
      throw ApiGatewayErrors.badRequest("Model name must be non-empty and alphanumeric");
    }
    if (req.contentType() == null) throw ApiGatewayErrors.required("createModelInput", "contentType");
    if (req.schema() != null) {
      try {
        dev.stratus.core.store.StoreJson.MAPPER.readTree(req.schema());
      } catch (RuntimeException e) {
        throw ApiGatewayErrors.badRequest("Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified]");
      }
    }
    var m = new RestApi.Model(ApiIds.next(6), req.name(), req.description(), req.schema(), req.contentType());
    RestApiOperations.change(store, ctx, req.restApiId(), a -> {
      if (a.models().values().stream().anyMatch(x -> x.name().equals(req.name()))) {
        throw ApiGatewayErrors.conflict("Model name already exists for this REST API");
      }
      return a.withModels(ms -> {
        ms.put(m.id(), m);
        return ms;
      });
    });
    return CreateModelResponse.builder().id(m.id()).name(m.name()).description(m.description()).schema(m.schema())
        .contentType(m.contentType()).build();
  }

  public GetModelResponse getModel(RequestContext ctx, GetModelRequest req) {
    var m = model(RestApiOperations.load(store, ctx, req.restApiId()), req.modelName());
    return GetModelResponse.builder().id(m.id()).name(m.name()).description(m.description()).schema(m.schema())
        .contentType(m.contentType()).build();
  }

  public GetModelsResponse getModels(RequestContext ctx, GetModelsRequest req) {
    return GetModelsResponse.builder().items(RestApiOperations.load(store, ctx, req.restApiId()).models().values().stream()
        .map(RestShapes::model).toList()).build();
  }

  public DeleteModelResponse deleteModel(RequestContext ctx, DeleteModelRequest req) {
    RestApiOperations.change(store, ctx, req.restApiId(), a -> {
      var m = model(a, req.modelName());
      boolean used = a.resources().values().stream().flatMap(r -> r.methods().values().stream())
          .anyMatch(x -> x.requestModels().containsValue(m.name()));
      if (used) throw ApiGatewayErrors.conflict("Cannot delete model '" + m.name() + "', is referenced in method request");
      return a.withModels(ms -> {
        ms.remove(m.id());
        return ms;
      });
    });
    return DeleteModelResponse.builder().build();
  }

  public CreateRequestValidatorResponse createRequestValidator(RequestContext ctx, CreateRequestValidatorRequest req) {
    var v = new RestApi.RequestValidator(ApiIds.next(6), req.name(), Boolean.TRUE.equals(req.validateRequestBody()),
        Boolean.TRUE.equals(req.validateRequestParameters()));
    RestApiOperations.change(store, ctx, req.restApiId(), a -> a.withValidators(vs -> {
      vs.put(v.id(), v);
      return vs;
    }));
    return CreateRequestValidatorResponse.builder().id(v.id()).name(v.name()).validateRequestBody(v.validateRequestBody())
        .validateRequestParameters(v.validateRequestParameters()).build();
  }

  public GetRequestValidatorResponse getRequestValidator(RequestContext ctx, GetRequestValidatorRequest req) {
    var v = RestApiOperations.load(store, ctx, req.restApiId()).validators().get(req.requestValidatorId());
    if (v == null) throw ApiGatewayErrors.validatorNotFound();
    return GetRequestValidatorResponse.builder().id(v.id()).name(v.name()).validateRequestBody(v.validateRequestBody())
        .validateRequestParameters(v.validateRequestParameters()).build();
  }

  public GetRequestValidatorsResponse getRequestValidators(RequestContext ctx, GetRequestValidatorsRequest req) {
    return GetRequestValidatorsResponse.builder().items(RestApiOperations.load(store, ctx, req.restApiId()).validators()
        .values().stream().map(RestShapes::validator).toList()).build();
  }

  public DeleteRequestValidatorResponse deleteRequestValidator(RequestContext ctx, DeleteRequestValidatorRequest req) {
    RestApiOperations.change(store, ctx, req.restApiId(), a -> {
      if (!a.validators().containsKey(req.requestValidatorId())) throw ApiGatewayErrors.validatorNotFound();
      return a.withValidators(vs -> {
        vs.remove(req.requestValidatorId());
        return vs;
      });
    });
    return DeleteRequestValidatorResponse.builder().build();
  }

  private static GatewayResponseType type(String value) {
    GatewayResponseType t = GatewayResponseType.fromAws(value);
    if (t == null) {
      throw ApiGatewayErrors.badRequest("1 validation error detected: Value '" + value + "' at 'responseType' failed to"
          + " satisfy constraint: Member must satisfy enum value set: " + Arrays.toString(GatewayResponseType.values()));
    }
    return t;
  }

  public PutGatewayResponseResponse putGatewayResponse(RequestContext ctx, PutGatewayResponseRequest req) {
    GatewayResponseType t = type(req.responseTypeAsString());
    if (req.statusCode() != null && !req.statusCode().matches("[1-5]\\d\\d")) {
      throw ApiGatewayErrors.badRequest("Invalid status code specified: " + req.statusCode());
    }
    var g = new RestApi.GatewayResponse(t.name(), req.statusCode(), req.responseParameters(), req.responseTemplates());
    RestApi api = RestApiOperations.change(store, ctx, req.restApiId(), a -> a.withGatewayResponses(gs -> {
      gs.put(t.name(), g);
      return gs;
    }));
    var s = RestShapes.gatewayResponse(api, t);
    return PutGatewayResponseResponse.builder().responseType(s.responseType()).statusCode(s.statusCode())
        .responseParameters(s.responseParameters()).responseTemplates(s.responseTemplates()).defaultResponse(false).build();
  }

  public GetGatewayResponseResponse getGatewayResponse(RequestContext ctx, GetGatewayResponseRequest req) {
    RestApi api = RestApiOperations.load(store, ctx, req.restApiId());
    var s = RestShapes.gatewayResponse(api, type(req.responseTypeAsString()));
    return GetGatewayResponseResponse.builder().responseType(s.responseType()).statusCode(s.statusCode())
        .responseParameters(s.responseParameters()).responseTemplates(s.responseTemplates())
        .defaultResponse(s.defaultResponse()).build();
  }

  public GetGatewayResponsesResponse getGatewayResponses(RequestContext ctx, GetGatewayResponsesRequest req) {
    RestApi api = RestApiOperations.load(store, ctx, req.restApiId());
    return GetGatewayResponsesResponse.builder().items(Arrays.stream(GatewayResponseType.values())
        .map(t -> RestShapes.gatewayResponse(api, t)).toList()).build();
  }

  public DeleteGatewayResponseResponse deleteGatewayResponse(RequestContext ctx, DeleteGatewayResponseRequest req) {
    GatewayResponseType t = type(req.responseTypeAsString());
    RestApiOperations.change(store, ctx, req.restApiId(), a -> {
      if (!a.gatewayResponses().containsKey(t.name())) throw ApiGatewayErrors.notFound("Invalid Gateway Response type specified");
      return a.withGatewayResponses(gs -> {
        gs.remove(t.name());
        return gs;
      });
    });
    return DeleteGatewayResponseResponse.builder().build();
  }

  public CreateAuthorizerResponse createAuthorizer(RequestContext ctx, CreateAuthorizerRequest req) {
    String type = req.typeAsString();
    if (!List.of("TOKEN", "REQUEST", "COGNITO_USER_POOLS").contains(String.valueOf(type))) {
      throw ApiGatewayErrors.badRequest("Invalid authorizer type specified: " + type);
    }
    if (!type.equals("COGNITO_USER_POOLS") && req.authorizerUri() == null) {
      throw ApiGatewayErrors.badRequest("Authorizer URI is required for TOKEN and REQUEST authorizers");
    }
    if (type.equals("COGNITO_USER_POOLS") && (req.providerARNs() == null || req.providerARNs().isEmpty())) {
      throw ApiGatewayErrors.badRequest("ProviderARNs need to be specified for COGNITO_USER_POOLS authorizers");
    }
    if (type.equals("TOKEN") && req.identitySource() == null) {
      throw ApiGatewayErrors.badRequest("Identity Source is required for TOKEN authorizers");
    }
    int ttl = req.authorizerResultTtlInSeconds() == null ? 300 : req.authorizerResultTtlInSeconds();
    if (ttl < 0 || ttl > 3600) throw ApiGatewayErrors.badRequest("Authorizer result TTL must be between 0 and 3600 seconds");
    // AWS fills authType when it is not given: "custom" for Lambda authorizers (AWS's examples show it)
    String authType = req.authType() != null ? req.authType() : type.equals("COGNITO_USER_POOLS") ? "cognito_user_pools" : "custom";
    var a = new RestApi.Authorizer(ApiIds.next(6), req.name(), type, req.providerARNs(), authType, req.authorizerUri(),
        req.authorizerCredentials(), req.identitySource(), req.identityValidationExpression(), ttl);
    RestApiOperations.change(store, ctx, req.restApiId(), api -> api.withAuthorizers(as -> {
      as.put(a.id(), a);
      return as;
    }));
    var s = RestShapes.authorizer(a);
    return CreateAuthorizerResponse.builder().id(s.id()).name(s.name()).type(s.type()).providerARNs(s.providerARNs())
        .authType(s.authType()).authorizerUri(s.authorizerUri()).authorizerCredentials(s.authorizerCredentials())
        .identitySource(s.identitySource()).identityValidationExpression(s.identityValidationExpression())
        .authorizerResultTtlInSeconds(s.authorizerResultTtlInSeconds()).build();
  }

  public GetAuthorizerResponse getAuthorizer(RequestContext ctx, GetAuthorizerRequest req) {
    var a = RestApiOperations.load(store, ctx, req.restApiId()).authorizers().get(req.authorizerId());
    if (a == null) throw ApiGatewayErrors.authorizerNotFound();
    var s = RestShapes.authorizer(a);
    return GetAuthorizerResponse.builder().id(s.id()).name(s.name()).type(s.type()).providerARNs(s.providerARNs())
        .authType(s.authType()).authorizerUri(s.authorizerUri()).authorizerCredentials(s.authorizerCredentials())
        .identitySource(s.identitySource()).identityValidationExpression(s.identityValidationExpression())
        .authorizerResultTtlInSeconds(s.authorizerResultTtlInSeconds()).build();
  }

  public GetAuthorizersResponse getAuthorizers(RequestContext ctx, GetAuthorizersRequest req) {
    return GetAuthorizersResponse.builder().items(RestApiOperations.load(store, ctx, req.restApiId()).authorizers().values()
        .stream().map(RestShapes::authorizer).toList()).build();
  }

  public DeleteAuthorizerResponse deleteAuthorizer(RequestContext ctx, DeleteAuthorizerRequest req) {
    RestApiOperations.change(store, ctx, req.restApiId(), a -> {
      if (!a.authorizers().containsKey(req.authorizerId())) throw ApiGatewayErrors.authorizerNotFound();
      boolean used = a.resources().values().stream().flatMap(r -> r.methods().values().stream())
          .anyMatch(m -> req.authorizerId().equals(m.authorizerId()));
      if (used) throw ApiGatewayErrors.conflict("Cannot delete authorizer, is referenced in method");
      return a.withAuthorizers(as -> {
        as.remove(req.authorizerId());
        return as;
      });
    });
    return DeleteAuthorizerResponse.builder().build();
  }
}
