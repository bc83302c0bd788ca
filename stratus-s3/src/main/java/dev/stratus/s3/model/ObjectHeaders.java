package dev.stratus.s3.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * The headers S3 stores with an object and gives back on GET and HEAD: the standard
 * representation headers and the user metadata ({@code x-amz-meta-*}, names lower-cased).
 * Any may be null; {@code contentType} defaults to {@code binary/octet-stream} as S3's does.
 * The object's tags (x-amz-tagging at PUT, or PutObjectTagging) travel with them.
 */
public record ObjectHeaders(String contentType, String cacheControl, String contentEncoding,
    String contentDisposition, String contentLanguage, String expires, Map<String, String> metadata,
    Map<String, String> tags) {
  /** S3's Content-Type for an object put without one. */
  public static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";

  public ObjectHeaders {
    if (contentType == null || contentType.isEmpty()) contentType = DEFAULT_CONTENT_TYPE;
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  /** Without tags. */
  public ObjectHeaders(String contentType, String cacheControl, String contentEncoding, String contentDisposition,
      String contentLanguage, String expires, Map<String, String> metadata) {
    this(contentType, cacheControl, contentEncoding, contentDisposition, contentLanguage, expires, metadata, Map.of());
  }

  public ObjectHeaders withTags(Map<String, String> newTags) {
    return new ObjectHeaders(contentType, cacheControl, contentEncoding, contentDisposition, contentLanguage, expires,
        metadata, newTags);
  }

  /** The headers to answer with (lower-case names), user metadata as {@code x-amz-meta-*}. */
  public Map<String, String> asResponseHeaders() {
    Map<String, String> out = new TreeMap<>();
    out.put("content-type", contentType);
    if (cacheControl != null) out.put("cache-control", cacheControl);
    if (contentEncoding != null) out.put("content-encoding", contentEncoding);
    if (contentDisposition != null) out.put("content-disposition", contentDisposition);
    if (contentLanguage != null) out.put("content-language", contentLanguage);
    if (expires != null) out.put("expires", expires);
    metadata.forEach((k, v) -> out.put("x-amz-meta-" + k, v));
    if (!tags.isEmpty()) out.put("x-amz-tagging-count", String.valueOf(tags.size()));
    return out;
  }
}
