package dev.stratus.core.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.pcollections.TreePMap;

/**
 * The durable store: committed rows live in one SQL table, {@code resource(table_name, scope,
 * id, body, version)}, with a JSON body per row; by default an SQLite file,
 * {@code <data-dir>/stratus.db}. Reads are served from the in-memory mirror, which reads each
 * table from the database at its first use ({@link MirroredStore}); each write is one database
 * transaction committed before {@link #write} returns.
 */
/*
 * Durability. The SQLite file runs in WAL mode with synchronous=FULL: COMMIT returns only after
 * the WAL has been fsync'ed. synchronous=NORMAL would already survive kill -9 (the WAL write
 * sits in the kernel's page cache, which outlives the process) but could lose the last commits
 * on power loss or a VM crash; Stratus writes at the pace of API calls, so the fsync per commit
 * is cheap insurance. Only the two PRAGMAs in SQLITE_FILE_SESSION are SQLite's own; every
 * statement below and every migration script is portable SQL, meant to run unchanged on
 * PostgreSQL (open(Connection, ...) with a PostgreSQL connection and no session statements).
 *
 * Single writer. One JDBC connection, used under `connectionLock` by one thing at a time: a
 * commit (under MirroredStore's writer lock), or one chunk of a table's first read, which ends
 * its read transaction before it lets go (so a read never sits inside a commit or the reverse,
 * and a commit waits at most one chunk for a table being read). A StoreFileLock so that a second process cannot open the same file: the mirror
 * would silently go stale otherwise. Each row's version is checked on UPDATE and DELETE as a
 * backstop; a mismatch means someone else wrote the database and fails the commit.
 */
public final class SqlStore extends MirroredStore {
  private static final Logger LOG = Logger.getLogger(SqlStore.class.getName());

  /** WAL journal and an fsync per commit (see above); SQLite only. */
  static final List<String> SQLITE_FILE_SESSION = List.of("PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL");

  private static final String TABLE_NAMES = "SELECT DISTINCT table_name FROM resource";
  /** One table's rows in key order, a chunk at a time (keyset paging over the primary key). */
  private static final String SELECT_TABLE_FIRST = "SELECT scope, id, body, version, schema_version FROM resource"
      + " WHERE table_name = ? ORDER BY scope, id LIMIT ?";
  private static final String SELECT_TABLE_NEXT = "SELECT scope, id, body, version, schema_version FROM resource"
      + " WHERE table_name = ? AND (scope > ? OR (scope = ? AND id > ?)) ORDER BY scope, id LIMIT ?";
  /** Rows per chunk of a table's first read: a commit waits for at most one chunk (a few ms). */
  static final int CHUNK = 2_000;
  private static final String INSERT =
      "INSERT INTO resource (table_name, scope, id, body, version, schema_version) VALUES (?, ?, ?, ?, ?, ?)";
  private static final String UPDATE = "UPDATE resource SET body = ?, version = ?, schema_version = ?"
      + " WHERE table_name = ? AND scope = ? AND id = ? AND version = ?";
  private static final String DELETE =
      "DELETE FROM resource WHERE table_name = ? AND scope = ? AND id = ? AND version = ?";

  private final Connection connection;
  private final Optional<AutoCloseable> fileLock;
  private final PreparedStatement insert;
  private final PreparedStatement update;
  private final PreparedStatement delete;
  private final PreparedStatement selectFirst;
  private final PreparedStatement selectNext;
  private final Object connectionLock = new Object();
  /** Set under connectionLock when the connection is closed. */
  private boolean released;

  private SqlStore(Connection connection, Optional<AutoCloseable> fileLock) throws SQLException {
    super();
    this.connection = connection;
    this.fileLock = fileLock;
    this.insert = connection.prepareStatement(INSERT);
    this.update = connection.prepareStatement(UPDATE);
    this.delete = connection.prepareStatement(DELETE);
    this.selectFirst = connection.prepareStatement(SELECT_TABLE_FIRST);
    this.selectNext = connection.prepareStatement(SELECT_TABLE_NEXT);
  }

  /** Opens (creating if needed) the SQLite store file, migrating its schema to this build's. */
  public static SqlStore openFile(Path file) {
    Path absolute = file.toAbsolutePath();
    try {
      Files.createDirectories(absolute.getParent());
    } catch (IOException e) {
      throw new StoreException("Cannot create " + absolute.getParent() + ": " + e.getMessage(), e);
    }
    var lock = StoreFileLock.acquire(absolute.resolveSibling(absolute.getFileName() + ".lock"));
    try {
      return open(DriverManager.getConnection("jdbc:sqlite:" + absolute), SQLITE_FILE_SESSION, Optional.of(lock));
    } catch (SQLException | RuntimeException e) {
      lock.close();
      throw e instanceof StoreException se ? se : new StoreException("Cannot open the store " + absolute + ": " + e.getMessage(), e);
    }
  }

  /** An SQLite database in memory: the SQL code path without a file (tests). */
  public static SqlStore openInMemory() {
    try {
      return open(DriverManager.getConnection("jdbc:sqlite::memory:"), List.of(), Optional.empty());
    } catch (SQLException e) {
      throw new StoreException("Cannot open an in-memory SQLite database: " + e.getMessage(), e);
    }
  }

