-- Factdesk schema version 15 on PostgreSQL: the outlet indexes hold the
-- story too (see 0015/sqlite.sql), so the stories citing an outlet are
-- read from the index alone.
DROP INDEX sources_by_outlet;
CREATE INDEX sources_by_outlet ON sources (lower(outlet), story_id);
DROP INDEX narratives_by_outlet;
CREATE INDEX narratives_by_outlet ON narratives (lower(outlet), story_id);
