//! Changing the list: rename, delete (to the trash), an import, taking a plan back from the
//! trash, and the Undo of each.

use super::txn::Txn;
use super::{trash, Condition, Entry, Outcome, Session, TrashReason, UndoAction};
use crate::core::audience;
use crate::core::history::Grouping;
use crate::core::keys;
use crate::core::open_plan::store::{self, PlanStore, SaveRefused, StorageProblem};
use crate::core::open_plan::OpenPlan;
use crate::core::plan::Plan;
use crate::core::schema::{self, PlanReader};
use crate::core::workspace::{self, ImportChoice, ImportOutcome};

impl<S: PlanStore> Session<S> {
    /// Renames plan `id`, and stores it at once. Refused, with nothing changed, when the
    /// name is not usable or the plan cannot be stored.
    pub fn rename(
        &mut self,
        slot: &mut Option<Plan>,
        id: &str,
        name: &str,
        reader: PlanReader,
        now: f64,
    ) -> Outcome {
        let name = match workspace::clean_name(name) {
            Ok(name) => name,
            Err(why) => return Outcome::refused(why.to_string()),
        };
        if self.open.id() == Some(id) {
            return self.rename_open(slot, name, now);
        }
        if let Some(held) = self.held.iter_mut().find(|h| h.plan.id == id) {
            // Kept in memory: renamed there (undoable when it is opened), stored when it can be.
            let new_name = name.clone();
            held.open.edit(&mut held.plan, Grouping::OwnStep, now, |p| {
                p.name = new_name
            });
            let _ = held.open.flush(&self.store, &mut held.plan);
            let stored = !held.open.has_unsaved_edits();
            self.set_name(id, &name);
            if stored {
                self.held.retain(|h| h.plan.id != id);
                self.set_unsaved(id, false);
                let _ = self.write_index_now();
            }
            return Outcome::default();
        }
        let Some(mut plan) = store::read_plan(&self.store, id, reader) else {
            return Outcome::refused("That plan cannot be read, so it cannot be renamed.");
        };
        let key = keys::plan_key(id);
        let base = store::stored_base(&self.store, id);
        plan.name = name.clone();
        let entries_before = self.entries.clone();
        let mut txn = Txn::new();
        let result = store::check_save(&self.store, &key, base)
            .and_then(|()| {
                let text = schema::store_plan_at(&plan, base.revision + 1);
                txn.write(&self.store, &key, &text)
                    .map_err(SaveRefused::Storage)
            })
            .and_then(|()| {
                self.set_name(id, &name);
                let current = self.open.id().map(str::to_string);
                self.write_index_in(&mut txn, current.as_deref())
            });
        match result {
            Ok(()) => Outcome::default(),
            Err(refused) => {
                self.entries = entries_before;
                Outcome::refused(self.roll_back(txn, &refused, "Not renamed", ""))
            }
        }
    }

    /// Renames the open plan: an undoable edit like any other, saved at once. When storage
    /// refuses the save, the new name stays as an unsaved edit (the status line and the
    /// banner say so, as for typing).
    fn rename_open(&mut self, slot: &mut Option<Plan>, name: String, now: f64) -> Outcome {
        let Some(plan) = slot.as_mut() else {
            return Outcome::default();
        };
        if plan.name == name {
            return Outcome::default();
        }
        self.open
            .edit(plan, Grouping::Field("plan:name"), now, |p| p.name = name);
        let plan = plan.clone();
        self.follow_name(&plan);
        let outcome = self.flush(slot, now);
        // The index only orders the list (names are read from each plan): nothing is lost
        // when it cannot be written.
        let _ = self.write_index_now();
        Outcome {
            plan_changed: true,
            ..outcome
        }
    }

    fn set_name(&mut self, id: &str, name: &str) {
        if let Some(entry) = self.entries.iter_mut().find(|e| e.id == id) {
            entry.name = name.to_string();
        }
    }

