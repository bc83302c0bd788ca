package dev.stratus.cloudfront;

import dev.stratus.core.testing.MutableClock;

import static dev.stratus.cloudfront.CloudFrontTesting.assertAwsError;
import static dev.stratus.cloudfront.CloudFrontTesting.assertKvsError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.protocol.testing.ApiTestServer;
import dev.stratus.s3.S3Module;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.ImportSourceType;
import software.amazon.awssdk.services.cloudfrontkeyvaluestore.CloudFrontKeyValueStoreClient;
import software.amazon.awssdk.services.cloudfrontkeyvaluestore.model.ListKeysResponseListItem;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * CreateKeyValueStore with an ImportSource: the JSON file put with the S3 client, read by CloudFront
 * as the creating account, its keys served by the data API once the store is READY; a missing
 * object or a bad file leaves the store PROVISIONING_FAILED with a FailureReason.
 */
class CloudFrontKeyValueStoreImportIT {
  static final CloudFrontTesting.MutableClock CLOCK = new CloudFrontTesting.MutableClock(Instant.now());
  static ApiTestServer server;
  static CloudFrontClient cf;
  static CloudFrontKeyValueStoreClient kvs;
  static S3Client s3;

  @BeforeAll
  static void start() {
    server = ApiTestServer.start(CLOCK, new S3Module(),
        new CloudFrontModule(new CloudFrontSettings(CloudFrontTesting.DEPLOY, CloudFrontTesting.INVALIDATION)));
    cf = server.client(CloudFrontClient.builder(), Region.AWS_GLOBAL);
    kvs = CloudFrontTesting.keyValueStores(server);
    s3 = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ApiTestServer.ACCESS_KEY, "secret")))
        .httpClient(UrlConnectionHttpClient.create()).build();
    s3.createBucket(b -> b.bucket("kvs-imports"));
  }

  @AfterAll
  static void stop() { server.close(); }

  static void put(String key, String body) {
    s3.putObject(b -> b.bucket("kvs-imports").key(key).contentType("application/json"), RequestBody.fromString(body));
  }

  static String create(String name, String sourceArn) {
    return cf.createKeyValueStore(r -> r.name(name)
        .importSource(i -> i.sourceType(ImportSourceType.S3).sourceARN(sourceArn))).keyValueStore().arn();
  }

  @Test
  void importsTheFileProvisioningThenReady() {
    put("redirects.json", """
        {"data":[{"key":"/old","value":"/new"},{"key":"/ünï","value":"/café"},{"key":"flag","value":""}]}""");
    var created = cf.createKeyValueStore(r -> r.name("imported")
        .importSource(i -> i.sourceType(ImportSourceType.S3).sourceARN("arn:aws:s3:::kvs-imports/redirects.json")));
    assertThat(created.keyValueStore().status()).isEqualTo("PROVISIONING");
    String arn = created.keyValueStore().arn();

    CLOCK.advance(CloudFrontTesting.INVALIDATION.plusSeconds(1));
    assertThat(cf.describeKeyValueStore(r -> r.name("imported")).keyValueStore().status()).isEqualTo("READY");
    var described = kvs.describeKeyValueStore(r -> r.kvsARN(arn));
    assertThat(described.status()).isEqualTo("READY");
    assertThat(described.failureReason()).isNull();
    assertThat(described.itemCount()).isEqualTo(3);
    assertThat(described.totalSizeInBytes()).isEqualTo(
        ("/old/new" + "/ünï/café" + "flag").getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    assertThat(kvs.getKey(r -> r.kvsARN(arn).key("/old")).value()).isEqualTo("/new");
    assertThat(kvs.getKey(r -> r.kvsARN(arn).key("/ünï")).value()).isEqualTo("/café");
    assertThat(kvs.listKeys(r -> r.kvsARN(arn)).items()).extracting(ListKeysResponseListItem::key)
        .containsExactly("/old", "/ünï", "flag");
    // imported keys are ordinary keys: the next write names the data's ETag
    kvs.putKey(r -> r.kvsARN(arn).key("/more").value("/x").ifMatch(described.eTag()));
    assertThat(kvs.describeKeyValueStore(r -> r.kvsARN(arn)).itemCount()).isEqualTo(4);
  }

  @Test
  void aMissingObjectOrABadFileLeavesTheStoreFailed() {
    String missing = create("import-missing", "arn:aws:s3:::kvs-imports/nothing-here.json");
    String noBucket = create("import-no-bucket", "arn:aws:s3:::no-such-kvs-bucket/data.json");
    put("not-json.json", "{\"data\": [");
    String notJson = create("import-not-json", "arn:aws:s3:::kvs-imports/not-json.json");
    put("dup.json", "{\"data\":[{\"key\":\"a\",\"value\":\"1\"},{\"key\":\"a\",\"value\":\"2\"}]}");
    String duplicate = create("import-dup", "arn:aws:s3:::kvs-imports/dup.json");
    put("shape.json", "{\"items\":[]}");
    String shape = create("import-shape", "arn:aws:s3:::kvs-imports/shape.json");
    put("long.json", "{\"data\":[{\"key\":\"k\",\"value\":\"" + "v".repeat(1025) + "\"}]}");
    String longValue = create("import-long", "arn:aws:s3:::kvs-imports/long.json");

    assertThat(kvs.describeKeyValueStore(r -> r.kvsARN(missing)).failureReason()).contains("NoSuchKey");
    assertThat(kvs.describeKeyValueStore(r -> r.kvsARN(noBucket)).failureReason()).contains("NoSuchBucket");
    assertThat(kvs.describeKeyValueStore(r -> r.kvsARN(notJson)).failureReason()).contains("not valid JSON");
    assertThat(kvs.describeKeyValueStore(r -> r.kvsARN(duplicate)).failureReason()).contains("duplicate key \"a\"");
    assertThat(kvs.describeKeyValueStore(r -> r.kvsARN(shape)).failureReason()).contains("\"data\" array");
    assertThat(kvs.describeKeyValueStore(r -> r.kvsARN(longValue)).failureReason()).contains("1024 characters");
    for (String arn : java.util.List.of(missing, noBucket, notJson, duplicate, shape, longValue)) {
      var d = kvs.describeKeyValueStore(r -> r.kvsARN(arn));
      assertThat(d.status()).isEqualTo("PROVISIONING_FAILED");
      assertThat(d.itemCount()).isZero();
    }
    CLOCK.advance(CloudFrontTesting.INVALIDATION.plusSeconds(1));
    assertThat(cf.describeKeyValueStore(r -> r.name("import-dup")).keyValueStore().status())
        .isEqualTo("PROVISIONING_FAILED");
    assertThat(cf.listKeyValueStores(r -> r.status("PROVISIONING_FAILED")).keyValueStoreList().items())
        .extracting(s -> s.name()).contains("import-missing", "import-dup").doesNotContain("imported");
    assertKvsError(() -> kvs.getKey(r -> r.kvsARN(duplicate).key("a")), "ResourceNotFoundException", 404);
  }

  @Test
  void aFileOver5MbIsRefusedAtCreation() {
    StringBuilder big = new StringBuilder("{\"data\":[");
    for (int i = 0; big.length() <= 5 * 1024 * 1024; i++) {
      big.append(i == 0 ? "" : ",").append("{\"key\":\"k").append(i).append("\",\"value\":\"").append("v".repeat(1000))
          .append("\"}");
    }
    put("big.json", big.append("]}").toString());
    assertAwsError(() -> create("import-big", "arn:aws:s3:::kvs-imports/big.json"), "EntitySizeLimitExceeded", 413);
    assertAwsError(() -> cf.describeKeyValueStore(r -> r.name("import-big")), "EntityNotFound", 404);
  }
}
