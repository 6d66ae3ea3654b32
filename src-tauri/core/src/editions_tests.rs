//! Every transition, allowed and refused, and the second-editor rule.

use super::*;

fn wf(state: Status, live: Option<u32>, rule: bool) -> Workflow {
    Workflow {
        edition: live.map_or(1, |l| {
            if state == Status::Published || state == Status::Withdrawn {
                l
            } else {
                l + 1
            }
        }),
        state,
        live_edition: live,
        withdrawn: state == Status::Withdrawn,
        last_editor: "Anna".into(),
        second_editor_approval: rule,
        editable: editable(state),
    }
}

fn req<'a>(editor: &'a str, note: &'a str) -> Request<'a> {
    Request {
        editor,
        role: "admin",
        note,
        gate_passes: true,
    }
}

fn code(r: Result<Status, Refusal>) -> &'static str {
    r.err().map_or("ok", |e| e.code.as_str())
}

#[test]
fn the_happy_path_with_two_editors() {
    let w = wf(Status::Draft, None, true);
    assert_eq!(check(&w, Action::Submit, req("Anna", "")), Ok(Status::InReview));
    let w = wf(Status::InReview, None, true);
    assert_eq!(check(&w, Action::Approve, req("Ben", "")), Ok(Status::Approved));
    let w = wf(Status::Approved, None, true);
    assert_eq!(check(&w, Action::Publish, req("Ben", "")), Ok(Status::Published));
    let w = wf(Status::Published, Some(1), true);
    assert_eq!(
        check(&w, Action::Withdraw, req("Ben", "Legal")),
        Ok(Status::Withdrawn)
    );
}

#[test]
fn the_last_editor_cannot_approve_their_own_edition() {
    let w = wf(Status::InReview, None, true);
    let r = check(&w, Action::Approve, req("anna ", "")).unwrap_err();
    assert_eq!(r.code.as_str(), "second-editor-required");
    assert!(
        r.message.contains("Anna edited this edition last"),
        "{}",
        r.message
    );
    let off = wf(Status::InReview, None, false);
    assert_eq!(
        check(&off, Action::Approve, req("Anna", "")),
        Ok(Status::Approved)
    );
}

#[test]
fn publishing_needs_approval_only_while_the_rule_is_on() {
    for state in [Status::Draft, Status::InReview] {
        assert_eq!(
            code(check(&wf(state, None, true), Action::Publish, req("Ben", ""))),
            "wrong-state"
        );
        assert_eq!(
            check(&wf(state, None, false), Action::Publish, req("Anna", "")),
            Ok(Status::Published)
        );
    }
}

#[test]
fn the_gate_blocks_approval_and_publication() {
    let blocked = Request {
        editor: "Ben",
        role: "editor",
        note: "",
        gate_passes: false,
    };
    assert_eq!(
        code(check(&wf(Status::InReview, None, true), Action::Approve, blocked)),
        "not-publishable"
    );
    assert_eq!(
        code(check(&wf(Status::Approved, None, true), Action::Publish, blocked)),
        "not-publishable"
    );
    assert_eq!(
        check(&wf(Status::Draft, None, true), Action::Submit, blocked),
        Ok(Status::InReview)
    );
}

#[test]
fn a_correction_needs_a_note_and_so_do_rejects_and_withdrawals() {
    let correction = wf(Status::Approved, Some(1), true);
    assert_eq!(correction.edition, 2);
    assert_eq!(
        code(check(&correction, Action::Publish, req("Ben", "  "))),
        "note-required"
    );
    assert_eq!(
        check(&correction, Action::Publish, req("Ben", "Fixed a date.")),
        Ok(Status::Published)
    );
    assert_eq!(
        code(check(
            &wf(Status::InReview, None, true),
            Action::Reject,
            req("Ben", "")
        )),
        "note-required"
    );
    assert_eq!(
        check(
            &wf(Status::InReview, None, true),
            Action::Reject,
            req("Ben", "Cite the ministry.")
        ),
        Ok(Status::Draft)
    );
    assert_eq!(
        code(check(
            &wf(Status::Published, Some(1), true),
            Action::Withdraw,
            req("Ben", "")
        )),
        "note-required"
    );
}