  /**
   * Takes over {@code connection} (closed with the store): runs the session statements and
   * migrates the schema. Rows are read a table at a time, at the table's first use, or all by
   * {@link #loadInBackground} / {@link #awaitLoaded}.
   */
  static SqlStore open(Connection connection, List<String> session, Optional<AutoCloseable> fileLock) throws SQLException {
    try {
      try (var st = connection.createStatement()) {
        for (String sql : session) st.execute(sql);
      }
      checkJournal(connection, session);
      connection.setAutoCommit(false);
      SchemaMigrations.apply(connection);
      var store = new SqlStore(connection, fileLock);
      return store;
    } catch (SQLException | RuntimeException e) {
      closeQuietly(connection);
      throw e;
    }
  }

  @Override
  void persist(List<RowChange> changes) {
    synchronized (connectionLock) {
      if (released) throw new StoreException("the store is closed");
      persistLocked(changes);
    }
  }

  private void persistLocked(List<RowChange> changes) {
    try {
      for (var change : changes) apply(change);
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
      } catch (SQLException rollbackFailure) {
        e.addSuppressed(rollbackFailure);
      }
      LOG.log(Level.SEVERE, "commit failed; nothing of the transaction was applied", e);
      throw e instanceof StoreException se ? se : new StoreException("The store could not commit: " + e.getMessage(), e);
    }
  }

  @Override
  void release() {
    synchronized (connectionLock) { // a table read under way finishes its chunk first
      released = true;
      closeQuietly(connection);
    }
    fileLock.ifPresent(SqlStore::closeQuietly);
  }

  @Override
  Map<String, TreePMap<String, StoredRow>> readTable(String table) {
    var byScope = new HashMap<String, TreeMap<String, StoredRow>>();
    String lastScope = null;
    String lastId = null;
    int got;
    do {
      got = 0;
      synchronized (connectionLock) {
        if (released) throw new StoreException("the store is closed");
        try {
          PreparedStatement st;
          if (lastScope == null) {
            st = selectFirst;
            st.setString(1, table);
            st.setInt(2, CHUNK);
          } else {
            st = selectNext;
            st.setString(1, table);
            st.setString(2, lastScope);
            st.setString(3, lastScope);
            st.setString(4, lastId);
            st.setInt(5, CHUNK);
          }
          try (var rs = st.executeQuery()) {
            while (rs.next()) {
              lastScope = rs.getString(1);
              lastId = rs.getString(2);
              byScope.computeIfAbsent(lastScope, k -> new TreeMap<>())
                  .put(lastId, StoredRow.loaded(rs.getString(3), rs.getLong(4), rs.getInt(5)));
              got++;
            }
          } finally {
            connection.commit(); // ends the read transaction (autocommit is off)
          }
        } catch (SQLException e) {
          throw new StoreException("Cannot read " + table + " from the store: " + e.getMessage(), e);
        }
      }
    } while (got == CHUNK);
    var rows = new HashMap<String, TreePMap<String, StoredRow>>(byScope.size() * 2);
    byScope.forEach((scope, byId) -> rows.put(scope, TreePMap.fromSortedMap(byId)));
    return rows;
  }

  @Override
  List<String> tableNames() {
    synchronized (connectionLock) {
      if (released) throw new StoreException("the store is closed");
      var names = new ArrayList<String>();
      try {
        try (var st = connection.createStatement(); var rs = st.executeQuery(TABLE_NAMES)) {
          while (rs.next()) names.add(rs.getString(1));
        } finally {
          connection.commit();
        }
      } catch (SQLException e) {
        throw new StoreException("Cannot read the store: " + e.getMessage(), e);
      }
      return names;
    }
  }

  /** One statement per changed row; the version check catches a writer we do not know about. */
  private void apply(RowChange change) throws SQLException {
    PreparedStatement st;
    if (change.after().isEmpty()) {
      st = key(delete, 0, change);
      delete.setLong(4, change.before().orElseThrow().version());
    } else if (change.before().isEmpty()) {
      st = key(insert, 0, change);
      insert.setString(4, change.after().get().json());
      insert.setLong(5, change.after().get().version());
      insert.setInt(6, change.after().get().schema());
    } else {
      update.setString(1, change.after().get().json());
      update.setLong(2, change.after().get().version());
      update.setInt(3, change.after().get().schema());
      st = key(update, 3, change);
      update.setLong(7, change.before().get().version());
    }
    expectOne(st.executeUpdate(), change);
  }

  /** Binds table, scope and id to the three parameters after {@code offset}. */
  private static PreparedStatement key(PreparedStatement st, int offset, RowChange change) throws SQLException {
    st.setString(offset + 1, change.table().name());
    st.setString(offset + 2, change.scope());
    st.setString(offset + 3, change.id());
    return st;
  }

  private static void expectOne(int updated, RowChange change) {
    if (updated != 1) {
      throw new StoreException("Row " + change.table().name() + "/" + change.scope() + "/" + change.id()
          + " changed in the database behind this store's back (" + updated + " rows matched).");
    }
  }

  /** WAL can silently stay off (e.g. on a file system without shared memory); say so. */
  private static void checkJournal(Connection connection, List<String> session) throws SQLException {
    if (!session.contains("PRAGMA journal_mode=WAL")) return;
    try (var st = connection.createStatement(); var rs = st.executeQuery("PRAGMA journal_mode")) {
      String mode = rs.next() ? rs.getString(1).toLowerCase(Locale.ROOT) : "unknown";
      if (!mode.equals("wal")) LOG.warning("SQLite journal mode is " + mode + ", not wal; commits are still durable but slower");
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.log(Level.FINE, "close failed", e);
    }
  }
}
