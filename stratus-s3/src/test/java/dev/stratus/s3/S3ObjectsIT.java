package dev.stratus.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.protocol.testing.ApiTestServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Object operations, listings and their refusals through the SDK. */
class S3ObjectsIT {
  static final String BUCKET = "objects-bucket";
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

  static String md5Hex(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
  }

  @Test
  void putObject_keepsHeadersAndMetadata_etagIsMd5() throws Exception {
    byte[] body = "<h1>hello</h1>".getBytes(StandardCharsets.UTF_8);
    var put = s3.putObject(p -> p.bucket(BUCKET).key("site/index.html").contentType("text/html")
        .cacheControl("max-age=60").contentEncoding("identity").expires(Instant.parse("2030-01-01T00:00:00Z"))
        .metadata(Map.of("colour", "blue")), RequestBody.fromBytes(body));
    assertThat(put.eTag()).isEqualTo("\"" + md5Hex(body) + "\"");
    var got = s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("site/index.html"));
    assertThat(got.asByteArray()).isEqualTo(body);
    assertThat(got.response().contentType()).isEqualTo("text/html");
    assertThat(got.response().cacheControl()).isEqualTo("max-age=60");
    assertThat(got.response().contentEncoding()).isEqualTo("identity");
    assertThat(got.response().metadata()).containsEntry("colour", "blue");
    assertThat(got.response().eTag()).isEqualTo(put.eTag());
    var head = s3.headObject(h -> h.bucket(BUCKET).key("site/index.html"));
    assertThat(head.contentLength()).isEqualTo(body.length);
    assertThat(head.expires()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(head.metadata()).containsEntry("colour", "blue");
  }

  @Test
  void putObject_noContentType_isBinaryOctetStream() {
    // The SDK always sends a Content-Type; plain HTTP can leave it out.
    assertThat(S3Raw.send("PUT", server.endpoint() + "/" + BUCKET + "/bare", "abc", "Authorization", S3Raw.SIGNED_US_EAST_1)
        .statusCode()).isEqualTo(200);
    assertThat(s3.headObject(h -> h.bucket(BUCKET).key("bare")).contentType()).isEqualTo("binary/octet-stream");
  }

