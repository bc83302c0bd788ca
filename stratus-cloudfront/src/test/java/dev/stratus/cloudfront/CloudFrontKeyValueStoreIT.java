package dev.stratus.cloudfront;

import static dev.stratus.cloudfront.CloudFrontTesting.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.Tag;

/** Key value stores (control plane) through the SDK, and a function that names one. */
class CloudFrontKeyValueStoreIT {
  static CloudFrontTesting t;
  static CloudFrontClient cf;

  @BeforeAll
  static void start() {
    t = new CloudFrontTesting();
    cf = t.cf;
  }

  @AfterAll
  static void stop() { t.close(); }

  @Test
  void keyValueStore_lifecycle_provisioningThenReady_inUseByAFunction() {
    var created = cf.createKeyValueStore(r -> r.name("redirects").comment("paths"));
    var kvs = created.keyValueStore();
    assertThat(kvs.arn()).isEqualTo("arn:aws:cloudfront::000000000000:key-value-store/" + kvs.id());
    assertThat(kvs.status()).isEqualTo("PROVISIONING");
    t.clock.advance(CloudFrontTesting.INVALIDATION);
    assertThat(cf.describeKeyValueStore(r -> r.name("redirects")).keyValueStore().status()).isEqualTo("READY");
    assertAwsError(() -> cf.createKeyValueStore(r -> r.name("redirects")), "EntityAlreadyExists", 409);

    var updated = cf.updateKeyValueStore(r -> r.name("redirects").comment("v2").ifMatch(created.eTag()));
    assertThat(updated.keyValueStore().comment()).isEqualTo("v2");
    assertAwsError(() -> cf.updateKeyValueStore(r -> r.name("redirects").comment("v3").ifMatch(created.eTag())),
        "PreconditionFailed", 412);

    cf.tagResource(r -> r.resource(kvs.arn()).tags(x -> x.items(Tag.builder().key("team").value("edge").build())));
    assertThat(cf.listTagsForResource(r -> r.resource(kvs.arn())).tags().items()).extracting(Tag::key)
        .containsExactly("team");

    var fn = cf.createFunction(r -> r.name("kvs-user").functionConfig(c -> c.comment("").runtime("cloudfront-js-2.0")
        .keyValueStoreAssociations(a -> a.quantity(1).items(x -> x.keyValueStoreARN(kvs.arn()))))
        .functionCode(SdkBytes.fromUtf8String("function handler(e) { return e.request; }")));
    assertAwsError(() -> cf.deleteKeyValueStore(r -> r.name("redirects").ifMatch(updated.eTag())),
        "CannotDeleteEntityWhileInUse", 409);
    cf.deleteFunction(r -> r.name("kvs-user").ifMatch(fn.eTag()));
    cf.deleteKeyValueStore(r -> r.name("redirects").ifMatch(updated.eTag()));
    assertAwsError(() -> cf.describeKeyValueStore(r -> r.name("redirects")), "EntityNotFound", 404);
  }

  @Test
  void function_withAnUnknownKeyValueStore_isRefused() {
    assertAwsError(() -> cf.createFunction(r -> r.name("kvs-missing").functionConfig(c -> c.comment("")
        .runtime("cloudfront-js-2.0").keyValueStoreAssociations(a -> a.quantity(1).items(x -> x.keyValueStoreARN(
            "arn:aws:cloudfront::000000000000:key-value-store/00000000-0000-0000-0000-000000000000"))))
        .functionCode(SdkBytes.fromUtf8String("function handler(e) { return e.request; }"))), "InvalidArgument", 400);
  }

  @Test
  void listKeyValueStores_byName() {
    cf.createKeyValueStore(r -> r.name("b-store"));
    cf.createKeyValueStore(r -> r.name("a-store"));
    assertThat(cf.listKeyValueStores(r -> {}).keyValueStoreList().items()).extracting(k -> k.name())
        .containsSubsequence("a-store", "b-store");
  }
}
