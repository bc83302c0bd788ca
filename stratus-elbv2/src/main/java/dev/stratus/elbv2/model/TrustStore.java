package dev.stratus.elbv2.model;

import dev.stratus.core.store.Table;
import java.util.List;
import java.util.Objects;

/**
 * A trust store for mutual TLS: the CA bundle read from S3 at CreateTrustStore (kept as PEM, as
 * AWS keeps its copy: a later change to the object does not change the store), and the
 * certificate revocation lists AddTrustStoreRevocations read (kept likewise).
 */
public record TrustStore(String arn, String name, String status, int numberOfCaCertificates, long totalRevokedEntries,
    String caBundlePem, String bucket, String key, String objectVersion, List<Revocation> revocations) {

  public static final Table<TrustStore> TABLE = Table.of("elbv2.trust_store", TrustStore.class);

  public TrustStore {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(caBundlePem, "caBundlePem");
    revocations = revocations == null ? List.of() : List.copyOf(revocations); // rows written before revocations existed
  }

  public TrustStore(String arn, String name, String status, int numberOfCaCertificates, long totalRevokedEntries,
      String caBundlePem, String bucket, String key, String objectVersion) {
    this(arn, name, status, numberOfCaCertificates, totalRevokedEntries, caBundlePem, bucket, key, objectVersion, List.of());
  }

  /** These revocations in place of the store's, with the total of revoked entries they make. */
  public TrustStore withRevocations(List<Revocation> list) {
    return new TrustStore(arn, name, status, numberOfCaCertificates, list.stream().mapToLong(Revocation::numberOfRevokedEntries).sum(),
        caBundlePem, bucket, key, objectVersion, list);
  }

  /**
   * One revocation file (type {@code CRL}): where it was read from, its id in this store (1, 2, …
   * in the order added), how many certificates it revokes, and its content (PEM).
   */
  public record Revocation(long revocationId, String revocationType, String bucket, String key, String objectVersion,
      long numberOfRevokedEntries, String crlPem) {
    public Revocation {
      Objects.requireNonNull(crlPem, "crlPem");
    }
  }
}
