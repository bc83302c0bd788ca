package dev.stratus.lambda;

import dev.stratus.core.RequestContext;
import dev.stratus.core.store.ReadView;
import dev.stratus.lambda.model.LambdaFunction;
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

  /** The function {@code functionName} names ($LATEST only: versions are not published), or AWS's 404. */
  static Found find(ReadView view, RequestContext ctx, String functionName) {
    FunctionRef ref = LambdaRules.parseFunctionName(functionName, "functionName");
    return find(view, ctx, ref, null);
  }

  static Found find(ReadView view, RequestContext ctx, FunctionRef ref, String qualifierParam) {
    String region = ref.region() == null ? ctx.region() : ref.region();
    String account = ref.account() == null ? ctx.accountId() : ref.account();
    String qualifier = qualifierParam != null ? qualifierParam : ref.qualifier();
    String scope = scope(account, region);
    String arn = LambdaRules.functionArn(region, account, ref.name());
    var fn = view.get(LambdaFunction.TABLE, scope, ref.name());
    if (fn.isEmpty() || (qualifier != null && !qualifier.equals("$LATEST"))) {
      throw LambdaErrors.functionNotFound(arn + (qualifier == null ? "" : ":" + qualifier));
    }
    return new Found(fn.get(), scope, qualifier);
  }

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
