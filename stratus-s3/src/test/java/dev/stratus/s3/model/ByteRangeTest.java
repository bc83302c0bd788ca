package dev.stratus.s3.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteRangeTest {
  @Test
  void parse_forms() {
    assertThat(ByteRange.parse("bytes=0-3", 10)).isEqualTo(new ByteRange.Partial(new ByteRange(0, 3)));
    assertThat(ByteRange.parse("bytes=5-", 10)).isEqualTo(new ByteRange.Partial(new ByteRange(5, 9)));
    assertThat(ByteRange.parse("bytes=-4", 10)).isEqualTo(new ByteRange.Partial(new ByteRange(6, 9)));
    assertThat(ByteRange.parse("bytes=-40", 10)).isEqualTo(new ByteRange.Partial(new ByteRange(0, 9)));
    assertThat(ByteRange.parse("bytes=8-100", 10)).isEqualTo(new ByteRange.Partial(new ByteRange(8, 9)));
  }

  @Test
  void parse_pastTheEnd_isUnsatisfiable() {
    assertThat(ByteRange.parse("bytes=10-", 10)).isInstanceOf(ByteRange.Unsatisfiable.class);
  }

  @Test
  void parse_unusable_servesWhole() {
    assertThat(ByteRange.parse(null, 10)).isInstanceOf(ByteRange.Whole.class);
    assertThat(ByteRange.parse("items=0-1", 10)).isInstanceOf(ByteRange.Whole.class);
    assertThat(ByteRange.parse("bytes=0-1,3-4", 10)).isInstanceOf(ByteRange.Whole.class);
    assertThat(ByteRange.parse("bytes=5-2", 10)).isInstanceOf(ByteRange.Whole.class);
  }

  @Test
  void contentRange_isS3Form() {
    assertThat(new ByteRange(0, 3).contentRange(10)).isEqualTo("bytes 0-3/10");
  }
}
