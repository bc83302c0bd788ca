package dev.stratus.s3.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectListingTest {
  static List<S3Object> objects(String... keys) {
    return java.util.Arrays.stream(keys).map(k -> new S3Object("b", k, "blob", 1, "\"e\"", Instant.EPOCH,
        new ObjectHeaders(null, null, null, null, null, null, Map.of()), 0)).toList();
  }

  @Test
  void of_delimiter_rollsUpCommonPrefixesOnce() {
    var page = ObjectListing.of(objects("a/1", "a/2", "b", "c/x/y"), "", "/", "", 1000);
    assertThat(page.contents()).extracting(S3Object::key).containsExactly("b");
    assertThat(page.commonPrefixes()).containsExactly("a/", "c/");
    assertThat(page.truncated()).isFalse();
  }

  @Test
  void of_maxKeys_countsPrefixesAndResumesAfterThem() {
    var first = ObjectListing.of(objects("a/1", "a/2", "b", "c"), "", "/", "", 2);
    assertThat(first.commonPrefixes()).containsExactly("a/");
    assertThat(first.contents()).extracting(S3Object::key).containsExactly("b");
    assertThat(first.truncated()).isTrue();
    assertThat(first.nextMarker()).isEqualTo("b");
    var second = ObjectListing.of(objects("a/1", "a/2", "b", "c"), "", "/", "a/", 2);
    assertThat(second.commonPrefixes()).isEmpty(); // the marker's own prefix is not repeated
    assertThat(second.contents()).extracting(S3Object::key).containsExactly("b", "c");
  }

  @Test
  void of_prefix_filtersAndDelimitsAfterIt() {
    var page = ObjectListing.of(objects("p/a", "p/d/1", "q"), "p/", "/", "", 1000);
    assertThat(page.contents()).extracting(S3Object::key).containsExactly("p/a");
    assertThat(page.commonPrefixes()).containsExactly("p/d/");
  }

  @Test
  void of_maxKeysZero_isEmptyAndTruncatedWhenKeysRemain() {
    var page = ObjectListing.of(objects("a"), "", null, "", 0);
    assertThat(page.contents()).isEmpty();
    assertThat(page.truncated()).isTrue();
  }
}
