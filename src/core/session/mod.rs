//! The plan list's whole life: which plan opens at start, opening, adding, duplicating,
//! renaming, deleting, importing, restoring a backup and undoing it, the trash, what goes in
//! a backup, and what another tab's write means. Every operation runs over a [`PlanStore`]
//! and returns one [`Outcome`] the UI applies; the list, the banners and the save status are
//! read from the session afterwards. Tested natively with an in-memory store that fails on
//! demand (`tests/`).
//!
//! The open plan itself is held by the caller (`slot`), so the views read it without a copy
//! and typing costs no copy of it; every operation that changes it takes the slot.
//!
//! Promises, each with its tests:
//! - **Nothing is dropped.** A plan that cannot be saved when another one is opened stays in
//!   memory, by id, listed as not saved, and opens again as it was ([`Session::open`]); a
//!   deleted or replaced plan goes to the trash for 30 days.
//! - **All or nothing.** An operation that writes several keys ([`txn::Txn`]) puts every key
//!   back when one write fails, and says what it could not put back; the open plan is then
//!   what it was.
//! - **No write over what this tab has not seen**: another tab's save, a newer Trellis's, or
//!   a delete in another tab (`open_plan`).

mod ancestors;
mod change;
mod list;
mod merging;
mod restore;
mod switch;
pub mod trash;
pub mod txn;

#[cfg(test)]
mod tests;

use crate::core::backup::UnreadableCopy;
use crate::core::care::{self, DataCare};
use crate::core::history::Grouping;
use crate::core::keys;
use crate::core::open_plan::store::{self, PlanStore, SaveRefused, StorageProblem, StoredPlan};
use crate::core::open_plan::{Flushed, OpenPlan, SaveState};
use crate::core::plan::Plan;
use crate::core::schema;
use crate::core::workspace::{PlanSummary, Workspace};

pub use ancestors::{Ancestors, AncestorsProblem, MAX_ANCESTORS, MAX_ANCESTOR_CHARS};
pub use merging::{Leaving, PendingMerge};
pub use trash::{TrashEntry, TrashReason};

/// A plan in the list.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub id: String,
    pub name: String,
    pub condition: Condition,
    /// Kept in this tab's memory only: its last changes could not be stored.
    pub unsaved: bool,
}

/// What is known of a listed plan.
#[derive(Clone, Debug, PartialEq)]
pub enum Condition {
    /// Known from its header, which is sound: read in full when opened.
    NotYetRead,
    /// Read in full.
    Readable,
    /// Stored data that could not be read; the raw text stays where it was, and is copied
    /// under `backup_key` when that could be written.
    Unreadable {
        reason: String,
        backup_key: Option<String>,
    },
    /// Written by a newer Trellis: never overwritten by this one.
    Newer { version: u64 },
}

impl Condition {
    /// Whether the plan can be opened here.
    pub fn openable(&self) -> bool {
        matches!(self, Condition::NotYetRead | Condition::Readable)
    }
}

/// Something the user must know or decide, shown above the page.
#[derive(Clone, Debug, PartialEq)]
pub enum Banner {
    Storage(StorageProblem),
    /// Another tab saved the open plan while this tab has unsaved edits.
    Conflict {
        plan_id: String,
    },
    /// This tab's copy is older than a newer Trellis's; saving is off for it.
    NewerVersionStored {
        version: u64,
    },
    /// The open plan was deleted in another tab: this tab keeps its copy and writes nothing.
    DeletedElsewhere {
        plan_id: String,
    },
    /// A new build of Trellis is installed and runs on the next load.
    UpdateReady,
    /// Plans are stored, but the code that reads them could not be downloaded: nothing is
    /// listed or saved until it arrives.
    ReaderNotDownloaded,
}

/// The save status line.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    Saved,
    Saving,
    NotSaved(String),
}

/// A short-lived message with an optional undo.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    pub undo: Option<UndoAction>,
}

