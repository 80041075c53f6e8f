//! The open plan's life: its undo history, whether its edits are saved, and what a save,
//! another tab's write or a failing store means for it. The UI keeps the plan itself in a
//! signal (views read it there) and hands it to these methods; everything they decide is
//! here, over a [`PlanStore`], and tested natively with an in-memory store that fails on
//! demand (`memory.rs`).
//!
//! States: clean (what is stored is what is shown), dirty (edits since the stored
//! revision, a save pending), blocked (the store refused the last save: full, blocked, or
//! failing), conflict (another tab saved this plan since this tab loaded it), newer
//! elsewhere (a newer Trellis saved it; this build never overwrites that).

#[cfg(test)]
pub mod memory;
pub mod store;
#[cfg(test)]
mod tests;

use crate::core::history::{Grouping, History};
use crate::core::plan::Plan;
use crate::core::schema::PlanReader;

pub use store::{
    classify_failure, list_plan_at, list_workspace, load_plan_at, load_workspace, plan_key,
    read_plan, Base, PlanStore, SaveRefused, StorageProblem, StoredPlan, StoredWorkspace,
    BACKUP_PREFIX, INDEX_KEY, PLAN_PREFIX,
};

/// Whether the open plan's edits are stored.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum SaveState {
    /// What is stored is what is shown.
    #[default]
    Clean,
    /// Edits since the stored revision; a save is due.
    Dirty,
    /// The store refused the last save; the next edit or flush tries again.
    Blocked(StorageProblem),
    /// Another tab saved this plan since this tab loaded it. Saves stop until the user
    /// keeps this tab's version or takes the other one.
    Conflict { stored_revision: u64 },
    /// A newer Trellis saved this plan; this tab never writes over it.
    NewerElsewhere { version: u64 },
    /// The plan was deleted in another tab (or cleared by the browser): this tab writes
    /// nothing back unless the user keeps its copy. `unsaved`: it holds edits the stored
    /// copy (now in the other tab's trash) did not have.
    DeletedElsewhere { unsaved: bool },
}

/// What a flush did.
#[derive(Clone, Debug, PartialEq)]
pub enum Flushed {
    /// Nothing to save, or storage cannot be used at all in this tab.
    Nothing,
    /// Written at this revision.
    Saved {
        revision: u64,
    },
    Refused(SaveRefused),
}

/// What taking the other tab's copy did.
#[derive(Clone, Debug, PartialEq)]
pub enum Theirs {
    /// The stored copy is now the open plan.
    Loaded,
    /// The stored copy is a newer Trellis's, which this build cannot load.
    Newer { version: u64 },
    /// Nothing readable is stored; the open plan stays as it is.
    Unreadable,
}

/// What another tab's write to the open plan's key means here.
#[derive(Clone, Debug, PartialEq)]
pub enum External {
    /// This tab had nothing unsaved and now shows the stored copy (or the write was its own).
    Followed(Theirs),
    /// This tab's edits and the other tab's write disagree: the user must choose.
    Conflict,
    /// The other tab deleted the plan: this tab keeps its copy in memory and writes nothing.
    Deleted,
    /// What is stored is what this tab wrote or read: nothing to do.
    Unchanged,
}

#[derive(Clone, Debug, Default)]
pub struct OpenPlan {
    /// The open plan's id (`None` when no plan is open).
    id: Option<String>,
    /// The stored copy this tab's plan is based on.
    base: Base,
    state: SaveState,
    history: History,
    /// False when storage cannot be used at all in this tab: edits then stay in memory.
    storage_usable: bool,
}

impl OpenPlan {
    pub fn new() -> Self {
        OpenPlan {
            storage_usable: true,
            ..OpenPlan::default()
        }
    }

    pub fn state(&self) -> &SaveState {
        &self.state
    }

    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The stored revision this tab's copy is based on.
    pub fn base_revision(&self) -> u64 {
        self.base.revision
    }

    /// The stored copy this tab's copy is based on.
    pub fn base(&self) -> Base {
        self.base
    }

