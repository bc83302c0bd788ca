package dev.stratus.s3;

import dev.stratus.s3.model.Bucket;
import java.util.Map;
import java.util.Optional;

/**
 * What S3 answers when asked for a bucket configuration Stratus does not model, for a bucket that
 * never had one: the defaults of a new bucket (versioning never enabled, SSE-S3 encryption and
 * BucketOwnerEnforced ownership since 2023, the owner's FULL_CONTROL grant) or the configuration's
 * own "not found" error. Tools that read every configuration of a bucket (Terraform, the console)
 * need these answers; putting such a configuration stays NotImplemented.
 */
final class UnconfiguredBucket {
  private UnconfiguredBucket() {}

  /** The GET answer for sub-resource {@code sub}, if it is one of these. */
  static Optional<S3Response> get(String sub, Bucket b) {
    return Optional.ofNullable(switch (sub) {
      case "versioning" -> S3Response.ok(S3Xml.document("VersioningConfiguration").close("VersioningConfiguration"));
      case "acl" -> acl(b.owner());
      case "encryption" -> S3Response.ok(S3Xml.document("ServerSideEncryptionConfiguration").open("Rule")
          .open("ApplyServerSideEncryptionByDefault").element("SSEAlgorithm", "AES256").close("ApplyServerSideEncryptionByDefault")
          .element("BucketKeyEnabled", false).close("Rule").close("ServerSideEncryptionConfiguration"));
      case "ownershipControls" -> S3Response.ok(S3Xml.document("OwnershipControls").open("Rule")
          .element("ObjectOwnership", "BucketOwnerEnforced").close("Rule").close("OwnershipControls"));
      case "logging" -> S3Response.ok(S3Xml.document("BucketLoggingStatus").close("BucketLoggingStatus"));
      case "requestPayment" -> S3Response.ok(S3Xml.document("RequestPaymentConfiguration").element("Payer", "BucketOwner")
          .close("RequestPaymentConfiguration"));
      case "accelerate" -> S3Response.ok(S3Xml.document("AccelerateConfiguration").close("AccelerateConfiguration"));
      case "notification" -> S3Response.ok(S3Xml.document("NotificationConfiguration").close("NotificationConfiguration"));
      case "lifecycle" -> throw notFound("NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist", b);
      case "publicAccessBlock" -> throw notFound("NoSuchPublicAccessBlockConfiguration",
          "The public access block configuration was not found", b);
      case "object-lock" -> throw notFound("ObjectLockConfigurationNotFoundError",
          "Object Lock configuration does not exist for this bucket", b);
      case "replication" -> throw notFound("ReplicationConfigurationNotFoundError",
          "The replication configuration was not found", b);
      default -> null;
    });
  }

  /** The owner's FULL_CONTROL grant: the only ACL of a bucket or object under BucketOwnerEnforced. */
  static S3Response acl(String owner) {
    S3Xml xml = S3Xml.document("AccessControlPolicy");
    BucketOperations.owner(xml, owner);
    xml.open("AccessControlList").raw("<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"CanonicalUser\">")
        .element("ID", BucketOperations.canonicalId(owner)).element("DisplayName", owner).close("Grantee")
        .element("Permission", "FULL_CONTROL").close("Grant").close("AccessControlList");
    return S3Response.ok(xml.close("AccessControlPolicy"));
  }

  private static S3Exception notFound(String code, String message, Bucket b) {
    return new S3Exception(code, 404, message, Map.of("BucketName", b.name()));
  }
}
