package dev.stratus.elbv2.model;

import dev.stratus.core.store.Table;
import java.util.Objects;

/**
 * A trust store for mutual TLS: the CA bundle read from S3 at CreateTrustStore (kept as PEM, as
 * AWS keeps its copy: a later change to the object does not change the store).
 */
public record TrustStore(String arn, String name, String status, int numberOfCaCertificates, long totalRevokedEntries,
    String caBundlePem, String bucket, String key, String objectVersion) {

  public static final Table<TrustStore> TABLE = Table.of("elbv2.trust_store", TrustStore.class);

  public TrustStore {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(caBundlePem, "caBundlePem");
  }
}
