//! Every type that stored or imported text is read into keeps the fields it does not know
//! (`#[serde(flatten)] extra`), so a round trip through this build keeps what a newer one
//! wrote. Read from the source: a new `Deserialize` type without `extra` fails here, before
//! any plan could lose a field to it.

use std::path::{Path, PathBuf};

/// Types that derive `Deserialize` but are not records: nothing read into them is written
/// back, so there is nothing for them to keep.
const NOT_RECORDS: &[(&str, &str, &str)] = &[
    (
        "src/core/schema/stored.rs",
        "Raw",
        "the four header keys of a stored plan, read to list it; never written",
    ),
    (
        "src/core/share.rs",
        "Head",
        "a shared plan's name and list lengths, read for its preview; never written",
    ),
    ("src/core/share.rs", "GoalsHead", "part of Head"),
    ("src/core/share.rs", "CurveHead", "part of Head"),
    ("src/core/share.rs", "CareerHead", "part of Head"),
    (
        "src/core/schema/stored.rs",
        "Index",
        "the index's known fields, typed to word a refusal; parse_workspace keeps the unknown ones",
    ),
    ("src/core/schema/stored.rs", "IndexEntry", "part of Index"),
    (
        "src/core/session/trash.rs",
        "Head",
        "a trash entry's first line, read to list it; an entry is written once, never rewritten",
    ),
];

/// Enums that derive `Deserialize` but are no part of a plan: a value they do not know is not
/// read from a document this build writes back.
const CLOSED_ENUMS: &[(&str, &str, &str)] = &[(
    "src/core/session/trash.rs",
    "TrashReason",
    "a trash entry's reason, read to list it; an entry is written once, never rewritten",
)];

/// What a `Deserialize` item found in the source must be: a struct with named fields keeps an
/// `extra` (flattened); an enum keeps a value it does not know (its last variant is
/// `#[serde(untagged …)] Unknown(FromNewer)`, see `core::newer`), and none of its variants may
/// hold named fields that could be dropped; a tuple struct is a value (an id, a number) with no
/// fields of its own.
fn records_without_extra(file: &str, text: &str) -> Scan {
    let text = without_test_modules(text);
    let mut scan = Scan::default();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("#[derive(") {
        let after = &rest[at + "#[derive(".len()..];
        let Some(end) = after.find(")]") else { break };
        let derives = &after[..end];
        rest = &after[end..];
        let read = derives
            .split(',')
            .any(|d| matches!(d.trim(), "Deserialize" | "serde::Deserialize"));
        if !read {
            // Read by hand (the index, the care record): a record when it keeps `extra`.
            if let Some(("struct", name, Some(body))) = next_item(rest) {
                if keeps_extra(body) {
                    scan.records.push(name);
                }
            }
            continue;
        }
        let Some((kind, name, body)) = next_item(rest) else {
            scan.missing.push(format!(
                "{file}: a derive(Deserialize) on something unreadable"
            ));
            continue;
        };
        scan.found += 1;
        if NOT_RECORDS.iter().any(|(f, n, _)| *f == file && *n == name) {
            continue;
        }
        match (kind, body) {
            ("struct", Some(body)) if keeps_extra(body) => scan.records.push(name),
            ("struct", Some(_)) => scan.missing.push(format!(
                "{file}: struct {name} has no `#[serde(flatten)] pub extra: Extra`"
            )),
            ("enum", Some(body)) if has_struct_variant(body) => scan.missing.push(format!(
                "{file}: enum {name} has a variant with named fields, which keep nothing unknown"
            )),
            ("enum", Some(_))
                if CLOSED_ENUMS
                    .iter()
                    .any(|(f, n, _)| *f == file && *n == name) => {}
            ("enum", Some(body)) if keeps_unknown_value(body) => scan.open_enums.push(name),
            ("enum", Some(_)) => scan.missing.push(format!(
                "{file}: enum {name} has no `#[serde(untagged)] Unknown(FromNewer)` variant, so a \
                 value a newer Trellis adds makes the whole plan unreadable here"
            )),
            _ => {}
        }
    }
    scan
}

#[derive(Default)]
struct Scan {
    /// `Deserialize` types met.
    found: usize,
    /// The structs that keep unknown fields (derived `Deserialize` or read by hand).
    records: Vec<String>,
    /// The enums that keep a value they do not know.
    open_enums: Vec<String>,
    /// What is wrong, one line each.
    missing: Vec<String>,
}

/// The kind, name and braced body (none for a tuple struct) of the item after the attributes
/// and doc comments at the start of `text`.
fn next_item(text: &str) -> Option<(&'static str, String, Option<&str>)> {
    let mut lines = text.lines().skip(1).map(str::trim);
    let line = lines.find(|line| {
        !(line.is_empty() || line.starts_with("#[") || line.starts_with("//") || *line == ")]")
    })?;
    let declaration = line
        .trim_start_matches("pub(crate) ")
        .trim_start_matches("pub ");
    let (kind, named) = if let Some(named) = declaration.strip_prefix("struct ") {
        ("struct", named)
    } else {
        ("enum", declaration.strip_prefix("enum ")?)
    };
    let name: String = named
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$')
        .collect();
    let start = text.find(line)? + line.len() - named.len() + name.len();
    let after = &text[start..];
    let brace = after.find('{');
    let tuple = after.find(['(', ';']);
    match (brace, tuple) {
        (Some(brace), Some(tuple)) if tuple < brace => Some((kind, name, None)),
        (Some(brace), _) => Some((kind, name, Some(braced(&after[brace..])?))),
        _ => Some((kind, name, None)),
    }
}