#[test]
fn transitions_from_the_wrong_state_are_refused() {
    let cases = [
        (Status::InReview, Action::Submit),
        (Status::Published, Action::Submit),
        (Status::Draft, Action::Reject),
        (Status::Published, Action::Reject),
        (Status::Draft, Action::Approve),
        (Status::Approved, Action::Approve),
        (Status::Published, Action::Publish),
        (Status::Withdrawn, Action::Publish),
        (Status::Withdrawn, Action::Withdraw),
    ];
    for (state, action) in cases {
        let live = matches!(state, Status::Published | Status::Withdrawn).then_some(1);
        let r = check(&wf(state, live, true), action, req("Ben", "a note"));
        assert_eq!(code(r), "wrong-state", "{state:?} {action:?}");
    }
    assert_eq!(
        code(check(
            &wf(Status::Draft, None, true),
            Action::Withdraw,
            req("Ben", "x")
        )),
        "wrong-state"
    );
}

#[test]
fn steps_say_what_each_transition_needs() {
    let w = wf(Status::InReview, None, true);
    let mine = steps(&w, "Anna", "editor", true);
    let actions: Vec<Action> = mine.iter().map(|s| s.action).collect();
    assert_eq!(actions, vec![Action::Reject, Action::Approve, Action::Publish]);
    let approve = &mine[1];
    assert!(!approve.allowed);
    assert!(
        approve.detail.contains("another editor must approve"),
        "{}",
        approve.detail
    );
    assert!(steps(&w, "Ben", "editor", true)[1].allowed);
    let correction = steps(&wf(Status::Approved, Some(1), true), "Ben", "editor", true);
    let publish = correction.iter().find(|s| s.action == Action::Publish).unwrap();
    assert!(publish.allowed && publish.needs_note);
    assert_eq!(publish.note_prompt, "Correction note, for readers: what changed?");
    assert_eq!(publish.done, "Published.");
    assert!(publish.detail.contains("correction note"), "{}", publish.detail);
    let solo = steps(&wf(Status::Draft, None, false), "Anna", "admin", true);
    assert_eq!(
        solo.iter().map(|s| s.action).collect::<Vec<_>>(),
        vec![Action::Publish]
    );
    assert!(solo[0].allowed);
}

#[test]
fn a_writer_may_submit_and_nothing_an_editor_does() {
    let writer = |editor| Request {
        editor,
        role: "writer",
        note: "note",
        gate_passes: true,
    };
    assert!(check(&wf(Status::Draft, None, true), Action::Submit, writer("Wil")).is_ok());
    for (state, action) in [
        (Status::InReview, Action::Approve),
        (Status::InReview, Action::Reject),
        (Status::Approved, Action::Publish),
    ] {
        assert_eq!(
            code(check(&wf(state, None, true), action, writer("Wil"))),
            "not-permitted"
        );
    }
    let steps = steps(&wf(Status::InReview, None, true), "Wil", "writer", true);
    let approve = steps.iter().find(|s| s.action == Action::Approve).unwrap();
    assert!(!approve.allowed);
    assert!(
        approve.detail.contains("your role (writer)"),
        "{}",
        approve.detail
    );
}

#[test]
fn an_export_offers_what_readers_see_first_and_the_draft_when_there_is_one() {
    let choices =
        |w: &Workflow| -> Vec<String> { export_choices(w).into_iter().map(|c| c.edition).collect() };
    assert_eq!(choices(&wf(Status::Draft, None, true)), ["latest"]);
    assert_eq!(choices(&wf(Status::Published, Some(1), true)), ["published"]);
    let mut draft_of_live = wf(Status::Draft, Some(1), true);
    draft_of_live.edition = 2;
    assert_eq!(choices(&draft_of_live), ["published", "latest"]);
    draft_of_live.withdrawn = true;
    let labels: Vec<String> = export_choices(&draft_of_live)
        .into_iter()
        .map(|c| c.label)
        .collect();
    assert_eq!(
        labels,
        [
            "What readers see: edition 1, withdrawn",
            "The working draft: edition 2"
        ]
    );
    let said = exported(&draft_of_live, "published", std::path::Path::new("/out/a.txt"));
    assert_eq!(
        said,
        "Exported edition 1, as readers see it (withdrawn), to /out/a.txt"
    );
}
