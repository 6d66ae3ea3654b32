//! End-to-end: nothing an editor saves is lost while the real window has a
//! database file open and the command line (and the distribution's sqlite3
//! shell) write and read it beside it; deleting goes to the trash and Undo
//! brings back the same story; the start's integrity check and daily
//! backup run once the window has drawn its list.

mod support;

use std::path::Path;
use std::process::Command;
use support::{factdesk, Session};

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/src-tauri/core/tests/fixtures/published-story.txt"
);

fn summary_in_file(db: &Path, id: i64) -> String {
    let json: serde_json::Value =
        serde_json::from_str(&factdesk(db, &["export", &id.to_string(), "--format", "json"])).unwrap();
    json["story"]["summary"].as_str().unwrap_or_default().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_window_beside_command_line_writers_loses_nothing() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("desk.sqlite3");
    factdesk(&db, &["import", SEED]);
    let app = Session::start(&db).await;
    app.click("[data-testid=story-item][data-story-id='1']").await;
    app.wait_for("#story-summary").await;

    let csv = dir.path().join("outlets.csv");
    let mut imported = Vec::new();
    let mut typed = String::new();
    for round in 0..12 {
        typed = format!("Typed in the window, round {round}.");
        app.set_value("#story-summary", &typed).await;
        // What the window says it saved is in the file, for any process.
        app.until(&format!("round {round}'s summary in the file"), || async {
            (summary_in_file(&db, 1) == typed).then_some(())
        })
        .await;
        std::fs::write(
            &csv,
            format!("name,aliases,domains,lr,cp,notes\nOutlet {round},,,3,3,\n"),
        )
        .unwrap();
        factdesk(&db, &["outlets", "import", csv.to_str().unwrap()]);
        if round % 4 == 0 {
            imported.push(factdesk(&db, &["import", SEED]).trim().to_string());
        }
        // Someone looks at the file with the distribution's sqlite3 shell.
        let looked = Command::new("sqlite3")
            .arg(&db)
            .arg("SELECT count(*) FROM stories")
            .output()
            .unwrap();
        assert!(
            looked.status.success(),
            "{}",
            String::from_utf8_lossy(&looked.stderr)
        );
    }
    app.text_when("[data-testid=save-state]", |t| t.starts_with("Saved"))
        .await;
    app.screenshot("reliability-window-beside-cli").await;
    app.finish().await;

    assert_eq!(summary_in_file(&db, 1), typed);
    for id in &imported {
        factdesk(&db, &["export", id, "--format", "json"]);
    }
    let outlets = factdesk(&db, &["outlets", "list"]);
    for round in 0..12 {
        assert!(outlets.contains(&format!("Outlet {round}")), "{outlets}");
    }
    // doctor exits 0 only when the whole file checks out.
    factdesk(&db, &["doctor"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delete_goes_to_the_trash_and_undo_brings_back_the_same_story() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("desk.sqlite3");
    factdesk(&db, &["import", SEED]);
    let app = Session::start(&db).await;
    app.click("[data-testid=story-item][data-story-id='1']").await;
    app.set_value("#story-summary", "Written before the delete.")
        .await;
    app.text_when("[data-testid=save-state]", |t| t.starts_with("Saved"))
        .await;
    app.click("[data-testid=delete-story]").await;
    app.text_when("[data-testid=notice]", |t| t.contains("to the trash"))
        .await;
    let trash: serde_json::Value = serde_json::from_str(&factdesk(&db, &["trash", "--json"])).unwrap();
    assert_eq!(trash[0]["id"], 1);
    app.click("[data-testid=notice-undo]").await;
    app.text_when("[data-testid=notice]", |t| t.contains("Restored"))
        .await;
    assert_eq!(app.open_story_id().await, "1", "the same story, not a copy");
    assert_eq!(summary_in_file(&db, 1), "Written before the delete.");
    assert_eq!(factdesk(&db, &["trash", "--json"]).trim(), "[]");

    // Deleted again, it waits in the Trash view, which restores it too.
    app.click("[data-testid=delete-story]").await;
    app.text_when("[data-testid=notice]", |t| t.contains("to the trash"))
        .await;
    app.click("[data-testid=view-trash]").await;
    app.wait_for("[data-testid=trash-row]").await;
    app.screenshot("trash-view").await;
    // Emptying asks the core's question first; cancelling keeps the story.
    app.click("[data-testid=trash-empty]").await;
    app.text_when("[data-testid=trash-confirm]", |t| {
        t.contains("Delete 1 story and its history for good? This cannot be undone.")
    })
    .await;
    app.screenshot("trash-confirm").await;
    app.click("#trash-empty-cancel").await;
    app.until("the question gone", || async {
        (app.count("[data-testid=trash-confirm]").await == 0).then_some(())
    })
    .await;
    app.click("[data-testid=trash-restore]").await;
    app.until("the story open again", || async {
        (app.count("#story-summary").await == 1).then_some(())
    })
    .await;
    assert_eq!(app.open_story_id().await, "1");
    app.finish().await;
}

/// The daily backups beside `db`.
fn daily_backups(db: &Path) -> Vec<std::path::PathBuf> {
    let dir = db.parent().unwrap();
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.contains(".backup-daily-") && !name.contains(".partial")
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_window_checks_and_backs_up_its_file_once_it_has_drawn() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("desk.sqlite3");
    factdesk(&db, &["import", SEED]);
    // As on a day nobody wrote yet: no backup of today.
    for b in daily_backups(&db) {
        std::fs::remove_file(b).unwrap();
    }
    let app = Session::start(&db).await;
    app.wait_for("[data-testid=story-item]").await;
    app.until("today's backup, taken once the list was drawn", || async {
        (daily_backups(&db).len() == 1).then_some(())
    })
    .await;
    // The check ran and found the file sound: a save goes through.
    app.click("[data-testid=story-item][data-story-id='1']").await;
    app.set_value("#story-summary", "Saved after the start's checks.")
        .await;
    app.until("the save in the file", || async {
        (summary_in_file(&db, 1) == "Saved after the start's checks.").then_some(())
    })
    .await;
    assert_eq!(daily_backups(&db).len(), 1, "one backup a day");
    app.finish().await;
}
