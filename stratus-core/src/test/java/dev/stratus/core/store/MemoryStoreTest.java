package dev.stratus.core.store;

import static dev.stratus.core.store.StoreFixtures.THINGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.core.AwsException;
import dev.stratus.core.store.StoreFixtures.Thing;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MemoryStoreTest {

  @Test
  void write_commits_andPublishesAfterCommit() {
    var store = new MemoryStore();
    List<ChangeEvent> seen = new ArrayList<>();
    store.subscribe(seen::addAll);
    store.write(tx -> { tx.put(THINGS, "a", "1", new Thing("1", 5, Optional.of("x"))); return null; });
    assertThat(store.get(THINGS, "a", "1")).contains(new Thing("1", 5, Optional.of("x")));
    assertThat(seen).singleElement().satisfies(e -> assertThat(e.before()).isEmpty());
  }

  @Test
  void write_thatThrows_leavesNothing() {
    var store = new MemoryStore();
    assertThatThrownBy(() -> store.write(tx -> {
      tx.put(THINGS, "a", "1", new Thing("1", 5, Optional.empty()));
      throw new AwsException("Nope", 400, "no");
    })).isInstanceOf(AwsException.class);
    assertThat(store.list(THINGS, "a")).isEmpty();
  }

  @Test
  void transaction_readsItsOwnWrites_othersDoNotUntilCommit() {
    var store = new MemoryStore();
    store.write(tx -> StoreFixtures.put(tx, "b", Thing.of("1", 1)));
    store.write(tx -> {
      StoreFixtures.put(tx, "a", Thing.of("2", 2));
      tx.delete(THINGS, "b", "1");
      assertThat(tx.listAll(THINGS)).containsExactly(Thing.of("2", 2));
      assertThat(store.listAll(THINGS)).containsExactly(Thing.of("1", 1));
      return null;
    });
    assertThat(store.listAll(THINGS)).containsExactly(Thing.of("2", 2));
  }

  @Test
  void listAll_ordersByScopeThenId() {
    var store = new MemoryStore();
    store.write(tx -> {
      StoreFixtures.put(tx, "b", Thing.of("1", 1));
      StoreFixtures.put(tx, "a", Thing.of("9", 9));
      StoreFixtures.put(tx, "a", Thing.of("3", 3));
      return null;
    });
    assertThat(store.listAll(THINGS)).extracting(Thing::id).containsExactly("3", "9", "1");
  }

  @Test
  void write_fromInsideAListener_isRefused() {
    var store = new MemoryStore();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    store.subscribe(events -> {
      try {
        store.write(tx -> StoreFixtures.put(tx, "a", Thing.of("echo", 0)));
      } catch (IllegalStateException e) {
        failure.set(e);
      }
    });
    store.write(tx -> StoreFixtures.put(tx, "a", Thing.of("1", 1)));
    assertThat(failure.get()).hasMessageContaining("inside a transaction or a change listener");
    assertThat(store.list(THINGS, "a")).containsExactly(Thing.of("1", 1));
  }

  @Test
  void write_whenAListenerFails_stillCommitsAndTellsTheOthers() {
    var store = new MemoryStore();
    List<ChangeEvent> seen = new ArrayList<>();
    store.subscribe(events -> { throw new IllegalArgumentException("listener bug"); });
    store.subscribe(seen::addAll);
    store.write(tx -> StoreFixtures.put(tx, "a", Thing.of("1", 1)));
    assertThat(seen).hasSize(1);
    assertThat(store.get(THINGS, "a", "1")).isPresent();
  }

  @Test
  void transaction_usedAfterItsWrite_isRefused() {
    var store = new MemoryStore();
    AtomicReference<Transaction> escaped = new AtomicReference<>();
    store.write(tx -> { escaped.set(tx); return null; });
    assertThatThrownBy(() -> StoreFixtures.put(escaped.get(), "a", Thing.of("1", 1)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(store.list(THINGS, "a")).isEmpty();
  }

  /** An interface without {@code @JsonTypeInfo}: Jackson writes it but cannot read it back. */
  interface Unannotated {}

  record Plain(int n) implements Unannotated {}

  @Test
  void write_aValueThatDoesNotRoundTrip_failsInsideTheTransaction() {
    var table = Table.of("test.unannotated", Unannotated.class);
    var store = new MemoryStore();
    assertThatThrownBy(() -> store.write(tx -> { tx.put(table, "a", "1", new Plain(1)); return null; }))
        .isInstanceOf(RuntimeException.class);
    assertThat(store.size()).isZero();
  }
}
