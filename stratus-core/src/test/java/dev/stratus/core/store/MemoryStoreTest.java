package dev.stratus.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.core.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MemoryStoreTest {
  record Thing(String id, int size, Optional<String> note) {}

  static final Table<Thing> THINGS = Table.of("test.thing", Thing.class);

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
}
