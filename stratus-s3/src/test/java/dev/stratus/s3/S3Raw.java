package dev.stratus.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Plain HTTP to the test server, for what the SDK refuses to send or for anonymous callers (curl's view). */
final class S3Raw {
  /** An Authorization header with an S3 credential scope; Stratus reads the scope, not the signature. */
  static final String SIGNED_US_WEST_2 = "AWS4-HMAC-SHA256 Credential=AKIDSTRATUSTEST/20260101/us-west-2/s3/aws4_request, "
      + "SignedHeaders=host, Signature=0000";
  static final String SIGNED_US_EAST_1 = SIGNED_US_WEST_2.replace("us-west-2", "us-east-1");

  private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private S3Raw() {}

  static HttpResponse<String> send(String method, String url, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    try {
      return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A GET with {@code Host: host} over a plain socket (HttpClient will not set Host); the whole answer as text. */
  static String byHost(int port, String host, String path) {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static HttpResponse<String> get(String url, String... headers) { return send("GET", url, null, headers); }
}
