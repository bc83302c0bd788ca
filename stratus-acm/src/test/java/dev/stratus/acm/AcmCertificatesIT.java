package dev.stratus.acm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.core.acm.CertificateUsers;
import dev.stratus.core.acm.Certificates;
import dev.stratus.net.tls.Pem;
import dev.stratus.net.tls.StratusCa;
import dev.stratus.protocol.testing.ApiTestServer;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.InvalidArnException;
import software.amazon.awssdk.services.acm.model.InvalidTagException;
import software.amazon.awssdk.services.acm.model.KeyAlgorithm;
import software.amazon.awssdk.services.acm.model.RecordType;
import software.amazon.awssdk.services.acm.model.ResourceInUseException;
import software.amazon.awssdk.services.acm.model.ResourceNotFoundException;
import software.amazon.awssdk.services.acm.model.Tag;
import software.amazon.awssdk.services.acm.model.ValidationException;
import software.amazon.awssdk.services.acm.model.ValidationMethod;

/** ACM through the real SDK client: issuance by the Stratus CA, import with AWS's refusals, listing, tags, in-use. */
class AcmCertificatesIT {
  static ApiTestServer server;
  static AcmClient acm;
  static final Set<String> IN_USE = ConcurrentHashMap.newKeySet();

  @BeforeAll
  static void start() {
    server = ApiTestServer.start(Clock.systemUTC(), new AcmModule());
    // What ELB provides: which load balancers use a certificate.
    CertificateUsers.in(server.context().extensions()).add(
        arn -> IN_USE.contains(arn) ? List.of("arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/web/1") : List.of());
    acm = server.client(AcmClient.builder());
  }

  @AfterAll
  static void stop() { server.close(); }

  @Test
  void requestCertificate_dns_isIssuedAtOnce_withTheValidationCname() throws Exception {
    String arn = acm.requestCertificate(r -> r.domainName("www.example.com").subjectAlternativeNames("*.example.com", "example.com")
        .validationMethod(ValidationMethod.DNS)).certificateArn();
    assertThat(arn).matches("arn:aws:acm:us-east-1:\\d{12}:certificate/[0-9a-f-]{36}");
    var detail = acm.describeCertificate(r -> r.certificateArn(arn)).certificate();
    assertThat(detail.status()).isEqualTo(CertificateStatus.ISSUED);
    assertThat(detail.typeAsString()).isEqualTo("AMAZON_ISSUED");
    assertThat(detail.keyAlgorithm()).isEqualTo(KeyAlgorithm.RSA_2048);
    assertThat(detail.subjectAlternativeNames()).containsExactly("www.example.com", "*.example.com", "example.com");
    assertThat(detail.domainValidationOptions()).hasSize(3).allSatisfy(v -> {
      assertThat(v.validationStatusAsString()).isEqualTo("SUCCESS");
      assertThat(v.resourceRecord().type()).isEqualTo(RecordType.CNAME);
      assertThat(v.resourceRecord().value()).endsWith(".acm-validations.aws.");
    });
    // The wildcard shares its apex's record, as on AWS.
    assertThat(detail.domainValidationOptions().get(1).resourceRecord())
        .isEqualTo(detail.domainValidationOptions().get(2).resourceRecord());
    assertThat(detail.domainValidationOptions().get(2).resourceRecord().name()).matches("_[0-9a-f]{32}\\.example\\.com\\.");

    var got = acm.getCertificate(r -> r.certificateArn(arn));
    X509Certificate leaf = Pem.certificates(got.certificate()).get(0);
    X509Certificate caCert = Pem.certificates(got.certificateChain()).get(0);
    leaf.verify(caCert.getPublicKey());
    assertThat(caCert).isEqualTo(server.context().extensions().find(StratusCa.class).orElseThrow().certificate());
    assertThat(leaf.getSubjectAlternativeNames().stream().map(l -> (Object) l.get(1)).toList()).contains("*.example.com");

    var serving = server.context().extensions().find(Certificates.class).orElseThrow().find(arn).orElseThrow();
    assertThat(serving.issued()).isTrue();
    assertThat(serving.covers("api.example.com")).isTrue();
    assertThat(Pem.privateKey(serving.privateKeyPem()).getAlgorithm()).isEqualTo("RSA");
  }

