-- Factdesk schema version 9: an audit trail.
--
-- Every change of the desk's rule, of the outlet registry, every restore,
-- merge, deletion and trash restore is one row: who, when, what, and the
-- value before and after. Rows are only ever added; the triggers refuse
-- changing or removing one (a file desk cannot stop someone who edits the
-- file with other tools; a team desk on a server enforces it for real).
CREATE TABLE audit (
    seq     INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    editor  TEXT NOT NULL,
    action  TEXT NOT NULL,
    subject TEXT NOT NULL,
    before  TEXT NOT NULL DEFAULT '',
    after   TEXT NOT NULL DEFAULT ''
);

CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'factdesk: the audit trail is append-only');
END;

CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'factdesk: the audit trail is append-only');
END;
