package dev.stratus.acm;

import dev.stratus.acm.model.AcmCertificate;
import dev.stratus.core.Extensions;
import dev.stratus.core.Pagination;
import dev.stratus.core.RequestContext;
import dev.stratus.core.acm.CertificateUsers;
import dev.stratus.core.acm.Certificates;
import dev.stratus.core.acm.ServingCertificate;
import dev.stratus.core.store.Store;
import dev.stratus.net.tls.Pem;
import dev.stratus.net.tls.StratusCa;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.acm.model.*;

/**
 * ACM's API over {@link AcmCertificate} rows.
 *
 * <p>Issuance, the one choice made here: AWS keeps a DNS-validated certificate in
 * {@code PENDING_VALIDATION} until it finds the validation CNAME, then issues it within minutes;
 * an email-validated one waits for a click. Stratus has no public DNS to look at and no mailbox,
 * so it issues every requested certificate at once from the Stratus CA, and shows the validation
 * records AWS would (the CNAME per base domain, derived from account and name so that it is the
 * same for every certificate of a domain, as on AWS) with status {@code SUCCESS}. Code that waits
 * for {@code ISSUED} (the SDK waiter, Terraform's {@code aws_acm_certificate_validation}) and code
 * that writes the CNAME into Route 53 first both work unchanged.
 */
public final class CertificateOperations implements Certificates {
  /** ACM certificates are valid 395 days (13 months). */
  static final Duration VALIDITY = Duration.ofDays(395);
  private static final Pattern ARN = Pattern.compile("arn:aws:acm:([a-z0-9-]+):(\\d{12}):certificate/([0-9a-fA-F-]{1,64})");
  private static final Pattern DOMAIN = Pattern.compile(
      "^(\\*\\.)?(((?!-)[A-Za-z0-9-]{0,62}[A-Za-z0-9])\\.)+((?!-)[A-Za-z0-9-]{1,62}[A-Za-z0-9])$");
  private static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(1);
  private static final int MAX_TAGS = 50;
  /** ListCertificates' default key types (API reference, Filters.keyTypes). */
  private static final List<String> DEFAULT_KEY_TYPES = List.of("RSA_1024", "RSA_2048");

  private final Store store;
  private final StratusCa ca;
  private final Clock clock;
  private final Extensions extensions;
  /** Who {@link #onChange} told to hear of reimports and deletions. */
  private final List<java.util.function.Consumer<String>> changeListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  public CertificateOperations(Store store, StratusCa ca, Clock clock, Extensions extensions) {
    this.store = store;
    this.ca = ca;
    this.clock = clock;
    this.extensions = extensions;
  }

  // ---- Certificates (the data planes' view)

  @Override
  public Optional<ServingCertificate> find(String certificateArn) {
    if (certificateArn == null) return Optional.empty();
    Matcher m = ARN.matcher(certificateArn);
    if (!m.matches()) return Optional.empty();
    return store.get(AcmCertificate.TABLE, AcmCertificate.scope(m.group(2), m.group(1)), m.group(3))
        .map(c -> new ServingCertificate(c.arn(), currentStatus(c), names(c), c.certificatePem() + nullToEmpty(c.chainPem()),
            c.privateKeyPem(), c.notAfter()));
  }

  @Override
  public Runnable onChange(java.util.function.Consumer<String> changed) {
    changeListeners.add(changed);
    return () -> changeListeners.remove(changed);
  }

  /** Tells the listeners, after the commit, that {@code arn} now serves other content (or none). */
  private void changed(String arn) {
    for (var listener : changeListeners) {
      try {
        listener.accept(arn);
      } catch (RuntimeException e) {
        java.util.logging.Logger.getLogger(CertificateOperations.class.getName())
            .log(java.util.logging.Level.WARNING, "a certificate change listener failed for " + arn, e);
      }
    }
  }

  // ---- API

