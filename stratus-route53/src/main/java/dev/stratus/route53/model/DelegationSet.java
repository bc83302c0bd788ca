package dev.stratus.route53.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A reusable delegation set: four name servers that several hosted zones can share
 * (CreateReusableDelegationSet).
 *
 * @param id the bare id, {@code N} + upper-case letters and digits
 * @param accountId the owner (the store scope of {@link Route53Tables#DELEGATION_SETS})
 * @param callerReference the idempotency token
 * @param nameServers four awsdns-style name servers
 * @param fromHostedZoneId the zone whose name servers were reused, if the set was made from one
 */
public record DelegationSet(String id, String accountId, String callerReference, List<String> nameServers,
    Optional<String> fromHostedZoneId) {

  /** Most hosted zones one reusable delegation set may serve (AWS default quota). */
  public static final int MAX_ZONES = 100;

  public DelegationSet {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(callerReference, "callerReference");
    nameServers = List.copyOf(nameServers);
    fromHostedZoneId = Objects.requireNonNullElse(fromHostedZoneId, Optional.empty());
  }
}