  @Test
  void getObject_conditions_answer304And412() {
    var put = s3.putObject(p -> p.bucket(BUCKET).key("cond"), RequestBody.fromString("v1"));
    var r = S3Raw.get(server.endpoint() + "/" + BUCKET + "/cond", "Authorization", S3Raw.SIGNED_US_EAST_1,
        "If-None-Match", put.eTag());
    assertThat(r.statusCode()).isEqualTo(304);
    assertThat(r.headers().firstValue("ETag")).contains(put.eTag());
    var modified = s3.headObject(h -> h.bucket(BUCKET).key("cond")).lastModified();
    assertThat(S3Raw.get(server.endpoint() + "/" + BUCKET + "/cond", "Authorization", S3Raw.SIGNED_US_EAST_1,
        "If-Modified-Since", S3Xml.httpDate(modified.plusSeconds(5))).statusCode()).isEqualTo(304);
    assertThat(S3Raw.get(server.endpoint() + "/" + BUCKET + "/cond", "Authorization", S3Raw.SIGNED_US_EAST_1,
        "If-Modified-Since", S3Xml.httpDate(modified.minusSeconds(5))).statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("cond").ifMatch("\"0000\"")))
        .isInstanceOfSatisfying(S3Exception.class, e -> {
          assertThat(e.statusCode()).isEqualTo(412);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("PreconditionFailed");
        });
    assertThat(s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("cond").ifMatch(put.eTag())).asUtf8String()).isEqualTo("v1");
  }

  @Test
  void getObject_range_answers206AndInvalidRange() {
    s3.putObject(p -> p.bucket(BUCKET).key("range"), RequestBody.fromString("0123456789"));
    var part = s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("range").range("bytes=2-5"));
    assertThat(part.asUtf8String()).isEqualTo("2345");
    assertThat(part.response().contentRange()).isEqualTo("bytes 2-5/10");
    assertThat(s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("range").range("bytes=-3")).asUtf8String()).isEqualTo("789");
    var raw = S3Raw.get(server.endpoint() + "/" + BUCKET + "/range", "Authorization", S3Raw.SIGNED_US_EAST_1, "Range", "bytes=7-");
    assertThat(raw.statusCode()).isEqualTo(206);
    assertThat(raw.body()).isEqualTo("789");
    assertThatThrownBy(() -> s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("range").range("bytes=20-30")))
        .isInstanceOfSatisfying(S3Exception.class, e -> {
          assertThat(e.statusCode()).isEqualTo(416);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRange");
        });
  }

  @Test
  void getObject_missingKey_isNoSuchKey() {
    assertThatThrownBy(() -> s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("nope")))
        .isInstanceOfSatisfying(S3Exception.class, e -> {
          assertThat(e.statusCode()).isEqualTo(404);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchKey");
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The specified key does not exist.");
        });
    assertThatThrownBy(() -> s3.headObject(h -> h.bucket(BUCKET).key("nope")))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
  }

  @Test
  void putObject_wrongContentMd5_isBadDigest() {
    var r = S3Raw.send("PUT", server.endpoint() + "/" + BUCKET + "/digest", "abc", "Authorization", S3Raw.SIGNED_US_EAST_1,
        "Content-MD5", "AAAAAAAAAAAAAAAAAAAAAA==");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("<Code>BadDigest</Code>");
    var bad = S3Raw.send("PUT", server.endpoint() + "/" + BUCKET + "/digest", "abc", "Authorization", S3Raw.SIGNED_US_EAST_1,
        "Content-MD5", "not-base64!");
    assertThat(bad.body()).contains("<Code>InvalidDigest</Code>");
  }

  @Test
  void keysWithSpacesAndUnicode_roundTripThroughListings() {
    String key = "odd keys/a b+c é.txt";
    s3.putObject(p -> p.bucket(BUCKET).key(key), RequestBody.fromString("x"));
    assertThat(s3.getObjectAsBytes(g -> g.bucket(BUCKET).key(key)).asUtf8String()).isEqualTo("x");
    assertThat(s3.listObjectsV2(l -> l.bucket(BUCKET).prefix("odd keys/")).contents()).extracting(S3Object::key).containsExactly(key);
  }

  @Test
  void deleteObjects_deletesEachAndReportsThem() {
    for (String k : List.of("del/1", "del/2", "del/3")) s3.putObject(p -> p.bucket(BUCKET).key(k), RequestBody.fromString(k));
    var r = s3.deleteObjects(d -> d.bucket(BUCKET).delete(x -> x.objects(ObjectIdentifier.builder().key("del/1").build(),
        ObjectIdentifier.builder().key("del/2").build(), ObjectIdentifier.builder().key("del/missing").build())));
    assertThat(r.deleted()).extracting(o -> o.key()).containsExactly("del/1", "del/2", "del/missing");
    assertThat(s3.listObjectsV2(l -> l.bucket(BUCKET).prefix("del/")).contents()).extracting(S3Object::key).containsExactly("del/3");
    s3.deleteObject(d -> d.bucket(BUCKET).key("del/3"));
    s3.deleteObject(d -> d.bucket(BUCKET).key("del/3")); // deleting what is gone still answers 204
  }

  @Test
  void copyObject_copiesOrReplacesMetadata_andRefusesSelfCopy() {
    s3.putObject(p -> p.bucket(BUCKET).key("copy/src").contentType("text/plain").metadata(Map.of("a", "1")),
        RequestBody.fromString("payload"));
    var copied = s3.copyObject(c -> c.sourceBucket(BUCKET).sourceKey("copy/src").destinationBucket(BUCKET).destinationKey("copy/dst"));
    assertThat(copied.copyObjectResult().eTag()).isEqualTo(s3.headObject(h -> h.bucket(BUCKET).key("copy/src")).eTag());
    var head = s3.headObject(h -> h.bucket(BUCKET).key("copy/dst"));
    assertThat(head.contentType()).isEqualTo("text/plain");
    assertThat(head.metadata()).containsEntry("a", "1");
    s3.copyObject(c -> c.sourceBucket(BUCKET).sourceKey("copy/src").destinationBucket(BUCKET).destinationKey("copy/dst")
        .metadataDirective(MetadataDirective.REPLACE).contentType("text/csv").metadata(Map.of("b", "2")));
    head = s3.headObject(h -> h.bucket(BUCKET).key("copy/dst"));
    assertThat(head.contentType()).isEqualTo("text/csv");
    assertThat(head.metadata()).containsOnlyKeys("b");
    assertThatThrownBy(() -> s3.copyObject(c -> c.sourceBucket(BUCKET).sourceKey("copy/src").destinationBucket(BUCKET).destinationKey("copy/src")))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequest"));
  }

  @Test
  void listObjectsV2_prefixDelimiterMaxKeysAndContinuation() {
    s3.createBucket(b -> b.bucket("listing-bucket"));
    for (String k : List.of("a.txt", "photos/2024/1.jpg", "photos/2024/2.jpg", "photos/2025/1.jpg", "photos/top.jpg", "z.txt")) {
      s3.putObject(p -> p.bucket("listing-bucket").key(k), RequestBody.fromString(k));
    }
    var root = s3.listObjectsV2(l -> l.bucket("listing-bucket").delimiter("/"));
    assertThat(root.contents()).extracting(S3Object::key).containsExactly("a.txt", "z.txt");
    assertThat(root.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("photos/");
    assertThat(root.keyCount()).isEqualTo(3);
    var photos = s3.listObjectsV2(l -> l.bucket("listing-bucket").prefix("photos/").delimiter("/"));
    assertThat(photos.contents()).extracting(S3Object::key).containsExactly("photos/top.jpg");
    assertThat(photos.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("photos/2024/", "photos/2025/");
    var page1 = s3.listObjectsV2(l -> l.bucket("listing-bucket").maxKeys(4));
    assertThat(page1.isTruncated()).isTrue();
    assertThat(page1.contents()).hasSize(4);
    var page2 = s3.listObjectsV2(l -> l.bucket("listing-bucket").maxKeys(4).continuationToken(page1.nextContinuationToken()));
    assertThat(page2.isTruncated()).isFalse();
    assertThat(page2.contents()).extracting(S3Object::key).containsExactly("photos/top.jpg", "z.txt");
    var all = s3.listObjectsV2Paginator(l -> l.bucket("listing-bucket").maxKeys(1)).contents().stream().map(S3Object::key).toList();
    assertThat(all).hasSize(6).isSorted();
    assertThat(s3.listObjectsV2(l -> l.bucket("listing-bucket").startAfter("photos/2025/1.jpg")).contents())
        .extracting(S3Object::key).containsExactly("photos/top.jpg", "z.txt");
    var v1 = s3.listObjects(l -> l.bucket("listing-bucket").delimiter("/").maxKeys(2));
    assertThat(v1.contents()).extracting(S3Object::key).containsExactly("a.txt");
    assertThat(v1.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("photos/");
    assertThat(v1.isTruncated()).isTrue();
    var v1next = s3.listObjects(l -> l.bucket("listing-bucket").delimiter("/").marker(v1.nextMarker()));
    assertThat(v1next.contents()).extracting(S3Object::key).containsExactly("z.txt");
  }

  @Test
  void objectTagging_fromHeaderAndPutObjectTagging_countedOnHead() {
    s3.putObject(p -> p.bucket(BUCKET).key("tagged").tagging("team=edge&tier=1"), RequestBody.fromString("t"));
    assertThat(s3.getObjectTagging(g -> g.bucket(BUCKET).key("tagged")).tagSet())
        .extracting(t -> t.key() + "=" + t.value()).containsExactly("team=edge", "tier=1");
    assertThat(s3.headObject(h -> h.bucket(BUCKET).key("tagged")).sdkHttpResponse().firstMatchingHeader("x-amz-tagging-count")).contains("2");
    s3.putObjectTagging(p -> p.bucket(BUCKET).key("tagged").tagging(t -> t.tagSet(
        software.amazon.awssdk.services.s3.model.Tag.builder().key("only").value("one").build())));
    assertThat(s3.getObjectTagging(g -> g.bucket(BUCKET).key("tagged")).tagSet()).extracting(t -> t.key()).containsExactly("only");
    s3.deleteObjectTagging(d -> d.bucket(BUCKET).key("tagged"));
    assertThat(s3.getObjectTagging(g -> g.bucket(BUCKET).key("tagged")).tagSet()).isEmpty();
    String eleven = java.util.stream.IntStream.range(0, 11).mapToObj(i -> "k" + i + "=v").collect(java.util.stream.Collectors.joining("&"));
    assertThatThrownBy(() -> s3.putObject(p -> p.bucket(BUCKET).key("too-many").tagging(eleven), RequestBody.fromString("t")))
        .isInstanceOfSatisfying(S3Exception.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidTag");
        });
  }
}
