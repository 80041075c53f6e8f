//! The curve counted from a member-activity export (issue 33): who did what when, as a
//! forum, a chat workspace, a code host or an event tool exports it, read in the browser.
//!
//! Reading goes: the file's table and a guess of its columns ([`read::read_head`],
//! [`read::guess_mapping`], which the user can change), then every row
//! ([`read::read_activities`]: problems named by line, skipped rows counted by reason), then
//! the stages of each member on the chosen dates by the plan's [`ActivityRules`]
//! ([`count::count`]), giving snapshots and flows. Nothing touches the plan until
//! [`count::add_counts`].
//!
//! **Counts only.** Member identifiers are replaced by numbers while the file is read and the
//! table that pairs them is dropped before [`read::read_activities`] returns: nothing after it
//! can store, export or share an identifier. What the plan keeps is the rules (not personal)
//! and, with each snapshot, where its counts came from ([`CountedFrom`]).
//!
//! **Format.** `Curve::activity_rules` and `Snapshot::counted_from` are optional fields (see
//! `schema`'s notes): their absence means "no rules yet" and "typed by hand", which is what
//! builds without them assume. `counted_from` describes a snapshot's counts, so an older build
//! that edits those counts would leave it stale; it therefore carries a fingerprint of the
//! counts and flows it describes, and is shown only while they still match
//! ([`CountedFrom::describes`]).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::flows::Flows;
use super::{Snapshot, StageCount, StageId};
use crate::core::plan::Extra;

pub mod count;
pub mod dates;
pub mod read;
pub mod rules;

/// The default of [`ActivityRules::threshold`]: counts under it are shown as "fewer than 5".
pub const DEFAULT_THRESHOLD: u64 = 5;

/// How members are put in stages from their activity, kept with the plan so next month's
/// export is counted the same way.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActivityRules {
    /// At most one rule per stage; a stage without one is not counted. Rules for stages the
    /// curve no longer has are ignored (an older build may delete a stage and keep them).
    pub stages: Vec<StageRule>,
    /// Counts under this are shown as "fewer than N" in exports and the brief (0: never).
    pub threshold: u64,
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Default for ActivityRules {
    fn default() -> Self {
        ActivityRules {
            stages: Vec::new(),
            threshold: DEFAULT_THRESHOLD,
            extra: Extra::default(),
        }
    }
}

/// "At least `min_activities` activities of these types (or any) in the last `days` days."
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StageRule {
    pub stage_id: StageId,
    pub min_activities: u32,
    /// Activity types as the file writes them, matched ignoring case; empty: any type.
    pub types: Vec<String>,
    pub days: u32,
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Default for StageRule {
    fn default() -> Self {
        StageRule {
            stage_id: StageId::default(),
            min_activities: 1,
            types: Vec::new(),
            days: 30,
            extra: Extra::default(),
        }
    }
}

/// Where a snapshot's counts came from when they were counted from an activity file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CountedFrom {
    /// The file's name as the browser gave it ("" for pasted text).
    pub file_name: String,
    /// Rows read from the file, and the dates its rows span.
    pub rows: u64,
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
    /// The rules as sentences, as they were when counted.
    pub rules: Vec<String>,
    /// Of the counts and flows as counted; see [`CountedFrom::describes`].
    pub fingerprint: String,
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
}

impl CountedFrom {
    /// Whether this still describes the snapshot: its counts and flows are those counted.
    pub fn describes(&self, snapshot: &Snapshot) -> bool {
        self.fingerprint == fingerprint(&snapshot.counts, snapshot.flows.as_ref())
    }

    /// "Counted from activity.csv (12,345 rows, 2026-01-01 to 2026-06-30) by the curve's rules."
    pub fn sentence(&self) -> String {
        let file = if self.file_name.trim().is_empty() {
            "pasted activity".to_string()
        } else {
            self.file_name.trim().to_string()
        };
        let span = match (self.first_date, self.last_date) {
            (Some(a), Some(b)) => format!(", {a} to {b}"),
            _ => String::new(),
        };
        format!(
            "Counted from {file} ({} rows{span}) by the activity rules.",
            group_thousands(self.rows)
        )
    }
}

/// The snapshot's counted-from note, if it still describes it.
pub fn counted_from(snapshot: &Snapshot) -> Option<&CountedFrom> {
    snapshot
        .counted_from
        .as_ref()
        .filter(|c| c.describes(snapshot))
}

/// A count as exports and the brief show it: "fewer than 5" under the threshold, for counts
/// that were counted from members' activity (small counts of people can point to people).
pub fn shown_count(count: u64, threshold: u64) -> String {
    if count > 0 && count < threshold {
        format!("fewer than {threshold}")
    } else {
        count.to_string()
    }
}

/// A text fingerprint (FNV-1a, 64 bits) of counts and flows, the same in every build.
pub fn fingerprint(counts: &[StageCount], flows: Option<&Flows>) -> String {
    let mut text = String::new();
    for c in counts {
        text.push_str(&format!("{}={};", c.stage_id, c.count));
    }
    if let Some(f) = flows {
        text.push_str(&format!("since={};", f.since));
        for s in &f.stages {
            text.push_str(&format!(
                "{}:{},{},{},{},{};",
                s.stage_id, s.moved_in, s.stayed, s.moved_up, s.moved_down, s.left
            ));
        }
    }
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// 1234567 → "1,234,567".
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests;
