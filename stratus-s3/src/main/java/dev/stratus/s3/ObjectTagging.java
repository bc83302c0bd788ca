package dev.stratus.s3;

import dev.stratus.core.store.Store;
import dev.stratus.protocol.WireRequest;
import dev.stratus.s3.model.Bucket;
import dev.stratus.s3.model.S3Object;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.w3c.dom.Element;

/**
 * Object tags (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-tagging.html): at
 * most 10 per object, keys up to 128 and values up to 256 characters, unique keys; set with the
 * {@code x-amz-tagging} header of a PUT or with PutObjectTagging, counted in
 * {@code x-amz-tagging-count} on GET and HEAD.
 */
final class ObjectTagging {
  /** Most tags on one object. */
  static final int MAX_TAGS = 10;
  /** Longest tag key, in characters. */
  static final int MAX_KEY = 128;
  /** Longest tag value, in characters. */
  static final int MAX_VALUE = 256;

  private final Store store;
  private final BucketOperations buckets;

  ObjectTagging(Store store, BucketOperations buckets) {
    this.store = store;
    this.buckets = buckets;
  }

  S3Response get(S3Request r) {
    S3Object o = object(r, "s3:GetObjectTagging");
    S3Xml xml = S3Xml.document("Tagging").open("TagSet");
    new TreeMap<>(o.headers().tags()).forEach((k, v) -> xml.open("Tag").element("Key", k).element("Value", v).close("Tag"));
    return S3Response.ok(xml.close("TagSet").close("Tagging"));
  }

  S3Response put(S3Request r) {
    object(r, "s3:PutObjectTagging");
    Element root = XmlInput.parse(r.body());
    if (!"Tagging".equals(XmlInput.localName(root))) throw S3Errors.malformedXml();
    Map<String, String> tags = new LinkedHashMap<>();
    for (Element tag : XmlInput.children(XmlInput.child(root, "TagSet"), "Tag")) {
      String k = XmlInput.text(tag, "Key");
      String v = XmlInput.text(tag, "Value");
      if (k == null || v == null) throw S3Errors.malformedXml();
      if (tags.put(k, v) != null) throw invalidTag("Cannot provide multiple Tags with the same key", k);
    }
    replace(r, check(tags));
    return S3Response.empty(200);
  }

  S3Response delete(S3Request r) {
    object(r, "s3:DeleteObjectTagging");
    replace(r, Map.of());
    return S3Response.empty(204);
  }

  private S3Object object(S3Request r, String action) {
    Bucket b = buckets.existing(r.bucket());
    Access.authorize(b, r.caller(), action, r.objectArn());
    return store.get(S3Object.TABLE, r.bucket(), r.key()).orElseThrow(() -> ObjectOperations.missing(b, r));
  }

  private void replace(S3Request r, Map<String, String> tags) {
    store.write(tx -> {
      S3Object o = tx.get(S3Object.TABLE, r.bucket(), r.key()).orElseThrow(() -> S3Errors.noSuchKey(r.key()));
      tx.put(S3Object.TABLE, r.bucket(), r.key(), o.withHeaders(o.headers().withTags(tags)));
      return null;
    });
  }

  /** The tags of an {@code x-amz-tagging} header ({@code k1=v1&k2=v2}, URL-encoded), checked. */
  static Map<String, String> fromHeader(String header) {
    if (header == null || header.isEmpty()) return Map.of();
    Map<String, String> tags = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : WireRequest.parseForm(header).entrySet()) {
      if (e.getValue().size() > 1) throw invalidTag("Cannot provide multiple Tags with the same key", e.getKey());
      tags.put(e.getKey(), e.getValue().get(0));
    }
    return check(tags);
  }

  private static Map<String, String> check(Map<String, String> tags) {
    if (tags.size() > MAX_TAGS) throw invalidTag("Object tags cannot be greater than 10", null);
    for (Map.Entry<String, String> t : tags.entrySet()) {
      if (t.getKey().isEmpty() || t.getKey().length() > MAX_KEY) throw invalidTag("The TagKey you have provided is invalid", t.getKey());
      if (t.getValue().length() > MAX_VALUE) throw invalidTag("The TagValue you have provided is invalid", t.getKey());
    }
    return tags;
  }

  private static S3Exception invalidTag(String message, String key) {
    return new S3Exception("InvalidTag", 400, message, key == null ? Map.of() : Map.of("TagKey", key));
  }
}
