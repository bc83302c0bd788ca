package dev.stratus.protocol.it;

import static org.assertj.core.api.Assertions.assertThat;

import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Compares SDK responses by their model fields only (a response's own equals also compares
 * the HTTP metadata the client attached).
 */
final class SdkAssert {
  private SdkAssert() {}

  static void assertSameFields(SdkPojo actual, SdkPojo expected) {
    for (SdkField<?> f : expected.sdkFields()) {
      assertThat(f.getValueOrDefault(actual)).as(f.memberName()).isEqualTo(f.getValueOrDefault(expected));
    }
    assertThat(actual.equalsBySdkFields(expected)).as("equalsBySdkFields").isTrue();
  }
}
