package dev.stratus.s3;

import dev.stratus.core.store.Store;
import dev.stratus.s3.model.Bucket;
import dev.stratus.s3.model.MultipartUpload;
import dev.stratus.s3.model.S3Object;
import dev.stratus.s3.model.UploadPart;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.w3c.dom.Element;

/**
 * Multipart uploads (https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html):
 * parts 1–10,000, each but the last at least 5 MiB, completed in ascending order with their
 * ETags; the object's ETag is the MD5 of the parts' binary MD5s, then {@code -N}.
 */
final class MultipartOperations {
  /** Smallest part but the last: 5 MiB. */
  static final long MIN_PART_BYTES = 5L * 1024 * 1024;
  /** Highest part number. */
  static final int MAX_PART_NUMBER = 10_000;

  private final Store store;
  private final ObjectFiles files;
  private final BucketOperations buckets;
  private final ObjectOperations objects;

  MultipartOperations(Store store, ObjectFiles files, BucketOperations buckets, ObjectOperations objects) {
    this.store = store;
    this.files = files;
    this.buckets = buckets;
    this.objects = objects;
  }

  S3Response create(S3Request r) {
    Bucket b = buckets.existing(r.bucket());
    Access.authorize(b, r.caller(), "s3:PutObject", r.objectArn());
    String uploadId = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    MultipartUpload u = new MultipartUpload(r.bucket(), r.key(), uploadId, r.now(), ObjectOperations.headersOf(r),
        r.account());
    store.write(tx -> {
      tx.put(MultipartUpload.TABLE, r.bucket(), uploadId, u);
      return null;
    });
    return S3Response.ok(S3Xml.document("InitiateMultipartUploadResult").element("Bucket", r.bucket())
        .element("Key", r.key()).element("UploadId", uploadId).close("InitiateMultipartUploadResult"));
  }

  private MultipartUpload upload(S3Request r) {
    String id = r.param("uploadId");
    return store.get(MultipartUpload.TABLE, r.bucket(), id).filter(u -> u.key().equals(r.key()))
        .orElseThrow(() -> S3Errors.noSuchUpload(id));
  }

  S3Response uploadPart(S3Request r) {
    Bucket b = buckets.existing(r.bucket());
    Access.authorize(b, r.caller(), "s3:PutObject", r.objectArn());
    int n = partNumber(r.param("partNumber"));
    MultipartUpload u = upload(r);
    UploadPart part;
    if (r.upload() != null) { // streamed to a file on the way in
      ObjectOperations.checkContentMd5(r.header("content-md5"), r.upload().md5(), true);
      String etag = ObjectOperations.quote(HexFormat.of().formatHex(r.upload().md5()));
      part = new UploadPart(u.uploadId(), n, files.adopt(r.upload().file()), r.upload().length(), etag, r.now());
    } else {
      ObjectOperations.checkContentMd5(r.header("content-md5"), r.body());
      String etag = ObjectOperations.quote(HexFormat.of().formatHex(ObjectOperations.md5(r.body())));
      part = new UploadPart(u.uploadId(), n, files.write(r.body()), r.body().length, etag, r.now());
    }
    String etag = part.etag();
    Optional<UploadPart> replaced;
    try {
      replaced = store.write(tx -> {
        if (tx.get(MultipartUpload.TABLE, r.bucket(), u.uploadId()).isEmpty()) throw S3Errors.noSuchUpload(u.uploadId());
        Optional<UploadPart> old = tx.get(UploadPart.TABLE, u.uploadId(), UploadPart.id(n));
        tx.put(UploadPart.TABLE, u.uploadId(), UploadPart.id(n), part);
        return old;
      });
    } catch (RuntimeException e) {
      files.delete(part.blob());
      throw e;
    }
    replaced.ifPresent(p -> files.delete(p.blob()));
    return S3Response.empty(200).with("ETag", etag);
  }

  S3Response complete(S3Request r) {
    Bucket b = buckets.existing(r.bucket());
    Access.authorize(b, r.caller(), "s3:PutObject", r.objectArn());
    MultipartUpload u = upload(r);
    Element root = XmlInput.parse(r.body());
    List<Element> asked = XmlInput.children(root, "Part");
    if (!"CompleteMultipartUpload".equals(XmlInput.localName(root)) || asked.isEmpty()) throw S3Errors.malformedXml();
    List<UploadPart> uploaded = store.list(UploadPart.TABLE, u.uploadId());
    List<UploadPart> chosen = new ArrayList<>();
    int previous = 0;
    for (Element e : asked) {
      int n = partNumber(XmlInput.text(e, "PartNumber"));
      if (n <= previous) throw S3Errors.invalidPartOrder();
      previous = n;
      String etag = XmlInput.text(e, "ETag");
      UploadPart p = uploaded.stream().filter(x -> x.partNumber() == n).findFirst().orElseThrow(S3Errors::invalidPart);
      if (etag == null || !unquote(etag).equals(unquote(p.etag()))) throw S3Errors.invalidPart();
      chosen.add(p);
    }
    for (int i = 0; i < chosen.size() - 1; i++) if (chosen.get(i).size() < MIN_PART_BYTES) throw S3Errors.entityTooSmall();
    ByteArrayOutputStream md5s = new ByteArrayOutputStream();
    long size = 0;
    for (UploadPart p : chosen) {
      md5s.writeBytes(HexFormat.of().parseHex(unquote(p.etag())));
      size += p.size();
    }
    String etag = ObjectOperations.quote(HexFormat.of().formatHex(ObjectOperations.md5(md5s.toByteArray())) + "-" + chosen.size());
    String blob = files.concat(chosen.stream().map(UploadPart::blob).toList());
    objects.commit(new S3Object(r.bucket(), r.key(), blob, size, etag, r.now(), u.headers(), chosen.size()));
    discard(u);
    S3Xml xml = S3Xml.document("CompleteMultipartUploadResult").element("Location", "http://" + r.bucket() + ".s3.localhost/" + r.key())
        .element("Bucket", r.bucket()).element("Key", r.key()).element("ETag", etag).close("CompleteMultipartUploadResult");
    return S3Response.ok(xml);
  }

