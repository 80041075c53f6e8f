//! The backup file: every stored plan in one document (`trellis-backup-YYYY-MM-DD.json`), and
//! reading one back for a restore. Readable plans are kept in the plan format; stored data
//! that could not be read goes in as its raw text, marked as such, so a backup never drops
//! anything. A restore lists what the file holds before anything changes.
//!
//! ```json
//! {"format": "trellis-backup", "version": 1, "created": "2026-12-03T10:15:00.000Z",
//!  "changed": {"<plan id>": "2026-12-01T09:00:00.000Z"},
//!  "plans": [<plan document>, …],
//!  "unreadable": [{"key": "trellis.plan.x", "reason": "…", "raw": "…"}],
//!  "trash": [{"key": "trellis.trash.p1.1800000000000", "reason": "deleted 2026-12-01", "raw": "…"}]}
//! ```
//!
//! The trash (plans deleted or replaced in the last 30 days) goes in as each entry's stored
//! text; a restore lists and restores only `plans`.

use std::collections::BTreeMap;
use std::fmt;

use serde_json::{Map, Value};

use super::plan::Plan;
use super::schema::{self, ImportError, PlanReader};
use super::workspace::{ImportChoice, ImportOutcome, ReplacedPlan, Workspace, WorkspaceError};

pub const BACKUP_FORMAT: &str = "trellis-backup";
pub const BACKUP_VERSION: u64 = 1;
/// The most text one site's localStorage keeps, in UTF-16 code units (what `length` counts):
/// Chromium's quota is 10 MiB at two bytes a unit, Firefox's and Safari's 5 MiB. Everything a
/// backup holds came from there, and a restore puts it back there.
pub const MAX_STORED_CHARS: usize = 5 * 1024 * 1024;
/// Largest backup file read, checked before anything is parsed: a backup of a full
/// localStorage. A stored unit is at most three bytes of UTF-8 in the file (a character of
/// any script in one unit; a pair of units, four bytes), and the file's indentation adds less
/// to a plan's punctuation than that (`a_backup_of_a_full_storage_is_read`). A larger file is
/// not a backup Trellis wrote, and could not be restored into the browser anyway; reading it
/// would build a JSON tree of tens of MB before the page could paint.
pub const MAX_BACKUP_BYTES: usize = 3 * MAX_STORED_CHARS;

/// Stored data that could not be read as a plan, kept verbatim.
#[derive(Clone, Debug, PartialEq)]
pub struct UnreadableCopy {
    /// The storage key it was found under.
    pub key: String,
    pub reason: String,
    pub raw: String,
}

/// `trellis-backup-2026-12-03.json` for a backup made on `date` (YYYY-MM-DD).
pub fn file_name(date: &str) -> String {
    format!("trellis-backup-{date}.json")
}

/// The backup document. `created` and each `changed` time are ISO 8601 texts from the caller.
pub fn write_backup(
    plans: &[Plan],
    changed: &BTreeMap<String, String>,
    unreadable: &[UnreadableCopy],
    trash: &[UnreadableCopy],
    created: &str,
) -> String {
    let plan_docs: Vec<Value> = plans
        .iter()
        .map(|plan| serde_json::from_str(&schema::export_plan(plan)).unwrap_or(Value::Null))
        .collect();
    let changed: Map<String, Value> = changed
        .iter()
        .filter(|(id, _)| plans.iter().any(|p| &p.id == *id))
        .map(|(id, when)| (id.clone(), Value::String(when.clone())))
        .collect();
    let raw_copies = |copies: &[UnreadableCopy]| -> Vec<Value> {
        copies
            .iter()
            .map(|copy| {
                let mut entry = Map::new();
                entry.insert("key".into(), Value::String(copy.key.clone()));
                entry.insert("reason".into(), Value::String(copy.reason.clone()));
                entry.insert("raw".into(), Value::String(copy.raw.clone()));
                Value::Object(entry)
            })
            .collect()
    };
    let mut doc = Map::new();
    doc.insert("format".into(), BACKUP_FORMAT.into());
    doc.insert("version".into(), BACKUP_VERSION.into());
    doc.insert("created".into(), Value::String(created.to_string()));
    doc.insert("changed".into(), Value::Object(changed));
    doc.insert("plans".into(), Value::Array(plan_docs));
    doc.insert("unreadable".into(), Value::Array(raw_copies(unreadable)));
    if !trash.is_empty() {
        doc.insert("trash".into(), Value::Array(raw_copies(trash)));
    }
    serde_json::to_string_pretty(&Value::Object(doc)).unwrap_or_default()
}

