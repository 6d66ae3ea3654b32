-- Factdesk schema version 6: a story's narrative axis. NULL: the
-- establishment axis; otherwise the labels of its two sides.

ALTER TABLE stories ADD COLUMN axis_first TEXT;
ALTER TABLE stories ADD COLUMN axis_second TEXT;
