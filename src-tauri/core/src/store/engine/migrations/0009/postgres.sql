-- Factdesk schema version 9 on a server: who may do what is enforced here,
-- by the server, whatever client connects.
--
-- * The editor is the login (session_user): triggers write it into every
--   transition, publication, withdrawal, save, trash and audit row; a name
--   a client sends is not trusted.
-- * Three roles: factdesk_writer (create and edit drafts, submit),
--   factdesk_editor (also approve, send back, publish, withdraw) and
--   factdesk_admin (also the approval rule, the outlet registry, users).
--   The owner of the desk's tables counts as an admin.
-- * Transitions, published editions and the audit trail cannot be changed
--   or removed by any factdesk role (no UPDATE/DELETE grants; rows go only
--   when a never-published draft is purged from the trash, by cascade).
-- * An approval by the login that edited the edition last is refused while
--   the second-editor rule is on, and so is a publication that was not
--   approved.
-- * A copy of another desk's history (db copy) keeps its names only when an
--   admin says so for that transaction (SET LOCAL factdesk.copying = 'on').

CREATE TABLE audit (
    seq     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at      TEXT NOT NULL,
    editor  TEXT NOT NULL,
    action  TEXT NOT NULL,
    subject TEXT NOT NULL,
    before  TEXT NOT NULL DEFAULT '',
    after   TEXT NOT NULL DEFAULT ''
);

-- A display name per login: shown beside the login, never compared.
CREATE TABLE display_names (
    login TEXT PRIMARY KEY DEFAULT session_user,
    name  TEXT NOT NULL
);
ALTER TABLE display_names ENABLE ROW LEVEL SECURITY;
CREATE POLICY display_names_read ON display_names FOR SELECT USING (true);
CREATE POLICY display_names_own ON display_names FOR ALL
    USING (login = session_user) WITH CHECK (login = session_user);

-- Roles are the cluster's, shared by every desk on it: made once, and a
-- desk created beside another one at the same moment does not fail.
DO $$
DECLARE
    made RECORD;
BEGIN
    FOR made IN SELECT * FROM (VALUES
        ('factdesk_writer', NULL), ('factdesk_editor', 'factdesk_writer'), ('factdesk_admin', 'factdesk_editor')) AS r(name, parent)
    LOOP
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = made.name) THEN
                EXECUTE format('CREATE ROLE %I NOLOGIN', made.name);
            END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
        IF made.parent IS NOT NULL AND NOT pg_has_role(made.name, made.parent, 'MEMBER') THEN
            BEGIN
                EXECUTE format('GRANT %I TO %I', made.parent, made.name);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;
            END;
        END IF;
    END LOOP;
END;
$$;

-- Whether the session's login holds `role` (directly or through a higher
-- one); the owner of the desk's tables and superusers hold every role.
CREATE FUNCTION factdesk_may(role TEXT) RETURNS BOOLEAN
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT pg_has_role(session_user, role, 'MEMBER')
        OR pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = 'public.stories'::regclass), 'MEMBER')
        OR EXISTS (SELECT 1 FROM pg_roles WHERE rolname = session_user AND rolsuper)
$$;

-- The highest factdesk role of the session's login ('' when it has none).
CREATE FUNCTION factdesk_role() RETURNS TEXT
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT CASE
        WHEN public.factdesk_may('factdesk_admin') THEN 'admin'
        WHEN public.factdesk_may('factdesk_editor') THEN 'editor'
        WHEN public.factdesk_may('factdesk_writer') THEN 'writer'
        ELSE '' END
$$;

-- Whether this transaction copies another desk's history, as an admin.
CREATE FUNCTION factdesk_copying() RETURNS BOOLEAN LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('factdesk.copying', true), '') = 'on'
       AND public.factdesk_may('factdesk_admin')
$$;

CREATE FUNCTION factdesk_refuse(message TEXT) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = 'factdesk: ' || message;
END;
$$;

CREATE FUNCTION factdesk_need(role TEXT, what TEXT) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
    IF NOT public.factdesk_may('factdesk_' || role) THEN
        PERFORM public.factdesk_refuse(format('%s may not %s: that needs the %s role', session_user, what, role));
    END IF;
END;
$$;

CREATE FUNCTION factdesk_rule_on() RETURNS BOOLEAN LANGUAGE sql STABLE AS $$
    SELECT coalesce((SELECT value FROM public.settings WHERE key = 'second-editor-approval'), 'on') <> 'off'
$$;

