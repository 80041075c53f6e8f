//! Restoring plans from a backup file, as one transaction, and taking it back as one step.

use super::txn::Txn;
use super::{trash, Condition, Entry, Outcome, RestoreUndo, Session, TrashReason, UndoAction};
use crate::core::backup::{self, RestoreChoice};
use crate::core::keys;
use crate::core::open_plan::store::{PlanStore, SaveRefused};
use crate::core::open_plan::OpenPlan;
use crate::core::plan::Plan;
use crate::core::schema::PlanReader;

impl<S: PlanStore> Session<S> {
    /// Restores `plans` with the user's choice for each one already listed (`new_id` makes
    /// the id of a "keep both"). One transaction: a plan it replaces goes to the trash; when
    /// any write fails, every key it wrote is put back, in reverse order, each write checked,
    /// and the message names what could not be. The open plan is then the stored one.
    pub fn restore(
        &mut self,
        slot: &mut Option<Plan>,
        plans: Vec<(Plan, RestoreChoice)>,
        new_id: impl FnMut() -> String,
        reader: PlanReader,
        now: f64,
    ) -> Outcome {
        if !self.usable {
            return Outcome::refused(
                "Nothing was restored: this browser does not let Trellis store data.",
            );
        }
        let mut outcome = self.flush(slot, now);
        let mut workspace = self.workspace();
        let restored = match backup::restore(
            &mut workspace,
            plans,
            |id| self.read_plan(slot, id, reader),
            new_id,
        ) {
            Ok(restored) => restored,
            Err(why) => {
                return outcome.and(Outcome::refused(format!("Nothing was restored: {why}")))
            }
        };
        let count = restored.store.len();
        if count == 0 {
            return outcome.and(Outcome::notice(
                "Nothing to restore: every plan was skipped.",
                None,
            ));
        }
        let entries_before = self.entries.clone();
        let mut txn = Txn::new();
        let mut undo = RestoreUndo {
            added: restored.undo.added.clone(),
            trashed: Vec::new(),
        };
        let mut written: Vec<(Plan, u64)> = Vec::new();
        let mut failed: Option<(String, SaveRefused)> = None;
        for plan in &restored.store {
            // What is stored under its id, here or from another tab, goes to the trash.
            let step = self
                .trash_in(&mut txn, slot, &plan.id, TrashReason::Replaced, now)
                .map_err(SaveRefused::Storage)
                .and_then(|trashed| Ok((trashed, self.put_plan(&mut txn, plan)?)));
            match step {
                Ok((trashed, revision)) => {
                    undo.trashed.extend(trashed);
                    written.push((plan.clone(), revision));
                }
                Err(refused) => {
                    failed = Some((plan.name.clone(), refused));
                    break;
                }
            }
        }
        if failed.is_none() {
            self.entries = merged(&workspace, &self.entries);
            let current = self.open.id().map(str::to_string);
            if let Err(refused) = self.write_index_in(&mut txn, current.as_deref()) {
                failed = Some(("the plan list".into(), refused));
            }
        }
        if let Some((name, refused)) = failed {
            self.entries = entries_before;
            let lead = format!("Nothing was restored: “{name}” could not be stored");
            let why = self.roll_back(txn, &refused, &lead, "");
            return outcome.and(Outcome::refused(why));
        }
        // The open plan, when the restore replaced it, is the stored one now.
        self.show_written(slot, written, reader, &mut outcome);
        self.problem = None;
        self.trash = trash::list(&self.store).unwrap_or_default();
        let text = match count {
            1 => "Restored 1 plan from the backup.".to_string(),
            n => format!("Restored {n} plans from the backup."),
        };
        outcome.and(Outcome::notice(text, Some(UndoAction::UndoRestore(undo))))
    }

