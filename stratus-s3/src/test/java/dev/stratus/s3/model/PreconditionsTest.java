package dev.stratus.s3.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.s3.model.Preconditions.Outcome;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreconditionsTest {
  static final Instant MODIFIED = Instant.parse("2026-01-01T10:00:00.500Z");

  static Outcome eval(String... headers) {
    Map<String, String> h = new java.util.HashMap<>();
    for (int i = 0; i < headers.length; i += 2) h.put(headers[i], headers[i + 1]);
    return Preconditions.evaluate("\"abc\"", MODIFIED, h::get);
  }

  @Test
  void evaluate_ifNoneMatch_matchingIsNotModified() {
    assertThat(eval("if-none-match", "\"abc\"")).isEqualTo(Outcome.NOT_MODIFIED);
    assertThat(eval("if-none-match", "*")).isEqualTo(Outcome.NOT_MODIFIED);
    assertThat(eval("if-none-match", "\"x\", W/\"abc\"")).isEqualTo(Outcome.NOT_MODIFIED);
    assertThat(eval("if-none-match", "\"x\"")).isEqualTo(Outcome.PROCEED);
  }

  @Test
  void evaluate_ifMatch_otherTagIsPreconditionFailed() {
    assertThat(eval("if-match", "\"x\"")).isEqualTo(Outcome.PRECONDITION_FAILED);
    assertThat(eval("if-match", "abc")).isEqualTo(Outcome.PROCEED);
  }

  @Test
  void evaluate_ifModifiedSince_comparesWholeSeconds() {
    assertThat(eval("if-modified-since", "Thu, 01 Jan 2026 10:00:00 GMT")).isEqualTo(Outcome.NOT_MODIFIED);
    assertThat(eval("if-modified-since", "Thu, 01 Jan 2026 09:59:59 GMT")).isEqualTo(Outcome.PROCEED);
    assertThat(eval("if-modified-since", "garbage")).isEqualTo(Outcome.PROCEED);
  }

  @Test
  void evaluate_ifNoneMatchNotMatching_overridesIfModifiedSince() {
    assertThat(eval("if-none-match", "\"x\"", "if-modified-since", "Thu, 01 Jan 2026 11:00:00 GMT")).isEqualTo(Outcome.PROCEED);
  }

  @Test
  void evaluate_ifUnmodifiedSince_ignoredWhenIfMatchHolds() {
    assertThat(eval("if-unmodified-since", "Thu, 01 Jan 2026 09:00:00 GMT")).isEqualTo(Outcome.PRECONDITION_FAILED);
    assertThat(eval("if-match", "\"abc\"", "if-unmodified-since", "Thu, 01 Jan 2026 09:00:00 GMT")).isEqualTo(Outcome.PROCEED);
  }
}
