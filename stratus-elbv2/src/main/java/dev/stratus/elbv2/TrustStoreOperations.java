package dev.stratus.elbv2;

import dev.stratus.core.Pagination;
import dev.stratus.core.RequestContext;
import dev.stratus.core.s3.ObjectReader;
import dev.stratus.core.store.ReadView;
import dev.stratus.core.store.Store;
import dev.stratus.elbv2.model.Listener;
import dev.stratus.elbv2.model.MutualAuthentication;
import dev.stratus.elbv2.model.TrustStore;
import dev.stratus.net.tls.Pem;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTrustStoreRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTrustStoreResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTrustStoreRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTrustStoreResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTrustStoresRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTrustStoresResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.MutualAuthenticationAttributes;

/**
 * Trust stores for mutual TLS (CreateTrustStore from a CA bundle in S3, DescribeTrustStores,
 * DeleteTrustStore, refused while a listener uses it) and the listener's MutualAuthentication.
 */
public final class TrustStoreOperations {
  /*
   * The bundle is read once, as the caller's account, through core's ObjectReader (S3's own GET,
   * so the bucket policy decides); a missing bucket, key or version is CaCertificatesBundleNotFound,
   * a bundle without a parsable CA certificate InvalidCaCertificatesBundle. Revocation lists are
   * not modelled (TotalRevokedEntries 0).
   */

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?");

  private final Store store;
  private final Supplier<Optional<ObjectReader>> s3;

  public TrustStoreOperations(Store store, Supplier<Optional<ObjectReader>> s3) {
    this.store = store;
    this.s3 = s3;
  }

  public CreateTrustStoreResponse createTrustStore(RequestContext ctx, CreateTrustStoreRequest req) {
    String name = req.name();
    if (name == null || !NAME.matcher(name).matches() || name.contains("--")) {
      throw Elbv2Errors.validation("Trust store name '" + name + "' must be 1 to 32 alphanumeric characters or hyphens,"
          + " and must not begin or end with a hyphen");
    }
    String bucket = req.caCertificatesBundleS3Bucket();
    String key = req.caCertificatesBundleS3Key();
    if (bucket == null || key == null) throw Elbv2Errors.validation("The CA certificates bundle S3 bucket and key must be specified");
    ObjectReader reader = s3.get().orElseThrow(() -> bundleNotFound(bucket, key));
    var read = reader.read(ctx.accountId(), bucket, key, req.caCertificatesBundleS3ObjectVersion());
    if (!read.found()) throw bundleNotFound(bucket, key);
    String pem = new String(read.body(), StandardCharsets.UTF_8);
    int count = caCertificates(pem).size();
    String scope = ctx.regionalScope();
    var created = store.write(tx -> {
      if (tx.list(TrustStore.TABLE, scope).stream().anyMatch(t -> t.name().equals(name))) {
        throw Elbv2Errors.error("DuplicateTrustStoreName", "A trust store with the specified name already exists: '" + name + "'");
      }
      String arn = Elbv2Names.arnPrefix(ctx.region(), ctx.accountId()) + "truststore/" + name + "/" + Elbv2Names.newId();
      var t = new TrustStore(arn, name, "ACTIVE", count, 0, pem, bucket, key, req.caCertificatesBundleS3ObjectVersion());
      tx.put(TrustStore.TABLE, scope, arn, t);
      if (!req.tags().isEmpty()) Elbv2Tags.put(tx, scope, arn, req.tags());
      return t;
    });
    return CreateTrustStoreResponse.builder().trustStores(toSdk(created)).build();
  }

  public DescribeTrustStoresResponse describeTrustStores(RequestContext ctx, DescribeTrustStoresRequest req) {
    var all = store.list(TrustStore.TABLE, ctx.regionalScope());
    var chosen = LoadBalancerOperations.selectAll(all, req.trustStoreArns(), TrustStore::arn, req.names(), TrustStore::name);
    if (chosen == null) throw notFound();
    var page = Pagination.page(chosen, TrustStore::arn, req.marker(), LoadBalancerOperations.pageSize(req.pageSize()),
        m -> Elbv2Errors.validation("Invalid marker"));
    return DescribeTrustStoresResponse.builder().trustStores(page.items().stream().map(TrustStoreOperations::toSdk).toList())
        .nextMarker(page.nextMarker().orElse(null)).build();
  }

