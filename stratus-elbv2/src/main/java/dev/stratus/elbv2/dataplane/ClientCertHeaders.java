package dev.stratus.elbv2.dataplane;

import dev.stratus.elbv2.model.MutualAuthentication;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The headers an mTLS listener adds for targets (ALB "Mutual authentication with TLS"):
 * passthrough sends the client's whole chain as {@code X-Amzn-Mtls-Clientcert}; verify sends the
 * verified leaf's {@code -Serial-Number}, {@code -Issuer}, {@code -Subject}, {@code -Validity}
 * and {@code -Leaf}. PEM is URL-encoded with {@code + = /} kept, as AWS does. Headers of those
 * names sent by the client are removed first.
 */
final class ClientCertHeaders {
  static final String CLIENT_CERT = "X-Amzn-Mtls-Clientcert";
  private static final List<String> ALL = List.of(CLIENT_CERT, CLIENT_CERT + "-Serial-Number", CLIENT_CERT + "-Issuer",
      CLIENT_CERT + "-Subject", CLIENT_CERT + "-Validity", CLIENT_CERT + "-Leaf");
  private static final DateTimeFormatter VALIDITY = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private ClientCertHeaders() {}

  static void apply(Channel channel, MutualAuthentication mtls, HttpHeaders headers) {
    ALL.forEach(headers::remove);
    if (!mtls.passthrough() && !mtls.verify()) return;
    Channel connection = channel instanceof Http2StreamChannel stream ? stream.parent() : channel;
    SslHandler ssl = connection.pipeline().get(SslHandler.class);
    if (ssl == null) return;
    Certificate[] chain;
    try {
      chain = ssl.engine().getSession().getPeerCertificates();
    } catch (SSLPeerUnverifiedException e) {
      return; // passthrough without a client certificate: nothing to send
    }
    if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) return;
    if (mtls.passthrough()) {
      StringBuilder pem = new StringBuilder();
      for (Certificate c : chain) pem.append(pem(c));
      headers.set(CLIENT_CERT, encode(pem.toString()));
      return;
    }
    headers.set(CLIENT_CERT + "-Serial-Number", leaf.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT));
    headers.set(CLIENT_CERT + "-Issuer", leaf.getIssuerX500Principal().getName());
    headers.set(CLIENT_CERT + "-Subject", leaf.getSubjectX500Principal().getName());
    headers.set(CLIENT_CERT + "-Validity", "NotBefore=" + VALIDITY.format(leaf.getNotBefore().toInstant())
        + ";NotAfter=" + VALIDITY.format(leaf.getNotAfter().toInstant()));
    headers.set(CLIENT_CERT + "-Leaf", encode(pem(leaf)));
  }

  private static String pem(Certificate c) {
    try {
      return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(c.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Percent-encoding with the unreserved characters and {@code + = /} kept. */
  static String encode(String s) {
    StringBuilder out = new StringBuilder(s.length() * 2);
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-_.~+=/".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", (int) c));
      }
    }
    return out.toString();
  }
}
