package dev.stratus.core;

import java.time.Instant;
import java.util.Objects;

/**
 * Who is asking and where: the account (from the SigV4 access key), the region (from the SigV4
 * credential scope), AWS's request id for this call, and when it arrived.
 *
 * @param accountId 12 digits; an access key id of 12 digits is the account, an STS-issued
 *     {@code ASIA…} key the account it encodes, any other {@link #DEFAULT_ACCOUNT}
 * @param region the region of the credential scope, e.g. {@code us-east-1}
 * @param requestId the id echoed in {@code x-amzn-RequestId} and in error bodies
 * @param receivedAt the request's arrival, read from the server's clock
 * @param accessKeyId the SigV4 access key id the request was signed with, empty when unsigned
 */
public record RequestContext(String accountId, String region, String requestId, Instant receivedAt,
    String accessKeyId) {

  /** The account of any access key that is not itself a 12-digit account id (as LocalStack). */
  public static final String DEFAULT_ACCOUNT = "000000000000";

  /** The region when a request carries no credential scope (unsigned requests). */
  public static final String DEFAULT_REGION = "us-east-1";

  public RequestContext {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(accessKeyId, "accessKeyId");
  }

  /** A context with no access key (internal calls, tests). */
  public RequestContext(String accountId, String region, String requestId, Instant receivedAt) {
    this(accountId, region, requestId, receivedAt, "");
  }

  /** The account for a SigV4 access key id (see {@link AccessKeys#accountOf}). */
  public static String accountOf(String accessKeyId) {
    return AccessKeys.accountOf(accessKeyId);
  }

  /** Store scope of a global service's resources (Route 53, CloudFront): the account. */
  public String globalScope() { return accountId; }

  /** Store scope of a regional service's resources (EC2, ELB, …): account and region. */
  public String regionalScope() { return accountId + "/" + region; }
}