  public RequestCertificateResponse requestCertificate(RequestContext ctx, RequestCertificateRequest req) {
    String domain = checkDomain(req.domainName(), "domainName");
    List<String> sans = new ArrayList<>();
    sans.add(domain);
    for (String san : req.subjectAlternativeNames()) {
      String s = checkDomain(san, "subjectAlternativeNames");
      if (!sans.contains(s)) sans.add(s);
    }
    if (sans.size() > 100) throw AcmErrors.limitExceeded("Number of domain names exceeds the limit of 100");
    if (req.certificateAuthorityArn() != null) {
      throw AcmErrors.validation("Private certificates (CertificateAuthorityArn) are not served by Stratus");
    }
    String method = req.validationMethodAsString() == null ? "EMAIL" : req.validationMethodAsString();
    if (!Set.of("DNS", "EMAIL", "HTTP").contains(method)) {
      throw AcmErrors.validation("1 validation error detected: Value '" + method
          + "' at 'validationMethod' failed to satisfy constraint: Member must satisfy enum value set: [EMAIL, DNS, HTTP]");
    }
    StratusCa.KeyAlgorithm alg;
    String keyAlgorithm = req.keyAlgorithmAsString() == null ? "RSA_2048" : req.keyAlgorithmAsString();
    try {
      alg = StratusCa.KeyAlgorithm.of(keyAlgorithm);
    } catch (IllegalArgumentException e) {
      throw AcmErrors.validation("1 validation error detected: Value '" + keyAlgorithm
          + "' at 'keyAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [RSA_2048, EC_prime256v1, EC_secp384r1]");
    }
    Map<String, String> tags = tags(req.tags());
    String scope = AcmCertificate.scope(ctx.accountId(), ctx.region());
    Instant now = clock.instant();
    if (req.idempotencyToken() != null) {
      for (AcmCertificate c : store.list(AcmCertificate.TABLE, scope)) {
        if (req.idempotencyToken().equals(c.idempotencyToken()) && c.createdAt().plus(IDEMPOTENCY_WINDOW).isAfter(now)
            && c.domainName().equals(domain) && c.subjectAlternativeNames().equals(sans)) {
          return RequestCertificateResponse.builder().certificateArn(c.arn()).build();
        }
      }
    }
    // Key generation and signing take milliseconds: done before the write, not inside it.
    var issued = ca.issue(sans, alg, now.minus(Duration.ofMinutes(1)), now.plus(VALIDITY));
    String id = UUID.randomUUID().toString();
    String arn = "arn:aws:acm:" + ctx.region() + ":" + ctx.accountId() + ":certificate/" + id;
    X509Certificate x = issued.certificate();
    var row = new AcmCertificate(arn, domain, sans, "AMAZON_ISSUED", "ISSUED", alg.name(), method,
        issued.certificatePem(), issued.chainPem(), issued.privateKeyPem(), X509Facts.serial(x), X509Facts.subject(x),
        "Stratus Local CA", X509Facts.signatureAlgorithm(x), now, now, null, x.getNotBefore().toInstant(), x.getNotAfter().toInstant(), tags,
        req.idempotencyToken());
    store.write(tx -> {
      tx.put(AcmCertificate.TABLE, scope, id, row);
      return null;
    });
    return RequestCertificateResponse.builder().certificateArn(arn).build();
  }

