package dev.stratus.cloudfront;

import static dev.stratus.cloudfront.CloudFrontTesting.assertKvsError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.Extensions;
import dev.stratus.core.Settings;
import dev.stratus.core.StratusContext;
import dev.stratus.core.store.SqlStore;
import dev.stratus.protocol.testing.ApiTestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfrontkeyvaluestore.CloudFrontKeyValueStoreClient;
import software.amazon.awssdk.services.cloudfrontkeyvaluestore.model.DeleteKeyRequestListItem;
import software.amazon.awssdk.services.cloudfrontkeyvaluestore.model.ListKeysResponseListItem;
import software.amazon.awssdk.services.cloudfrontkeyvaluestore.model.PutKeyRequestListItem;

/**
 * The key value stores' data API (cloudfront-keyvaluestore) through AWS's SDK client, signed
 * with SigV4A as the SDK signs it: keys under ETag concurrency, AWS's limits and refusals, and
 * keys that outlive the server.
 */
class CloudFrontKeyValueStoreDataIT {
  static CloudFrontTesting t;
  static CloudFrontClient cf;
  static CloudFrontKeyValueStoreClient kvs;

  @BeforeAll
  static void start() {
    t = new CloudFrontTesting();
    cf = t.cf;
    kvs = t.kvs();
  }

  @AfterAll
  static void stop() { t.close(); }

  static String store(String name) {
    return cf.createKeyValueStore(r -> r.name(name)).keyValueStore().arn();
  }

  @Test
  void putGetDeleteKeys_eachWriteNamesTheCurrentEtag() {
    String arn = store("data-basics");
    var described = kvs.describeKeyValueStore(r -> r.kvsARN(arn));
    assertThat(described.kvsARN()).isEqualTo(arn);
    assertThat(described.itemCount()).isZero();
    assertThat(described.totalSizeInBytes()).isZero();
    assertThat(described.created()).isNotNull();
    // signed as AWS's SDK signs this service: SigV4A, a credential scope without a Region
    assertThat(CloudFrontTesting.LAST_KVS_AUTHORIZATION.get())
        .startsWith("AWS4-ECDSA-P256-SHA256 Credential=" + ApiTestServer.ACCESS_KEY + "/")
        .contains("/cloudfront-keyvaluestore/aws4_request");

    var put = kvs.putKey(r -> r.kvsARN(arn).key("/old").value("/new").ifMatch(described.eTag()));
    assertThat(put.itemCount()).isEqualTo(1);
    assertThat(put.totalSizeInBytes()).isEqualTo("/old".length() + "/new".length());
    assertThat(put.eTag()).isNotEqualTo(described.eTag());

    var got = kvs.getKey(r -> r.kvsARN(arn).key("/old"));
    assertThat(got.value()).isEqualTo("/new");
    assertThat(got.itemCount()).isEqualTo(1);

    // a write naming a version that is no longer current is refused, and changes nothing
    assertKvsError(() -> kvs.putKey(r -> r.kvsARN(arn).key("/old").value("/other").ifMatch(described.eTag())),
        "ConflictException", 409);
    assertThat(kvs.getKey(r -> r.kvsARN(arn).key("/old")).value()).isEqualTo("/new");

    var replaced = kvs.putKey(r -> r.kvsARN(arn).key("/old").value("/newer").ifMatch(put.eTag()));
    assertThat(replaced.itemCount()).isEqualTo(1);
    assertThat(kvs.describeKeyValueStore(r -> r.kvsARN(arn)).eTag()).isEqualTo(replaced.eTag());

    var deleted = kvs.deleteKey(r -> r.kvsARN(arn).key("/old").ifMatch(replaced.eTag()));
    assertThat(deleted.itemCount()).isZero();
    assertThat(deleted.totalSizeInBytes()).isZero();
    assertKvsError(() -> kvs.getKey(r -> r.kvsARN(arn).key("/old")), "ResourceNotFoundException", 404);
  }

