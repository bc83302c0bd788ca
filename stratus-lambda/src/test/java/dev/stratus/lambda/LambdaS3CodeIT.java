package dev.stratus.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.core.testing.RequiredTool;
import dev.stratus.protocol.testing.ApiTestServer;
import dev.stratus.s3.S3Module;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.s3.S3Client;

/** CreateFunction and UpdateFunctionCode with S3Bucket/S3Key, read from Stratus's S3 as the caller's account. */
@org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class LambdaS3CodeIT {
  static ApiTestServer server;
  static LambdaClient lambda;
  static S3Client s3;

  @BeforeAll
  static void start() {
    server = ApiTestServer.start(Clock.systemUTC(), new S3Module(), new LambdaModule());
    lambda = server.client(LambdaClient.builder());
    s3 = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ApiTestServer.ACCESS_KEY, "secret")))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  @AfterAll
  static void stop() { server.close(); }

  static byte[] zip(String answer) {
    return Zips.of("app.py", "def handler(event, context):\n    return '" + answer + "'\n");
  }

  @Test
  void codeFromS3_createsAndUpdates_andRefusesAsAws() {
    RequiredTool.require("python3", RequiredTool.onPath("python3"));
    s3.createBucket(b -> b.bucket("lambda-code"));
    s3.putObject(b -> b.bucket("lambda-code").key("fn.zip"), RequestBody.fromBytes(zip("two")));
    s3.putObject(b -> b.bucket("lambda-code").key("v1/fn.zip"), RequestBody.fromBytes(zip("one")));

    lambda.createFunction(r -> r.functionName("from-s3").runtime("python3.12").handler("app.handler")
        .role(LambdaInvokeIT.ROLE).code(c -> c.s3Bucket("lambda-code").s3Key("fn.zip")));
    assertThat(lambda.invoke(r -> r.functionName("from-s3")).payload().asUtf8String()).isEqualTo("\"two\"");

    lambda.updateFunctionCode(r -> r.functionName("from-s3").s3Bucket("lambda-code").s3Key("v1/fn.zip"));
    assertThat(lambda.invoke(r -> r.functionName("from-s3")).payload().asUtf8String()).isEqualTo("\"one\"");

    assertThatThrownBy(() -> lambda.createFunction(r -> r.functionName("no-key").runtime("python3.12")
        .handler("app.handler").role(LambdaInvokeIT.ROLE).code(c -> c.s3Bucket("lambda-code").s3Key("missing.zip"))))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified"
            + " key does not exist.");
    assertThatThrownBy(() -> lambda.createFunction(r -> r.functionName("no-bucket").runtime("python3.12")
        .handler("app.handler").role(LambdaInvokeIT.ROLE).code(c -> c.s3Bucket("nowhere-bucket").s3Key("fn.zip"))))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("Error occurred while GetObject. S3 Error Code: NoSuchBucket.");
    s3.putObject(b -> b.bucket("lambda-code").key("not-a.zip"), RequestBody.fromString("plain text"));
    assertThatThrownBy(() -> lambda.updateFunctionCode(r -> r.functionName("from-s3").s3Bucket("lambda-code")
        .s3Key("not-a.zip")))
        .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("Could not unzip uploaded file.");
    assertThat(lambda.invoke(r -> r.functionName("from-s3").payload(SdkBytes.fromUtf8String("{}"))).payload()
        .asUtf8String()).isEqualTo("\"one\"");
  }
}
