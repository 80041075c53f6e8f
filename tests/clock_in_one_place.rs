//! The real clock is read in one place, `src/ui/clock.rs` (and the benchmark's own hooks):
//! everything else takes the date or time as a value, so no test depends on the day it runs.

use std::fs;
use std::path::Path;

const CLOCK_READS: [&str; 7] = [
    "Date::now",
    "Date::new_0",
    "Utc::now",
    "Local::now",
    "SystemTime::now",
    "Instant::now",
    "Utc::today",
];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn only_the_clock_module_reads_the_clock() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    rust_files(&root.join("tests"), &mut files);
    assert!(files.len() > 50, "found the sources");
    let allowed = [root.join("src/ui/clock.rs"), root.join("src/bench.rs")];
    let mut readers = Vec::new();
    for file in files.iter().filter(|f| !allowed.contains(f)) {
        let text = fs::read_to_string(file).unwrap_or_default();
        for read in CLOCK_READS {
            // No stopwatch either: a test of cost counts work (README "On any day").
            if text.contains(read) && !file.ends_with("clock_in_one_place.rs") {
                readers.push(format!("{} reads {read}", file.display()));
            }
        }
    }
    assert_eq!(readers, Vec::<String>::new());
}
