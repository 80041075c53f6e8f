//! The merge of two copies of one plan (issue 32): a copy sent away and returned, against the
//! plan kept here, three-way against their common ancestor when it is known and two-way by
//! record id otherwise.
//!
//! # How
//!
//! The merge works on the plans' JSON trees (`serde_json::Value`), not on the typed records.
//! A plan has 44 record types and more arrive with every tool; typed code per record would be
//! as long as the types and would have to be written again for each new field, while the tree
//! is the same for all of them. The tree also holds what the typed records keep in `extra`
//! (fields of a newer build), so those merge like every other field and nothing of them is
//! dropped. The typed ids (`core::ids`) are all written as the text of an `id` key, so:
//!
//! - an **array whose elements are all objects with a text `id`** (no id twice) is a list of
//!   records, merged id by id ([`order`] says where each record goes);
//! - an **object** merges key by key (a record's fields, the plan's tools), except one of a
//!   single key that differs between the sides: that is an enum's value (`{"percentile": 50}`)
//!   and merges as one value;
//! - anything else (text, numbers, lists of ids or words) is **one value**.
//!
//! At each node: both sides equal, that value; one side equal to the ancestor, the other
//! side's (so a change on one side stands, an addition is kept and a deletion holds); else
//! objects and record lists go down a level, and what is left is a [`Conflict`] carrying
//! mine, theirs and the ancestor's value. So edits to different fields of one record both
//! stand, the same field changed two ways is a conflict, and a record deleted on one side and
//! changed on the other (in any field, or below it) is a conflict of the whole record.
//! Without an ancestor (a copy that carries no base, or whose base is not in the history), a
//! record only one side holds is kept, and a field that differs is a conflict.
//!
//! The plan's own counters are not merged as fields: the revision and the id counter are the
//! larger of the two (so no id is handed out twice), and the base is kept only when both
//! sides name the same one. A copy that went without some parts (`left_out`) is first made
//! whole with the other side's parts (`audience::keep_own_parts`), so a part it did not carry
//! is not taken as deleted.
//!
//! Two records added under one id (each copy hands out ids from the counter it left with)
//! are both kept, one of them under a fresh id ([`Renumbered`], `renumber.rs`).
//!
//! The merged tree is read back into a [`Plan`] and checked as an import is
//! (`schema::check_plan`): a merge that would break a rule of the plan (a new reference to a
//! record the other side deleted; two records added under one id where nothing says they are
//! new: a two-way merge, or one in a tool only one side changed) says so
//! ([`MergeError::Invalid`]) and gives no plan. For the first, the caller can ask for the
//! merge again with that deletion made a conflict
//! ([`MergeOutcome::with_deletion_as_conflict`]), so the user chooses whether the record stays.
//!
//! Choices are applied by walking the trees again with them: the walk is deterministic, so
//! its n-th conflict is the n-th of [`MergeOutcome::conflicts`], and a record brought back by
//! a choice lands in its place.

mod merger;
mod order;
mod renumber;
mod tree;
pub mod view;

pub use merger::Merger;
pub use renumber::Renumbered;

// Native only: the property tests use proptest and the schema's generated plans.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::career::Career;
use super::curve::Curve;
use super::goals::GoalBook;
use super::plan::Plan;
use super::schema::{check_plan, ImportError};

/// One step of the way from the plan to a conflicting value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// A key of an object: a field of a record or of the plan.
    Field(String),
    /// The record with this id in a list of records.
    Record(String),
}

/// A place where the two sides changed the same thing in different ways.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    /// Where: e.g. `goals`, `goals`, record `g3`, `target`.
    pub path: Vec<Step>,
    /// My value; `None` when my side deleted it.
    pub mine: Option<Value>,
    /// Their value; `None` when their side deleted it.
    pub theirs: Option<Value>,
    /// The common ancestor's value: `None` when no ancestor is known here (a two-way merge,
    /// or a record both sides added with one id), `Some(None)` when the ancestor had none.
    pub ancestor: Option<Option<Value>>,
}

impl Conflict {
    /// Whether one side deleted what the other changed.
    pub fn is_deletion(&self) -> bool {
        self.mine.is_none() || self.theirs.is_none()
    }
}

/// Which value settles a conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    Mine,
    Theirs,
    /// The common ancestor's value (an error where none is known).
    Ancestor,
}

impl Choice {
    /// The same choice seen from the other side (mine for theirs).
    pub fn swapped(self) -> Choice {
        match self {
            Choice::Mine => Choice::Theirs,
            Choice::Theirs => Choice::Mine,
            Choice::Ancestor => Choice::Ancestor,
        }
    }
}

