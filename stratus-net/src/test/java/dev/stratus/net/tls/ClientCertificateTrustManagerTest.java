package dev.stratus.net.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** Mutual TLS verify mode's client certificate check: expiry forgiven on request, revocations and trust never. */
class ClientCertificateTrustManagerTest {
  private static final AtomicLong SERIALS = new AtomicLong(1000);
  private static final Instant NOW = Instant.now();

  record Issued(KeyPair key, X509Certificate certificate) {}

  static Issued issue(String subject, Issued issuer, boolean ca, Instant notBefore, Instant notAfter) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair key = g.generateKeyPair();
    X500Name name = new X500Name(subject);
    X500Name issuerName = issuer == null ? name : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
    var b = new JcaX509v3CertificateBuilder(issuerName, BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(notBefore),
        Date.from(notAfter), name, key.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    if (ca) b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuer == null ? key.getPrivate() : issuer.key().getPrivate());
    return new Issued(key, new JcaX509CertificateConverter().getCertificate(b.build(signer)));
  }

  static X509CRL crl(Issued ca, Issued revoked) throws Exception {
    var b = new X509v2CRLBuilder(X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()), Date.from(NOW.minusSeconds(60)));
    b.addCRLEntry(revoked.certificate().getSerialNumber(), Date.from(NOW.minusSeconds(30)), CRLReason.keyCompromise);
    return new JcaX509CRLConverter().getCRL(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.key().getPrivate())));
  }

  @Test
  void expiredLeaf_passesOnlyWithIgnoreExpiry_butNeverFromAnotherCaOrRevoked() throws Exception {
    Issued ca = issue("CN=Root", null, true, NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(30)));
    Issued valid = issue("CN=valid", ca, false, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)));
    Issued expired = issue("CN=expired", ca, false, NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(1)));
    Issued expiredRevoked = issue("CN=expired-revoked", ca, false, NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(1)));
    Issued other = issue("CN=Other", null, true, NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(30)));
    Issued expiredStranger = issue("CN=stranger", other, false, NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(1)));
    List<X509CRL> crls = List.of(crl(ca, expiredRevoked));

    var strict = ClientCertificateTrustManager.of(List.of(ca.certificate()), crls, false, false);
    var forgiving = ClientCertificateTrustManager.of(List.of(ca.certificate()), crls, true, true);

    assertThatCode(() -> strict.checkClientTrusted(new X509Certificate[] {valid.certificate()}, "ECDHE_ECDSA")).doesNotThrowAnyException();
    assertThatThrownBy(() -> strict.checkClientTrusted(new X509Certificate[] {expired.certificate()}, "ECDHE_ECDSA"))
        .isInstanceOf(CertificateException.class);
    assertThatCode(() -> forgiving.checkClientTrusted(new X509Certificate[] {expired.certificate()}, "ECDHE_ECDSA"))
        .doesNotThrowAnyException();
    // A client sending the root along: the path stops below the anchor.
    assertThatCode(() -> forgiving.checkClientTrusted(new X509Certificate[] {expired.certificate(), ca.certificate()}, "ECDHE_ECDSA"))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> forgiving.checkClientTrusted(new X509Certificate[] {expiredRevoked.certificate()}, "ECDHE_ECDSA"))
        .isInstanceOf(CertificateException.class).hasMessageContaining("revoked");
    assertThatThrownBy(() -> forgiving.checkClientTrusted(new X509Certificate[] {expiredStranger.certificate()}, "ECDHE_ECDSA"))
        .isInstanceOf(CertificateException.class);

    // The CA names a CertificateRequest carries: the anchors' only when advertised.
    assertThat(strict.getAcceptedIssuers()).isEmpty();
    assertThat(forgiving.getAcceptedIssuers()).containsExactly(ca.certificate());
  }
}
