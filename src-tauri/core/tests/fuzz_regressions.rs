//! Replays every input that ever crashed or hung a fuzz target
//! (`fuzz/regressions/TARGET/`, filled by `./scripts/fuzz.sh`), and the seeds
//! the fuzzing starts from, through the same entry points the fuzzer calls.

use factdesk_core::fuzzing::TARGETS;
use std::path::Path;

fn inputs(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != ".keep"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_recorded_crash_and_every_seed_runs_cleanly() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut seeds = 0;
    for (name, target) in TARGETS {
        for kind in ["regressions", "seeds"] {
            for file in inputs(&fuzz.join(kind).join(name)) {
                let data = std::fs::read(&file).unwrap();
                // A panic here names the input through the test's output.
                eprintln!("{name}: {}", file.display());
                target(&data);
                seeds += usize::from(kind == "seeds");
            }
        }
    }
    assert!(seeds >= TARGETS.len(), "every target has a seed");
}
