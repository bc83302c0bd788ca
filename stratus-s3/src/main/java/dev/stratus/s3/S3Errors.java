package dev.stratus.s3;

import java.util.Map;

/** S3's error codes and texts (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html). */
final class S3Errors {
  private S3Errors() {}

  static S3Exception noSuchBucket(String bucket) {
    return new S3Exception("NoSuchBucket", 404, "The specified bucket does not exist", Map.of("BucketName", bucket));
  }

  static S3Exception noSuchKey(String key) {
    return new S3Exception("NoSuchKey", 404, "The specified key does not exist.", Map.of("Key", key));
  }

  static S3Exception bucketAlreadyOwnedByYou(String bucket) {
    return new S3Exception("BucketAlreadyOwnedByYou", 409,
        "Your previous request to create the named bucket succeeded and you already own it.", Map.of("BucketName", bucket));
  }

  static S3Exception bucketAlreadyExists(String bucket) {
    return new S3Exception("BucketAlreadyExists", 409, "The requested bucket name is not available. The bucket "
        + "namespace is shared by all users of the system. Please select a different name and try again.",
        Map.of("BucketName", bucket));
  }

  static S3Exception invalidBucketName(String bucket) {
    return new S3Exception("InvalidBucketName", 400, "The specified bucket is not valid.", Map.of("BucketName", bucket));
  }

  static S3Exception bucketNotEmpty(String bucket) {
    return new S3Exception("BucketNotEmpty", 409, "The bucket you tried to delete is not empty", Map.of("BucketName", bucket));
  }

  static S3Exception invalidLocationConstraint() {
    return new S3Exception("InvalidLocationConstraint", 400, "The specified location-constraint is not valid", Map.of());
  }

  static S3Exception illegalLocationConstraint(String constraint) {
    return new S3Exception("IllegalLocationConstraintException", 400, "The " + constraint
        + " location constraint is incompatible for the region specific endpoint this request was sent to.", Map.of());
  }

  static S3Exception accessDenied() {
    return new S3Exception("AccessDenied", 403, "Access Denied", Map.of());
  }

  static S3Exception requestExpired(String expires, java.time.Instant now) {
    return new S3Exception("AccessDenied", 403, "Request has expired",
        Map.of("Expires", expires, "ServerTime", S3Xml.timestamp(now).replace(".000Z", "Z")));
  }

  static S3Exception noSuchUpload(String uploadId) {
    return new S3Exception("NoSuchUpload", 404, "The specified upload does not exist. The upload ID may be invalid, "
        + "or the upload may have been aborted or completed.", Map.of("UploadId", uploadId));
  }

  static S3Exception invalidPart() {
    return new S3Exception("InvalidPart", 400, "One or more of the specified parts could not be found.  The part may "
        + "not have been uploaded, or the specified entity tag may not match the part's entity tag.", Map.of());
  }

  static S3Exception invalidPartOrder() {
    return new S3Exception("InvalidPartOrder", 400,
        "The list of parts was not in ascending order. Parts must be ordered by part number.", Map.of());
  }

  static S3Exception entityTooSmall() {
    return new S3Exception("EntityTooSmall", 400, "Your proposed upload is smaller than the minimum allowed object size.", Map.of());
  }

  /** A PUT larger than S3 takes in one request (5 GiB), by its declared or delivered size. */
  static S3Exception entityTooLarge(long proposed, long max) {
    return new S3Exception("EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed object size.",
        Map.of("ProposedSize", String.valueOf(proposed), "MaxSizeAllowed", String.valueOf(max)));
  }

  static S3Exception noSuchBucketPolicy(String bucket) {
    return new S3Exception("NoSuchBucketPolicy", 404, "The bucket policy does not exist", Map.of("BucketName", bucket));
  }

  static S3Exception noSuchWebsiteConfiguration(String bucket) {
    return new S3Exception("NoSuchWebsiteConfiguration", 404,
        "The specified bucket does not have a website configuration", Map.of("BucketName", bucket));
  }

  static S3Exception noSuchTagSet(String bucket) {
    return new S3Exception("NoSuchTagSet", 404, "The TagSet does not exist", Map.of("BucketName", bucket));
  }

  static S3Exception malformedPolicy(String message) {
    return new S3Exception("MalformedPolicy", 400, message, Map.of());
  }

  static S3Exception malformedXml() {
    return new S3Exception("MalformedXML", 400,
        "The XML you provided was not well-formed or did not validate against our published schema", Map.of());
  }

  static S3Exception badDigest() {
    return new S3Exception("BadDigest", 400, "The Content-MD5 you specified did not match what we received.", Map.of());
  }

  static S3Exception invalidDigest() {
    return new S3Exception("InvalidDigest", 400, "The Content-MD5 you specified was invalid.", Map.of());
  }

  static S3Exception invalidRange(long size) {
    return new S3Exception("InvalidRange", 416, "The requested range is not satisfiable",
        Map.of("ActualObjectSize", Long.toString(size)));
  }

  static S3Exception preconditionFailed(String condition) {
    return new S3Exception("PreconditionFailed", 412, "At least one of the pre-conditions you specified did not hold",
        Map.of("Condition", condition));
  }

  static S3Exception invalidArgument(String message, String name, String value) {
    return new S3Exception("InvalidArgument", 400, message, Map.of("ArgumentName", name, "ArgumentValue", value));
  }

  static S3Exception invalidRequest(String message) {
    return new S3Exception("InvalidRequest", 400, message, Map.of());
  }

  static S3Exception methodNotAllowed(String method) {
    return new S3Exception("MethodNotAllowed", 405, "The specified method is not allowed against this resource.",
        Map.of("Method", method, "ResourceType", "OBJECT"));
  }

  static S3Exception notImplemented(String what) {
    return new S3Exception("NotImplemented", 501,
        "A header you provided implies functionality that is not implemented", Map.of("Header", what));
  }

  static S3Exception internalError() {
    return new S3Exception("InternalError", 500, "We encountered an internal error. Please try again.", Map.of());
  }
}