  @Test
  void updateKeys_putsAndDeletesAllOrNothing() {
    String arn = store("data-batch");
    String etag = kvs.describeKeyValueStore(r -> r.kvsARN(arn)).eTag();
    var first = kvs.updateKeys(r -> r.kvsARN(arn).ifMatch(etag).puts(
        PutKeyRequestListItem.builder().key("a").value("1").build(),
        PutKeyRequestListItem.builder().key("b").value("2").build(),
        PutKeyRequestListItem.builder().key("c").value("3").build()));
    assertThat(first.itemCount()).isEqualTo(3);

    // one bad member (a value over 1 KB) refuses the whole batch
    assertKvsError(() -> kvs.updateKeys(r -> r.kvsARN(arn).ifMatch(first.eTag())
        .puts(PutKeyRequestListItem.builder().key("d").value("4").build(),
            PutKeyRequestListItem.builder().key("e").value("x".repeat(1025)).build())
        .deletes(DeleteKeyRequestListItem.builder().key("a").build())), "ValidationException", 400);
    assertThat(kvs.describeKeyValueStore(r -> r.kvsARN(arn)).itemCount()).isEqualTo(3);

    var second = kvs.updateKeys(r -> r.kvsARN(arn).ifMatch(first.eTag())
        .puts(PutKeyRequestListItem.builder().key("d").value("4").build())
        .deletes(DeleteKeyRequestListItem.builder().key("a").build(), DeleteKeyRequestListItem.builder().key("zz").build()));
    assertThat(second.itemCount()).isEqualTo(3);
    assertThat(kvs.listKeys(r -> r.kvsARN(arn)).items()).extracting(ListKeysResponseListItem::key)
        .containsExactly("b", "c", "d");
  }

  @Test
  void listKeys_pagesInKeyOrder() {
    String arn = store("data-pages");
    String etag = kvs.describeKeyValueStore(r -> r.kvsARN(arn)).eTag();
    var puts = IntStream.range(0, 23).mapToObj(i -> PutKeyRequestListItem.builder().key(String.format("k%02d", i))
        .value("v" + i).build()).toList();
    kvs.updateKeys(r -> r.kvsARN(arn).ifMatch(etag).puts(puts));

    var firstPage = kvs.listKeys(r -> r.kvsARN(arn));
    assertThat(firstPage.items()).hasSize(10); // AWS's default page
    assertThat(firstPage.nextToken()).isNotNull();
    List<String> all = new ArrayList<>();
    kvs.listKeysPaginator(r -> r.kvsARN(arn).maxResults(7)).items().forEach(i -> all.add(i.key()));
    assertThat(all).hasSize(23).isSorted().startsWith("k00").endsWith("k22");
    assertKvsError(() -> kvs.listKeys(r -> r.kvsARN(arn).maxResults(51)), "ValidationException", 400);
  }

  @Test
  void limits_keyValueAndBatchSize() {
    String arn = store("data-limits");
    String etag = kvs.describeKeyValueStore(r -> r.kvsARN(arn)).eTag();
    kvs.putKey(r -> r.kvsARN(arn).key("k".repeat(512)).value("v".repeat(1024)).ifMatch(etag)); // at the limits
    String now = kvs.describeKeyValueStore(r -> r.kvsARN(arn)).eTag();
    assertKvsError(() -> kvs.putKey(r -> r.kvsARN(arn).key("k".repeat(513)).value("v").ifMatch(now)),
        "ValidationException", 400);
    // the limits count UTF-8 bytes: 342 × "é" is 684 bytes
    assertKvsError(() -> kvs.putKey(r -> r.kvsARN(arn).key("é".repeat(342)).value("v").ifMatch(now)),
        "ValidationException", 400);
    assertKvsError(() -> kvs.putKey(r -> r.kvsARN(arn).key("k").value("v".repeat(1025)).ifMatch(now)),
        "ValidationException", 400);
    var tooMany = IntStream.range(0, 51).mapToObj(i -> PutKeyRequestListItem.builder().key("k" + i).value("v").build())
        .toList();
    assertKvsError(() -> kvs.updateKeys(r -> r.kvsARN(arn).ifMatch(now).puts(tooMany)), "ValidationException", 400);
  }

