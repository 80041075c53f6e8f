//! A plan leaving as a copy and coming back (issue 32): the copy that leaves says which
//! revision it started from, and that revision is kept here ([`Session::keep_leaving`]); a
//! returned copy is merged into the plan here in two steps: [`Session::prepare_merge`] says
//! what the merge changes and what is left to choose, writing nothing; [`Session::merge`]
//! writes the result once the user confirmed, as a replace is written (the plan as it was
//! goes to the trash), so the notice's Undo takes the whole merge back.

use chrono::NaiveDate;

use super::{Outcome, Session};
use crate::core::audience::{redact, Selection};
use crate::core::merge::view::ConflictView;
use crate::core::merge::{Choice, MergeError, MergeOutcome, Merger};
use crate::core::open_plan::store::PlanStore;
use crate::core::plan::Plan;
use crate::core::schema::{self, ImportError, PlanReader};

/// A copy about to leave the browser.
#[derive(Clone, Debug, PartialEq)]
pub struct Leaving {
    /// What leaves: the parts chosen, and the base it started from.
    pub copy: Plan,
    /// Why the revision it left from could not be kept for merging its return (which will
    /// then compare field by field).
    pub not_kept: Option<String>,
}

/// A merge shown to the user, not yet written.
#[derive(Clone, Debug)]
pub struct PendingMerge {
    /// The plan's name here.
    pub name: String,
    /// Whether the copy's common ancestor with the plan here was found (else the merge
    /// compares the two record by record, and every field that differs is a conflict).
    pub three_way: bool,
    /// What the merge changes in the plan here, besides the conflicts' choices.
    pub changes: String,
    /// The conflicts in words, in the order of the choices.
    pub conflicts: Vec<ConflictView>,
    plan_id: String,
    /// The plan here when the merge was prepared: a plan changed since is not merged.
    mine_fingerprint: String,
    outcome: MergeOutcome,
    merger: Merger,
}

impl PendingMerge {
    /// The choice each conflict starts with: the plan here.
    pub fn first_choices(&self) -> Vec<Choice> {
        vec![Choice::Mine; self.conflicts.len()]
    }
}

impl<S: PlanStore> Session<S> {
    /// The copy of `plan` that leaves with the parts `chosen`. A plan that came from
    /// elsewhere (it carries a base) sends that base on, so the copy that returns to where
    /// it came from is merged against the revision it started from there; a plan of this
    /// browser sends its own revision, kept here for the return.
    pub fn send_copy(&mut self, plan: &Plan, chosen: Selection, today: NaiveDate) -> Leaving {
        let mut copy = redact(plan, chosen, today);
        let not_kept = match &plan.base {
            Some(base) => {
                copy.base = Some(base.clone());
                None
            }
            None => {
                let (base, kept) = self.keep_leaving(plan);
                copy.base = Some(base);
                kept.err()
            }
        };
        Leaving { copy, not_kept }
    }

    /// What merging `theirs` (a returned copy) into the plan here with its id would do:
    /// three-way against the revision it started from when that is kept here, two-way
    /// otherwise. Nothing is written. Refused when the plan here cannot be read, or when the
    /// merge without conflicts would break a rule of the plan.
    pub fn prepare_merge(
        &self,
        slot: &Option<Plan>,
        theirs: Plan,
        reader: PlanReader,
        merger: Merger,
    ) -> Result<PendingMerge, String> {
        let Some(mine) = self.read_plan(slot, &theirs.id, reader) else {
            return Err("Your copy of this plan cannot be read here, so nothing can be merged into it. Keep both instead, and compare them.".into());
        };
        let ancestor = theirs
            .base
            .as_ref()
            .and_then(|base| self.ancestor(&theirs.id, base))
            .and_then(|text| reader.read_stored(&text).ok());
        let mut outcome = merger.merge(ancestor.as_ref(), &mine, &theirs);
        let mut resolved = resolve_all_mine(&outcome, merger);
        // A reference on one side to a record the other deleted: whether the record stays is
        // the user's choice, not a broken merge. (Bounded: each round adds a conflict.)
        for _ in 0..MAX_REFERENCED {
            let Err(MergeError::Invalid(ImportError::DanglingReference { id, .. })) = &resolved
            else {
                break;
            };
            let Some(next) = outcome.with_deletion_as_conflict(id) else {
                break;
            };
            outcome = next;
            resolved = resolve_all_mine(&outcome, merger);
        }
        let conflicts = merger.describe(outcome.conflicts(), &mine, &theirs);
        let changed = match resolved {
            Ok(merged) => merger.changes(&mine, &merged),
            Err(why) if conflicts.is_empty() => return Err(broken(&why)),
            Err(_) => None,
        };
        let changes = match (changed, conflicts.is_empty()) {
            (Some(changed), true) => changed,
            (Some(changed), false) => format!("Besides the choices below: {changed}"),
            (None, true) => {
                "Your plan already holds everything in the returned copy: merging changes nothing."
                    .to_string()
            }
            (None, false) => {
                "Apart from the choices below, the returned copy changes nothing in yours."
                    .to_string()
            }
        };
        Ok(PendingMerge {
            name: mine.name.clone(),
            three_way: ancestor.is_some(),
            changes,
            conflicts,
            plan_id: mine.id.clone(),
            mine_fingerprint: schema::fingerprint(&mine),
            outcome,
            merger,
        })
    }

    /// Writes the merge the user confirmed, `choices[i]` settling conflict `i`: the merged
    /// plan takes the place of the plan here (which goes to the trash, so the notice's Undo
    /// brings it back) and opens. Refused, nothing changed, when the plan here changed since
    /// the merge was prepared, or when the choices would break a rule of the plan.
    pub fn merge(
        &mut self,
        slot: &mut Option<Plan>,
        pending: &PendingMerge,
        choices: &[Choice],
        reader: PlanReader,
        now: f64,
    ) -> Outcome {
        let Some(mine) = self.read_plan(slot, &pending.plan_id, reader) else {
            return Outcome::refused("Your copy of this plan is no longer here, so nothing was merged. Import the returned copy again to add it.");
        };
        if schema::fingerprint(&mine) != pending.mine_fingerprint {
            return Outcome::refused("Your plan changed since this merge was prepared (in this tab or another), so nothing was merged. Import the returned copy again to merge it with your latest version.");
        }
        let merged = match pending.merger.resolve(&pending.outcome, choices) {
            Ok(merged) => merged,
            Err(why) => return Outcome::refused(broken(&why)),
        };
        let notice = format!("Merged the returned copy into “{}”.", pending.name);
        self.replace(slot, merged, reader, now, notice)
    }
}

/// At most this many deleted records are made conflicts because the other side refers to them.
const MAX_REFERENCED: usize = 50;

fn resolve_all_mine(outcome: &MergeOutcome, merger: Merger) -> Result<Plan, MergeError> {
    merger.resolve(outcome, &vec![Choice::Mine; outcome.conflicts().len()])
}

/// Why a merge is not written, and what to do instead.
fn broken(why: &MergeError) -> String {
    match why {
        MergeError::Invalid(_) | MergeError::Unreadable(_) => format!(
            "{why} Nothing was merged: choose other values below, or cancel and keep both plans to compare them."
        ),
        _ => format!("{why} Nothing was merged."),
    }
}
