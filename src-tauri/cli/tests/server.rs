//! The CLI on a team database: the same commands against a real PostgreSQL
//! (started by ./scripts/test.sh with pg_virtualenv), several processes at
//! once, and `db copy` between a file and the server in both directions.

mod common;

use common::{factdesk, publishable_json, stderr, stdout, ARTICLE, SEED};
use factdesk_core::store::scratch::ScratchDatabase;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// A fresh database on the test server; dropped after.
fn server_db() -> ScratchDatabase {
    ScratchDatabase::create("fd_cli").unwrap_or_else(|e| panic!("{e}"))
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = factdesk(db, args);
    assert!(out.status.success(), "factdesk {args:?}: {}", stderr(&out));
    stdout(&out)
}

#[test]
fn import_list_check_publish_and_export_on_the_server() {
    let dir = TempDir::new().unwrap();
    let server = server_db();
    let db = PathBuf::from(server.url());
    let id = ok(&db, &["import", SEED]);
    assert_eq!(id.trim(), "1");
    assert!(ok(&db, &["list"]).contains("US, Japan, S.Korea Condemn"));
    let check = factdesk(&db, &["check", "1"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(stdout(&check).contains("source-url-missing"));

    ok(&db, &["approval-rule", "off"]);
    let good = ok(&db, &["import", &publishable_json(dir.path())])
        .trim()
        .to_string();
    ok(&db, &["publish", &good]);
    let list: serde_json::Value = serde_json::from_str(&ok(&db, &["list", "--json"])).unwrap();
    let good_id: i64 = good.parse().unwrap();
    let row = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == good_id)
        .unwrap();
    assert_eq!(row["status"], "published");

    // The same story exports byte for byte as from a file.
    let file = dir.path().join("desk.sqlite3");
    ok(&file, &["import", SEED]);
    assert_eq!(
        ok(&db, &["export", "1", "--format", "itn"]),
        ok(&file, &["export", "1", "--format", "itn"])
    );
    assert!(ok(&db, &["search", "Condemn"]).contains("US, Japan"));
}

#[test]
fn processes_writing_one_story_at_once_all_land() {
    let dir = TempDir::new().unwrap();
    let server = server_db();
    let db = PathBuf::from(server.url());
    ok(&db, &["import", SEED]);
    let article = std::fs::read_to_string(ARTICLE).unwrap();
    let workers: Vec<_> = (1..=4)
        .map(|n| {
            let db = db.clone();
            // Each attach brings different text, so each one is a change to keep.
            let files: Vec<PathBuf> = (0..5)
                .map(|i| {
                    let path = dir.path().join(format!("article-{n}-{i}.txt"));
                    std::fs::write(&path, format!("{article}\n\nUpdate {i} for source {n}.")).unwrap();
                    path
                })
                .collect();
            std::thread::spawn(move || {
                files
                    .iter()
                    .map(|f| {
                        factdesk(
                            &db,
                            &["source", "attach", "1", &n.to_string(), f.to_str().unwrap()],
                        )
                    })
                    .filter(|o| !o.status.success())
                    .map(|o| stderr(&o))
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let failures: Vec<String> = workers.into_iter().flat_map(|w| w.join().unwrap()).collect();
    assert!(failures.is_empty(), "{failures:?}");
    let history: serde_json::Value = serde_json::from_str(&ok(&db, &["history", "1", "--json"])).unwrap();
    assert_eq!(
        history["versions"].as_array().unwrap().len(),
        21,
        "one version per attach, none lost"
    );

    // A second editor's submit of a story already in review is refused, not repeated.
    // On a server each editor is a login of their own.
    let anna = PathBuf::from(server.login_url("Anna", "editor").unwrap());
    let ben = PathBuf::from(server.login_url("Ben", "editor").unwrap());
    ok(&anna, &["submit", "1"]);
    let again = factdesk(&ben, &["submit", "1"]);
    assert_eq!(again.status.code(), Some(2), "{}", stderr(&again));
    assert!(stderr(&again).contains("is in review"), "{}", stderr(&again));
}

#[test]
fn a_desk_copied_to_the_server_and_back_is_the_same() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("desk.sqlite3");
    ok(&file, &["approval-rule", "off"]);
    ok(&file, &["import", SEED]);
    let good = ok(&file, &["import", &publishable_json(dir.path())])
        .trim()
        .to_string();
    ok(&file, &["publish", &good]);
    ok(&file, &["source", "attach", "1", "1", ARTICLE]);
    let outlets = dir.path().join("outlets.csv");
    std::fs::write(
        &outlets,
        "name,aliases,domains,lr,cp,notes\nTASS,,tass.com,4,5,state agency\n",
    )
    .unwrap();
    ok(&file, &["outlets", "import", outlets.to_str().unwrap()]);

    let server = server_db();
    let copied = ok(&file, &["db", "copy", file.to_str().unwrap(), &server.url()]);
    assert!(copied.contains("copied 2 stories and 1 outlets"), "{copied}");
    let back = dir.path().join("back.sqlite3");
    ok(&file, &["db", "copy", &server.url(), back.to_str().unwrap()]);

    for db in [PathBuf::from(server.url()), back.clone()] {
        for id in ["1", &good] {
            for format in ["json", "itn", "ninjs"] {
                assert_eq!(
                    ok(&db, &["export", id, "--format", format]),
                    ok(&file, &["export", id, "--format", format]),
                    "story {id} as {format} from {}",
                    db.display()
                );
            }
            assert_eq!(
                ok(&db, &["history", id, "--json"]),
                ok(&file, &["history", id, "--json"])
            );
        }
        assert_eq!(ok(&db, &["outlets", "export"]), ok(&file, &["outlets", "export"]));
        assert_eq!(ok(&db, &["approval-rule"]), ok(&file, &["approval-rule"]));
    }
    // A new story on the server after a copy gets the next id.
    assert_eq!(ok(&PathBuf::from(server.url()), &["import", SEED]).trim(), "3");

    // A target with stories is refused unless merging; a merge adds only what it lacks.
    let refused = factdesk(&file, &["db", "copy", file.to_str().unwrap(), &server.url()]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("--merge"), "{}", stderr(&refused));
    let merged = ok(
        &file,
        &["db", "copy", "--merge", file.to_str().unwrap(), &server.url()],
    );
    assert!(merged.contains("copied 0 stories"), "{merged}");
}

#[test]
fn a_password_in_the_url_never_appears_in_output() {
    let host = std::env::var("PGHOST").unwrap();
    let port = std::env::var("PGPORT").unwrap();
    let url = PathBuf::from(format!("postgres://postgres:Wr0ngPass@{host}:{port}/postgres"));
    let out = factdesk(&url, &["list"]);
    assert_ne!(out.status.code(), Some(0));
    let err = stderr(&out);
    assert!(!err.contains("Wr0ngPass"), "{err}");
    assert!(err.contains(":***@"), "{err}");
    let away = factdesk(Path::new("postgres://anna:hunter2@127.0.0.1:1/desk"), &["list"]);
    assert!(!stderr(&away).contains("hunter2"), "{}", stderr(&away));
    assert!(stderr(&away).contains("cannot be reached"), "{}", stderr(&away));
}

#[test]
fn watch_prints_a_colleagues_change_as_it_happens() {
    let server = server_db();
    let db = PathBuf::from(server.url());
    ok(&db, &["import", SEED]);
    let watcher = std::process::Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .args(["--db", &server.url(), "watch", "--json", "--count", "1"])
        .env_remove("FACTDESK_DB")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Give it time to start listening, then change the story from another process.
    std::thread::sleep(std::time::Duration::from_millis(700));
    let ben = PathBuf::from(server.login_url("Ben", "editor").unwrap());
    ok(&ben, &["submit", "1"]);
    let out = watcher.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let change: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(change["story"], 1);
    assert_eq!(change["by"], "Ben");
    assert_eq!(change["kind"], "transition");
    assert_eq!(change["status"], "in-review");

    let file = TempDir::new().unwrap();
    let refused = factdesk(&file.path().join("d.sqlite3"), &["watch"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("needs a team database"),
        "{}",
        stderr(&refused)
    );
}

#[test]
fn users_roles_identity_and_the_audit_trail_from_the_command_line() {
    let dir = TempDir::new().unwrap();
    let server = server_db();
    let owner = PathBuf::from(server.url());
    ok(&owner, &["import", SEED]);
    let name = server.url().rsplit('/').next().unwrap().to_string();
    let login = format!("w_{}", &name[name.len() - 8..]);
    let password = dir.path().join("pw");
    std::fs::write(&password, "s3cret-pass\n").unwrap();
    let added = ok(
        &owner,
        &[
            "users",
            "add",
            &login,
            "--role",
            "writer",
            "--password-file",
            password.to_str().unwrap(),
        ],
    );
    assert!(added.contains("added"), "{added}");
    let users: serde_json::Value = serde_json::from_str(&ok(&owner, &["users", "list", "--json"])).unwrap();
    assert!(
        users
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["login"] == login.as_str() && u["role"] == "writer"),
        "{users}"
    );

    // The new login works with its password, and is who it is.
    let host = std::env::var("PGHOST").unwrap();
    let port = std::env::var("PGPORT").unwrap();
    let writer = PathBuf::from(format!("postgres://{login}:s3cret-pass@{host}:{port}/{name}"));
    ok(&writer, &["submit", "1"]);
    let approve = factdesk(&writer, &["approve", "1"]);
    assert_eq!(approve.status.code(), Some(2));
    assert!(
        stderr(&approve).contains("your role (writer)"),
        "{}",
        stderr(&approve)
    );
    let claimed = factdesk(&writer, &["--as", "someone-else", "reject", "1", "--note", "x"]);
    assert_eq!(claimed.status.code(), Some(2));
    assert!(
        stderr(&claimed).contains("you are your database login"),
        "{}",
        stderr(&claimed)
    );
    let me = ok(&writer, &["users", "me", "Wil Writer"]);
    assert!(
        me.contains(&format!("“{login}” (Wil Writer)")) && me.contains("writer role"),
        "{me}"
    );
    let grant = factdesk(&writer, &["users", "grant", &login, "admin"]);
    assert_eq!(grant.status.code(), Some(2), "a writer grants nothing");
    assert!(
        stderr(&grant).contains("the server refused"),
        "{}",
        stderr(&grant)
    );

    ok(&owner, &["users", "grant", &login, "editor"]);
    ok(&owner, &["approval-rule", "off"]);
    let audit: serde_json::Value = serde_json::from_str(&ok(&owner, &["audit", "--json"])).unwrap();
    let actions: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        ["rule-changed", "role-granted", "role-granted", "login-added"],
        "{audit}"
    );
    assert!(ok(&owner, &["audit"]).contains("rule-changed"));
}

#[test]
fn a_password_in_the_address_does_not_stay_in_the_process_arguments() {
    let server = server_db();
    ok(&PathBuf::from(server.url()), &["import", SEED]);
    let url = server.login_url("argv_watcher", "writer").unwrap();
    assert!(url.contains(factdesk_core::store::scratch::TEST_PASSWORD));
    let mut watcher = std::process::Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .args(["--db", &url, "watch", "--count", "1"])
        .env_remove("FACTDESK_DB")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(700));
    let cmdline = std::fs::read(format!("/proc/{}/cmdline", watcher.id())).unwrap();
    watcher.kill().unwrap();
    watcher.wait().unwrap();
    let shown = String::from_utf8_lossy(&cmdline).replace('\0', " ");
    assert!(shown.contains("argv_watcher:"), "{shown}");
    assert!(
        !shown.contains(factdesk_core::store::scratch::TEST_PASSWORD),
        "{shown}"
    );
}

#[test]
fn a_killed_client_leaves_no_backend_running() {
    let server = server_db();
    let db = PathBuf::from(server.url());
    ok(&db, &["import", SEED]);
    let url = server.login_url("killed_client", "writer").unwrap();
    let sessions = || -> i64 {
        server
            .client()
            .unwrap()
            .query_one(
                "SELECT count(*) FROM pg_stat_activity WHERE usename = 'killed_client'",
                &[],
            )
            .unwrap()
            .get(0)
    };
    let mut watcher = std::process::Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .args(["--db", &url, "watch"])
        .env_remove("FACTDESK_DB")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while sessions() == 0 && start.elapsed() < std::time::Duration::from_secs(10) {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(sessions() > 0, "the watcher is connected");
    watcher.kill().unwrap();
    watcher.wait().unwrap();
    let start = std::time::Instant::now();
    while sessions() > 0 && start.elapsed() < std::time::Duration::from_secs(10) {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(sessions(), 0, "the server let the killed client's backend go");
}
