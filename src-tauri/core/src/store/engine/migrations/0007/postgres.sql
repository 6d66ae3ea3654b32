-- Factdesk schema version 7 on a server: the stories whose search index row
-- lags their saved text (see the SQLite migration 0007_search_pending.sql).

CREATE TABLE search_pending (
    story_id BIGINT PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE
);

-- A save finds the story's last full revision document (and a rebuild its
-- nearest one) without reading every revision.
CREATE INDEX story_revisions_full ON story_revisions (story_id, version) WHERE encoding = 'full';
