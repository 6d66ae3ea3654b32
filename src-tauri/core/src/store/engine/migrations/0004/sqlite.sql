-- Factdesk schema version 4: editions, transitions, revisions as deltas,
-- editors, per-database settings, and one story per uid.
--
-- stories is rebuilt (its status CHECK gains the review states); foreign
-- keys are off while migrations run, so its children keep their rows.

CREATE TABLE stories_v4 (
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
) STRICT;

INSERT INTO stories_v4 (id, headline, summary, image_credit, status, version, created_at, updated_at, published_at, uid)
SELECT id, headline, summary, image_credit, status, version, created_at, updated_at, published_at, uid FROM stories;

DROP TABLE stories;
ALTER TABLE stories_v4 RENAME TO stories;
CREATE INDEX stories_by_update ON stories (updated_at DESC, id DESC);

-- Importing one file twice used to give two stories one uid: the later ones get fresh UUIDs.
UPDATE stories SET uid = lower(
    hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
    || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))
) WHERE id NOT IN (SELECT min(id) FROM stories GROUP BY uid);
CREATE UNIQUE INDEX stories_by_uid ON stories (uid);

-- One row per edition. A published (or superseded, or withdrawn) edition
-- keeps the story as readers saw it, frozen, in document (factdesk/1 JSON).
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

INSERT INTO editions (story_id, number, state, published_at)
SELECT id, 1, status, published_at FROM stories;
UPDATE stories SET live_edition = 1 WHERE status = 'published';

-- Every transition: who, when, from what to what, and why.
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

-- Earlier versions: a full document, or a JSON Patch that turns the next
-- newer kept state (or the story as it is now) into this one.
ALTER TABLE story_revisions ADD COLUMN edition  INTEGER NOT NULL DEFAULT 1;
ALTER TABLE story_revisions ADD COLUMN editor   TEXT    NOT NULL DEFAULT '';
ALTER TABLE story_revisions ADD COLUMN kind     TEXT    NOT NULL DEFAULT 'edit';
ALTER TABLE story_revisions ADD COLUMN encoding TEXT    NOT NULL DEFAULT 'full' CHECK (encoding IN ('full', 'patch'));

CREATE TABLE settings (
    key   TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
INSERT INTO settings (key, value) VALUES ('second-editor-approval', 'on');