    /// Puts plan `id`'s version as this tab has it (with any unsaved edits) in the trash,
    /// inside `txn`, and the stored version too when it is one this tab has not seen
    /// (another tab's save). The trash key of this tab's version, or `None` when there is
    /// nothing to keep.
    pub(super) fn trash_in(
        &self,
        txn: &mut Txn,
        slot: &Option<Plan>,
        id: &str,
        why: TrashReason,
        now: f64,
    ) -> Result<Option<String>, StorageProblem> {
        let Some(text) = self.current_text(slot, id)? else {
            return Ok(None);
        };
        let name = self
            .entries
            .iter()
            .find(|e| e.id == id)
            .map(|e| e.name.clone())
            .unwrap_or_default();
        let key = trash::free_key(&self.store, id, now)?;
        txn.write(
            &self.store,
            &key,
            &trash::entry_text(id, &name, now, why, &text),
        )?;
        let base = if slot.as_ref().is_some_and(|p| p.id == id) {
            Some(self.open.base())
        } else {
            self.held
                .iter()
                .find(|h| h.plan.id == id)
                .map(|h| h.open.base())
        };
        if let Some(base) = base {
            if let Some(stored) = self.store.read(&keys::plan_key(id))? {
                if base.fingerprint != Some(store::fingerprint(&stored)) {
                    let theirs = trash::free_key(&self.store, id, now + 1.0)?;
                    let name = schema::peek_header(&stored).name.unwrap_or(name);
                    txn.write(
                        &self.store,
                        &theirs,
                        &trash::entry_text(id, &name, now, why, &stored),
                    )?;
                }
            }
        }
        Ok(Some(key))
    }

    /// Deletes plan `id`: it goes to the trash for 30 days (the notice's Undo brings it back
    /// at once). The next plan opens when it was open. Refused, nothing changed, when the
    /// trash or the list cannot be written.
    pub fn delete(
        &mut self,
        slot: &mut Option<Plan>,
        id: &str,
        reader: PlanReader,
        now: f64,
    ) -> Outcome {
        let Some(position) = self.entries.iter().position(|e| e.id == id) else {
            return Outcome::refused("That plan is no longer listed.");
        };
        let mut outcome = self.flush(slot, now);
        let was_open = self.open.id() == Some(id);
        let name = self.entries[position].name.clone();
        if !self.usable {
            let plan = if was_open {
                self.open = OpenPlan::new();
                self.open.set_storage_usable(false);
                slot.take()
            } else {
                let held = self.held.iter().position(|h| h.plan.id == id);
                held.map(|index| self.held.remove(index).plan)
            };
            self.entries.remove(position);
            self.open_next(slot, position, reader);
            let undo = plan.map(|plan| UndoAction::PutBack {
                plan: Box::new(plan),
                position,
                reopen: was_open,
            });
            outcome.plan_changed |= was_open;
            return outcome.and(Outcome::notice(format!("Deleted “{name}”."), undo));
        }
        let entries_before = self.entries.clone();
        let mut txn = Txn::new();
        let key = keys::plan_key(id);
        let next_current = if was_open {
            None
        } else {
            self.open.id().map(str::to_string)
        };
        let result = self
            .trash_in(&mut txn, slot, id, TrashReason::Deleted, now)
            .and_then(|trashed| {
                if self.store.read(&key)?.is_some() {
                    txn.remove(&self.store, &key)?;
                }
                Ok(trashed)
            })
            .map_err(SaveRefused::Storage)
            .and_then(|trashed| {
                self.entries.remove(position);
                self.write_index_in(&mut txn, next_current.as_deref())?;
                Ok(trashed)
            });
        let trashed = match result {
            Ok(trashed) => trashed,
            Err(refused) => {
                self.entries = entries_before;
                let lead = format!("“{name}” was not deleted");
                return outcome.and(Outcome::refused(self.roll_back(txn, &refused, &lead, "")));
            }
        };
        // Which of its sections were collapsed or shown goes with it (a leftover would only
        // be unused).
        let _ = self.store.remove(&keys::collapsed_key(id));
        let _ = self.store.remove(&keys::focus_key(id));
        // So do the revisions kept for merging its returned copies (a plan restored from the
        // trash merges them two-way).
        let _ = self.store.remove(&keys::ancestors_key(id));
        self.held.retain(|h| h.plan.id != id);
        if was_open {
            *slot = None;
            self.open = OpenPlan::new();
            self.open.set_storage_usable(true);
            self.open_next(slot, position, reader);
            outcome.plan_changed = true;
        }
        self.problem = None;
        self.trash = trash::list(&self.store).unwrap_or_default();
        let undo = trashed.map(|key| UndoAction::FromTrash {
            key,
            position: Some(position),
            reopen: was_open,
        });
        outcome.and(Outcome::notice(format!("Deleted “{name}”."), undo))
    }

