package dev.stratus.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.AwsException;
import java.util.Optional;

/** Assertions for the {@code …Rules} unit tests: a check returned AWS's exact code and message. */
public final class RulesAssert {
  private RulesAssert() {}

  public static void assertViolation(Optional<AwsException> violation, String code, String message) {
    assertThat(violation).as("violation").hasValueSatisfying(e -> {
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.getMessage()).isEqualTo(message);
      assertThat(e.httpStatus()).isEqualTo(400);
    });
  }
}