  public ImportCertificateResponse importCertificate(RequestContext ctx, ImportCertificateRequest req) {
    String certText = text(req.certificate());
    List<X509Certificate> certs;
    try {
      certs = Pem.certificates(certText);
    } catch (Pem.InvalidPemException e) {
      throw AcmErrors.validation("Unable to parse certificate. Please ensure the certificate is in PEM format.");
    }
    if (certs.size() > 1) {
      throw AcmErrors.validation("The certificate field contains more than one certificate. You can specify only one certificate in this field.");
    }
    X509Certificate leaf = certs.get(0);
    PrivateKey key;
    try {
      key = Pem.privateKey(text(req.privateKey()));
    } catch (Pem.InvalidPemException e) {
      throw AcmErrors.validation("The private key is not supported.");
    }
    if (!X509Facts.matches(key, leaf)) {
      throw AcmErrors.validation("The private key did not match the public key in the certificate.");
    }
    String chainPem = "";
    if (req.certificateChain() != null) {
      try {
        chainPem = Pem.write(Pem.certificates(text(req.certificateChain())).toArray());
      } catch (Pem.InvalidPemException e) {
        throw AcmErrors.validation("Unable to parse certificate chain. Please ensure the chain is in PEM format.");
      }
    }
    String keyAlgorithm = X509Facts.keyAlgorithm(leaf);
    List<String> names = X509Facts.namesOf(leaf);
    if (names.isEmpty()) throw AcmErrors.validation("The certificate must have a domain name.");
    Instant now = clock.instant();
    String scope = AcmCertificate.scope(ctx.accountId(), ctx.region());
    String leafPem = Pem.write(leaf);
    String keyPem = Pem.write(key);
    String finalChain = chainPem;
    if (req.certificateArn() != null) {
      String id = idOf(ctx, req.certificateArn());
      if (!req.tags().isEmpty()) throw AcmErrors.invalidParameter("Tags cannot be specified when reimporting a certificate.");
      var reimported = store.write(tx -> {
        var old = tx.get(AcmCertificate.TABLE, scope, id).orElseThrow(() -> AcmErrors.notFound(req.certificateArn()));
        if (!old.type().equals("IMPORTED")) {
          throw AcmErrors.validation("Certificate " + old.arn() + " was not imported and cannot be reimported.");
        }
        tx.put(AcmCertificate.TABLE, scope, id, imported(old.arn(), names, leaf, leafPem, finalChain, keyPem, keyAlgorithm,
            old.createdAt(), now, old.tags()));
        return ImportCertificateResponse.builder().certificateArn(old.arn()).build();
      });
      changed(reimported.certificateArn());
      return reimported;
    }
    Map<String, String> tags = tags(req.tags());
    String id = UUID.randomUUID().toString();
    String arn = "arn:aws:acm:" + ctx.region() + ":" + ctx.accountId() + ":certificate/" + id;
    store.write(tx -> {
      tx.put(AcmCertificate.TABLE, scope, id, imported(arn, names, leaf, leafPem, finalChain, keyPem, keyAlgorithm, now, now, tags));
      return null;
    });
    return ImportCertificateResponse.builder().certificateArn(arn).build();
  }

  private static AcmCertificate imported(String arn, List<String> names, X509Certificate leaf, String leafPem,
      String chainPem, String keyPem, String keyAlgorithm, Instant createdAt, Instant importedAt, Map<String, String> tags) {
    return new AcmCertificate(arn, names.get(0), names, "IMPORTED", "ISSUED", keyAlgorithm, null, leafPem, chainPem,
        keyPem, X509Facts.serial(leaf), X509Facts.subject(leaf), X509Facts.issuerCn(leaf), X509Facts.signatureAlgorithm(leaf),
        createdAt, null, importedAt,
        leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant(), tags, null);
  }