-- Transitions: recorded as the login; approving, sending back, publishing
-- and withdrawing need an editor; the second-editor rule holds here too.
CREATE FUNCTION factdesk_transition_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    story RECORD;
BEGIN
    IF public.factdesk_copying() THEN
        RETURN NEW;
    END IF;
    NEW.editor := session_user;
    IF NEW.to_state IN ('approved', 'published', 'withdrawn')
       OR (NEW.to_state = 'draft' AND NEW.from_state IN ('in-review', 'approved')) THEN
        PERFORM public.factdesk_need('editor', format('move story %s to %s', NEW.story_id, NEW.to_state));
    END IF;
    SELECT status, edited_by INTO story FROM public.stories WHERE id = NEW.story_id;
    IF NEW.to_state = 'approved' AND public.factdesk_rule_on() AND story.edited_by = session_user THEN
        PERFORM public.factdesk_refuse(format(
            '%s edited this edition last, so another editor must approve it', session_user));
    END IF;
    IF NEW.to_state = 'published' AND public.factdesk_rule_on() AND story.status <> 'approved' THEN
        PERFORM public.factdesk_refuse(format(
            'story %s must be approved by a second editor before it is published (the desk''s rule)', NEW.story_id));
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER transitions_guard BEFORE INSERT ON transitions
    FOR EACH ROW EXECUTE FUNCTION factdesk_transition_guard();

-- Editions: a published edition's text, date, note and publisher never
-- change; only its state (superseded, withdrawn) and its withdrawal do,
-- by an editor. Publishing and withdrawing are recorded as the login.
CREATE FUNCTION factdesk_edition_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF public.factdesk_copying() THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.published_at IS NOT NULL AND (
           NEW.document IS DISTINCT FROM OLD.document
        OR NEW.published_at IS DISTINCT FROM OLD.published_at
        OR NEW.published_by IS DISTINCT FROM OLD.published_by
        OR NEW.correction IS DISTINCT FROM OLD.correction
        OR NEW.number IS DISTINCT FROM OLD.number
        OR NEW.story_id IS DISTINCT FROM OLD.story_id) THEN
        PERFORM public.factdesk_refuse(format('edition %s of story %s is published and cannot be changed', OLD.number, OLD.story_id));
    END IF;
    IF NEW.state IN ('approved', 'published', 'superseded', 'withdrawn')
       AND (TG_OP = 'INSERT' OR NEW.state IS DISTINCT FROM OLD.state) THEN
        PERFORM public.factdesk_need('editor', format('mark edition %s of story %s %s', NEW.number, NEW.story_id, NEW.state));
    END IF;
    IF NEW.published_at IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.published_at IS NULL) THEN
        NEW.published_by := session_user;
    END IF;
    IF NEW.withdrawn_at IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.withdrawn_at IS NULL) THEN
        PERFORM public.factdesk_need('editor', format('withdraw story %s', NEW.story_id));
        NEW.withdrawn_by := session_user;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER editions_guard BEFORE INSERT OR UPDATE ON editions
    FOR EACH ROW EXECUTE FUNCTION factdesk_edition_guard();

-- Stories: every save is recorded as the login; a state only an editor
-- reaches needs an editor; a story that was ever published is never
-- removed.
CREATE FUNCTION factdesk_story_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.live_edition IS NOT NULL OR OLD.published_at IS NOT NULL THEN
            PERFORM public.factdesk_refuse(format('story %s was published and cannot be removed', OLD.id));
        END IF;
        RETURN OLD;
    END IF;
    IF public.factdesk_copying() THEN
        RETURN NEW;
    END IF;
    NEW.saved_by := session_user;
    IF TG_OP = 'INSERT' OR NEW.edited_by IS DISTINCT FROM OLD.edited_by THEN
        NEW.edited_by := session_user;
    END IF;
    IF NEW.trashed_at IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.trashed_at IS NULL) THEN
        NEW.trashed_by := session_user;
    END IF;
    IF NEW.status IN ('approved', 'published', 'withdrawn')
       AND (TG_OP = 'INSERT' OR NEW.status IS DISTINCT FROM OLD.status) THEN
        PERFORM public.factdesk_need('editor', format('move story %s to %s', NEW.id, NEW.status));
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.status IN ('in-review', 'approved') AND NEW.status = 'draft'
       AND NEW.edition = OLD.edition AND NEW.saved_kind = 'transition' THEN
        PERFORM public.factdesk_need('editor', format('send story %s back to draft', NEW.id));
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER stories_guard BEFORE INSERT OR UPDATE OR DELETE ON stories
    FOR EACH ROW EXECUTE FUNCTION factdesk_story_guard();

