-- Factdesk schema version 14: a smaller file.
--
-- story_search keeps no copy of the text it indexes (content = ''): the
-- stories are the record, and the few hits a search shows are marked from
-- them (store::ops::search_marks). contentless_delete lets a story's row be
-- replaced and removed by rowid as before. Ranking reads the index alone,
-- so results and their order stay.
--
-- Only three-letter prefixes keep a ready list (prefix = '3'): the shortest
-- prefix a query may use is the one shared by the most words, so it is the
-- costly one to gather (gan* over 30,000 stories: 15 ms with the list, 48
-- ms without); a longer prefix names a few words, read as fast either way,
-- and the four-letter lists took 30% of the index.
CREATE VIRTUAL TABLE story_search_v14 USING fts5(
    headline, summary, facts, narratives, predictions, sources, articles,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '3',
    content = '',
    contentless_delete = 1
);
INSERT INTO story_search_v14 (rowid, headline, summary, facts, narratives, predictions, sources, articles)
SELECT rowid, headline, summary, facts, narratives, predictions, sources, articles FROM story_search;
DROP TABLE story_search;
ALTER TABLE story_search_v14 RENAME TO story_search;

-- Facts, citations and coverage parts are read and written by their
-- primary key only, so they are stored in it (WITHOUT ROWID) instead of in
-- a table with a copy of the key beside it.
CREATE TABLE facts_v14 (
    story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    id       TEXT    NOT NULL,
    position INTEGER NOT NULL,
    text     TEXT    NOT NULL,
    PRIMARY KEY (story_id, id)
) STRICT, WITHOUT ROWID;
INSERT INTO facts_v14 (story_id, id, position, text) SELECT story_id, id, position, text FROM facts;
DROP TABLE facts;
ALTER TABLE facts_v14 RENAME TO facts;

CREATE TABLE citations_v14 (
    story_id  INTEGER NOT NULL,
    fact_id   TEXT    NOT NULL,
    position  INTEGER NOT NULL,
    source_id TEXT    NOT NULL,
    PRIMARY KEY (story_id, fact_id, position),
    FOREIGN KEY (story_id, fact_id) REFERENCES facts (story_id, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
INSERT INTO citations_v14 (story_id, fact_id, position, source_id)
SELECT story_id, fact_id, position, source_id FROM citations;
DROP TABLE citations;
ALTER TABLE citations_v14 RENAME TO citations;

CREATE TABLE coverage_parts_v14 (
    story_id  INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    kind      TEXT    NOT NULL CHECK (kind IN ('source', 'narrative')),
    outlet    TEXT    NOT NULL,
    domain    TEXT    NOT NULL,
    items     INTEGER NOT NULL,
    citations INTEGER NOT NULL,
    PRIMARY KEY (story_id, kind, outlet, domain)
) STRICT, WITHOUT ROWID;
INSERT INTO coverage_parts_v14 (story_id, kind, outlet, domain, items, citations)
SELECT story_id, kind, outlet, domain, items, citations FROM coverage_parts;
DROP TABLE coverage_parts;
ALTER TABLE coverage_parts_v14 RENAME TO coverage_parts;
