//! What only a team database on a PostgreSQL server has to get right:
//! its schema version, someone else's database, reading without writing,
//! several editors at once, passwords kept out of messages, a server away.

mod common;

use common::{found, Backend, Desk};
use factdesk_core::sample;
use factdesk_core::store::{pg, Store};

fn public_tables(desk: &Desk) -> i64 {
    desk.client()
        .query_one(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'",
            &[],
        )
        .unwrap()
        .get(0)
}

#[test]
fn a_newer_schema_is_refused_and_left_untouched() {
    let desk = Desk::new(Backend::Postgres);
    drop(desk.open());
    let newer = pg::latest() + 1;
    desk.client()
        .execute("UPDATE factdesk_schema SET version = $1", &[&newer])
        .unwrap();
    for err in [
        Store::open_location(desk.location())
            .err()
            .expect("refused for writing"),
        Store::open_location_read(desk.location())
            .err()
            .expect("refused for reading"),
    ] {
        assert_eq!(err.code(), "newer-database", "{err}");
        assert!(
            err.to_string().contains(&format!("schema version {newer}")),
            "{err}"
        );
    }
    let kept: i64 = desk
        .client()
        .query_one("SELECT version FROM factdesk_schema", &[])
        .unwrap()
        .get(0);
    assert_eq!(kept, newer);
}

