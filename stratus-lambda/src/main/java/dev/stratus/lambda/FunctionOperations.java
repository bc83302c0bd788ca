package dev.stratus.lambda;

import dev.stratus.core.Pagination;
import dev.stratus.core.RequestContext;
import dev.stratus.core.s3.ObjectReader;
import dev.stratus.core.store.Store;
import dev.stratus.lambda.model.FunctionAlias;
import dev.stratus.lambda.model.FunctionVersion;
import dev.stratus.lambda.model.LambdaFunction;
import dev.stratus.lambda.model.VersionCounter;
import dev.stratus.lambda.model.LambdaRules;
import dev.stratus.lambda.runtime.CodeStore;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionRequest;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionResponse;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.lambda.model.FunctionCodeLocation;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.ListFunctionsRequest;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.lambda.model.ListTagsRequest;
import software.amazon.awssdk.services.lambda.model.ListTagsResponse;
import software.amazon.awssdk.services.lambda.model.TagResourceRequest;
import software.amazon.awssdk.services.lambda.model.TagResourceResponse;
import software.amazon.awssdk.services.lambda.model.UntagResourceRequest;
import software.amazon.awssdk.services.lambda.model.UntagResourceResponse;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionCodeRequest;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionCodeResponse;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationRequest;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationResponse;

/**
 * The function API: create, read, list, update code and configuration, delete, tags. A new
 * function answers {@code State: Pending} and reads {@code Active} after (its package is already
 * extracted); an update answers {@code LastUpdateStatus: InProgress} and reads {@code Successful}.
 */
public final class FunctionOperations {
  private static final int DEFAULT_MAX_ITEMS = 50;

  private final Store store;
  private final CodeStore code;
  private final java.util.function.Consumer<String> retire;
  private final java.util.function.Supplier<java.util.Optional<ObjectReader>> objects;

  FunctionOperations(Store store, CodeStore code, java.util.function.Consumer<String> retire,
      java.util.function.Supplier<java.util.Optional<ObjectReader>> objects) {
    this.store = store;
    this.code = code;
    this.retire = retire;
    this.objects = objects;
  }

  public CreateFunctionResponse createFunction(RequestContext ctx, CreateFunctionRequest req) {
    var ref = LambdaRules.parseFunctionName(req.functionName(), "functionName");
    if (ref.qualifier() != null) {
      throw LambdaErrors.invalidParameter("Unqualified function ARN or name expected, but received qualified ARN or name.");
    }
    String region = ref.region() == null ? ctx.region() : ref.region();
    String account = ref.account() == null ? ctx.accountId() : ref.account();
    if (!region.equals(ctx.region()) || !account.equals(ctx.accountId())) {
      throw LambdaErrors.invalidParameter("The function ARN's region or account does not match the request's.");
    }
    LambdaRules.checkRole(req.role());
    if (req.packageTypeAsString() != null && !req.packageTypeAsString().equals("Zip")) {
      throw LambdaErrors.invalidParameter("Stratus runs .zip file packages only; PackageType " + req.packageTypeAsString()
          + " is not supported");
    }
    if (req.runtimeAsString() == null) {
      throw LambdaErrors.invalidParameter("Runtime is required for a function with a .zip file deployment package.");
    }
    LambdaRules.checkRuntime(req.runtimeAsString());
    LambdaRules.checkHandler(req.handler());
    LambdaRules.checkTimeout(req.timeout());
    LambdaRules.checkMemorySize(req.memorySize());
    Map<String, String> env = req.environment() == null ? Map.of() : req.environment().variables();
    LambdaRules.checkEnvironment(env);
    CodeStore.Stored stored = storeCode(ctx, req.code());
    String scope = Functions.scope(account, region);
    String arn = LambdaRules.functionArn(region, account, ref.name());
    var fn = new LambdaFunction(ref.name(), arn, req.runtimeAsString(), req.handler(), req.role(), req.description(),
        req.timeout() == null ? LambdaRules.DEFAULT_TIMEOUT : req.timeout(),
        req.memorySize() == null ? LambdaRules.DEFAULT_MEMORY : req.memorySize(), env, stored.sha256Base64(),
        stored.size(), Functions.lastModified(ctx.receivedAt()), UUID.randomUUID().toString(), null, req.tags());
    store.write(tx -> {
      if (tx.get(LambdaFunction.TABLE, scope, ref.name()).isPresent()) {
        throw LambdaErrors.conflict("Function already exist: " + ref.name());
      }
      tx.put(LambdaFunction.TABLE, scope, ref.name(), fn);
      return null;
    });
    var config = Functions.configuration(fn, "Pending", "The function is being created.", "Creating", null);
    return Functions.copy(config, CreateFunctionResponse.builder()).build();
  }