  public DescribeCertificateResponse describeCertificate(RequestContext ctx, DescribeCertificateRequest req) {
    AcmCertificate c = load(ctx, req.certificateArn());
    List<String> users = usersOf(c.arn());
    var detail = CertificateDetail.builder()
        .certificateArn(c.arn()).domainName(c.domainName()).subjectAlternativeNames(c.subjectAlternativeNames())
        .serial(c.serial()).subject(c.subject()).issuer(c.issuer())
        .createdAt(c.createdAt()).issuedAt(c.issuedAt()).importedAt(c.importedAt())
        .status(currentStatus(c)).notBefore(c.notBefore()).notAfter(c.notAfter())
        .keyAlgorithm(c.keyAlgorithm()).signatureAlgorithm(c.signatureAlgorithm()).inUseBy(users).type(c.type())
        .keyUsages(KeyUsage.builder().name(KeyUsageName.DIGITAL_SIGNATURE).build(),
            KeyUsage.builder().name(KeyUsageName.KEY_ENCIPHERMENT).build())
        .extendedKeyUsages(ExtendedKeyUsage.builder().name(ExtendedKeyUsageName.TLS_WEB_SERVER_AUTHENTICATION).oid("1.3.6.1.5.5.7.3.1").build(),
            ExtendedKeyUsage.builder().name(ExtendedKeyUsageName.TLS_WEB_CLIENT_AUTHENTICATION).oid("1.3.6.1.5.5.7.3.2").build())
        .renewalEligibility(c.type().equals("AMAZON_ISSUED") && !users.isEmpty() ? RenewalEligibility.ELIGIBLE : RenewalEligibility.INELIGIBLE)
        .options(CertificateOptions.builder().certificateTransparencyLoggingPreference("ENABLED").build());
    if (c.type().equals("AMAZON_ISSUED")) detail.domainValidationOptions(validations(ctx.accountId(), c));
    return DescribeCertificateResponse.builder().certificate(detail.build()).build();
  }

  /** The validation ACM shows per name; the CNAME is the base domain's (a wildcard shares its apex's record). */
  private static List<DomainValidation> validations(String account, AcmCertificate c) {
    List<DomainValidation> out = new ArrayList<>();
    for (String name : c.subjectAlternativeNames()) {
      String base = name.startsWith("*.") ? name.substring(2) : name;
      var v = DomainValidation.builder().domainName(name).validationDomain(base)
          .validationStatus(DomainStatus.SUCCESS).validationMethod(c.validationMethod());
      if ("DNS".equals(c.validationMethod())) {
        String digest = sha256Hex(account + "|" + base.toLowerCase(Locale.ROOT));
        v.resourceRecord(ResourceRecord.builder().name("_" + digest.substring(0, 32) + "." + base + ".")
            .type(RecordType.CNAME).value("_" + digest.substring(32, 64) + "." + digest.substring(0, 10) + ".acm-validations.aws.")
            .build());
      } else if ("EMAIL".equals(c.validationMethod())) {
        v.validationEmails(List.of("admin@", "administrator@", "hostmaster@", "postmaster@", "webmaster@").stream()
            .map(p -> p + base).toList());
      }
      out.add(v.build());
    }
    return out;
  }

