package dev.stratus.core.store;

import static dev.stratus.core.store.StoreFixtures.THINGS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.store.StoreFixtures.Thing;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StoreIndexTest {
  private static final Index<Thing> BY_SIZE = Index.of(THINGS, "size", t -> t.size() < 0 ? null : "s" + t.size());

  private static List<Thing> filtered(ReadView view, String scope, String key) {
    return view.list(THINGS, scope).stream().filter(t -> Objects.equals(key, BY_SIZE.key().apply(t))).toList();
  }

  @Test
  void listBy_answersAsAFilterDoes_beforeTheIndexIsBuilt_andAfter() {
    try (var store = new MemoryStore()) {
      store.write(tx -> StoreFixtures.put(tx, "a", Thing.of("2", 1)));
      store.write(tx -> StoreFixtures.put(tx, "a", Thing.of("1", 1)));
      store.write(tx -> StoreFixtures.put(tx, "b", Thing.of("3", 1)));
      store.index(BY_SIZE);
      assertThat(store.listBy(BY_SIZE, "a", "s1")).extracting(Thing::id).containsExactly("1", "2"); // not built: filtered

      store.write(tx -> StoreFixtures.put(tx, "a", Thing.of("4", 2)));
      assertThat(store.listBy(BY_SIZE, "a", "s1")).extracting(Thing::id).containsExactly("1", "2");
      assertThat(store.listBy(BY_SIZE, "a", "s2")).extracting(Thing::id).containsExactly("4");
      assertThat(store.listBy(BY_SIZE, "b", "s1")).extracting(Thing::id).containsExactly("3");
      assertThat(store.listBy(BY_SIZE, "c", "s1")).isEmpty();

      store.write(tx -> StoreFixtures.put(tx, "a", Thing.of("1", 2))); // moves from s1 to s2
      store.write(tx -> tx.delete(THINGS, "a", "2"));
      store.write(tx -> StoreFixtures.put(tx, "a", Thing.of("4", -1))); // no key: in no bucket
      assertThat(store.listBy(BY_SIZE, "a", "s1")).isEmpty();
      assertThat(store.listBy(BY_SIZE, "a", "s2")).extracting(Thing::id).containsExactly("1");
    }
  }

  @Test
  void listBy_insideATransaction_seesTheTransactionsOwnWrites() {
    try (var store = new MemoryStore()) {
      store.index(BY_SIZE);
      store.write(tx -> StoreFixtures.put(tx, "a", Thing.of("1", 1)));
      store.write(tx -> StoreFixtures.put(tx, "a", Thing.of("2", 1)));
      store.write(tx -> {
        StoreFixtures.put(tx, "a", Thing.of("3", 1));
        StoreFixtures.put(tx, "a", Thing.of("1", 5));
        tx.delete(THINGS, "a", "2");
        assertThat(tx.listBy(BY_SIZE, "a", "s1")).extracting(Thing::id).containsExactly("3");
        assertThat(tx.listBy(BY_SIZE, "a", "s5")).extracting(Thing::id).containsExactly("1");
        assertThat(store.listBy(BY_SIZE, "a", "s1")).extracting(Thing::id).containsExactly("1", "2"); // not committed yet
        return null;
      });
      assertThat(store.listBy(BY_SIZE, "a", "s1")).extracting(Thing::id).containsExactly("3");
    }
  }

  @Test
  void anAbandonedTransaction_leavesTheIndexAsItWas() {
    try (var store = new MemoryStore()) {
      store.index(BY_SIZE);
      store.write(tx -> StoreFixtures.put(tx, "a", Thing.of("1", 1)));
      try {
        store.write(tx -> {
          StoreFixtures.put(tx, "a", Thing.of("1", 2));
          throw new IllegalStateException("refused");
        });
      } catch (IllegalStateException expected) {
        // nothing committed
      }
      assertThat(store.listBy(BY_SIZE, "a", "s1")).extracting(Thing::id).containsExactly("1");
      assertThat(store.listBy(BY_SIZE, "a", "s2")).isEmpty();
    }
  }

  /** Random puts, moves and deletes over many commits: the index always answers what a filter does. */
  @Test
  void randomWrites_indexAgreesWithAFilter() {
    var random = new Random(7);
    try (var store = new MemoryStore()) {
      store.write(tx -> StoreFixtures.put(tx, "a", Thing.of("0", 0)));
      store.index(BY_SIZE);
      for (int i = 0; i < 400; i++) {
        store.write(tx -> {
          for (int n = random.nextInt(4); n >= 0; n--) {
            String scope = random.nextBoolean() ? "a" : "b";
            String id = Integer.toString(random.nextInt(30));
            if (random.nextInt(4) == 0) {
              tx.delete(THINGS, scope, id);
            } else {
              StoreFixtures.put(tx, scope, Thing.of(id, random.nextInt(6) - 1));
            }
            String key = "s" + random.nextInt(5);
            assertThat(tx.listBy(BY_SIZE, scope, key)).isEqualTo(filtered(tx, scope, key));
          }
          return null;
        });
        for (String scope : List.of("a", "b")) {
          for (int s = 0; s < 5; s++) {
            assertThat(store.listBy(BY_SIZE, scope, "s" + s)).isEqualTo(filtered(store, scope, "s" + s));
          }
        }
      }
    }
  }
}
