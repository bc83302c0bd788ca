package dev.stratus.cloudfront;

import dev.stratus.cloudfront.functions.FunctionRuntime;
import dev.stratus.cloudfront.model.CloudFrontFunction;
import dev.stratus.cloudfront.model.Distribution;
import dev.stratus.cloudfront.model.SdkJson;
import dev.stratus.core.AwsException;
import dev.stratus.core.Pagination;
import dev.stratus.core.RequestContext;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudfront.model.*;

/**
 * The CloudFront Functions control plane: a DEVELOPMENT stage that Create/Update write and
 * Publish copies to LIVE; distributions associate the LIVE stage by ARN.
 */
public final class FunctionOperations {
  /** Function code size limit (quotas): 10 KB. */
  static final int MAX_CODE_BYTES = 10 * 1024;
  static final int MAX_FUNCTIONS = 100;
  static final Set<String> RUNTIMES = Set.of("cloudfront-js-1.0", "cloudfront-js-2.0");
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9-_]{1,64}");

  private final CloudFrontResources r;

  private final Supplier<FunctionRuntime> runtime;

  /** @param runtime the functions runtime TestFunction runs code in (the edge's, when it runs) */
  FunctionOperations(CloudFrontResources resources, Supplier<FunctionRuntime> runtime) {
    this.r = resources;
    this.runtime = runtime;
  }

  /**
   * Runs the stage's code on the event, as the edge would, and answers AWS's TestResult: the
   * function's output, its error message, its log lines and ComputeUtilization.
   */
  public TestFunctionResponse testFunction(RequestContext ctx, TestFunctionRequest req) {
    CloudFrontFunction f = existing(ctx, req.name());
    String stage = stage(req.stageAsString());
    CloudFrontFunction.Stage s = stageOf(f, stage);
    CloudFrontResources.checkIfMatch(req.ifMatch(), s.etag());
    if (req.eventObject() == null) throw CloudFrontErrors.invalidArgument("The parameter EventObject is required.");
    String code = new String(Base64.getDecoder().decode(s.code()), java.nio.charset.StandardCharsets.UTF_8);
    FunctionRuntime.TestResult result = runtime.get().test(code, req.eventObject().asUtf8String(),
        dev.stratus.cloudfront.model.CloudFrontView.associatedStoreId(SdkJson.read(s.config(), FunctionConfig.class)));
    return TestFunctionResponse.builder().testResult(TestResult.builder().functionSummary(summary(f, stage))
        .computeUtilization(Integer.toString(result.computeUtilization()))
        .functionExecutionLogs(result.functionExecutionLogs()).functionErrorMessage(result.functionErrorMessage())
        .functionOutput(result.functionOutput()).build()).build();
  }

  public CreateFunctionResponse createFunction(RequestContext ctx, CreateFunctionRequest req) {
    if (req.name() == null || !NAME.matcher(req.name()).matches()) {
      throw CloudFrontErrors.invalidArgument("The function name is invalid. It must be 1-64 characters of a-z, A-Z, 0-9, - and _.");
    }
    FunctionConfig config = valid(req.functionConfig(), req.functionCode());
    CloudFrontFunction f = r.store.write(tx -> {
      if (find(ctx.accountId(), req.name()).isPresent()) throw CloudFrontErrors.functionAlreadyExists();
      keyValueStoresExist(ctx, config);
      long count = r.store.list(CloudFrontFunction.TABLE, Distribution.SCOPE).stream()
          .filter(x -> x.accountId().equals(ctx.accountId())).count();
      if (count >= MAX_FUNCTIONS) {
        throw new AwsException("TooManyFunctions", 400,
            "You have reached the maximum number of CloudFront functions for this AWS account.");
      }
      Instant now = r.now();
      var created = new CloudFrontFunction(req.name(), ctx.accountId(),
          "arn:aws:cloudfront::" + ctx.accountId() + ":function/" + req.name(), now,
          new CloudFrontFunction.Stage(CloudFrontResources.newEtag(), SdkJson.write(config), code(req.functionCode()), now),
          Optional.empty());
      tx.put(CloudFrontFunction.TABLE, Distribution.SCOPE, created.key(), created);
      return created;
    });
    return CreateFunctionResponse.builder().functionSummary(summary(f, "DEVELOPMENT")).eTag(f.development().etag())
        .location(DistributionOperations.API + "function/" + f.arn()).build();
  }

  public DescribeFunctionResponse describeFunction(RequestContext ctx, DescribeFunctionRequest req) {
    CloudFrontFunction f = existing(ctx, req.name());
    String stage = stage(req.stageAsString());
    CloudFrontFunction.Stage s = stageOf(f, stage);
    return DescribeFunctionResponse.builder().functionSummary(summary(f, stage)).eTag(s.etag()).build();
  }

  public GetFunctionResponse getFunction(RequestContext ctx, GetFunctionRequest req) {
    CloudFrontFunction f = existing(ctx, req.name());
    CloudFrontFunction.Stage s = stageOf(f, stage(req.stageAsString()));
    return GetFunctionResponse.builder().functionCode(SdkBytes.fromByteArray(Base64.getDecoder().decode(s.code())))
        .eTag(s.etag()).contentType("application/octet-stream").build();
  }

  public UpdateFunctionResponse updateFunction(RequestContext ctx, UpdateFunctionRequest req) {
    FunctionConfig config = valid(req.functionConfig(), req.functionCode());
    CloudFrontFunction f = r.store.write(tx -> {
      CloudFrontFunction old = existing(ctx, req.name());
      CloudFrontResources.checkIfMatch(req.ifMatch(), old.development().etag());
      keyValueStoresExist(ctx, config);
      var next = new CloudFrontFunction(old.name(), old.accountId(), old.arn(), old.createdTime(),
          new CloudFrontFunction.Stage(CloudFrontResources.newEtag(), SdkJson.write(config), code(req.functionCode()),
              r.now()), old.live());
      tx.put(CloudFrontFunction.TABLE, Distribution.SCOPE, next.key(), next);
      return next;
    });
    return UpdateFunctionResponse.builder().functionSummary(summary(f, "DEVELOPMENT")).eTag(f.development().etag())
        .build();
  }

  public PublishFunctionResponse publishFunction(RequestContext ctx, PublishFunctionRequest req) {
    CloudFrontFunction f = r.store.write(tx -> {
      CloudFrontFunction old = existing(ctx, req.name());
      CloudFrontResources.checkIfMatch(req.ifMatch(), old.development().etag());
      var dev = old.development();
      // LIVE is a copy of DEVELOPMENT; it keeps DEVELOPMENT's ETag so "published" is comparable.
      var next = new CloudFrontFunction(old.name(), old.accountId(), old.arn(), old.createdTime(), dev,
          Optional.of(new CloudFrontFunction.Stage(dev.etag(), dev.config(), dev.code(), r.now())));
      tx.put(CloudFrontFunction.TABLE, Distribution.SCOPE, next.key(), next);
      return next;
    });
    return PublishFunctionResponse.builder().functionSummary(summary(f, "LIVE")).build();
  }

  public DeleteFunctionResponse deleteFunction(RequestContext ctx, DeleteFunctionRequest req) {
    r.store.write(tx -> {
      CloudFrontFunction f = existing(ctx, req.name());
      CloudFrontResources.checkIfMatch(req.ifMatch(), f.development().etag());
      if (associated(f)) throw CloudFrontErrors.functionInUse();
      tx.delete(CloudFrontFunction.TABLE, Distribution.SCOPE, f.key());
      return null;
    });
    return DeleteFunctionResponse.builder().build();
  }

  public ListFunctionsResponse listFunctions(RequestContext ctx, ListFunctionsRequest req) {
    int max = DistributionOperations.maxItems(req.maxItems());
    String stage = req.stage() == null ? null : stage(req.stageAsString());
    var all = r.store.list(CloudFrontFunction.TABLE, Distribution.SCOPE).stream()
        .filter(f -> f.accountId().equals(ctx.accountId()))
        .filter(f -> !"LIVE".equals(stage) || f.live().isPresent())
        .sorted(Comparator.comparing(CloudFrontFunction::name)).toList();
    var page = Pagination.page(all, CloudFrontFunction::name, req.marker(), max,
        m -> CloudFrontErrors.invalidArgument("Invalid marker " + m));
    var list = FunctionList.builder().maxItems(max).quantity(page.items().size())
        .nextMarker(page.nextMarker().orElse(null));
    if (!page.items().isEmpty()) {
      list.items(page.items().stream().map(f -> summary(f, stage == null ? "DEVELOPMENT" : stage)).toList());
    }
    return ListFunctionsResponse.builder().functionList(list.build()).build();
  }

  private Optional<CloudFrontFunction> find(String accountId, String name) {
    return r.store.get(CloudFrontFunction.TABLE, Distribution.SCOPE, CloudFrontFunction.key(accountId, name));
  }

  private CloudFrontFunction existing(RequestContext ctx, String name) {
    return find(ctx.accountId(), name).orElseThrow(CloudFrontErrors::noSuchFunction);
  }

  private static String stage(String requested) {
    if (requested == null) return "DEVELOPMENT";
    if (!requested.equals("DEVELOPMENT") && !requested.equals("LIVE")) {
      throw CloudFrontErrors.invalidArgument("The parameter Stage has an invalid value: " + requested);
    }
    return requested;
  }

  private static CloudFrontFunction.Stage stageOf(CloudFrontFunction f, String stage) {
    if (stage.equals("LIVE")) return f.live().orElseThrow(CloudFrontErrors::noSuchFunction);
    return f.development();
  }

  private boolean associated(CloudFrontFunction f) {
    return r.anyBehavior(f.accountId(), b -> b.functionArns().contains(f.arn()));
  }

  /**
   * AWS's statuses: DEVELOPMENT differing from LIVE is UNPUBLISHED; a published function is
   * DEPLOYED when a distribution uses it, else UNASSOCIATED.
   */
  private FunctionSummary summary(CloudFrontFunction f, String stage) {
    CloudFrontFunction.Stage s = stageOf(f, stage);
    boolean published = f.live().isPresent() && f.live().get().etag().equals(f.development().etag());
    String status = stage.equals("DEVELOPMENT") && !published ? "UNPUBLISHED"
        : associated(f) ? "DEPLOYED" : "UNASSOCIATED";
    return FunctionSummary.builder().name(f.name()).status(status)
        .functionConfig(SdkJson.read(s.config(), FunctionConfig.class))
        .functionMetadata(FunctionMetadata.builder().functionARN(f.arn()).stage(stage).createdTime(f.createdTime())
            .lastModifiedTime(s.lastModifiedTime()).build())
        .build();
  }

  private static FunctionConfig valid(FunctionConfig c, SdkBytes code) {
    if (c == null) throw CloudFrontErrors.invalidArgument("The parameter FunctionConfig is required.");
    if (!RUNTIMES.contains(c.runtimeAsString())) {
      throw CloudFrontErrors.invalidArgument("The parameter Runtime has an invalid value: " + c.runtimeAsString());
    }
    if (code == null || code.asByteArray().length == 0) {
      throw CloudFrontErrors.invalidArgument("The parameter FunctionCode is required.");
    }
    if (code.asByteArray().length > MAX_CODE_BYTES) throw CloudFrontErrors.functionSizeLimitExceeded();
    if (c.keyValueStoreAssociations() != null && !"cloudfront-js-2.0".equals(c.runtimeAsString())) {
      throw CloudFrontErrors.invalidArgument("Key value store associations require the cloudfront-js-2.0 runtime.");
    }
    return c.toBuilder().comment(c.comment() == null ? "" : c.comment()).build();
  }

  /** A function names at most one key value store, of its own account. */
  private void keyValueStoresExist(RequestContext ctx, FunctionConfig config) {
    if (config.keyValueStoreAssociations() == null) return;
    var items = config.keyValueStoreAssociations().items();
    PolicyOperations.quantity(config.keyValueStoreAssociations().quantity(), items);
    if (items.size() > 1) throw CloudFrontErrors.invalidArgument("A function can be associated with one key value store.");
    for (var a : items) {
      boolean exists = r.store.list(dev.stratus.cloudfront.model.KeyValueStore.TABLE, Distribution.SCOPE).stream()
          .anyMatch(k -> k.accountId().equals(ctx.accountId()) && k.arn().equals(a.keyValueStoreARN()));
      if (!exists) {
        throw CloudFrontErrors.invalidArgument("The key value store " + a.keyValueStoreARN() + " does not exist.");
      }
    }
  }

  private static String code(SdkBytes code) { return Base64.getEncoder().encodeToString(code.asByteArray()); }
}
