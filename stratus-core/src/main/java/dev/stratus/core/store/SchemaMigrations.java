package dev.stratus.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * Brings a database to the schema this build expects, one numbered migration at a time, and
 * records each in the {@code schema_version} table.
 */
/*
 * Migration n is the n-th script of SCRIPTS (resources under migration/). Scripts are portable
 * SQL, statements end with ';' at the end of a line, and lines starting with "--" are comments.
 * Each script runs in its own transaction together with its schema_version row (SQLite and
 * PostgreSQL both have transactional DDL), so a crash mid-migration leaves the previous version.
 * The list is append-only: an applied script is never edited, a change is a new script.
 * A database whose version is above what this build knows was written by a newer Stratus and is
 * refused rather than guessed at.
 */
final class SchemaMigrations {
  /** The migrations in order; number n brings the schema to version n. Append only. */
  static final List<String> SCRIPTS = List.of("V1__resource.sql", "V2__schema_version.sql");

  private static final String CREATE_VERSION_TABLE =
      "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, script VARCHAR(200) NOT NULL)";

  private SchemaMigrations() {}

  /** Applies what is missing; returns the schema version now in force. Auto-commit must be off. */
  static int apply(Connection connection) throws SQLException {
    try (var st = connection.createStatement()) {
      st.execute(CREATE_VERSION_TABLE);
    }
    connection.commit();
    int current = currentVersion(connection);
    if (current > SCRIPTS.size()) {
      throw new StoreException("The store has schema version " + current + " but this Stratus knows only up to "
          + SCRIPTS.size() + "; it was written by a newer Stratus.");
    }
    for (int version = current + 1; version <= SCRIPTS.size(); version++) {
      String script = SCRIPTS.get(version - 1);
      try {
        try (var st = connection.createStatement()) {
          for (String sql : statements(read(script))) st.execute(sql);
        }
        try (var insert = connection.prepareStatement("INSERT INTO schema_version (version, script) VALUES (?, ?)")) {
          insert.setInt(1, version);
          insert.setString(2, script);
          insert.executeUpdate();
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw new StoreException("Schema migration " + script + " failed", e);
      }
    }
    return SCRIPTS.size();
  }

  static int currentVersion(Connection connection) throws SQLException {
    try (var st = connection.createStatement(); var rs = st.executeQuery("SELECT MAX(version) FROM schema_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  static List<String> statements(String script) {
    var withoutComments = script.lines().filter(l -> !l.strip().startsWith("--")).reduce("", (a, b) -> a + b + "\n");
    return Arrays.stream(withoutComments.split(";\\s*\\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static String read(String script) {
    try (InputStream in = SchemaMigrations.class.getResourceAsStream("migration/" + script)) {
      if (in == null) throw new IllegalStateException("missing migration resource " + script);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
