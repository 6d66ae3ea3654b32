//! `factdesk outlets …` and `factdesk source …` against a real database.

mod common;

use common::*;

use tempfile::TempDir;

#[test]
fn outlets_import_export_list_and_update_by_name() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("o.sqlite3");
    let csv = dir.path().join("outlets.csv");
    std::fs::write(&csv, "name,aliases,domains,lr,cp,notes\nBBC News,BBC,bbc.co.uk;bbc.com,3,4,\nTASS,,tass.com,,1,state agency\n").unwrap();
    let imported = factdesk(&db, &["outlets", "import", csv.to_str().unwrap()]);
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    assert_eq!(stdout(&imported).trim(), "Imported 2 outlets.");
    assert_eq!(
        stdout(&factdesk(&db, &["outlets", "list"])),
        "LR 3  CP 4  BBC News\nLR -  CP 1  TASS\n"
    );

    std::fs::write(
        &csv,
        "name,aliases,domains,lr,cp,notes\nbbc news,BBC,bbc.co.uk,2,4,\n",
    )
    .unwrap();
    factdesk(&db, &["outlets", "import", csv.to_str().unwrap()]);
    let exported = stdout(&factdesk(&db, &["outlets", "export"]));
    assert_eq!(
        exported,
        "name,aliases,domains,lr,cp,notes\nbbc news,BBC,bbc.co.uk,2,4,\nTASS,,tass.com,,1,state agency\n"
    );

    std::fs::write(
        &csv,
        "name,aliases,domains,lr,cp,notes\nNew One,,,1,1,\nBroken,,,9,1,\n",
    )
    .unwrap();
    let bad = factdesk(&db, &["outlets", "import", csv.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("line 3: lr must be empty or a whole number from 1 to 5"),
        "{err}"
    );
    assert!(
        !stdout(&factdesk(&db, &["outlets", "list"])).contains("New One"),
        "nothing half-imported"
    );
}

#[test]
fn sources_from_articles_feed_the_quotation_check() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("s.sqlite3");
    let id = stdout(&factdesk(&db, &["import", SEED])).trim().to_string();
    let added = factdesk(
        &db,
        &[
            "source",
            "add",
            &id,
            ARTICLE,
            "--outlet",
            "ASEAN News",
            "--url",
            "https://asean.example.org/kirby",
        ],
    );
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    assert_eq!(stdout(&added).trim().len(), 36, "a source id");
    let json = stdout(&factdesk(&db, &["export", &id, "--format", "json"]));
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let source = &doc["story"]["sources"][5];
    assert_eq!(
        source["title"],
        "White House Confirms North Korea Sent Russia Weapons: Details"
    );
    assert!(source["saved_text"]
        .as_str()
        .unwrap()
        .contains("illegitimate war"));

    let attach = factdesk(&db, &["source", "attach", &id, "4", ARTICLE]);
    assert!(
        attach.status.success(),
        "{}",
        String::from_utf8_lossy(&attach.stderr)
    );
    let check = stdout(&factdesk(&db, &["check", &id]));
    assert!(
        check.contains("quote-not-found"),
        "fact 5 quotes words the article lacks: {check}"
    );
    assert!(
        check.contains("administrative and laboratory buildings"),
        "{check}"
    );

    let missing = factdesk(&db, &["source", "attach", &id, "9", ARTICLE]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no source number 9"));
}