CREATE FUNCTION factdesk_revision_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT public.factdesk_copying() AND TG_OP = 'INSERT' THEN
        NEW.editor := session_user;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER story_revisions_guard BEFORE INSERT ON story_revisions
    FOR EACH ROW EXECUTE FUNCTION factdesk_revision_guard();

-- The approval rule is the admins'.
CREATE FUNCTION factdesk_settings_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (TG_OP = 'DELETE' AND OLD.key = 'second-editor-approval')
       OR (TG_OP <> 'DELETE' AND NEW.key = 'second-editor-approval') THEN
        PERFORM public.factdesk_need('admin', 'change the second-editor rule');
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER settings_guard BEFORE INSERT OR UPDATE OR DELETE ON settings
    FOR EACH ROW EXECUTE FUNCTION factdesk_settings_guard();

-- The audit trail: recorded as the login, at the server's time; nobody
-- changes or removes a row.
CREATE FUNCTION factdesk_audit_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.editor := session_user;
        RETURN NEW;
    END IF;
    PERFORM public.factdesk_refuse('the audit trail is append-only');
    RETURN NULL;
END;
$$;
CREATE TRIGGER audit_guard BEFORE INSERT OR UPDATE OR DELETE ON audit
    FOR EACH ROW EXECUTE FUNCTION factdesk_audit_guard();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
    FOR EACH STATEMENT EXECUTE FUNCTION factdesk_audit_guard();

-- Users: an admin adds logins and grants roles through these functions,
-- which run as the desk's owner and record what they did.
CREATE FUNCTION factdesk_set_role(login TEXT, role TEXT, granted BOOLEAN) RETURNS VOID
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    PERFORM public.factdesk_need('admin', 'change roles');
    IF role NOT IN ('writer', 'editor', 'admin') THEN
        PERFORM public.factdesk_refuse(format('%s is not a role (writer, editor or admin)', role));
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login AND rolcanlogin) THEN
        PERFORM public.factdesk_refuse(format('there is no login %s', login));
    END IF;
    IF granted THEN
        EXECUTE format('GRANT %I TO %I', 'factdesk_' || role, login);
    ELSE
        EXECUTE format('REVOKE %I FROM %I', 'factdesk_' || role, login);
    END IF;
    INSERT INTO public.audit (at, editor, action, subject, before, after)
    VALUES (to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US000"Z"'), session_user,
            CASE WHEN granted THEN 'role-granted' ELSE 'role-revoked' END, login, '', role);
END;
$$;

CREATE FUNCTION factdesk_add_login(login TEXT, verifier TEXT) RETURNS BOOLEAN
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    PERFORM public.factdesk_need('admin', 'add logins');
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
        RETURN false;
    END IF;
    IF verifier IS NULL THEN
        EXECUTE format('CREATE ROLE %I LOGIN', login);
    ELSE
        EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', login, verifier);
    END IF;
    INSERT INTO public.audit (at, editor, action, subject, before, after)
    VALUES (to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US000"Z"'), session_user,
            'login-added', login, '', '');
    RETURN true;
END;
$$;

REVOKE ALL ON FUNCTION factdesk_set_role(TEXT, TEXT, BOOLEAN) FROM PUBLIC;
REVOKE ALL ON FUNCTION factdesk_add_login(TEXT, TEXT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION factdesk_set_role(TEXT, TEXT, BOOLEAN) TO factdesk_admin;
GRANT EXECUTE ON FUNCTION factdesk_add_login(TEXT, TEXT) TO factdesk_admin;

GRANT SELECT ON factdesk_schema, stories, sources, facts, citations, narratives, predictions,
    editions, story_revisions, transitions, settings, outlets, presence, search_pending,
    story_search, audit, display_names TO factdesk_writer;
GRANT INSERT, UPDATE, DELETE ON stories, sources, facts, citations, narratives, predictions,
    story_revisions, presence, search_pending, story_search TO factdesk_writer;
GRANT INSERT, UPDATE ON editions, settings TO factdesk_writer;
GRANT INSERT ON transitions, audit TO factdesk_writer;
GRANT INSERT, UPDATE, DELETE ON display_names TO factdesk_writer;
GRANT DELETE ON settings TO factdesk_admin;
GRANT INSERT, UPDATE, DELETE ON outlets TO factdesk_admin;
