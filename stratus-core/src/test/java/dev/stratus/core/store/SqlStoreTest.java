package dev.stratus.core.store;

import static dev.stratus.core.store.StoreFixtures.SHAPES;
import static dev.stratus.core.store.StoreFixtures.THINGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.core.AwsException;
import dev.stratus.core.store.StoreFixtures.Shape;
import dev.stratus.core.store.StoreFixtures.Thing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlStoreTest {
  @TempDir Path dir;

  private Path file() { return dir.resolve("stratus.db"); }

  @Test
  void write_recordsAndSealedFamilies_roundTripThroughTheFile() {
    try (var store = SqlStore.openFile(file())) {
      store.write(tx -> {
        tx.put(THINGS, "acct", "1", new Thing("1", 5, Optional.of("x")));
        tx.put(SHAPES, "acct", "c", new Shape.Circle(2.5));
        tx.put(SHAPES, "acct", "s", new Shape.Square(1, List.of("a", "b")));
        return null;
      });
    }
    try (var store = SqlStore.openFile(file())) {
      assertThat(store.get(THINGS, "acct", "1")).contains(new Thing("1", 5, Optional.of("x")));
      assertThat(store.list(SHAPES, "acct")).containsExactly(new Shape.Circle(2.5), new Shape.Square(1, List.of("a", "b")));
    }
  }

  @Test
  void openFile_afterUpdatesAndDeletes_findsLastCommittedState() {
    try (var store = SqlStore.openFile(file())) {
      store.write(tx -> StoreFixtures.put(tx, "a", Thing.of("1", 1)));
      store.write(tx -> StoreFixtures.put(tx, "a", Thing.of("2", 2)));
      store.write(tx -> StoreFixtures.put(tx, "a", Thing.of("1", 10)));
      store.write(tx -> tx.delete(THINGS, "a", "2"));
    }
    try (var store = SqlStore.openFile(file())) {
      assertThat(store.list(THINGS, "a")).containsExactly(Thing.of("1", 10));
      store.write(tx -> StoreFixtures.put(tx, "a", Thing.of("1", 11)));
      assertThat(store.get(THINGS, "a", "1")).contains(Thing.of("1", 11));
    }
    assertThat(rowVersions()).containsExactly("test.thing/a/1@3");
  }

  @Test
  void write_thatThrows_leavesFileAndMirrorUntouched() {
    try (var store = SqlStore.openFile(file())) {
      store.write(tx -> StoreFixtures.put(tx, "a", Thing.of("1", 1)));
      assertThatThrownBy(() -> store.write(tx -> {
        StoreFixtures.put(tx, "a", Thing.of("1", 99));
        StoreFixtures.put(tx, "a", Thing.of("2", 2));
        throw new AwsException("Nope", 400, "no");
      })).isInstanceOf(AwsException.class).hasMessage("no");
      assertThat(store.list(THINGS, "a")).containsExactly(Thing.of("1", 1));
    }
    assertThat(rowVersions()).containsExactly("test.thing/a/1@1");
  }

  @Test
  void write_whenTheCommitFails_changesNothingAndPublishesNothing() throws SQLException {
    Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file());
    try (var store = SqlStore.open(connection, List.of(), Optional.empty())) {
      store.write(tx -> StoreFixtures.put(tx, "a", Thing.of("1", 1)));
      List<ChangeEvent> seen = new ArrayList<>();
      store.subscribe(seen::addAll);
      connection.close();

      assertThatThrownBy(() -> store.write(tx -> StoreFixtures.put(tx, "a", Thing.of("2", 2))))
          .isInstanceOf(StoreException.class);
      assertThat(store.list(THINGS, "a")).containsExactly(Thing.of("1", 1));
      assertThat(seen).isEmpty();
    }
  }

  @Test
  void subscribe_listener_runsOnlyOnceTheRowIsInTheFile() {
    try (var store = SqlStore.openFile(file())) {
      List<String> inFileWhenNotified = new ArrayList<>();
      List<Optional<Thing>> inStoreWhenNotified = new ArrayList<>();
      store.subscribe(events -> {
        inFileWhenNotified.addAll(rowVersions());
        inStoreWhenNotified.add(store.get(THINGS, "a", "1"));
      });
      store.write(tx -> StoreFixtures.put(tx, "a", Thing.of("1", 1)));
      assertThat(inFileWhenNotified).containsExactly("test.thing/a/1@1");
      assertThat(inStoreWhenNotified).containsExactly(Optional.of(Thing.of("1", 1)));
    }
  }

  @Test
  void subscribe_events_carryBeforeAndAfterOfTheNetChange() {
    try (var store = SqlStore.openFile(file())) {
      store.write(tx -> StoreFixtures.put(tx, "a", Thing.of("1", 1)));
      List<ChangeEvent> seen = new ArrayList<>();
      store.subscribe(seen::addAll);
      store.write(tx -> {
        StoreFixtures.put(tx, "a", Thing.of("1", 2));
        StoreFixtures.put(tx, "a", Thing.of("1", 3));
        StoreFixtures.put(tx, "a", Thing.of("tmp", 0));
        tx.delete(THINGS, "a", "tmp");
        return null;
      });
      assertThat(seen).singleElement().satisfies(e -> {
        assertThat(e.before()).contains(Thing.of("1", 1));
        assertThat(e.after()).contains(Thing.of("1", 3));
      });
    }
  }

  @Test
  void openFile_onAnEmptyFile_migratesToTheCurrentSchema() throws Exception {
    Files.createFile(file());
    try (var store = SqlStore.openFile(file())) {
      assertThat(store.size()).isZero();
    }
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + file())) {
      assertThat(SchemaMigrations.currentVersion(c)).isEqualTo(SchemaMigrations.SCRIPTS.size());
      try (var rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("wal");
      }
    }
  }

  @Test
  void openFile_writtenByANewerStratus_isRefused() throws Exception {
    SqlStore.openFile(file()).close();
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + file())) {
      c.createStatement().execute("INSERT INTO schema_version (version, script) VALUES (999, 'future.sql')");
    }
    assertThatThrownBy(() -> SqlStore.openFile(file()))
        .isInstanceOf(StoreException.class).hasMessageContaining("schema version 999");
  }

  @Test
  void read_aStoredFieldTheRecordNoLongerHas_failsInTests() throws Exception {
    assertThat(StoreJson.strict()).as("surefire sets " + StoreJson.STRICT_PROPERTY).isTrue();
    try (var store = SqlStore.openFile(file())) {
      store.write(tx -> StoreFixtures.put(tx, "a", Thing.of("1", 1)));
    }
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + file())) {
      c.createStatement().execute("UPDATE resource SET body = '{\"id\":\"1\",\"sise\":1}'");
    }
    try (var store = SqlStore.openFile(file())) {
      assertThatThrownBy(() -> store.get(THINGS, "a", "1")).hasMessageContaining("sise");
    }
  }

  /** A derived accessor (isMain) is not stored, so a strict read of the row succeeds. */
  record WithDerived(String id, List<String> routes) {
    public boolean isMain() { return routes.isEmpty(); }

    public int getSize() { return routes.size(); }
  }

  @Test
  void write_aRecordWithDerivedAccessors_storesOnlyItsComponents() {
    var table = Table.of("test.derived", WithDerived.class);
    try (var store = SqlStore.openFile(file())) {
      store.write(tx -> { tx.put(table, "a", "1", new WithDerived("1", List.of())); return null; });
    }
    try (var store = SqlStore.openFile(file())) {
      assertThat(store.get(table, "a", "1")).contains(new WithDerived("1", List.of()));
    }
    assertThat(StoreJson.write(new WithDerived("1", List.of("r")))).isEqualTo("{\"id\":\"1\",\"routes\":[\"r\"]}");
  }

  @Test
  void tolerantMapping_skipsAnUnknownField() {
    var thing = StoreJson.mapper(false).readValue("{\"id\":\"1\",\"sise\":{\"a\":[1]},\"size\":3}", Thing.class);
    assertThat(thing).isEqualTo(new Thing("1", 3, Optional.empty()));
  }

  @Test
  void write_storesTheTablesSchemaVersion_andANewerOneIsRefused() throws Exception {
    var v2 = Table.of("test.thing", Thing.class, 2);
    try (var store = SqlStore.openFile(file())) {
      store.write(tx -> StoreFixtures.put(tx, "a", Thing.of("1", 1)));
      store.write(tx -> { tx.put(v2, "a", "2", Thing.of("2", 2)); return null; });
    }
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + file());
        var rs = c.createStatement().executeQuery("SELECT id, schema_version FROM resource ORDER BY id")) {
      var schemas = new ArrayList<String>();
      while (rs.next()) schemas.add(rs.getString(1) + "@" + rs.getInt(2));
      assertThat(schemas).containsExactly("1@1", "2@2");
    }
    try (var store = SqlStore.openFile(file())) {
      assertThat(store.get(v2, "a", "1")).contains(Thing.of("1", 1));
      assertThatThrownBy(() -> store.get(THINGS, "a", "2"))
          .isInstanceOf(StoreException.class).hasMessageContaining("schema version 2");
    }
  }

  /** Rows load at the first use of their table after open; reads, writes and awaitLoaded wait for them. */
  @Test
  void openFile_readsAndWritesRightAfterOpen_seeEveryCommittedRow() {
    try (var store = SqlStore.openFile(file())) {
      store.write(tx -> {
        for (int i = 0; i < 2_000; i++) tx.put(THINGS, "s" + i % 7, "t" + i, Thing.of("t" + i, i));
        return null;
      });
    }
    try (var store = SqlStore.openFile(file())) {
      store.write(tx -> StoreFixtures.put(tx, "s0", Thing.of("new", 1)));
      assertThat(store.size()).isEqualTo(2_001);
    }
    try (var store = SqlStore.openFile(file())) {
      assertThat(store.get(THINGS, "s3", "t3")).contains(Thing.of("t3", 3));
      store.awaitLoaded();
      assertThat(store.listAll(THINGS)).hasSize(2_001);
    }
    SqlStore.openFile(file()).close(); // closing while rows may still be loading
  }

  /** A table is read at its first use, alone: a read of one table does not wait for the others. */
  @Test
  void openFile_readsEachTableAtItsFirstUse() {
    try (var store = SqlStore.openFile(file())) {
      store.write(tx -> {
        for (int i = 0; i < 500; i++) tx.put(THINGS, "s" + i % 3, "t" + i, Thing.of("t" + i, i));
        tx.put(SHAPES, "acct", "c", new Shape.Circle(1));
        return null;
      });
    }
    try (var store = SqlStore.openFile(file())) {
      assertThat(store.list(SHAPES, "acct")).containsExactly(new Shape.Circle(1));
      assertThat(store.snapshot().scopes(THINGS.name())).isEmpty(); // not read yet
      assertThat(store.snapshot().scopes(SHAPES.name())).containsOnlyKeys("acct");
      assertThat(store.listAll(THINGS)).hasSize(500);
      assertThat(store.size()).isEqualTo(501);
    }
  }

  /** More rows than one chunk of a table's first read, in several scopes: every row, once. */
  @Test
  void openFile_aTableOfSeveralChunks_readsEveryRowOnce() {
    int rows = SqlStore.CHUNK * 2 + 7;
    try (var store = SqlStore.openFile(file())) {
      store.write(tx -> {
        for (int i = 0; i < rows; i++) tx.put(THINGS, "s" + i % 5, "t" + i, Thing.of("t" + i, i));
        return null;
      });
    }
    try (var store = SqlStore.openFile(file())) {
      assertThat(store.listAll(THINGS)).hasSize(rows).doesNotHaveDuplicates();
      for (int s = 0; s < 5; s++) assertThat(store.list(THINGS, "s" + s)).hasSize(rows / 5 + (s < rows % 5 ? 1 : 0));
      store.write(tx -> StoreFixtures.put(tx, "s1", Thing.of("t1", -1))); // an update: the version read must be right
    }
    assertThat(rowVersions()).contains("test.thing/s1/t1@2");
  }

  /** A table another thread reads while a write is under way stays in the snapshot that write publishes. */
  @Test
  void aTableLoadedDuringAWrite_isKeptByThatWritesCommit() throws Exception {
    try (var store = SqlStore.openFile(file())) {
      store.write(tx -> {
        StoreFixtures.put(tx, "a", Thing.of("1", 1));
        tx.put(SHAPES, "acct", "c", new Shape.Circle(1));
        return null;
      });
    }
    try (var store = SqlStore.openFile(file())) {
      store.write(tx -> {
        StoreFixtures.put(tx, "a", Thing.of("2", 2));
        var reader = new Thread(() -> store.list(SHAPES, "acct"));
        reader.start();
        try {
          reader.join();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        return null;
      });
      assertThat(store.list(SHAPES, "acct")).containsExactly(new Shape.Circle(1));
      assertThat(store.list(THINGS, "a")).containsExactly(Thing.of("1", 1), Thing.of("2", 2));
    }
  }

  /** Readers of every table and a writer, all at once right after open: the mirror and the file agree. */
  @Test
  void openFile_concurrentFirstReadsAndWrites_agreeWithTheFile() throws Exception {
    var tables = new ArrayList<Table<Thing>>();
    for (int t = 0; t < 6; t++) tables.add(Table.of("test.t" + t, Thing.class));
    try (var store = SqlStore.openFile(file())) {
      store.write(tx -> {
        for (var table : tables) for (int i = 0; i < 300; i++) tx.put(table, "s" + i % 4, "r" + i, Thing.of("r" + i, i));
        return null;
      });
    }
    var seen = new java.util.HashMap<String, List<Thing>>();
    try (var store = SqlStore.openFile(file())) {
      var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
      try {
        var work = new ArrayList<java.util.concurrent.Future<?>>();
        for (var table : tables) work.add(pool.submit(() -> store.listAll(table)));
        work.add(pool.submit(() -> {
          for (int i = 0; i < 50; i++) {
            int n = i;
            var table = tables.get(i % tables.size());
            store.write(tx -> { tx.put(table, "s" + n % 4, "r" + n, Thing.of("r" + n, -n)); return null; });
          }
        }));
        work.add(pool.submit(store::loadInBackground));
        for (var f : work) f.get();
      } finally {
        pool.shutdown();
      }
      store.awaitLoaded();
      for (var table : tables) seen.put(table.name(), store.listAll(table));
    }
    try (var store = SqlStore.openFile(file())) {
      for (var table : tables) assertThat(store.listAll(table)).isEqualTo(seen.get(table.name())).hasSize(300);
    }
  }

  /** An index registered before a table's first read is built when the table is, and kept after. */
  @Test
  void index_overALazilyReadTable_answersAsAFilter() {
    var bySize = Index.of(THINGS, "size", (Thing t) -> "s" + t.size() % 3);
    try (var store = SqlStore.openFile(file())) {
      store.write(tx -> {
        for (int i = 0; i < 30; i++) tx.put(THINGS, "a", "t" + i, Thing.of("t" + i, i));
        return null;
      });
    }
    try (var store = SqlStore.openFile(file())) {
      store.index(bySize);
      assertThat(store.listBy(bySize, "a", "s1")).hasSize(10);
      assertThat(store.snapshot().hasIndex(bySize.name())).isTrue();
      store.write(tx -> StoreFixtures.put(tx, "a", Thing.of("t0", 1)));
      assertThat(store.listBy(bySize, "a", "s1")).hasSize(11);
      assertThat(store.listBy(bySize, "a", "s0")).hasSize(9);
    }
  }

  @Test
  void openFile_whileAnotherStoreHasIt_isRefused() {
    try (var store = SqlStore.openFile(file())) {
      assertThatThrownBy(() -> SqlStore.openFile(file()))
          .isInstanceOf(StoreException.class).hasMessageContaining("Another Stratus process");
    }
    SqlStore.openFile(file()).close();
  }

  @Test
  void openInMemory_runsTheSqlPath() {
    try (var store = SqlStore.openInMemory()) {
      store.write(tx -> StoreFixtures.put(tx, "a", Thing.of("1", 1)));
      store.write(tx -> tx.delete(THINGS, "a", "1"));
      assertThat(store.list(THINGS, "a")).isEmpty();
    }
  }

  /** Rows as "table/scope/id@version", read straight from the file by a second connection. */
  private List<String> rowVersions() {
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + file());
        var rs = c.createStatement().executeQuery("SELECT table_name, scope, id, version FROM resource ORDER BY 1, 2, 3")) {
      var rows = new ArrayList<String>();
      while (rs.next()) rows.add(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3) + "@" + rs.getLong(4));
      return rows;
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }
}
