-- Factdesk schema version 7: the stories whose search index row lags their
-- saved text.
--
-- A story's index row holds all of its text, so re-indexing it costs what
-- the story costs: at 3,000 facts that was two thirds of a one-field save.
-- An editor's typing saves mark the story here instead, in the same
-- transaction, and the store re-indexes the marked stories when the editor
-- pauses, before the window searches and when a database is opened for
-- writing.

CREATE TABLE search_pending (
    story_id INTEGER PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE
) STRICT;

-- A save finds the story's last full revision document (and a rebuild its
-- nearest one) without walking every revision's document.
CREATE INDEX story_revisions_full ON story_revisions (story_id, version) WHERE encoding = 'full';
