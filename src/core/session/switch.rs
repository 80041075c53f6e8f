//! Moving between plans: open, add (new, sample, duplicate, an import), and leaving the open
//! plan, which is kept in memory whenever it cannot be stored.

use super::txn::Txn;
use super::{reason_of, trash, Condition, Entry, Held, Outcome, Session, TrashReason};
use crate::core::care;
use crate::core::keys;
use crate::core::open_plan::store::{self, Base, PlanStore, SaveRefused, StorageProblem};
use crate::core::open_plan::{OpenPlan, SaveState, Theirs};
use crate::core::plan::Plan;
use crate::core::schema::{self, PlanReader};

impl<S: PlanStore> Session<S> {
    /// Takes the open plan out of `slot`. What is not stored stays in memory, by id, listed
    /// as not saved; it opens again as it is. The caller has flushed it.
    pub(super) fn leave(&mut self, slot: &mut Option<Plan>) {
        let open = std::mem::replace(&mut self.open, OpenPlan::new());
        self.open.set_storage_usable(self.usable);
        let Some(plan) = slot.take() else {
            return;
        };
        if open.has_unsaved_edits() || !self.usable {
            self.set_unsaved(&plan.id, true);
            self.held.push(Held { plan, open });
        }
    }

    /// `plan`, with its save state, is now the open plan (the caller has left the last one).
    pub(super) fn enter(&mut self, slot: &mut Option<Plan>, plan: Plan, mut open: OpenPlan) {
        open.set_storage_usable(self.usable);
        self.set_unsaved(&plan.id, false);
        self.open = open;
        *slot = Some(plan);
    }

    /// Opens plan `id` from the list, saving the open one first; the open one stays in
    /// memory when it cannot be saved. A plan that does not read stays closed, and its
    /// entry says why.
    pub fn open(
        &mut self,
        slot: &mut Option<Plan>,
        id: &str,
        reader: PlanReader,
        now: f64,
    ) -> Outcome {
        let outcome = self.flush(slot, now);
        if self.open.id() == Some(id) {
            return outcome;
        }
        let target = match self.held.iter().position(|h| h.plan.id == id) {
            Some(index) => {
                let held = self.held.remove(index);
                Some((held.plan, held.open))
            }
            None => self.read_to_open(id, reader),
        };
        let Some((plan, open)) = target else {
            return outcome.and(Outcome::refused(self.why_not_opened(id)));
        };
        self.leave(slot);
        self.enter(slot, plan, open);
        // Only which plan was open last: nothing is lost when it cannot be written.
        let _ = self.write_index_now();
        outcome.and(Outcome {
            plan_changed: true,
            ..Outcome::default()
        })
    }

    fn why_not_opened(&self, id: &str) -> String {
        match self
            .entries
            .iter()
            .find(|e| e.id == id)
            .map(|e| &e.condition)
        {
            Some(Condition::Unreadable { reason, .. }) => {
                format!("That plan cannot be opened: {reason}.")
            }
            Some(Condition::Newer { version }) => format!(
                "That plan was saved by a newer Trellis (file version {version}); open it there."
            ),
            Some(_) => "That plan cannot be read now.".to_string(),
            None => "That plan is no longer stored: it was deleted in another tab.".to_string(),
        }
    }

    /// Opens the first plan that opens, starting at list position `from` (then the ones
    /// before it), when no plan is open.
    pub(super) fn open_next(&mut self, slot: &mut Option<Plan>, from: usize, reader: PlanReader) {
        if slot.is_some() {
            return;
        }
        let len = self.entries.len();
        let order: Vec<String> = (from.min(len)..len)
            .chain((0..from.min(len)).rev())
            .map(|i| self.entries[i].id.clone())
            .collect();
        for id in order {
            let target = match self.held.iter().position(|h| h.plan.id == id) {
                Some(index) => {
                    let held = self.held.remove(index);
                    Some((held.plan, held.open))
                }
                None => self.read_to_open(&id, reader),
            };
            if let Some((plan, open)) = target {
                self.enter(slot, plan, open);
                return;
            }
        }
    }

    /// Adds a new plan (blank or the sample) at the end of the list, stores it and opens
    /// it. When it cannot be stored nothing changes, and the outcome says why.
    pub fn create(&mut self, slot: &mut Option<Plan>, plan: Plan, now: f64) -> Outcome {
        let at = self.entries.len();
        let name = plan.name.clone();
        let lead = format!("“{name}” was not added");
        match self.add(slot, plan, at, now, &lead, "") {
            Ok(outcome) => outcome,
            Err(why) => Outcome::refused(why),
        }
    }

    /// A copy of plan `id` under `new_id`, named "… (copy)", listed after it, stored and open.
    pub fn duplicate(
        &mut self,
        slot: &mut Option<Plan>,
        id: &str,
        new_id: &str,
        reader: PlanReader,
        now: f64,
    ) -> Outcome {
        let Some(source) = self.read_plan(slot, id, reader) else {
            return Outcome::refused("That plan cannot be read, so it cannot be duplicated.");
        };
        let mut workspace = self.workspace();
        let copy = match workspace.duplicate(&source, new_id) {
            Ok(copy) => copy,
            Err(why) => return Outcome::refused(why.to_string()),
        };
        let at = workspace.position(new_id).unwrap_or(self.entries.len());
        match self.add(slot, copy, at, now, "The copy was not made", "") {
            Ok(outcome) => outcome,
            Err(why) => Outcome::refused(why),
        }
    }