/// Why a merge gives no plan.
#[derive(Clone, Debug, PartialEq)]
pub enum MergeError {
    /// Conflicts are left to choose ([`MergeOutcome::resolve`]).
    Unresolved { conflicts: usize },
    /// The choices given are not one per conflict.
    WrongChoices { conflicts: usize, choices: usize },
    /// The ancestor was chosen for a conflict that has none.
    NoAncestor { conflict: usize },
    /// The merged plan does not read as a plan (a value of the wrong type was combined).
    Unreadable(String),
    /// The merged plan breaks a rule a plan is held to.
    Invalid(ImportError),
}

impl std::fmt::Display for MergeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MergeError::Unresolved { conflicts } => {
                write!(f, "{conflicts} conflicts are left to choose.")
            }
            MergeError::WrongChoices { conflicts, choices } => {
                write!(f, "{choices} choices were given for {conflicts} conflicts.")
            }
            MergeError::NoAncestor { conflict } => write!(
                f,
                "Conflict {} has no original value to go back to.",
                conflict + 1
            ),
            MergeError::Unreadable(why) => write!(f, "The merged plan does not read: {why}"),
            MergeError::Invalid(why) => write!(f, "The merged plan would be broken: {why}"),
        }
    }
}

/// What a merge found: the conflicts, and the way to the merged plan.
#[derive(Clone, Debug)]
pub struct MergeOutcome {
    base: Option<Value>,
    mine: Value,
    theirs: Value,
    counters: Counters,
    /// The tree merged with "mine" for every conflict.
    merged: Value,
    conflicts: Vec<Conflict>,
    renumbered: Vec<Renumbered>,
    /// Records whose deletion is a conflict because the other side refers to them
    /// ([`MergeOutcome::with_deletion_as_conflict`]).
    referenced: HashSet<String>,
}

/// The plan's own counters, set on the merged plan rather than merged.
#[derive(Clone, Debug, Default)]
struct Counters {
    revision: u64,
    next_id: u64,
    base: Option<super::plan::Base>,
    /// The tools whose merge the typed plans already decide (both sides alike, or one side
    /// as the ancestor was), taken whole; they are left out of the trees.
    goals: Option<GoalBook>,
    curve: Option<Curve>,
    career: Option<Career>,
}

/// Merges `theirs` (a returned copy) into `mine` (the plan kept here), against `base`, their
/// common ancestor, when it is known.
pub fn merge(base: Option<&Plan>, mine: &Plan, theirs: &Plan) -> MergeOutcome {
    let whole = |plan: &Plan, other: &Plan| {
        (!plan.left_out.is_empty()).then(|| super::audience::keep_own_parts(plan.clone(), other))
    };
    let (mine_whole, theirs_whole) = (whole(mine, theirs), whole(theirs, mine));
    let (m, t) = (
        mine_whole.as_ref().unwrap_or(mine),
        theirs_whole.as_ref().unwrap_or(theirs),
    );
    // A tool's merge is decided without its tree when both sides hold it alike, or one side
    // holds it as the ancestor did (the rule the tree merge applies first at every node):
    // a large tool nobody changed costs a comparison, not a tree.
    fn decided<'p, T: PartialEq>(base: Option<&'p T>, mine: &'p T, theirs: &'p T) -> Option<&'p T> {
        if mine == theirs || base == Some(theirs) {
            Some(mine)
        } else if base == Some(mine) {
            Some(theirs)
        } else {
            None
        }
    }
    let mut counters = Counters {
        revision: m.revision.max(t.revision),
        next_id: m.next_id.max(t.next_id),
        base: (m.base == t.base).then(|| m.base.clone()).flatten(),
        goals: decided(base.map(|b| &b.goals), &m.goals, &t.goals).cloned(),
        curve: decided(base.map(|b| &b.curve), &m.curve, &t.curve).cloned(),
        career: decided(base.map(|b| &b.career), &m.career, &t.career).cloned(),
    };
    let tree = |plan: &Plan| tree_of(plan, &counters);
    let base = base.map(tree);
    let (mut mine, mut theirs) = (tree(m), tree(t));
    let renumbered = match &base {
        Some(base) => {
            let (renumbered, last) =
                renumber::renumber(base, &mut mine, &mut theirs, counters.next_id);
            counters.next_id = last;
            renumbered
        }
        None => Vec::new(),
    };
    let referenced = HashSet::new();
    let (merged, conflicts) = first_walk(base.as_ref(), &mine, &theirs, &referenced);
    MergeOutcome {
        base,
        mine,
        theirs,
        counters,
        merged,
        conflicts,
        renumbered,
        referenced,
    }
}

/// The trees merged with "mine" for every conflict, and the conflicts.
fn first_walk(
    base: Option<&Value>,
    mine: &Value,
    theirs: &Value,
    referenced: &HashSet<String>,
) -> (Value, Vec<Conflict>) {
    let mut first = |_: usize, _: &Conflict| Choice::Mine;
    let mut walk = tree::Walk::new(&mut first, referenced);
    let merged = walk
        .node(base.map(Some), Some(mine), Some(theirs), false)
        .unwrap_or(Value::Null);
    (merged, walk.conflicts)
}

