//! Every key Trellis keeps in the browser's storage, and the name of the Web Lock its writes
//! take: named here and nowhere else. `public/boot.js` gets the ones it reads from the build
//! (`scripts/post-build.mjs` reads this file), and `tests/keys_in_one_place.rs` fails when
//! any other source file spells a key.
//!
//! Each line is `pub const NAME: &str = "text";`, which the build's reader expects.

/// One key per plan: `trellis.plan.<id>`, a compact plan document.
pub const PLAN_PREFIX: &str = "trellis.plan.";
/// The plan order and the last opened plan.
pub const INDEX_KEY: &str = "trellis.workspace";
/// Raw copies of stored data that could not be read: `trellis.backup.<its key>`.
pub const BACKUP_PREFIX: &str = "trellis.backup.";
/// Deleted and replaced plans, kept for 30 days: `trellis.trash.<id>.<when, ms>`.
pub const TRASH_PREFIX: &str = "trellis.trash.";
/// Change and backup times, the browser's answer on keeping the data, the reminder.
pub const CARE_KEY: &str = "trellis.care";
/// The theme the user picked (boot.js applies it before the first paint).
pub const THEME_KEY: &str = "trellis.theme";
/// Which sections of a plan are collapsed: `trellis.collapsed.<plan id>`.
pub const COLLAPSED_PREFIX: &str = "trellis.collapsed.";
/// The Web Lock every write to the keys above takes (`navigator.locks.request`).
pub const LOCK_NAME: &str = "trellis.storage";

/// The key of the plan `id`.
pub fn plan_key(id: &str) -> String {
    format!("{PLAN_PREFIX}{id}")
}

/// The plan id stored under `key` (the key itself when it is not a plan's).
pub fn plan_id(key: &str) -> &str {
    key.strip_prefix(PLAN_PREFIX).unwrap_or(key)
}

/// Where the raw copy of the unreadable data under `key` is kept.
pub fn backup_key(key: &str) -> String {
    format!("{BACKUP_PREFIX}{key}")
}

/// The key of plan `plan_id`'s collapsed sections.
pub fn collapsed_key(plan_id: &str) -> String {
    format!("{COLLAPSED_PREFIX}{plan_id}")
}

/// The key of plan `id` put in the trash at `when_ms`.
pub fn trash_key(id: &str, when_ms: f64) -> String {
    format!("{TRASH_PREFIX}{id}.{}", when_ms.max(0.0) as u64)
}
