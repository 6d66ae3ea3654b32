-- Factdesk schema version 5: full-text search, and the indexes the paged
-- story list and the outlet filter need.
--
-- story_search holds one row per story (rowid = stories.id), one column per
-- part of the story (see search::COLUMNS); the store writes it in the same
-- transaction as the story. Case and diacritics are folded.

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