/// A plan's tree: its fields as a file writes them, without its counters (revision, id
/// counter, base, parts left out) and without the tools already decided.
/// `tests::the_tree_holds_every_field_of_a_plan` keeps the list in step with [`Plan`].
fn tree_of(plan: &Plan, decided: &Counters) -> Value {
    let mut tree = Map::new();
    tree.insert("id".into(), plan.id.clone().into());
    tree.insert("name".into(), plan.name.clone().into());
    if !plan.prepared_by.is_empty() {
        tree.insert("prepared_by".into(), plan.prepared_by.clone().into());
    }
    let mut tool = |key: &str, skip: bool, value: serde_json::Result<Value>| {
        if !skip {
            tree.insert(key.into(), value.unwrap_or(Value::Null));
        }
    };
    tool(
        "goals",
        decided.goals.is_some(),
        serde_json::to_value(&plan.goals),
    );
    tool(
        "curve",
        decided.curve.is_some(),
        serde_json::to_value(&plan.curve),
    );
    tool(
        "career",
        decided.career.is_some(),
        serde_json::to_value(&plan.career),
    );
    for (key, value) in &plan.extra {
        if !crate::core::schema::PLAN_KEYS.contains(&key.as_str()) && key != "extra" {
            tree.insert(key.clone(), value.clone());
        }
    }
    Value::Object(tree)
}

impl MergeOutcome {
    /// The conflicts, in the order the choices are given.
    pub fn conflicts(&self) -> &[Conflict] {
        &self.conflicts
    }

    /// The records renumbered because both sides added one under the same id (both kept).
    pub fn renumbered(&self) -> &[Renumbered] {
        &self.renumbered
    }

    /// Whether the merge needs no choice.
    pub fn is_clean(&self) -> bool {
        self.conflicts.is_empty()
    }

    /// The merged plan, when there is no conflict.
    pub fn plan(&self) -> Result<Plan, MergeError> {
        if !self.conflicts.is_empty() {
            return Err(MergeError::Unresolved {
                conflicts: self.conflicts.len(),
            });
        }
        self.finish(&self.merged)
    }

    /// The merged plan with `choices[i]` settling conflict `i`.
    pub fn resolve(&self, choices: &[Choice]) -> Result<Plan, MergeError> {
        if choices.len() != self.conflicts.len() {
            return Err(MergeError::WrongChoices {
                conflicts: self.conflicts.len(),
                choices: choices.len(),
            });
        }
        self.resolve_with(|i, _| choices.get(i).copied().unwrap_or(Choice::Mine))
    }

    /// The merged plan with each conflict settled by `choose` (given its index and itself).
    pub fn resolve_with(
        &self,
        mut choose: impl FnMut(usize, &Conflict) -> Choice,
    ) -> Result<Plan, MergeError> {
        if self.conflicts.is_empty() {
            return self.plan();
        }
        let mut walk = tree::Walk::new(&mut choose, &self.referenced);
        let merged = walk
            .node(
                self.base.as_ref().map(Some),
                Some(&self.mine),
                Some(&self.theirs),
                false,
            )
            .unwrap_or(Value::Null);
        if let Some(error) = walk.error {
            return Err(error);
        }
        self.finish(&merged)
    }

    /// The merge again with the deletion of record `id` (or of the record holding it) made a
    /// conflict: the other side refers to it, so the deletion holding silently would break
    /// the plan ([`MergeError::Invalid`] with a dangling reference to `id`). `None` when that
    /// finds no new conflict (no such deletion).
    pub fn with_deletion_as_conflict(&self, id: &str) -> Option<MergeOutcome> {
        if self.referenced.contains(id) {
            return None;
        }
        let mut referenced = self.referenced.clone();
        referenced.insert(id.to_string());
        let (merged, conflicts) =
            first_walk(self.base.as_ref(), &self.mine, &self.theirs, &referenced);
        (conflicts.len() > self.conflicts.len()).then(|| MergeOutcome {
            merged,
            conflicts,
            referenced,
            ..self.clone()
        })
    }

    fn finish(&self, tree: &Value) -> Result<Plan, MergeError> {
        if !tree.is_object() {
            return Err(MergeError::Unreadable("it is not an object".into()));
        }
        // Read from the tree in place (no copy of it): the counters were left out of it.
        let mut plan = <Plan as serde::Deserialize>::deserialize(tree)
            .map_err(|e| MergeError::Unreadable(e.to_string()))?;
        plan.revision = self.counters.revision;
        plan.next_id = self.counters.next_id;
        plan.base = self.counters.base.clone();
        if let Some(goals) = &self.counters.goals {
            plan.goals = goals.clone();
        }
        if let Some(curve) = &self.counters.curve {
            plan.curve = curve.clone();
        }
        if let Some(career) = &self.counters.career {
            plan.career = career.clone();
        }
        check_plan(&plan).map_err(MergeError::Invalid)?;
        Ok(plan)
    }
}
