package dev.stratus.s3;

import dev.stratus.core.store.Store;
import dev.stratus.s3.model.Bucket;
import dev.stratus.s3.model.ObjectListing;
import dev.stratus.s3.model.S3Object;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * ListObjectsV2 and ListObjects (v1). With {@code encoding-type=url} (the CLI always asks) keys,
 * prefixes, delimiter and markers are URL-encoded in the answer, which says so in EncodingType.
 * A continuation token is the last key or common prefix of the page, base64-encoded.
 */
final class ListingOperations {
  /** Most keys one page returns (max-keys above is capped). */
  static final int MAX_KEYS = 1000;

  private final Store store;
  private final BucketOperations buckets;

  ListingOperations(Store store, BucketOperations buckets) {
    this.store = store;
    this.buckets = buckets;
  }

  S3Response listObjectsV2(S3Request r) {
    Bucket b = buckets.existing(r.bucket());
    Access.authorize(b, r.caller(), "s3:ListBucket", b.arn());
    String token = r.param("continuation-token");
    String after = r.param("start-after");
    String marker = after == null ? "" : after;
    if (token != null) {
      try {
        marker = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw S3Errors.invalidArgument("The continuation token provided is incorrect", "continuation-token", token);
      }
    }
    int maxKeys = maxKeys(r);
    String prefix = orEmpty(r.param("prefix"));
    String delimiter = r.param("delimiter");
    boolean url = "url".equals(r.param("encoding-type"));
    ObjectListing page = ObjectListing.of(objects(r.bucket()), prefix, delimiter, marker, maxKeys);
    S3Xml xml = S3Xml.document("ListBucketResult").element("Name", r.bucket()).element("Prefix", enc(prefix, url));
    if (delimiter != null) xml.element("Delimiter", enc(delimiter, url));
    xml.element("MaxKeys", maxKeys).element("KeyCount", page.contents().size() + page.commonPrefixes().size());
    if (url) xml.element("EncodingType", "url");
    xml.element("IsTruncated", page.truncated());
    if (token != null) xml.element("ContinuationToken", token);
    if (after != null) xml.element("StartAfter", enc(after, url));
    if (page.truncated()) {
      xml.element("NextContinuationToken",
          Base64.getUrlEncoder().withoutPadding().encodeToString(page.nextMarker().getBytes(StandardCharsets.UTF_8)));
    }
    contents(xml, page, url, "true".equals(r.param("fetch-owner")) ? b.owner() : null);
    return S3Response.ok(xml.close("ListBucketResult"));
  }

  S3Response listObjects(S3Request r) {
    Bucket b = buckets.existing(r.bucket());
    Access.authorize(b, r.caller(), "s3:ListBucket", b.arn());
    int maxKeys = maxKeys(r);
    String prefix = orEmpty(r.param("prefix"));
    String marker = orEmpty(r.param("marker"));
    String delimiter = r.param("delimiter");
    boolean url = "url".equals(r.param("encoding-type"));
    ObjectListing page = ObjectListing.of(objects(r.bucket()), prefix, delimiter, marker, maxKeys);
    S3Xml xml = S3Xml.document("ListBucketResult").element("Name", r.bucket()).element("Prefix", enc(prefix, url))
        .element("Marker", enc(marker, url));
    if (page.truncated() && delimiter != null) xml.element("NextMarker", enc(page.nextMarker(), url));
    xml.element("MaxKeys", maxKeys);
    if (delimiter != null) xml.element("Delimiter", enc(delimiter, url));
    if (url) xml.element("EncodingType", "url");
    xml.element("IsTruncated", page.truncated());
    contents(xml, page, url, b.owner());
    return S3Response.ok(xml.close("ListBucketResult"));
  }

  private List<S3Object> objects(String bucket) { return store.list(S3Object.TABLE, bucket); }

  private static void contents(S3Xml xml, ObjectListing page, boolean url, String owner) {
    for (S3Object o : page.contents()) {
      xml.open("Contents").element("Key", enc(o.key(), url)).element("LastModified", S3Xml.timestamp(o.lastModified()))
          .element("ETag", o.etag()).element("Size", o.size());
      if (owner != null) BucketOperations.owner(xml, owner);
      xml.element("StorageClass", "STANDARD").close("Contents");
    }
    for (String p : page.commonPrefixes()) xml.open("CommonPrefixes").element("Prefix", enc(p, url)).close("CommonPrefixes");
  }

  private static int maxKeys(S3Request r) {
    String v = r.param("max-keys");
    if (v == null) return MAX_KEYS;
    try {
      int n = Integer.parseInt(v);
      if (n < 0) throw S3Errors.invalidArgument("Argument maxKeys must be an integer between 0 and 2147483647", "maxKeys", v);
      return Math.min(n, MAX_KEYS);
    } catch (NumberFormatException e) {
      throw S3Errors.invalidArgument("Provided max-keys not an integer or within integer range", "max-keys", v);
    }
  }

  private static String enc(String s, boolean url) {
    return url && s != null ? URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%2F", "/") : s;
  }

  private static String orEmpty(String s) { return s == null ? "" : s; }
}