/// Why a file cannot be restored at all. `Display` is the message shown.
#[derive(Clone, Debug, PartialEq)]
pub enum BackupError {
    TooLarge {
        bytes: usize,
    },
    Empty,
    NotJson {
        line: usize,
        column: usize,
        problem: String,
    },
    /// A single plan's file: it belongs in "Import a plan".
    PlanNotBackup,
    NotABackup {
        found: String,
    },
    BadVersion {
        found: String,
    },
    NewerVersion {
        version: u64,
    },
    MissingPlans,
    WrongType {
        path: String,
        expected: &'static str,
        found: String,
    },
}

impl fmt::Display for BackupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BackupError::TooLarge { bytes } => write!(
                f,
                "This file is {:.1} MB; a Trellis backup is at most {} MB, so this is not one.",
                *bytes as f64 / (1024.0 * 1024.0),
                MAX_BACKUP_BYTES / (1024 * 1024)
            ),
            BackupError::Empty => f.write_str("The file is empty: there is no backup in it."),
            BackupError::NotJson { line, column, problem } => write!(
                f,
                "This is not a Trellis backup: line {line}, column {column}: {problem}"
            ),
            BackupError::PlanNotBackup => f.write_str(
                "This is a single plan's file, not a backup of all plans. Add it under “Import a plan” instead.",
            ),
            BackupError::NotABackup { found } => {
                write!(f, "This is not a Trellis backup: {found}.")
            }
            BackupError::BadVersion { found } => write!(
                f,
                "This Trellis backup has no valid version number (found {found})."
            ),
            BackupError::NewerVersion { version } => write!(
                f,
                "This backup was made by a newer version of Trellis (backup version {version}; this app reads up to {BACKUP_VERSION}). Restore it there, or update Trellis."
            ),
            BackupError::MissingPlans => {
                f.write_str("This Trellis backup has no list of plans (`plans` is missing).")
            }
            BackupError::WrongType { path, expected, found } => write!(
                f,
                "This Trellis backup is damaged: `{path}` should be {expected}, but is {found}."
            ),
        }
    }
}

/// One plan in a backup, as the restore preview lists it.
#[derive(Clone, Debug, PartialEq)]
pub enum BackupItem {
    /// A plan that passed the same checks as an import.
    Plan {
        plan: Box<Plan>,
        /// When it was last changed before the backup, if the backup says.
        changed: Option<String>,
    },
    /// A plan document in the backup that fails the import checks; not restorable.
    Refused { name: String, reason: String },
    /// Stored data that was unreadable when the backup was made; kept in the file only.
    Unreadable(UnreadableCopy),
}

/// A backup read back: what the preview lists.
#[derive(Clone, Debug, PartialEq)]
pub struct Backup {
    pub created: String,
    pub items: Vec<BackupItem>,
}

impl Backup {
    pub fn plans(&self) -> impl Iterator<Item = &Plan> {
        self.items.iter().filter_map(|item| match item {
            BackupItem::Plan { plan, .. } => Some(&**plan),
            _ => None,
        })
    }
}

/// A backup in two steps, so a page can let the browser paint between plans: the document
/// (size, JSON, format, version, shape), then each plan through the import checks.
pub struct BackupSteps {
    created: String,
    changed: Map<String, Value>,
    plans: std::vec::IntoIter<Value>,
    items: Vec<BackupItem>,
    seen_ids: Vec<String>,
    unreadable: Vec<UnreadableCopy>,
    reader: PlanReader,
}