  @Test
  void requestCertificate_sameIdempotencyToken_isTheSameCertificate() {
    String a = acm.requestCertificate(r -> r.domainName("idem.example.com").idempotencyToken("tok1")).certificateArn();
    String b = acm.requestCertificate(r -> r.domainName("idem.example.com").idempotencyToken("tok1")).certificateArn();
    assertThat(b).isEqualTo(a);
    assertThat(acm.describeCertificate(r -> r.certificateArn(a)).certificate().domainValidationOptions().get(0).validationEmails())
        .contains("admin@idem.example.com");
  }

  @Test
  void requestCertificate_badDomain_isValidationException() {
    assertThatThrownBy(() -> acm.requestCertificate(r -> r.domainName("no_dots")))
        .isInstanceOf(ValidationException.class).hasMessageContaining("at 'domainName' failed to satisfy constraint");
  }

  @Test
  void importCertificate_roundTrips_andRefusesWhatAwsRefuses() throws Exception {
    var ca = StratusCa.generate(Clock.systemUTC());
    var now = java.time.Instant.now();
    var issued = ca.issue(List.of("imported.example.org"), StratusCa.KeyAlgorithm.EC_prime256v1, now, now.plus(Duration.ofDays(30)));
    var other = ca.issue(List.of("other.example.org"), StratusCa.KeyAlgorithm.EC_prime256v1, now, now.plus(Duration.ofDays(30)));
    String arn = acm.importCertificate(r -> r.certificate(SdkBytes.fromUtf8String(issued.certificatePem()))
        .privateKey(SdkBytes.fromUtf8String(issued.privateKeyPem()))
        .certificateChain(SdkBytes.fromUtf8String(issued.chainPem()))
        .tags(Tag.builder().key("env").value("test").build())).certificateArn();
    var detail = acm.describeCertificate(r -> r.certificateArn(arn)).certificate();
    assertThat(detail.typeAsString()).isEqualTo("IMPORTED");
    assertThat(detail.domainName()).isEqualTo("imported.example.org");
    assertThat(detail.keyAlgorithm()).isEqualTo(KeyAlgorithm.EC_PRIME256_V1);
    assertThat(detail.importedAt()).isNotNull();
    assertThat(acm.listTagsForCertificate(r -> r.certificateArn(arn)).tags()).extracting(Tag::key).containsExactly("env");

    assertThatThrownBy(() -> acm.importCertificate(r -> r.certificate(SdkBytes.fromUtf8String("not pem"))
        .privateKey(SdkBytes.fromUtf8String(issued.privateKeyPem()))))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("Unable to parse certificate. Please ensure the certificate is in PEM format.");
    assertThatThrownBy(() -> acm.importCertificate(r -> r.certificate(SdkBytes.fromUtf8String(issued.certificatePem() + issued.chainPem()))
        .privateKey(SdkBytes.fromUtf8String(issued.privateKeyPem()))))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("The certificate field contains more than one certificate. You can specify only one certificate in this field.");
    assertThatThrownBy(() -> acm.importCertificate(r -> r.certificate(SdkBytes.fromUtf8String(issued.certificatePem()))
        .privateKey(SdkBytes.fromUtf8String(other.privateKeyPem()))))
        .isInstanceOf(ValidationException.class).hasMessageContaining("private key");
  }

