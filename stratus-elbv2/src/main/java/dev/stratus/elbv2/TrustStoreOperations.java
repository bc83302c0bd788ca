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
import java.security.cert.CRLException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddTrustStoreRevocationsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddTrustStoreRevocationsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTrustStoreRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTrustStoreAssociationsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTrustStoreAssociationsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTrustStoreRevocation;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.GetTrustStoreCaCertificatesBundleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.GetTrustStoreCaCertificatesBundleResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTrustStoreRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTrustStoreResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TrustStoreAssociation;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTrustStoreRevocationsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTrustStoreRevocationsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.GetTrustStoreRevocationContentRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.GetTrustStoreRevocationContentResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RemoveTrustStoreRevocationsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RemoveTrustStoreRevocationsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RevocationContent;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TrustStoreRevocation;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTrustStoreResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTrustStoreRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTrustStoreResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTrustStoresRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTrustStoresResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.MutualAuthenticationAttributes;

/**
 * Trust stores for mutual TLS (CreateTrustStore from a CA bundle in S3, ModifyTrustStore,
 * DescribeTrustStores, DescribeTrustStoreAssociations, GetTrustStoreCaCertificatesBundle,
 * DeleteTrustStore, refused while a listener uses it), their revocation lists, and the
 * listener's MutualAuthentication.
 */
public final class TrustStoreOperations {
  /*
   * The bundle is read once, as the caller's account, through core's ObjectReader (S3's own GET,
   * so the bucket policy decides); a missing bucket, key or version is CaCertificatesBundleNotFound,
   * a bundle without a parsable CA certificate InvalidCaCertificatesBundle. Revocation files
   * (CRLs, PEM or DER) are read the same way and kept in the store's row: missing is
   * RevocationContentNotFound; unparsable, or not signed by a CA of the bundle, is
   * InvalidRevocationContent; past AWS's quotas (30 lists, 500,000 entries per store)
   * TooManyTrustStoreRevocationEntries. Verify-mode listeners refuse a revoked client certificate
   * at the handshake (ListenerTls).
   */

  /** AWS's quotas: revocation entries per trust store, revocation lists per trust store, file size. */
  static final long MAX_REVOKED_ENTRIES = 500_000;
  static final int MAX_REVOCATION_LISTS = 30;
  static final int MAX_REVOCATION_FILE_BYTES = 50 * 1024 * 1024;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?");

  private final Store store;
  private final Supplier<Optional<ObjectReader>> s3;
  private final Supplier<String> apiAuthority;

  public TrustStoreOperations(Store store, Supplier<Optional<ObjectReader>> s3) {
    this(store, s3, () -> "127.0.0.1:4566");
  }

  /** @param apiAuthority {@code host:port} of the API port (where GetTrustStoreRevocationContent's Location points) */
  public TrustStoreOperations(Store store, Supplier<Optional<ObjectReader>> s3, Supplier<String> apiAuthority) {
    this.store = store;
    this.s3 = s3;
    this.apiAuthority = apiAuthority;
  }