impl BackupSteps {
    pub fn begin(text: &str, reader: PlanReader) -> Result<Self, BackupError> {
        if text.len() > MAX_BACKUP_BYTES {
            return Err(BackupError::TooLarge { bytes: text.len() });
        }
        if text.trim().is_empty() {
            return Err(BackupError::Empty);
        }
        let doc: Value = serde_json::from_str(text).map_err(|err| BackupError::NotJson {
            line: err.line(),
            column: err.column(),
            problem: schema_problem(&err),
        })?;
        let Value::Object(mut doc) = doc else {
            return Err(BackupError::NotABackup {
                found: format!("the file holds {}", kind(&doc)),
            });
        };
        match doc.get("format").and_then(Value::as_str) {
            Some(BACKUP_FORMAT) => {}
            Some(schema::PLAN_FORMAT) => return Err(BackupError::PlanNotBackup),
            Some(other) => {
                return Err(BackupError::NotABackup {
                    found: format!("its format is {other:?}"),
                })
            }
            None => {
                return Err(BackupError::NotABackup {
                    found: "it has no \"format\": \"trellis-backup\" marker".into(),
                })
            }
        }
        match doc.get("version") {
            Some(Value::Number(n)) if n.as_u64().is_some_and(|v| v >= 1) => {
                let version = n.as_u64().unwrap_or_default();
                if version > BACKUP_VERSION {
                    return Err(BackupError::NewerVersion { version });
                }
            }
            Some(other) => {
                return Err(BackupError::BadVersion {
                    found: other.to_string(),
                })
            }
            None => {
                return Err(BackupError::BadVersion {
                    found: "none".into(),
                })
            }
        }
        let created = match doc.get("created") {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(text)) => text.clone(),
            Some(other) => return Err(wrong("created", "a date text", other)),
        };
        let changed = match doc.remove("changed") {
            None | Some(Value::Null) => Map::new(),
            Some(Value::Object(map)) => map,
            Some(other) => return Err(wrong("changed", "an object", &other)),
        };
        let plans = match doc.remove("plans") {
            None => return Err(BackupError::MissingPlans),
            Some(Value::Array(plans)) => plans,
            Some(other) => return Err(wrong("plans", "a list", &other)),
        };
        let unreadable = match doc.remove("unreadable") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(entries)) => entries
                .iter()
                .enumerate()
                .map(|(index, entry)| unreadable_copy(index, entry))
                .collect::<Result<_, _>>()?,
            Some(other) => return Err(wrong("unreadable", "a list", &other)),
        };
        Ok(BackupSteps {
            created,
            changed,
            plans: plans.into_iter(),
            items: Vec::new(),
            seen_ids: Vec::new(),
            unreadable,
            reader,
        })
    }

    /// Checks the next plan; false when there is none left.
    pub fn next_plan(&mut self) -> bool {
        let Some(doc) = self.plans.next() else {
            return false;
        };
        let name = doc
            .get("name")
            .and_then(Value::as_str)
            .filter(|name| !name.trim().is_empty())
            .unwrap_or("(no name)")
            .to_string();
        // The import checks but the size limit of one plan's file: the backup's own limit
        // bounds it, and a plan that fits in storage must restore (`read_stored`).
        let item = match self.reader.read_stored(&doc.to_string()) {
            Ok(plan) if self.seen_ids.contains(&plan.id) => BackupItem::Refused {
                name,
                reason: format!("another plan in this backup has the same id {:?}", plan.id),
            },
            Ok(plan) => {
                self.seen_ids.push(plan.id.clone());
                let changed = self
                    .changed
                    .get(&plan.id)
                    .and_then(Value::as_str)
                    .map(str::to_string);
                BackupItem::Plan {
                    plan: Box::new(plan),
                    changed,
                }
            }
            Err(err) => BackupItem::Refused {
                name,
                reason: refusal(&err),
            },
        };
        self.items.push(item);
        true
    }

    pub fn finish(mut self) -> Backup {
        while self.next_plan() {}
        let mut items = self.items;
        items.extend(self.unreadable.into_iter().map(BackupItem::Unreadable));
        Backup {
            created: self.created,
            items,
        }
    }
}

/// Reads a whole backup at once (the page uses [`BackupSteps`]).
pub fn read_backup(text: &str, reader: PlanReader) -> Result<Backup, BackupError> {
    Ok(BackupSteps::begin(text, reader)?.finish())
}

