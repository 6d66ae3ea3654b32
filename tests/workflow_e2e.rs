//! End-to-end: the editorial workflow in the real window. One editor edits
//! and submits; a second approves and publishes; an edit starts the next
//! edition while the first stays live; a correction is published only with
//! a note and shows in the preview and the HTML export; History compares
//! versions and restores one.

mod support;

use factdesk_core::store::{EditionRef, Store};
use std::process::Command;
use support::Session;

/// The editor name the app starts with, from its settings file.
fn sign_in(db: &std::path::Path, name: &str) {
    let dir = db.parent().unwrap().join("xdg/config/org.factdesk.app");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("settings.json"), format!("{{\"editor\": \"{name}\"}}")).unwrap();
}

async fn step_enabled(app: &Session, action: &str) -> bool {
    app.wait_for(&format!("[data-testid=step-{action}]"))
        .await
        .attr("disabled")
        .await
        .unwrap()
        .is_none()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_editors_publish_then_a_correction_and_history() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("workflow.sqlite3");
    let id = Store::open(&db)
        .unwrap()
        .create_story(&factdesk_core::sample::story(3, 2))
        .unwrap()
        .id;
    sign_in(&db, "Anna");
    let app = Session::start(&db).await;
    app.click("[data-testid=story-item]").await;

    // Anna edits, then submits; she may not approve her own edition.
    app.type_into("#story-summary", " Updated by Anna.").await;
    app.text_when("[data-testid=save-state]", |t| t.starts_with("Saved"))
        .await;
    app.until("Submit to be offered", || async {
        step_enabled(&app, "submit").await.then_some(())
    })
    .await;
    app.click("[data-testid=step-submit]").await;
    app.text_when("[data-testid=workflow-state]", |t| t.contains("In review"))
        .await;
    app.wait_for("[data-testid=locked]").await;
    let summary_disabled = app
        .js(
            "return document.getElementById('story-summary').closest('fieldset').disabled",
            vec![],
        )
        .await;
    assert_eq!(
        summary_disabled,
        serde_json::json!(true),
        "an edition in review is read-only"
    );
    let approve_detail = app
        .text_when("[data-testid=steps]", |t| t.contains("another editor"))
        .await;
    assert!(
        approve_detail.contains("Anna edited this edition last"),
        "{approve_detail}"
    );
    assert!(!step_enabled(&app, "approve").await);

    // Ben (same machine, his name in Settings) approves and publishes.
    app.click("[data-testid=settings-open]").await;
    let name = app.wait_for("[data-testid=settings-name]").await;
    name.clear().await.unwrap();
    name.send_keys("Ben").await.unwrap();
    app.click("[data-testid=settings-save]").await;
    app.until("Approve to be offered to Ben", || async {
        step_enabled(&app, "approve").await.then_some(())
    })
    .await;
    app.click("[data-testid=step-approve]").await;
    app.text_when("[data-testid=workflow-state]", |t| t.contains("Approved"))
        .await;
    app.click("[data-testid=step-publish]").await;
    app.text_when("[data-testid=workflow-state]", |t| t.contains("Published"))
        .await;
    let original = Store::open_read(&db)
        .unwrap()
        .load_story(id)
        .unwrap()
        .story
        .headline;

    // An edit starts edition 2; readers still see edition 1.
    app.type_into("#story-headline", " (updated)").await;
    app.text_when("[data-testid=story-state]", |t| {
        t.eq_ignore_ascii_case("Published with a draft")
    })
    .await;
    app.text_when("[data-testid=workflow-state]", |t| {
        t.contains("Edition 2") && t.contains("edition 1 is live")
    })
    .await;
    let live = Store::open_read(&db)
        .unwrap()
        .edition_story(id, EditionRef::Published)
        .unwrap();
    assert_eq!(live.headline, original, "the published edition is unchanged");

    // A one-person desk from here on: the correction needs a note.
    app.click("[data-testid=settings-open]").await;
    app.click("[data-testid=settings-rule]").await;
    app.click("[data-testid=settings-save]").await;
    app.until("Publish to be offered", || async {
        step_enabled(&app, "publish").await.then_some(())
    })
    .await;
    let version = Store::open_read(&db).unwrap().load_story(id).unwrap().version;
    let refused = app
        .invoke(
            "transition",
            serde_json::json!({ "id": id, "version": version, "action": "publish", "note": "" }),
        )
        .await;
    assert!(refused.contains("note-required"), "{refused}");
    app.click("[data-testid=step-publish]").await;
    assert!(
        !step_enabled(&app, "publish").await,
        "no publishing with an empty note"
    );
    app.type_into(
        "[data-testid=step-note]",
        "The headline now says the report was updated.",
    )
    .await;
    app.click("[data-testid=step-publish]").await;
    let corrections = app
        .text_when("[data-testid=preview-corrections]", |t| {
            t.contains("the report was updated")
        })
        .await;
    assert!(!corrections.is_empty());
    app.text_when("[data-testid=story-state]", |t| {
        t.eq_ignore_ascii_case("Published")
    })
    .await;
    app.screenshot("correction-published").await;

    // Withdrawing asks for a reason; the box takes the focus, so what the
    // editor types next lands there.
    app.click("[data-testid=step-withdraw]").await;
    app.wait_for("[data-testid=step-note]").await;
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    app.type_keys("Retracted pending review").await;
    let reason = app
        .js(
            "return document.querySelector('[data-testid=step-note]').value",
            vec![],
        )
        .await;
    assert_eq!(
        reason,
        serde_json::json!("Retracted pending review"),
        "the reason box had the focus"
    );
    app.js(
        "document.querySelector('[data-testid=step-note]').closest('li').querySelector('button.link').click(); return 1",
        vec![],
    )
    .await;

    let html = Command::new(support::cli())
        .args([
            "--db",
            db.to_str().unwrap(),
            "export",
            &id.to_string(),
            "--format",
            "html",
            "--edition",
            "published",
        ])
        .output()
        .unwrap();
    let html = String::from_utf8_lossy(&html.stdout);
    assert!(html.contains("<h2>Corrections</h2>"), "{html}");
    assert!(
        html.contains("The headline now says the report was updated."),
        "{html}"
    );
    assert!(
        html.contains("\"correction\""),
        "schema.org correction in the JSON-LD"
    );

    // History: compare the first version with now, and restore it.
    app.click("[data-testid=view-history]").await;
    app.wait_for("[data-testid=history-edition]").await;
    app.click("[data-testid=history-version][data-version='1']").await;
    let diff = app
        .text_when("[data-testid=diff]", |t| t.contains("Headline"))
        .await;
    assert!(diff.contains("(updated)"), "{diff}");
    app.screenshot("history-diff").await;
    app.click("[data-testid=history-restore]").await;
    app.text_when("[role=status]", |t| t.contains("Version 1 was restored"))
        .await;
    let now = Store::open_read(&db).unwrap().load_story(id).unwrap();
    assert_eq!(now.story.headline, original);
    assert_eq!(
        now.workflow.edition, 3,
        "restoring over a published story starts the next edition"
    );
    let history = Store::open_read(&db).unwrap().history(id).unwrap();
    assert_eq!(history.versions[0].editor, "Ben");
    assert!(history
        .transitions
        .iter()
        .any(|t| t.editor == "Anna" && t.to == "in-review"));
    assert!(history
        .transitions
        .iter()
        .any(|t| t.editor == "Ben" && t.to == "approved"));
    app.finish().await;
}
