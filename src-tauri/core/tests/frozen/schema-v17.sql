-- Factdesk schema version 17 as it shipped: version 16's schema (frozen in
-- schema-v16.sql) with migration 0017/sqlite.sql applied (which changes
-- nothing on a file), as a version-17 build made it. Frozen: never edit
-- this file; migration tests start from it.

CREATE TABLE sources (
    story_id     INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    id           TEXT    NOT NULL,
    position     INTEGER NOT NULL,
    outlet       TEXT    NOT NULL,
    url          TEXT    NOT NULL,
    title        TEXT    NOT NULL,
    published_on TEXT,
    saved_text   TEXT    NOT NULL, captured_at TEXT,
    PRIMARY KEY (story_id, id)
) STRICT;
CREATE TABLE narratives (
    story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    id       TEXT    NOT NULL,
    position INTEGER NOT NULL,
    stance   TEXT    NOT NULL CHECK (stance IN ('establishment-critical', 'pro-establishment')),
    outlet   TEXT    NOT NULL,
    text     TEXT    NOT NULL,
    PRIMARY KEY (story_id, id)
) STRICT;
CREATE TABLE predictions (
    story_id    INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    id          TEXT    NOT NULL,
    position    INTEGER NOT NULL,
    statement   TEXT    NOT NULL,
    probability INTEGER,
    forecaster  TEXT    NOT NULL,
    PRIMARY KEY (story_id, id)
) STRICT;
CREATE TABLE story_revisions (
    story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    version  INTEGER NOT NULL,
    saved_at TEXT    NOT NULL,
    document TEXT    NOT NULL, edition  INTEGER NOT NULL DEFAULT 1, editor   TEXT    NOT NULL DEFAULT '', kind     TEXT    NOT NULL DEFAULT 'edit', encoding TEXT    NOT NULL DEFAULT 'full' CHECK (encoding IN ('full', 'patch')), packed BLOB,
    PRIMARY KEY (story_id, version)
) STRICT;
CREATE TABLE outlets (
    name TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
    lr   INTEGER CHECK (lr BETWEEN 1 AND 5),
    cp   INTEGER CHECK (cp BETWEEN 1 AND 5)
, aliases TEXT NOT NULL DEFAULT '[]', domains TEXT NOT NULL DEFAULT '[]', notes   TEXT NOT NULL DEFAULT '') STRICT;
CREATE TABLE "stories" (
    id           INTEGER PRIMARY KEY,
    headline     TEXT    NOT NULL,
    summary      TEXT    NOT NULL,
    image_credit TEXT    NOT NULL,
    -- The state of the working (newest) edition.
    status       TEXT    NOT NULL CHECK (status IN ('draft', 'in-review', 'approved', 'published', 'withdrawn')),
    version      INTEGER NOT NULL CHECK (version >= 1),
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    published_at TEXT,
    uid          TEXT    NOT NULL,
    -- The working edition, and the one readers see (NULL before the first publication).
    edition      INTEGER NOT NULL DEFAULT 1 CHECK (edition >= 1),
    live_edition INTEGER,
    -- Who made the current version, and what kind of save it was.
    saved_by     TEXT    NOT NULL DEFAULT '',
    saved_kind   TEXT    NOT NULL DEFAULT 'edit',
    -- Who last changed the working edition's content (the approval rule's "last editor").
    edited_by    TEXT    NOT NULL DEFAULT ''
