package dev.stratus.lambda;

import dev.stratus.core.RequestContext;
import dev.stratus.core.store.ReadView;
import dev.stratus.lambda.model.FunctionAlias;
import dev.stratus.lambda.model.FunctionVersion;
import dev.stratus.lambda.model.LambdaFunction;
import dev.stratus.lambda.model.PolicyStatement;
import dev.stratus.lambda.model.LambdaRules;
import dev.stratus.lambda.model.LambdaRules.FunctionRef;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.lambda.model.EnvironmentResponse;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/** Finding functions by the FunctionName forms AWS accepts, and their SDK shapes. */
final class Functions {
  private static final DateTimeFormatter LAST_MODIFIED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

  private Functions() {}

  /** A function named in a request, in the caller's account and region unless its ARN says otherwise. */
  record Found(LambdaFunction function, String scope, String qualifier) {}

  static String scope(String account, String region) { return account + "/" + region; }

  /** The function {@code functionName} names, unqualified or {@code $LATEST} (versions and aliases: {@link #resolve}), or AWS's 404. */
  static Found find(ReadView view, RequestContext ctx, String functionName) {
    FunctionRef ref = LambdaRules.parseFunctionName(functionName, "functionName");
    return find(view, ctx, ref, null);
  }

  static Found find(ReadView view, RequestContext ctx, FunctionRef ref, String qualifierParam) {
    Target t = resolve(view, ctx, ref, qualifierParam, false);
    if (t.version() != null || t.alias() != null) {
      throw LambdaErrors.functionNotFound(t.latest().functionArn() + ":" + t.qualifier());
    }
    return new Found(t.latest(), t.scope(), t.qualifier());
  }

  /**
   * What a FunctionName and Qualifier name: {@code $LATEST}, a published version, or an alias and
   * the version it routes to ({@code route}: drawn by the alias's weights, as an invocation is; else
   * its primary version).
   */
  record Target(LambdaFunction latest, String scope, String qualifier, FunctionVersion version, FunctionAlias alias) {
    /** The code and configuration that run. */
    LambdaFunction config() { return version == null ? latest : version.config(); }

    /** Lambda's ExecutedVersion. */
    String executedVersion() { return version == null ? "$LATEST" : version.version(); }

    /** The ARN as named: qualified by the alias or version, unqualified for {@code $LATEST}. */
    String arn() {
      if (alias != null) return alias.aliasArn();
      return version != null ? version.arn() : latest.functionArn();
    }

    /** The resource policy of what was named (an alias's and a version's are their own). */
    List<PolicyStatement> policy() {
      return alias != null ? alias.policy() : version != null ? version.policy() : latest.policy();
    }

    String revisionId() {
      return alias != null ? alias.revisionId() : version != null ? version.revisionId() : latest.revisionId();
    }
  }

  static Target resolve(ReadView view, RequestContext ctx, FunctionRef ref, String qualifierParam, boolean route) {
    return resolve(view, ref.region() == null ? ctx.region() : ref.region(),
        ref.account() == null ? ctx.accountId() : ref.account(), ref, qualifierParam, route);
  }

