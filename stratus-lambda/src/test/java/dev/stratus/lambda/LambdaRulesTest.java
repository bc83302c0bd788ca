package dev.stratus.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.core.AwsException;
import dev.stratus.lambda.model.LambdaRules;
import dev.stratus.lambda.model.PolicyStatement;
import dev.stratus.lambda.model.ResourcePolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class LambdaRulesTest {
  static final String FN = "arn:aws:lambda:us-east-1:123456789012:function:web";
  static final String TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef";

  @Test
  void functionName_acceptsNamePartialArnAndArn() {
    assertThat(LambdaRules.parseFunctionName("web", "functionName"))
        .isEqualTo(new LambdaRules.FunctionRef(null, null, "web", null));
    assertThat(LambdaRules.parseFunctionName("123456789012:function:web", "functionName"))
        .isEqualTo(new LambdaRules.FunctionRef(null, "123456789012", "web", null));
    assertThat(LambdaRules.parseFunctionName(FN + ":$LATEST", "functionName"))
        .isEqualTo(new LambdaRules.FunctionRef("us-east-1", "123456789012", "web", "$LATEST"));
    assertThatThrownBy(() -> LambdaRules.parseFunctionName("bad name!", "functionName"))
        .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("ValidationException"));
  }

  @Test
  void arnLike_wildcardsPerPart() {
    assertThat(ResourcePolicy.arnLike("arn:aws:execute-api:us-east-1:123456789012:abc/*", "arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/x")).isTrue();
    assertThat(ResourcePolicy.arnLike("arn:aws:execute-api:us-east-1:123456789012:abc/*", "arn:aws:execute-api:us-east-1:123456789012:abd/prod")).isFalse();
    assertThat(ResourcePolicy.arnLike("arn:aws:execute-api:*:123456789012:abc/?rod/*", "arn:aws:execute-api:eu-west-1:123456789012:abc/prod/GET")).isTrue();
    assertThat(ResourcePolicy.arnLike(TG, TG)).isTrue();
  }

  @Test
  void allowsService_principalActionSourceArnAndAccount() {
    var any = new PolicyStatement("a", "lambda:InvokeFunction", "elasticloadbalancing.amazonaws.com", null, null, null, FN);
    var scoped = new PolicyStatement("b", "lambda:InvokeFunction", "elasticloadbalancing.amazonaws.com", TG, null, null, FN);
    var otherAccount = new PolicyStatement("c", "lambda:*", "elasticloadbalancing.amazonaws.com", null, "999999999999", null, FN);
    var wrongAction = new PolicyStatement("d", "lambda:GetFunction", "elasticloadbalancing.amazonaws.com", null, null, null, FN);
    String principal = "elasticloadbalancing.amazonaws.com";
    assertThat(ResourcePolicy.allowsService(List.of(any), principal, TG)).isTrue();
    assertThat(ResourcePolicy.allowsService(List.of(any), "apigateway.amazonaws.com", TG)).isFalse();
    assertThat(ResourcePolicy.allowsService(List.of(scoped), principal, TG)).isTrue();
    assertThat(ResourcePolicy.allowsService(List.of(scoped), principal, TG.replace("/web/", "/api/"))).isFalse();
    assertThat(ResourcePolicy.allowsService(List.of(otherAccount), principal, TG)).isFalse();
    assertThat(ResourcePolicy.allowsService(List.of(wrongAction), principal, TG)).isFalse();
    assertThat(ResourcePolicy.allowsService(List.of(), principal, TG)).isFalse();
  }

  @Test
  void statementJson_asAwsWritesIt() {
    var s = new PolicyStatement("sid1", "lambda:InvokeFunction", "123456789012", null, "123456789012", null, FN);
    assertThat(ResourcePolicy.statement(s)).isEqualTo("{\"Sid\":\"sid1\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
        + "\"arn:aws:iam::123456789012:root\"},\"Action\":\"lambda:InvokeFunction\",\"Resource\":\"" + FN
        + "\",\"Condition\":{\"StringEquals\":{\"AWS:SourceAccount\":\"123456789012\"}}}");
  }

  @Test
  void logTail_isTheLast4KbBase64() {
    String log = "x".repeat(5000) + "END";
    String tail = new String(java.util.Base64.getDecoder().decode(InvokeOperations.tail(log)));
    assertThat(tail).hasSize(4096).endsWith("END");
  }
}
