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
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** Versions, aliases (weighted routing) and qualified ARNs through the SDK and FunctionInvoker. */
@org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class LambdaVersionsIT {
  static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:";
  static ApiTestServer server;
  static LambdaClient lambda;

  @BeforeAll
  static void start() {
    server = ApiTestServer.start(Clock.systemUTC(), new LambdaModule());
    lambda = server.client(LambdaClient.builder());
  }

  @AfterAll
  static void stop() { server.close(); }

  static SdkBytes zip(String answer) {
    return SdkBytes.fromByteArray(Zips.of("app.py", "import os\ndef handler(event, context):\n    return {'answer': '"
        + answer + "', 'version': os.environ['AWS_LAMBDA_FUNCTION_VERSION'], 'arn': context.invoked_function_arn}\n"));
  }

  static String invoke(String functionName) {
    var r = lambda.invoke(b -> b.functionName(functionName).payload(SdkBytes.fromUtf8String("{}")));
    assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
    return r.executedVersion() + " " + r.payload().asUtf8String();
  }

  @Test
  void publishVersion_checksCodeSha256_andPublishesNothingNewWithoutAChange() {
    RequiredTool.require("python3", RequiredTool.onPath("python3"));
    var created = lambda.createFunction(r -> r.functionName("ver").runtime("python3.12").handler("app.handler")
        .role(LambdaInvokeIT.ROLE).code(c -> c.zipFile(zip("one"))));
    assertThatThrownBy(() -> lambda.publishVersion(r -> r.functionName("ver").codeSha256("bm9wZQ==")))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("CodeSHA256 (bm9wZQ==) is different from current CodeSHA256 in $LATEST ("
            + created.codeSha256() + "). Please try again with the CodeSHA256 in $LATEST.");
    assertThatThrownBy(() -> lambda.publishVersion(r -> r.functionName("ver").revisionId("stale")))
        .hasMessageContaining("The Revision Id provided does not match the latest Revision Id");
    var v1 = lambda.publishVersion(r -> r.functionName("ver").codeSha256(created.codeSha256()).description("first"));
    assertThat(v1.version()).isEqualTo("1");
    assertThat(v1.functionArn()).isEqualTo(ARN + "ver:1");
    assertThat(v1.description()).isEqualTo("first");
    assertThat(lambda.publishVersion(r -> r.functionName("ver")).version()).as("nothing changed").isEqualTo("1");
    lambda.updateFunctionCode(r -> r.functionName("ver").zipFile(zip("two")));
    assertThat(lambda.publishVersion(r -> r.functionName("ver")).version()).isEqualTo("2");
    lambda.updateFunctionCode(r -> r.functionName("ver").zipFile(zip("three")));

    assertThat(lambda.listVersionsByFunction(r -> r.functionName("ver")).versions())
        .extracting(FunctionConfiguration::version).containsExactly("$LATEST", "1", "2");
    var page = lambda.listVersionsByFunction(r -> r.functionName("ver").maxItems(2));
    assertThat(page.nextMarker()).isEqualTo("2");

    // Each version runs its own code and knows its number; $LATEST the newest code.
    assertThat(invoke("ver:1")).startsWith("1 ").contains("\"answer\": \"one\"", "\"version\": \"1\"", ARN + "ver:1");
    assertThat(invoke("ver")).startsWith("$LATEST ").contains("three");
    assertThat(lambda.invoke(r -> r.functionName("ver").qualifier("2")).payload().asUtf8String()).contains("two");
    assertThat(lambda.getFunction(r -> r.functionName(ARN + "ver:2")).configuration().codeSha256())
        .isNotEqualTo(lambda.getFunction(r -> r.functionName("ver")).configuration().codeSha256());
    assertThatThrownBy(() -> invoke("ver:7")).isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("Function not found: " + ARN + "ver:7");
    assertThatThrownBy(() -> lambda.getFunction(r -> r.functionName("ver:1").qualifier("2")))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("The derived qualifier from the function name does not match the specified qualifier.");

    // A version an alias uses cannot be deleted; another can.
    lambda.createAlias(r -> r.functionName("ver").name("keep").functionVersion("1"));
    assertThatThrownBy(() -> lambda.deleteFunction(r -> r.functionName("ver").qualifier("1")))
        .isInstanceOf(ResourceConflictException.class)
        .hasMessageContaining("Unable to delete version because the following aliases reference it: [keep]");
    lambda.deleteFunction(r -> r.functionName("ver:2"));
    assertThat(lambda.listVersionsByFunction(r -> r.functionName("ver")).versions())
        .extracting(FunctionConfiguration::version).containsExactly("$LATEST", "1");
    lambda.updateFunctionCode(r -> r.functionName("ver").zipFile(zip("four")));
    assertThat(lambda.publishVersion(r -> r.functionName("ver")).version()).as("numbers are not reused").isEqualTo("3");
  }

  @Test
  void aliases_routeByWeight_andAnswerAwsErrors() {
    RequiredTool.require("python3", RequiredTool.onPath("python3"));
    lambda.createFunction(r -> r.functionName("ali").runtime("python3.12").handler("app.handler")
        .role(LambdaInvokeIT.ROLE).code(c -> c.zipFile(zip("one"))));
    lambda.publishVersion(r -> r.functionName("ali"));
    lambda.updateFunctionCode(r -> r.functionName("ali").zipFile(zip("two")));
    lambda.publishVersion(r -> r.functionName("ali"));

    var live = lambda.createAlias(r -> r.functionName("ali").name("live").functionVersion("1").description("prod"));
    assertThat(live.aliasArn()).isEqualTo(ARN + "ali:live");
    assertThatThrownBy(() -> lambda.createAlias(r -> r.functionName("ali").name("live").functionVersion("1")))
        .isInstanceOf(ResourceConflictException.class).hasMessageContaining("Alias already exists: " + ARN + "ali:live");
    assertThatThrownBy(() -> lambda.createAlias(r -> r.functionName("ali").name("123").functionVersion("1")))
        .hasMessageContaining("Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)");
    assertThatThrownBy(() -> lambda.createAlias(r -> r.functionName("ali").name("later").functionVersion("9")))
        .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Function not found: " + ARN + "ali:9");
    assertThatThrownBy(() -> lambda.getAlias(r -> r.functionName("ali").name("nope")))
        .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Alias not found: " + ARN + "ali:nope");
    assertThatThrownBy(() -> lambda.createAlias(r -> r.functionName("ali").name("mix").functionVersion("$LATEST")
        .routingConfig(c -> c.additionalVersionWeights(Map.of("1", 0.5)))))
        .isInstanceOf(InvalidParameterValueException.class);

    assertThat(invoke("ali:live")).startsWith("1 ").contains("one", ARN + "ali:live");
    assertThat(lambda.getFunction(r -> r.functionName("ali").qualifier("live")).configuration().version()).isEqualTo("1");

    // Half of the invocations to version 2.
    var updated = lambda.updateAlias(r -> r.functionName("ali").name("live")
        .routingConfig(c -> c.additionalVersionWeights(Map.of("2", 0.5))));
    assertThat(updated.routingConfig().additionalVersionWeights()).containsEntry("2", 0.5);
    assertThat(updated.functionVersion()).isEqualTo("1");
    var seen = new HashSet<String>();
    for (int i = 0; i < 40 && seen.size() < 2; i++) seen.add(invoke("ali:live").substring(0, 1));
    assertThat(seen).containsExactlyInAnyOrder("1", "2");

    lambda.updateAlias(r -> r.functionName("ali").name("live").functionVersion("2")
        .routingConfig(c -> c.additionalVersionWeights(Map.of())));
    assertThat(lambda.getAlias(r -> r.functionName("ali").name("live")).functionVersion()).isEqualTo("2");
    assertThat(invoke("ali:live")).startsWith("2 ");
    lambda.createAlias(r -> r.functionName("ali").name("beta").functionVersion("$LATEST"));
    assertThat(lambda.listAliases(r -> r.functionName("ali")).aliases()).extracting(a -> a.name())
        .containsExactly("beta", "live");
    assertThat(lambda.listAliases(r -> r.functionName("ali").functionVersion("2")).aliases()).extracting(a -> a.name())
        .containsExactly("live");
    lambda.deleteAlias(r -> r.functionName("ali").name("beta"));
    assertThatThrownBy(() -> invoke("ali:beta")).isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("Function not found: " + ARN + "ali:beta");
  }

  @Test
  void qualifiedPermissions_allowTheAliasOnly_throughFunctionInvoker() throws Exception {
    RequiredTool.require("python3", RequiredTool.onPath("python3"));
    lambda.createFunction(r -> r.functionName("perm").runtime("python3.12").handler("app.handler")
        .role(LambdaInvokeIT.ROLE).code(c -> c.zipFile(zip("one"))));
    lambda.publishVersion(r -> r.functionName("perm"));
    lambda.createAlias(r -> r.functionName("perm").name("live").functionVersion("1"));
    lambda.addPermission(r -> r.functionName("perm:live").statementId("apigw").action("lambda:InvokeFunction")
        .principal("apigateway.amazonaws.com"));
    assertThat(lambda.getPolicy(r -> r.functionName("perm").qualifier("live")).policy())
        .contains("\"Resource\":\"" + ARN + "perm:live\"");
    assertThatThrownBy(() -> lambda.getPolicy(r -> r.functionName("perm")))
        .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("The resource you requested does not exist.");

    FunctionInvoker invoker = server.context().extensions().find(FunctionInvoker.class).orElseThrow();
    String source = "arn:aws:execute-api:us-east-1:000000000000:abc/prod/GET/";
    var viaAlias = invoker.invoke(new ServiceInvocation(ARN + "perm:live", "{}".getBytes(StandardCharsets.UTF_8),
        "apigateway.amazonaws.com", source, Duration.ofSeconds(29))).get(30, TimeUnit.SECONDS);
    assertThat(viaAlias).isInstanceOf(InvocationOutcome.Returned.class);
    assertThat(new String(((InvocationOutcome.Returned) viaAlias).payload(), StandardCharsets.UTF_8))
        .contains("\"version\": \"1\"", ARN + "perm:live");
    var unqualified = invoker.invoke(new ServiceInvocation(ARN + "perm", "{}".getBytes(StandardCharsets.UTF_8),
        "apigateway.amazonaws.com", source, Duration.ofSeconds(29))).get(30, TimeUnit.SECONDS);
    assertThat(unqualified).isInstanceOf(InvocationOutcome.PermissionDenied.class);
    var missing = invoker.invoke(new ServiceInvocation(ARN + "perm:gone", "{}".getBytes(StandardCharsets.UTF_8),
        "apigateway.amazonaws.com", source, Duration.ofSeconds(29))).get(30, TimeUnit.SECONDS);
    assertThat(missing).isInstanceOf(InvocationOutcome.NotFound.class);
    assertThat(invoker.allows(ARN + "perm:live", "apigateway.amazonaws.com", source)).isTrue();
    assertThat(invoker.allows(ARN + "perm:1", "apigateway.amazonaws.com", source)).isFalse();
  }
}