  public ListCertificatesResponse listCertificates(RequestContext ctx, ListCertificatesRequest req) {
    int max = req.maxItems() == null ? 1000 : req.maxItems();
    if (max < 1 || max > 1000) {
      throw AcmErrors.validation("1 validation error detected: Value '" + max
          + "' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000");
    }
    Set<String> statuses = new HashSet<>(req.certificateStatusesAsStrings());
    Set<String> keyTypes = new HashSet<>(DEFAULT_KEY_TYPES);
    // Stratus manages no certificate for another service (ACM's managedBy filter matches none).
    boolean managedFilter = req.includes() != null && req.includes().managedByAsString() != null;
    if (req.includes() != null && !req.includes().keyTypesAsStrings().isEmpty()) {
      keyTypes = new HashSet<>(req.includes().keyTypesAsStrings());
    }
    Set<String> types = keyTypes;
    Comparator<AcmCertificate> order = Comparator.comparing(AcmCertificate::createdAt).thenComparing(AcmCertificate::arn);
    if ("DESCENDING".equals(req.sortOrderAsString())) order = order.reversed();
    List<AcmCertificate> all = store.list(AcmCertificate.TABLE, AcmCertificate.scope(ctx.accountId(), ctx.region())).stream()
        .filter(c -> statuses.isEmpty() || statuses.contains(currentStatus(c)))
        .filter(c -> types.contains(c.keyAlgorithm()))
        .filter(c -> !managedFilter)
        .sorted(order).toList();
    var page = Pagination.page(all, AcmCertificate::arn, req.nextToken(), max,
        t -> AcmErrors.invalidParameter("The nextToken is not valid."));
    List<CertificateSummary> summaries = new ArrayList<>();
    for (AcmCertificate c : page.items()) {
      List<String> sans = c.subjectAlternativeNames();
      summaries.add(CertificateSummary.builder().certificateArn(c.arn()).domainName(c.domainName())
          .subjectAlternativeNameSummaries(sans.subList(0, Math.min(100, sans.size())))
          .hasAdditionalSubjectAlternativeNames(sans.size() > 100)
          .status(currentStatus(c)).type(c.type()).keyAlgorithm(c.keyAlgorithm())
          .keyUsages(KeyUsageName.DIGITAL_SIGNATURE, KeyUsageName.KEY_ENCIPHERMENT)
          .extendedKeyUsages(ExtendedKeyUsageName.TLS_WEB_SERVER_AUTHENTICATION, ExtendedKeyUsageName.TLS_WEB_CLIENT_AUTHENTICATION)
          .inUse(!usersOf(c.arn()).isEmpty()).exported(false)
          .renewalEligibility(RenewalEligibility.INELIGIBLE)
          .notBefore(c.notBefore()).notAfter(c.notAfter()).createdAt(c.createdAt()).issuedAt(c.issuedAt())
          .importedAt(c.importedAt()).build());
    }
    return ListCertificatesResponse.builder().certificateSummaryList(summaries).nextToken(page.nextMarker().orElse(null)).build();
  }

  public GetCertificateResponse getCertificate(RequestContext ctx, GetCertificateRequest req) {
    AcmCertificate c = load(ctx, req.certificateArn());
    String chain = nullToEmpty(c.chainPem());
    return GetCertificateResponse.builder().certificate(c.certificatePem().strip())
        .certificateChain(chain.isEmpty() ? null : chain.strip()).build();
  }

  public DeleteCertificateResponse deleteCertificate(RequestContext ctx, DeleteCertificateRequest req) {
    AcmCertificate c = load(ctx, req.certificateArn());
    if (!usersOf(c.arn()).isEmpty()) throw AcmErrors.inUse(c.arn());
    store.write(tx -> tx.delete(AcmCertificate.TABLE, AcmCertificate.scope(ctx.accountId(), ctx.region()), c.id()));
    changed(c.arn());
    return DeleteCertificateResponse.builder().build();
  }

  public AddTagsToCertificateResponse addTagsToCertificate(RequestContext ctx, AddTagsToCertificateRequest req) {
    String id = idOf(ctx, req.certificateArn());
    Map<String, String> add = tags(req.tags());
    String scope = AcmCertificate.scope(ctx.accountId(), ctx.region());
    store.write(tx -> {
      var c = tx.get(AcmCertificate.TABLE, scope, id).orElseThrow(() -> AcmErrors.notFound(req.certificateArn()));
      Map<String, String> merged = new LinkedHashMap<>(c.tags());
      merged.putAll(add);
      if (merged.size() > MAX_TAGS) throw AcmErrors.tooManyTags();
      tx.put(AcmCertificate.TABLE, scope, id, c.withTags(merged));
      return null;
    });
    return AddTagsToCertificateResponse.builder().build();
  }

  public RemoveTagsFromCertificateResponse removeTagsFromCertificate(RequestContext ctx, RemoveTagsFromCertificateRequest req) {
    String id = idOf(ctx, req.certificateArn());
    String scope = AcmCertificate.scope(ctx.accountId(), ctx.region());
    store.write(tx -> {
      var c = tx.get(AcmCertificate.TABLE, scope, id).orElseThrow(() -> AcmErrors.notFound(req.certificateArn()));
      Map<String, String> left = new LinkedHashMap<>(c.tags());
      // A tag given with a value is removed only when the value matches; without one, by key.
      for (Tag t : req.tags()) {
        if (t.value() == null || t.value().equals(left.get(t.key()))) left.remove(t.key());
      }
      tx.put(AcmCertificate.TABLE, scope, id, c.withTags(left));
      return null;
    });
    return RemoveTagsFromCertificateResponse.builder().build();
  }