/// The text of the braced block `text` starts with, braces included. Braces in strings,
/// characters and comments do not count.
fn braced(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => depth += 1,
            b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return text.get(..=i);
                }
            }
            b'r' if bytes[i + 1..].starts_with(b"#\"") => {
                i += text[i..].find("\"#")? + 1;
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'\'' if bytes.get(i + 2) == Some(&b'\'') => i += 2,
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i += text[i..].find('\n').unwrap_or(text.len() - i);
            }
            _ => {}
        }
        i += 1;
    }
    None
}

fn keeps_extra(body: &str) -> bool {
    let lines: Vec<&str> = body.lines().map(str::trim).collect();
    lines.windows(2).any(|pair| {
        pair[0] == "#[serde(flatten)]"
            && (pair[1] == "pub extra: Extra," || pair[1] == "pub extra: crate::core::plan::Extra,")
    })
}

/// Whether the enum's last variant is `Unknown(FromNewer)`, read by serde after every known one
/// (`#[serde(untagged)]`, with or without a `deserialize_with`).
fn keeps_unknown_value(body: &str) -> bool {
    let lines: Vec<&str> = body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
        .collect();
    let n = lines.len();
    n >= 3
        && lines[n - 1] == "}"
        && lines[n - 2] == "Unknown(FromNewer),"
        && lines[n - 3].starts_with("#[serde(untagged")
}

fn has_struct_variant(body: &str) -> bool {
    // The body's own braces aside, a brace opens a variant's named fields.
    body[1..body.len() - 1].contains('{')
}

/// `text` without its `#[cfg(test)] mod … { … }` blocks (stand-in types of unit tests).
fn without_test_modules(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let module = after.lines().nth(1).map(str::trim).unwrap_or_default();
        match (
            module.starts_with("mod ") && module.ends_with('{'),
            after.find('{'),
        ) {
            (true, Some(open)) => {
                let block = braced(&after[open..]).unwrap_or(&after[open..]);
                rest = &after[open + block.len()..];
            }
            _ => {
                out.push_str("#[cfg(test)]");
                rest = &after["#[cfg(test)]".len()..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            // Test-only folders (`tests/`): fixtures and stand-ins, never read from a plan.
            if path.file_name().is_some_and(|n| n != "tests") {
                rust_files(&path, found);
            }
        } else if path.extension().is_some_and(|e| e == "rs")
            && path.file_name().is_some_and(|n| n != "tests.rs")
        {
            found.push(path);
        }
    }
}

#[test]
fn every_type_read_from_a_document_keeps_unknown_fields() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    let mut all = Scan::default();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let file = path
            .strip_prefix(root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        let scan = records_without_extra(&file, &text);
        all.found += scan.found;
        all.records.extend(scan.records);
        all.open_enums.extend(scan.open_enums);
        all.missing.extend(scan.missing);
    }
    // The plan's record types, its enums, the ids, the index and the care record.
    assert!(
        all.found >= 70,
        "the scan found only {} Deserialize types",
        all.found
    );
    assert!(
        all.missing.is_empty(),
        "a plan read and saved by this build would lose what a newer one wrote there:\n{}",
        all.missing.join("\n")
    );
    // Every record type of a plan is in the generated plans that test the round trip.
    let mut in_plans: Vec<&str> = super::generated::RECORD_PLACES
        .iter()
        .map(|(name, _)| *name)
        .collect();
    in_plans.extend(OUTSIDE_PLANS);
    in_plans.sort_unstable();
    in_plans.dedup();
    all.records.sort_unstable();
    assert_eq!(all.records, in_plans);
    // Every enum that keeps a value it does not know is tested with one in a plan.
    let mut tested: Vec<&str> = super::newer_values::ENUM_FIELDS
        .iter()
        .map(|(name, _, _)| *name)
        .collect();
    tested.sort_unstable();
    tested.dedup();
    all.open_enums.sort_unstable();
    all.open_enums.dedup();
    assert_eq!(all.open_enums, tested);
}

/// Record types kept outside plans, read by hand so that their reading adds nothing to the
/// first download, each with a test of its own: the plan list's index
/// (`the_index_keeps_what_a_newer_trellis_added`) and the care record (`care::tests`).
const OUTSIDE_PLANS: [&str; 3] = ["DataCare", "PlanSummary", "Workspace"];

#[test]
fn the_scan_finds_a_record_without_extra() {
    let text = r#"
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Kept {
    pub a: u32,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Forgot it.
#[derive(
    Clone, Debug, Serialize, Deserialize,
)]
pub struct Forgot {
    pub a: Vec<Kept>,
}

#[derive(Serialize, serde::Deserialize)]
pub struct Id(pub String);

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    A,
    B(u8),
}

#[derive(Serialize, Deserialize)]
pub enum WithFields {
    A { lost: u8 },
}

#[derive(Serialize, Deserialize)]
pub enum Open {
    A,
    B(u8),
    /// Kept.
    #[serde(untagged)]
    Unknown(FromNewer),
}

#[derive(Serialize)]
pub struct Written {
    pub a: u8,
}

#[cfg(test)]
mod tests {
    #[derive(Deserialize)]
    struct StandIn {
        a: u8,
    }
}
"#;
    let scan = records_without_extra("x.rs", text);
    assert_eq!(scan.found, 6);
    assert_eq!(scan.records, ["Kept"]);
    assert_eq!(scan.open_enums, ["Open"]);
    assert_eq!(
        scan.missing,
        [
            "x.rs: struct Forgot has no `#[serde(flatten)] pub extra: Extra`",
            "x.rs: enum Unit has no `#[serde(untagged)] Unknown(FromNewer)` variant, so a value \
             a newer Trellis adds makes the whole plan unreadable here",
            "x.rs: enum WithFields has a variant with named fields, which keep nothing unknown",
        ]
    );
}
