package dev.stratus.s3;

import dev.stratus.protocol.testing.ApiTestServer;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** S3 SDK clients aimed at a test server: path-style on 127.0.0.1, virtual-hosted on {@code s3.localhost}. */
final class S3Clients {
  private S3Clients() {}

  static S3Client pathStyle(ApiTestServer server) {
    return build(server.endpoint(), true, Region.US_EAST_1, signed());
  }

  static S3Client pathStyle(ApiTestServer server, Region region) {
    return build(server.endpoint(), true, region, signed());
  }

  /** Requests go to {@code <bucket>.s3.localhost:<port>} (LocalhostResolver resolves it). */
  static S3Client virtualHosted(ApiTestServer server) {
    return build(URI.create("http://s3.localhost:" + server.port()), false, Region.US_EAST_1, signed());
  }

  static S3Client anonymous(ApiTestServer server) {
    return build(server.endpoint(), true, Region.US_EAST_1, AnonymousCredentialsProvider.create());
  }

  private static AwsCredentialsProvider signed() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(ApiTestServer.ACCESS_KEY, "secret"));
  }

  private static S3Client build(URI endpoint, boolean pathStyle, Region region, AwsCredentialsProvider credentials) {
    return S3Client.builder().endpointOverride(endpoint).region(region).forcePathStyle(pathStyle)
        .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
  }
}
