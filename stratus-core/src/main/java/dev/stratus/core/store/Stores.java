package dev.stratus.core.store;

import dev.stratus.core.Settings;

/**
 * Picks the store for a Stratus process: the SQLite file {@code <data-dir>/stratus.db}, or memory
 * with {@code --ephemeral}.
 */
/*
 * Why MemoryStore, not SQLite's in-memory database, for --ephemeral: both are the same
 * MirroredStore (same mirror, transactions, JSON round trip, events), so the only code the
 * SQLite variant would add is the SQL write-through, whose result nobody would ever read back.
 * That path is covered by SqlStoreTest and the process-level crash tests against real files.
 * MemoryStore skips loading SQLite's native library (tens of milliseconds at start) and a
 * serialised JDBC round trip per write, which is what ephemeral test runs want.
 */
public final class Stores {
  /** The store file's name inside the data directory. */
  public static final String FILE_NAME = "stratus.db";

  private Stores() {}

  public static Store open(Settings settings) {
    return settings.dataDir().<Store>map(dir -> SqlStore.openFile(dir.resolve(FILE_NAME))).orElseGet(MemoryStore::new);
  }
}