  static Target resolve(ReadView view, String region, String account, FunctionRef ref, String qualifierParam,
      boolean route) {
    if (qualifierParam != null && ref.qualifier() != null && !qualifierParam.equals(ref.qualifier())) {
      throw LambdaErrors.invalidParameter("The derived qualifier from the function name does not match the specified"
          + " qualifier.");
    }
    String qualifier = qualifierParam != null ? qualifierParam : ref.qualifier();
    String scope = scope(account, region);
    String arn = LambdaRules.functionArn(region, account, ref.name());
    var fn = view.get(LambdaFunction.TABLE, scope, ref.name());
    if (fn.isEmpty()) throw LambdaErrors.functionNotFound(arn + (qualifier == null ? "" : ":" + qualifier));
    if (qualifier == null || qualifier.equals("$LATEST")) return new Target(fn.get(), scope, qualifier, null, null);
    String versions = versionScope(scope, ref.name());
    FunctionAlias alias = null;
    String version = qualifier;
    if (!qualifier.chars().allMatch(Character::isDigit)) {
      alias = view.get(FunctionAlias.TABLE, versions, qualifier)
          .orElseThrow(() -> LambdaErrors.functionNotFound(arn + ":" + qualifier));
      version = route ? alias.route(java.util.concurrent.ThreadLocalRandom.current().nextDouble()) : alias.functionVersion();
      if (version.equals("$LATEST")) return new Target(fn.get(), scope, qualifier, null, alias);
    }
    String v = version;
    var published = view.get(FunctionVersion.TABLE, versions, v)
        .orElseThrow(() -> LambdaErrors.functionNotFound(arn + ":" + v));
    return new Target(fn.get(), scope, qualifier, published, alias);
  }

  /** Where a function's versions and aliases are stored. */
  static String versionScope(String scope, String functionName) { return scope + "/" + functionName; }

  static String lastModified(Instant at) { return LAST_MODIFIED.format(at); }

  /** The FunctionConfiguration of {@code fn}; {@code state}/{@code updateStatus} as the caller reports them. */
  static FunctionConfiguration configuration(LambdaFunction fn, String state, String stateReason, String stateReasonCode,
      String updateStatus) {
    return FunctionConfiguration.builder()
        .functionName(fn.functionName()).functionArn(fn.functionArn()).runtime(fn.runtime()).role(fn.role())
        .handler(fn.handler()).codeSize(fn.codeSize()).description(fn.description() == null ? "" : fn.description())
        .timeout(fn.timeout()).memorySize(fn.memorySize()).lastModified(fn.lastModified()).codeSha256(fn.codeSha256())
        .version("$LATEST").revisionId(fn.revisionId())
        .environment(fn.environment().isEmpty() ? null : EnvironmentResponse.builder().variables(fn.environment()).build())
        .tracingConfig(t -> t.mode("PassThrough"))
        .state(state).stateReason(stateReason).stateReasonCode(stateReasonCode).lastUpdateStatus(updateStatus)
        .packageType("Zip").architecturesWithStrings("x86_64").ephemeralStorage(e -> e.size(512))
        .snapStart(s -> s.applyOn("None").optimizationStatus("Off"))
        .loggingConfig(l -> l.logFormat("Text").logGroup("/aws/lambda/" + fn.functionName()))
        .runtimeVersionConfig(r -> r.runtimeVersionArn("arn:aws:lambda:" + regionOf(fn.functionArn())
            + "::runtime:stratus-" + fn.runtime()))
        .build();
  }

  /** The configuration of what a target names: a version's copy with its number and qualified ARN. */
  static FunctionConfiguration configuration(Target t) {
    if (t.version() == null && t.alias() == null) return configuration(t.latest());
    var b = configuration(t.config()).toBuilder().functionArn(t.arn()).version(t.executedVersion());
    if (t.version() != null) {
      b.description(t.version().description() == null ? "" : t.version().description()).revisionId(t.version().revisionId());
    }
    return b.build();
  }

  /** As settled: Active, last update Successful. */
  static FunctionConfiguration configuration(LambdaFunction fn) {
    return configuration(fn, "Active", null, null, "Successful");
  }

  /** Copies the members of {@code from} into {@code to} by name (FunctionConfiguration into an operation's response). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static <B> B copy(SdkPojo from, B to) {
    Map<String, SdkField<?>> target = new java.util.HashMap<>();
    for (SdkField<?> f : ((SdkPojo) to).sdkFields()) target.put(f.memberName(), f);
    for (SdkField<?> f : from.sdkFields()) {
      SdkField t = target.get(f.memberName());
      Object v = f.getValueOrDefault(from);
      if (t != null && v != null) t.set(to, v);
    }
    return to;
  }

  static String regionOf(String arn) { return arn.split(":")[3]; }
}
