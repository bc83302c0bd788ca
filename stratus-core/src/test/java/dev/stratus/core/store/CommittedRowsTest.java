package dev.stratus.core.store;

import static dev.stratus.core.store.StoreFixtures.THINGS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.store.StoreFixtures.Thing;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pcollections.TreePMap;

class CommittedRowsTest {

  private static StoredRow row(int size) { return StoredRow.encode(THINGS, Thing.of("x", size), 1); }

  @Test
  void with_leavesThePreviousSnapshotAsItWas_andSharesUntouchedScopes() {
    var first = CommittedRows.EMPTY.with(Map.of(
        new TableScope("test.thing", "a"), TreePMap.<String, StoredRow>empty().plus("1", row(1)),
        new TableScope("test.thing", "b"), TreePMap.<String, StoredRow>empty().plus("1", row(1))));
    var scopeA = first.scope("test.thing", "a");
    var scopeB = first.scope("test.thing", "b");

    var second = first.with(Map.of(new TableScope("test.thing", "a"), scopeA.plus("2", row(2))));

    assertThat(first.scope("test.thing", "a")).containsOnlyKeys("1");
    assertThat(first.size()).isEqualTo(2);
    assertThat(second.scope("test.thing", "a")).containsOnlyKeys("1", "2");
    assertThat(second.size()).isEqualTo(3);
    assertThat(second.scope("test.thing", "b")).isSameAs(scopeB);

    var third = second.with(Map.of(new TableScope("test.thing", "b"), TreePMap.empty()));
    assertThat(third.scopes("test.thing")).containsOnlyKeys("a");
    assertThat(third.size()).isEqualTo(2);
  }

  /**
   * One write into a scope of 50,000 rows costs about what it costs in an empty scope (a copy of
   * the scope, as before, made it ~1,000 times dearer).
   */
  @Test
  void write_costDoesNotGrowWithTheScope() {
    var store = new MemoryStore();
    var big = new Thing("x", 1, java.util.Optional.empty());
    store.write(tx -> {
      for (int i = 0; i < 50_000; i++) tx.put(THINGS, "big", "r" + i, big);
      return null;
    });
    long small = 0;
    long large = 0;
    for (int round = 0; round < 3; round++) { // the last round counts, after the JIT warmed up
      small = timeWrites(store, "small" + round);
      large = timeWrites(store, "big");
    }
    assertThat(store.size()).isGreaterThan(50_000);
    assertThat(large).as("ns for 2,000 writes into 50,000 rows vs into a small scope (%d)", small)
        .isLessThan(small * 5 + 20_000_000L);
  }

  private static long timeWrites(MemoryStore store, String scope) {
    long start = System.nanoTime();
    for (int i = 0; i < 2_000; i++) {
      int n = i;
      store.write(tx -> { tx.put(THINGS, scope, "w" + n, Thing.of("w", n)); return null; });
    }
    return System.nanoTime() - start;
  }
}
