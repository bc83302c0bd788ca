package dev.stratus.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.core.lambda.FunctionInvoker;
import dev.stratus.core.lambda.InvocationOutcome;
import dev.stratus.core.lambda.ServiceInvocation;
import dev.stratus.core.testing.RequiredTool;
import dev.stratus.protocol.testing.ApiTestServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Functions run for real on this machine's python3 and node, invoked through the SDK and through FunctionInvoker. */
@org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class LambdaInvokeIT {
  static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String PYTHON = """
      import os, time
      count = 0

      def handler(event, context):
          global count
          count += 1
          if event.get("fail"):
              raise ValueError("boom: " + event["fail"])
          if event.get("sleep"):
              time.sleep(event["sleep"])
          if event.get("unjson"):
              return {1, 2}
          if event.get("huge"):
              return "x" * (7 * 1024 * 1024)
          print("hello from python", count)
          return {
              "event": event, "count": count, "pid": os.getpid(),
              "name": os.environ["AWS_LAMBDA_FUNCTION_NAME"], "region": os.environ["AWS_REGION"],
              "handler": os.environ["_HANDLER"], "stage": os.environ.get("STAGE"),
              "runtimeApi": os.environ["AWS_LAMBDA_RUNTIME_API"],
              "requestId": context.aws_request_id, "functionName": context.function_name,
              "memory": context.memory_limit_in_mb, "arn": context.invoked_function_arn,
              "remaining": context.get_remaining_time_in_millis(),
          }
      """;
  static final String NODE = """
      let count = 0;
      exports.handler = async (event, context) => {
        count++;
        if (event.fail) throw new TypeError('node boom: ' + event.fail);
        console.log('hello from node', count);
        return {
          event, count, pid: process.pid,
          name: process.env.AWS_LAMBDA_FUNCTION_NAME, region: process.env.AWS_REGION,
          handler: process.env._HANDLER, stage: process.env.STAGE,
          requestId: context.awsRequestId, functionName: context.functionName,
          memory: context.memoryLimitInMB, arn: context.invokedFunctionArn,
          remaining: context.getRemainingTimeInMillis(),
        };
      };
      """;

  static ApiTestServer server;
  static LambdaClient lambda;

  @BeforeAll
  static void start() {
    server = ApiTestServer.start(Clock.systemUTC(), new LambdaModule());
    lambda = server.client(LambdaClient.builder());
  }

  @AfterAll
  static void stop() { server.close(); }

  static void python(String name, int timeout) {
    RequiredTool.require("python3", RequiredTool.onPath("python3"));
    lambda.createFunction(r -> r.functionName(name).runtime("python3.11").handler("app.handler").role(ROLE)
        .timeout(timeout).environment(e -> e.variables(Map.of("STAGE", "test")))
        .code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of("app.py", PYTHON)))));
  }

  static void node(String name) {
    RequiredTool.require("node", RequiredTool.onPath("node"));
    lambda.createFunction(r -> r.functionName(name).runtime("nodejs20.x").handler("index.handler").role(ROLE)
        .environment(e -> e.variables(Map.of("STAGE", "test")))
        .code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of("index.js", NODE)))));
  }

  static InvokeResponse invoke(String name, String payload) {
    return lambda.invoke(r -> r.functionName(name).payload(SdkBytes.fromUtf8String(payload)));
  }

  static JsonNode json(InvokeResponse r) { return JSON.readTree(r.payload().asByteArray()); }

  @Test
  void python_runsWithAwsEnvironmentAndContext() {
    python("py-env", 3);
    var r = invoke("py-env", "{\"x\":1}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.functionError()).isNull();
    assertThat(r.executedVersion()).isEqualTo("$LATEST");
    var out = json(r);
    assertThat(out.get("event").get("x").asInt()).isEqualTo(1);
    assertThat(out.get("name").asString()).isEqualTo("py-env");
    assertThat(out.get("region").asString()).isEqualTo("us-east-1");
    assertThat(out.get("handler").asString()).isEqualTo("app.handler");
    assertThat(out.get("stage").asString()).isEqualTo("test");
    assertThat(out.get("runtimeApi").asString()).startsWith("127.0.0.1:");
    assertThat(out.get("functionName").asString()).isEqualTo("py-env");
    assertThat(out.get("memory").asString()).isEqualTo("128");
    assertThat(out.get("arn").asString()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:py-env");
    assertThat(out.get("requestId").asString()).matches("[0-9a-f-]{36}");
    assertThat(out.get("remaining").asInt()).isBetween(1, 3000);
  }

  @Test
  void python_warmEnvironmentIsReused() {
    python("py-warm", 3);
    var first = json(invoke("py-warm", "{}"));
    var second = json(invoke("py-warm", "{}"));
    assertThat(second.get("pid").asLong()).isEqualTo(first.get("pid").asLong());
    assertThat(second.get("count").asInt()).isEqualTo(first.get("count").asInt() + 1);
  }

  @Test
  void python_concurrentInvocations_getTheirOwnEnvironments() throws Exception {
    python("py-concurrent", 5);
    var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
    var a = CompletableFuture.supplyAsync(() -> json(invoke("py-concurrent", "{\"sleep\":1}")), threads);
    var b = CompletableFuture.supplyAsync(() -> json(invoke("py-concurrent", "{\"sleep\":1}")), threads);
    assertThat(a.get(20, TimeUnit.SECONDS).get("pid").asLong()).isNotEqualTo(b.get(20, TimeUnit.SECONDS).get("pid").asLong());
  }

  @Test
  void python_error_isUnhandledWithErrorDocument() {
    python("py-error", 3);
    var r = invoke("py-error", "{\"fail\":\"x\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.functionError()).isEqualTo("Unhandled");
    var doc = json(r);
    assertThat(doc.get("errorType").asString()).isEqualTo("ValueError");
    assertThat(doc.get("errorMessage").asString()).isEqualTo("boom: x");
    assertThat(doc.get("stackTrace").isArray()).isTrue();
    assertThat(doc.get("stackTrace").get(0).asString()).contains("app.py");
    // the environment survives a handled exception
    assertThat(invoke("py-error", "{}").functionError()).isNull();
    var marshal = json(invoke("py-error", "{\"sleep\":0, \"unjson\":1}"));
    assertThat(marshal.get("errorType").asString()).isEqualTo("Runtime.MarshalError");
    assertThat(marshal.get("errorMessage").asString()).startsWith("Unable to marshal response: Object of type set is not JSON serializable");
    var huge = invoke("py-error", "{\"huge\":1}");
    assertThat(huge.functionError()).isEqualTo("Unhandled");
    assertThat(json(huge).get("errorType").asString()).isEqualTo("Function.ResponseSizeTooLarge");
  }

  @Test
  void python_timeout_killsAndAnswersTaskTimedOut() {
    python("py-timeout", 1);
    long t0 = System.nanoTime();
    var r = invoke("py-timeout", "{\"sleep\":10}");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    assertThat(r.functionError()).isEqualTo("Unhandled");
    assertThat(r.payload().asUtf8String()).contains("Task timed out after 1.00 seconds").contains("Sandbox.Timedout");
    // the next invocation starts a fresh environment
    assertThat(json(invoke("py-timeout", "{}")).get("count").asInt()).isEqualTo(1);
  }

  @Test
  void python_importError_isRuntimeImportModuleError() {
    RequiredTool.require("python3", RequiredTool.onPath("python3"));
    lambda.createFunction(r -> r.functionName("py-import").runtime("python3.11").handler("missing.handler").role(ROLE)
        .code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of("app.py", PYTHON)))));
    var r = invoke("py-import", "{}");
    assertThat(r.functionError()).isEqualTo("Unhandled");
    var doc = json(r);
    assertThat(doc.get("errorType").asString()).isEqualTo("Runtime.ImportModuleError");
    assertThat(doc.get("errorMessage").asString()).startsWith("Unable to import module 'missing'");
  }

  @Test
  void python_logTypeTail_returnsTheInvocationLog() {
    python("py-tail", 3);
    var r = lambda.invoke(q -> q.functionName("py-tail").logType("Tail").payload(SdkBytes.fromUtf8String("{}")));
    String log = new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8);
    assertThat(log).contains("START RequestId: ").contains("hello from python 1").contains("END RequestId: ")
        .contains("REPORT RequestId: ");
  }

  @Test
  void invocationTypes_event202_dryRun204() {
    python("py-types", 3);
    assertThat(lambda.invoke(q -> q.functionName("py-types").invocationType("Event")
        .payload(SdkBytes.fromUtf8String("{}"))).statusCode()).isEqualTo(202);
    assertThat(lambda.invoke(q -> q.functionName("py-types").invocationType("DryRun")).statusCode()).isEqualTo(204);
    assertThatThrownBy(() -> invoke("py-types", "{not json"))
        .isInstanceOfSatisfying(InvalidRequestContentException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
  }

  @Test
  void updateConfiguration_newEnvironmentSeesNewVariables() {
    python("py-reconfig", 3);
    assertThat(json(invoke("py-reconfig", "{}")).get("stage").asString()).isEqualTo("test");
    lambda.updateFunctionConfiguration(r -> r.functionName("py-reconfig").environment(e -> e.variables(Map.of("STAGE", "prod"))));
    assertThat(json(invoke("py-reconfig", "{}")).get("stage").asString()).isEqualTo("prod");
  }

  @Test
  void node_runsWithAwsEnvironmentContextAndErrors() {
    node("node-fn");
    var first = json(invoke("node-fn", "{\"y\":2}"));
    assertThat(first.get("event").get("y").asInt()).isEqualTo(2);
    assertThat(first.get("name").asString()).isEqualTo("node-fn");
    assertThat(first.get("handler").asString()).isEqualTo("index.handler");
    assertThat(first.get("stage").asString()).isEqualTo("test");
    assertThat(first.get("functionName").asString()).isEqualTo("node-fn");
    assertThat(first.get("arn").asString()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:node-fn");
    assertThat(first.get("remaining").asInt()).isBetween(1, 3000);
    var second = json(invoke("node-fn", "{}"));
    assertThat(second.get("pid").asLong()).isEqualTo(first.get("pid").asLong());
    assertThat(second.get("count").asInt()).isEqualTo(2);
    var err = invoke("node-fn", "{\"fail\":\"z\"}");
    assertThat(err.functionError()).isEqualTo("Unhandled");
    var doc = json(err);
    assertThat(doc.get("errorType").asString()).isEqualTo("TypeError");
    assertThat(doc.get("errorMessage").asString()).isEqualTo("node boom: z");
    assertThat(doc.get("trace").isArray()).isTrue();
  }

  @Test
  void functionInvoker_refusedWithoutPermission_thenAllowedForTheSourceArn() throws Exception {
    python("py-service", 3);
    FunctionInvoker invoker = server.context().extensions().find(FunctionInvoker.class).orElseThrow();
    String arn = "arn:aws:lambda:us-east-1:000000000000:function:py-service";
    String tg = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web/0123456789abcdef";
    var call = new ServiceInvocation(arn, "{\"from\":\"alb\"}".getBytes(StandardCharsets.UTF_8),
        "elasticloadbalancing.amazonaws.com", tg, Duration.ofSeconds(10));
    assertThat(invoker.invoke(call).get(20, TimeUnit.SECONDS)).isInstanceOf(InvocationOutcome.PermissionDenied.class);
    assertThat(invoker.allows(arn, "elasticloadbalancing.amazonaws.com", tg)).isFalse();
    lambda.addPermission(r -> r.functionName("py-service").statementId("other-tg").action("lambda:InvokeFunction")
        .principal("elasticloadbalancing.amazonaws.com").sourceArn(tg.replace("/web/", "/api/")));
    assertThat(invoker.invoke(call).get(20, TimeUnit.SECONDS)).isInstanceOf(InvocationOutcome.PermissionDenied.class);
    lambda.addPermission(r -> r.functionName("py-service").statementId("alb").action("lambda:InvokeFunction")
        .principal("elasticloadbalancing.amazonaws.com").sourceArn(tg));
    assertThat(invoker.allows(arn, "elasticloadbalancing.amazonaws.com", tg)).isTrue();
    var outcome = invoker.invoke(call).get(20, TimeUnit.SECONDS);
    assertThat(outcome).isInstanceOfSatisfying(InvocationOutcome.Returned.class, ret -> {
      assertThat(ret.functionError()).isNull();
      assertThat(JSON.readTree(ret.payload()).get("event").get("from").asString()).isEqualTo("alb");
    });
    assertThat(invoker.invoke(new ServiceInvocation(arn + "-gone", new byte[] {'{', '}'}, "apigateway.amazonaws.com",
        "arn:aws:execute-api:us-east-1:000000000000:abc/*", Duration.ofSeconds(1))).get(5, TimeUnit.SECONDS))
        .isInstanceOf(InvocationOutcome.NotFound.class);
  }

  @Test
  void node_callbackHandler_timeout_andMissingHandler() {
    RequiredTool.require("node", RequiredTool.onPath("node"));
    String code = """
        exports.cb = (event, context, callback) => callback(null, { via: 'callback', n: event.n });
        exports.slow = async () => new Promise((resolve) => setTimeout(() => resolve('late'), 5000));
        """;
    for (String h : new String[] {"cb", "slow", "nothere"}) {
      lambda.createFunction(r -> r.functionName("node-" + h).runtime("nodejs22.x").handler("index." + h).role(ROLE).timeout(1)
          .code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of("index.js", code)))));
    }
    assertThat(json(invoke("node-cb", "{\"n\":7}")).get("n").asInt()).isEqualTo(7);
    var slow = invoke("node-slow", "{}");
    assertThat(slow.functionError()).isEqualTo("Unhandled");
    assertThat(slow.payload().asUtf8String()).contains("Task timed out after 1.00 seconds");
    var missing = invoke("node-nothere", "{}");
    assertThat(missing.functionError()).isEqualTo("Unhandled");
    assertThat(json(missing).get("errorType").asString()).isEqualTo("Runtime.HandlerNotFound");
    assertThat(json(missing).get("errorMessage").asString()).isEqualTo("index.nothere is undefined or not exported");
  }

  @Test
  void shutdown_killsTheFunctionsProcesses() {
    RequiredTool.require("python3", RequiredTool.onPath("python3"));
    long pid;
    try (var own = ApiTestServer.start(Clock.systemUTC(), new LambdaModule())) {
      var client = own.client(LambdaClient.builder());
      client.createFunction(r -> r.functionName("py-shutdown").runtime("python3.11").handler("app.handler").role(ROLE)
          .code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of("app.py", PYTHON)))));
      var out = client.invoke(r -> r.functionName("py-shutdown").payload(SdkBytes.fromUtf8String("{}")));
      pid = JSON.readTree(out.payload().asByteArray()).get("pid").asLong();
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
    }
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
        .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
  }

}
