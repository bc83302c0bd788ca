package dev.stratus.s3;

import dev.stratus.s3.model.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One S3 request after addressing: the bucket and key it names (either may be null), the query
 * (sub-resources and parameters), lower-case headers, the decoded body, and who sends it.
 *
 * @param account the caller's account (the bucket owner's account for anonymous requests is not known here)
 * @param region the SigV4 scope's Region (us-east-1 when unsigned)
 * @param host the Host header without port
 * @param website whether the request came to the bucket's website endpoint
 */
record S3Request(String method, String bucket, String key, Map<String, List<String>> query, Map<String, String> headers,
    byte[] body, Caller caller, String account, String region, String requestId, Instant now, String host, boolean website,
    Upload upload) {

  /**
   * A PutObject or UploadPart body that came as a file (decoded, never in memory): S3 moves the
   * file into place instead of writing {@link #body}.
   *
   * @param file the decoded body, in {@link ObjectFiles#spoolDirectory()}
   * @param length its size
   * @param md5 its MD5
   */
  record Upload(java.nio.file.Path file, long length, byte[] md5) {}

  S3Request(String method, String bucket, String key, Map<String, List<String>> query, Map<String, String> headers,
      byte[] body, Caller caller, String account, String region, String requestId, Instant now, String host, boolean website) {
    this(method, bucket, key, query, headers, body, caller, account, region, requestId, now, host, website, null);
  }

  S3Request withUpload(Upload u) {
    return new S3Request(method, bucket, key, query, headers, body, caller, account, region, requestId, now, host, website, u);
  }

  String header(String name) { return headers.get(name); }

  String param(String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  boolean has(String name) { return query.containsKey(name); }

  String objectArn() { return "arn:aws:s3:::" + bucket + "/" + key; }

  String bucketArn() { return "arn:aws:s3:::" + bucket; }
}
