//! The merge's code as function pointers, like `schema::PlanReader`: in the browser it sits in
//! a chunk of the wasm of its own that arrives when a user first chooses Merge
//! (`ui::on_demand::merger`). The merge reads trees into plans and plans into trees, which
//! instantiates every plan type's (de)serialization a second time, through `serde_json::Value`:
//! linked anywhere else, that would join the code that loads before the first render.

use super::view::{self, ConflictView};
use super::{Choice, Conflict, MergeError, MergeOutcome};
use crate::core::plan::Plan;

#[derive(Clone, Copy)]
pub struct Merger {
    merge: fn(Option<&Plan>, &Plan, &Plan) -> MergeOutcome,
    resolve: fn(&MergeOutcome, &[Choice]) -> Result<Plan, MergeError>,
    describe: fn(&[Conflict], &Plan, &Plan) -> Vec<ConflictView>,
    changes: fn(&Plan, &Plan) -> Option<String>,
}

impl std::fmt::Debug for Merger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Merger")
    }
}

impl Merger {
    /// The merge linked into this build. In the app, call it only inside the merge's chunk.
    pub fn linked() -> Self {
        Merger {
            merge: super::merge,
            resolve: MergeOutcome::resolve,
            describe: view::describe,
            changes: view::changes_sentence,
        }
    }

    /// [`merge`](super::merge).
    pub fn merge(self, base: Option<&Plan>, mine: &Plan, theirs: &Plan) -> MergeOutcome {
        (self.merge)(base, mine, theirs)
    }

    /// [`MergeOutcome::resolve`] (no choices for a merge without conflicts).
    pub fn resolve(self, outcome: &MergeOutcome, choices: &[Choice]) -> Result<Plan, MergeError> {
        (self.resolve)(outcome, choices)
    }

    /// [`view::describe`].
    pub fn describe(self, conflicts: &[Conflict], mine: &Plan, theirs: &Plan) -> Vec<ConflictView> {
        (self.describe)(conflicts, mine, theirs)
    }

    /// [`view::changes_sentence`].
    pub fn changes(self, before: &Plan, after: &Plan) -> Option<String> {
        (self.changes)(before, after)
    }
}
