package dev.stratus.core.s3;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * S3's answer to an origin request, as S3 would put it on the wire: 200, 206, 304, or an error
 * status with S3's XML error body.
 *
 * @param status the HTTP status
 * @param headers response headers (lower-case names): content-type, etag, last-modified,
 *     cache-control, expires, content-range, x-amz-meta-*
 * @param body the body (empty for HEAD and 304)
 */
public record OriginResponse(int status, Map<String, List<String>> headers, byte[] body) {
  public OriginResponse {
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body");
  }
}
