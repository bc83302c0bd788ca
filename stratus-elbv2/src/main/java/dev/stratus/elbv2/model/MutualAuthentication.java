package dev.stratus.elbv2.model;

/**
 * A listener's mutual TLS: mode {@code off}, {@code passthrough} (any client certificate is sent
 * to targets in {@code X-Amzn-Mtls-Clientcert}) or {@code verify} (the chain must lead to the
 * trust store, else the handshake fails).
 */
public record MutualAuthentication(String mode, String trustStoreArn, boolean ignoreClientCertificateExpiry) {
  public static final MutualAuthentication OFF = new MutualAuthentication("off", null, false);

  public boolean verify() { return "verify".equals(mode); }

  public boolean passthrough() { return "passthrough".equals(mode); }
}
