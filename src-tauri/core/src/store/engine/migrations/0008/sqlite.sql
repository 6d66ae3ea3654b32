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
