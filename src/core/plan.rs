//! A plan: the document a user works on. One program's goals, its commitment curve
//! and a career worksheet.

use serde::{Deserialize, Serialize};

use super::career::Career;
use super::curve::Curve;
use super::goals::GoalBook;

/// Fields this version does not know, kept so that a round trip through an older
/// build does not drop what a newer one wrote.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// Highest id number that raises a plan's counter when the plan is read (2^53,
/// the largest whole number every JSON reader keeps exactly). Counting from below
/// it up to an id numbered above it would take more edits than any plan sees.
pub const MAX_NEXT_ID: u64 = 1 << 53;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// Opaque, unique across the workspace; generated once, never reused.
    pub id: String,
    pub name: String,
    /// Who prepared the plan, as the report and the brief name them ("Prepared by …");
    /// empty until the author types it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prepared_by: String,
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
    /// The parts a shared copy went without (`audience::redact`): importing it over the
    /// author's plan keeps the author's own parts. Empty in every stored plan.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub left_out: Vec<super::audience::Part>,
    /// The copy this one started from, when it left as an exported or shared copy: that
    /// copy's revision and fingerprint, so a merge of the copy that comes back can find the
    /// common ancestor. None in a plan that never left (a merge is then two-way).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<Base>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The revision and [`fingerprint`](super::schema::fingerprint) of the stored plan a copy was
/// exported or shared from (its "base"): the common ancestor of the copy and the plan it left.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Base {
    pub revision: u64,
    /// Sixteen lower-case hex digits (text: a JSON number would not hold 64 bits exactly).
    pub fingerprint: String,
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
    /// Never the plan's own id (which shares the plan's id namespace), and never
    /// an id already inside the plan, provided `next_id` is at least the number
    /// of every id in it, which reading a plan ensures ([`Plan::raise_next_id`]).
    pub fn fresh_id(&mut self, prefix: &str) -> String {
        loop {
            self.next_id = self.next_id.saturating_add(1);
            let id = format!("{prefix}{}", self.next_id);
            if id != self.id || self.next_id == u64::MAX {
                return id;
            }
        }
    }

    /// Raises `next_id` to at least the number at the end of `id` ("g12" → 12), so
    /// [`Plan::fresh_id`] cannot hand it out again. Used where plans enter (import,
    /// storage), since a file's `next_id` may be lower than the ids it holds.
    /// Numbers above [`MAX_NEXT_ID`] are left alone: counting up to them would
    /// take more edits than a plan ever sees.
    pub fn raise_next_id(&mut self, id: &str) {
        if let Some(n) = id_number(id).filter(|n| *n <= MAX_NEXT_ID) {
            self.next_id = self.next_id.max(n);
        }
    }
}

/// The number a fresh id would end in for `id`: its trailing digits, when they
/// could have come from `fresh_id` (no leading zero, fits a u64).
pub fn id_number(id: &str) -> Option<u64> {
    let digits = &id[id.trim_end_matches(|c: char| c.is_ascii_digit()).len()..];
    if digits.starts_with('0') {
        return None;
    }
    digits.parse().ok()
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
    fn fresh_id_skips_the_plans_own_id() {
        let mut plan = Plan::new("p2", "Clash");
        assert_eq!(plan.fresh_id("s"), "s1");
        assert_eq!(plan.fresh_id("p"), "p3");
    }

    #[test]
    fn fresh_id_does_not_overflow_at_the_top_of_the_counter() {
        let mut plan = Plan::new("plan", "Full");
        plan.next_id = u64::MAX - 1;
        assert_eq!(plan.fresh_id("g"), format!("g{}", u64::MAX));
        plan.fresh_id("g");
        assert_eq!(plan.next_id, u64::MAX);
    }

    #[test]
    fn raising_next_id_puts_it_past_an_ids_number() {
        let mut plan = Plan::new("plan", "Raise");
        plan.raise_next_id("g12");
        assert_eq!(plan.next_id, 12);
        plan.raise_next_id("s3");
        plan.raise_next_id("no-number");
        plan.raise_next_id("g007");
        plan.raise_next_id(&format!("g{}", MAX_NEXT_ID + 1));
        assert_eq!(plan.next_id, 12);
        assert_eq!(plan.fresh_id("g"), "g13");
    }

    #[test]
    fn id_number_reads_only_what_fresh_id_could_have_made() {
        assert_eq!(id_number("g12"), Some(12));
        assert_eq!(id_number("12"), Some(12));
        assert_eq!(id_number("g"), None);
        assert_eq!(id_number("g0"), None);
        assert_eq!(id_number("g012"), None);
        assert_eq!(id_number("g99999999999999999999999"), None);
        assert_eq!(id_number("é7"), Some(7));
    }

    #[test]
    fn unknown_fields_survive_a_round_trip() {
        let text = r#"{"id":"p1","name":"N","fromTheFuture":{"x":1}}"#;
        let plan: Plan = serde_json::from_str(text).unwrap();
        let back = serde_json::to_value(&plan).unwrap();
        assert_eq!(back["fromTheFuture"]["x"], 1);
    }
}
