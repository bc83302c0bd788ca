package dev.stratus.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProjectionTest {
  record Note(String text) {}

  static final Table<Note> NOTES = Table.of("test.projection_note", Note.class);
  static final Table<Note> OTHER = Table.of("test.projection_other", Note.class);

  @Test
  void projection_commitToWatchedTable_rebuildsAndPublishes() {
    try (MemoryStore store = new MemoryStore()) {
      store.write(tx -> { tx.put(NOTES, "s", "a", new Note("first")); return null; });
      AtomicInteger rebuilds = new AtomicInteger();
      try (Projection<List<String>> p = Projection.ofFullLoad("notes", store, Set.of(NOTES), committed -> {
        rebuilds.incrementAndGet();
        return committed.listAll(NOTES).stream().map(Note::text).toList();
      })) {
        assertThat(p.awaitCurrent()).containsExactly("first");
        store.write(tx -> { tx.put(NOTES, "s", "b", new Note("second")); return null; });
        assertThat(p.awaitCurrent()).containsExactly("first", "second");
        int before = rebuilds.get();
        store.write(tx -> { tx.put(OTHER, "s", "x", new Note("unwatched")); return null; });
        p.awaitCurrent();
        assertThat(rebuilds.get()).isEqualTo(before);
      }
    }
  }

  @Test
  void projection_incremental_seesEventsInCommitOrder_andFailureKeepsSnapshot() {
    try (MemoryStore store = new MemoryStore()) {
      try (Projection<List<String>> p = Projection.start("ids", store, Set.of(NOTES), (previous, events, committed) -> {
        if (events.stream().anyMatch(e -> e.id().equals("boom"))) throw new IllegalStateException("bad row");
        List<String> ids = new java.util.ArrayList<>(previous == null ? List.of() : previous);
        events.forEach(e -> ids.add(e.id()));
        return List.copyOf(ids);
      })) {
        for (String id : List.of("1", "2", "3")) {
          store.write(tx -> { tx.put(NOTES, "s", id, new Note(id)); return null; });
        }
        assertThat(p.awaitCurrent()).containsExactly("1", "2", "3");
        store.write(tx -> { tx.put(NOTES, "s", "boom", new Note("x")); return null; });
        assertThat(p.awaitCurrent()).containsExactly("1", "2", "3");
      }
    }
  }

  /** While the store holds start-up work, a projection's first load waits for the end of start-up, or for awaitCurrent. */
  @Test
  void projection_duringStartUp_loadsFirstAfterIt_orWhenAwaited() throws InterruptedException {
    try (MemoryStore store = new MemoryStore()) {
      store.write(tx -> { tx.put(NOTES, "s", "a", new Note("first")); return null; });
      store.holdUntilStartedUp();
      try (Projection<List<String>> held = Projection.ofFullLoad("held", store, Set.of(NOTES),
              committed -> committed.listAll(NOTES).stream().map(Note::text).toList());
          Projection<List<String>> awaited = Projection.ofFullLoad("awaited", store, Set.of(NOTES),
              committed -> committed.listAll(NOTES).stream().map(Note::text).toList())) {
        Thread.sleep(100);
        assertThat(held.current()).isNull();
        assertThat(awaited.awaitCurrent()).containsExactly("first"); // a module that needs it at start
        assertThat(held.current()).isNull();
        store.startUpDone();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (held.current() == null && System.nanoTime() < deadline) Thread.sleep(5);
        assertThat(held.current()).containsExactly("first");
      }
    }
  }
}
