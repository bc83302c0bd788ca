package dev.stratus.core.acm;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One ACM certificate as a TLS listener needs it.
 *
 * @param arn the certificate ARN
 * @param status ACM's status, e.g. {@code ISSUED} or {@code PENDING_VALIDATION}
 * @param domainNames the domain name followed by the subject alternative names
 * @param certificateChainPem the leaf certificate followed by its chain, PEM
 * @param privateKeyPem the private key, PKCS#8 PEM
 * @param notAfter the end of the certificate's validity
 */
public record ServingCertificate(String arn, String status, List<String> domainNames, String certificateChainPem,
    String privateKeyPem, Instant notAfter) {
  public ServingCertificate {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(status, "status");
    domainNames = List.copyOf(domainNames);
    Objects.requireNonNull(certificateChainPem, "certificateChainPem");
    Objects.requireNonNull(privateKeyPem, "privateKeyPem");
    Objects.requireNonNull(notAfter, "notAfter");
  }

  /** Whether AWS lets a listener serve it. */
  public boolean issued() { return status.equals("ISSUED"); }

  /**
   * Whether one of its names covers {@code hostname}, as TLS matches names: exactly, or by a
   * wildcard standing for one leftmost label ({@code *.example.com} covers {@code www.example.com},
   * not {@code example.com} nor {@code a.b.example.com}).
   */
  public boolean covers(String hostname) {
    String host = hostname.toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) host = host.substring(0, host.length() - 1);
    for (String name : domainNames) {
      String n = name.toLowerCase(Locale.ROOT);
      if (n.equals(host)) return true;
      if (n.startsWith("*.")) {
        int dot = host.indexOf('.');
        if (dot > 0 && host.substring(dot + 1).equals(n.substring(2))) return true;
      }
    }
    return false;
  }
}
