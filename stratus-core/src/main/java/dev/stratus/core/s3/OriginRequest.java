package dev.stratus.core.s3;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One origin request from CloudFront to a bucket.
 *
 * @param method {@code GET} or {@code HEAD}
 * @param bucket the bucket name
 * @param key the object key, decoded, without the leading slash
 * @param headers request headers CloudFront forwards (lower-case names), including
 *     {@code if-none-match}, {@code if-modified-since} and {@code range}
 * @param oacSourceArn the distribution ARN when the origin uses origin access control (the
 *     request is signed as principal {@code cloudfront.amazonaws.com}), else null: anonymous
 */
public record OriginRequest(String method, String bucket, String key, Map<String, List<String>> headers,
    String oacSourceArn) {
  public OriginRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    headers = Map.copyOf(headers);
  }
}
