-- Factdesk schema version 1. Frozen once shipped: later changes are new files.

CREATE TABLE stories (
    id           INTEGER PRIMARY KEY,
    headline     TEXT    NOT NULL,
    summary      TEXT    NOT NULL,
    image_credit TEXT    NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('draft', 'published')),
    version      INTEGER NOT NULL CHECK (version >= 1),
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    published_at TEXT
) STRICT;

CREATE INDEX stories_by_update ON stories (updated_at DESC, id DESC);

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

-- source_id has no foreign key on purpose: a citation may outlive its source,
-- and the publish gate reports it instead of the store refusing the save.
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

-- probability is not range-checked here: an out-of-range draft must still
-- save (never lose an edit); the publish gate reports it.
CREATE TABLE predictions (
    story_id    INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    id          TEXT    NOT NULL,
    position    INTEGER NOT NULL,
    statement   TEXT    NOT NULL,
    probability INTEGER,
    forecaster  TEXT    NOT NULL,
    PRIMARY KEY (story_id, id)
) STRICT;

-- The state a story had before each save, as a factdesk/1 JSON document.
CREATE TABLE story_revisions (
    story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    version  INTEGER NOT NULL,
    saved_at TEXT    NOT NULL,
    document TEXT    NOT NULL,
    PRIMARY KEY (story_id, version)
) STRICT;

CREATE TABLE outlets (
    name TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
    lr   INTEGER CHECK (lr BETWEEN 1 AND 5),
    cp   INTEGER CHECK (cp BETWEEN 1 AND 5)
) STRICT;
