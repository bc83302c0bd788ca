package dev.stratus.s3;

import dev.stratus.core.store.Store;
import dev.stratus.s3.model.Bucket;
import dev.stratus.s3.model.ByteRange;
import dev.stratus.s3.model.ObjectHeaders;
import dev.stratus.s3.model.Preconditions;
import dev.stratus.s3.model.S3Object;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.w3c.dom.Element;

/** PutObject, GetObject, HeadObject, DeleteObject, DeleteObjects and CopyObject. */
final class ObjectOperations {
  /** Keys one DeleteObjects call may name. */
  static final int MAX_DELETE_KEYS = 1000;

  private final Store store;
  private final ObjectFiles files;
  private final BucketOperations buckets;

  ObjectOperations(Store store, ObjectFiles files, BucketOperations buckets) {
    this.store = store;
    this.files = files;
    this.buckets = buckets;
  }

  S3Response putObject(S3Request r) {
    Bucket b = buckets.existing(r.bucket());
    Access.authorize(b, r.caller(), "s3:PutObject", r.objectArn());
    S3Object stored;
    if (r.upload() != null) { // streamed to a file on the way in: moved into place, never in memory
      checkContentMd5(r.header("content-md5"), r.upload().md5(), true);
      String etag = quote(HexFormat.of().formatHex(r.upload().md5()));
      stored = new S3Object(r.bucket(), r.key(), files.adopt(r.upload().file()), r.upload().length(), etag, r.now(), headersOf(r), 0);
    } else {
      byte[] body = r.body();
      checkContentMd5(r.header("content-md5"), body);
      String etag = quote(HexFormat.of().formatHex(md5(body)));
      stored = new S3Object(r.bucket(), r.key(), files.write(body), body.length, etag, r.now(), headersOf(r), 0);
    }
    try {
      commit(stored);
    } catch (RuntimeException e) {
      files.delete(stored.blob());
      throw e;
    }
    String etag = stored.etag();
    return S3Response.empty(200).with("ETag", etag);
  }

  /** Stores {@code object}'s row (its blob already durable) and removes the blob it replaced. */
  void commit(S3Object object) {
    Optional<S3Object> previous = store.write(tx -> {
      if (tx.get(Bucket.TABLE, Bucket.SCOPE, object.bucket()).isEmpty()) throw S3Errors.noSuchBucket(object.bucket());
      Optional<S3Object> old = tx.get(S3Object.TABLE, object.bucket(), object.key());
      tx.put(S3Object.TABLE, object.bucket(), object.key(), object);
      return old;
    });
    previous.ifPresent(old -> files.delete(old.blob()));
  }

  S3Response getObject(S3Request r, boolean head) {
    Bucket b = buckets.existing(r.bucket());
    Access.authorize(b, r.caller(), "s3:GetObject", r.objectArn());
    S3Object o = store.get(S3Object.TABLE, r.bucket(), r.key()).orElseThrow(() -> missing(b, r));
    try {
      return serve(o, r, head);
    } catch (java.io.UncheckedIOException e) {
      // overwritten or deleted between reading the row and its file: answer what is there now
      S3Object now = store.get(S3Object.TABLE, r.bucket(), r.key()).orElseThrow(() -> S3Errors.noSuchKey(r.key()));
      if (now.blob().equals(o.blob())) throw e;
      return serve(now, r, head);
    }
  }

  /**
   * A missing key: NoSuchKey (404) only to a caller who may list the bucket; to anyone else S3
   * answers AccessDenied (403), so that GetObject alone does not reveal which keys exist.
   */
  static S3Exception missing(Bucket b, S3Request r) {
    return Access.allowed(b, r.caller(), "s3:ListBucket", b.arn()) ? S3Errors.noSuchKey(r.key()) : S3Errors.accessDenied();
  }

