//! A plan: the document a user works on. One program's goals, its commitment curve
//! and a career worksheet.

use serde::{Deserialize, Serialize};

use super::career::Career;
use super::curve::Curve;
use super::goals::GoalBook;

/// Fields this version does not know, kept so that a round trip through an older
/// build does not drop what a newer one wrote.
pub type Extra = serde_json::Map<String, serde_json::Value>;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// Opaque, unique across the workspace; generated once, never reused.
    pub id: String,
    pub name: String,
    /// Incremented on every save; lets a tab tell whether another tab saved after it loaded.
    #[serde(default)]
    pub revision: u64,
    /// Source of ids for everything inside the plan ("g12", "s3", ...); only ever grows.
    #[serde(default)]
    pub next_id: u64,
    #[serde(default)]
    pub goals: GoalBook,
    #[serde(default)]
    pub curve: Curve,
    #[serde(default)]
    pub career: Career,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Plan {
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
        Plan {
            id: id.into(),
            name: name.into(),
            ..Plan::default()
        }
    }

    /// A fresh id for something inside this plan, e.g. `fresh_id("g")` → `"g7"`.
    pub fn fresh_id(&mut self, prefix: &str) -> String {
        self.next_id += 1;
        format!("{prefix}{}", self.next_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_ids_are_never_reused() {
        let mut plan = Plan::new("p1", "Forum relaunch");
        let a = plan.fresh_id("g");
        let b = plan.fresh_id("g");
        assert_ne!(a, b);
        assert_eq!(plan.next_id, 2);
    }

    #[test]
    fn unknown_fields_survive_a_round_trip() {
        let text = r#"{"id":"p1","name":"N","fromTheFuture":{"x":1}}"#;
        let plan: Plan = serde_json::from_str(text).unwrap();
        let back = serde_json::to_value(&plan).unwrap();
        assert_eq!(back["fromTheFuture"]["x"], 1);
    }
}
