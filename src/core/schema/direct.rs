//! The direct route for the usual import: a plan of the current version read straight from
//! its text into the plan's types, without the `serde_json::Value` tree the full route builds
//! so it can name where a problem is. It is several times faster on a large plan.
//!
//! It only ever says "read" or "not sure": anything it cannot read (a syntax or type error,
//! another version, a key given twice) goes down the full route, which decides and says why.
//! Both routes then end in the same check of the typed plan (`check.rs`), so they accept the
//! same plans and refuse with the same words; the tests in `schema/tests.rs` hold them to it.

use super::{CURRENT_VERSION, PLAN_FORMAT, SAME_FIELDS_SINCE};
use crate::core::plan::Plan;

/// The plan in `text` when it is a plan document of a version with the current fields (the
/// current one, or an older one whose migration is the identity) whose fields all read into
/// the plan's types; `None` otherwise (the full route then says what is wrong).
pub fn read(text: &str) -> Option<Plan> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut plan: Plan = serde_json::from_str(text).ok()?;
    // The markers land among the fields this build does not know; they are not the plan's.
    let format = plan.extra.shift_remove("format")?;
    let version = plan.extra.shift_remove("version")?;
    let same_fields = (SAME_FIELDS_SINCE..=CURRENT_VERSION).contains(&version.as_u64()?);
    (format.as_str() == Some(PLAN_FORMAT) && same_fields).then_some(plan)
}