    pub fn has_unsaved_edits(&self) -> bool {
        self.state != SaveState::Clean
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    pub fn storage_usable(&self) -> bool {
        self.storage_usable
    }

    /// Whether storage can be used in this tab (false: private mode, storage disabled).
    pub fn set_storage_usable(&mut self, usable: bool) {
        self.storage_usable = usable;
    }

    /// `plan`, as just read from `store`, is now the open plan: clean, no history.
    pub fn show(&mut self, store: &impl PlanStore, plan: &Plan) {
        let stored = store::stored_base(store, &plan.id);
        let fingerprint = if stored.revision == plan.revision {
            stored.fingerprint
        } else {
            None
        };
        self.reset(plan, plan.revision, fingerprint, SaveState::Clean);
    }

    /// `plan` is now the open plan and is to be stored over whatever is stored under its id
    /// (a new, duplicated, restored or imported plan): dirty, no history.
    pub fn adopt(&mut self, store: &impl PlanStore, plan: &Plan) {
        let stored = store::stored_base(store, &plan.id);
        self.reset(plan, stored.revision, stored.fingerprint, SaveState::Dirty);
    }

    /// No plan is open (it was deleted).
    pub fn close(&mut self) {
        let usable = self.storage_usable;
        *self = OpenPlan::new();
        self.storage_usable = usable;
    }

    fn reset(&mut self, plan: &Plan, revision: u64, fingerprint: Option<u64>, state: SaveState) {
        self.id = Some(plan.id.clone());
        self.base = Base {
            revision,
            fingerprint,
        };
        self.state = state;
        self.history.clear();
    }

    /// Runs `change` on `plan` and records it for undo. False, and nothing recorded, when
    /// the edit changed nothing (see [`OpenPlan::snapshot_for`] for the one exception).
    pub fn edit(
        &mut self,
        plan: &mut Plan,
        grouping: Grouping,
        now_ms: f64,
        change: impl FnOnce(&mut Plan),
    ) -> bool {
        let before = self.snapshot_for(plan, grouping, now_ms);
        change(plan);
        self.record_edit(before, plan, grouping, now_ms)
    }

    /// What an edit about to be made to `plan` needs kept for undo: a copy of it, or
    /// nothing when the edit merges into the latest undo step (typing on in one field:
    /// that step holds the plan from before the run's first keystroke). So a keystroke
    /// costs no copy of the plan, whatever its size; only the first one of a run does.
    /// Without a copy an edit cannot tell that it changed nothing: it counts as an edit
    /// (it marks the plan for saving; the undo step is the same).
    pub fn snapshot_for(&self, plan: &Plan, grouping: Grouping, now_ms: f64) -> Option<Plan> {
        (!self.history.extends_last(grouping, now_ms)).then(|| plan.clone())
    }

    /// Records an edit already made to `plan`, with what [`OpenPlan::snapshot_for`] kept
    /// before it. False, and nothing recorded, when the copy shows it changed nothing.
    pub fn record_edit(
        &mut self,
        before: Option<Plan>,
        plan: &Plan,
        grouping: Grouping,
        now_ms: f64,
    ) -> bool {
        match before {
            Some(before) if before == *plan => return false,
            Some(before) => self.history.record(before, grouping, now_ms),
            None => self.history.record_extension(grouping, now_ms),
        }
        self.mark_edited();
        true
    }

    pub fn undo(&mut self, plan: &mut Plan) -> bool {
        match self.history.undo(plan) {
            Some(previous) => {
                *plan = previous;
                self.mark_edited();
                true
            }
            None => false,
        }
    }

    pub fn redo(&mut self, plan: &mut Plan) -> bool {
        match self.history.redo(plan) {
            Some(next) => {
                *plan = next;
                self.mark_edited();
                true
            }
            None => false,
        }
    }

    /// An edit makes a clean or blocked plan due for saving; a conflict or a newer version
    /// stays until the user resolves it.
    fn mark_edited(&mut self) {
        match self.state {
            SaveState::Clean | SaveState::Blocked(_) => self.state = SaveState::Dirty,
            SaveState::DeletedElsewhere { .. } => {
                self.state = SaveState::DeletedElsewhere { unsaved: true }
            }
            _ => {}
        }
    }

    /// Saves `plan` (the open plan) if it has unsaved edits and storage can be used. On
    /// success its revision is the stored one.
    pub fn flush(&mut self, store: &impl PlanStore, plan: &mut Plan) -> Flushed {
        if !self.has_unsaved_edits() || !self.storage_usable {
            return Flushed::Nothing;
        }
        match store::save_plan(store, plan, self.base) {
            Ok(base) => {
                self.base = base;
                plan.revision = base.revision;
                self.state = SaveState::Clean;
                Flushed::Saved {
                    revision: base.revision,
                }
            }
            Err(refused) => {
                self.state = match &refused {
                    SaveRefused::Storage(problem) => SaveState::Blocked(problem.clone()),
                    SaveRefused::Conflict { stored_revision } => SaveState::Conflict {
                        stored_revision: *stored_revision,
                    },
                    SaveRefused::NewerVersion { version } => {
                        SaveState::NewerElsewhere { version: *version }
                    }
                    SaveRefused::Deleted => SaveState::DeletedElsewhere { unsaved: true },
                };
                Flushed::Refused(refused)
            }
        }
    }

    /// Resolves a conflict by writing this tab's copy over what is stored now (never over a
    /// newer Trellis's: that is refused as always), or, when the plan was deleted elsewhere,
    /// by storing it again.
    pub fn keep_mine(&mut self, store: &impl PlanStore, plan: &mut Plan) -> Flushed {
        let Some(id) = self.id.clone() else {
            return Flushed::Nothing;
        };
        self.base = store::stored_base(store, &id);
        self.state = SaveState::Dirty;
        self.flush(store, plan)
    }

    /// Resolves a conflict by loading the stored copy in place of `plan` (this tab's
    /// unsaved edits are dropped).
    pub fn take_theirs(
        &mut self,
        store: &impl PlanStore,
        plan: &mut Plan,
        reader: PlanReader,
    ) -> Theirs {
        let Some(id) = self.id.clone() else {
            return Theirs::Unreadable;
        };
        match load_plan_at(store, &plan_key(&id), reader) {
            Ok(Some(StoredPlan::Readable(theirs))) => {
                self.show(store, &theirs);
                *plan = *theirs;
                Theirs::Loaded
            }
            Ok(Some(StoredPlan::Newer { version, .. })) => {
                self.state = SaveState::NewerElsewhere { version };
                Theirs::Newer { version }
            }
            _ => Theirs::Unreadable,
        }
    }

    /// Another tab wrote the open plan's key. With unsaved edits here, or when the write
    /// replaced this tab's last save at the same revision (the two saves raced), the user is
    /// asked; otherwise this tab follows the stored copy.
    pub fn on_external_write(
        &mut self,
        store: &impl PlanStore,
        plan: &mut Plan,
        reader: PlanReader,
    ) -> External {
        let Some(id) = self.id.clone() else {
            return External::Followed(Theirs::Unreadable);
        };
        let stored = store::stored_base(store, &id);
        if stored == self.base {
            // The write was this tab's own text (or put it back): nothing to follow.
            return External::Unchanged;
        }
        if stored.fingerprint.is_none() && self.base.revision > 0 {
            let unsaved = match self.state {
                SaveState::Clean => false,
                SaveState::DeletedElsewhere { unsaved } => unsaved,
                _ => true,
            };
            self.state = SaveState::DeletedElsewhere { unsaved };
            return External::Deleted;
        }
        if matches!(
            self.state,
            SaveState::Conflict { .. }
                | SaveState::NewerElsewhere { .. }
                | SaveState::DeletedElsewhere { .. }
        ) {
            return External::Conflict;
        }
        let raced = stored.revision == self.base.revision && self.base.fingerprint.is_some();
        if raced || self.has_unsaved_edits() {
            self.state = SaveState::Conflict {
                stored_revision: stored.revision,
            };
            return External::Conflict;
        }
        External::Followed(self.take_theirs(store, plan, reader))
    }
}