fn unreadable_copy(index: usize, entry: &Value) -> Result<UnreadableCopy, BackupError> {
    let text = |field: &str| match entry.get(field) {
        Some(Value::String(text)) => Ok(text.clone()),
        Some(other) => Err(wrong(
            &format!("unreadable[{index}].{field}"),
            "a text",
            other,
        )),
        None if entry.is_object() => Err(BackupError::WrongType {
            path: format!("unreadable[{index}].{field}"),
            expected: "a text",
            found: "missing".into(),
        }),
        None => Err(wrong(&format!("unreadable[{index}]"), "an object", entry)),
    };
    Ok(UnreadableCopy {
        key: text("key")?,
        reason: text("reason")?,
        raw: text("raw")?,
    })
}

fn refusal(err: &ImportError) -> String {
    let text = err.to_string();
    text.trim_end_matches('.').to_string()
}

fn schema_problem(err: &serde_json::Error) -> String {
    let text = err.to_string();
    // serde_json appends " at line L column C", which the message already says.
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

fn wrong(path: &str, expected: &'static str, found: &Value) -> BackupError {
    BackupError::WrongType {
        path: path.to_string(),
        expected,
        found: kind(found),
    }
}

fn kind(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(_) => "true or false".into(),
        Value::Number(_) => "a number".into(),
        Value::String(_) => "a text".into(),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// What the user chose for one plan of a backup whose id is already in the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RestoreChoice {
    /// Add the backup's copy next to the existing plan.
    KeepBoth,
    /// Put the backup's copy in place of the existing plan.
    Replace,
    /// Leave this plan out of the restore.
    Skip,
}

/// What a restore did, so it can be undone as one step.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RestoreUndo {
    /// Plans the restore added (to remove again).
    pub added: Vec<String>,
    /// Plans the restore replaced (to put back).
    pub replaced: Vec<ReplacedPlan>,
}

/// The plans to store after a restore, and how to undo it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Restored {
    pub store: Vec<Plan>,
    pub undo: RestoreUndo,
}

/// Restores `plans` into `workspace`. Each plan's id that is already listed uses its
/// choice: `existing` gives the listed plan for a Replace, `new_id` makes a Keep both id.
pub fn restore(
    workspace: &mut Workspace,
    plans: Vec<(Plan, RestoreChoice)>,
    existing: impl Fn(&str) -> Option<Plan>,
    mut new_id: impl FnMut() -> String,
) -> Result<Restored, WorkspaceError> {
    let mut restored = Restored::default();
    for (plan, choice) in plans {
        let choice = match (workspace.contains(&plan.id), choice) {
            (_, RestoreChoice::Skip) => continue,
            (true, RestoreChoice::Replace) => ImportChoice::Replace {
                existing: Box::new(
                    existing(&plan.id)
                        .ok_or_else(|| WorkspaceError::UnknownPlan(plan.id.clone()))?,
                ),
            },
            _ => ImportChoice::KeepBoth { new_id: new_id() },
        };
        match workspace.import(plan, choice)? {
            ImportOutcome::Added(plan) => {
                restored.undo.added.push(plan.id.clone());
                restored.store.push(*plan);
            }
            ImportOutcome::Replaced { plan, undo } => {
                restored.undo.replaced.push(undo);
                restored.store.push(*plan);
            }
        }
    }
    Ok(restored)
}

/// Undoes a restore: returns the plans to store again (the replaced ones) and the ids to
/// delete from storage (the added ones).
pub fn undo_restore(
    workspace: &mut Workspace,
    undo: RestoreUndo,
) -> Result<(Vec<Plan>, Vec<String>), WorkspaceError> {
    let mut put_back = Vec::new();
    for replaced in undo.replaced {
        put_back.push(workspace.undo_replace(replaced)?);
    }
    for id in &undo.added {
        if let Some(position) = workspace.position(id) {
            workspace.plans.remove(position);
            if workspace.current.as_deref() == Some(id.as_str()) {
                workspace.current = workspace.plans.first().map(|p| p.id.clone());
            }
        }
    }
    Ok((put_back, undo.added))
}

#[cfg(test)]
mod tests;
