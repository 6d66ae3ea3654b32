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