  S3Response abort(S3Request r) {
    Bucket b = buckets.existing(r.bucket());
    Access.authorize(b, r.caller(), "s3:AbortMultipartUpload", r.objectArn());
    discard(upload(r));
    return S3Response.empty(204);
  }

  /** Removes an upload's rows, then its part files. */
  private void discard(MultipartUpload u) {
    List<UploadPart> parts = store.write(tx -> {
      List<UploadPart> ps = tx.list(UploadPart.TABLE, u.uploadId());
      for (UploadPart p : ps) tx.delete(UploadPart.TABLE, u.uploadId(), UploadPart.id(p.partNumber()));
      tx.delete(MultipartUpload.TABLE, u.bucket(), u.uploadId());
      return ps;
    });
    parts.forEach(p -> files.delete(p.blob()));
  }

  S3Response listParts(S3Request r) {
    Bucket b = buckets.existing(r.bucket());
    Access.authorize(b, r.caller(), "s3:ListMultipartUploadParts", r.objectArn());
    MultipartUpload u = upload(r);
    int marker = r.param("part-number-marker") == null ? 0 : partNumberOrZero(r.param("part-number-marker"));
    int max = r.param("max-parts") == null ? 1000 : Math.min(1000, partNumberOrZero(r.param("max-parts")));
    List<UploadPart> parts = store.list(UploadPart.TABLE, u.uploadId()).stream().filter(p -> p.partNumber() > marker).toList();
    boolean truncated = parts.size() > max;
    List<UploadPart> page = truncated ? parts.subList(0, max) : parts;
    S3Xml xml = S3Xml.document("ListPartsResult").element("Bucket", r.bucket()).element("Key", r.key())
        .element("UploadId", u.uploadId()).element("PartNumberMarker", marker)
        .element("NextPartNumberMarker", page.isEmpty() ? 0 : page.get(page.size() - 1).partNumber())
        .element("MaxParts", max).element("IsTruncated", truncated).element("StorageClass", "STANDARD");
    initiatorAndOwner(xml, u, b);
    for (UploadPart p : page) {
      xml.open("Part").element("PartNumber", p.partNumber()).element("LastModified", S3Xml.timestamp(p.lastModified()))
          .element("ETag", p.etag()).element("Size", p.size()).close("Part");
    }
    return S3Response.ok(xml.close("ListPartsResult"));
  }

  S3Response listUploads(S3Request r) {
    Bucket b = buckets.existing(r.bucket());
    Access.authorize(b, r.caller(), "s3:ListBucketMultipartUploads", b.arn());
    String prefix = r.param("prefix") == null ? "" : r.param("prefix");
    S3Xml xml = S3Xml.document("ListMultipartUploadsResult").element("Bucket", r.bucket()).element("KeyMarker", "")
        .element("UploadIdMarker", "").element("Prefix", prefix).element("MaxUploads", 1000).element("IsTruncated", false);
    store.list(MultipartUpload.TABLE, r.bucket()).stream().filter(u -> u.key().startsWith(prefix))
        .sorted(java.util.Comparator.comparing(MultipartUpload::key).thenComparing(MultipartUpload::initiated))
        .forEach(u -> {
          xml.open("Upload").element("Key", u.key()).element("UploadId", u.uploadId())
              .element("StorageClass", "STANDARD").element("Initiated", S3Xml.timestamp(u.initiated()));
          initiatorAndOwner(xml, u, b);
          xml.close("Upload");
        });
    return S3Response.ok(xml.close("ListMultipartUploadsResult"));
  }

  /**
   * Who started an upload and who will own the object: the account that called CreateMultipartUpload,
   * as its canonical user (ID and DisplayName, as the Owner of ListBuckets); AWS names an IAM user
   * initiator by its ARN, and Stratus's callers are accounts.
   */
  private static void initiatorAndOwner(S3Xml xml, MultipartUpload u, Bucket b) {
    String account = u.owner() == null ? b.owner() : u.owner();
    xml.open("Initiator").element("ID", BucketOperations.canonicalId(account)).element("DisplayName", account).close("Initiator");
    BucketOperations.owner(xml, account);
  }

  private static int partNumber(String v) {
    int n = partNumberOrZero(v);
    if (n < 1 || n > MAX_PART_NUMBER) {
      throw S3Errors.invalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", String.valueOf(v));
    }
    return n;
  }

  private static int partNumberOrZero(String v) {
    try {
      return v == null ? 0 : Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String unquote(String s) {
    String t = s.trim();
    return t.startsWith("\"") && t.endsWith("\"") && t.length() >= 2 ? t.substring(1, t.length() - 1) : t;
  }
}
