package dev.stratus.lambda;

import dev.stratus.core.AwsException;
import dev.stratus.core.Pagination;
import dev.stratus.core.RequestContext;
import dev.stratus.core.store.Store;
import dev.stratus.core.store.Transaction;
import dev.stratus.lambda.model.FunctionAlias;
import dev.stratus.lambda.model.FunctionVersion;
import dev.stratus.lambda.model.LambdaFunction;
import dev.stratus.lambda.model.LambdaRules;
import dev.stratus.lambda.model.VersionCounter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.AliasRoutingConfiguration;
import software.amazon.awssdk.services.lambda.model.CreateAliasRequest;
import software.amazon.awssdk.services.lambda.model.CreateAliasResponse;
import software.amazon.awssdk.services.lambda.model.DeleteAliasRequest;
import software.amazon.awssdk.services.lambda.model.DeleteAliasResponse;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetAliasRequest;
import software.amazon.awssdk.services.lambda.model.GetAliasResponse;
import software.amazon.awssdk.services.lambda.model.ListAliasesRequest;
import software.amazon.awssdk.services.lambda.model.ListAliasesResponse;
import software.amazon.awssdk.services.lambda.model.ListVersionsByFunctionRequest;
import software.amazon.awssdk.services.lambda.model.ListVersionsByFunctionResponse;
import software.amazon.awssdk.services.lambda.model.PublishVersionRequest;
import software.amazon.awssdk.services.lambda.model.PublishVersionResponse;
import software.amazon.awssdk.services.lambda.model.UpdateAliasRequest;
import software.amazon.awssdk.services.lambda.model.UpdateAliasResponse;

/**
 * Versions and aliases: PublishVersion (a numbered, immutable copy of {@code $LATEST}; nothing new
 * when nothing changed since the last one), ListVersionsByFunction, and Create/Get/Update/List/
 * DeleteAlias with weighted routing to one additional version.
 */
public final class VersionOperations {
  private static final int DEFAULT_MAX_ITEMS = 50;
  private static final String ALIAS_PATTERN = "(?!^[0-9]+$)([a-zA-Z0-9-_]+)";
  private static final String VERSION_PATTERN = "(\\$LATEST|[0-9]+)";

  private final Store store;

  VersionOperations(Store store) { this.store = store; }