  @Test
  void listCertificates_filtersByStatusAndKeyType_andPages() {
    for (int i = 0; i < 3; i++) {
      int n = i;
      acm.requestCertificate(r -> r.domainName("page" + n + ".example.net"));
    }
    String ec = acm.requestCertificate(r -> r.domainName("ec.example.net").keyAlgorithm(KeyAlgorithm.EC_PRIME256_V1)).certificateArn();
    var all = acm.listCertificatesPaginator(r -> r.maxItems(2)).certificateSummaryList().stream().toList();
    assertThat(all).extracting(s -> s.domainName()).contains("page0.example.net", "page1.example.net", "page2.example.net")
        .doesNotContain("ec.example.net"); // ListCertificates returns RSA keys unless asked for others
    assertThat(acm.listCertificates(r -> r.includes(f -> f.keyTypesWithStrings("EC_prime256v1"))).certificateSummaryList())
        .extracting(s -> s.certificateArn()).contains(ec).allSatisfy(a -> assertThat(acm.describeCertificate(r -> r.certificateArn(a)).certificate().keyAlgorithm()).isEqualTo(KeyAlgorithm.EC_PRIME256_V1));
    assertThat(acm.listCertificates(r -> r.certificateStatuses(CertificateStatus.PENDING_VALIDATION)).certificateSummaryList()).isEmpty();
    var first = acm.listCertificates(r -> r.maxItems(1));
    assertThat(first.nextToken()).isNotNull();
  }

  @Test
  void tags_addRemoveList_andReservedPrefixRefused() {
    String arn = acm.requestCertificate(r -> r.domainName("tags.example.com")).certificateArn();
    acm.addTagsToCertificate(r -> r.certificateArn(arn).tags(Tag.builder().key("a").value("1").build(), Tag.builder().key("b").value("2").build()));
    acm.removeTagsFromCertificate(r -> r.certificateArn(arn).tags(Tag.builder().key("a").build()));
    assertThat(acm.listTagsForCertificate(r -> r.certificateArn(arn)).tags()).extracting(Tag::key).containsExactly("b");
    assertThatThrownBy(() -> acm.addTagsToCertificate(r -> r.certificateArn(arn).tags(Tag.builder().key("aws:x").value("1").build())))
        .isInstanceOf(InvalidTagException.class);
  }

  @Test
  void deleteCertificate_inUse_isRefused_thenDeleted() {
    String arn = acm.requestCertificate(r -> r.domainName("inuse.example.com")).certificateArn();
    IN_USE.add(arn);
    assertThat(acm.describeCertificate(r -> r.certificateArn(arn)).certificate().inUseBy()).hasSize(1);
    assertThatThrownBy(() -> acm.deleteCertificate(r -> r.certificateArn(arn)))
        .isInstanceOfSatisfying(ResourceInUseException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          // AWS: "Certificate arn:aws:acm:…:certificate/… in account 123456789012 is in use."
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Certificate " + arn + " in account "
              + arn.split(":")[4] + " is in use.");
        });
    IN_USE.remove(arn);
    acm.deleteCertificate(r -> r.certificateArn(arn));
    assertThatThrownBy(() -> acm.describeCertificate(r -> r.certificateArn(arn)))
        .isInstanceOfSatisfying(ResourceNotFoundException.class,
            e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Could not find certificate " + arn + "."));
  }

  @Test
  void unknownOrMalformedArn_isRefused() {
    assertThatThrownBy(() -> acm.describeCertificate(r -> r.certificateArn("arn:aws:acm:us-east-1:000000000000:certificate/00000000-0000-0000-0000-000000000000")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> acm.getCertificate(r -> r.certificateArn("arn:aws:acm:us-east-1:000000000000:nope/1")))
        .isInstanceOf(InvalidArnException.class);
    // A certificate of another region is not found here.
    String arn = acm.requestCertificate(r -> r.domainName("region.example.com")).certificateArn();
    var west = server.client(AcmClient.builder(), Region.EU_WEST_1);
    assertThatThrownBy(() -> west.describeCertificate(r -> r.certificateArn(arn))).isInstanceOf(ResourceNotFoundException.class);
  }
}
