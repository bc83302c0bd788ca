package dev.stratus.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.protocol.testing.ApiTestServer;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Multipart uploads through the SDK: the md5-of-md5s ETag, listings, abort and the refusals. */
class S3MultipartIT {
  static final String BUCKET = "multipart-bucket";
  static final int MIB = 1024 * 1024;
  static ApiTestServer server;
  static S3Client s3;

  @BeforeAll
  static void start() {
    server = ApiTestServer.start(Clock.systemUTC(), new S3Module());
    s3 = S3Clients.pathStyle(server);
    s3.createBucket(b -> b.bucket(BUCKET));
  }

  @AfterAll
  static void stop() { server.close(); }

  static byte[] filled(int size, int seed) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) b[i] = (byte) (i * 31 + seed);
    return b;
  }

  @Test
  void completeMultipartUpload_twoParts_objectIsTheirConcatenation() throws Exception {
    byte[] one = filled(5 * MIB, 1);
    byte[] two = filled(1234, 2);
    String id = s3.createMultipartUpload(c -> c.bucket(BUCKET).key("big.bin").contentType("application/x-big")).uploadId();
    String e1 = s3.uploadPart(u -> u.bucket(BUCKET).key("big.bin").uploadId(id).partNumber(1), RequestBody.fromBytes(one)).eTag();
    String e2 = s3.uploadPart(u -> u.bucket(BUCKET).key("big.bin").uploadId(id).partNumber(2), RequestBody.fromBytes(two)).eTag();
    var parts = s3.listParts(l -> l.bucket(BUCKET).key("big.bin").uploadId(id)).parts();
    assertThat(parts).extracting(p -> p.partNumber() + ":" + p.size()).containsExactly("1:" + one.length, "2:" + two.length);
    assertThat(s3.listMultipartUploads(l -> l.bucket(BUCKET)).uploads()).anySatisfy(u -> assertThat(u.uploadId()).isEqualTo(id));
    // the caller's canonical user as initiator and owner, the same Owner ListBuckets answers
    var owner = s3.listBuckets().owner();
    assertThat(owner.id()).hasSize(64);
    var listed = s3.listParts(l -> l.bucket(BUCKET).key("big.bin").uploadId(id));
    assertThat(listed.owner()).isEqualTo(owner);
    assertThat(listed.initiator().id()).isEqualTo(owner.id());
    assertThat(listed.initiator().displayName()).isEqualTo(owner.displayName());
    assertThat(s3.listMultipartUploads(l -> l.bucket(BUCKET)).uploads()).filteredOn(u -> u.uploadId().equals(id))
        .singleElement().satisfies(u -> {
          assertThat(u.owner()).isEqualTo(owner);
          assertThat(u.initiator().id()).isEqualTo(owner.id());
        });
    var done = s3.completeMultipartUpload(c -> c.bucket(BUCKET).key("big.bin").uploadId(id).multipartUpload(m -> m.parts(
        CompletedPart.builder().partNumber(1).eTag(e1).build(), CompletedPart.builder().partNumber(2).eTag(e2).build())));
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    ByteArrayOutputStream both = new ByteArrayOutputStream();
    both.writeBytes(md5.digest(one));
    both.writeBytes(md5.digest(two));
    assertThat(done.eTag()).isEqualTo("\"" + HexFormat.of().formatHex(md5.digest(both.toByteArray())) + "-2\"");
    var got = s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("big.bin"));
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.writeBytes(one);
    expected.writeBytes(two);
    assertThat(Arrays.equals(got.asByteArray(), expected.toByteArray())).isTrue();
    assertThat(got.response().contentType()).isEqualTo("application/x-big");
    assertThat(s3.listMultipartUploads(l -> l.bucket(BUCKET)).uploads()).noneSatisfy(u -> assertThat(u.uploadId()).isEqualTo(id));
  }

  @Test
  void completeMultipartUpload_smallFirstPart_isEntityTooSmall() {
    String id = s3.createMultipartUpload(c -> c.bucket(BUCKET).key("small")).uploadId();
    String e1 = s3.uploadPart(u -> u.bucket(BUCKET).key("small").uploadId(id).partNumber(1), RequestBody.fromString("a")).eTag();
    String e2 = s3.uploadPart(u -> u.bucket(BUCKET).key("small").uploadId(id).partNumber(2), RequestBody.fromString("b")).eTag();
    assertThatThrownBy(() -> s3.completeMultipartUpload(c -> c.bucket(BUCKET).key("small").uploadId(id).multipartUpload(m -> m.parts(
        CompletedPart.builder().partNumber(1).eTag(e1).build(), CompletedPart.builder().partNumber(2).eTag(e2).build()))))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("EntityTooSmall"));
    assertThatThrownBy(() -> s3.completeMultipartUpload(c -> c.bucket(BUCKET).key("small").uploadId(id).multipartUpload(m -> m.parts(
        CompletedPart.builder().partNumber(2).eTag(e2).build(), CompletedPart.builder().partNumber(1).eTag(e1).build()))))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidPartOrder"));
    assertThatThrownBy(() -> s3.completeMultipartUpload(c -> c.bucket(BUCKET).key("small").uploadId(id).multipartUpload(m -> m.parts(
        CompletedPart.builder().partNumber(1).eTag("\"ffff\"").build()))))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidPart"));
    // a single part may be small: it is the last
    s3.completeMultipartUpload(c -> c.bucket(BUCKET).key("small").uploadId(id).multipartUpload(m -> m.parts(
        CompletedPart.builder().partNumber(1).eTag(e1).build())));
    assertThat(s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("small")).asUtf8String()).isEqualTo("a");
  }

  @Test
  void abortMultipartUpload_thenItsIdIsNoSuchUpload() {
    String id = s3.createMultipartUpload(c -> c.bucket(BUCKET).key("aborted")).uploadId();
    s3.uploadPart(u -> u.bucket(BUCKET).key("aborted").uploadId(id).partNumber(1), RequestBody.fromString("x"));
    s3.abortMultipartUpload(a -> a.bucket(BUCKET).key("aborted").uploadId(id));
    assertThatThrownBy(() -> s3.uploadPart(u -> u.bucket(BUCKET).key("aborted").uploadId(id).partNumber(2), RequestBody.fromString("y")))
        .isInstanceOfSatisfying(S3Exception.class, e -> {
          assertThat(e.statusCode()).isEqualTo(404);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchUpload");
        });
    assertThatThrownBy(() -> s3.listParts(l -> l.bucket(BUCKET).key("aborted").uploadId(id)))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchUpload"));
  }
}
