package dev.stratus.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.protocol.testing.ApiTestServer;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;

/** The function API and its refusals through the SDK's LambdaClient (no function is run here). */
class LambdaFunctionsIT {
  static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";
  static final byte[] ZIP = Zips.of("app.py", "def handler(event, context):\n    return event\n");
  static ApiTestServer server;
  static LambdaClient lambda;

  @BeforeAll
  static void start() {
    server = ApiTestServer.start(Clock.systemUTC(), new LambdaModule());
    lambda = server.client(LambdaClient.builder());
  }

  @AfterAll
  static void stop() { server.close(); }

  static void create(String name) {
    lambda.createFunction(r -> r.functionName(name).runtime("python3.11").handler("app.handler").role(ROLE)
        .code(c -> c.zipFile(SdkBytes.fromByteArray(ZIP))));
  }

  @Test
  void createFunction_answersPendingThenReadsActive() {
    var created = lambda.createFunction(r -> r.functionName("fn-create").runtime("python3.11").handler("app.handler")
        .role(ROLE).timeout(7).memorySize(256).environment(e -> e.variables(Map.of("STAGE", "test")))
        .code(c -> c.zipFile(SdkBytes.fromByteArray(ZIP))));
    assertThat(created.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:fn-create");
    assertThat(created.stateAsString()).isEqualTo("Pending");
    assertThat(created.stateReasonCodeAsString()).isEqualTo("Creating");
    assertThat(created.codeSize()).isEqualTo(ZIP.length);
    assertThat(created.version()).isEqualTo("$LATEST");
    var got = lambda.getFunction(r -> r.functionName("fn-create"));
    assertThat(got.configuration().stateAsString()).isEqualTo("Active");
    assertThat(got.configuration().timeout()).isEqualTo(7);
    assertThat(got.configuration().memorySize()).isEqualTo(256);
    assertThat(got.configuration().environment().variables()).containsEntry("STAGE", "test");
    assertThat(got.code().repositoryType()).isEqualTo("S3");
    var config = lambda.getFunctionConfiguration(r -> r.functionName(created.functionArn()));
    assertThat(config.codeSha256()).isEqualTo(created.codeSha256());
    assertThat(config.lastUpdateStatusAsString()).isEqualTo("Successful");
  }

  @Test
  void createFunction_defaults_timeout3_memory128() {
    create("fn-defaults");
    var c = lambda.getFunctionConfiguration(r -> r.functionName("000000000000:function:fn-defaults"));
    assertThat(c.timeout()).isEqualTo(3);
    assertThat(c.memorySize()).isEqualTo(128);
  }

  @Test
  void createFunction_twice_isResourceConflict() {
    create("fn-twice");
    assertThatThrownBy(() -> create("fn-twice"))
        .isInstanceOfSatisfying(ResourceConflictException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(409);
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Function already exist: fn-twice");
        });
  }

  @Test
  void createFunction_refusals() {
    assertThatThrownBy(() -> lambda.createFunction(r -> r.functionName("bad-role").runtime("python3.11")
        .handler("app.handler").role("not-a-role").code(c -> c.zipFile(SdkBytes.fromByteArray(ZIP)))))
        .isInstanceOfSatisfying(LambdaException.class, e -> {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
          assertThat(e.awsErrorDetails().errorMessage()).startsWith("1 validation error detected: Value 'not-a-role' at 'role'");
        });
    assertThatThrownBy(() -> lambda.createFunction(r -> r.functionName("bad-timeout").runtime("python3.11")
        .handler("app.handler").role(ROLE).timeout(901).code(c -> c.zipFile(SdkBytes.fromByteArray(ZIP)))))
        .isInstanceOfSatisfying(LambdaException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .endsWith("Member must have value less than or equal to 900"));
    assertThatThrownBy(() -> lambda.createFunction(r -> r.functionName("old-runtime").runtime("python2.7")
        .handler("app.handler").role(ROLE).code(c -> c.zipFile(SdkBytes.fromByteArray(ZIP)))))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("The runtime parameter of python2.7 is no longer supported");
    assertThatThrownBy(() -> lambda.createFunction(r -> r.functionName("reserved-env").runtime("python3.11")
        .handler("app.handler").role(ROLE).environment(e -> e.variables(Map.of("AWS_REGION", "x")))
        .code(c -> c.zipFile(SdkBytes.fromByteArray(ZIP)))))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("Reserved keys used in this request: AWS_REGION");
    assertThatThrownBy(() -> lambda.createFunction(r -> r.functionName("bad-zip").runtime("python3.11")
        .handler("app.handler").role(ROLE).code(c -> c.zipFile(SdkBytes.fromUtf8String("not a zip")))))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("Could not unzip uploaded file");
  }