  @Test
  void storeSize_isAtMostFiveMegabytes() {
    String arn = store("data-full");
    String etag = kvs.describeKeyValueStore(r -> r.kvsARN(arn)).eTag();
    String value = "v".repeat(1024);
    // 50 keys of 1024 + 8 bytes a batch: 101 batches fill 5,211,600 of 5,242,880 bytes; 31 more do not fit
    for (int b = 0; b < 101; b++) {
      int batch = b;
      var puts = IntStream.range(0, 50).mapToObj(i -> PutKeyRequestListItem.builder()
          .key(String.format("%04d%04d", batch, i)).value(value).build()).toList();
      String current = etag;
      etag = kvs.updateKeys(r -> r.kvsARN(arn).ifMatch(current).puts(puts)).eTag();
    }
    String full = etag;
    var over = IntStream.range(0, 31).mapToObj(i -> PutKeyRequestListItem.builder().key(String.format("x%07d", i))
        .value(value).build()).toList();
    assertKvsError(() -> kvs.updateKeys(r -> r.kvsARN(arn).ifMatch(full).puts(over)), "ServiceQuotaExceededException", 402);
    var described = kvs.describeKeyValueStore(r -> r.kvsARN(arn));
    assertThat(described.itemCount()).isEqualTo(5050);
    assertThat(described.totalSizeInBytes()).isEqualTo(5050L * (1024 + 8));
  }

  @Test
  void refusals_unknownStore_missingIfMatch() {
    String unknown = "arn:aws:cloudfront::000000000000:key-value-store/00000000-0000-0000-0000-000000000000";
    assertKvsError(() -> kvs.describeKeyValueStore(r -> r.kvsARN(unknown)), "ResourceNotFoundException", 404);
    assertKvsError(() -> kvs.getKey(r -> r.kvsARN(unknown).key("k")), "ResourceNotFoundException", 404);
    assertKvsError(() -> kvs.putKey(r -> r.kvsARN(unknown).key("k").value("v").ifMatch("KV123")),
        "ResourceNotFoundException", 404);
    String arn = store("data-refusals");
    assertKvsError(() -> kvs.putKey(r -> r.kvsARN(arn).key("k").value("v")), "ValidationException", 400);
  }

  @Test
  void deletingTheStore_deletesItsKeys() {
    var created = cf.createKeyValueStore(r -> r.name("data-gone"));
    String arn = created.keyValueStore().arn();
    String etag = kvs.describeKeyValueStore(r -> r.kvsARN(arn)).eTag();
    kvs.putKey(r -> r.kvsARN(arn).key("k").value("v").ifMatch(etag));
    cf.deleteKeyValueStore(r -> r.name("data-gone").ifMatch(created.eTag()));
    assertKvsError(() -> kvs.getKey(r -> r.kvsARN(arn).key("k")), "ResourceNotFoundException", 404);
    String again = store("data-gone");
    assertThat(kvs.describeKeyValueStore(r -> r.kvsARN(again)).itemCount()).isZero();
  }

  @Test
  void keys_surviveARestart(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("stratus.db");
    String arn;
    try (SqlStore store = SqlStore.openFile(file); ApiTestServer api = serve(store)) {
      var control = api.client(CloudFrontClient.builder(), software.amazon.awssdk.regions.Region.AWS_GLOBAL);
      arn = control.createKeyValueStore(r -> r.name("durable")).keyValueStore().arn();
      var data = CloudFrontTesting.keyValueStores(api);
      String etag = data.describeKeyValueStore(r -> r.kvsARN(arn)).eTag();
      data.putKey(r -> r.kvsARN(arn).key("greeting").value("hello").ifMatch(etag));
    }
    try (SqlStore store = SqlStore.openFile(file); ApiTestServer api = serve(store)) {
      var data = CloudFrontTesting.keyValueStores(api);
      assertThat(data.getKey(r -> r.kvsARN(arn).key("greeting")).value()).isEqualTo("hello");
      assertThat(data.describeKeyValueStore(r -> r.kvsARN(arn)).itemCount()).isEqualTo(1);
    }
  }

  private static ApiTestServer serve(SqlStore store) throws Exception {
    var started = new CloudFrontModule(new CloudFrontSettings(CloudFrontTesting.DEPLOY, CloudFrontTesting.INVALIDATION))
        .start(new StratusContext(store, java.time.Clock.systemUTC(), Settings.ephemeral(0, 0), new Extensions()));
    return ApiTestServer.start(started.apiHandlers().toArray());
  }
}
