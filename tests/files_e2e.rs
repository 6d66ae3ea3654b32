//! End-to-end: what the real window may do with files and the database file
//! itself: only paths picked in a dialog, a migration that says where its
//! backup is, and a backup restored from the Backups dialog.

mod support;

use support::Session;

const FROZEN_V1: &str = include_str!("../src-tauri/core/tests/frozen/schema-v1.sql");

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_window_may_only_use_files_picked_in_its_dialogs() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("files.sqlite3");
    let secret = dir.path().join("secret.txt");
    std::fs::write(
        &secret,
        include_str!("../src-tauri/core/tests/fixtures/published-story.canonical.txt"),
    )
    .unwrap();
    factdesk_core::store::Store::open(&db)
        .unwrap()
        .create_story(&factdesk_core::sample::story(2, 2))
        .unwrap();
    let app = Session::start(&db).await;
    app.wait_for("[data-testid=story-item]").await;

    let read = app
        .invoke("import_story_file", serde_json::json!({ "path": secret }))
        .await;
    assert!(read.contains("not-permitted"), "{read}");
    let article = app
        .invoke("read_article_file", serde_json::json!({ "path": "/etc/passwd" }))
        .await;
    assert!(article.contains("not-permitted"), "{article}");
    let target = dir.path().join("written-by-the-page.html");
    let write = app
        .invoke(
            "export_story_file",
            serde_json::json!({ "id": 1, "format": "html", "path": target, "edition": "latest" }),
        )
        .await;
    assert!(write.contains("not-permitted"), "{write}");
    assert!(!target.exists());
    let plan = app
        .invoke(
            "plan_export",
            serde_json::json!({ "ids": [1], "format": "html", "dir": "/tmp" }),
        )
        .await;
    assert!(plan.contains("not-permitted"), "{plan}");
    // The dialog plugin's own commands are not granted to the page at all.
    let dialog = app
        .invoke("plugin:dialog|open", serde_json::json!({ "options": {} }))
        .await;
    assert!(dialog.contains("not allowed"), "{dialog}");
    // Commands the page needs still work.
    assert_eq!(app.invoke("story_states", serde_json::json!({})).await, "ok");
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_migration_names_its_backup_and_a_backup_restores_a_deleted_story() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("old.sqlite3");
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute_batch(FROZEN_V1).unwrap();
        c.execute_batch(
            "INSERT INTO stories (headline, summary, image_credit, status, version, created_at, updated_at)
             VALUES ('Old story from version one', '', '', 'draft', 1,
                     '2025-01-01T00:00:00.000000000Z', '2025-01-01T00:00:00.000000000Z');",
        )
        .unwrap();
    }
    let app = Session::start(&db).await;
    let notice = app.text_when("[role=status]", |t| t.contains("is kept at")).await;
    let backup = notice
        .split("is kept at ")
        .nth(1)
        .and_then(|rest| rest.split(".sqlite3").next())
        .map(|p| format!("{p}.sqlite3"))
        .expect("the notice names the backup");
    assert!(std::path::Path::new(&backup).is_file(), "{notice}");
    assert!(backup.contains("backup-migration-v1-"), "{backup}");

    app.click("[data-testid=story-item]").await;
    app.click("[data-testid=delete-story]").await;
    app.wait_for("[data-testid=empty]").await;

    app.click("[data-testid=backups-open]").await;
    app.wait_for("[data-testid=backup-item]").await;
    let restore = app
        .until("the migration backup in the list", || async {
            let items = app
                .client
                .find_all(fantoccini::Locator::Css("[data-testid=backup-item]"))
                .await
                .ok()?;
            for item in items {
                if item.text().await.ok()?.contains("Before an update") {
                    return item.find(fantoccini::Locator::Css("button")).await.ok();
                }
            }
            None
        })
        .await;
    restore.click().await.unwrap();
    app.screenshot("backups-dialog").await;
    app.click("[data-testid=backup-restore]").await;
    let restored = app
        .text_when("[role=status]", |t| t.contains("Restored the backup"))
        .await;
    assert!(restored.contains("backup-before-restore-"), "{restored}");
    let item = app
        .text_when("[data-testid=story-item]", |t| {
            t.contains("Old story from version one")
        })
        .await;
    assert!(item.to_lowercase().contains("draft"), "{item}");
    app.finish().await;
}

/// The page alone cannot re-point the desk, rename the editor or switch
/// the rule: each waits for a native confirmation (answered "no" here).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_cannot_change_the_desk_the_editor_or_the_rule_unconfirmed() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("confirm.sqlite3");
    factdesk_core::store::Store::open(&db)
        .unwrap()
        .create_story(&factdesk_core::sample::story(2, 2))
        .unwrap();
    let home = dir.path().join("xdg");
    let app = Session::start_on(
        &db.display().to_string(),
        &home,
        &[("FACTDESK_TEST_CONFIRM", "no")],
    )
    .await;
    app.wait_for("[data-testid=story-item]").await;
    for (command, args) in [
        (
            "choose_team_database",
            serde_json::json!({ "url": "postgres://mallory@evil.example/desk", "password": "x" }),
        ),
        ("set_editor_name", serde_json::json!({ "name": "Mallory" })),
        ("set_second_editor_approval", serde_json::json!({ "on": false })),
    ] {
        let answer = app.invoke(command, args).await;
        assert!(
            answer.contains("not-permitted") && answer.contains("not confirmed"),
            "{command}: {answer}"
        );
    }
    let settings = app
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             window.__TAURI_INTERNALS__.invoke('get_settings', {}).then((s) => done(s));",
            vec![],
        )
        .await
        .unwrap();
    assert_ne!(settings["editor"], "Mallory");
    assert_eq!(settings["second_editor_approval"], true);
    let kept = std::fs::read_to_string(home.join("config/factdesk/settings.json")).unwrap_or_default();
    assert!(!kept.contains("evil.example"), "nothing remembered: {kept}");
    app.finish().await;
}
