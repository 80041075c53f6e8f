//! Restoring plans from a backup file into the list, and undoing that as one step.

use leptos::prelude::*;

use super::{new_plan_id, AppState, PlanCondition, UndoAction};
use crate::core::backup::{self, RestoreChoice, RestoreUndo};
use crate::core::open_plan::{self, Base, StoredPlan};
use crate::core::plan::Plan;
use crate::core::schema::PlanReader;
use crate::storage::{self, LocalStore};

impl AppState {
    /// Restores `plans` with the user's choice for each one already listed. When any plan
    /// cannot be stored, everything the restore wrote is taken back and nothing changes.
    pub fn restore(&self, plans: Vec<(Plan, RestoreChoice)>) -> Result<(), String> {
        // A backup to restore was read, so the reader has arrived; without it nothing changes.
        let Some(reader) = self.reader.get_untracked() else {
            return Err(crate::ui::on_demand::READER_NOT_DOWNLOADED.into());
        };
        self.flush();
        let before = self.plans.get_untracked();
        let restored = self
            .with_workspace(|ws| {
                backup::restore(ws, plans, |id| self.read_plan(id, reader), new_plan_id)
            })
            .map_err(|why| format!("Nothing was restored: {why}"))?;
        let count = restored.store.len();
        let mut written: Vec<(String, Option<String>)> = Vec::new();
        for plan in &restored.store {
            let previous = storage::read(&storage::plan_key(&plan.id)).ok().flatten();
            if let Err(why) = self.store_over(plan.clone()) {
                for (id, previous) in written {
                    match previous {
                        Some(raw) => {
                            let _ = storage::write(&storage::plan_key(&id), &raw);
                        }
                        None => {
                            let _ = storage::remove(&storage::plan_key(&id));
                        }
                    }
                }
                self.plans.set(before);
                self.reopen_after_restore(reader);
                return Err(format!(
                    "Nothing was restored: “{}” could not be stored ({why}).",
                    plan.name
                ));
            }
            written.push((plan.id.clone(), previous));
        }
        self.reopen_after_restore(reader);
        self.save_index();
        let text = match count {
            0 => "Nothing to restore: every plan was skipped.".to_string(),
            1 => "Restored 1 plan from the backup.".to_string(),
            n => format!("Restored {n} plans from the backup."),
        };
        let undo = (count > 0).then(|| UndoAction::UndoRestore(Box::new(restored.undo)));
        self.notify(text, undo);
        Ok(())
    }

    /// Takes a restore back: replaced plans return, added ones are removed.
    pub(super) fn undo_restore(&self, undo: RestoreUndo, reader: PlanReader) {
        match self.with_workspace(|ws| backup::undo_restore(ws, undo)) {
            Ok((put_back, removed)) => {
                for id in &removed {
                    if let Err(problem) = storage::delete_plan(id) {
                        self.add_banner(super::Banner::Storage(problem));
                    }
                }
                for plan in put_back {
                    if let Err(why) = self.store_over(plan) {
                        self.notify(why, None);
                    }
                }
                if self.current_id().is_some_and(|id| removed.contains(&id)) {
                    self.plan.set(None);
                    self.open.update_value(|o| o.close());
                    self.refresh_history_flags();
                }
                self.reopen_after_restore(reader);
                self.save_index();
            }
            Err(why) => self.notify(why.to_string(), None),
        }
    }

    /// Writes `plan` over whatever is stored under its id; the open plan follows.
    fn store_over(&self, mut plan: Plan) -> Result<(), String> {
        if self.current_id().as_deref() == Some(plan.id.as_str()) {
            self.open_and_store(plan);
            return if self.has_unsaved_edits() || !self.is_storage_ok() {
                Err("storage refused it".into())
            } else {
                Ok(())
            };
        }
        let stored = storage::stored_header(&storage::plan_key(&plan.id))
            .ok()
            .flatten()
            .and_then(|header| header.revision)
            .unwrap_or(0);
        plan.revision = stored;
        let base = Base {
            revision: plan.revision,
            fingerprint: None,
        };
        open_plan::store::save_plan(&LocalStore, &plan, base)
            .map(|_| ())
            .map_err(|refused| refused.sentence())
    }

    /// After a restore or its undo: the open plan is read again from storage, or, with none
    /// open, the first readable plan is opened.
    fn reopen_after_restore(&self, reader: PlanReader) {
        let id = self.current_id().or_else(|| {
            self.plans.with_untracked(|plans| {
                plans
                    .iter()
                    .find(|e| e.condition == PlanCondition::Ok)
                    .map(|e| e.id.clone())
            })
        });
        if let Some(id) = id {
            if let Ok(Some(StoredPlan::Readable(plan))) =
                open_plan::load_plan_at(&LocalStore, &storage::plan_key(&id), reader)
            {
                if !self.has_unsaved_edits() {
                    self.show_plan(*plan);
                    self.refresh_entry_name();
                }
            }
        }
    }
}