  public CreateTrustStoreResponse createTrustStore(RequestContext ctx, CreateTrustStoreRequest req) {
    String name = req.name();
    if (name == null || !NAME.matcher(name).matches() || name.contains("--")) {
      throw Elbv2Errors.validation("Trust store name '" + name + "' must be 1 to 32 alphanumeric characters or hyphens,"
          + " and must not begin or end with a hyphen");
    }
    String bucket = req.caCertificatesBundleS3Bucket();
    String key = req.caCertificatesBundleS3Key();
    String pem = bundle(ctx, bucket, key, req.caCertificatesBundleS3ObjectVersion());
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

  /** The CA bundle's PEM text, read from S3 as the account (CreateTrustStore and ModifyTrustStore alike). */
  private String bundle(RequestContext ctx, String bucket, String key, String version) {
    if (bucket == null || key == null) throw Elbv2Errors.validation("The CA certificates bundle S3 bucket and key must be specified");
    ObjectReader reader = s3.get().orElseThrow(() -> bundleNotFound(bucket, key));
    var read = reader.read(ctx.accountId(), bucket, key, version);
    if (!read.found()) throw bundleNotFound(bucket, key);
    return new String(read.body(), StandardCharsets.UTF_8);
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

  /** A new CA bundle from S3 for the store (read and checked as at CreateTrustStore); its revocation lists stay. */
  public ModifyTrustStoreResponse modifyTrustStore(RequestContext ctx, ModifyTrustStoreRequest req) {
    String scope = ctx.regionalScope();
    if (store.get(TrustStore.TABLE, scope, req.trustStoreArn()).isEmpty()) throw notFound();
    String bucket = req.caCertificatesBundleS3Bucket();
    String key = req.caCertificatesBundleS3Key();
    String pem = bundle(ctx, bucket, key, req.caCertificatesBundleS3ObjectVersion());
    int count = caCertificates(pem).size();
    var modified = store.write(tx -> {
      TrustStore t = tx.get(TrustStore.TABLE, scope, req.trustStoreArn()).orElseThrow(TrustStoreOperations::notFound);
      var updated = new TrustStore(t.arn(), t.name(), t.status(), count, t.totalRevokedEntries(), pem, bucket, key,
          req.caCertificatesBundleS3ObjectVersion(), t.revocations());
      tx.put(TrustStore.TABLE, scope, t.arn(), updated);
      return updated;
    });
    return ModifyTrustStoreResponse.builder().trustStores(toSdk(modified)).build();
  }

  /** Where the store's CA bundle can be read for ten minutes (as GetTrustStoreRevocationContent's Location). */
  public GetTrustStoreCaCertificatesBundleResponse getTrustStoreCaCertificatesBundle(RequestContext ctx,
      GetTrustStoreCaCertificatesBundleRequest req) {
    TrustStore t = store.get(TrustStore.TABLE, ctx.regionalScope(), req.trustStoreArn()).orElseThrow(TrustStoreOperations::notFound);
    return GetTrustStoreCaCertificatesBundleResponse.builder().location(presignedLocation(ctx, t.bucket(), t.key(), t.objectVersion()))
        .build();
  }

  /** The load balancers whose listeners verify client certificates with the store. */
  public DescribeTrustStoreAssociationsResponse describeTrustStoreAssociations(RequestContext ctx, DescribeTrustStoreAssociationsRequest req) {
    String scope = ctx.regionalScope();
    if (store.get(TrustStore.TABLE, scope, req.trustStoreArn()).isEmpty()) throw notFound();
    List<String> balancers = store.list(Listener.TABLE, scope).stream()
        .filter(l -> req.trustStoreArn().equals(l.mutualAuthentication().trustStoreArn())).map(Listener::loadBalancerArn)
        .distinct().sorted().toList();
    Integer size = req.pageSize();
    if (size != null && (size < 1 || size > 400)) throw Elbv2Errors.validation("Page size must be between 1 and 400");
    var page = Pagination.page(balancers, arn -> arn, req.marker(), size == null ? 400 : size, m -> Elbv2Errors.validation("Invalid marker"));
    return DescribeTrustStoreAssociationsResponse.builder().trustStoreAssociations(page.items().stream()
        .map(arn -> TrustStoreAssociation.builder().resourceArn(arn).build()).toList()).nextMarker(page.nextMarker().orElse(null)).build();
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

  public AddTrustStoreRevocationsResponse addTrustStoreRevocations(RequestContext ctx, AddTrustStoreRevocationsRequest req) {
    String scope = ctx.regionalScope();
    TrustStore store = this.store.get(TrustStore.TABLE, scope, req.trustStoreArn()).orElseThrow(TrustStoreOperations::notFound);
    List<X509Certificate> cas = caCertificates(store.caBundlePem());
    // Read and checked before the write: S3 reads block and must not run inside the store's transaction.
    List<TrustStore.Revocation> read = new ArrayList<>();
    for (RevocationContent content : req.revocationContents()) {
      String type = content.revocationTypeAsString() == null ? "CRL" : content.revocationTypeAsString();
      if (!type.equals("CRL")) throw Elbv2Errors.validation("Revocation type '" + type + "' must be one of CRL");
      String bucket = content.s3Bucket();
      String key = content.s3Key();
      if (bucket == null || key == null) throw Elbv2Errors.validation("The revocation file S3 bucket and key must be specified");
      ObjectReader reader = s3.get().orElseThrow(() -> revocationNotFound(bucket, key));
      var object = reader.read(ctx.accountId(), bucket, key, content.s3ObjectVersion());
      if (!object.found()) throw revocationNotFound(bucket, key);
      if (object.body().length > MAX_REVOCATION_FILE_BYTES) throw invalidRevocation("the revocation file is larger than 50 MB");
      List<X509CRL> crls = crls(object.body(), cas);
      long entries = crls.stream().mapToLong(c -> c.getRevokedCertificates() == null ? 0 : c.getRevokedCertificates().size()).sum();
      read.add(new TrustStore.Revocation(0, type, bucket, key, content.s3ObjectVersion(), entries,
          crls.stream().map(TrustStoreOperations::pem).collect(java.util.stream.Collectors.joining())));
    }
    List<TrustStore.Revocation> added = this.store.write(tx -> {
      TrustStore current = tx.get(TrustStore.TABLE, scope, req.trustStoreArn()).orElseThrow(TrustStoreOperations::notFound);
      List<TrustStore.Revocation> all = new ArrayList<>(current.revocations());
      long next = all.stream().mapToLong(TrustStore.Revocation::revocationId).max().orElse(0) + 1;
      List<TrustStore.Revocation> out = new ArrayList<>();
      for (TrustStore.Revocation r : read) {
        var withId = new TrustStore.Revocation(next++, r.revocationType(), r.bucket(), r.key(), r.objectVersion(), r.numberOfRevokedEntries(),
            r.crlPem());
        all.add(withId);
        out.add(withId);
      }
      TrustStore updated = current.withRevocations(all);
      if (all.size() > MAX_REVOCATION_LISTS || updated.totalRevokedEntries() > MAX_REVOKED_ENTRIES) {
        throw Elbv2Errors.error("TooManyTrustStoreRevocationEntries", "Trust store '" + current.arn() + "' cannot have more than "
            + MAX_REVOCATION_LISTS + " revocation lists or " + MAX_REVOKED_ENTRIES + " revocation entries");
      }
      tx.put(TrustStore.TABLE, scope, current.arn(), updated);
      return out;
    });
    return AddTrustStoreRevocationsResponse.builder().trustStoreRevocations(added.stream().map(r -> TrustStoreRevocation.builder()
        .trustStoreArn(req.trustStoreArn()).revocationId(r.revocationId()).revocationType(r.revocationType())
        .numberOfRevokedEntries(r.numberOfRevokedEntries()).build()).toList()).build();
  }

  public RemoveTrustStoreRevocationsResponse removeTrustStoreRevocations(RequestContext ctx, RemoveTrustStoreRevocationsRequest req) {
    String scope = ctx.regionalScope();
    store.write(tx -> {
      TrustStore current = tx.get(TrustStore.TABLE, scope, req.trustStoreArn()).orElseThrow(TrustStoreOperations::notFound);
      var ids = java.util.Set.copyOf(req.revocationIds());
      var known = current.revocations().stream().map(TrustStore.Revocation::revocationId).collect(java.util.stream.Collectors.toSet());
      if (ids.isEmpty()) throw Elbv2Errors.validation("At least one revocation ID must be specified");
      if (!known.containsAll(ids)) throw revocationIdNotFound();
      tx.put(TrustStore.TABLE, scope, current.arn(), current.withRevocations(current.revocations().stream()
          .filter(r -> !ids.contains(r.revocationId())).toList()));
      return null;
    });
    return RemoveTrustStoreRevocationsResponse.builder().build();
  }

  public DescribeTrustStoreRevocationsResponse describeTrustStoreRevocations(RequestContext ctx, DescribeTrustStoreRevocationsRequest req) {
    TrustStore current = store.get(TrustStore.TABLE, ctx.regionalScope(), req.trustStoreArn()).orElseThrow(TrustStoreOperations::notFound);
    List<TrustStore.Revocation> chosen = current.revocations();
    if (!req.revocationIds().isEmpty()) {
      var ids = java.util.Set.copyOf(req.revocationIds());
      chosen = chosen.stream().filter(r -> ids.contains(r.revocationId())).toList();
      if (chosen.size() != ids.size()) throw revocationIdNotFound();
    }
    Integer size = req.pageSize();
    if (size != null && (size < 1 || size > 400)) throw Elbv2Errors.validation("Page size must be between 1 and 400");
    var page = Pagination.page(chosen, r -> String.format("%019d", r.revocationId()), req.marker(), size == null ? 400 : size,
        m -> Elbv2Errors.validation("Invalid marker"));
    return DescribeTrustStoreRevocationsResponse.builder().trustStoreRevocations(page.items().stream().map(r ->
        DescribeTrustStoreRevocation.builder().trustStoreArn(current.arn()).revocationId(r.revocationId())
            .revocationType(r.revocationType()).numberOfRevokedEntries(r.numberOfRevokedEntries()).build()).toList())
        .nextMarker(page.nextMarker().orElse(null)).build();
  }

  /**
   * Where the revocation file can be read for ten minutes: AWS gives a presigned URL of its copy;
   * Stratus gives the object in its own S3 (path style on the API port), in the presigned form
   * S3 checks the expiry of. Stratus does not check S3 signatures, so the signature is a digest.
   */
  public GetTrustStoreRevocationContentResponse getTrustStoreRevocationContent(RequestContext ctx,
      GetTrustStoreRevocationContentRequest req) {
    TrustStore current = store.get(TrustStore.TABLE, ctx.regionalScope(), req.trustStoreArn()).orElseThrow(TrustStoreOperations::notFound);
    TrustStore.Revocation r = current.revocations().stream().filter(x -> req.revocationId() != null && x.revocationId() == req.revocationId())
        .findFirst().orElseThrow(TrustStoreOperations::revocationIdNotFound);
    return GetTrustStoreRevocationContentResponse.builder().location(presignedLocation(ctx, r.bucket(), r.key(), r.objectVersion()))
        .build();
  }

  private String presignedLocation(RequestContext ctx, String bucket, String key, String version) {
    String date = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(java.time.ZoneOffset.UTC)
        .format(ctx.receivedAt());
    String accessKey = ctx.accessKeyId().isEmpty() ? ctx.accountId() : ctx.accessKeyId();
    String query = (version == null ? "" : "versionId=" + encode(version) + "&") + "X-Amz-Algorithm=AWS4-HMAC-SHA256"
        + "&X-Amz-Credential=" + encode(accessKey + "/" + date.substring(0, 8) + "/" + ctx.region() + "/s3/aws4_request")
        + "&X-Amz-Date=" + date + "&X-Amz-Expires=600&X-Amz-SignedHeaders=host";
    String path = "/" + bucket + "/" + java.util.Arrays.stream(key.split("/", -1)).map(TrustStoreOperations::encode)
        .collect(java.util.stream.Collectors.joining("/"));
    String signature = java.util.HexFormat.of().formatHex(sha256(path + "?" + query));
    return "http://" + apiAuthority.get() + path + "?" + query + "&X-Amz-Signature=" + signature;
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%7E", "~");
  }

  private static byte[] sha256(String s) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The CRLs in {@code body} (PEM or DER), each signed by one of {@code cas}; InvalidRevocationContent otherwise. */
  static List<X509CRL> crls(byte[] body, List<X509Certificate> cas) {
    List<X509CRL> out = new ArrayList<>();
    try {
      for (var crl : CertificateFactory.getInstance("X.509").generateCRLs(new java.io.ByteArrayInputStream(body))) {
        out.add((X509CRL) crl);
      }
    } catch (CRLException | java.security.cert.CertificateException | RuntimeException e) {
      throw invalidRevocation("the revocation file is not a certificate revocation list: " + e.getMessage());
    }
    if (out.isEmpty()) throw invalidRevocation("the revocation file holds no certificate revocation list");
    for (X509CRL crl : out) {
      boolean signed = cas.stream().filter(ca -> ca.getSubjectX500Principal().equals(crl.getIssuerX500Principal())).anyMatch(ca -> {
        try {
          crl.verify(ca.getPublicKey());
          return true;
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
          return false;
        }
      });
      if (!signed) {
        throw invalidRevocation("the certificate revocation list of '" + crl.getIssuerX500Principal().getName()
            + "' is not signed by a CA certificate of the trust store");
      }
    }
    return out;
  }

  /** The CRLs of a stored revocation's PEM. */
  public static List<X509CRL> crls(String pem) {
    try {
      List<X509CRL> out = new ArrayList<>();
      for (var crl : CertificateFactory.getInstance("X.509").generateCRLs(new java.io.ByteArrayInputStream(
          pem.getBytes(StandardCharsets.US_ASCII)))) {
        out.add((X509CRL) crl);
      }
      return out;
    } catch (CRLException | java.security.cert.CertificateException e) {
      throw new IllegalStateException("a stored revocation list does not parse", e);
    }
  }

  private static String pem(X509CRL crl) {
    try {
      return "-----BEGIN X509 CRL-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
          .encodeToString(crl.getEncoded()) + "\n-----END X509 CRL-----\n";
    } catch (CRLException e) {
      throw invalidRevocation(e.getMessage());
    }
  }

  /**
   * A listener's MutualAuthentication from the request ({@code given} null keeps {@code previous}, or off).
   * An ALB's HTTPS listener takes off, passthrough or verify; an NLB's TLS listener off or verify
   * (AWS: "Network Load Balancers support mutual TLS in verify mode only", Nov 2026); any other
   * listener off only. AWS documents no message for these refusals: the code is ValidationError.
   */
  static MutualAuthentication mutualAuthentication(ReadView tx, String scope, String protocol, MutualAuthenticationAttributes given,
      MutualAuthentication previous) {
    if (given == null) return supportsMutualTls(protocol) && previous != null ? previous : MutualAuthentication.OFF;
    String mode = given.mode() == null ? "off" : given.mode().toLowerCase(Locale.ROOT);
    if (!List.of("off", "passthrough", "verify").contains(mode)) {
      throw Elbv2Errors.validation("Mutual authentication mode '" + given.mode() + "' must be one of off, passthrough, verify");
    }
    if (!mode.equals("off") && !supportsMutualTls(protocol)) {
      throw Elbv2Errors.validation("Mutual authentication is only supported on HTTPS and TLS listeners");
    }
    if (mode.equals("passthrough") && protocol.equals("TLS")) {
      throw Elbv2Errors.validation("Mutual authentication mode 'passthrough' is not supported on TLS listeners;"
          + " Network Load Balancers support verify mode only");
    }
    String advertise = given.advertiseTrustStoreCaNamesAsString();
    if (advertise != null && !advertise.equals("on") && !advertise.equals("off")) {
      throw Elbv2Errors.validation("AdvertiseTrustStoreCaNames '" + advertise + "' must be one of on, off");
    }
    if (mode.equals("verify")) {
      if (given.trustStoreArn() == null) throw Elbv2Errors.validation("A trust store must be specified in verify mode");
      if (tx.get(TrustStore.TABLE, scope, given.trustStoreArn()).isEmpty()) throw notFound();
      return new MutualAuthentication(mode, given.trustStoreArn(), Boolean.TRUE.equals(given.ignoreClientCertificateExpiry()),
          "on".equals(given.advertiseTrustStoreCaNamesAsString()));
    }
    if (given.trustStoreArn() != null) {
      throw Elbv2Errors.validation("A trust store can only be specified in verify mode");
    }
    return new MutualAuthentication(mode, null, false);
  }

  /** Whether listeners of {@code protocol} take a MutualAuthentication other than off (ALB HTTPS, NLB TLS). */
  static boolean supportsMutualTls(String protocol) { return protocol.equals("HTTPS") || protocol.equals("TLS"); }

  static MutualAuthenticationAttributes toSdk(MutualAuthentication m) {
    return MutualAuthenticationAttributes.builder().mode(m.mode()).trustStoreArn(m.trustStoreArn())
        .ignoreClientCertificateExpiry(m.verify() ? m.ignoreClientCertificateExpiry() : null)
        .advertiseTrustStoreCaNames(m.verify() ? (m.advertiseTrustStoreCaNames() ? "on" : "off") : null).build();
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

  private static RuntimeException revocationNotFound(String bucket, String key) {
    return Elbv2Errors.error("RevocationContentNotFound", "The specified revocation file 's3://" + bucket + "/" + key + "' does not exist");
  }

  private static RuntimeException invalidRevocation(String why) {
    return Elbv2Errors.error("InvalidRevocationContent", "The provided revocation file is not valid: " + why);
  }

  private static RuntimeException revocationIdNotFound() {
    return Elbv2Errors.error("RevocationIdNotFound", "One or more revocation IDs not found");
  }

  private static RuntimeException bundleNotFound(String bucket, String key) {
    return Elbv2Errors.error("CaCertificatesBundleNotFound", "The specified ca certificate bundle 's3://" + bucket + "/" + key
        + "' does not exist");
  }
}
