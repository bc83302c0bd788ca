-- Every resource of every service: one JSON document per (table, scope, id).
-- Portable SQL: this runs unchanged on SQLite and PostgreSQL.
CREATE TABLE resource (
  table_name TEXT NOT NULL,
  scope      TEXT NOT NULL,
  id         TEXT NOT NULL,
  body       TEXT NOT NULL,
  version    BIGINT NOT NULL,
  PRIMARY KEY (table_name, scope, id)
);