  /** An object as GET or HEAD answers it: conditions, range, stored headers, response-* overrides. */
  S3Response serve(S3Object o, S3Request r, boolean head) {
    switch (Preconditions.evaluate(o.etag(), o.lastModified(), r::header)) {
      case NOT_MODIFIED -> {
        return S3Response.empty(304).with("ETag", o.etag()).with("Last-Modified", S3Xml.httpDate(o.lastModified()));
      }
      case PRECONDITION_FAILED -> throw S3Errors.preconditionFailed(r.header("if-match") != null ? "If-Match" : "If-Unmodified-Since");
      case PROCEED -> { }
    }
    Map<String, String> headers = new LinkedHashMap<>();
    o.headers().asResponseHeaders().forEach(headers::put);
    for (String h : List.of("content-type", "content-language", "expires", "cache-control", "content-disposition", "content-encoding")) {
      String override = r.param("response-" + h);
      if (override != null) headers.put(h, override);
    }
    headers.put("ETag", o.etag());
    headers.put("Last-Modified", S3Xml.httpDate(o.lastModified()));
    headers.put("Accept-Ranges", "bytes");
    if (o.partsCount() > 0 && r.param("partNumber") != null) headers.put("x-amz-mp-parts-count", String.valueOf(o.partsCount()));
    ByteRange.Request range = ByteRange.parse(r.header("range"), o.size());
    return switch (range) {
      case ByteRange.Whole w -> {
        S3Response resp = head ? new S3Response(200, headers, S3Response.EMPTY)
            : new S3Response(200, headers, null, new S3Response.BlobRange(files.path(o.blob()), 0, o.size()));
        if (head) resp.with("Content-Length", String.valueOf(o.size()));
        yield resp;
      }
      case ByteRange.Partial p -> {
        S3Response resp = (head ? new S3Response(206, headers, S3Response.EMPTY)
            : new S3Response(206, headers, null, new S3Response.BlobRange(files.path(o.blob()), p.range().first(), p.range().length())))
            .with("Content-Range", p.range().contentRange(o.size()));
        if (head) resp.with("Content-Length", String.valueOf(p.range().length()));
        yield resp;
      }
      case ByteRange.Unsatisfiable u -> throw S3Errors.invalidRange(o.size());
    };
  }

  S3Response deleteObject(S3Request r) {
    Bucket b = buckets.existing(r.bucket());
    Access.authorize(b, r.caller(), "s3:DeleteObject", r.objectArn());
    delete(r.bucket(), r.key());
    return S3Response.empty(204);
  }

  private void delete(String bucket, String key) {
    Optional<S3Object> gone = store.write(tx -> {
      Optional<S3Object> old = tx.get(S3Object.TABLE, bucket, key);
      old.ifPresent(o -> tx.delete(S3Object.TABLE, bucket, key));
      return old;
    });
    gone.ifPresent(o -> files.delete(o.blob()));
  }

  S3Response deleteObjects(S3Request r) {
    Bucket b = buckets.existing(r.bucket());
    Element root = XmlInput.parse(r.body());
    if (!"Delete".equals(XmlInput.localName(root))) throw S3Errors.malformedXml();
    boolean quiet = "true".equalsIgnoreCase(XmlInput.text(root, "Quiet"));
    List<Element> objects = XmlInput.children(root, "Object");
    if (objects.isEmpty() || objects.size() > MAX_DELETE_KEYS) throw S3Errors.malformedXml();
    S3Xml xml = S3Xml.document("DeleteResult");
    for (Element o : objects) {
      String key = XmlInput.text(o, "Key");
      if (key == null) throw S3Errors.malformedXml();
      if (!Access.allowed(b, r.caller(), "s3:DeleteObject", "arn:aws:s3:::" + r.bucket() + "/" + key)) {
        xml.open("Error").element("Key", key).element("Code", "AccessDenied").element("Message", "Access Denied").close("Error");
        continue;
      }
      delete(r.bucket(), key);
      if (!quiet) xml.open("Deleted").element("Key", key).close("Deleted");
    }
    return S3Response.ok(xml.close("DeleteResult"));
  }