    /// Stores `plan` (new here) at list position `at` and opens it, the open plan saved
    /// first and kept in memory if it cannot be. Err: why it could not be stored; then
    /// nothing changed.
    pub(super) fn add(
        &mut self,
        slot: &mut Option<Plan>,
        mut plan: Plan,
        at: usize,
        now: f64,
        lead: &str,
        then: &str,
    ) -> Result<Outcome, String> {
        let mut outcome = self.flush(slot, now);
        let entry = Entry {
            id: plan.id.clone(),
            name: plan.name.clone(),
            condition: Condition::Readable,
            unsaved: false,
        };
        if !self.usable {
            // Storage cannot be used at all: the plan lives in this tab, like the others.
            self.entries.insert(at.min(self.entries.len()), entry);
            let mut open = OpenPlan::new();
            open.adopt(&self.store, &plan);
            self.leave(slot);
            self.enter(slot, plan, open);
            outcome.plan_changed = true;
            return Ok(outcome);
        }
        let entries_before = self.entries.clone();
        let mut txn = Txn::new();
        let key = keys::plan_key(&plan.id);
        let text = schema::store_plan_at(&plan, 1);
        let stored = store::check_save(&self.store, &key, Base::default())
            .and_then(|()| {
                txn.write(&self.store, &key, &text)
                    .map_err(SaveRefused::Storage)
            })
            .and_then(|()| {
                self.entries.insert(at.min(self.entries.len()), entry);
                self.write_index_in(&mut txn, Some(&plan.id))
            });
        if let Err(refused) = stored {
            self.entries = entries_before;
            return Err(self.roll_back(txn, &refused, lead, then));
        }
        plan.revision = 1;
        let mut open = OpenPlan::new();
        open.show(&self.store, &plan);
        self.leave(slot);
        let own = care::is_own_plan(&plan);
        let id = plan.id.clone();
        self.enter(slot, plan, open);
        self.problem = None;
        outcome.ask_persistence |= self.saved_with_change(&id, own, now);
        outcome.plan_changed = true;
        Ok(outcome)
    }

    /// Writes the index, inside `txn`, with `current` as the last opened plan.
    pub(super) fn write_index_in(
        &self,
        txn: &mut Txn,
        current: Option<&str>,
    ) -> Result<(), SaveRefused> {
        let text = self.index_text(current).map_err(SaveRefused::Storage)?;
        txn.write(&self.store, keys::INDEX_KEY, &text)
            .map_err(SaveRefused::Storage)
    }

    /// Takes back everything `txn` wrote after `refused` stopped it: "{lead}: {why}{then}",
    /// then that nothing changed — or, should a key not go back, which.
    pub(super) fn roll_back(
        &mut self,
        txn: Txn,
        refused: &SaveRefused,
        lead: &str,
        then: &str,
    ) -> String {
        // Storage that cannot be used at all is the page's problem; a full or failing write of
        // one operation is that operation's (its message says so): the open plan may still
        // save, and the banner would say it does not.
        if let SaveRefused::Storage(problem @ StorageProblem::Unavailable(_)) = refused {
            self.problem = Some(problem.clone());
        }
        let left = txn.roll_back(&self.store);
        let reason = reason_of(refused);
        if left.is_empty() {
            return format!("{lead}: {reason}{then}. Nothing was changed.");
        }
        let names: Vec<String> = left.iter().map(|key| self.describe_key(key)).collect();
        format!(
            "{lead}: {reason}{then}. These could not be put back as they were: {}. Back up all plans now.",
            names.join(", ")
        )
    }

    fn describe_key(&self, key: &str) -> String {
        if key == keys::INDEX_KEY {
            return "the order of the plan list".into();
        }
        if key.starts_with(keys::TRASH_PREFIX) {
            return "a plan in the trash".into();
        }
        let id = keys::plan_id(key);
        match self.entries.iter().find(|e| e.id == id) {
            Some(entry) => format!("“{}”", entry.name),
            None => format!("the plan stored under {key}"),
        }
    }

    /// Resolves a conflict by loading the stored copy (this tab's edits are dropped, as the
    /// user chose). For a plan deleted in another tab: closes it (this tab's edits go to the
    /// trash) and opens the next one.
    pub fn take_theirs(
        &mut self,
        slot: &mut Option<Plan>,
        reader: PlanReader,
        now: f64,
    ) -> Outcome {
        let Some(plan) = slot.as_mut() else {
            return Outcome::default();
        };
        if let SaveState::DeletedElsewhere { unsaved } = *self.open.state() {
            let id = plan.id.clone();
            let name = plan.name.clone();
            if unsaved && self.usable {
                let text = schema::store_plan_at(plan, self.open.base_revision());
                let kept = trash::free_key(&self.store, &id, now).and_then(|key| {
                    let entry = trash::entry_text(&id, &name, now, TrashReason::Deleted, &text);
                    self.store.write(&key, &entry)
                });
                if let Err(problem) = kept {
                    self.problem = Some(problem.clone());
                    return Outcome::refused(format!(
                        "This tab's copy could not be put in the trash ({}), so it stays open. Export it to keep it.",
                        problem.short_reason()
                    ));
                }
                self.trash = trash::list(&self.store).unwrap_or_default();
            }
            let at = self.entries.iter().position(|e| e.id == id).unwrap_or(0);
            self.entries.retain(|e| e.id != id);
            *slot = None;
            self.open = OpenPlan::new();
            self.open.set_storage_usable(self.usable);
            self.open_next(slot, at, reader);
            return Outcome {
                plan_changed: true,
                ..Outcome::default()
            };
        }
        match self.open.take_theirs(&self.store, plan, reader) {
            Theirs::Loaded => {
                let plan = plan.clone();
                self.follow_name(&plan);
                Outcome {
                    plan_changed: true,
                    ..Outcome::default()
                }
            }
            Theirs::Newer { .. } | Theirs::Unreadable => Outcome::default(),
        }
    }
}
