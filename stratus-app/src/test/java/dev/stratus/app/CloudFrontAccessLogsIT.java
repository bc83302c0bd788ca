package dev.stratus.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.stratus.core.Settings;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Standard logging: a distribution made with the SDK, Logging on (bucket, prefix, cookies), writes
 * gzipped files {@code <prefix><id>.YYYY-MM-DD-HH.<unique>.gz} of CloudFront's 33 tab-separated
 * fields into the bucket, read back with the S3 client.
 */
class CloudFrontAccessLogsIT {
  static StratusServer server;
  static HttpServer origin;

  @BeforeAll
  static void start() throws Exception {
    origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    origin.createContext("/", ex -> {
      byte[] body = "logged".getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Cache-Control", "max-age=60");
      ex.getResponseHeaders().add("Content-Type", "text/plain");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    origin.start();
    System.setProperty("stratus.cloudfront.logFlushSeconds", "1"); // read when the edge opens
    try {
      server = StratusServer.start(Settings.ephemeral(0, 0), Clock.systemUTC());
    } finally {
      System.clearProperty("stratus.cloudfront.logFlushSeconds");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) server.close();
    if (origin != null) origin.stop(0);
  }

  @Test
  void requestsAreLoggedToTheBucketInCloudFrontsFormat() throws Exception {
    var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"));
    URI api = URI.create("http://127.0.0.1:" + server.apiPort());
    S3Client s3 = S3Client.builder().region(Region.US_EAST_1).endpointOverride(api).forcePathStyle(true)
        .credentialsProvider(creds).httpClient(UrlConnectionHttpClient.create()).build();
    s3.createBucket(r -> r.bucket("cf-logs"));
    var cf = CloudFrontClient.builder().region(Region.AWS_GLOBAL).endpointOverride(api).credentialsProvider(creds)
        .httpClient(UrlConnectionHttpClient.create()).build();
    var d = cf.createDistribution(r -> r.distributionConfig(c -> c.callerReference("logs-1").comment("").enabled(true)
        .logging(l -> l.enabled(true).bucket("cf-logs.s3.amazonaws.com").prefix("edge/").includeCookies(true))
        .origins(o -> o.quantity(1).items(i -> i.id("o").domainName("localhost")
            .customOriginConfig(x -> x.httpPort(origin.getAddress().getPort()).httpsPort(443).originProtocolPolicy("http-only"))))
        .defaultCacheBehavior(b -> b.targetOriginId("o").viewerProtocolPolicy("allow-all")
            .cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6")))).distribution();
    var http = server.endpoints().stream().filter(e -> e.description().startsWith("CloudFront edge IAD89")
        && e.protocol().equals("http")).findFirst().map(e -> new InetSocketAddress(e.address(), e.port())).orElseThrow();
    String name = d.domainName().replace(".cloudfront.net", ".cloudfront.localhost");
    String reply = "";
    for (int attempt = 0; attempt < 50 && !reply.contains("logged"); attempt++) {
      reply = get(http, name, "/page.html?lang=en");
      if (!reply.contains("logged")) Thread.sleep(200); // the edge deploys the new distribution
    }
    assertThat(reply).startsWith("HTTP/1.1 200");
    assertThat(get(http, name, "/page.html?lang=en")).contains("X-Cache: Hit from cloudfront");

    var keys = new java.util.ArrayList<String>();
    var lines = new java.util.ArrayList<String>();
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      keys.clear();
      lines.clear();
      for (S3Object o : s3.listObjectsV2(r -> r.bucket("cf-logs").prefix("edge/")).contents()) {
        keys.add(o.key());
        lines.addAll(linesIn(s3, o.key()));
      }
      return lines.stream().filter(l -> !l.startsWith("#")).count() >= 2;
    });
    assertThat(keys).allSatisfy(k -> assertThat(k).matches("edge/" + d.id() + "\\.\\d{4}-\\d{2}-\\d{2}-\\d{2}\\.[0-9a-f]{8}\\.gz"));
    assertThat(lines.get(0)).isEqualTo("#Version: 1.0");
    assertThat(lines.get(1)).startsWith("#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host)")
        .endsWith("sc-content-type sc-content-len sc-range-start sc-range-end");
    List<String[]> entries = lines.stream().filter(l -> !l.startsWith("#")).map(l -> l.split("\t", -1))
        .filter(f -> f[7].equals("/page.html")).toList();
    assertThat(entries).hasSizeGreaterThanOrEqualTo(2).allSatisfy(f -> {
      assertThat(f).hasSize(33);
      assertThat(f[0]).matches("\\d{4}-\\d{2}-\\d{2}");
      assertThat(f[1]).matches("\\d{2}:\\d{2}:\\d{2}");
      assertThat(f[2]).startsWith("IAD89");
      assertThat(f[5]).isEqualTo("GET");
      assertThat(f[6]).isEqualTo(d.domainName());
      assertThat(f[8]).isEqualTo("200");
      assertThat(f[10]).isEqualTo("curl/8.0%20(test)");
      assertThat(f[11]).isEqualTo("lang=en");
      assertThat(f[12]).isEqualTo("session=abc");
      assertThat(f[15]).isEqualTo(name);
      assertThat(f[16]).isEqualTo("http");
      assertThat(f[23]).isEqualTo("HTTP/1.1");
      assertThat(f[29]).isEqualTo("text/plain");
      assertThat(f[30]).isEqualTo("6");
    });
    assertThat(entries).extracting(f -> f[13]).contains("Miss", "Hit");
  }

  private static List<String> linesIn(S3Client s3, String key) throws Exception {
    byte[] gz = s3.getObjectAsBytes(r -> r.bucket("cf-logs").key(key)).asByteArray();
    try (var in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  private static String get(InetSocketAddress at, String name, String path) throws Exception {
    try (Socket s = new Socket()) {
      s.connect(at, 5000);
      s.setSoTimeout(15_000);
      s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + name + "\r\nUser-Agent: curl/8.0 (test)\r\n"
          + "Cookie: session=abc\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