  public GetFunctionResponse getFunction(RequestContext ctx, GetFunctionRequest req) {
    var t = resolve(ctx, req.functionName(), req.qualifier());
    var fn = t.config();
    var latest = t.latest();
    return GetFunctionResponse.builder()
        .configuration(Functions.configuration(t))
        .code(FunctionCodeLocation.builder().repositoryType("S3")
            .location("https://awslambda-" + ctx.region() + "-tasks.s3." + ctx.region() + ".amazonaws.com/snapshots/"
                + ctx.accountId() + "/" + fn.functionName() + "-" + fn.codeKey())
            .build())
        .tags(latest.tags().isEmpty() ? null : latest.tags())
        .build();
  }

  public GetFunctionConfigurationResponse getFunctionConfiguration(RequestContext ctx, GetFunctionConfigurationRequest req) {
    var t = resolve(ctx, req.functionName(), req.qualifier());
    return Functions.copy(Functions.configuration(t), GetFunctionConfigurationResponse.builder()).build();
  }

  public ListFunctionsResponse listFunctions(RequestContext ctx, ListFunctionsRequest req) {
    int max = DEFAULT_MAX_ITEMS;
    if (req.maxItems() != null) {
      if (req.maxItems() < 1 || req.maxItems() > 10000) {
        throw LambdaErrors.validation(req.maxItems().toString(), "maxItems",
            "Member must have value " + (req.maxItems() < 1 ? "greater than or equal to 1" : "less than or equal to 10000"));
      }
      max = req.maxItems();
    }
    var all = store.list(LambdaFunction.TABLE, ctx.regionalScope());
    var page = Pagination.page(all, LambdaFunction::functionName, req.marker(), max,
        m -> LambdaErrors.invalidParameter("Invalid marker: " + m));
    return ListFunctionsResponse.builder()
        .functions(page.items().stream().map(Functions::configuration).toList())
        .nextMarker(page.nextMarker().orElse(null))
        .build();
  }

  public UpdateFunctionCodeResponse updateFunctionCode(RequestContext ctx, UpdateFunctionCodeRequest req) {
    var ref = LambdaRules.parseFunctionName(req.functionName(), "functionName");
    CodeStore.Stored stored = storeCode(ctx, FunctionCode.builder().zipFile(req.zipFile()).s3Bucket(req.s3Bucket())
        .s3Key(req.s3Key()).s3ObjectVersion(req.s3ObjectVersion()).imageUri(req.imageUri()).build());
    var updated = store.write(tx -> {
      var found = Functions.find(tx, ctx, ref, null);
      checkRevision(found.function(), req.revisionId());
      var f = found.function();
      var next = new LambdaFunction(f.functionName(), f.functionArn(), f.runtime(), f.handler(), f.role(),
          f.description(), f.timeout(), f.memorySize(), f.environment(), stored.sha256Base64(), stored.size(),
          Functions.lastModified(ctx.receivedAt()), UUID.randomUUID().toString(), f.policy(), f.tags());
      tx.put(LambdaFunction.TABLE, found.scope(), f.functionName(), next);
      return next;
    });
    retire.accept(updated.functionArn());
    var config = Functions.configuration(updated, "Active", null, null, "InProgress");
    return Functions.copy(config, UpdateFunctionCodeResponse.builder()).build();
  }

