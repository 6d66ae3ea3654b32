-- Factdesk schema version 11: sources captured from the web.
-- sources.captured_at: when a source's saved text was captured from its
-- page (NULL for one typed or pasted by hand).
-- source_snapshots: every fetch of a captured source's page that found
-- something new — the first is the version the story cited; a recheck adds
-- one when the article's readable text changed or the page is gone. body is
-- the raw response, zstd-compressed; sha256 is of the raw bytes; checked_at
-- is the last recheck that found the row still current. No foreign key to
-- sources: a story's sources are rewritten on save, its snapshots are not.

ALTER TABLE sources ADD COLUMN captured_at TEXT;

CREATE TABLE source_snapshots (
    id            INTEGER PRIMARY KEY,
    story_id      INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    source_id     TEXT    NOT NULL,
    fetched_at    TEXT    NOT NULL,
    requested_url TEXT    NOT NULL,
    final_url     TEXT    NOT NULL,
    status        INTEGER NOT NULL,
    etag          TEXT,
    last_modified TEXT,
    sha256        TEXT    NOT NULL,
    body          BLOB    NOT NULL,
    text          TEXT    NOT NULL,
    checked_at    TEXT    NOT NULL
) STRICT;
CREATE INDEX source_snapshots_by_source ON source_snapshots (story_id, source_id, id);
