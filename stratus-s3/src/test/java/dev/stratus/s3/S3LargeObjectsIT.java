package dev.stratus.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.protocol.AwsApiServer;
import dev.stratus.protocol.testing.ApiTestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Uploads larger than the API port's in-memory body limit (16 MiB): PutObject and UploadPart
 * bodies are spooled to a file as they arrive and moved into place, GetObject streams from the
 * object's file; a declared size over S3's 5 GiB is refused EntityTooLarge before any of it is read.
 */
class S3LargeObjectsIT {
  static final String BUCKET = "large-objects";
  static final int MIB = 1024 * 1024;
  static ApiTestServer server;
  static S3Client s3;
  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    server = ApiTestServer.start(Clock.systemUTC(), new S3Module());
    s3 = S3Clients.pathStyle(server);
    s3.createBucket(b -> b.bucket(BUCKET));
  }

  @AfterAll
  static void stop() { server.close(); }

  static Path randomFile(String name, long bytes, long seed) throws IOException {
    Path file = dir.resolve(name);
    Random random = new Random(seed);
    byte[] buf = new byte[MIB];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = bytes; left > 0; left -= buf.length) {
        random.nextBytes(buf);
        out.write(buf, 0, (int) Math.min(buf.length, left));
      }
    }
    return file;
  }

  static byte[] md5(Path file) throws Exception {
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), md5)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return md5.digest();
  }

  @Test
  void putObject_64MiB_throughTheSdk_overTheInMemoryLimit_getStreamsItBack() throws Exception {
    assertThat(64L * MIB).isGreaterThan(AwsApiServer.MAX_BODY_BYTES);
    Path file = randomFile("big.bin", 64L * MIB, 1);
    byte[] md5 = md5(file);

    var put = s3.putObject(p -> p.bucket(BUCKET).key("big/object.bin"), RequestBody.fromFile(file));
    assertThat(put.eTag()).isEqualTo("\"" + HexFormat.of().formatHex(md5) + "\"");

    var head = s3.headObject(h -> h.bucket(BUCKET).key("big/object.bin"));
    assertThat(head.contentLength()).isEqualTo(64L * MIB);

    Path back = dir.resolve("back.bin");
    s3.getObject(g -> g.bucket(BUCKET).key("big/object.bin"), ResponseTransformer.toFile(back));
    assertThat(md5(back)).isEqualTo(md5);

    byte[] slice = s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("big/object.bin").range("bytes=40000000-40000099")).asByteArray();
    byte[] expected = new byte[100];
    try (var ch = java.nio.channels.FileChannel.open(file)) {
      ch.read(java.nio.ByteBuffer.wrap(expected), 40_000_000L);
    }
    assertThat(slice).isEqualTo(expected);
  }

  @Test
  void multipart_partsOf20MiB_areSpooled_andCompleted() throws Exception {
    Path part1 = randomFile("p1.bin", 20L * MIB, 2);
    Path part2 = randomFile("p2.bin", 20L * MIB, 3);
    String id = s3.createMultipartUpload(c -> c.bucket(BUCKET).key("mp.bin")).uploadId();
    String e1 = s3.uploadPart(u -> u.bucket(BUCKET).key("mp.bin").uploadId(id).partNumber(1), RequestBody.fromFile(part1)).eTag();
    String e2 = s3.uploadPart(u -> u.bucket(BUCKET).key("mp.bin").uploadId(id).partNumber(2), RequestBody.fromFile(part2)).eTag();
    assertThat(e1).isEqualTo("\"" + HexFormat.of().formatHex(md5(part1)) + "\"");
    var done = s3.completeMultipartUpload(c -> c.bucket(BUCKET).key("mp.bin").uploadId(id).multipartUpload(m -> m.parts(
        List.of(CompletedPart.builder().partNumber(1).eTag(e1).build(), CompletedPart.builder().partNumber(2).eTag(e2).build()))));
    assertThat(done.eTag()).endsWith("-2\"");
    assertThat(s3.headObject(h -> h.bucket(BUCKET).key("mp.bin")).contentLength()).isEqualTo(40L * MIB);
  }

  @Test
  void plainPut_20MiB_withContentMd5_isChecked_thenStored() throws Exception {
    Path file = randomFile("plain.bin", 20L * MIB, 4);
    byte[] md5 = md5(file);
    HttpClient client = HttpClient.newHttpClient();
    String url = server.endpoint() + "/" + BUCKET + "/plain.bin";
    HttpResponse<String> wrong = client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", S3Raw.SIGNED_US_EAST_1)
        .header("Content-MD5", Base64.getEncoder().encodeToString(new byte[16]))
        .PUT(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(wrong.body()).contains("<Code>BadDigest</Code>");

    HttpResponse<String> ok = client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", S3Raw.SIGNED_US_EAST_1)
        .header("Content-MD5", Base64.getEncoder().encodeToString(md5))
        .PUT(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.headers().firstValue("ETag")).hasValue("\"" + HexFormat.of().formatHex(md5) + "\"");
    assertThat(s3.headObject(h -> h.bucket(BUCKET).key("plain.bin")).contentLength()).isEqualTo(20L * MIB);
  }

  @Test
  void putOver5GiB_byContentLength_isEntityTooLarge_beforeTheBodyIsSent() throws Exception {
    long proposed = 5L * 1024 * 1024 * 1024 + 1;
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("PUT /" + BUCKET + "/huge.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Authorization: " + S3Raw.SIGNED_US_EAST_1 + "\r\nContent-Length: " + proposed + "\r\n"
          + "Expect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8); // closed after it
      assertThat(answer).startsWith("HTTP/1.1 400 ").doesNotContain("100 Continue");
      assertThat(answer).contains("<Code>EntityTooLarge</Code>", "<ProposedSize>" + proposed + "</ProposedSize>",
          "<MaxSizeAllowed>5368709120</MaxSizeAllowed>", "Your proposed upload exceeds the maximum allowed object size.");
    }
    assertThat(s3.listObjectsV2(l -> l.bucket(BUCKET).prefix("huge")).contents()).isEmpty();
  }

  @Test
  void abandonedUpload_leavesNoObject_andTheListenerServesOn() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.getOutputStream().write(("PUT /" + BUCKET + "/abandoned.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Authorization: " + S3Raw.SIGNED_US_EAST_1 + "\r\nContent-Length: " + (30L * MIB) + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().write(new byte[5 * MIB]);
    }
    s3.putObject(p -> p.bucket(BUCKET).key("after.txt"), RequestBody.fromString("still here"));
    assertThat(s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("after.txt")).asUtf8String()).isEqualTo("still here");
    assertThat(s3.listObjectsV2(l -> l.bucket(BUCKET).prefix("abandoned")).contents()).isEmpty();
  }
}