    /// Takes a restore back: the plans it added go to the trash, the ones it replaced come
    /// back from it (as one transaction).
    pub fn undo_restore(
        &mut self,
        slot: &mut Option<Plan>,
        undo: RestoreUndo,
        reader: PlanReader,
        now: f64,
    ) -> Outcome {
        let mut outcome = self.flush(slot, now);
        let entries_before = self.entries.clone();
        let mut txn = Txn::new();
        let mut back: Vec<(Plan, u64)> = Vec::new();
        let mut result: Result<(), SaveRefused> = Ok(());
        for id in &undo.added {
            let step = self
                .trash_in(&mut txn, slot, id, TrashReason::Deleted, now)
                .and_then(|_| txn.remove(&self.store, &keys::plan_key(id)))
                .map_err(SaveRefused::Storage);
            if let Err(refused) = step {
                result = Err(refused);
                break;
            }
            self.entries.retain(|e| e.id != *id);
        }
        if result.is_ok() {
            for key in &undo.trashed {
                let found = self
                    .store
                    .read(key)
                    .ok()
                    .flatten()
                    .and_then(|text| trash::read_entry(key, &text))
                    .and_then(|(_, text)| reader.read_stored(&text).ok());
                let Some(plan) = found else { continue };
                let step = self.put_plan(&mut txn, &plan).and_then(|revision| {
                    txn.remove(&self.store, key)
                        .map_err(SaveRefused::Storage)
                        .map(|()| revision)
                });
                match step {
                    Ok(revision) => {
                        let listed = Entry {
                            id: plan.id.clone(),
                            name: plan.name.clone(),
                            condition: Condition::Readable,
                            unsaved: false,
                        };
                        match self.entries.iter().position(|e| e.id == plan.id) {
                            Some(index) => self.entries[index] = listed,
                            None => self.entries.push(listed),
                        }
                        back.push((plan, revision));
                    }
                    Err(refused) => {
                        result = Err(refused);
                        break;
                    }
                }
            }
        }
        let open_removed = self
            .open
            .id()
            .is_some_and(|id| undo.added.iter().any(|a| a == id));
        if result.is_ok() {
            let current = if open_removed {
                None
            } else {
                self.open.id().map(str::to_string)
            };
            result = self.write_index_in(&mut txn, current.as_deref());
        }
        if let Err(refused) = result {
            self.entries = entries_before;
            let why = self.roll_back(txn, &refused, "The restore was not undone", "");
            return outcome.and(Outcome::refused(why));
        }
        for id in &undo.added {
            self.held.retain(|h| h.plan.id != *id);
        }
        if open_removed {
            *slot = None;
            self.open = OpenPlan::new();
            self.open.set_storage_usable(self.usable);
            outcome.plan_changed = true;
        }
        self.show_written(slot, back, reader, &mut outcome);
        self.trash = trash::list(&self.store).unwrap_or_default();
        outcome.and(Outcome::notice("The restore was taken back.", None))
    }
}

/// The workspace's list (names and order after the restore), each entry keeping what was
/// known of it.
fn merged(workspace: &crate::core::workspace::Workspace, old: &[Entry]) -> Vec<Entry> {
    workspace
        .plans
        .iter()
        .map(|summary| match old.iter().find(|e| e.id == summary.id) {
            Some(entry) => Entry {
                name: summary.name.clone(),
                ..entry.clone()
            },
            None => Entry {
                id: summary.id.clone(),
                name: summary.name.clone(),
                condition: Condition::Readable,
                unsaved: false,
            },
        })
        .collect()
}

impl<S: PlanStore> Session<S> {
    /// Plans just written at `revision` are no longer held in memory; the open one among them
    /// is shown as stored, and when no plan is open the next one opens.
    fn show_written(
        &mut self,
        slot: &mut Option<Plan>,
        written: Vec<(Plan, u64)>,
        reader: PlanReader,
        outcome: &mut Outcome,
    ) {
        let open_id = self.open.id().map(str::to_string);
        for (mut plan, revision) in written {
            plan.revision = revision;
            self.held.retain(|h| h.plan.id != plan.id);
            if open_id.as_deref() == Some(plan.id.as_str()) {
                let mut open = OpenPlan::new();
                open.show(&self.store, &plan);
                *slot = None;
                self.enter(slot, plan, open);
                outcome.plan_changed = true;
            }
        }
        if slot.is_none() {
            self.open_next(slot, 0, reader);
            outcome.plan_changed |= slot.is_some();
        }
    }
}
