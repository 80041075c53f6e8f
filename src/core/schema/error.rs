//! Why a document could not be read, in words for the person who tried to open it.

use std::fmt;

/// Where in a document something is, written like `goals.goals[3].target`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JsonPath(Vec<Step>);

#[derive(Clone, Debug, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

impl JsonPath {
    pub fn root() -> Self {
        JsonPath(Vec::new())
    }

    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    pub fn key(&self, key: &str) -> Self {
        let mut next = self.clone();
        next.push_key(key);
        next
    }

    pub fn push_key(&mut self, key: &str) {
        self.0.push(Step::Key(key.to_string()));
    }

    pub fn push_index(&mut self, index: usize) {
        self.0.push(Step::Index(index));
    }

    pub fn pop(&mut self) {
        self.0.pop();
    }

    pub fn last_key(&self) -> Option<&str> {
        match self.0.last() {
            Some(Step::Key(key)) => Some(key),
            _ => None,
        }
    }

    /// The value this path points at inside `root`, if there is one.
    pub fn lookup<'a>(&self, root: &'a serde_json::Value) -> Option<&'a serde_json::Value> {
        self.0.iter().try_fold(root, |value, step| match step {
            Step::Key(key) => value.get(key.as_str()),
            Step::Index(index) => value.get(*index),
        })
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(the whole document)");
        }
        for (n, step) in self.0.iter().enumerate() {
            match step {
                Step::Index(index) => write!(f, "[{index}]")?,
                Step::Key(key) if is_plain_key(key) => {
                    if n > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(key)?;
                }
                Step::Key(key) => write!(f, "[{}]", quote(key))?,
            }
        }
        Ok(())
    }
}

fn is_plain_key(key: &str) -> bool {
    let mut chars = key.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Longest piece of the user's own text repeated back in a message.
const QUOTE_CHARS: usize = 60;

/// The user's text in quotes, shortened, with control and direction-changing
/// characters escaped so a hostile value cannot garble the message.
pub(crate) fn quote(text: &str) -> String {
    let mut short: String = text.chars().take(QUOTE_CHARS).collect();
    let cut = short.len() < text.len();
    if cut {
        short.push('…');
    }
    format!("{short:?}")
}

/// A JSON value in words, e.g. `the text "ten"`, `a list`.
pub(crate) fn describe_value(value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the text {}", quote(s)),
        Value::Array(_) => "a list".to_string(),
        Value::Object(_) => "an object".to_string(),
    }
}