  public UpdateFunctionConfigurationResponse updateFunctionConfiguration(RequestContext ctx,
      UpdateFunctionConfigurationRequest req) {
    var ref = LambdaRules.parseFunctionName(req.functionName(), "functionName");
    if (req.role() != null) LambdaRules.checkRole(req.role());
    if (req.runtimeAsString() != null) LambdaRules.checkRuntime(req.runtimeAsString());
    if (req.handler() != null) LambdaRules.checkHandler(req.handler());
    LambdaRules.checkTimeout(req.timeout());
    LambdaRules.checkMemorySize(req.memorySize());
    Map<String, String> env = req.environment() == null ? null : req.environment().variables();
    LambdaRules.checkEnvironment(env);
    var updated = store.write(tx -> {
      var found = Functions.find(tx, ctx, ref, null);
      var f = found.function();
      checkRevision(f, req.revisionId());
      var next = new LambdaFunction(f.functionName(), f.functionArn(),
          req.runtimeAsString() != null ? req.runtimeAsString() : f.runtime(),
          req.handler() != null ? req.handler() : f.handler(), req.role() != null ? req.role() : f.role(),
          req.description() != null ? req.description() : f.description(),
          req.timeout() != null ? req.timeout() : f.timeout(), req.memorySize() != null ? req.memorySize() : f.memorySize(),
          env != null ? env : f.environment(), f.codeSha256(), f.codeSize(), Functions.lastModified(ctx.receivedAt()),
          UUID.randomUUID().toString(), f.policy(), f.tags());
      tx.put(LambdaFunction.TABLE, found.scope(), f.functionName(), next);
      return next;
    });
    retire.accept(updated.functionArn());
    var config = Functions.configuration(updated, "Active", null, null, "InProgress");
    return Functions.copy(config, UpdateFunctionConfigurationResponse.builder()).build();
  }

  /** Without a qualifier: the function, its versions and aliases; with a version number: that version. */
  public DeleteFunctionResponse deleteFunction(RequestContext ctx, DeleteFunctionRequest req) {
    var ref = LambdaRules.parseFunctionName(req.functionName(), "functionName");
    var arns = store.write(tx -> {
      String qualifier = req.qualifier() != null ? req.qualifier() : ref.qualifier();
      if ("$LATEST".equals(qualifier)) throw LambdaErrors.invalidParameter("Deletion of $LATEST version is not allowed.");
      if (qualifier != null && !qualifier.chars().allMatch(Character::isDigit)) {
        throw LambdaErrors.invalidParameter("Deletion of aliases is not supported; use DeleteAlias.");
      }
      var t = Functions.resolve(tx, ctx, ref, req.qualifier(), false);
      var f = t.latest();
      String versions = Functions.versionScope(t.scope(), f.functionName());
      var aliases = tx.list(FunctionAlias.TABLE, versions);
      if (t.version() != null) {
        var using = aliases.stream().filter(a -> a.functionVersion().equals(t.version().version())
            || a.additionalVersionWeights().containsKey(t.version().version())).map(FunctionAlias::name).sorted().toList();
        if (!using.isEmpty()) {
          throw LambdaErrors.conflict("Unable to delete version because the following aliases reference it: " + using);
        }
        tx.delete(FunctionVersion.TABLE, versions, t.version().version());
        return java.util.List.of(t.version().arn());
      }
      var gone = new java.util.ArrayList<String>();
      gone.add(f.functionArn());
      for (var v : tx.list(FunctionVersion.TABLE, versions)) {
        tx.delete(FunctionVersion.TABLE, versions, v.version());
        gone.add(v.arn());
      }
      for (var a : aliases) tx.delete(FunctionAlias.TABLE, versions, a.name());
      tx.delete(VersionCounter.TABLE, t.scope(), f.functionName());
      tx.delete(LambdaFunction.TABLE, t.scope(), f.functionName());
      return gone;
    });
    arns.forEach(retire);
    return DeleteFunctionResponse.builder().build();
  }

  public TagResourceResponse tagResource(RequestContext ctx, TagResourceRequest req) {
    updateTags(ctx, req.resource(), tags -> tags.putAll(req.tags()));
    return TagResourceResponse.builder().build();
  }

