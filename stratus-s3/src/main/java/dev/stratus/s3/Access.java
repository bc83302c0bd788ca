package dev.stratus.s3;

import dev.stratus.s3.model.Bucket;
import dev.stratus.s3.model.BucketPolicy;
import dev.stratus.s3.model.Caller;

/**
 * Whether a caller may act on a bucket: the bucket policy first (an explicit Deny refuses, an
 * Allow grants), then the owner's account is allowed (Stratus has no IAM: its identity policies
 * allow everything), everyone else refused with S3's 403 AccessDenied.
 */
final class Access {
  private Access() {}

  static void authorize(Bucket bucket, Caller caller, String action, String resource) {
    if (!allowed(bucket, caller, action, resource)) throw S3Errors.accessDenied();
  }

  static boolean allowed(Bucket bucket, Caller caller, String action, String resource) {
    BucketPolicy.Decision d = BucketPolicy.Decision.DEFAULT;
    if (bucket.policy() != null) {
      BucketPolicy policy = BucketPolicy.parse(bucket.policy()).policy();
      if (policy != null) d = policy.evaluate(caller, action, resource);
    }
    return switch (d) {
      case DENY -> false;
      case ALLOW -> true;
      case DEFAULT -> isOwner(bucket, caller);
    };
  }

  /** Bucket configuration (policy, website, tags) and deletion: the owner's account only. */
  static void requireOwner(Bucket bucket, Caller caller) {
    if (!isOwner(bucket, caller)) throw S3Errors.accessDenied();
  }

  static boolean isOwner(Bucket bucket, Caller caller) {
    return caller instanceof Caller.Account a && a.accountId().equals(bucket.owner());
  }
}