  public ListTagsForCertificateResponse listTagsForCertificate(RequestContext ctx, ListTagsForCertificateRequest req) {
    AcmCertificate c = load(ctx, req.certificateArn());
    return ListTagsForCertificateResponse.builder()
        .tags(c.tags().entrySet().stream().sorted(Map.Entry.comparingByKey())
            .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())
        .build();
  }

  // ---- helpers

  private AcmCertificate load(RequestContext ctx, String arn) {
    String id = idOf(ctx, arn);
    return store.get(AcmCertificate.TABLE, AcmCertificate.scope(ctx.accountId(), ctx.region()), id)
        .orElseThrow(() -> AcmErrors.notFound(arn));
  }

  /** The id of {@code arn}; an ARN of another account or region names nothing here. */
  private static String idOf(RequestContext ctx, String arn) {
    Matcher m = arn == null ? null : ARN.matcher(arn);
    if (m == null || !m.matches()) throw AcmErrors.invalidArn(String.valueOf(arn));
    if (!m.group(1).equals(ctx.region()) || !m.group(2).equals(ctx.accountId())) throw AcmErrors.notFound(arn);
    return m.group(3);
  }

  private List<String> usersOf(String arn) {
    return CertificateUsers.in(extensions).usersOf(arn);
  }

  private String currentStatus(AcmCertificate c) {
    return c.status().equals("ISSUED") && c.notAfter() != null && c.notAfter().isBefore(clock.instant()) ? "EXPIRED" : c.status();
  }

  private static List<String> names(AcmCertificate c) {
    var all = new LinkedHashSet<String>();
    all.add(c.domainName());
    all.addAll(c.subjectAlternativeNames());
    return List.copyOf(all);
  }

  private static String checkDomain(String name, String field) {
    if (name == null || name.isEmpty() || name.length() > 253 || !DOMAIN.matcher(name).matches()) {
      throw AcmErrors.validation("1 validation error detected: Value '" + name + "' at '" + field
          + "' failed to satisfy constraint: Member must satisfy regular expression pattern: "
          + "^(\\*\\.)?(((?!-)[A-Za-z0-9-]{0,62}[A-Za-z0-9])\\.)+((?!-)[A-Za-z0-9-]{1,62}[A-Za-z0-9])$");
    }
    if (name.indexOf('.') > 64) {
      throw AcmErrors.invalidDomain("The first domain name can be no longer than 64 characters.");
    }
    return name.toLowerCase(Locale.ROOT);
  }

  private static Map<String, String> tags(List<Tag> tags) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Tag t : tags) {
      if (t.key() == null || t.key().isEmpty() || t.key().length() > 128) {
        throw AcmErrors.invalidTag("Tag key must be between 1 and 128 characters.");
      }
      if (t.key().toLowerCase(Locale.ROOT).startsWith("aws:")) {
        throw AcmErrors.invalidTag("Tag key " + t.key() + " is invalid. Tag keys cannot start with 'aws:'.");
      }
      if (t.value() != null && t.value().length() > 256) {
        throw AcmErrors.invalidTag("Tag value must be no longer than 256 characters.");
      }
      out.put(t.key(), t.value() == null ? "" : t.value());
    }
    if (out.size() > MAX_TAGS) throw AcmErrors.tooManyTags();
    return out;
  }

  private static String text(SdkBytes bytes) {
    return bytes == null ? "" : bytes.asString(StandardCharsets.UTF_8);
  }

  private static String nullToEmpty(String s) { return s == null ? "" : s; }

  private static String sha256Hex(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