/// Everything that can stop a plan (or the workspace index) from being opened.
/// `Display` is the message shown to the user.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportError {
    /// Refused before parsing, so a huge file cannot freeze the page.
    TooLarge {
        bytes: usize,
        limit: usize,
    },
    /// The bytes are not UTF-8 text; `valid_up_to` is the first bad byte.
    NotText {
        valid_up_to: usize,
    },
    Empty,
    NotJson {
        line: usize,
        column: usize,
        problem: String,
    },
    /// Deeper than serde_json's recursion limit (128 levels).
    TooDeep {
        line: usize,
        column: usize,
    },
    /// Valid JSON but not a Trellis plan; `found` says what it is instead.
    NotAPlan {
        found: String,
    },
    /// A workspace index (the stored list of plans) offered as a plan.
    WorkspaceNotPlan,
    /// Expected the workspace index, found something else.
    NotAWorkspace {
        found: String,
    },
    /// `version` missing, not a whole number, or zero.
    BadVersion {
        found: String,
    },
    NewerVersion {
        version: u64,
        supported: u64,
    },
    /// The stored workspace index was written by a newer version of the app.
    NewerWorkspace {
        version: u64,
        supported: u64,
    },
    MigrationFailed {
        from: u64,
        to: u64,
        reason: String,
    },
    MissingField {
        path: String,
    },
    WrongType {
        path: String,
        expected: String,
        found: String,
    },
    OutOfRange {
        path: String,
        value: String,
        expected: String,
    },
    InvalidDate {
        path: String,
        value: String,
    },
    /// Any other value the typed reader refused (e.g. an unknown choice).
    InvalidValue {
        path: String,
        problem: String,
    },
    EmptyId {
        path: String,
    },
    DuplicateId {
        path: String,
        id: String,
        first: String,
    },
    DanglingReference {
        path: String,
        id: String,
    },
    /// A reference naming a record of another kind, e.g. a goal where an objective belongs.
    WrongKindOfRecord {
        path: String,
        id: String,
        expected: &'static str,
        found: &'static str,
        /// Where the record it names is.
        at: String,
    },
    UnsafeLink {
        path: String,
        link: String,
    },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ImportError::*;
        match self {
            TooLarge { bytes, limit } => write!(
                f,
                "This file is {}; Trellis opens plans up to {}.",
                size(*bytes),
                size(*limit)
            ),
            NotText { valid_up_to } => write!(
                f,
                "This file is not text (byte {} is not UTF-8), so it is not a Trellis plan.",
                valid_up_to + 1
            ),
            Empty => f.write_str("The file is empty: there is no plan in it."),
            NotJson { line, column, problem } => {
                write!(f, "Line {line}, column {column}: {problem}")
            }
            TooDeep { line, column } => write!(
                f,
                "Line {line}, column {column}: the JSON is nested more than 128 levels deep; \
                 a Trellis plan never is."
            ),
            NotAPlan { found } => write!(f, "This is not a Trellis plan: {found}."),
            WorkspaceNotPlan => f.write_str(
                "This is a Trellis workspace index (the list of plans), not a plan. \
                 Export a single plan and import that file.",
            ),
            NotAWorkspace { found } => {
                write!(f, "This is not a Trellis workspace index: {found}.")
            }
            BadVersion { found } => write!(
                f,
                "This Trellis plan has no valid version number (found {found})."
            ),
            NewerVersion { version, supported } => write!(
                f,
                "This plan was made by a newer version of Trellis (version {version}); \
                 this app reads up to {supported} — update Trellis or open it where it was made."
            ),
            NewerWorkspace { version, supported } => write!(
                f,
                "Your list of plans was saved by a newer version of Trellis (version {version}); \
                 this app reads up to {supported} — open Trellis where it was saved, or update it."
            ),
            MigrationFailed { from, to, reason } => write!(
                f,
                "This plan is from version {from} of Trellis and could not be upgraded \
                 to version {to}: {reason}"
            ),
            MissingField { path } => write!(f, "`{path}` is missing."),
            WrongType {
                path,
                expected,
                found,
            } => write!(f, "`{path}`: expected {expected}, found {found}."),
            OutOfRange {
                path,
                value,
                expected,
            } => write!(f, "`{path}`: {value} is out of range (expected {expected})."),
            InvalidDate { path, value } => write!(
                f,
                "`{path}`: {} is not a date (use YYYY-MM-DD)",
                quote(value)
            ),
            InvalidValue { path, problem } => write!(f, "`{path}`: {problem}"),
            EmptyId { path } => write!(f, "`{path}`: an id can't be empty."),
            DuplicateId { path, id, first } => write!(
                f,
                "`{path}`: the id {} is already used at `{first}`; every id in a plan must be unique.",
                quote(id)
            ),
            DanglingReference { path, id } => write!(
                f,
                "`{path}`: refers to {}, which is not in this plan.",
                quote(id)
            ),
            WrongKindOfRecord {
                path,
                id,
                expected,
                found,
                at,
            } => write!(
                f,
                "`{path}`: refers to {}, which is {found} (at `{at}`), not {expected}.",
                quote(id)
            ),
            UnsafeLink { path, link } => write!(
                f,
                "`{path}`: only http, https and mailto links are allowed, not {}.",
                quote(link)
            ),
        }
    }
}

impl std::error::Error for ImportError {}

fn size(bytes: usize) -> String {
    const KB: usize = 1024;
    const MB: usize = 1024 * 1024;
    let (amount, unit) = match bytes {
        b if b < KB => return format!("{b} bytes"),
        b if b < MB => (b as f64 / KB as f64, "KB"),
        b => (b as f64 / MB as f64, "MB"),
    };
    let text = format!("{amount:.1}");
    let text = text.strip_suffix(".0").unwrap_or(&text);
    format!("{text} {unit}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_like_field_access() {
        let mut path = JsonPath::root();
        path.push_key("goals");
        path.push_key("goals");
        path.push_index(3);
        path.push_key("target");
        assert_eq!(path.to_string(), "goals.goals[3].target");
    }

    #[test]
    fn odd_keys_in_paths_are_quoted_and_escaped() {
        let path = JsonPath::root().key("a.b").key("x\u{202e}y");
        assert_eq!(path.to_string(), r#"["a.b"]["x\u{202e}y"]"#);
    }

    #[test]
    fn quoted_user_text_is_shortened() {
        let long = "x".repeat(1_000_000);
        let quoted = quote(&long);
        assert!(quoted.chars().count() < 70);
        assert!(quoted.ends_with("…\""));
    }

    #[test]
    fn sizes_are_written_in_kb_and_mb() {
        assert_eq!(size(10 * 1024 * 1024), "10 MB");
        assert_eq!(size(52_428_800 + 419_430), "50.4 MB");
        assert_eq!(size(2048), "2 KB");
        assert_eq!(size(12), "12 bytes");
    }

    #[test]
    fn lookup_follows_keys_and_indexes() {
        let doc = serde_json::json!({"goals": {"goals": [{}, {"target": 5}]}});
        let path = JsonPath::root().key("goals").key("goals");
        let mut path = path;
        path.push_index(1);
        path.push_key("target");
        assert_eq!(path.lookup(&doc), Some(&serde_json::json!(5)));
    }
}