  public UntagResourceResponse untagResource(RequestContext ctx, UntagResourceRequest req) {
    updateTags(ctx, req.resource(), tags -> req.tagKeys().forEach(tags::remove));
    return UntagResourceResponse.builder().build();
  }

  public ListTagsResponse listTags(RequestContext ctx, ListTagsRequest req) {
    var fn = Functions.find(store, ctx, taggable(req.resource()), null).function();
    return ListTagsResponse.builder().tags(fn.tags()).build();
  }

  private void updateTags(RequestContext ctx, String resource, java.util.function.Consumer<Map<String, String>> change) {
    var ref = taggable(resource);
    store.write(tx -> {
      var found = Functions.find(tx, ctx, ref, null);
      var f = found.function();
      var tags = new HashMap<>(f.tags());
      change.accept(tags);
      tx.put(LambdaFunction.TABLE, found.scope(), f.functionName(), new LambdaFunction(f.functionName(),
          f.functionArn(), f.runtime(), f.handler(), f.role(), f.description(), f.timeout(), f.memorySize(),
          f.environment(), f.codeSha256(), f.codeSize(), f.lastModified(), f.revisionId(), f.policy(), tags));
      return null;
    });
  }

  /** Tag operations take a function ARN. */
  private static LambdaRules.FunctionRef taggable(String resource) {
    if (resource == null || !resource.startsWith("arn:")) {
      throw LambdaErrors.validation(String.valueOf(resource), "resource",
          "Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*):lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:(function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?|layer:[a-zA-Z0-9-_]+|code-signing-config:csc-[a-z0-9]{17}|event-source-mapping:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");
    }
    return LambdaRules.parseFunctionName(resource, "resource");
  }

  private Functions.Target resolve(RequestContext ctx, String functionName, String qualifier) {
    return Functions.resolve(store, ctx, LambdaRules.parseFunctionName(functionName, "functionName"), qualifier, false);
  }

  private static void checkRevision(LambdaFunction f, String revisionId) {
    if (revisionId != null && !revisionId.equals(f.revisionId())) {
      throw new dev.stratus.core.AwsException("PreconditionFailedException", 412,
          "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to"
          + " retrieve the latest Revision Id");
    }
  }

  private CodeStore.Stored storeCode(RequestContext ctx, FunctionCode c) {
    if (c == null || (c.zipFile() == null && c.s3Bucket() == null && c.s3Key() == null && c.imageUri() == null)) {
      throw LambdaErrors.invalidParameter("Please provide a source for function code.");
    }
    byte[] zip;
    if (c.zipFile() != null) {
      zip = c.zipFile().asByteArray();
    } else if (c.s3Bucket() != null || c.s3Key() != null) {
      zip = fromS3(ctx, c.s3Bucket(), c.s3Key(), c.s3ObjectVersion());
    } else {
      throw LambdaErrors.invalidParameter("Stratus runs .zip file packages (ZipFile or S3Bucket/S3Key); ImageUri is not"
          + " supported");
    }
    try {
      return code.put(zip);
    } catch (CodeStore.BadZipException e) {
      throw LambdaErrors.invalidParameter("Could not unzip uploaded file. Please check your file, then try to upload again.");
    }
  }

  /** The package from S3, read with the caller's account as Lambda reads it with the caller's credentials. */
  private byte[] fromS3(RequestContext ctx, String bucket, String key, String version) {
    if (bucket == null || key == null) {
      throw LambdaErrors.invalidParameter("Both S3Bucket and S3Key are required to fetch the code from S3.");
    }
    var reader = objects.get()
        .orElseThrow(() -> LambdaErrors.invalidParameter("Error occurred while GetObject. S3 Error Code: NoSuchBucket."
            + " S3 Error Message: The specified bucket does not exist"));
    var read = reader.read(ctx.accountId(), bucket, key, version);
    if (!read.found()) {
      throw LambdaErrors.invalidParameter("Error occurred while GetObject. S3 Error Code: " + read.errorCode()
          + ". S3 Error Message: " + read.errorMessage());
    }
    return read.body();
  }
}
