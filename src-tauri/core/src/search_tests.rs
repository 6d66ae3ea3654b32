//! The query language, what a story gives the index, and locating a match.

use super::*;

fn text(q: &str) -> Option<String> {
    parse(q).unwrap().text
}

#[test]
fn words_phrases_prefixes_and_exclusions() {
    assert_eq!(
        text("tass zaporizhzhia"),
        Some("\"tass\" AND \"zaporizhzhia\"".into())
    );
    assert_eq!(
        text("\"nuclear plant\" iaea"),
        Some("\"nuclear plant\" AND \"iaea\"".into())
    );
    assert_eq!(text("zelensk*"), Some("\"zelensk\" *".into()));
    assert_eq!(
        text("ukraine -russia -\"black sea\""),
        Some("((\"ukraine\") NOT \"russia\") NOT \"black sea\"".into())
    );
    assert_eq!(text("   "), None);
    assert!(parse("").unwrap().is_empty());
}

#[test]
fn filters() {
    let q =
        parse("outlet:TASS outlet:\"The Hill\" status:Published after:2026-01-01 before:2026-11-01 drone")
            .unwrap();
    assert_eq!(q.outlets, vec!["TASS", "The Hill"]);
    assert_eq!(q.status, Some(Status::Published));
    assert_eq!(q.after, NaiveDate::from_ymd_opt(2026, 1, 1));
    assert_eq!(q.before, NaiveDate::from_ymd_opt(2026, 11, 1));
    assert_eq!(q.text, Some("\"drone\"".into()));
    let only = parse("status:in-review").unwrap();
    assert_eq!((only.status, only.text), (Some(Status::InReview), None));
    // Not a filter: searched as words.
    assert_eq!(text("https://tass.com"), Some("\"https://tass.com\"".into()));
}

#[test]
fn malformed_queries_say_what_to_fix() {
    let err = |q: &str| parse(q).unwrap_err().to_string();
    assert!(err("\"open phrase").contains("not closed"));
    assert!(err("-russia").contains("only excluded words"));
    assert!(err("before:yesterday").contains("before: needs a date like 2026-11-01"));
    assert!(err("status:lost").contains("status: is one of draft, in-review, approved, published, withdrawn"));
    assert!(err("*").contains("a * goes after the start of a word"));
    assert!(err("outlet:").contains("outlet: needs a name"));
    assert!(err("after:2026-05-01 before:2026-04-01").contains("nothing could match"));
}

#[test]
fn nothing_typed_becomes_fts5_or_sql_syntax() {
    for input in [
        "\"; DROP TABLE stories; --\"",
        "a OR b",
        "NEAR(a b)",
        "headline:x",
        "a AND NOT b",
        "x\"\"y",
        "col:\"evil\" * ^",
        "'); DELETE FROM facts; --",
    ] {
        if let Ok(q) = parse(input) {
            let expr = q.text.unwrap_or_default();
            // Every operand is a quoted string: FTS5 keywords only appear where parse put them.
            let unquoted: String = {
                let mut inside = false;
                let mut out = String::new();
                for c in expr.chars() {
                    if c == '"' {
                        inside = !inside;
                    } else if !inside {
                        out.push(c);
                    }
                }
                out
            };
            let words: Vec<&str> = unquoted
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            assert!(
                words.iter().all(|w| *w == "AND" || *w == "NOT"),
                "{input:?} -> {expr}"
            );
        }
    }
}

#[test]
fn a_story_gives_each_part_its_place() {
    let mut story = crate::sample::story(3, 2);
    story.facts[2].text = "The plant at Zaporizhzhia was shelled.".into();
    story.sources[1].saved_text = "TASS reported the shelling.".into();
    let doc = document(&story);
    assert_eq!(doc[0], story.headline);
    assert_eq!(doc[2].split(PART_SEPARATOR).count(), 3);
    assert_eq!(
        doc[6].split(PART_SEPARATOR).nth(1),
        Some("TASS reported the shelling.")
    );

    let mark = |col: &str, word: &str| col.replacen(word, &format!("{OPEN}{word}{CLOSE}"), 1);
    let mut columns: Vec<String> = doc.to_vec();
    columns[2] = mark(&columns[2], "Zaporizhzhia");
    let found = locate(&story, &columns).unwrap();
    assert_eq!(found.field, "fact 3");
    assert_eq!(
        found.target,
        Target::Fact {
            id: story.facts[2].id
        }
    );
    assert_eq!(
        snippet_text(&found.snippet),
        "The plant at [Zaporizhzhia] was shelled."
    );

    let mut columns: Vec<String> = doc.to_vec();
    columns[6] = mark(&columns[6], "TASS");
    let found = locate(&story, &columns).unwrap();
    assert_eq!(found.field, "source 2's article text");
    assert_eq!(
        found.target,
        Target::Source {
            id: story.sources[1].id,
            field: "title".into()
        }
    );
}

#[test]
fn snippets_keep_a_little_context() {
    let long = format!(
        "{} {OPEN}needle{CLOSE} {}",
        "before ".repeat(30).trim(),
        "after ".repeat(30).trim()
    );
    let text = snippet_text(&snippet(&long));
    assert!(text.starts_with('…') && text.ends_with('…'), "{text}");
    assert!(text.contains("[needle]"));
    assert!(text.split_whitespace().count() < 30, "{text}");
}