    /// Deletes an unreadable plan (its raw data was downloaded) with its backup copy, so
    /// broken data does not use the quota twice.
    pub fn delete_unreadable(&mut self, id: &str) -> Outcome {
        let Some(Entry {
            condition: Condition::Unreadable { backup_key, .. },
            ..
        }) = self.entries.iter().find(|e| e.id == id).cloned()
        else {
            return Outcome::refused("That plan is not an unreadable one.");
        };
        let entries_before = self.entries.clone();
        let mut txn = Txn::new();
        let current = self.open.id().map(str::to_string);
        let result = txn
            .remove(&self.store, &keys::plan_key(id))
            .and_then(|()| match &backup_key {
                Some(copy) => txn.remove(&self.store, copy),
                None => Ok(()),
            })
            .map_err(SaveRefused::Storage)
            .and_then(|()| {
                self.entries.retain(|e| e.id != id);
                self.write_index_in(&mut txn, current.as_deref())
            });
        match result {
            Ok(()) => Outcome::notice("Deleted the unreadable plan and its backup copy.", None),
            Err(refused) => {
                self.entries = entries_before;
                Outcome::refused(self.roll_back(txn, &refused, "Not deleted", ""))
            }
        }
    }

    /// Imports `plan`: added when its id is new here; on a collision added beside (under
    /// `new_id`, "… (imported)"), or, with `replace`, put in place of the plan here, whose
    /// version goes to the trash (a copy that went without private parts is put together
    /// with them first). Stored and opened at once; when it cannot be stored, nothing
    /// changes and the outcome says why.
    pub fn import(
        &mut self,
        slot: &mut Option<Plan>,
        plan: Plan,
        replace: bool,
        new_id: &str,
        reader: PlanReader,
        now: f64,
    ) -> Outcome {
        let mut plan = plan;
        let choice = match self.read_plan(slot, &plan.id, reader) {
            Some(existing) if replace => {
                plan = match audience::replacement(plan, &existing, reader) {
                    Ok(plan) => plan,
                    Err(why) => return Outcome::refused(why),
                };
                ImportChoice::Replace {
                    existing: Box::new(existing),
                }
            }
            _ => ImportChoice::KeepBoth {
                new_id: new_id.to_string(),
            },
        };
        let mut workspace = self.workspace();
        let imported = match workspace.import(plan, choice) {
            Ok(imported) => imported,
            Err(why) => return Outcome::refused(why.to_string()),
        };
        match imported {
            ImportOutcome::Added(plan) => {
                let name = plan.name.clone();
                let at = self.entries.len();
                match self.add(slot, *plan, at, now, NOT_IMPORTED, CANNOT_KEEP) {
                    Ok(outcome) => {
                        outcome.and(Outcome::notice(format!("Imported “{name}”."), None))
                    }
                    Err(why) => Outcome::refused(why),
                }
            }
            ImportOutcome::Replaced { plan, .. } => {
                let notice = format!("Replaced your plan with the imported “{}”.", plan.name);
                self.replace(slot, *plan, reader, now, notice)
            }
        }
    }

