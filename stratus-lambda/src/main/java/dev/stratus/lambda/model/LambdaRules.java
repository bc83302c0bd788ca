package dev.stratus.lambda.model;

import dev.stratus.lambda.LambdaErrors;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Lambda's validation rules and name forms, without I/O. */
public final class LambdaRules {
  private LambdaRules() {}

  /** AWS's pattern for FunctionName: a name, a partial ARN ({@code 123456789012:function:name}) or an ARN. */
  public static final String FUNCTION_NAME_PATTERN =
      "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";
  private static final Pattern FUNCTION_NAME = Pattern.compile(
      "(?:arn:(?<partition>aws[a-zA-Z-]*)?:lambda:)?(?:(?<region>[a-z]{2}(?:-gov)?-[a-z]+-\\d):)?(?:(?<account>\\d{12}):)?"
      + "(?:function:)?(?<name>[a-zA-Z0-9-_]+)(?::(?<qualifier>\\$LATEST|[a-zA-Z0-9-_]+))?");
  public static final String ROLE_PATTERN = "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+";

  /** The runtimes Stratus runs, by the interpreter that runs them. */
  public static final Set<String> PYTHON_RUNTIMES = Set.of("python3.9", "python3.10", "python3.11", "python3.12", "python3.13");
  public static final Set<String> NODE_RUNTIMES = Set.of("nodejs18.x", "nodejs20.x", "nodejs22.x");
  /** Runtimes AWS no longer accepts for new or updated functions. */
  private static final Set<String> DEPRECATED_RUNTIMES = Set.of("python2.7", "python3.6", "python3.7", "python3.8",
      "nodejs", "nodejs4.3", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x", "nodejs14.x", "nodejs16.x",
      "dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1", "ruby2.5", "ruby2.7", "go1.x", "java8");

  /** Environment variables Lambda sets itself; a function may not set them (AWS's list). */
  public static final Set<String> RESERVED_ENVIRONMENT = Set.of("_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION",
      "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
      "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
      "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
      "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR");

  public static final int MIN_TIMEOUT = 1;
  public static final int MAX_TIMEOUT = 900;
  public static final int DEFAULT_TIMEOUT = 3;
  public static final int MIN_MEMORY = 128;
  public static final int MAX_MEMORY = 10240;
  public static final int DEFAULT_MEMORY = 128;

  /** A FunctionName parameter taken apart; absent parts are null. */
  public record FunctionRef(String region, String account, String name, String qualifier) {
    /** The $LATEST-or-qualified ARN in {@code region}/{@code account} unless the reference names its own. */
    public String arn(String defaultRegion, String defaultAccount) {
      return functionArn(region == null ? defaultRegion : region, account == null ? defaultAccount : account, name)
          + (qualifier == null ? "" : ":" + qualifier);
    }
  }

  /** Parses a FunctionName (name, partial ARN or ARN, optionally qualified). */
  public static FunctionRef parseFunctionName(String value, String member) {
    Matcher m = value == null ? null : FUNCTION_NAME.matcher(value);
    if (m == null || !m.matches() || value.length() > 170) {
      throw LambdaErrors.validation(value, member, "Member must satisfy regular expression pattern: " + FUNCTION_NAME_PATTERN);
    }
    return new FunctionRef(m.group("region"), m.group("account"), m.group("name"), m.group("qualifier"));
  }

  public static String functionArn(String region, String account, String name) {
    return "arn:aws:lambda:" + region + ":" + account + ":function:" + name;
  }

  /** Checks CreateFunction's or UpdateFunctionConfiguration's runtime. */
  public static void checkRuntime(String runtime) {
    if (runtime == null) return;
    if (PYTHON_RUNTIMES.contains(runtime) || NODE_RUNTIMES.contains(runtime)) return;
    if (DEPRECATED_RUNTIMES.contains(runtime)) {
      throw LambdaErrors.invalidParameter("The runtime parameter of " + runtime + " is no longer supported for creating"
          + " or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating"
          + " functions.");
    }
    var supported = new TreeSet<String>(PYTHON_RUNTIMES);
    supported.addAll(NODE_RUNTIMES);
    throw LambdaErrors.invalidParameter("Value " + runtime + " at 'runtime' failed to satisfy constraint: Stratus runs"
        + " functions on this machine's interpreters; supported runtimes: " + String.join(", ", supported));
  }

  public static void checkRole(String role) {
    if (role == null || !role.matches(ROLE_PATTERN)) {
      throw LambdaErrors.validation(String.valueOf(role), "role", "Member must satisfy regular expression pattern: " + ROLE_PATTERN);
    }
  }

  public static void checkTimeout(Integer timeout) {
    if (timeout == null) return;
    if (timeout < MIN_TIMEOUT) {
      throw LambdaErrors.validation(timeout.toString(), "timeout", "Member must have value greater than or equal to " + MIN_TIMEOUT);
    }
    if (timeout > MAX_TIMEOUT) {
      throw LambdaErrors.validation(timeout.toString(), "timeout", "Member must have value less than or equal to " + MAX_TIMEOUT);
    }
  }

  public static void checkMemorySize(Integer memory) {
    if (memory == null) return;
    if (memory < MIN_MEMORY) {
      throw LambdaErrors.validation(memory.toString(), "memorySize", "Member must have value greater than or equal to " + MIN_MEMORY);
    }
    if (memory > MAX_MEMORY) {
      throw LambdaErrors.validation(memory.toString(), "memorySize", "Member must have value less than or equal to " + MAX_MEMORY);
    }
  }

  public static void checkEnvironment(Map<String, String> variables) {
    if (variables == null) return;
    List<String> reserved = variables.keySet().stream().filter(RESERVED_ENVIRONMENT::contains).sorted().toList();
    if (!reserved.isEmpty()) {
      throw LambdaErrors.invalidParameter("Lambda was unable to configure your environment variables because the"
          + " environment variables you have provided contains reserved keys that are currently not supported for"
          + " modification. Reserved keys used in this request: " + String.join(", ", reserved));
    }
    for (String key : variables.keySet()) {
      if (!key.matches("[a-zA-Z]([a-zA-Z0-9_])+")) {
        throw LambdaErrors.validation(key, "environment.variables", "Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+");
      }
    }
  }

  public static void checkHandler(String handler) {
    if (handler == null || handler.isEmpty()) {
      throw LambdaErrors.invalidParameter("Handler is required for a function with a .zip file deployment package.");
    }
    if (handler.length() > 128 || !handler.matches("[^\\s]+")) {
      throw LambdaErrors.validation(handler, "handler", "Member must satisfy regular expression pattern: [^\\s]+");
    }
  }

  public static String hex(byte[] bytes) { return HexFormat.of().formatHex(bytes); }

  /** AddPermission's statement id rule. */
  public static void checkStatementId(String sid) {
    if (sid == null || !sid.matches("([a-zA-Z0-9-_.]+)") || sid.length() > 100) {
      throw LambdaErrors.validation(String.valueOf(sid), "statementId", "Member must satisfy regular expression pattern: ([a-zA-Z0-9-_.]+)");
    }
  }

  /** AddPermission's action rule. */
  public static void checkAction(String action) {
    if (action == null || !action.matches("(lambda:[*]|lambda:[a-zA-Z]+|[*])")) {
      throw LambdaErrors.validation(String.valueOf(action), "action", "Member must satisfy regular expression pattern: (lambda:[*]|lambda:[a-zA-Z]+|[*])");
    }
  }

}
