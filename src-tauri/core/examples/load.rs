//! A desk under load: N simulated editors open, edit and save stories (some
//! the same ones), and publish, for a while; then every accepted save is
//! looked for in the database.
//!
//! `cargo run --release -p factdesk-core --example load -- DB EDITORS SECONDS`
//! where DB is a file or a `postgres://` URL (an empty database). Prints one
//! JSON object: saves per second, save latency p50/p95, conflicts reported,
//! publications, and lost updates — accepted saves whose text is not the
//! story's at the version the save returned (must be 0; the exit status is 1
//! otherwise) — and other refusals ("errors", reported to the editor). Run by
//! `./scripts/load.sh`, not by the tests.

use factdesk_core::editions::Action;
use factdesk_core::model::StoryId;
use factdesk_core::sample;
use factdesk_core::store::Store;
use std::time::{Duration, Instant};

/// Stories on the desk; the first few are "hot" (everyone edits them).
const STORIES: usize = 200;
const HOT: usize = 5;

struct Outcome {
    latencies: Vec<Duration>,
    accepted: Vec<(StoryId, i64, String)>,
    conflicts: usize,
    published: usize,
    errors: Vec<String>,
}

/// A small, fast, seedable generator (no dependency needed for this).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn editor(location: &str, ids: &[StoryId], n: usize, until: Instant) -> Outcome {
    let mut store = Store::open_location(location).expect("the desk opens");
    // On a server every editor is the test's login; names are a file's.
    if store.server().is_none() {
        store
            .set_editor(&format!("Editor {n}"))
            .expect("a file takes any name");
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ ((n as u64 + 1) * 0x1234_5678));
    let mut out = Outcome {
        latencies: Vec::new(),
        accepted: Vec::new(),
        conflicts: 0,
        published: 0,
        errors: Vec::new(),
    };
    let mut seq = 0;
    while Instant::now() < until {
        // A third of the edits go to the hot stories, the rest anywhere.
        let id = if rng.below(3) == 0 {
            ids[rng.below(HOT)]
        } else {
            ids[rng.below(ids.len())]
        };
        let current = match store.load_story(id) {
            Ok(s) => s,
            Err(e) => {
                out.errors.push(e.to_string());
                continue;
            }
        };
        // An editor reads before typing: the window between load and save is
        // where a colleague's save makes this one stale.
        std::thread::sleep(Duration::from_millis(rng.below(20) as u64));
        seq += 1;
        let marker = format!("Editor {n}, edit {seq}.");
        let mut story = current.story.clone();
        story.summary = marker.clone();
        let i = rng.below(story.facts.len());
        story.facts[i].text = format!("Fact {i} as editor {n} left it at edit {seq}.");
        let started = Instant::now();
        match store.save_story(id, current.version, &story) {
            Ok(saved) => {
                out.latencies.push(started.elapsed());
                out.accepted.push((id, saved.version, marker));
                if rng.below(20) == 0 {
                    match store.transition(id, Some(saved.version), Action::Publish, "Updated.") {
                        Ok(_) => out.published += 1,
                        Err(e) if e.code() == "conflict" => out.conflicts += 1,
                        Err(e) => out.errors.push(e.to_string()),
                    }
                }
            }
            Err(e) if e.code() == "conflict" => out.conflicts += 1,
            Err(e) => out.errors.push(e.to_string()),
        }
    }
    out
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [location, editors, seconds] = <[String; 3]>::try_from(args).unwrap_or_else(|_| {
        eprintln!("usage: load DB EDITORS SECONDS");
        std::process::exit(2)
    });
    let editors: usize = editors.parse().expect("EDITORS is a number");
    let seconds: u64 = seconds.parse().expect("SECONDS is a number");
    let mut setup = Store::open_location(&location).expect("the desk opens");
    setup
        .set_second_editor_approval(false)
        .expect("a one-person rule for publishing");
    let stories: Vec<_> = (0..STORIES).map(|_| sample::story(12, 4)).collect();
    let ids = setup.create_stories(&stories).expect("stories created");
    drop(setup);

    let started = Instant::now();
    let until = started + Duration::from_secs(seconds);
    let outcomes: Vec<Outcome> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..editors)
            .map(|n| {
                let (location, ids) = (&location, &ids);
                scope.spawn(move || editor(location, ids, n, until))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("an editor thread"))
            .collect()
    });
    let elapsed = started.elapsed().as_secs_f64();

    let mut latencies: Vec<Duration> = outcomes.iter().flat_map(|o| o.latencies.clone()).collect();
    latencies.sort();
    let accepted: Vec<&(StoryId, i64, String)> = outcomes.iter().flat_map(|o| &o.accepted).collect();
    let check = Store::open_location_read(&location).expect("the desk opens for reading");
    let lost = accepted
        .iter()
        .filter(|(id, version, marker)| match check.story_at(*id, *version) {
            Ok(story) => &story.summary != marker,
            Err(_) => true,
        })
        .count();
    let errors: Vec<&String> = outcomes.iter().flat_map(|o| &o.errors).collect();
    let report = serde_json::json!({
        "backend": if factdesk_core::store::pg::is_url(&location) { "postgres" } else { "sqlite" },
        "editors": editors,
        "seconds": elapsed,
        "saves": accepted.len(),
        "saves_per_second": accepted.len() as f64 / elapsed,
        "save_p50_ms": percentile(&latencies, 0.5),
        "save_p95_ms": percentile(&latencies, 0.95),
        "conflicts": outcomes.iter().map(|o| o.conflicts).sum::<usize>(),
        "published": outcomes.iter().map(|o| o.published).sum::<usize>(),
        "lost_updates": lost,
        "errors": errors.len(),
        "first_error": errors.first(),
    });
    println!("{report}");
    // Refused saves (errors) were reported to their editor; only a lost
    // update is a failure.
    if lost > 0 {
        std::process::exit(1);
    }
}