    /// Puts `plan` in place of the plan here with its id (that one goes to the trash), stores
    /// it and opens it; `notice` says what happened, and its Undo takes it back. `reader` is the plan reader's chunk (never linked here: that would put
    /// every plan type's `Deserialize` in the app's first download).
    pub(super) fn replace(
        &mut self,
        slot: &mut Option<Plan>,
        mut plan: Plan,
        reader: PlanReader,
        now: f64,
        notice: String,
    ) -> Outcome {
        let mut outcome = self.flush(slot, now);
        let id = plan.id.clone();
        let name = plan.name.clone();
        let was_open = self.open.id() == Some(id.as_str());
        if !self.usable {
            let previous = self.read_plan(slot, &id, reader);
            let position = self.entries.iter().position(|e| e.id == id).unwrap_or(0);
            self.set_name(&id, &name);
            let mut open = OpenPlan::new();
            open.adopt(&self.store, &plan);
            if was_open {
                self.open = OpenPlan::new();
                *slot = None;
            } else {
                self.held.retain(|h| h.plan.id != id);
                self.leave(slot);
            }
            self.enter(slot, plan, open);
            let undo = previous.map(|plan| UndoAction::PutBack {
                plan: Box::new(plan),
                position,
                reopen: true,
            });
            outcome.plan_changed = true;
            return outcome.and(Outcome::notice(notice, undo));
        }
        let entries_before = self.entries.clone();
        let mut txn = Txn::new();
        let result = self
            .trash_in(&mut txn, slot, &id, TrashReason::Replaced, now)
            .map_err(SaveRefused::Storage)
            .and_then(|trashed| {
                let revision = self.put_plan(&mut txn, &plan)?;
                self.set_name(&id, &name);
                self.write_index_in(&mut txn, Some(&id))?;
                Ok((trashed, revision))
            });
        let (trashed, revision) = match result {
            Ok(done) => done,
            Err(refused) => {
                self.entries = entries_before;
                let why = self.roll_back(txn, &refused, NOT_IMPORTED, CANNOT_KEEP);
                return outcome.and(Outcome::refused(why));
            }
        };
        plan.revision = revision;
        let mut open = OpenPlan::new();
        open.show(&self.store, &plan);
        if was_open {
            // Its version as it was here is in the trash.
            *slot = None;
        } else {
            self.held.retain(|h| h.plan.id != id);
            self.leave(slot);
        }
        self.enter(slot, plan, open);
        self.problem = None;
        self.trash = trash::list(&self.store).unwrap_or_default();
        let undo = trashed.map(|key| UndoAction::FromTrash {
            key,
            position: None,
            reopen: true,
        });
        outcome.plan_changed = true;
        outcome.and(Outcome::notice(notice, undo))
    }

    /// Writes `plan` under its key, inside `txn`, at the revision after the stored one (so
    /// every tab that has it open sees a newer save), never over a newer Trellis's. The
    /// revision written.
    pub(super) fn put_plan(&self, txn: &mut Txn, plan: &Plan) -> Result<u64, SaveRefused> {
        let key = keys::plan_key(&plan.id);
        let header = self.store.header(&key).map_err(SaveRefused::Storage)?;
        if let Some(version) = header.as_ref().and_then(|h| h.version) {
            if version > schema::CURRENT_VERSION {
                return Err(SaveRefused::NewerVersion { version });
            }
        }
        let stored = header.and_then(|h| h.revision).unwrap_or(0);
        let revision = stored.max(plan.revision) + 1;
        txn.write(&self.store, &key, &schema::store_plan_at(plan, revision))
            .map_err(SaveRefused::Storage)?;
        Ok(revision)
    }