/// What an Undo in a notice takes back.
#[derive(Clone, Debug, PartialEq)]
pub enum UndoAction {
    /// A delete or a replace: the plan comes back from the trash (the version that took its
    /// place, if any, goes there instead).
    FromTrash {
        key: String,
        /// Where it was in the list.
        position: Option<usize>,
        /// Open it again (it was open).
        reopen: bool,
    },
    /// A delete while storage could not be used: the plan was only in memory.
    PutBack {
        plan: Box<Plan>,
        position: usize,
        reopen: bool,
    },
    /// A restore from a backup, as one step.
    UndoRestore(RestoreUndo),
}

/// What a restore did, so it can be taken back as one step.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RestoreUndo {
    /// Plans the restore added (they go to the trash).
    pub added: Vec<String>,
    /// Trash entries of the plans it replaced (they come back).
    pub trashed: Vec<String>,
}

/// What an operation did, for the UI to apply; the list, banners, status and undo flags are
/// read from the session afterwards.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcome {
    /// The open plan is another one, or was changed in place (views redraw it).
    pub plan_changed: bool,
    pub notice: Option<Notice>,
    /// Why the operation did not happen, for the form or panel it was asked from. Nothing
    /// changed, in storage or on screen.
    pub refused: Option<String>,
    /// Ask the browser to keep this site's data now (the answer goes to [`Session::care_change`]).
    pub ask_persistence: bool,
}

impl Outcome {
    fn refused(why: impl Into<String>) -> Self {
        Outcome {
            refused: Some(why.into()),
            ..Outcome::default()
        }
    }

    fn notice(text: impl Into<String>, undo: Option<UndoAction>) -> Self {
        Outcome {
            notice: Some(Notice {
                text: text.into(),
                undo,
            }),
            ..Outcome::default()
        }
    }

    /// Takes `other`'s news too (this outcome's notice and refusal win).
    fn and(mut self, other: Outcome) -> Self {
        self.plan_changed |= other.plan_changed;
        self.ask_persistence |= other.ask_persistence;
        self.notice = self.notice.or(other.notice);
        self.refused = self.refused.or(other.refused);
        self
    }
}

/// A plan this tab could not store, kept in memory with its undo history and save state.
#[derive(Clone, Debug)]
struct Held {
    plan: Plan,
    open: OpenPlan,
}

/// What a backup of all plans holds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BackupContents {
    /// Every readable plan, the open and held ones as they are in this tab.
    pub plans: Vec<Plan>,
    /// The raw text of every unreadable or newer-version plan.
    pub unreadable: Vec<UnreadableCopy>,
    /// The trash, each with the plan's stored text.
    pub trash: Vec<(TrashEntry, String)>,
}

pub struct Session<S: PlanStore> {
    store: S,
    entries: Vec<Entry>,
    open: OpenPlan,
    held: Vec<Held>,
    /// False when storage cannot be used at all in this tab: every plan lives in memory.
    usable: bool,
    /// The last storage failure, until a save succeeds.
    problem: Option<StorageProblem>,
    /// Banners not about the open plan's save (an update, the reader).
    other_banners: Vec<Banner>,
    trash: Vec<TrashEntry>,
    care: DataCare,
}

impl<S: PlanStore> Session<S> {
    pub fn new(store: S) -> Self {
        Session {
            store,
            entries: Vec::new(),
            open: OpenPlan::new(),
            held: Vec::new(),
            usable: true,
            problem: None,
            other_banners: Vec::new(),
            trash: Vec::new(),
            care: DataCare::default(),
        }
    }

