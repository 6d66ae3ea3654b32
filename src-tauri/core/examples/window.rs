//! A store held open the way the window holds it, for scripts that run
//! other processes beside it (`scripts/reliability.sh`).
//!
//! `cargo run --release -p factdesk-core --example window -- DB STORY`
//! opens the file DB as the app does (its integrity check in the
//! background), then for each line read on stdin saves that line as story
//! STORY's summary (a typing save) and prints `saved VERSION` (or `error
//! WHY`); on end of input it closes the store and prints `closed`. Between
//! lines it holds the database open, with SQLite's locks, as an idle window.

use factdesk_core::model::SaveKind;
use factdesk_core::store::Store;
use std::io::BufRead;
use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(db), Some(story)) = (args.next(), args.next().and_then(|s| s.parse::<i64>().ok())) else {
        eprintln!("usage: window DB STORY");
        std::process::exit(2);
    };
    let mut store = match Store::open_checking_later(&PathBuf::from(&db)) {
        Ok(store) => store,
        Err(e) => {
            eprintln!("window: {e}");
            std::process::exit(2);
        }
    };
    if let Err(e) = store.set_editor("window") {
        eprintln!("window: {e}");
        std::process::exit(2);
    }
    for line in std::io::stdin().lock().lines() {
        let Ok(text) = line else { break };
        let saved = store.update_story(story, None, SaveKind::Typing, |s| {
            s.summary = text;
            Ok(())
        });
        match saved {
            Ok((stored, ())) => println!("saved {}", stored.version),
            Err(e) => println!("error {e}"),
        }
    }
    drop(store);
    println!("closed");
}
