package dev.stratus.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stratus.core.ServiceModule;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ARCHITECTURE rule 7 for S3: an acknowledged PutObject survives SIGKILL, body and metadata. */
class S3ProcessIT {
  /** Stratus reads the SigV4 scope (account, Region, service), not the signature. */
  private static final String SIGNED = "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, "
      + "SignedHeaders=host, Signature=0000";

  @TempDir Path dir;

  @Test
  void putObject_acknowledgedThenKill9_objectIsThereAfterRestart() throws Exception {
    assumeTrue(ServiceLoader.load(ServiceModule.class).stream().anyMatch(p -> p.get().name().equals("s3")),
        "the s3 module is not on the class path");
    Path data = dir.resolve("data");
    byte[] body = new byte[3 * 1024 * 1024 + 17];
    new Random(7).nextBytes(body);
    HttpClient http = HttpClient.newHttpClient();
    try (var stratus = StratusProcess.start(dir, "--data-dir", data.toString())) {
      assertThat(send(http, "PUT", stratus.endpoint() + "/killed-bucket", new byte[0], null).statusCode()).isEqualTo(200);
      assertThat(send(http, "PUT", stratus.endpoint() + "/killed-bucket/dir/blob.bin", body, "application/x-test").statusCode())
          .isEqualTo(200);
      assertThat(stratus.kill()).isEqualTo(137);
    }
    try (var stratus = StratusProcess.start(dir, "--data-dir", data.toString())) {
      var got = http.send(HttpRequest.newBuilder(URI.create(stratus.endpoint() + "/killed-bucket/dir/blob.bin"))
          .header("Authorization", SIGNED).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(got.statusCode()).isEqualTo(200);
      assertThat(got.body()).isEqualTo(body);
      assertThat(got.headers().firstValue("Content-Type")).contains("application/x-test");
      assertThat(stratus.terminate()).isIn(0, 143);
    }
    try (var blobs = Files.list(data.resolve("s3").resolve("blobs"))) {
      assertThat(blobs.count()).as("one blob, no leftovers").isEqualTo(1);
    }
  }

  private static HttpResponse<String> send(HttpClient http, String method, String url, byte[] body, String type) throws Exception {
    var b = HttpRequest.newBuilder(URI.create(url)).header("Authorization", SIGNED)
        .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    if (type != null) b.header("Content-Type", type);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
