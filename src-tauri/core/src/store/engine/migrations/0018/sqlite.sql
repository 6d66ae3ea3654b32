-- Factdesk schema version 18 on SQLite: nothing changes (SQLite reads the
-- outlet indexes alone since version 15). On PostgreSQL the outlet indexes
-- carry the outlet as written (see 0018/postgres.sql); the version keeps
-- the two backends' numbers as one.
SELECT 1;
