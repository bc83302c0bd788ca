package dev.stratus.app;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** An SDK EC2 client for a running Stratus (any AWS-compatible endpoint), as the CLI commands use it. */
final class Ec2Connection {
  private Ec2Connection() {}

  /** A client for {@code endpoint} in {@code region}, signing with Stratus's test credentials. */
  static Ec2Client client(String endpoint, String region) {
    return Ec2Client.builder().endpointOverride(URI.create(endpoint)).region(Region.of(region))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }
}