    /// Takes plan `key` out of the trash: back in the list (at `position`, else at the end
    /// or where its id is listed), stored, and open when `reopen` or when it was open. A
    /// version here with the same id goes to the trash in its place.
    pub fn restore_from_trash(
        &mut self,
        slot: &mut Option<Plan>,
        key: &str,
        position: Option<usize>,
        reopen: bool,
        reader: PlanReader,
        now: f64,
    ) -> Outcome {
        let mut outcome = self.flush(slot, now);
        let Some((entry, text)) = self
            .store
            .read(key)
            .ok()
            .flatten()
            .and_then(|text| trash::read_entry(key, &text))
        else {
            return outcome.and(Outcome::refused("That plan is no longer in the trash."));
        };
        let plan = match reader.read_stored(&text) {
            Ok(plan) => plan,
            Err(why) => {
                return outcome.and(Outcome::refused(format!(
                    "That plan cannot be read ({why}), so it stays in the trash."
                )))
            }
        };
        let id = plan.id.clone();
        let was_open = self.open.id() == Some(id.as_str());
        let entries_before = self.entries.clone();
        let mut txn = Txn::new();
        // Whatever is stored under its id now (another tab may have put it back, or saved
        // it since) goes to the trash in its place.
        let result = self
            .trash_in(&mut txn, slot, &id, TrashReason::Replaced, now)
            .map_err(SaveRefused::Storage)
            .and_then(|swapped| {
                let revision = self.put_plan(&mut txn, &plan)?;
                txn.remove(&self.store, key).map_err(SaveRefused::Storage)?;
                let listed = Entry {
                    id: id.clone(),
                    name: plan.name.clone(),
                    condition: Condition::Readable,
                    unsaved: false,
                };
                match self.entries.iter().position(|e| e.id == id) {
                    Some(index) => self.entries[index] = listed,
                    None => {
                        let at = position
                            .unwrap_or(self.entries.len())
                            .min(self.entries.len());
                        self.entries.insert(at, listed);
                    }
                }
                let current = if reopen || was_open {
                    Some(id.clone())
                } else {
                    self.open.id().map(str::to_string)
                };
                self.write_index_in(&mut txn, current.as_deref())?;
                Ok((swapped, revision))
            });
        let (swapped, revision) = match result {
            Ok(done) => done,
            Err(refused) => {
                self.entries = entries_before;
                let lead = format!("“{}” was not put back", entry.name);
                return outcome.and(Outcome::refused(self.roll_back(txn, &refused, &lead, "")));
            }
        };
        let mut plan = plan;
        plan.revision = revision;
        self.held.retain(|h| h.plan.id != id);
        if reopen || was_open {
            let mut open = OpenPlan::new();
            open.show(&self.store, &plan);
            if was_open {
                *slot = None;
            } else {
                self.leave(slot);
            }
            self.enter(slot, plan, open);
            outcome.plan_changed = true;
        }
        self.problem = None;
        self.trash = trash::list(&self.store).unwrap_or_default();
        let undo = swapped.map(|key| UndoAction::FromTrash {
            key,
            position: None,
            reopen: reopen || was_open,
        });
        outcome.and(Outcome::notice(format!("Put back “{}”.", entry.name), undo))
    }

    /// Runs the Undo of a notice.
    pub fn undo_action(
        &mut self,
        slot: &mut Option<Plan>,
        action: UndoAction,
        reader: PlanReader,
        now: f64,
    ) -> Outcome {
        match action {
            UndoAction::FromTrash {
                key,
                position,
                reopen,
            } => self.restore_from_trash(slot, &key, position, reopen, reader, now),
            UndoAction::PutBack {
                plan,
                position,
                reopen,
            } => {
                let entry = Entry {
                    id: plan.id.clone(),
                    name: plan.name.clone(),
                    condition: Condition::Readable,
                    unsaved: true,
                };
                let id = plan.id.clone();
                self.entries.retain(|e| e.id != id);
                self.held.retain(|h| h.plan.id != id);
                let at = position.min(self.entries.len());
                self.entries.insert(at, entry);
                let mut open = OpenPlan::new();
                open.adopt(&self.store, &plan);
                if reopen {
                    if self.open.id() == Some(id.as_str()) {
                        *slot = None;
                    }
                    self.leave(slot);
                    self.enter(slot, *plan, open);
                } else {
                    self.held.push(super::Held { plan: *plan, open });
                }
                Outcome {
                    plan_changed: reopen,
                    ..Outcome::default()
                }
            }
            UndoAction::UndoRestore(undo) => self.undo_restore(slot, undo, reader, now),
        }
    }
}

const NOT_IMPORTED: &str = "This plan was not imported";
const CANNOT_KEEP: &str = ", so this browser cannot keep it";
