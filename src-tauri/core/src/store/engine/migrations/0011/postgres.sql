-- Factdesk schema version 11 on PostgreSQL: sources captured from the web
-- (see 0011/sqlite.sql for what each column holds). Writers add snapshots
-- and mark them checked; nobody rewrites one.

ALTER TABLE sources ADD COLUMN captured_at TEXT;

CREATE TABLE source_snapshots (
    id            BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    story_id      BIGINT  NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    source_id     TEXT    NOT NULL,
    fetched_at    TEXT    NOT NULL,
    requested_url TEXT    NOT NULL,
    final_url     TEXT    NOT NULL,
    status        INTEGER NOT NULL,
    etag          TEXT,
    last_modified TEXT,
    sha256        TEXT    NOT NULL,
    body          BYTEA   NOT NULL,
    text          TEXT    NOT NULL,
    checked_at    TEXT    NOT NULL
);
CREATE INDEX source_snapshots_by_source ON source_snapshots (story_id, source_id, id);

GRANT SELECT, INSERT ON source_snapshots TO factdesk_writer;
GRANT UPDATE (checked_at) ON source_snapshots TO factdesk_writer;
