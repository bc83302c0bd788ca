package dev.stratus.s3;

import dev.stratus.core.store.Store;
import dev.stratus.s3.model.Bucket;
import dev.stratus.s3.model.BucketNames;
import dev.stratus.s3.model.BucketPolicy;
import dev.stratus.s3.model.Caller;
import dev.stratus.s3.model.MultipartUpload;
import dev.stratus.s3.model.S3Object;
import dev.stratus.s3.model.UploadPart;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;

/** CreateBucket, HeadBucket, DeleteBucket, ListBuckets, GetBucketLocation and the bucket policy. */
final class BucketOperations {
  private static final String US_EAST_1 = "us-east-1";
  private final Store store;
  private final ObjectFiles files;

  BucketOperations(Store store, ObjectFiles files) {
    this.store = store;
    this.files = files;
  }

  Bucket existing(String name) {
    return store.get(Bucket.TABLE, Bucket.SCOPE, name).orElseThrow(() -> S3Errors.noSuchBucket(name));
  }

  Optional<Bucket> find(String name) { return store.get(Bucket.TABLE, Bucket.SCOPE, name); }

  /*
   * LocationConstraint (https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html):
   * through us-east-1 a bucket goes to the constraint's Region, or us-east-1 without one (naming
   * us-east-1 explicitly is InvalidLocationConstraint); through any other Region the constraint
   * must name that Region. Re-creating one's own bucket is BucketAlreadyOwnedByYou, except in
   * us-east-1, which answers 200 for legacy compatibility.
   */
  S3Response createBucket(S3Request r) {
    if (!BucketNames.isValid(r.bucket())) throw S3Errors.invalidBucketName(r.bucket());
    if (!(r.caller() instanceof Caller.Account account)) throw S3Errors.accessDenied();
    String constraint = null;
    if (r.body().length > 0) {
      Element root = XmlInput.parse(r.body());
      if (!"CreateBucketConfiguration".equals(XmlInput.localName(root))) throw S3Errors.malformedXml();
      constraint = XmlInput.text(root, "LocationConstraint");
      if (constraint != null && constraint.isBlank()) constraint = null;
    }
    String region;
    if (r.region().equals(US_EAST_1)) {
      if (US_EAST_1.equals(constraint)) throw S3Errors.invalidLocationConstraint();
      region = constraint == null ? US_EAST_1 : constraint;
    } else {
      if (constraint == null) throw S3Errors.illegalLocationConstraint("unspecified");
      if (!constraint.equals(r.region())) throw S3Errors.illegalLocationConstraint(constraint);
      region = constraint;
    }
    String finalRegion = region;
    store.write(tx -> {
      Optional<Bucket> existing = tx.get(Bucket.TABLE, Bucket.SCOPE, r.bucket());
      if (existing.isPresent()) {
        if (!existing.get().owner().equals(account.accountId())) throw S3Errors.bucketAlreadyExists(r.bucket());
        if (existing.get().region().equals(US_EAST_1) && finalRegion.equals(US_EAST_1)) return null;
        throw S3Errors.bucketAlreadyOwnedByYou(r.bucket());
      }
      tx.put(Bucket.TABLE, Bucket.SCOPE, r.bucket(),
          new Bucket(r.bucket(), account.accountId(), finalRegion, r.now(), null, null, Map.of()));
      return null;
    });
    return S3Response.empty(200).with("Location", "/" + r.bucket());
  }

  S3Response headBucket(S3Request r) {
    Bucket b = existing(r.bucket());
    Access.authorize(b, r.caller(), "s3:ListBucket", b.arn());
    return S3Response.empty(200).with("x-amz-bucket-region", b.region());
  }

  S3Response deleteBucket(S3Request r) {
    Bucket b = existing(r.bucket());
    Access.requireOwner(b, r.caller());
    List<String> orphaned = new ArrayList<>();
    store.write(tx -> {
      if (!tx.list(S3Object.TABLE, r.bucket()).isEmpty()) throw S3Errors.bucketNotEmpty(r.bucket());
      for (MultipartUpload u : tx.list(MultipartUpload.TABLE, r.bucket())) {
        for (UploadPart p : tx.list(UploadPart.TABLE, u.uploadId())) {
          tx.delete(UploadPart.TABLE, u.uploadId(), UploadPart.id(p.partNumber()));
          orphaned.add(p.blob());
        }
        tx.delete(MultipartUpload.TABLE, r.bucket(), u.uploadId());
      }
      tx.delete(Bucket.TABLE, Bucket.SCOPE, r.bucket());
      return null;
    });
    orphaned.forEach(files::delete);
    return S3Response.empty(204);
  }

  S3Response listBuckets(S3Request r) {
    if (!(r.caller() instanceof Caller.Account account)) throw S3Errors.accessDenied();
    S3Xml xml = S3Xml.document("ListAllMyBucketsResult");
    owner(xml, account.accountId());
    xml.open("Buckets");
    store.list(Bucket.TABLE, Bucket.SCOPE).stream().filter(b -> b.owner().equals(account.accountId()))
        .sorted(Comparator.comparing(Bucket::name))
        .forEach(b -> xml.open("Bucket").element("Name", b.name()).element("CreationDate", S3Xml.timestamp(b.created()))
            .element("BucketRegion", b.region()).close("Bucket"));
    xml.close("Buckets").close("ListAllMyBucketsResult");
    return S3Response.ok(xml);
  }

  S3Response getBucketLocation(S3Request r) {
    Bucket b = existing(r.bucket());
    Access.requireOwner(b, r.caller());
    // us-east-1 answers an empty constraint, as S3 does
    return S3Response.ok(S3Xml.document("LocationConstraint").text(b.region().equals(US_EAST_1) ? "" : b.region())
        .close("LocationConstraint"));
  }

  S3Response putBucketPolicy(S3Request r) {
    Bucket b = existing(r.bucket());
    Access.requireOwner(b, r.caller());
    String json = new String(r.body(), StandardCharsets.UTF_8);
    BucketPolicy.Parsed parsed = BucketPolicy.parse(json);
    if (parsed.failure().isPresent()) throw S3Errors.malformedPolicy(parsed.failure().get());
    update(r.bucket(), x -> x.withPolicy(json));
    return S3Response.empty(204);
  }

  S3Response getBucketPolicy(S3Request r) {
    Bucket b = existing(r.bucket());
    Access.requireOwner(b, r.caller());
    if (b.policy() == null) throw S3Errors.noSuchBucketPolicy(r.bucket());
    return new S3Response(200, Map.of("Content-Type", "application/json"), b.policy().getBytes(StandardCharsets.UTF_8));
  }

  S3Response deleteBucketPolicy(S3Request r) {
    Access.requireOwner(existing(r.bucket()), r.caller());
    update(r.bucket(), x -> x.withPolicy(null));
    return S3Response.empty(204);
  }

  /** Replaces a bucket's row with {@code change} of it, in one transaction. */
  void update(String name, java.util.function.UnaryOperator<Bucket> change) {
    store.write(tx -> {
      Bucket b = tx.get(Bucket.TABLE, Bucket.SCOPE, name).orElseThrow(() -> S3Errors.noSuchBucket(name));
      tx.put(Bucket.TABLE, Bucket.SCOPE, name, change.apply(b));
      return null;
    });
  }

  /** S3's Owner element: a canonical user id derived from the account, display name the account. */
  static void owner(S3Xml xml, String account) {
    xml.open("Owner").element("ID", canonicalId(account)).element("DisplayName", account).close("Owner");
  }

  static String canonicalId(String account) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(account.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