  @Test
  void getFunction_unknown_isNotFoundWithArn() {
    assertThatThrownBy(() -> lambda.getFunction(r -> r.functionName("nope")))
        .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(404);
          assertThat(e.awsErrorDetails().errorMessage())
              .isEqualTo("Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope");
        });
  }

  @Test
  void listFunctions_pages() {
    for (int i = 0; i < 3; i++) create("page-" + i);
    var first = lambda.listFunctions(r -> r.maxItems(2));
    assertThat(first.functions()).hasSize(2);
    assertThat(first.nextMarker()).isNotNull();
    var names = new java.util.ArrayList<String>();
    lambda.listFunctionsPaginator(r -> r.maxItems(2)).functions().forEach(f -> names.add(f.functionName()));
    assertThat(names).contains("page-0", "page-1", "page-2").doesNotHaveDuplicates();
  }

  @Test
  void updateConfiguration_andCode_changeRevision() {
    create("fn-update");
    var before = lambda.getFunctionConfiguration(r -> r.functionName("fn-update"));
    var updated = lambda.updateFunctionConfiguration(r -> r.functionName("fn-update").timeout(10)
        .environment(e -> e.variables(Map.of("AB", "1"))));
    assertThat(updated.lastUpdateStatusAsString()).isEqualTo("InProgress");
    assertThat(updated.timeout()).isEqualTo(10);
    assertThat(updated.revisionId()).isNotEqualTo(before.revisionId());
    byte[] other = Zips.of("app.py", "def handler(e, c):\n    return 2\n");
    var code = lambda.updateFunctionCode(r -> r.functionName("fn-update").zipFile(SdkBytes.fromByteArray(other)));
    assertThat(code.codeSha256()).isNotEqualTo(before.codeSha256());
    assertThat(code.environment().variables()).containsEntry("AB", "1");
  }

  @Test
  void deleteFunction_thenNotFound() {
    create("fn-delete");
    lambda.deleteFunction(r -> r.functionName("fn-delete"));
    assertThatThrownBy(() -> lambda.deleteFunction(r -> r.functionName("fn-delete")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void tags_roundTrip() {
    create("fn-tags");
    String arn = "arn:aws:lambda:us-east-1:000000000000:function:fn-tags";
    lambda.tagResource(r -> r.resource(arn).tags(Map.of("team", "web", "env", "dev")));
    lambda.untagResource(r -> r.resource(arn).tagKeys("env"));
    assertThat(lambda.listTags(r -> r.resource(arn)).tags()).isEqualTo(Map.of("team", "web"));
    assertThat(lambda.getFunction(r -> r.functionName("fn-tags")).tags()).isEqualTo(Map.of("team", "web"));
  }

  @Test
  void permissions_addGetRemove_andRefusals() {
    create("fn-policy");
    assertThatThrownBy(() -> lambda.getPolicy(r -> r.functionName("fn-policy")))
        .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .isEqualTo("The resource you requested does not exist."));
    var added = lambda.addPermission(r -> r.functionName("fn-policy").statementId("apigw").action("lambda:InvokeFunction")
        .principal("apigateway.amazonaws.com").sourceArn("arn:aws:execute-api:us-east-1:000000000000:abc123/*"));
    assertThat(added.statement()).contains("\"Service\":\"apigateway.amazonaws.com\"")
        .contains("\"ArnLike\":{\"AWS:SourceArn\":\"arn:aws:execute-api:us-east-1:000000000000:abc123/*\"}");
    assertThatThrownBy(() -> lambda.addPermission(r -> r.functionName("fn-policy").statementId("apigw")
        .action("lambda:InvokeFunction").principal("apigateway.amazonaws.com")))
        .isInstanceOfSatisfying(ResourceConflictException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .isEqualTo("The statement id (apigw) provided already exists. Please specify a new statement id, or remove the existing statement."));
    var policy = lambda.getPolicy(r -> r.functionName("fn-policy"));
    assertThat(policy.policy()).contains("\"Version\":\"2012-10-17\"").contains("\"Sid\":\"apigw\"")
        .contains("\"Resource\":\"arn:aws:lambda:us-east-1:000000000000:function:fn-policy\"");
    lambda.removePermission(r -> r.functionName("fn-policy").statementId("apigw"));
    assertThatThrownBy(() -> lambda.removePermission(r -> r.functionName("fn-policy").statementId("apigw")))
        .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .isEqualTo("Statement apigw is not found in resource policy."));
  }
}
