-- The schema version of each row's record type when the row was written (Table.schema()),
-- so that a record's shape can change and old rows be recognised.
ALTER TABLE resource ADD COLUMN schema_version INTEGER NOT NULL DEFAULT 1;
