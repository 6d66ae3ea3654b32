//! `factdesk import FILE…`: many story files in one transaction, all or
//! nothing, or `--each` past the bad ones, on a real database file.

mod common;

use common::*;
use factdesk_core::store::Store;

/// `n` different stories as native JSON files in `dir`.
fn story_files(dir: &std::path::Path, n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let mut story = factdesk_core::sample::story(3, 2);
            story.headline = format!("Imported story {i}");
            let path = dir.join(format!("story-{i}.json"));
            std::fs::write(&path, factdesk_core::formats::json::export(&story)).unwrap();
            path.to_string_lossy().into_owned()
        })
        .collect()
}

fn headlines(db: &std::path::Path) -> Vec<String> {
    let mut all: Vec<String> = Store::open_read(db)
        .unwrap()
        .list_stories()
        .unwrap()
        .stories
        .into_iter()
        .map(|s| s.headline)
        .collect();
    all.sort();
    all
}

#[test]
fn many_files_go_in_together_and_print_their_ids_in_order() {
    let (dir, db) = seeded();
    let mut files = story_files(dir.path(), 5);
    files.push(SEED.to_string());
    let args: Vec<&str> = std::iter::once("import")
        .chain(files.iter().map(String::as_str))
        .collect();
    let out = factdesk(&db, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).lines().collect::<Vec<_>>(),
        ["2", "3", "4", "5", "6", "7"]
    );
    // The seed a second time is a draft of its own.
    let all = headlines(&db);
    assert_eq!(all.len(), 7);
    assert!(all.contains(&"Imported story 4".to_string()));
}

#[test]
fn one_bad_file_keeps_them_all_out_unless_each_is_asked() {
    let (dir, db) = seeded();
    let mut files = story_files(dir.path(), 3);
    let bad = dir.path().join("broken.json");
    std::fs::write(&bad, "{\"format\": \"factdesk/1\", \"story\": ").unwrap();
    files.insert(1, bad.to_string_lossy().into_owned());
    let args: Vec<&str> = std::iter::once("import")
        .chain(files.iter().map(String::as_str))
        .collect();

    let all_or_nothing = factdesk(&db, &args);
    assert_eq!(all_or_nothing.status.code(), Some(2));
    assert!(
        stderr(&all_or_nothing).contains("broken.json"),
        "{}",
        stderr(&all_or_nothing)
    );
    assert_eq!(stdout(&all_or_nothing), "");
    assert_eq!(headlines(&db).len(), 1, "nothing was written");

    let mut each = args.clone();
    each.push("--each");
    let out = factdesk(&db, &each);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out).lines().count(), 3);
    let said = stderr(&out);
    assert!(said.contains("broken.json"), "{said}");
    assert!(
        said.trim_end()
            .ends_with("imported 3 of 4 files; 1 could not be imported (named above)"),
        "{said}"
    );
    assert_eq!(headlines(&db).len(), 4);

    let missing = factdesk(&db, &["import", "--each", "/nonexistent/a.json"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("the file could not be imported; nothing was written"),
        "{}",
        stderr(&missing)
    );
}
