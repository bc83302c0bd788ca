package dev.stratus.core;

import java.time.Instant;
import java.util.Objects;

/**
 * Who is asking and where: the account (from the SigV4 access key), the region (from the SigV4
 * credential scope), AWS's request id for this call, and when it arrived.
 *
 * @param accountId 12 digits; an access key id of 12 digits is the account, any other is
 *     {@link #DEFAULT_ACCOUNT}
 * @param region the region of the credential scope, e.g. {@code us-east-1}
 * @param requestId the id echoed in {@code x-amzn-RequestId} and in error bodies
 * @param receivedAt the request's arrival, read from the server's clock
 */
public record RequestContext(String accountId, String region, String requestId, Instant receivedAt) {

  /** The account of any access key that is not itself a 12-digit account id (as LocalStack). */
  public static final String DEFAULT_ACCOUNT = "000000000000";

  /** The region when a request carries no credential scope (unsigned requests). */
  public static final String DEFAULT_REGION = "us-east-1";

  public RequestContext {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  /** The account for a SigV4 access key id. */
  public static String accountOf(String accessKeyId) {
    return accessKeyId != null && accessKeyId.matches("\\d{12}") ? accessKeyId : DEFAULT_ACCOUNT;
  }

  /** Store scope of a global service's resources (Route 53, CloudFront): the account. */
  public String globalScope() { return accountId; }

  /** Store scope of a regional service's resources (EC2, ELB, …): account and region. */
  public String regionalScope() { return accountId + "/" + region; }
}
