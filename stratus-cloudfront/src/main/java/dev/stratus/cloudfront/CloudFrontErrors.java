package dev.stratus.cloudfront;

import dev.stratus.core.AwsException;

/** AWS's CloudFront error codes, HTTP statuses and texts (API reference, 2020-05-31). */
final class CloudFrontErrors {
  private CloudFrontErrors() {}

  static final String CNAME_DOC =
      " For more details, see: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/CNAMEs.html#alternate-domain-names-requirements";

  static AwsException noSuchDistribution() {
    return new AwsException("NoSuchDistribution", 404, "The specified distribution does not exist.");
  }

  static AwsException invalidArgument(String message) { return new AwsException("InvalidArgument", 400, message); }

  static AwsException distributionAlreadyExists(String id) {
    return new AwsException("DistributionAlreadyExists", 409,
        "The caller reference that you are using to create a distribution is associated with another distribution. Already exists: "
            + id);
  }

  static AwsException noSuchOrigin() {
    return new AwsException("NoSuchOrigin", 404, "One or more of your origins or origin groups do not exist.");
  }

  static AwsException invalidIfMatchVersion() {
    return new AwsException("InvalidIfMatchVersion", 400, "The If-Match version is missing or not valid for the resource.");
  }

  static AwsException preconditionFailed() {
    return new AwsException("PreconditionFailed", 412,
        "The request failed because it didn't meet the preconditions in one or more request-header fields.");
  }

  static AwsException illegalUpdate(String message) { return new AwsException("IllegalUpdate", 400, message); }

  static AwsException distributionNotDisabled() {
    return new AwsException("DistributionNotDisabled", 409,
        "The distribution you are trying to delete has not been disabled.");
  }

  static AwsException cnameAlreadyExists() {
    return new AwsException("CNAMEAlreadyExists", 409,
        "One or more of the CNAMEs you provided are already associated with a different resource.");
  }

  static AwsException invalidViewerCertificate(String message) {
    return new AwsException("InvalidViewerCertificate", 400, message);
  }

  static AwsException invalidWebAclId() {
    return new AwsException("InvalidWebACLId", 400,
        "Web ACL is not valid. To specify a web ACL created using the latest version of AWS WAF, use the ACL ARN, for example"
            + " arn:aws:wafv2:us-east-1:123456789012:global/webacl/ExampleWebACL/473e64fd-f30b-4765-81a0-62ad96dd167a."
            + " To specify a web ACL created using AWS WAF Classic, use the ACL ID, for example 473e64fd-f30b-4765-81a0-62ad96dd167a.");
  }

  static AwsException noSuchCachePolicy() {
    return new AwsException("NoSuchCachePolicy", 404, "The cache policy does not exist.");
  }

  static AwsException noSuchOriginRequestPolicy() {
    return new AwsException("NoSuchOriginRequestPolicy", 404, "The origin request policy does not exist.");
  }

  static AwsException noSuchResponseHeadersPolicy() {
    return new AwsException("NoSuchResponseHeadersPolicy", 404, "The response headers policy does not exist.");
  }

  static AwsException noSuchOriginAccessControl() {
    return new AwsException("NoSuchOriginAccessControl", 404, "The origin access control does not exist.");
  }

  static AwsException inconsistentQuantities() {
    return new AwsException("InconsistentQuantities", 400, "The value of Quantity and the size of Items don't match.");
  }

  static AwsException tooManyCacheBehaviors() {
    return new AwsException("TooManyCacheBehaviors", 400,
        "Your request contains more cache behaviors than are allowed per distribution.");
  }

  static AwsException tooManyOrigins() {
    return new AwsException("TooManyOrigins", 400, "You cannot create more origins for the distribution.");
  }

  static AwsException tooManyCnames() {
    return new AwsException("TooManyDistributionCNAMEs", 400,
        "Your request contains more CNAMEs than are allowed per distribution.");
  }

  static AwsException invalidErrorCode() {
    return new AwsException("InvalidErrorCode", 400, "An invalid error code was specified.");
  }

  static AwsException invalidResponseCode() {
    return new AwsException("InvalidResponseCode", 400, "A response code is not valid.");
  }

  static AwsException invalidRelativePath() {
    return new AwsException("InvalidRelativePath", 400,
        "The relative path is too big, is not URL-encoded, or does not begin with a slash (/).");
  }

  static AwsException invalidDefaultRootObject() {
    return new AwsException("InvalidDefaultRootObject", 400,
        "The default root object file name is too big or contains an invalid character.");
  }

  static AwsException invalidOrigin() {
    return new AwsException("InvalidOrigin", 400,
        "The specified origin server does not exist or is not valid.");
  }

  static AwsException invalidTtlOrder() {
    return new AwsException("InvalidTTLOrder", 400, "The TTL order specified is not valid.");
  }

  static AwsException illegalOriginAccessConfiguration() {
    return new AwsException("IllegalOriginAccessConfiguration", 400,
        "An origin cannot contain both an origin access control (OAC) and an origin access identity (OAI).");
  }

  static AwsException invalidFunctionAssociation(String message) {
    return new AwsException("InvalidFunctionAssociation", 400, message);
  }

  static AwsException batchTooLarge() {
    return new AwsException("BatchTooLarge", 413, "Invalidation batch specified is too large.");
  }

  static AwsException tooManyInvalidationsInProgress() {
    return new AwsException("TooManyInvalidationsInProgress", 400,
        "Processing your request will cause you to exceed the maximum number of in-progress wildcard invalidations.");
  }

  static AwsException tooManyFileInvalidationsInProgress() {
    return new AwsException("TooManyInvalidationsInProgress", 400,
        "Processing your request will cause you to exceed the maximum number of in-progress invalidation paths.");
  }

  static AwsException noSuchInvalidation() {
    return new AwsException("NoSuchInvalidation", 404, "The specified invalidation does not exist.");
  }

  static AwsException invalidationBatchAlreadyExists() {
    return new AwsException("InvalidationBatchAlreadyExists", 400,
        "The invalidation batch specified already exists. The caller reference is associated with another invalidation batch.");
  }

  static AwsException alreadyExists(String code, String what) {
    return new AwsException(code, 409, "A " + what + " with this name already exists. You must provide a unique name.");
  }

  static AwsException inUse(String code, String message) { return new AwsException(code, 409, message); }

  static AwsException illegalDelete() {
    return new AwsException("IllegalDelete", 400, "You cannot delete a managed policy.");
  }

  static AwsException noSuchFunction() {
    return new AwsException("NoSuchFunctionExists", 404, "The function does not exist.");
  }

  static AwsException functionAlreadyExists() {
    return new AwsException("FunctionAlreadyExists", 409,
        "A function with the same name already exists in this AWS account. To create a function, you must provide a unique"
            + " name. To update an existing function, use UpdateFunction.");
  }

  static AwsException functionSizeLimitExceeded() {
    return new AwsException("FunctionSizeLimitExceeded", 413, "The function is too large. The maximum size is 10240 bytes.");
  }

  static AwsException functionInUse() {
    return new AwsException("FunctionInUse", 409,
        "Cannot delete the function because it's attached to one or more cache behaviors.");
  }

  static AwsException noSuchResource() {
    return new AwsException("NoSuchResource", 404, "The specified resource does not exist.");
  }

  static AwsException invalidTagging(String message) { return new AwsException("InvalidTagging", 400, message); }
}
