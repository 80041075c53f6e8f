//! The app reads plans only through the plan reader's chunk (`src/ui/on_demand.rs`): code
//! that calls `PlanReader::linked()` outside it links every plan type's `Deserialize` into
//! the main module, and every first visit downloads it (a merge once did: 355 -> 472 KB
//! gzip). Tests and the benchmark's own build may link it.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The text of `file` that the app's build compiles: up to its first `#[cfg(test)]`, and
/// nothing of a test module's own file.
fn app_code(file: &Path, text: &str) -> String {
    let is_test_file = file.ends_with("tests.rs")
        || file.components().any(|c| c.as_os_str() == "tests")
        || file
            .file_name()
            .is_some_and(|n| n.to_string_lossy().ends_with("_tests.rs"));
    if is_test_file {
        return String::new();
    }
    match text.find("#[cfg(test)]") {
        Some(at) => text[..at].to_string(),
        None => text.to_string(),
    }
}

#[test]
fn only_the_readers_chunk_links_the_plan_reader() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    assert!(files.len() > 50, "found the sources");
    let allowed = [
        root.join("src/ui/on_demand.rs"),
        root.join("src/bench.rs"),
        root.join("src/core/schema.rs"),
    ];
    let linkers: Vec<String> = files
        .iter()
        .filter(|f| !allowed.contains(f))
        .filter(|f| {
            let text = fs::read_to_string(f).unwrap_or_default();
            app_code(f, &text).contains("PlanReader::linked")
        })
        .map(|f| f.display().to_string())
        .collect();
    assert_eq!(linkers, Vec::<String>::new());
}

/// The same for the merge (issue 32): `Merger::linked()` outside its chunk would put every
/// plan type's (de)serialization through `serde_json::Value` on the path of a visit with a
/// plan stored (it once did: 492 -> 582 KB gzip).
#[test]
fn only_the_merges_chunk_links_the_merge() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    let allowed = [
        root.join("src/ui/on_demand.rs"),
        root.join("src/core/merge/merger.rs"),
    ];
    let linkers: Vec<String> = files
        .iter()
        .filter(|f| !allowed.contains(f))
        .filter(|f| {
            let text = fs::read_to_string(f).unwrap_or_default();
            app_code(f, &text).contains("Merger::linked")
        })
        .map(|f| f.display().to_string())
        .collect();
    assert_eq!(linkers, Vec::<String>::new());
}