#[test]
fn evidence_shows_what_the_cited_article_says_and_what_it_does_not() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("e.sqlite3");
    let id = stdout(&factdesk(&db, &["import", SEED])).trim().to_string();
    // Before any article is saved, nothing can be looked up.
    let before: serde_json::Value =
        serde_json::from_str(&stdout(&factdesk(&db, &["evidence", &id, "--json"]))).unwrap();
    assert_eq!(before["facts"][0]["checked"], false);
    assert!(stdout(&factdesk(&db, &["check", &id])).contains("fact-evidence-unchecked"));

    // Fact 1 cites source 1; keep the raw article as its saved text.
    let attach = factdesk(&db, &["source", "attach", &id, "1", ARTICLE]);
    assert!(attach.status.success(), "{}", stderr(&attach));
    let out = factdesk(&db, &["evidence", &id, "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let first = &doc["facts"][0];
    assert_eq!(
        (first["number"].as_u64(), first["checked"].as_bool()),
        (Some(1), Some(true))
    );
    let item = |text: &str| {
        first["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["text"] == text)
            .unwrap_or_else(|| panic!("{text} in {first}"))
            .clone()
    };
    let korea = item("North Korea");
    assert_eq!(
        (
            korea["kind"].as_str(),
            korea["found"].as_bool(),
            korea["source"].as_u64()
        ),
        (Some("name"), Some(true), Some(1))
    );
    assert!(
        korea["passage"].as_str().unwrap().contains("North Korea"),
        "{korea}"
    );
    for absent in ["Washington", "Seoul", "Tokyo"] {
        assert_eq!(item(absent)["found"], false, "{absent}");
    }

    let text = stdout(&factdesk(&db, &["evidence", &id]));
    assert!(text.starts_with("Fact 1: Washington, Seoul ,and Tokyo"), "{text}");
    assert!(
        text.contains("  ✗ name “Seoul”") && text.contains("  ✓ name “North Korea”"),
        "{text}"
    );
    let check = stdout(&factdesk(&db, &["check", &id]));
    assert!(check.contains("fact-name-unsupported"), "{check}");
    assert!(
        check.contains("Fact 1 names “Washington”, “Seoul” and “Tokyo”"),
        "{check}"
    );
}

#[test]
fn a_reposted_list_imports_its_outlets_as_sources_and_offers_their_ratings() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("r.sqlite3");
    let csv = dir.path().join("outlets.csv");
    std::fs::write(
        &csv,
        "name,aliases,domains,lr,cp,notes\nThe Hill,,thehill.com,2,4,\n",
    )
    .unwrap();
    factdesk(&db, &["outlets", "import", csv.to_str().unwrap()]);
    let text = dir.path().join("reposted.txt");
    std::fs::write(
        &text,
        "No Labels will not field a presidential ticket\n\n\
         • In a statement, No Labels said it wasn't able to \"identify candidates with a credible path to winning the White House.\" Forbes (LR: 3 CP: 5)\n\
         • The group had raised about $60M since 2021. The Hill (LR: 3 CP: 4)\n\
         • Its founder called the decision painful. Forbes (LR: 3 CP: 5)\n",
    )
    .unwrap();
    let out = factdesk(&db, &["import", text.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let notes = stderr(&out);
    assert!(
        notes.contains("“Forbes” was not in the outlet registry: added with LR 3, CP 5"),
        "{notes}"
    );
    assert!(
        notes.contains(
            "the text rates “The Hill” LR 3, CP 4; the outlet registry has LR 2, CP 4 and was not changed"
        ),
        "{notes}"
    );
    assert_eq!(
        stdout(&factdesk(&db, &["outlets", "list"])),
        "LR 3  CP 5  Forbes\nLR 2  CP 4  The Hill\n",
        "Forbes added, The Hill left as the desk rated it"
    );
    let id = stdout(&out).trim().to_string();
    let doc: serde_json::Value =
        serde_json::from_str(&stdout(&factdesk(&db, &["export", &id, "--format", "json"]))).unwrap();
    let story = &doc["story"];
    assert_eq!(
        story["headline"],
        "No Labels will not field a presidential ticket"
    );
    let outlets: Vec<&str> = story["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["outlet"].as_str().unwrap())
        .collect();
    assert_eq!(outlets, vec!["Forbes", "The Hill"]);
    assert_eq!(
        story["facts"][2]["citations"],
        serde_json::json!([story["sources"][0]["id"]])
    );
    assert!(story["facts"][0]["text"]
        .as_str()
        .unwrap()
        .ends_with("White House.\""));
}
