-- Factdesk schema version 10 on PostgreSQL: the language a story is written
-- in (a BCP 47 tag; English for every story written before). The table's
-- grants and guard trigger cover the new column as they stand.

ALTER TABLE stories ADD COLUMN language TEXT NOT NULL DEFAULT 'en';

-- And the desk's coverage kept as it
-- goes (see 0010/sqlite.sql for what each table holds). Writers keep these
-- rows in step with the stories they write, as they do the search index.

CREATE TABLE coverage_stories (
    story_id BIGINT NOT NULL PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,
    day      TEXT   NOT NULL,
    lacks    TEXT   NOT NULL DEFAULT ''
);
CREATE INDEX coverage_stories_by_day ON coverage_stories (day);

CREATE TABLE coverage_parts (
    story_id  BIGINT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    kind      TEXT   NOT NULL CHECK (kind IN ('source', 'narrative')),
    outlet    TEXT   NOT NULL,
    domain    TEXT   NOT NULL,
    items     BIGINT NOT NULL,
    citations BIGINT NOT NULL,
    PRIMARY KEY (story_id, kind, outlet, domain)
);

CREATE TABLE coverage_days (
    day       TEXT   NOT NULL,
    kind      TEXT   NOT NULL CHECK (kind IN ('source', 'narrative')),
    outlet    TEXT   NOT NULL,
    domain    TEXT   NOT NULL,
    items     BIGINT NOT NULL,
    citations BIGINT NOT NULL,
    PRIMARY KEY (day, kind, outlet, domain)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON coverage_stories, coverage_parts, coverage_days TO factdesk_writer;
