package dev.stratus.elbv2.model;

/**
 * A listener's mutual TLS: mode {@code off}, {@code passthrough} (ALB only: any client certificate
 * is sent to targets in {@code X-Amzn-Mtls-Clientcert}) or {@code verify} (the chain must lead to
 * the trust store, else the handshake fails; ALB HTTPS and NLB TLS listeners).
 *
 * @param ignoreClientCertificateExpiry verify: an expired client certificate still passes
 * @param advertiseTrustStoreCaNames verify: the CertificateRequest names the trust store's CAs (AWS: off by default)
 */
public record MutualAuthentication(String mode, String trustStoreArn, boolean ignoreClientCertificateExpiry,
    boolean advertiseTrustStoreCaNames) {
  public static final MutualAuthentication OFF = new MutualAuthentication("off", null, false, false);

  public MutualAuthentication(String mode, String trustStoreArn, boolean ignoreClientCertificateExpiry) {
    this(mode, trustStoreArn, ignoreClientCertificateExpiry, false);
  }

  public boolean verify() { return "verify".equals(mode); }

  public boolean passthrough() { return "passthrough".equals(mode); }
}
