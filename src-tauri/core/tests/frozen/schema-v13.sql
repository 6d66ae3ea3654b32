-- Factdesk schema version 13 as it shipped: version 12's schema (frozen in
-- schema-v12.sql) with migration 0013/sqlite.sql applied (a no-op on SQLite),
-- as a version-13 build made it. Frozen: never edit this file; migration
-- tests start from it.



CREATE TABLE sources (
    story_id     INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    id           TEXT    NOT NULL,
    position     INTEGER NOT NULL,
    outlet       TEXT    NOT NULL,
    url          TEXT    NOT NULL,
    title        TEXT    NOT NULL,
    published_on TEXT,
    saved_text   TEXT    NOT NULL,
    PRIMARY KEY (story_id, id)
) STRICT;

CREATE TABLE facts (
    story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    id       TEXT    NOT NULL,
    position INTEGER NOT NULL,
    text     TEXT    NOT NULL,
    PRIMARY KEY (story_id, id)
) STRICT;

CREATE TABLE citations (
    story_id  INTEGER NOT NULL,
    fact_id   TEXT    NOT NULL,
    position  INTEGER NOT NULL,
    source_id TEXT    NOT NULL,
    PRIMARY KEY (story_id, fact_id, position),
    FOREIGN KEY (story_id, fact_id) REFERENCES facts (story_id, id) ON DELETE CASCADE
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
    document TEXT    NOT NULL, edition  INTEGER NOT NULL DEFAULT 1, editor   TEXT    NOT NULL DEFAULT '', kind     TEXT    NOT NULL DEFAULT 'edit', encoding TEXT    NOT NULL DEFAULT 'full' CHECK (encoding IN ('full', 'patch')),
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
, axis_first TEXT, axis_second TEXT) STRICT;

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

CREATE VIRTUAL TABLE story_search USING fts5(
    headline, summary, facts, narratives, predictions, sources, articles,
    tokenize = 'unicode61 remove_diacritics 2',
    -- Prefix queries (zelensk*) read a ready list instead of every longer word.
    prefix = '3 4'
);

CREATE INDEX sources_by_outlet ON sources (outlet COLLATE NOCASE);

CREATE INDEX narratives_by_outlet ON narratives (outlet COLLATE NOCASE);

CREATE INDEX stories_by_headline ON stories (headline COLLATE NOCASE, id);

CREATE INDEX stories_by_published ON stories (published_at DESC, id DESC);

INSERT INTO settings (key, value) VALUES ('second-editor-approval', 'on');

CREATE TABLE search_pending (
    story_id INTEGER PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE
) STRICT;

CREATE INDEX story_revisions_full ON story_revisions (story_id, version) WHERE encoding = 'full';


-- Factdesk schema version 8: deleted drafts wait in a trash, and revisions
-- are kept compressed.
--
-- A deleted story keeps its row, its parts and its whole history, marked
-- with when and by whom it went to the trash; every list, search and count
-- leaves it out, and restoring it brings back the same id, uid and history.
-- A story that was ever published is never trashed (it is withdrawn). The
-- trash is emptied of stories older than 30 days by the next writer.
ALTER TABLE stories ADD COLUMN trashed_at TEXT;
ALTER TABLE stories ADD COLUMN trashed_by TEXT;
CREATE INDEX stories_in_trash ON stories (trashed_at) WHERE trashed_at IS NOT NULL;

-- A revision's document compressed (zstd) when that is smaller, its text
-- column then empty. Rows written before keep their text.
ALTER TABLE story_revisions ADD COLUMN packed BLOB;

-- Factdesk schema version 9: an audit trail.
--
-- Every change of the desk's rule, of the outlet registry, every restore,
-- merge, deletion and trash restore is one row: who, when, what, and the
-- value before and after. Rows are only ever added; the triggers refuse
-- changing or removing one (a file desk cannot stop someone who edits the
-- file with other tools; a team desk on a server enforces it for real).
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


-- Factdesk schema version 10: the language a story is written in (a BCP 47
-- tag; English for every story written before), for its exports and for
-- spell checking as the editor types.

ALTER TABLE stories ADD COLUMN language TEXT NOT NULL DEFAULT 'en';

-- And the desk's coverage kept as it goes, so the
-- Coverage view reads a period's days instead of every citation in it.
-- coverage_stories: each story's day (its first publication, else its last
-- update) and which side's narrative it lacks; coverage_parts: what each
-- story adds, per cited outlet and URL domain (sources) or narrative outlet;
-- coverage_days: those summed per day. Every write of a story updates its
-- rows in the same transaction (store/tables/coverage_index.rs); a story in
-- the trash adds nothing. Filled for every story by this migration's step.

CREATE TABLE coverage_stories (
    story_id INTEGER PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,
    day      TEXT    NOT NULL,
    lacks    TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX coverage_stories_by_day ON coverage_stories (day);

CREATE TABLE coverage_parts (
    story_id  INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    kind      TEXT    NOT NULL CHECK (kind IN ('source', 'narrative')),
    outlet    TEXT    NOT NULL,
    domain    TEXT    NOT NULL,
    items     INTEGER NOT NULL,
    citations INTEGER NOT NULL,
    PRIMARY KEY (story_id, kind, outlet, domain)
) STRICT;

CREATE TABLE coverage_days (
    day       TEXT    NOT NULL,
    kind      TEXT    NOT NULL CHECK (kind IN ('source', 'narrative')),
    outlet    TEXT    NOT NULL,
    domain    TEXT    NOT NULL,
    items     INTEGER NOT NULL,
    citations INTEGER NOT NULL,
    PRIMARY KEY (day, kind, outlet, domain)
) STRICT;

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



-- Factdesk schema version 12: the wire.
-- outlet_feeds: the feeds (RSS, Atom, JSON Feed) the desk pulls, each under
-- the registry name of the outlet that publishes it (by name, not by key:
-- restoring the registry must not take its feeds with it). etag and
-- last_modified are the last answer's validators for the next conditional
-- request; pulled_at and outcome say when it was last pulled and how it went
-- (one line for the editor).
-- wire_items: what the feeds brought, one row per article by its canonical
-- URL (the first feed to bring it names the outlet); published_at is the
-- item's own date, or when it was first seen when it gave none. Items older
-- than the desk's wire window are pruned on each pull.

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

PRAGMA user_version = 13;
