package dev.stratus.sts.model;

import dev.stratus.core.store.Table;
import java.util.Objects;

/**
 * One set of temporary credentials STS issued, stored so that GetCallerIdentity signed with it
 * answers the identity it was issued for (an assumed role, or the user who got a session token)
 * after a restart too.
 *
 * @param accessKeyId the {@code ASIA…} key id, which also encodes the account
 * @param identity who the credentials are
 * @param expirationEpochMillis when they expire, on the injected clock
 * @param chained whether they came from AssumeRole (role chaining limits a further AssumeRole to one hour)
 */
public record TemporaryCredentials(String accessKeyId, String secretAccessKey, String sessionToken,
    CallerIdentity identity, long expirationEpochMillis, boolean chained) {

  /** Stored under the account of the credentials, keyed by access key id. */
  public static final Table<TemporaryCredentials> TABLE = Table.of("sts.credentials", TemporaryCredentials.class);

  public TemporaryCredentials {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    Objects.requireNonNull(sessionToken, "sessionToken");
    Objects.requireNonNull(identity, "identity");
  }
}
