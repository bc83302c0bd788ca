package dev.stratus.apigateway;

import dev.stratus.apigateway.model.Deployment;
import dev.stratus.apigateway.model.RestApi;
import dev.stratus.apigateway.model.Stage;
import dev.stratus.core.RequestContext;
import dev.stratus.core.store.Store;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigateway.model.*;

/** ImportRestApi, PutRestApi and GetExport: REST APIs from and to OpenAPI 3 / Swagger 2 documents. */
public final class RestApiImportOperations {
  private final Store store;
  private final Clock clock;

  public RestApiImportOperations(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  private static String param(Map<String, String> parameters, String name) {
    return parameters == null ? null : parameters.get(name);
  }

  /** With warnings and {@code failOnWarnings}, AWS rolls back and answers them as the 400's message. */
  private static void checkWarnings(List<String> warnings, Boolean failOnWarnings) {
    if (Boolean.TRUE.equals(failOnWarnings) && !warnings.isEmpty()) {
      throw ApiGatewayErrors.badRequest("Warnings found during import:\n\t" + String.join("\n\t", warnings));
    }
  }

  public ImportRestApiResponse importRestApi(RequestContext ctx, ImportRestApiRequest req) {
    var doc = OpenApiDocuments.parse(req.body() == null ? null : req.body().asByteArray());
    String type = param(req.parameters(), "endpointConfigurationTypes");
    type = type == null ? "EDGE" : type.toUpperCase(Locale.ROOT);
    if (!List.of("EDGE", "REGIONAL", "PRIVATE").contains(type)) {
      throw ApiGatewayErrors.badRequest("Invalid endpoint type specified: " + type);
    }
    String rootId = ApiIds.next(10);
    var empty = new RestApi(ApiIds.next(10), ctx.accountId(), ctx.region(), "imported", null, clock.instant(), List.of(type),
        "HEADER", List.of(), null, rootId, Map.of(rootId, new RestApi.Resource(rootId, null, null, "/", Map.of())),
        Map.of(), Map.of(), Map.of(), Map.of(), List.of());
    var result = RestOpenApiImport.apply(doc, empty, false, param(req.parameters(), "basepath"));
    checkWarnings(result.warnings(), req.failOnWarnings());
    RestApi api = result.api();
    store.write(tx -> {
      tx.put(RestApi.TABLE, ctx.regionalScope(), api.id(), api);
      return null;
    });
    var s = RestShapes.restApi(api, Map.of());
    return ImportRestApiResponse.builder().id(s.id()).name(s.name()).description(s.description())
        .createdDate(s.createdDate()).apiKeySource(s.apiKeySource()).binaryMediaTypes(s.binaryMediaTypes())
        .endpointConfiguration(s.endpointConfiguration()).rootResourceId(s.rootResourceId()).policy(s.policy())
        .disableExecuteApiEndpoint(s.disableExecuteApiEndpoint()).warnings(result.warnings().isEmpty() ? null : result.warnings()).build();
  }

  public PutRestApiResponse putRestApi(RequestContext ctx, PutRestApiRequest req) {
    var doc = OpenApiDocuments.parse(req.body() == null ? null : req.body().asByteArray());
    String mode = req.modeAsString() == null ? "merge" : req.modeAsString();
    if (!mode.equals("merge") && !mode.equals("overwrite")) throw ApiGatewayErrors.badRequest("Invalid mode specified: " + mode);
    List<String>[] warnings = new List[1];
    RestApi api = RestApiOperations.change(store, ctx, req.restApiId(), a -> {
      var result = RestOpenApiImport.apply(doc, a, mode.equals("merge"), param(req.parameters(), "basepath"));
      checkWarnings(result.warnings(), req.failOnWarnings());
      warnings[0] = result.warnings();
      return result.api();
    });
    var s = RestShapes.restApi(api, ApiGatewayTags.of(store, ctx, "/restapis/" + api.id()));
    return PutRestApiResponse.builder().id(s.id()).name(s.name()).description(s.description())
        .createdDate(s.createdDate()).apiKeySource(s.apiKeySource()).binaryMediaTypes(s.binaryMediaTypes())
        .endpointConfiguration(s.endpointConfiguration()).rootResourceId(s.rootResourceId()).policy(s.policy())
        .disableExecuteApiEndpoint(s.disableExecuteApiEndpoint()).tags(s.tags()).warnings(warnings[0].isEmpty() ? null : warnings[0]).build();
  }

  public GetExportResponse getExport(RequestContext ctx, GetExportRequest req) {
    RestApiOperations.load(store, ctx, req.restApiId());
    String type = req.exportType();
    if (!"oas30".equals(type) && !"swagger".equals(type)) {
      throw ApiGatewayErrors.badRequest("Invalid export type specified: " + type);
    }
    Stage stage = store.get(Stage.TABLE, ctx.regionalScope(), Stage.key(req.restApiId(), String.valueOf(req.stageName())))
        .orElseThrow(ApiGatewayErrors::stageNotFound);
    Deployment d = store.get(Deployment.TABLE, ctx.regionalScope(), Deployment.key(req.restApiId(), stage.deploymentId()))
        .orElseThrow(ApiGatewayErrors::deploymentNotFound);
    Set<String> extensions = new TreeSet<>();
    String ext = param(req.parameters(), "extensions");
    if (ext != null) for (String e : ext.split(",")) extensions.add(e.trim().toLowerCase(Locale.ROOT));
    boolean yaml = req.accepts() != null && req.accepts().toLowerCase(Locale.ROOT).contains("yaml");
    var doc = RestOpenApiExport.export(d.snapshot(), stage.stageName(), d.createdDate(), type.equals("oas30"), extensions);
    String version = d.createdDate().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    return GetExportResponse.builder().contentType(yaml ? "application/yaml" : "application/json")
        .contentDisposition("attachment; filename=\"" + type + "_" + version + (yaml ? ".yaml" : ".json") + "\"")
        .body(SdkBytes.fromByteArray(OpenApiDocuments.write(doc, yaml))).build();
  }
}
