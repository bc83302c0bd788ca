package dev.stratus.s3;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What S3 answers: status, headers (as S3 spells them), body. An object's body is a {@link
 * BlobRange} of its file rather than bytes, so the API port can stream it; {@link #body()} reads
 * it for callers that want bytes (CloudFront's origin fetch, the website endpoint).
 */
record S3Response(int status, Map<String, String> headers, byte[] body, BlobRange file) {
  static final byte[] EMPTY = new byte[0];

  /** Bytes {@code offset..offset+length-1} of a blob's file. */
  record BlobRange(java.nio.file.Path path, long offset, long length) {
    byte[] read() {
      try (var ch = java.nio.channels.FileChannel.open(path, java.nio.file.StandardOpenOption.READ)) {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(Math.toIntExact(length));
        long pos = offset;
        while (buf.hasRemaining()) {
          int n = ch.read(buf, pos);
          if (n < 0) break;
          pos += n;
        }
        return buf.array();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  S3Response {
    headers = new LinkedHashMap<>(headers);
  }

  S3Response(int status, Map<String, String> headers, byte[] body) {
    this(status, headers, body, null);
  }

  /** The body's bytes (read from the file when the body is one). */
  @Override
  public byte[] body() {
    return body == null && file != null ? file.read() : body;
  }

  static S3Response xml(int status, S3Xml xml) {
    return new S3Response(status, Map.of("Content-Type", "application/xml"), xml.bytes());
  }

  static S3Response ok(S3Xml xml) { return xml(200, xml); }

  static S3Response empty(int status) { return new S3Response(status, Map.of(), EMPTY); }

  S3Response with(String name, String value) {
    if (value != null) headers.put(name, value);
    return this;
  }
}
