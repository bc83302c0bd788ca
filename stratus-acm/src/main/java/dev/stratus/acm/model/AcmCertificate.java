package dev.stratus.acm.model;

import dev.stratus.core.store.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One ACM certificate as stored, scoped by {@code account/region}.
 *
 * @param type {@code AMAZON_ISSUED} (issued by the Stratus CA) or {@code IMPORTED}
 * @param status {@code ISSUED} (Stratus issues at once) or, for imported ones, {@code ISSUED}/{@code EXPIRED}
 * @param validationMethod {@code DNS} or {@code EMAIL}; null for imported certificates
 * @param certificatePem the leaf, PEM
 * @param chainPem the chain (may be empty for an imported self-signed certificate)
 * @param privateKeyPem the key, PEM
 * @param idempotencyToken RequestCertificate's token (same token within an hour = same certificate)
 */
public record AcmCertificate(String arn, String domainName, List<String> subjectAlternativeNames, String type,
    String status, String keyAlgorithm, String validationMethod, String certificatePem, String chainPem,
    String privateKeyPem, String serial, String subject, String issuer, String signatureAlgorithm,
    Instant createdAt, Instant issuedAt, Instant importedAt, Instant notBefore, Instant notAfter,
    Map<String, String> tags, String idempotencyToken) {

  public static final Table<AcmCertificate> TABLE = Table.of("acm.certificate", AcmCertificate.class);

  public AcmCertificate {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(domainName, "domainName");
    subjectAlternativeNames = List.copyOf(subjectAlternativeNames);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  public static String scope(String account, String region) { return account + "/" + region; }

  /** The id after {@code certificate/}. */
  public String id() { return arn.substring(arn.lastIndexOf('/') + 1); }

  public AcmCertificate withTags(Map<String, String> newTags) {
    return new AcmCertificate(arn, domainName, subjectAlternativeNames, type, status, keyAlgorithm, validationMethod,
        certificatePem, chainPem, privateKeyPem, serial, subject, issuer, signatureAlgorithm, createdAt, issuedAt,
        importedAt, notBefore, notAfter, newTags, idempotencyToken);
  }
}