  public DeleteTrustStoreResponse deleteTrustStore(RequestContext ctx, DeleteTrustStoreRequest req) {
    String scope = ctx.regionalScope();
    store.write(tx -> {
      if (tx.get(TrustStore.TABLE, scope, req.trustStoreArn()).isEmpty()) throw notFound();
      boolean used = tx.list(Listener.TABLE, scope).stream()
          .anyMatch(l -> req.trustStoreArn().equals(l.mutualAuthentication().trustStoreArn()));
      if (used) throw Elbv2Errors.error("TrustStoreInUse", "Trust store '" + req.trustStoreArn() + "' is in use by a listener");
      tx.delete(TrustStore.TABLE, scope, req.trustStoreArn());
      tx.delete(dev.stratus.elbv2.model.ResourceTags.TABLE, scope, req.trustStoreArn());
      return null;
    });
    return DeleteTrustStoreResponse.builder().build();
  }

  /** A listener's MutualAuthentication from the request ({@code given} null keeps {@code previous}, or off). */
  static MutualAuthentication mutualAuthentication(ReadView tx, String scope, String protocol, MutualAuthenticationAttributes given,
      MutualAuthentication previous) {
    if (given == null) return protocol.equals("HTTPS") && previous != null ? previous : MutualAuthentication.OFF;
    String mode = given.mode() == null ? "off" : given.mode().toLowerCase(Locale.ROOT);
    if (!List.of("off", "passthrough", "verify").contains(mode)) {
      throw Elbv2Errors.validation("Mutual authentication mode '" + given.mode() + "' must be one of off, passthrough, verify");
    }
    if (!mode.equals("off") && !protocol.equals("HTTPS")) {
      throw Elbv2Errors.validation("Mutual authentication is only supported on HTTPS listeners");
    }
    if (mode.equals("verify")) {
      if (given.trustStoreArn() == null) throw Elbv2Errors.validation("A trust store must be specified in verify mode");
      if (tx.get(TrustStore.TABLE, scope, given.trustStoreArn()).isEmpty()) throw notFound();
      return new MutualAuthentication(mode, given.trustStoreArn(), Boolean.TRUE.equals(given.ignoreClientCertificateExpiry()));
    }
    if (given.trustStoreArn() != null) {
      throw Elbv2Errors.validation("A trust store can only be specified in verify mode");
    }
    return new MutualAuthentication(mode, null, false);
  }

  static MutualAuthenticationAttributes toSdk(MutualAuthentication m) {
    return MutualAuthenticationAttributes.builder().mode(m.mode()).trustStoreArn(m.trustStoreArn())
        .ignoreClientCertificateExpiry(m.verify() ? m.ignoreClientCertificateExpiry() : null).build();
  }

  /** The CA certificates of a bundle; InvalidCaCertificatesBundle when there are none. */
  public static List<X509Certificate> caCertificates(String pem) {
    try {
      List<X509Certificate> certs = Pem.certificates(pem);
      if (certs.isEmpty()) throw new Pem.InvalidPemException("no certificate");
      return certs;
    } catch (Pem.InvalidPemException | RuntimeException e) {
      throw Elbv2Errors.error("InvalidCaCertificatesBundle", "The CA certificates bundle is not valid: " + e.getMessage());
    }
  }

  private static software.amazon.awssdk.services.elasticloadbalancingv2.model.TrustStore toSdk(TrustStore t) {
    return software.amazon.awssdk.services.elasticloadbalancingv2.model.TrustStore.builder().name(t.name())
        .trustStoreArn(t.arn()).status(t.status()).numberOfCaCertificates(t.numberOfCaCertificates())
        .totalRevokedEntries(t.totalRevokedEntries()).build();
  }

  private static RuntimeException notFound() {
    return Elbv2Errors.error("TrustStoreNotFound", "One or more trust stores not found");
  }

  private static RuntimeException bundleNotFound(String bucket, String key) {
    return Elbv2Errors.error("CaCertificatesBundleNotFound", "The specified ca certificate bundle 's3://" + bucket + "/" + key
        + "' does not exist");
  }
}
