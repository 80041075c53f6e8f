//! Every storage key is named in one place, `src/core/keys.rs`: no other source spells one,
//! and `public/boot.js` gets the ones it reads from the build (`scripts/storage-keys.mjs`
//! reads keys.rs line by line, so every key there must have the form it reads). Tests may
//! spell keys: they check the layout.

use std::fs;
use std::path::{Path, PathBuf};

fn files(dir: &Path, extensions: &[&str], out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, extensions, out);
        } else if path
            .extension()
            .is_some_and(|e| extensions.iter().any(|x| e == *x))
        {
            out.push(path);
        }
    }
}

fn is_test(path: &Path) -> bool {
    path.components().any(|c| c.as_os_str() == "tests") || path.ends_with("tests.rs")
}

#[test]
fn no_source_but_keys_rs_spells_a_storage_key() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = Vec::new();
    files(&root.join("src"), &["rs"], &mut sources);
    files(&root.join("public"), &["js"], &mut sources);
    files(&root.join("scripts"), &["js", "mjs"], &mut sources);
    assert!(sources.len() > 50, "found the sources");
    let keys_rs = root.join("src/core/keys.rs");
    let mut spelled = Vec::new();
    for file in sources.iter().filter(|f| **f != keys_rs && !is_test(f)) {
        let text = fs::read_to_string(file).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") || code.starts_with("*") || code.starts_with("/*") {
                continue;
            }
            if code.contains("\"trellis.")
                || code.contains("`trellis.")
                || code.contains("'trellis.")
            {
                spelled.push(format!("{}:{}: {code}", file.display(), n + 1));
            }
        }
    }
    assert_eq!(spelled, Vec::<String>::new());
}

#[test]
fn every_key_in_keys_rs_has_the_form_the_build_reads() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = fs::read_to_string(root.join("src/core/keys.rs")).expect("keys.rs");
    let consts: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("pub const ") && l.contains(": &str"))
        .collect();
    assert!(consts.len() >= 7, "{consts:?}");
    for line in consts {
        let rest = line.strip_prefix("pub const ").unwrap_or_default();
        let (name, value) = rest.split_once(": &str = \"").unwrap_or_default();
        assert!(
            !name.is_empty()
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && value.ends_with("\";")
                && !value.trim_end_matches("\";").contains('"'),
            "{line}"
        );
    }
    let boot = fs::read_to_string(root.join("public/boot.js")).expect("boot.js");
    assert!(boot.contains("/* trellis:storage-keys */ {}"));
    assert!(boot.contains("KEYS.THEME_KEY") && boot.contains("KEYS.PLAN_PREFIX"));
}