/// The schema's tables and indexes, each with its definition.
fn shape(desk: &Desk) -> Vec<(String, String)> {
    desk.client()
        .query(
            "SELECT table_name || '.' || column_name, data_type || ' ' || is_nullable
               FROM information_schema.columns WHERE table_schema = 'public'
             UNION ALL
             SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'
             ORDER BY 1",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect()
}

/// The schema's own triggers, each with its table.
fn triggers(desk: &Desk) -> Vec<String> {
    desk.client()
        .query(
            "SELECT tgrelid::regclass::text || '.' || tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect()
}

/// How the search index's tsvector is stored (`m`: in the row, compressed).
fn doc_storage(desk: &Desk) -> String {
    let storage: i8 = desk
        .client()
        .query_one(
            "SELECT attstorage FROM pg_attribute WHERE attrelid = 'story_search'::regclass AND attname = 'doc'",
            &[],
        )
        .unwrap()
        .get(0);
    char::from(storage as u8).to_string()
}

/// A server desk created by a version-`version` build (its frozen schema),
/// holding one story with a revision, upgrades to exactly the fresh schema
/// and keeps the story and its history.
fn upgrades_from(version: i64, schema: &str) {
    let fresh = Desk::new(Backend::Postgres);
    drop(fresh.open());
    let old = Desk::new(Backend::Postgres);
    let mut client = old.client();
    client.batch_execute(schema).unwrap();
    client
        .batch_execute(&format!(
            "INSERT INTO factdesk_schema (version) VALUES ({version});
             INSERT INTO stories (headline, summary, image_credit, status, version, created_at, updated_at, uid,
                                  edition, saved_by, saved_kind, edited_by)
             VALUES ('Old story', '', '', 'draft', 2, '2025-01-01T00:00:00.000000000Z',
                     '2025-01-02T00:00:00.000000000Z', '7a1c0a6e-57a0-4d51-9a57-8d5a4f3f0001', 1, 'Anna', 'edit', 'Anna');
             INSERT INTO editions (story_id, number, state) VALUES (1, 1, 'draft');
             INSERT INTO story_revisions (story_id, version, saved_at, document, edition, editor, kind, encoding)
             VALUES (1, 1, '2025-01-01T00:00:00.000000000Z', '[{{\"op\":\"replace\",\"path\":\"/headline\",\"value\":\"First\"}}]',
                     1, 'Anna', 'create', 'patch');
             INSERT INTO story_search (story_id, headline, summary, facts, narratives, predictions, sources, articles)
             VALUES (1, 'Old story', '', 'A quokka was seen.', '', '', '', '');"
        ))
        .unwrap();
    let mut store = old.open();
    let upgraded = shape(&old);
    assert_eq!(upgraded, shape(&fresh), "from version {version}");
    assert_eq!(doc_storage(&old), doc_storage(&fresh), "from version {version}");
    assert_eq!(doc_storage(&old), "m", "version 16 keeps the tsvector in its row");
    for (what, name) in [
        ("version 7's table", "search_pending.story_id"),
        ("version 7's index", "story_revisions_full"),
        ("version 8's trash", "stories.trashed_at"),
        ("version 8's packed revisions", "story_revisions.packed"),
        ("version 9's audit trail", "audit.editor"),
        ("version 9's display names", "display_names.login"),
        ("version 10's story language", "stories.language"),
        ("version 10's coverage by day", "coverage_days.day"),
        ("version 11's snapshots", "source_snapshots.sha256"),
        ("version 12's feeds", "outlet_feeds.url"),
        ("version 12's wire", "wire_items.published_at"),
    ] {
        assert!(upgraded.iter().any(|(n, _)| n == name), "{what}");
    }
    let now: i64 = old
        .client()
        .query_one("SELECT version FROM factdesk_schema", &[])
        .unwrap()
        .get(0);
    assert_eq!(now, pg::latest());
    let story = store.load_story(1).unwrap();
    assert_eq!(story.story.headline, "Old story");
    assert_eq!(story.story.language, "en", "stories written before are English");
    assert_eq!(
        store.story_at(1, 1).unwrap().headline,
        "First",
        "an old revision still reads"
    );
    assert_eq!(store.index_pending().unwrap(), 0);
    assert_eq!(
        found(&mut store, "quokka"),
        [1],
        "the index written before still answers"
    );
    assert_eq!(triggers(&old), triggers(&fresh), "from version {version}");
    old.client()
        .batch_execute("UPDATE story_search SET facts = 'A pangolin was seen.' WHERE story_id = 1")
        .unwrap();
    assert_eq!(
        found(&mut store, "pangolin"),
        [1],
        "a row's text written again makes its tsvector again"
    );
    store.delete_story(1).unwrap();
    assert_eq!(store.trash().unwrap().len(), 1);
}

#[test]
fn a_version_6_server_upgrades_to_exactly_the_fresh_schema_and_keeps_its_stories() {
    upgrades_from(6, include_str!("frozen/pg-schema-v6.sql"));
}

#[test]
fn a_version_7_server_upgrades_to_exactly_the_fresh_schema_and_keeps_its_stories() {
    upgrades_from(7, include_str!("frozen/pg-schema-v7.sql"));
}

#[test]
fn a_version_8_server_upgrades_to_exactly_the_fresh_schema_and_keeps_its_stories() {
    upgrades_from(8, include_str!("frozen/pg-schema-v8.sql"));
}

#[test]
fn a_version_9_server_upgrades_to_exactly_the_fresh_schema_and_keeps_its_stories() {
    upgrades_from(9, include_str!("frozen/pg-schema-v9.sql"));
}

#[test]
fn a_version_10_server_upgrades_to_exactly_the_fresh_schema_and_keeps_its_stories() {
    upgrades_from(10, include_str!("frozen/pg-schema-v10.sql"));
}

#[test]
fn a_version_11_server_upgrades_to_exactly_the_fresh_schema_and_keeps_its_stories() {
    upgrades_from(11, include_str!("frozen/pg-schema-v11.sql"));
}

#[test]
fn a_version_12_server_upgrades_to_exactly_the_fresh_schema_and_keeps_its_stories() {
    upgrades_from(12, include_str!("frozen/pg-schema-v12.sql"));
}

#[test]
fn a_version_13_server_upgrades_to_exactly_the_fresh_schema_and_keeps_its_stories() {
    upgrades_from(13, include_str!("frozen/pg-schema-v13.sql"));
}

#[test]
fn a_version_14_server_upgrades_to_exactly_the_fresh_schema_and_keeps_its_stories() {
    upgrades_from(14, include_str!("frozen/pg-schema-v14.sql"));
}

#[test]
fn a_version_15_server_upgrades_to_exactly_the_fresh_schema_and_keeps_its_stories() {
    upgrades_from(15, include_str!("frozen/pg-schema-v15.sql"));
}

#[test]
fn a_version_16_server_upgrades_to_exactly_the_fresh_schema_and_keeps_its_stories() {
    upgrades_from(16, include_str!("frozen/pg-schema-v16.sql"));
}

#[test]
fn a_version_17_server_upgrades_to_exactly_the_fresh_schema_and_keeps_its_stories() {
    upgrades_from(17, include_str!("frozen/pg-schema-v17.sql"));
}

/// The stories citing an outlet (an outlet filter's set, in the list and
/// in searches) are read from the outlet indexes alone, never from the
/// rows, which carry the saved article text: the indexes hold every column
/// the lookup names (schema 18).
#[test]
fn the_stories_citing_an_outlet_are_read_from_its_index_alone() {
    let desk = Desk::new(Backend::Postgres);
    let mut story = sample::story(1, 3);
    story.narratives[0].outlet = "TASS".into();
    story.sources[0].outlet = "TASS".into();
    desk.open().create_story(&story).unwrap();
    let mut client = desk.client();
    // Any plan but the table's rows read in turn, whatever the planner
    // thinks of three rows.
    client
        .batch_execute("SET enable_seqscan = off; SET enable_bitmapscan = off")
        .unwrap();
    client
        .batch_execute("VACUUM ANALYZE sources, narratives")
        .unwrap();
    for table in ["sources", "narratives"] {
        let plan: Vec<String> = client
            .query(
                &format!("EXPLAIN SELECT story_id FROM {table} WHERE lower(outlet) = lower('tass')"),
                &[],
            )
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        let wanted = format!("Index Only Scan using {table}_by_outlet");
        assert!(plan.iter().any(|l| l.contains(&wanted)), "{table}: {plan:#?}");
    }
}

/// Opening a team desk asks who the login is and which schema the desk
/// has: statements without values, each sent whole in one round trip
/// (parse, bind and run together) rather than prepared first and run
/// after, a round trip each, which on a network is every command's cost.
/// Statements with values are prepared once per connection.
#[test]
fn statements_without_values_are_sent_whole_and_never_prepared() {
    let desk = Desk::new(Backend::Postgres);
    drop(desk.open());
    let mut store = desk.open_read();
    assert!(store.search("nothing-here", 5).unwrap().is_empty());
    let prepared: Vec<String> = store
        .server()
        .unwrap()
        .read(|db| db.rows("SELECT statement FROM pg_prepared_statements", &[], |r| r.get(0)))
        .unwrap();
    assert!(
        prepared.iter().any(|s| s.contains("to_tsquery")),
        "the search, with its words, is prepared: {prepared:#?}"
    );
    for opening in [
        "session_user",
        "to_regclass",
        "max(version)",
        "pg_prepared_statements",
    ] {
        assert!(
            !prepared.iter().any(|s| s.contains(opening)),
            "{opening} was prepared: {prepared:#?}"
        );
    }
}

#[test]
fn another_applications_database_is_refused_untouched() {
    let desk = Desk::new(Backend::Postgres);
    desk.client()
        .batch_execute("CREATE TABLE stories (id int, title text); INSERT INTO stories VALUES (1, 'theirs')")
        .unwrap();
    let err = Store::open_location(desk.location()).err().expect("refused");
    assert_eq!(err.code(), "not-a-database", "{err}");
    let tables = public_tables(&desk);
    assert_eq!(tables, 1, "nothing was created beside their table");
}

#[test]
fn a_reader_creates_nothing_in_an_empty_database() {
    let desk = Desk::new(Backend::Postgres);
    let err = Store::open_location_read(desk.location()).err().expect("refused");
    assert_eq!(err.code(), "not-a-database", "{err}");
    let tables = public_tables(&desk);
    assert_eq!(tables, 0);
    let mut reader = desk.open();
    reader.create_story(&sample::story(1, 1)).unwrap();
    let err = desk.open_read().delete_story(1).unwrap_err();
    assert_eq!(err.code(), "read-only", "{err}");
}

#[test]
fn two_editors_saving_one_story_never_lose_an_update() {
    let desk = Desk::new(Backend::Postgres);
    let created = desk.open().create_story(&sample::story(2, 2)).unwrap();
    let editors = 4;
    let saves_each = 15;
    let accepted: Vec<Vec<String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..editors)
            .map(|e| {
                let desk = &desk;
                scope.spawn(move || {
                    let mut store = desk.open_as(&format!("Editor {e}"));
                    let mut mine = Vec::new();
                    let mut conflicts = 0;
                    while mine.len() < saves_each {
                        let current = store.load_story(created.id).unwrap();
                        let mut story = current.story.clone();
                        let line = format!("Editor {e}, save {}.", mine.len());
                        story.summary = line.clone();
                        match store.save_story(created.id, current.version, &story) {
                            Ok(_) => mine.push(line),
                            Err(err) if err.code() == "conflict" => conflicts += 1,
                            Err(err) => panic!("{err}"),
                        }
                    }
                    eprintln!("editor {e}: {conflicts} conflicts reported");
                    mine
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let store = desk.open_read();
    let now = store.load_story(created.id).unwrap();
    assert_eq!(
        now.version,
        1 + (editors * saves_each) as i64,
        "every accepted save is a version"
    );
    let kept: std::collections::HashSet<String> = store
        .revisions(created.id)
        .unwrap()
        .into_iter()
        .map(|r| r.story.summary)
        .chain([now.story.summary])
        .collect();
    for line in accepted.iter().flatten() {
        assert!(kept.contains(line), "accepted save {line:?} is on record");
    }
}

#[test]
fn the_connection_is_encrypted_and_an_unknown_certificate_is_refused_when_checked() {
    let desk = Desk::new(Backend::Postgres);
    drop(desk.open());
    let tls_on: String = desk.client().query_one("SHOW ssl", &[]).unwrap().get(0);
    let url = desk.url_as("tls_anna", "writer");
    let store = Store::open_location(&url).unwrap();
    let sessions: Vec<bool> = desk
        .client()
        .query(
            "SELECT ssl FROM pg_stat_ssl JOIN pg_stat_activity USING (pid) WHERE usename = 'tls_anna'",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(
        sessions,
        vec![tls_on == "on"],
        "sslmode prefer encrypts when the server can"
    );
    drop(store);
    if tls_on == "on" {
        // The test server's certificate names localhost (Debian's snakeoil
        // certificate, self-signed): asked for by address, it names another
        // server, whether or not the system trusts it.
        let host = std::env::var("PGHOST").unwrap();
        let by_address = url.replacen(&format!("@{host}:"), "@127.0.0.1:", 1);
        assert_ne!(by_address, url, "{url}");
        let checked = format!(
            "{by_address}{}sslmode=verify-full",
            if url.contains('?') { '&' } else { '?' }
        );
        let err = Store::open_location(&checked).err().expect("refused");
        assert!(
            err.to_string().contains("the team database's certificate"),
            "{err}"
        );
    }
}

#[test]
fn a_wrong_password_is_never_shown() {
    let host = std::env::var("PGHOST").unwrap();
    let port = std::env::var("PGPORT").unwrap();
    let url = format!("postgres://postgres:NotThePassword42@{host}:{port}/postgres?sslmode=disable");
    let err = Store::open_location(&url).err().expect("refused");
    let text = err.to_string();
    assert!(!text.contains("NotThePassword42"), "{text}");
    assert!(text.contains("postgres://postgres:***@"), "{text}");
    assert_eq!(err.code(), "database", "{text}");
}

#[test]
fn a_server_away_is_named_as_such_at_once() {
    // Nothing listens on port 1.
    let started = std::time::Instant::now();
    let err = Store::open_location("postgres://anna:secret@127.0.0.1:1/desk")
        .err()
        .expect("refused");
    let text = err.to_string();
    assert_eq!(err.code(), "offline", "{text}");
    assert!(text.contains("postgres://anna:***@127.0.0.1:1/desk"), "{text}");
    assert!(!text.contains("secret"), "{text}");
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
}

#[test]
fn a_colleagues_save_is_heard_within_a_second() {
    let desk = Desk::new(Backend::Postgres);
    let mut anna = desk.open_as("Anna");
    let created = anna.create_story(&sample::story(2, 2)).unwrap();
    let mut listener = pg::Listener::connect(desk.location()).unwrap();
    let mut ben = desk.open_as("Ben");
    let mut edit = created.story.clone();
    edit.summary = "Ben's summary.".into();
    let started = std::time::Instant::now();
    ben.save_story(created.id, created.version, &edit).unwrap();
    let heard = listener.next(std::time::Duration::from_secs(5)).unwrap();
    assert!(
        started.elapsed() < std::time::Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(
        heard,
        vec![pg::StoryChange {
            story: created.id,
            version: 2,
            by: "Ben".into(),
            kind: "edit".into(),
            status: "draft".into(),
        }]
    );
    // Nothing saved, nothing heard; a transaction that fails announces nothing.
    assert!(listener
        .next(std::time::Duration::from_millis(200))
        .unwrap()
        .is_empty());
    assert!(ben.save_story(created.id, 1, &edit).is_err());
    assert!(listener
        .next(std::time::Duration::from_millis(200))
        .unwrap()
        .is_empty());
    anna.delete_story(created.id).unwrap();
    let deleted = listener.next(std::time::Duration::from_secs(5)).unwrap();
    assert_eq!(deleted[0].kind, "delete");
}

#[test]
fn presence_shows_who_has_which_story_open_until_they_leave_or_go_quiet() {
    let desk = Desk::new(Backend::Postgres);
    let anna = desk.open_as("Anna");
    let ben = desk.open_as("Ben");
    let id = desk.open().create_story(&sample::story(1, 1)).unwrap().id;
    anna.heartbeat("window-a", Some(id)).unwrap();
    ben.heartbeat("window-b", None).unwrap();
    let seen = ben.present("window-b").unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!((seen[0].editor.as_str(), seen[0].story), ("Anna", Some(id)));
    assert_eq!(anna.present("window-a").unwrap()[0].editor, "Ben");

    // A window that crashed stops beating and drops out by itself.
    desk.client()
        .execute(
            "UPDATE presence SET seen_at = now() - make_interval(secs => $1) WHERE session = 'window-a'",
            &[&((pg::PRESENCE_EXPIRES_SECS + 1) as f64)],
        )
        .unwrap();
    assert!(ben.present("window-b").unwrap().is_empty());
    anna.heartbeat("window-a", Some(id)).unwrap();
    assert_eq!(ben.present("window-b").unwrap().len(), 1);
    anna.leave("window-a").unwrap();
    assert!(ben.present("window-b").unwrap().is_empty());
}

#[test]
fn a_file_has_nobody_else() {
    let desk = Desk::new(Backend::Sqlite);
    let store = desk.open();
    store.heartbeat("w", None).unwrap();
    assert!(store.present("other").unwrap().is_empty());
}

#[test]
fn edits_kept_while_the_server_was_away_are_saved_or_kept_as_copies() {
    use factdesk_core::journal::{replay, Journal};
    let desk = Desk::new(Backend::Postgres);
    let mut anna = desk.open_as("Anna");
    let quiet = anna.create_story(&sample::story(2, 2)).unwrap();
    let busy = anna.create_story(&sample::story(3, 2)).unwrap();
    let journal = Journal::for_server(desk.dir.path(), desk.location());

    // Anna's edits are kept on her computer while the server is away ...
    let mut mine = quiet.story.clone();
    mine.summary = "Typed while the server was away.".into();
    journal.keep(quiet.id, quiet.version, &mine).unwrap();
    let mut other = busy.story.clone();
    other.summary = "Also typed offline.".into();
    journal.keep(busy.id, busy.version, &other).unwrap();
    assert_eq!(journal.entries().len(), 2);

    // ... meanwhile Ben changes one of the two stories.
    let mut ben = desk.open_as("Ben");
    let mut his = busy.story.clone();
    his.summary = "Ben's change.".into();
    ben.save_story(busy.id, busy.version, &his).unwrap();

    // A story open in the window is left to it (it saves or shows the
    // conflict itself); the others are replayed.
    let done = replay(&mut anna, &journal, &[quiet.id]).unwrap();
    assert_eq!(done.len(), 1);
    assert_eq!(journal.entries().len(), 1, "the open story's edit is still kept");
    let mut done_quiet = replay(&mut anna, &journal, &[]).unwrap();
    done_quiet.extend(done);
    let done = done_quiet;
    assert_eq!(done.len(), 2);
    assert_eq!(anna.load_story(quiet.id).unwrap().story.summary, mine.summary);
    assert_eq!(anna.load_story(busy.id).unwrap().story.summary, "Ben's change.");
    let copy = done[1].copy.expect("the changed story's edit became a copy");
    assert_eq!(
        anna.load_story(copy).unwrap().story.summary,
        "Also typed offline."
    );
    assert!(done[1].message.contains("kept as a copy"), "{}", done[1].message);
    assert!(journal.entries().is_empty());
}

#[test]
fn a_store_outlives_the_server_restarting() {
    let desk = Desk::new(Backend::Postgres);
    let mut store = desk.open();
    let created = store.create_story(&sample::story(1, 1)).unwrap();
    // Every connection to the desk is ended, as when the server restarts.
    common::admin()
        .execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
            &[&desk.location().trim_start_matches("postgres:///")],
        )
        .unwrap();
    // The first call after it may find the connection gone: it says so, and
    // the next one connects again.
    let mut edit = created.story.clone();
    edit.summary = "After the restart.".into();
    let saved = match store.save_story(created.id, created.version, &edit) {
        Ok(saved) => saved,
        Err(e) => {
            assert_eq!(e.code(), "offline", "{e}");
            store.save_story(created.id, created.version, &edit).unwrap()
        }
    };
    assert_eq!(saved.version, 2);
}

#[test]
fn a_password_goes_to_pgpass_not_to_settings() {
    let dir = tempfile::TempDir::new().unwrap();
    let pgpass = dir.path().join("pgpass");
    std::fs::write(&pgpass, "db.example:5432:desk:anna:old\nother:5432:*:*:keep\n").unwrap();
    // PGPASSFILE is read by this process only; tests in this binary that
    // connect take passwords from PGPASSWORD first.
    std::env::set_var("PGPASSFILE", &pgpass);
    let stored =
        pg::remember_password("postgres://anna:n%3Aew@db.example:5432/desk?sslmode=require").unwrap();
    std::env::remove_var("PGPASSFILE");
    assert_eq!(stored, "postgres://anna@db.example:5432/desk?sslmode=require");
    let text = std::fs::read_to_string(&pgpass).unwrap();
    assert_eq!(text, "other:5432:*:*:keep\ndb.example:5432:desk:anna:n\\:ew\n");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&pgpass).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn a_listener_notices_its_connection_ended_and_heads_catch_up_with_what_it_missed() {
    let desk = Desk::new(Backend::Postgres);
    let mut anna = desk.open_as("Anna");
    let created = anna.create_story(&sample::story(1, 1)).unwrap();
    let mut listener = pg::Listener::connect(desk.location()).unwrap();
    listener.next(std::time::Duration::from_millis(100)).unwrap();
    // The server ends every connection (a restart), then a colleague saves
    // while nobody listens.
    common::admin()
        .execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
            &[&desk.location().trim_start_matches("postgres:///")],
        )
        .unwrap();
    let mut ben = desk.open_as("Ben");
    let mut edit = created.story.clone();
    edit.summary = "Saved while nobody listened.".into();
    ben.save_story(created.id, 1, &edit).unwrap();
    // The old listener says it is gone (within its ping), never just quiet.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        match listener.next(std::time::Duration::from_millis(500)) {
            Err(e) => {
                assert_eq!(e.code(), "offline", "{e}");
                break;
            }
            Ok(_) => assert!(
                std::time::Instant::now() < deadline,
                "the ended connection went unnoticed"
            ),
        }
    }
    // A new one, and the heads of what the window shows, catch up.
    let _again = pg::Listener::connect(desk.location()).unwrap();
    let heads = match anna.heads(&[created.id, 999]) {
        Ok(heads) => heads,
        Err(e) if e.code() == "offline" => anna.heads(&[created.id, 999]).unwrap(),
        Err(e) => panic!("{e}"),
    };
    assert_eq!((heads[0].version, heads[0].by.as_str()), (2, "Ben"));
    assert_eq!(heads[1].kind, "delete", "a story that is not there");
}