    pub fn store(&self) -> &S {
        &self.store
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn trash(&self) -> &[TrashEntry] {
        &self.trash
    }

    pub fn care(&self) -> &DataCare {
        &self.care
    }

    pub fn open_id(&self) -> Option<&str> {
        self.open.id()
    }

    pub fn storage_usable(&self) -> bool {
        self.usable
    }

    pub fn can_undo(&self) -> bool {
        self.open.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.open.can_redo()
    }

    pub fn save_state(&self) -> &SaveState {
        self.open.state()
    }

    /// Whether leaving the page now would lose something: the open plan's edits are not
    /// stored, a plan is kept in memory only, or storage cannot be used at all.
    pub fn has_unsaved_work(&self) -> bool {
        let open = self.open.id().is_some();
        (open && (self.open.has_unsaved_edits() || !self.usable)) || !self.held.is_empty()
    }

    /// The banners to show, in a stable order.
    pub fn banners(&self) -> Vec<Banner> {
        let mut banners = Vec::new();
        if let Some(problem) = &self.problem {
            banners.push(Banner::Storage(problem.clone()));
        }
        let plan_id = self.open.id().unwrap_or_default().to_string();
        match self.open.state() {
            SaveState::Conflict { .. } => banners.push(Banner::Conflict { plan_id }),
            SaveState::NewerElsewhere { version } => {
                banners.push(Banner::NewerVersionStored { version: *version })
            }
            SaveState::DeletedElsewhere { .. } => {
                banners.push(Banner::DeletedElsewhere { plan_id })
            }
            _ => {}
        }
        banners.extend(self.other_banners.iter().cloned());
        banners
    }

    /// Shows a banner that is not about saving (an update is ready, the reader is missing).
    pub fn add_banner(&mut self, banner: Banner) {
        if !self.other_banners.contains(&banner) {
            self.other_banners.push(banner);
        }
    }

    pub fn remove_banner(&mut self, banner: &Banner) {
        self.other_banners.retain(|b| b != banner);
    }

    /// The save status line.
    pub fn status(&self) -> SaveStatus {
        if !self.usable {
            return SaveStatus::NotSaved("storage is blocked".into());
        }
        match self.open.state() {
            SaveState::Clean => SaveStatus::Saved,
            SaveState::Dirty => SaveStatus::Saving,
            SaveState::Blocked(problem) => SaveStatus::NotSaved(problem.short_reason()),
            SaveState::Conflict { .. } => {
                SaveStatus::NotSaved(SaveRefused::Conflict { stored_revision: 0 }.short_reason())
            }
            SaveState::NewerElsewhere { version } => {
                SaveStatus::NotSaved(SaveRefused::NewerVersion { version: *version }.short_reason())
            }
            SaveState::DeletedElsewhere { .. } => {
                SaveStatus::NotSaved(SaveRefused::Deleted.short_reason())
            }
        }
    }

    /// What an edit about to be made to the open `plan` needs kept for undo
    /// ([`OpenPlan::snapshot_for`]).
    pub fn snapshot_for(&self, plan: &Plan, grouping: Grouping, now_ms: f64) -> Option<Plan> {
        self.open.snapshot_for(plan, grouping, now_ms)
    }

    /// Records an edit made to the open `plan` ([`OpenPlan::record_edit`]); the list follows
    /// its name. False when it changed nothing.
    pub fn record_edit(
        &mut self,
        before: Option<Plan>,
        plan: &Plan,
        grouping: Grouping,
        now_ms: f64,
    ) -> bool {
        let changed = self.open.record_edit(before, plan, grouping, now_ms);
        if changed {
            self.follow_name(plan);
        }
        changed
    }

    /// Runs `change` on the open plan as one edit (both halves above).
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

    pub fn undo(&mut self, slot: &mut Option<Plan>) -> bool {
        let Some(plan) = slot.as_mut() else {
            return false;
        };
        let moved = self.open.undo(plan);
        if moved {
            self.follow_name(plan);
        }
        moved
    }

    pub fn redo(&mut self, slot: &mut Option<Plan>) -> bool {
        let Some(plan) = slot.as_mut() else {
            return false;
        };
        let moved = self.open.redo(plan);
        if moved {
            self.follow_name(plan);
        }
        moved
    }

    /// The list entry's name follows the plan's.
    fn follow_name(&mut self, plan: &Plan) {
        if let Some(entry) = self.entries.iter_mut().find(|e| e.id == plan.id) {
            if entry.name != plan.name {
                entry.name = plan.name.clone();
            }
        }
    }

    /// Saves the open plan if it has unsaved edits (the debounced save, and before anything
    /// that leaves it). Plans kept in memory are tried again after a save that worked.
    pub fn flush(&mut self, slot: &mut Option<Plan>, now: f64) -> Outcome {
        let Some(plan) = slot.as_mut() else {
            return Outcome::default();
        };
        let flushed = self.open.flush(&self.store, plan);
        let mut outcome = Outcome::default();
        match flushed {
            Flushed::Nothing => return outcome,
            Flushed::Saved { .. } => {
                self.problem = None;
                let own = care::is_own_plan(plan);
                let id = plan.id.clone();
                outcome.ask_persistence = self.saved_with_change(&id, own, now);
                self.retry_held(now);
            }
            Flushed::Refused(SaveRefused::Storage(problem)) => self.problem = Some(problem),
            Flushed::Refused(_) => {}
        }
        outcome
    }

    /// Tries to store each plan kept in memory again.
    fn retry_held(&mut self, now: f64) {
        let mut index = 0;
        while index < self.held.len() {
            let held = &mut self.held[index];
            if let Flushed::Saved { .. } = held.open.flush(&self.store, &mut held.plan) {
                let held = self.held.remove(index);
                self.set_unsaved(&held.plan.id, false);
                self.saved_with_change(&held.plan.id, care::is_own_plan(&held.plan), now);
            } else {
                index += 1;
            }
        }
    }

    fn set_unsaved(&mut self, id: &str, unsaved: bool) {
        if let Some(entry) = self.entries.iter_mut().find(|e| e.id == id) {
            entry.unsaved = unsaved;
        }
    }

    /// Resolves a conflict, or a delete in another tab, by writing this tab's copy.
    pub fn keep_mine(&mut self, slot: &mut Option<Plan>, now: f64) -> Outcome {
        let Some(plan) = slot.as_mut() else {
            return Outcome::default();
        };
        let was_deleted = matches!(self.open.state(), SaveState::DeletedElsewhere { .. });
        let flushed = self.open.keep_mine(&self.store, plan);
        let mut outcome = Outcome::default();
        match flushed {
            Flushed::Saved { .. } => {
                self.problem = None;
                let (id, own) = (plan.id.clone(), care::is_own_plan(plan));
                outcome.ask_persistence = self.saved_with_change(&id, own, now);
                if was_deleted {
                    // Back in the list for every tab.
                    let _ = self.write_index_now();
                }
            }
            Flushed::Refused(SaveRefused::Storage(problem)) => self.problem = Some(problem),
            _ => {}
        }
        outcome
    }

    /// The care record, re-read from storage (another tab may have changed it).
    pub fn reread_care(&mut self) {
        if let Ok(Some(text)) = self.store.read(keys::CARE_KEY) {
            self.care = DataCare::read(&text);
        }
    }

    /// Changes the care record: re-read first, so another tab's backup date or answer is
    /// never rolled back, then stored (a failure to store it loses no plan).
    pub fn care_change<R>(&mut self, change: impl FnOnce(&mut DataCare) -> R) -> R {
        self.reread_care();
        let result = change(&mut self.care);
        if self.usable {
            let _ = self.store.write(keys::CARE_KEY, &self.care.write());
        }
        result
    }

    /// Notes a saved change of plan `id`; true when the browser should now be asked to keep
    /// the data (the first save of a plan of the user's own). Asked once: the record says so
    /// before the answer comes.
    fn saved_with_change(&mut self, id: &str, own_plan: bool, now: f64) -> bool {
        self.care_change(|care| {
            care.note_change(id, now);
            let ask = care.should_request_persistence(own_plan);
            if ask {
                care.persistence = Some(care::Persistence::Refused);
            }
            ask
        })
    }

    /// Every plan (`ids`) went into a backup of all plans at `now`. True when the browser
    /// should be asked again to keep the data (it has not promised: a first refusal is not
    /// for good).
    pub fn backed_up_all(&mut self, ids: &[String], now: f64) -> bool {
        self.care_change(|care| {
            care.note_full_backup(ids, now);
            care.should_ask_after_backup()
        })
    }

    /// Plan `id` was exported with everything in it at `now`: that plan is backed up, the
    /// others are not. True when the browser should be asked again to keep the data, as
    /// after [`Session::backed_up_all`].
    pub fn exported_whole(&mut self, id: &str, now: f64) -> bool {
        self.care_change(|care| {
            care.note_backup(&[id.to_string()], now);
            care.should_ask_after_backup()
        })
    }

    /// The browser said whether it keeps the data now (`navigator.storage.persisted()`, read
    /// at start): the record takes that answer when it differs from the one remembered (see
    /// [`DataCare::persistence_after_check`]); otherwise nothing is written.
    pub fn persisted_now(&mut self, persisted: bool) {
        self.reread_care();
        let answer = self.care.persistence_after_check(persisted);
        if answer != self.care.persistence {
            self.care_change(|care| care.persistence = care.persistence_after_check(persisted));
        }
    }

    /// The plan list as the core's workspace (names and order; the open plan current).
    fn workspace(&self) -> Workspace {
        Workspace {
            plans: self
                .entries
                .iter()
                .map(|e| PlanSummary {
                    id: e.id.clone(),
                    name: e.name.clone(),
                    extra: Default::default(),
                })
                .collect(),
            current: self.open.id().map(str::to_string),
            extra: Default::default(),
        }
    }

    /// The index as it is to be stored: this tab's list in its order, then any plan another
    /// tab listed that is still stored and this tab does not know yet.
    fn index_text(&self, current: Option<&str>) -> Result<String, StorageProblem> {
        let mut order: Vec<(String, String)> = self
            .entries
            .iter()
            .map(|e| (e.id.clone(), e.name.clone()))
            .collect();
        // What a newer Trellis added to the index is kept (an unreadable index keeps nothing).
        let mut kept = Workspace::default();
        if let Some(stored) = self.store.read(keys::INDEX_KEY)? {
            kept = schema::parse_index(&stored).unwrap_or_default();
            let keys = self.store.keys_with_prefix(keys::PLAN_PREFIX)?;
            for plan in &kept.plans {
                let known = order.iter().any(|(id, _)| *id == plan.id);
                if !known && keys.contains(&keys::plan_key(&plan.id)) {
                    order.push((plan.id.clone(), plan.name.clone()));
                }
            }
        }
        Ok(schema::store_index(&order, current, &kept))
    }

    /// Writes the index with the open plan current (outside any transaction).
    fn write_index_now(&mut self) -> Result<(), StorageProblem> {
        if !self.usable {
            return Ok(());
        }
        let text = self.index_text(self.open.id())?;
        self.store.write(keys::INDEX_KEY, &text)
    }

    /// Plan `id` as this tab has it: the open plan, one kept in memory, or the stored one.
    pub fn read_plan(
        &self,
        slot: &Option<Plan>,
        id: &str,
        reader: schema::PlanReader,
    ) -> Option<Plan> {
        if let Some(plan) = slot.as_ref().filter(|p| p.id == id) {
            return Some(plan.clone());
        }
        if let Some(held) = self.held.iter().find(|h| h.plan.id == id) {
            return Some(held.plan.clone());
        }
        store::read_plan(&self.store, id, reader)
    }

    /// The stored text of plan `id` as this tab would keep it: the open or a held plan as it
    /// is here (at its stored revision), else the stored text itself.
    fn current_text(
        &self,
        slot: &Option<Plan>,
        id: &str,
    ) -> Result<Option<String>, StorageProblem> {
        if let Some(plan) = slot.as_ref().filter(|p| p.id == id) {
            return Ok(Some(schema::store_plan_at(plan, self.open.base_revision())));
        }
        if let Some(held) = self.held.iter().find(|h| h.plan.id == id) {
            return Ok(Some(schema::store_plan_at(
                &held.plan,
                held.open.base_revision(),
            )));
        }
        self.store.read(&keys::plan_key(id))
    }

    /// The raw stored text of a plan (to download an unreadable or newer one): under its own
    /// key, else its backup copy.
    pub fn raw_text(&self, id: &str) -> Result<String, String> {
        let key = keys::plan_key(id);
        match self.store.read(&key) {
            Ok(Some(text)) => return Ok(text),
            Ok(None) => {}
            Err(problem) => return Err(problem.to_string()),
        }
        match self.store.read(&keys::backup_key(&key)) {
            Ok(Some(text)) => Ok(text),
            Ok(None) => Err("This data is no longer stored.".into()),
            Err(problem) => Err(problem.to_string()),
        }
    }

    /// Everything a backup of all plans holds.
    pub fn backup_contents(
        &self,
        slot: &Option<Plan>,
        reader: schema::PlanReader,
    ) -> BackupContents {
        let mut contents = BackupContents::default();
        let stored = store::load_workspace(&self.store, reader).unwrap_or_default();
        for entry in stored.plans {
            let id = entry.id().to_string();
            let key = keys::plan_key(&id);
            match entry {
                StoredPlan::Readable(_) | StoredPlan::Listed { .. } => {
                    if let Some(plan) = self.read_plan(slot, &id, reader) {
                        contents.plans.push(plan);
                    }
                }
                StoredPlan::Unreadable { reason, .. } => {
                    let raw = self.raw_text(&id).unwrap_or_default();
                    contents
                        .unreadable
                        .push(UnreadableCopy { key, reason, raw });
                }
                StoredPlan::Newer { version, .. } => {
                    let raw = self.raw_text(&id).unwrap_or_default();
                    contents.unreadable.push(UnreadableCopy {
                        key,
                        reason: format!("saved by a newer Trellis (file version {version})"),
                        raw,
                    });
                }
            }
        }
        // Not stored (storage blocked or full, or deleted elsewhere): they go in as they are.
        let in_memory = slot
            .iter()
            .chain(self.held.iter().map(|h| &h.plan))
            .filter(|plan| !contents.plans.iter().any(|p| p.id == plan.id));
        contents
            .plans
            .extend(in_memory.cloned().collect::<Vec<_>>());
        for entry in &self.trash {
            if let Ok(Some(text)) = self.store.read(&entry.key) {
                if let Some((entry, plan)) = trash::read_entry(&entry.key, &text) {
                    contents.trash.push((entry, plan));
                }
            }
        }
        contents
    }
}

/// The list entry of a plan as found in storage.
fn entry_of(stored: &StoredPlan) -> Entry {
    let (name, condition) = match stored {
        StoredPlan::Readable(plan) => (plan.name.clone(), Condition::Readable),
        StoredPlan::Listed { name, .. } => (name.clone(), Condition::NotYetRead),
        StoredPlan::Unreadable {
            id,
            reason,
            backup_key,
        } => (
            format!("Unreadable plan ({id})"),
            Condition::Unreadable {
                reason: reason.clone(),
                backup_key: backup_key.clone(),
            },
        ),
        StoredPlan::Newer { id, name, version } => (
            if name.is_empty() {
                id.clone()
            } else {
                name.clone()
            },
            Condition::Newer { version: *version },
        ),
    };
    Entry {
        id: stored.id().to_string(),
        name,
        condition,
        unsaved: false,
    }
}

/// The words for a refused write, after "… because ".
fn reason_of(refused: &SaveRefused) -> String {
    refused.short_reason()
}
