//! The trash: deleted and replaced plans, each kept under its own key for
//! [`KEEP_DAYS`] days, listed on the Plans page with Restore, and put in the backup.
//!
//! An entry is one line of JSON saying what it is, a newline, then the plan's stored text
//! exactly as it was (so the trash can be listed without reading the plans):
//!
//! ```text
//! {"format":"trellis-trash","version":1,"id":"p1","name":"Forum","trashed":1800000000000,"why":"deleted"}
//! {"format":"trellis-plan","version":…}
//! ```

use serde::{Deserialize, Serialize};

use crate::core::care::DAY_MS;
use crate::core::keys;
use crate::core::open_plan::store::{PlanStore, StorageProblem};

pub const TRASH_FORMAT: &str = "trellis-trash";
/// How long a plan stays in the trash.
pub const KEEP_DAYS: f64 = 30.0;

/// Why a plan went to the trash.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TrashReason {
    /// The user deleted it.
    Deleted,
    /// An import or a restore put another copy in its place.
    Replaced,
}

/// A plan in the trash, as the Plans page lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct TrashEntry {
    pub key: String,
    pub id: String,
    pub name: String,
    pub trashed_ms: f64,
    pub why: TrashReason,
}

impl TrashEntry {
    /// When it leaves the trash for good.
    pub fn expires_ms(&self) -> f64 {
        self.trashed_ms + KEEP_DAYS * DAY_MS
    }
}

#[derive(Serialize, Deserialize)]
struct Head {
    format: String,
    version: u64,
    id: String,
    name: String,
    trashed: f64,
    why: TrashReason,
}

/// The stored text of a trash entry holding `plan_text`.
pub fn entry_text(
    id: &str,
    name: &str,
    trashed_ms: f64,
    why: TrashReason,
    plan_text: &str,
) -> String {
    let head = Head {
        format: TRASH_FORMAT.into(),
        version: 1,
        id: id.into(),
        name: name.into(),
        trashed: trashed_ms,
        why,
    };
    let head = serde_json::to_string(&head).unwrap_or_default();
    format!("{head}\n{plan_text}")
}

/// A stored trash entry: what it is, and the plan's stored text.
pub fn read_entry(key: &str, text: &str) -> Option<(TrashEntry, String)> {
    let (head, plan) = text.split_once('\n')?;
    let head: Head = serde_json::from_str(head).ok()?;
    if head.format != TRASH_FORMAT {
        return None;
    }
    Some((
        TrashEntry {
            key: key.to_string(),
            id: head.id,
            name: head.name,
            trashed_ms: head.trashed,
            why: head.why,
        },
        plan.to_string(),
    ))
}

/// A key for plan `id` trashed at `now` that nothing is stored under yet.
pub fn free_key(store: &impl PlanStore, id: &str, now: f64) -> Result<String, StorageProblem> {
    let mut when = now;
    loop {
        let key = keys::trash_key(id, when);
        if store.read(&key)?.is_none() {
            return Ok(key);
        }
        when += 1.0;
    }
}

/// Everything in the trash, newest first. Entries that cannot be read are left out (and left
/// alone).
pub fn list(store: &impl PlanStore) -> Result<Vec<TrashEntry>, StorageProblem> {
    let mut entries = Vec::new();
    for key in store.keys_with_prefix(keys::TRASH_PREFIX)? {
        if let Some(text) = store.read(&key)? {
            if let Some((entry, _)) = read_entry(&key, &text) {
                entries.push(entry);
            }
        }
    }
    entries.sort_by(|a, b| b.trashed_ms.total_cmp(&a.trashed_ms));
    Ok(entries)
}
