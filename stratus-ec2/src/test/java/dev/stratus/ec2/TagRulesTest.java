package dev.stratus.ec2;

import static dev.stratus.ec2.RulesAssert.assertViolation;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TagRulesTest {
  @Test
  void key_missingOrAwsNamespace_refused() {
    assertViolation(TagRules.key(null), "InvalidParameterValue", "Tag keys must not be empty");
    assertViolation(TagRules.key("aws:cloudformation:stack-name"), "InvalidParameterValue",
        "Tag keys starting with 'aws:' are reserved for internal use");
    assertThat(TagRules.key("Name")).isEmpty();
    assertThat(TagRules.key("awsome")).isEmpty();
  }

  @Test
  void resourceType_otherThanCreated_refused() {
    assertViolation(TagRules.resourceType("subnet", "vpc"), "InvalidParameterValue",
        "'subnet' is not a valid taggable resource type for this operation.");
    assertThat(TagRules.resourceType(null, "vpc")).isEmpty();
    assertThat(TagRules.resourceType("vpc", "vpc")).isEmpty();
  }
}
