package dev.stratus.apigateway.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** REST API resource policies on execute-api:Invoke: deny wins, conditions, fail closed. */
class ResourcePolicyTest {
  static final String ARN = "arn:aws:execute-api:us-east-1:000000000000:abc123/prod/GET/pets";

  static String policy(String... statements) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
  }

  static String statement(String effect, String resource, String condition) {
    return "{\"Effect\":\"" + effect + "\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"" + resource + "\""
        + (condition == null ? "" : ",\"Condition\":" + condition) + "}";
  }

  @Test
  void evaluate_allowThenExplicitDenyWins() {
    var p = ResourcePolicy.parse(policy(statement("Allow", "execute-api:/*", null),
        statement("Deny", "execute-api:/*/GET/pets", "{\"NotIpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}")));
    assertThat(p.evaluate(ARN, "10.1.2.3", null)).isEqualTo(ResourcePolicy.Decision.ALLOW);
    assertThat(p.evaluate(ARN, "127.0.0.1", null)).isEqualTo(ResourcePolicy.Decision.EXPLICIT_DENY);
    assertThat(p.evaluate(ARN.replace("/pets", "/dogs"), "127.0.0.1", null)).isEqualTo(ResourcePolicy.Decision.ALLOW);
  }

  @Test
  void evaluate_sourceVpceCondition() {
    var p = ResourcePolicy.parse(policy(statement("Allow", "*", "{\"StringEquals\":{\"aws:SourceVpce\":\"vpce-1\"}}")));
    assertThat(p.evaluate(ARN, "127.0.0.1", "vpce-1")).isEqualTo(ResourcePolicy.Decision.ALLOW);
    assertThat(p.evaluate(ARN, "127.0.0.1", "vpce-2")).isEqualTo(ResourcePolicy.Decision.NO_ALLOW);
    assertThat(p.evaluate(ARN, "127.0.0.1", null)).isEqualTo(ResourcePolicy.Decision.NO_ALLOW);
  }

  @Test
  void evaluate_unreadablePolicyOrUnknownCondition_allowsNothing() {
    assertThat(ResourcePolicy.parse("not json").evaluate(ARN, "127.0.0.1", null)).isEqualTo(ResourcePolicy.Decision.NO_ALLOW);
    var p = ResourcePolicy.parse(policy(statement("Allow", "*", "{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2020-01-01\"}}")));
    assertThat(p.evaluate(ARN, "127.0.0.1", null)).isEqualTo(ResourcePolicy.Decision.NO_ALLOW);
  }
}