, axis_first TEXT, axis_second TEXT, trashed_at TEXT, trashed_by TEXT, language TEXT NOT NULL DEFAULT 'en') STRICT;
CREATE INDEX stories_by_update ON stories (updated_at DESC, id DESC);
CREATE UNIQUE INDEX stories_by_uid ON stories (uid);
CREATE TABLE editions (
    story_id          INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    number            INTEGER NOT NULL CHECK (number >= 1),
    state             TEXT    NOT NULL CHECK (state IN ('draft', 'in-review', 'approved', 'published', 'superseded', 'withdrawn')),
    document          TEXT,
    correction        TEXT    NOT NULL DEFAULT '',
    published_at      TEXT,
    published_by      TEXT,
    withdrawn_at      TEXT,
    withdrawn_by      TEXT,
    withdrawal_reason TEXT,
    PRIMARY KEY (story_id, number)
) STRICT;
CREATE TABLE transitions (
    story_id   INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    edition    INTEGER NOT NULL,
    at         TEXT    NOT NULL,
    editor     TEXT    NOT NULL,
    from_state TEXT    NOT NULL,
    to_state   TEXT    NOT NULL,
    note       TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (story_id, seq)
) STRICT;
CREATE TABLE settings (
    key   TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
CREATE INDEX sources_by_outlet ON sources (outlet COLLATE NOCASE, story_id);
CREATE INDEX narratives_by_outlet ON narratives (outlet COLLATE NOCASE, story_id);
CREATE INDEX stories_by_headline ON stories (headline COLLATE NOCASE, id);
CREATE INDEX stories_by_published ON stories (published_at DESC, id DESC);
CREATE TABLE search_pending (
    story_id INTEGER PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE
) STRICT;
CREATE INDEX story_revisions_full ON story_revisions (story_id, version) WHERE encoding = 'full';
CREATE INDEX stories_in_trash ON stories (trashed_at) WHERE trashed_at IS NOT NULL;
CREATE TABLE audit (
    seq     INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    editor  TEXT NOT NULL,
    action  TEXT NOT NULL,
    subject TEXT NOT NULL,
    before  TEXT NOT NULL DEFAULT '',
    after   TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'factdesk: the audit trail is append-only');
END;
CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'factdesk: the audit trail is append-only');
END;
CREATE TABLE coverage_stories (
    story_id INTEGER PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,
    day      TEXT    NOT NULL,
    lacks    TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX coverage_stories_by_day ON coverage_stories (day);
CREATE TABLE coverage_days (
    day       TEXT    NOT NULL,
    kind      TEXT    NOT NULL CHECK (kind IN ('source', 'narrative')),
    outlet    TEXT    NOT NULL,
    domain    TEXT    NOT NULL,
    items     INTEGER NOT NULL,
    citations INTEGER NOT NULL,
    PRIMARY KEY (day, kind, outlet, domain)
) STRICT;
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
CREATE TABLE outlet_feeds (
    id            INTEGER PRIMARY KEY,
    outlet        TEXT    NOT NULL,
    url           TEXT    NOT NULL UNIQUE,
    added_at      TEXT    NOT NULL,
    etag          TEXT,
    last_modified TEXT,
    pulled_at     TEXT,
    outcome       TEXT
) STRICT;
CREATE TABLE wire_items (
    id           INTEGER PRIMARY KEY,
    url          TEXT    NOT NULL UNIQUE,
    outlet       TEXT    NOT NULL,
    feed_url     TEXT    NOT NULL,
    title        TEXT    NOT NULL,
    summary      TEXT    NOT NULL,
    published_at TEXT    NOT NULL,
    dated        INTEGER NOT NULL,
    seen_at      TEXT    NOT NULL
) STRICT;
CREATE INDEX wire_items_by_published ON wire_items (published_at);
CREATE VIRTUAL TABLE "story_search" USING fts5(
    headline, summary, facts, narratives, predictions, sources, articles,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '3',
    content = '',
    contentless_delete = 1
);
CREATE TABLE "facts" (
    story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    id       TEXT    NOT NULL,
    position INTEGER NOT NULL,
    text     TEXT    NOT NULL,
    PRIMARY KEY (story_id, id)
) STRICT, WITHOUT ROWID;
CREATE TABLE "citations" (
    story_id  INTEGER NOT NULL,
    fact_id   TEXT    NOT NULL,
    position  INTEGER NOT NULL,
    source_id TEXT    NOT NULL,
    PRIMARY KEY (story_id, fact_id, position),
    FOREIGN KEY (story_id, fact_id) REFERENCES facts (story_id, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE TABLE "coverage_parts" (
    story_id  INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    kind      TEXT    NOT NULL CHECK (kind IN ('source', 'narrative')),
    outlet    TEXT    NOT NULL,
    domain    TEXT    NOT NULL,
    items     INTEGER NOT NULL,
    citations INTEGER NOT NULL,
    PRIMARY KEY (story_id, kind, outlet, domain)
) STRICT, WITHOUT ROWID;

PRAGMA user_version = 17;
