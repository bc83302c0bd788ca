package dev.stratus.app.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class OutputShapeTest {
  private static OutputShape shape(String json) { return new OutputShape(AwsExamples.JSON.readTree(json)); }

  @Test
  void extras_areTheTopmostKeysBeyondTheExample_underParentsTheExampleShows() {
    var aws = shape("{\"Vpc\": {\"VpcId\": \"vpc-1\", \"Tags\": []}}");
    var ours = shape("{\"Vpc\": {\"VpcId\": \"vpc-2\", \"OwnerId\": \"1\", \"Options\": {\"A\": true},"
        + " \"Tags\": [{\"Key\": \"k\"}]}, \"Other\": {\"X\": 1}}");
    assertThat(aws.extras(ours)).extracting(OutputShape.Difference::path)
        // not Vpc.Options.A (under an extra), not Vpc.Tags[].Key (the example's list is empty)
        .containsExactly("Vpc.OwnerId", "Vpc.Options", "Other");
  }

  @Test
  void differences_missingTypeAndConstantValue() {
    var aws = shape("{\"Vpc\": {\"State\": \"available\", \"IsDefault\": false, \"CidrBlock\": \"10.0.0.0/16\", \"Id\": 1}}");
    var ours = shape("{\"Vpc\": {\"State\": \"pending\", \"IsDefault\": false, \"Id\": \"1\"}}");
    assertThat(aws.differences(ours, Set.of("available", "pending"), UnaryOperator.identity()))
        .extracting(d -> d.path() + " " + d.kind())
        .containsExactlyInAnyOrder("Vpc.State value", "Vpc.CidrBlock missing", "Vpc.Id type");
  }
}