  public PublishVersionResponse publishVersion(RequestContext ctx, PublishVersionRequest req) {
    var ref = unqualified(req.functionName());
    var published = store.write(tx -> {
      var found = Functions.find(tx, ctx, ref, null);
      var f = found.function();
      if (req.codeSha256() != null && !req.codeSha256().equals(f.codeSha256())) {
        throw LambdaErrors.invalidParameter("CodeSHA256 (" + req.codeSha256() + ") is different from current CodeSHA256"
            + " in $LATEST (" + f.codeSha256() + "). Please try again with the CodeSHA256 in $LATEST.");
      }
      if (req.revisionId() != null && !req.revisionId().equals(f.revisionId())) {
        throw new AwsException("PreconditionFailedException", 412, "The Revision Id provided does not match the latest"
            + " Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
      }
      String versions = Functions.versionScope(found.scope(), f.functionName());
      var last = versions(tx, versions).stream().reduce((a, b) -> b);
      // Lambda publishes nothing new when neither code nor configuration changed since the last version.
      if (last.isPresent() && sameRevision(last.get().config(), f)) return last.get();
      long number = tx.get(VersionCounter.TABLE, found.scope(), f.functionName()).map(VersionCounter::last).orElse(0L) + 1;
      tx.put(VersionCounter.TABLE, found.scope(), f.functionName(), new VersionCounter(f.functionName(), number));
      var v = new FunctionVersion(Long.toString(number), f, req.description() != null ? req.description() : "",
          UUID.randomUUID().toString(), List.of());
      tx.put(FunctionVersion.TABLE, versions, v.version(), v);
      return v;
    });
    return Functions.copy(configuration(published), PublishVersionResponse.builder()).build();
  }

  public ListVersionsByFunctionResponse listVersionsByFunction(RequestContext ctx, ListVersionsByFunctionRequest req) {
    var ref = unqualified(req.functionName());
    int max = maxItems(req.maxItems());
    var found = Functions.find(store, ctx, ref, null);
    var all = new ArrayList<FunctionConfiguration>();
    all.add(Functions.configuration(found.function()));
    versions(store, Functions.versionScope(found.scope(), found.function().functionName()))
        .forEach(v -> all.add(configuration(v)));
    var page = Pagination.page(all, FunctionConfiguration::version, req.marker(), max,
        m -> LambdaErrors.invalidParameter("Invalid marker: " + m));
    return ListVersionsByFunctionResponse.builder().versions(page.items()).nextMarker(page.nextMarker().orElse(null))
        .build();
  }

  public CreateAliasResponse createAlias(RequestContext ctx, CreateAliasRequest req) {
    var ref = unqualified(req.functionName());
    checkAliasName(req.name());
    checkVersion(req.functionVersion());
    var alias = store.write(tx -> {
      var found = Functions.find(tx, ctx, ref, null);
      String versions = Functions.versionScope(found.scope(), found.function().functionName());
      String arn = found.function().functionArn() + ":" + req.name();
      if (tx.get(FunctionAlias.TABLE, versions, req.name()).isPresent()) {
        throw LambdaErrors.conflict("Alias already exists: " + arn);
      }
      var weights = weights(tx, found.function(), versions, req.functionVersion(), req.routingConfig());
      requireVersion(tx, found.function(), versions, req.functionVersion());
      var a = new FunctionAlias(req.name(), arn, req.functionVersion(), req.description() == null ? "" : req.description(),
          weights, UUID.randomUUID().toString(), List.of());
      tx.put(FunctionAlias.TABLE, versions, a.name(), a);
      return a;
    });
    return Functions.copy(configuration(alias), CreateAliasResponse.builder()).build();
  }

  public GetAliasResponse getAlias(RequestContext ctx, GetAliasRequest req) {
    var ref = unqualified(req.functionName());
    var found = Functions.find(store, ctx, ref, null);
    var a = alias(store, found, req.name());
    return Functions.copy(configuration(a), GetAliasResponse.builder()).build();
  }

  public UpdateAliasResponse updateAlias(RequestContext ctx, UpdateAliasRequest req) {
    var ref = unqualified(req.functionName());
    if (req.functionVersion() != null) checkVersion(req.functionVersion());
    var alias = store.write(tx -> {
      var found = Functions.find(tx, ctx, ref, null);
      String versions = Functions.versionScope(found.scope(), found.function().functionName());
      var a = alias(tx, found, req.name());
      if (req.revisionId() != null && !req.revisionId().equals(a.revisionId())) {
        throw new AwsException("PreconditionFailedException", 412, "The Revision Id provided does not match the latest"
            + " Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
      }
      String version = req.functionVersion() != null ? req.functionVersion() : a.functionVersion();
      requireVersion(tx, found.function(), versions, version);
      Map<String, Double> weights = req.routingConfig() != null
          ? weights(tx, found.function(), versions, version, req.routingConfig())
          : weights(tx, found.function(), versions, version,
              AliasRoutingConfiguration.builder().additionalVersionWeights(a.additionalVersionWeights()).build());
      var next = new FunctionAlias(a.name(), a.aliasArn(), version,
          req.description() != null ? req.description() : a.description(), weights, UUID.randomUUID().toString(),
          a.policy());
      tx.put(FunctionAlias.TABLE, versions, a.name(), next);
      return next;
    });
    return Functions.copy(configuration(alias), UpdateAliasResponse.builder()).build();
  }

  public ListAliasesResponse listAliases(RequestContext ctx, ListAliasesRequest req) {
    var ref = unqualified(req.functionName());
    if (req.functionVersion() != null) checkVersion(req.functionVersion());
    int max = maxItems(req.maxItems());
    var found = Functions.find(store, ctx, ref, null);
    var all = store.list(FunctionAlias.TABLE, Functions.versionScope(found.scope(), found.function().functionName()))
        .stream()
        .filter(a -> req.functionVersion() == null || a.functionVersion().equals(req.functionVersion()))
        .sorted(Comparator.comparing(FunctionAlias::name))
        .toList();
    var page = Pagination.page(all, FunctionAlias::name, req.marker(), max,
        m -> LambdaErrors.invalidParameter("Invalid marker: " + m));
    return ListAliasesResponse.builder().aliases(page.items().stream().map(VersionOperations::configuration).toList())
        .nextMarker(page.nextMarker().orElse(null)).build();
  }

  public DeleteAliasResponse deleteAlias(RequestContext ctx, DeleteAliasRequest req) {
    var ref = unqualified(req.functionName());
    checkAliasName(req.name());
    store.write(tx -> {
      var found = Functions.find(tx, ctx, ref, null);
      String versions = Functions.versionScope(found.scope(), found.function().functionName());
      alias(tx, found, req.name());
      tx.delete(FunctionAlias.TABLE, versions, req.name());
      return null;
    });
    return DeleteAliasResponse.builder().build();
  }

  // --- shapes and rules ---------------------------------------------------------------------

  static FunctionConfiguration configuration(FunctionVersion v) {
    return Functions.configuration(v.config()).toBuilder().functionArn(v.arn()).version(v.version())
        .description(v.description()).revisionId(v.revisionId()).build();
  }

  static AliasConfiguration configuration(FunctionAlias a) {
    return AliasConfiguration.builder().aliasArn(a.aliasArn()).name(a.name()).functionVersion(a.functionVersion())
        .description(a.description()).revisionId(a.revisionId())
        .routingConfig(a.additionalVersionWeights().isEmpty() ? null
            : AliasRoutingConfiguration.builder().additionalVersionWeights(a.additionalVersionWeights()).build())
        .build();
  }

  /** The published versions, in number order. */
  private static List<FunctionVersion> versions(dev.stratus.core.store.ReadView view, String versions) {
    return view.list(FunctionVersion.TABLE, versions).stream()
        .sorted(Comparator.comparingLong(v -> Long.parseLong(v.version()))).toList();
  }

  /** Code and configuration as a version copies them (not the revision, date, policy or tags). */
  private static boolean sameRevision(LambdaFunction a, LambdaFunction b) {
    return a.codeSha256().equals(b.codeSha256()) && Objects.equals(a.runtime(), b.runtime())
        && Objects.equals(a.handler(), b.handler()) && Objects.equals(a.role(), b.role())
        && Objects.equals(a.description(), b.description()) && a.timeout() == b.timeout()
        && a.memorySize() == b.memorySize() && a.environment().equals(b.environment());
  }

  private static FunctionAlias alias(dev.stratus.core.store.ReadView view, Functions.Found found, String name) {
    String versions = Functions.versionScope(found.scope(), found.function().functionName());
    return view.get(FunctionAlias.TABLE, versions, name)
        .orElseThrow(() -> LambdaErrors.notFound("Alias not found: " + found.function().functionArn() + ":" + name));
  }

  private static void requireVersion(Transaction tx, LambdaFunction f, String versions, String version) {
    if (version.equals("$LATEST")) return;
    if (tx.get(FunctionVersion.TABLE, versions, version).isEmpty()) {
      throw LambdaErrors.functionNotFound(f.functionArn() + ":" + version);
    }
  }

  /** An alias's RoutingConfig: one additional published version, other than the primary, weight in [0, 1]. */
  private static Map<String, Double> weights(Transaction tx, LambdaFunction f, String versions, String primary,
      AliasRoutingConfiguration routing) {
    if (routing == null || routing.additionalVersionWeights() == null || routing.additionalVersionWeights().isEmpty()) {
      return Map.of();
    }
    var w = routing.additionalVersionWeights();
    if (w.size() > 1) {
      throw LambdaErrors.invalidParameter("Number of items in AdditionalVersionWeights cannot be greater than 1");
    }
    var e = w.entrySet().iterator().next();
    if (e.getValue() == null || e.getValue() < 0 || e.getValue() > 1) {
      throw LambdaErrors.validation(w.toString(), "routingConfig.additionalVersionWeights",
          "Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member must have value"
          + " greater than or equal to 0.0]");
    }
    if (primary.equals("$LATEST") || e.getKey().equals("$LATEST")) {
      throw LambdaErrors.invalidParameter("$LATEST is not supported for an alias pointing to more than 1 version");
    }
    if (e.getKey().equals(primary)) {
      throw LambdaErrors.invalidParameter("Invalid function version " + e.getKey() + ". Function version " + e.getKey()
          + " is already included in routing configuration.");
    }
    requireVersion(tx, f, versions, e.getKey());
    return Map.of(e.getKey(), e.getValue());
  }

  private static LambdaRules.FunctionRef unqualified(String functionName) {
    var ref = LambdaRules.parseFunctionName(functionName, "functionName");
    if (ref.qualifier() != null) {
      throw LambdaErrors.invalidParameter("Unqualified function ARN or name expected, but received qualified ARN or name.");
    }
    return ref;
  }

  private static void checkAliasName(String name) {
    if (name == null || name.isEmpty() || name.length() > 128 || !name.matches(ALIAS_PATTERN)) {
      throw LambdaErrors.validation(String.valueOf(name), "name",
          "Member must satisfy regular expression pattern: " + ALIAS_PATTERN);
    }
  }

  private static void checkVersion(String version) {
    if (version == null || !version.matches(VERSION_PATTERN)) {
      throw LambdaErrors.validation(String.valueOf(version), "functionVersion",
          "Member must satisfy regular expression pattern: " + VERSION_PATTERN);
    }
  }

  private static int maxItems(Integer maxItems) {
    if (maxItems == null) return DEFAULT_MAX_ITEMS;
    if (maxItems < 1 || maxItems > 10000) {
      throw LambdaErrors.validation(maxItems.toString(), "maxItems",
          "Member must have value " + (maxItems < 1 ? "greater than or equal to 1" : "less than or equal to 10000"));
    }
    return maxItems;
  }
}
