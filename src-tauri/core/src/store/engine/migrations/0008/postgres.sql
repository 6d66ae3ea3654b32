-- Factdesk schema version 8 on a server: deleted drafts wait in a trash,
-- and revisions are kept compressed (see the SQLite migration
-- 0008_trash_packed_revisions.sql).
ALTER TABLE stories ADD COLUMN trashed_at TEXT, ADD COLUMN trashed_by TEXT;
CREATE INDEX stories_in_trash ON stories (trashed_at) WHERE trashed_at IS NOT NULL;

ALTER TABLE story_revisions ADD COLUMN packed BYTEA;

-- A story moved to the trash is announced as deleted (by whoever moved it),
-- one brought back as undeleted, so colleagues' windows follow.
CREATE OR REPLACE FUNCTION factdesk_announce() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    kind TEXT;
    who  TEXT;
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('factdesk', json_build_object(
            'story', OLD.id, 'version', OLD.version, 'by', '', 'kind', 'delete', 'status', OLD.status)::text);
        RETURN OLD;
    END IF;
    kind := NEW.saved_kind;
    who := NEW.saved_by;
    IF TG_OP = 'UPDATE' AND NEW.trashed_at IS NOT NULL AND OLD.trashed_at IS NULL THEN
        kind := 'delete';
        who := coalesce(NEW.trashed_by, '');
    ELSIF TG_OP = 'UPDATE' AND NEW.trashed_at IS NULL AND OLD.trashed_at IS NOT NULL THEN
        kind := 'undelete';
    END IF;
    PERFORM pg_notify('factdesk', json_build_object(
        'story', NEW.id, 'version', NEW.version, 'by', who, 'kind', kind, 'status', NEW.status)::text);
    RETURN NEW;
END;
$$;
