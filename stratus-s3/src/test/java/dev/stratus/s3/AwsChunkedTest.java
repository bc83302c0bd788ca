package dev.stratus.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsChunkedTest {
  static byte[] b(String s) { return s.getBytes(StandardCharsets.US_ASCII); }

  @Test
  void decode_signedChunksWithTrailer() {
    var d = AwsChunked.decode(b("5;chunk-signature=aaaa\r\nhello\r\n6;chunk-signature=bbbb\r\n world\r\n"
        + "0;chunk-signature=cccc\r\nx-amz-checksum-crc32:AAAAAA==\r\nx-amz-trailer-signature:dddd\r\n\r\n"));
    assertThat(new String(d.payload(), StandardCharsets.US_ASCII)).isEqualTo("hello world");
    assertThat(d.trailers()).containsEntry("x-amz-checksum-crc32", "AAAAAA==");
  }

  @Test
  void decode_unsignedChunks() {
    var d = AwsChunked.decode(b("3\r\nabc\r\n0\r\n\r\n"));
    assertThat(new String(d.payload(), StandardCharsets.US_ASCII)).isEqualTo("abc");
  }

  @Test
  void decode_truncated_isInvalidRequest() {
    assertThatThrownBy(() -> AwsChunked.decode(b("10\r\nabc"))).isInstanceOf(S3Exception.class);
  }

  @Test
  void decodeStream_signedChunksWithTrailer_sameAsInMemory() throws Exception {
    var out = new java.io.ByteArrayOutputStream();
    var trailers = AwsChunked.decode(new java.io.ByteArrayInputStream(b("5;chunk-signature=aaaa\r\nhello\r\n"
        + "6;chunk-signature=bbbb\r\n world\r\n0;chunk-signature=cccc\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n")), out);
    assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("hello world");
    assertThat(trailers).containsEntry("x-amz-checksum-crc32", "AAAAAA==");
  }

  @Test
  void decodeStream_truncatedOrUnframed_isInvalidRequest() {
    assertThatThrownBy(() -> AwsChunked.decode(new java.io.ByteArrayInputStream(b("10\r\nabc")), new java.io.ByteArrayOutputStream()))
        .isInstanceOf(S3Exception.class);
    assertThatThrownBy(() -> AwsChunked.decode(new java.io.ByteArrayInputStream(b("3\r\nabcXY0\r\n\r\n")), new java.io.ByteArrayOutputStream()))
        .isInstanceOf(S3Exception.class);
  }

  @Test
  void applies_byShaOrEncoding() {
    assertThat(AwsChunked.applies(Map.of("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER"))).isTrue();
    assertThat(AwsChunked.applies(Map.of("content-encoding", "gzip,aws-chunked"))).isTrue();
    assertThat(AwsChunked.applies(Map.of("content-encoding", "gzip"))).isFalse();
  }
}
