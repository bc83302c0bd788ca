package dev.stratus.s3;

import java.util.LinkedHashMap;
import java.util.Map;

/** What S3 answers: status, headers (as S3 spells them), body. */
record S3Response(int status, Map<String, String> headers, byte[] body) {
  static final byte[] EMPTY = new byte[0];

  S3Response {
    headers = new LinkedHashMap<>(headers);
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