  /*
   * CopyObject: x-amz-copy-source is "bucket/key" or "/bucket/key", URL-encoded, maybe with
   * ?versionId. Metadata is copied unless x-amz-metadata-directive is REPLACE; copying an object
   * onto itself without REPLACE is refused, as S3 refuses it.
   */
  S3Response copyObject(S3Request r) {
    String source = r.header("x-amz-copy-source");
    int q = source.indexOf('?');
    if (q >= 0) source = source.substring(0, q);
    source = URLDecoder.decode(source.replace("+", "%2B"), StandardCharsets.UTF_8);
    if (source.startsWith("/")) source = source.substring(1);
    int slash = source.indexOf('/');
    if (slash <= 0 || slash == source.length() - 1) {
      throw S3Errors.invalidArgument("Invalid copy source object key", "x-amz-copy-source", r.header("x-amz-copy-source"));
    }
    String srcBucket = source.substring(0, slash);
    String srcKey = source.substring(slash + 1);
    Bucket from = buckets.existing(srcBucket);
    Access.authorize(from, r.caller(), "s3:GetObject", "arn:aws:s3:::" + srcBucket + "/" + srcKey);
    Bucket to = buckets.existing(r.bucket());
    Access.authorize(to, r.caller(), "s3:PutObject", r.objectArn());
    S3Object src = store.get(S3Object.TABLE, srcBucket, srcKey).orElseThrow(() -> S3Errors.noSuchKey(srcKey));
    boolean replace = "REPLACE".equalsIgnoreCase(r.header("x-amz-metadata-directive"));
    if (!replace && srcBucket.equals(r.bucket()) && srcKey.equals(r.key())) {
      throw S3Errors.invalidRequest("This copy request is illegal because it is trying to copy an object to itself "
          + "without changing the object's metadata, storage class, website redirect location or encryption attributes.");
    }
    if (Preconditions.evaluate(src.etag(), src.lastModified(), h -> r.header("x-amz-copy-source-" + h))
        != Preconditions.Outcome.PROCEED) {
      throw S3Errors.preconditionFailed("x-amz-copy-source-If-Match");
    }
    S3Object copy = new S3Object(r.bucket(), r.key(), files.concat(List.of(src.blob())), src.size(), src.etag(), r.now(),
        replace ? headersOf(r) : src.headers(), src.partsCount());
    commit(copy);
    S3Xml xml = S3Xml.document("CopyObjectResult").element("LastModified", S3Xml.timestamp(copy.lastModified()))
        .element("ETag", copy.etag()).close("CopyObjectResult");
    return S3Response.ok(xml);
  }

  /** The headers S3 keeps from a PUT (aws-chunked removed from Content-Encoding). */
  static ObjectHeaders headersOf(S3Request r) {
    Map<String, String> meta = new TreeMap<>();
    r.headers().forEach((k, v) -> {
      if (k.startsWith("x-amz-meta-")) meta.put(k.substring("x-amz-meta-".length()), v);
    });
    String encoding = r.header("content-encoding");
    if (encoding != null) {
      List<String> kept = new ArrayList<>();
      for (String e : encoding.split(",")) if (!e.trim().equalsIgnoreCase("aws-chunked") && !e.isBlank()) kept.add(e.trim());
      encoding = kept.isEmpty() ? null : String.join(",", kept);
    }
    return new ObjectHeaders(r.header("content-type"), r.header("cache-control"), encoding,
        r.header("content-disposition"), r.header("content-language"), r.header("expires"), meta,
        ObjectTagging.fromHeader(r.header("x-amz-tagging")));
  }

  static void checkContentMd5(String contentMd5, byte[] body) {
    if (contentMd5 == null) return;
    checkContentMd5(contentMd5, md5(body), true);
  }

  /** As above, against a body's {@code digest} computed on the way in. */
  static void checkContentMd5(String contentMd5, byte[] digest, boolean isDigest) {
    if (contentMd5 == null) return;
    byte[] expected;
    try {
      expected = Base64.getDecoder().decode(contentMd5.trim());
    } catch (IllegalArgumentException e) {
      throw S3Errors.invalidDigest();
    }
    if (expected.length != 16) throw S3Errors.invalidDigest();
    if (!MessageDigest.isEqual(expected, digest)) throw S3Errors.badDigest();
  }

  static byte[] md5(byte[] data) {
    try {
      return MessageDigest.getInstance("MD5").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String quote(String s) { return "\"" + s + "\""; }
}
