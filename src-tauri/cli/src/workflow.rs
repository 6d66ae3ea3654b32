//! The editorial workflow from the command line: transitions, history,
//! diffs, restoring a version, and the desk's approval rule.

use crate::database;
use crate::output::{json_line, print_findings, stdout_line, Failure};
use factdesk_core::editions::Action;
use factdesk_core::history;
use factdesk_core::model::StoryId;
use factdesk_core::store::{EditionRef, Store};
use factdesk_core::PublishOutcome;
use std::path::Path;

pub fn transition(db: Option<&Path>, id: StoryId, action: Action, note: &str) -> Result<u8, Failure> {
    let mut store = database::write(db)?;
    if action == Action::Publish {
        return publish(&mut store, id, note);
    }
    let saved = store.transition(id, None, action, note)?;
    stdout_line(&format!(
        "story {id}: edition {} is {} (version {})",
        saved.workflow.edition,
        saved.workflow.state.label().to_lowercase(),
        saved.version
    ))?;
    Ok(0)
}

fn publish(store: &mut Store, id: StoryId, note: &str) -> Result<u8, Failure> {
    match factdesk_core::publish(store, id, note)? {
        PublishOutcome::Published(s) => {
            stdout_line(&format!(
                "published story {id}: edition {} (version {})",
                s.workflow.edition, s.version
            ))?;
            Ok(0)
        }
        PublishOutcome::AlreadyPublished(s) => {
            stdout_line(&format!(
                "story {id} is already published (edition {}); edit it to start the next edition",
                s.workflow.edition
            ))?;
            Ok(0)
        }
        PublishOutcome::Refused(findings) => {
            print_findings(&findings)?;
            eprintln!("factdesk: story {id} was not published: the checks found errors");
            Ok(1)
        }
    }
}

pub fn history(db: Option<&Path>, id: StoryId, json: bool) -> Result<u8, Failure> {
    let h = database::read(db)?.history(id)?;
    if json {
        json_line(&h)?;
        return Ok(0);
    }
    // A login with the display name it chose beside it (team desks).
    let who = |login: &str| match (login.is_empty(), h.display_names.get(login)) {
        (true, _) => "?".to_string(),
        (false, Some(name)) => format!("{login} ({name})"),
        (false, None) => login.to_string(),
    };
    stdout_line("Editions")?;
    for e in &h.editions {
        let mut line = format!("  {:>3}  {:<11}", e.number, e.state_label);
        if let (Some(at), Some(by)) = (e.published_at, e.published_by.as_deref()) {
            line += &format!("  published {} by {}", at.format("%Y-%m-%d %H:%M"), who(by));
        }
        if !e.correction.is_empty() {
            line += &format!("  correction: {}", e.correction);
        }
        if let Some(w) = &e.withdrawal {
            line += &format!("  withdrawn {}: {}", w.at.format("%Y-%m-%d %H:%M"), w.reason);
        }
        stdout_line(&line)?;
    }
    stdout_line("Versions")?;
    for v in &h.versions {
        stdout_line(&format!(
            "  {:>5}{}  edition {:<3} {}  {:<16} {}",
            v.version,
            if v.current { "*" } else { " " },
            v.edition,
            v.saved_at.format("%Y-%m-%d %H:%M:%S"),
            v.kind_label,
            who(&v.editor)
        ))?;
    }
    if !h.transitions.is_empty() {
        stdout_line("Transitions")?;
        for t in &h.transitions {
            let note = if t.note.is_empty() {
                String::new()
            } else {
                format!("  ({})", t.note)
            };
            stdout_line(&format!(
                "  {}  edition {}  {} → {}  by {}{note}",
                t.at.format("%Y-%m-%d %H:%M"),
                t.edition,
                t.from,
                t.to,
                who(&t.editor)
            ))?;
        }
    }
    Ok(0)
}

/// A version (`12`, `v12`), an edition (`e2`), `latest` or `published`.
fn resolve(store: &Store, id: StoryId, which: &str) -> Result<factdesk_core::model::Story, Failure> {
    let bad = || {
        Failure::usage(format!(
            "{which:?}: expected a version (12 or v12), an edition (e2), latest or published"
        ))
    };
    if let Some(n) = which.strip_prefix('e') {
        let n: u32 = n.parse().map_err(|_| bad())?;
        return Ok(store.edition_story(id, EditionRef::Number(n))?);
    }
    if let Some(r) = EditionRef::parse(which).filter(|r| !matches!(r, EditionRef::Number(_))) {
        return Ok(store.edition_story(id, r)?);
    }
    let v: i64 = which
        .strip_prefix('v')
        .unwrap_or(which)
        .parse()
        .map_err(|_| bad())?;
    Ok(store.story_at(id, v)?)
}

pub fn diff(db: Option<&Path>, id: StoryId, a: &str, b: &str, json: bool) -> Result<u8, Failure> {
    let store = database::read(db)?;
    let d = history::diff(&resolve(&store, id, a)?, &resolve(&store, id, b)?);
    if json {
        json_line(&d)?;
    } else {
        print!("{}", history::to_text(&d));
    }
    Ok(0)
}

pub fn restore(db: Option<&Path>, id: StoryId, version: i64) -> Result<u8, Failure> {
    let mut store = database::write(db)?;
    let saved = store.restore_version(id, version, None)?;
    stdout_line(&format!(
        "story {id}: version {version} restored as version {} (edition {}, {})",
        saved.version,
        saved.workflow.edition,
        saved.workflow.state.label().to_lowercase()
    ))?;
    Ok(0)
}

pub fn approval_rule(db: Option<&Path>, set: Option<bool>) -> Result<u8, Failure> {
    let on = match set {
        Some(on) => {
            database::write(db)?.set_second_editor_approval(on)?;
            on
        }
        None => database::read(db)?.second_editor_approval()?,
    };
    stdout_line(&format!(
        "second-editor approval: {}",
        if on {
            "on (an editor other than the last one to edit an edition approves it before it is published)"
        } else {
            "off (editions are published from draft)"
        }
    ))?;
    Ok(0)
}

/// Names an edition for `export --edition`.
pub fn parse_edition(s: &str) -> Result<EditionRef, String> {
    EditionRef::parse(s).ok_or_else(|| format!("'{s}' is not an edition: use latest, published or a number"))
}
