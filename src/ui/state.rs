//! The app's reactive state: the plan list, the open plan, its save status, banners and
//! notices — what the page shows. What an edit, a save, another tab's write or an import
//! means is decided by the core's [`OpenPlan`]; this file keeps the signals in step with it
//! and runs the save debounce. Tools change the plan only through [`AppState::edit`] and
//! [`AppState::edit_step`], so every change is undoable and saved.

use std::time::Duration;

use leptos::prelude::*;

use crate::core::history::Grouping;
use crate::core::open_plan::{
    self, Base, External, Flushed, ImportRefused, Imported, OpenPlan, SaveRefused, SaveState,
    StorageProblem, StoredPlan, Theirs,
};
use crate::core::plan::Plan;
use crate::core::schema::PlanReader;
use crate::core::workspace::{
    self, DeletedPlan, ImportChoice, PlanSummary, ReplacedPlan, Workspace,
};
use crate::storage::{self, LocalStore};
use crate::ui::clock;
use crate::ui::on_demand::{self, NotDownloaded};

/// How long after the last keystroke a save happens.
const SAVE_DEBOUNCE: Duration = Duration::from_millis(400);
/// How long a deleted plan can be brought back from the notice.
pub const UNDO_DELETE_WINDOW: Duration = Duration::from_secs(15);

#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    Saved,
    Saving,
    NotSaved(String),
}

/// A plan in the list, readable or not.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanEntry {
    pub id: String,
    pub name: String,
    pub condition: PlanCondition,
}

#[derive(Clone, Debug, PartialEq)]
pub enum PlanCondition {
    Ok,
    /// Stored data that could not be read; the raw text stays where it was and in `backup_key`.
    Unreadable {
        reason: String,
        backup_key: String,
    },
    /// Written by a newer Trellis.
    Newer {
        version: u64,
    },
}

/// Something the user must know or decide, shown above the page.
#[derive(Clone, Debug, PartialEq)]
pub enum Banner {
    Storage(StorageProblem),
    /// Another tab saved this plan while this tab has unsaved edits.
    Conflict {
        plan_id: String,
    },
    /// This tab's copy is older than a newer Trellis's; saving is off for it.
    NewerVersionStored {
        version: u64,
    },
    /// A new build of Trellis is installed and runs on the next load.
    UpdateReady,
    /// Plans are stored, but the code that reads them could not be downloaded (offline before
    /// a full first visit): nothing is listed or saved until it arrives.
    ReaderNotDownloaded,
}

/// A short-lived message with an optional undo.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub id: u64,
    pub text: String,
    pub undo: Option<UndoAction>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum UndoAction {
    RestoreDeleted(Box<DeletedPlan>),
    RestoreReplaced(Box<ReplacedPlan>),
    UndoRestore(Box<crate::core::backup::RestoreUndo>),
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub plans: RwSignal<Vec<PlanEntry>>,
    pub plan: RwSignal<Option<Plan>>,
    pub save_status: RwSignal<SaveStatus>,
    pub banners: RwSignal<Vec<Banner>>,
    pub notices: RwSignal<Vec<Notice>>,
    /// True until the first load from storage finished.
    pub loading: RwSignal<bool>,
    /// True while the sample plan's chunk of the wasm is on its way (`ui::on_demand`).
    pub adding_sample: RwSignal<bool>,
    /// The code that reads plans, once its chunk of the wasm has arrived: before the mount
    /// when plans are stored, at idle on a first visit (`ui::on_demand`).
    pub reader: RwSignal<Option<PlanReader>>,
    /// What is decided about the open plan: history, save state, conflicts (see the core).
    open: StoredValue<OpenPlan>,
    can_undo: RwSignal<bool>,
    can_redo: RwSignal<bool>,
    save_timer: StoredValue<Option<TimeoutHandle>>,
    next_notice: StoredValue<u64>,
}

pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}

impl AppState {
    pub fn new() -> Self {
        AppState {
            plans: RwSignal::new(Vec::new()),
            plan: RwSignal::new(None),
            save_status: RwSignal::new(SaveStatus::Saved),
            banners: RwSignal::new(Vec::new()),
            notices: RwSignal::new(Vec::new()),
            loading: RwSignal::new(true),
            adding_sample: RwSignal::new(false),
            reader: RwSignal::new(on_demand::loaded_plan_reader()),
            open: StoredValue::new(OpenPlan::new()),
            can_undo: RwSignal::new(false),
            can_redo: RwSignal::new(false),
            save_timer: StoredValue::new(None),
            next_notice: StoredValue::new(0),
        }
    }

    /// Reads the plan list from storage (each plan's header) and opens the last opened plan,
    /// or the first readable one: the only plan read in full. Called once at start.
    pub fn load(&self) {
        let Some(reader) = self.reader.get_untracked() else {
            self.load_without_reader();
            return;
        };
        match open_plan::list_workspace(&LocalStore, reader) {
            Ok(stored) => {
                self.open.update_value(|o| o.set_storage_usable(true));
                self.remove_banner(|b| {
                    matches!(b, Banner::Storage(StorageProblem::Unavailable(_)))
                });
                let mut entries: Vec<PlanEntry> = stored.plans.iter().map(entry_of).collect();
                let wanted = self.current_id().or(stored.current.clone());
                let candidates: Vec<String> = wanted
                    .into_iter()
                    .chain(entries.iter().map(|e| e.id.clone()))
                    .collect();
                let mut open = None;
                for id in candidates {
                    let listed_ok = entries
                        .iter()
                        .any(|e| e.id == id && e.condition == PlanCondition::Ok);
                    if !listed_ok {
                        continue;
                    }
                    match open_plan::load_plan_at(&LocalStore, &storage::plan_key(&id), reader) {
                        Ok(Some(StoredPlan::Readable(plan))) => {
                            open = Some(*plan);
                            break;
                        }
                        // A sound header over a body that does not read: listed as it is.
                        Ok(Some(other)) => put_entry(&mut entries, entry_of(&other)),
                        _ => {}
                    }
                }
                self.plans.set(entries);
                if let Some(plan) = open {
                    self.show_plan(plan);
                }
            }
            Err(problem) => {
                self.open.update_value(|o| o.set_storage_usable(false));
                self.add_banner(Banner::Storage(problem));
            }
        }
        self.loading.set(false);
    }

    /// Start-up before the plan reader has arrived. With no plan stored (a first visit) there
    /// is nothing to read, and the reader comes at idle. With plans stored, `crate::start`
    /// waited for it, so it could not be downloaded: nothing is listed, no plan is saved and
    /// no new one offered until it arrives (then [`AppState::plan_reader`] loads again), so no
    /// stored plan is ever taken for a missing or an unreadable one.
    fn load_without_reader(&self) {
        match storage::plans_stored() {
            Ok(false) => {}
            Ok(true) => {
                self.open.update_value(|o| o.set_storage_usable(false));
                self.add_banner(Banner::ReaderNotDownloaded);
            }
            Err(problem) => {
                self.open.update_value(|o| o.set_storage_usable(false));
                self.add_banner(Banner::Storage(problem));
            }
        }
        self.loading.set(false);
    }

    /// The plan reader, downloading its chunk of the wasm if it has not arrived yet.
    pub async fn plan_reader(&self) -> Result<PlanReader, NotDownloaded> {
        let reader = on_demand::plan_reader().await?;
        if self.reader.get_untracked().is_none() {
            self.reader.set(Some(reader));
            // Start-up found plans it could not read without it: it reads them now.
            let missing = self
                .banners
                .with_untracked(|banners| banners.contains(&Banner::ReaderNotDownloaded));
            if missing {
                self.remove_banner(|b| *b == Banner::ReaderNotDownloaded);
                self.load();
            }
        }
        Ok(reader)
    }

    /// Whether plans are stored that start-up could not read, the plan reader's chunk not
    /// having arrived: the plan page then offers no new plan, which could not be saved.
    pub fn reader_missing(&self) -> bool {
        self.banners
            .with(|banners| banners.contains(&Banner::ReaderNotDownloaded))
    }

    /// [`AppState::plan_reader`], with what to tell the user when it cannot be downloaded.
    pub async fn plan_reader_or_why(&self) -> Result<PlanReader, String> {
        self.plan_reader()
            .await
            .map_err(|NotDownloaded| on_demand::READER_NOT_DOWNLOADED.to_string())
    }

    /// Runs `then` with the plan reader: at once when it has arrived, otherwise once it has.
    /// When it cannot be downloaded the user is told, and nothing is read or changed.
    pub fn with_reader(&self, then: impl FnOnce(PlanReader) + 'static) {
        if let Some(reader) = self.reader.get_untracked() {
            then(reader);
            return;
        }
        let state = *self;
        leptos::task::spawn_local(async move {
            match state.plan_reader().await {
                Ok(reader) => then(reader),
                Err(NotDownloaded) => state.notify(on_demand::READER_NOT_DOWNLOADED.into(), None),
            }
        });
    }

    /// Downloads the plan reader now, telling no one should it fail (what needs it says so).
    fn fetch_reader_quietly(&self) {
        let state = *self;
        leptos::task::spawn_local(async move {
            let _ = state.plan_reader().await;
        });
    }

    /// Downloads the plan reader once the browser is idle after the first render (a first
    /// visit: nothing needed it to start).
    pub fn fetch_reader_when_idle(&self) {
        if self.reader.get_untracked().is_some() {
            return;
        }
        let state = *self;
        request_idle_callback(move || state.fetch_reader_quietly());
    }

    /// Shows `plan` as just read from storage: saved, no history, no conflict.
    fn show_plan(&self, plan: Plan) {
        self.open.update_value(|o| o.show(&LocalStore, &plan));
        self.plan.set(Some(plan));
        self.after_loaded();
    }

    /// What the page shows once the open plan is the stored copy.
    fn after_loaded(&self) {
        self.refresh_history_flags();
        self.sync_status();
        self.remove_banner(|b| {
            matches!(
                b,
                Banner::Conflict { .. } | Banner::NewerVersionStored { .. }
            )
        });
    }

    pub fn current_id(&self) -> Option<String> {
        self.plan
            .with_untracked(|p| p.as_ref().map(|p| p.id.clone()))
    }

    /// Opens a plan from the list, saving the open one first.
    pub fn open(&self, id: &str) {
        self.open_then(id, |_| {});
    }

    /// Opens a plan from the list, saving the open one first, then runs `then` with it once
    /// it is open (when the plan reader has arrived: the open waits for it). Not run when the
    /// plan cannot be opened: the list then says why.
    pub fn open_then(&self, id: &str, then: impl FnOnce(Plan) + 'static) {
        if self.current_id().as_deref() == Some(id) {
            self.flush();
            if let Some(plan) = self.plan.get_untracked() {
                then(plan);
            }
            return;
        }
        let (state, id) = (*self, id.to_string());
        self.with_reader(move |reader| {
            // Saved here, after any wait for the reader (edits may have come in meanwhile).
            state.flush();
            if state.current_id().as_deref() != Some(id.as_str()) {
                state.open_with(&id, reader);
            }
            if state.current_id().as_deref() == Some(id.as_str()) {
                if let Some(plan) = state.plan.get_untracked() {
                    then(plan);
                }
            }
        });
    }

    fn open_with(&self, id: &str, reader: PlanReader) {
        match open_plan::load_plan_at(&LocalStore, &storage::plan_key(id), reader) {
            Ok(Some(StoredPlan::Readable(plan))) => {
                self.show_plan(*plan);
                self.save_index();
            }
            // Listed from a sound header, but the plan itself does not read: say so in the list.
            Ok(Some(other)) => self
                .plans
                .update(|entries| put_entry(entries, entry_of(&other))),
            Ok(None) => {}
            Err(problem) => self.add_banner(Banner::Storage(problem)),
        }
    }

    /// The plan list as the core's workspace.
    fn workspace(&self) -> Workspace {
        Workspace {
            plans: self.plans.with_untracked(|plans| {
                plans
                    .iter()
                    .map(|e| PlanSummary {
                        id: e.id.clone(),
                        name: e.name.clone(),
                        extra: Default::default(),
                    })
                    .collect()
            }),
            current: self.current_id(),
            extra: Default::default(),
        }
    }

    /// Runs a core workspace operation on the plan list and takes over its result.
    fn with_workspace<R>(&self, change: impl FnOnce(&mut Workspace) -> R) -> R {
        let mut ws = self.workspace();
        let result = change(&mut ws);
        self.plans.update(|entries| {
            let old = std::mem::take(entries);
            *entries = ws
                .plans
                .into_iter()
                .map(|summary| {
                    let condition = old
                        .iter()
                        .find(|e| e.id == summary.id)
                        .map(|e| e.condition.clone())
                        .unwrap_or(PlanCondition::Ok);
                    PlanEntry {
                        id: summary.id,
                        name: summary.name,
                        condition,
                    }
                })
                .collect();
        });
        result
    }

    /// Opens `plan` (already in the list) and stores it over whatever is stored under its id.
    fn open_and_store(&self, plan: Plan) {
        self.open.update_value(|o| o.adopt(&LocalStore, &plan));
        self.plan.set(Some(plan));
        self.after_loaded();
        self.flush();
        self.refresh_entry_name();
        self.save_index();
    }

    /// Adds a new plan at the end of the list, opens it and stores it.
    pub fn add_plan(&self, plan: Plan) {
        self.flush();
        self.plans.update(|plans| {
            plans.push(PlanEntry {
                id: plan.id.clone(),
                name: plan.name.clone(),
                condition: PlanCondition::Ok,
            })
        });
        self.open_and_store(plan);
    }

    pub fn create_blank(&self, name: &str) {
        let name = workspace::clean_name(name).unwrap_or_else(|_| "Untitled plan".into());
        self.add_plan(Plan::new(new_plan_id(), name));
    }

    /// Adds the sample plan once its chunk of the wasm has arrived (`ui::on_demand`).
    pub fn create_sample(&self) {
        let state = *self;
        if state.adding_sample.get_untracked() {
            return;
        }
        state.adding_sample.set(true);
        leptos::task::spawn_local(async move {
            let sample = crate::ui::on_demand::sample_plan(new_plan_id(), clock::today()).await;
            state.adding_sample.set(false);
            match sample {
                Ok(plan) => state.add_plan(plan),
                Err(_) => state.notify(
                    "The sample plan could not be downloaded. Check the connection and try again."
                        .into(),
                    None,
                ),
            }
        });
    }

    /// Renames a plan. Returns the user-facing reason when the name is refused.
    pub fn rename(&self, id: &str, name: &str) -> Result<(), String> {
        let name = workspace::clean_name(name).map_err(|e| e.to_string())?;
        if self.current_id().as_deref() == Some(id) {
            let new_name = name.clone();
            self.edit("plan:name", move |plan| plan.name = new_name);
        } else {
            let Some(reader) = self.reader.get_untracked() else {
                self.fetch_reader_quietly();
                return Err("Trellis has not downloaded the part that reads plans yet, so this plan cannot be renamed now. Try again in a moment.".into());
            };
            let Some(mut plan) = self.read_plan(id, reader) else {
                return Err("That plan cannot be read, so it cannot be renamed.".into());
            };
            plan.name = name.clone();
            let base = Base {
                revision: plan.revision,
                fingerprint: None,
            };
            open_plan::store::save_plan(&LocalStore, &plan, base).map_err(|r| r.sentence())?;
        }
        self.plans.update(|plans| {
            if let Some(entry) = plans.iter_mut().find(|e| e.id == id) {
                entry.name = name;
            }
        });
        self.save_index();
        Ok(())
    }

    pub fn duplicate(&self, id: &str) {
        let (state, id) = (*self, id.to_string());
        self.with_reader(move |reader| state.duplicate_with(&id, reader));
    }

    fn duplicate_with(&self, id: &str, reader: PlanReader) {
        self.flush();
        let Some(plan) = self.read_plan(id, reader) else {
            return;
        };
        match self.with_workspace(|ws| ws.duplicate(&plan, &new_plan_id())) {
            Ok(copy) => self.open_and_store(copy),
            Err(why) => self.notify(why.to_string(), None),
        }
    }

    /// Deletes a plan; the notice offers to bring it back.
    pub fn delete(&self, id: &str) {
        let (state, id) = (*self, id.to_string());
        self.with_reader(move |reader| state.delete_with(&id, reader));
    }

    fn delete_with(&self, id: &str, reader: PlanReader) {
        self.flush();
        let Some(plan) = self.read_plan(id, reader) else {
            return;
        };
        if let Err(problem) = storage::delete_plan(id) {
            self.add_banner(Banner::Storage(problem));
            return;
        }
        let name = plan.name.clone();
        let deleted = match self.with_workspace(|ws| ws.delete(plan)) {
            Ok(deleted) => deleted,
            Err(why) => {
                self.notify(why.to_string(), None);
                return;
            }
        };
        if deleted.was_current {
            self.plan.set(None);
            self.open.update_value(|o| o.close());
            self.refresh_history_flags();
            let next = self.plans.with_untracked(|plans| {
                plans
                    .iter()
                    .find(|e| e.condition == PlanCondition::Ok)
                    .map(|e| e.id.clone())
            });
            if let Some(next) = next {
                self.open(&next);
            }
        }
        self.save_index();
        self.notify(
            format!("Deleted “{name}”."),
            Some(UndoAction::RestoreDeleted(Box::new(deleted))),
        );
    }

    pub fn run_undo_action(&self, notice_id: u64) {
        let action = self.notices.with_untracked(|n| {
            n.iter()
                .find(|n| n.id == notice_id)
                .and_then(|n| n.undo.clone())
        });
        self.dismiss(notice_id);
        self.flush();
        match action {
            Some(UndoAction::RestoreDeleted(deleted)) => {
                match self.with_workspace(|ws| ws.undo_delete(*deleted)) {
                    Ok(plan) => self.open_and_store(plan),
                    Err(why) => self.notify(why.to_string(), None),
                }
            }
            Some(UndoAction::RestoreReplaced(replaced)) => {
                match self.with_workspace(|ws| ws.undo_replace(*replaced)) {
                    Ok(plan) => self.open_and_store(plan),
                    Err(why) => self.notify(why.to_string(), None),
                }
            }
            Some(UndoAction::UndoRestore(undo)) => {
                let state = *self;
                self.with_reader(move |reader| state.undo_restore(*undo, reader));
            }
            None => {}
        }
    }

    /// Imports a plan whose id is not in the list yet, or with the user's choice on a collision.
    /// A plan this browser cannot store is refused with the reason, and nothing changes.
    pub fn import(&self, plan: Plan, replace: bool) -> Result<(), String> {
        // A plan to import was read, so the reader has arrived; without it nothing is changed.
        let Some(reader) = self.reader.get_untracked() else {
            return Err(on_demand::READER_NOT_DOWNLOADED.into());
        };
        self.flush();
        let choice = match self.read_plan(&plan.id, reader) {
            Some(existing) if replace => ImportChoice::Replace {
                existing: Box::new(existing),
            },
            _ => ImportChoice::KeepBoth {
                new_id: new_plan_id(),
            },
        };
        let imported = self.with_workspace(|ws| {
            self.open
                .try_update_value(|open| open_plan::import(&LocalStore, ws, open, plan, choice))
        });
        match imported {
            Some(Ok(Imported { plan, replaced })) => {
                let text = match &replaced {
                    Some(_) => format!("Replaced your plan with the imported “{}”.", plan.name),
                    None => format!("Imported “{}”.", plan.name),
                };
                self.plan.set(Some(plan));
                self.after_loaded();
                self.remove_banner(|b| matches!(b, Banner::Storage(_)));
                self.refresh_entry_name();
                self.save_index();
                let undo = replaced.map(|r| UndoAction::RestoreReplaced(Box::new(r)));
                self.notify(text, undo);
                Ok(())
            }
            Some(Err(ImportRefused::NotStored(why))) => Err(why),
            Some(Err(ImportRefused::Workspace(why))) => {
                self.notify(why, None);
                Ok(())
            }
            None => Ok(()),
        }
    }

    /// Applies an edit to the open plan: recorded for undo, then saved after a pause.
    /// `key` names the field: consecutive edits of one field (typing) undo together.
    /// `change` gets the plan to change; while it runs, `self.plan` holds none (read the
    /// plan it is given, not the signal).
    pub fn edit(&self, key: &str, change: impl FnOnce(&mut Plan)) {
        self.edit_grouped(Grouping::Field(key), change);
    }

    /// [`AppState::edit`] as an undo step of its own (adding, removing, a drop, a drag).
    pub fn edit_step(&self, change: impl FnOnce(&mut Plan)) {
        self.edit_grouped(Grouping::OwnStep, change);
    }

    fn edit_grouped(&self, grouping: Grouping, change: impl FnOnce(&mut Plan)) {
        let now = clock::now_ms();
        // The plan is taken out of the signal while `change` runs on it, so no borrow of the
        // signal is held then; the core keeps a copy for undo only when the edit starts an
        // undo step (not for each keystroke of a word: see `OpenPlan::snapshot_for`).
        let Some(mut plan) = self.plan.try_update_untracked(Option::take).flatten() else {
            return;
        };
        let before = self
            .open
            .with_value(|o| o.snapshot_for(&plan, grouping, now));
        change(&mut plan);
        let changed = self
            .open
            .try_update_value(|o| o.record_edit(before, &plan, grouping, now))
            .unwrap_or(false);
        let renamed = plan.name.clone();
        let id = plan.id.clone();
        self.plan.update_untracked(|p| *p = Some(plan));
        if !changed {
            return;
        }
        self.plan.notify();
        self.refresh_history_flags();
        let stale_name = self
            .plans
            .with_untracked(|plans| plans.iter().any(|e| e.id == id && e.name != renamed));
        if stale_name {
            self.plans.update(|plans| {
                if let Some(entry) = plans.iter_mut().find(|e| e.id == id) {
                    entry.name = renamed;
                }
            });
        }
        self.after_edit();
    }

    pub fn undo(&self) {
        self.move_in_history(OpenPlan::undo);
    }

    pub fn redo(&self) {
        self.move_in_history(OpenPlan::redo);
    }

    fn move_in_history(&self, step: fn(&mut OpenPlan, &mut Plan) -> bool) {
        let moved = self
            .plan
            .try_update_untracked(|p| {
                p.as_mut()
                    .and_then(|plan| self.open.try_update_value(|o| step(o, plan)))
            })
            .flatten()
            .unwrap_or(false);
        if moved {
            self.plan.notify();
            self.refresh_history_flags();
            self.refresh_entry_name();
            self.after_edit();
        }
    }

    pub fn can_undo(&self) -> bool {
        self.can_undo.get()
    }

    pub fn can_redo(&self) -> bool {
        self.can_redo.get()
    }

    fn refresh_history_flags(&self) {
        let (undo, redo) = self.open.with_value(|o| (o.can_undo(), o.can_redo()));
        // Set only on a change: every keystroke comes through here.
        if self.can_undo.get_untracked() != undo {
            self.can_undo.set(undo);
        }
        if self.can_redo.get_untracked() != redo {
            self.can_redo.set(redo);
        }
    }

    fn refresh_entry_name(&self) {
        if let Some((id, name)) = self
            .plan
            .with_untracked(|p| p.as_ref().map(|p| (p.id.clone(), p.name.clone())))
        {
            self.plans.update(|plans| {
                if let Some(entry) = plans.iter_mut().find(|e| e.id == id) {
                    entry.name = name;
                }
            });
        }
    }

    /// Shows the open plan's save state and (re)starts the save debounce.
    fn after_edit(&self) {
        if !self.is_storage_ok() {
            return;
        }
        self.sync_status();
        if let Some(timer) = self.save_timer.get_value() {
            timer.clear();
        }
        let state = *self;
        let handle = set_timeout_with_handle(move || state.flush_in_lock(), SAVE_DEBOUNCE).ok();
        self.save_timer.set_value(handle);
    }

    /// The save status line, from the open plan's state.
    fn sync_status(&self) {
        let status = self.open.with_value(|o| match o.state() {
            SaveState::Clean => SaveStatus::Saved,
            SaveState::Dirty if o.storage_usable() => SaveStatus::Saving,
            // The status line says storage is blocked (see `is_storage_ok`).
            SaveState::Dirty => SaveStatus::Saved,
            SaveState::Blocked(problem) => SaveStatus::NotSaved(problem.short_reason()),
            SaveState::Conflict { .. } => {
                SaveStatus::NotSaved("another tab changed this plan".into())
            }
            SaveState::NewerElsewhere { .. } => {
                SaveStatus::NotSaved("a newer Trellis saved this plan".into())
            }
        });
        if self.save_status.get_untracked() != status {
            self.save_status.set(status);
        }
    }

    pub fn has_unsaved_edits(&self) -> bool {
        self.open.with_value(|o| o.has_unsaved_edits())
    }

    /// Runs `act` on the open plan and this tab's copy of it, without telling the views: the
    /// caller does when the copy changed.
    fn with_open<R>(&self, act: impl FnOnce(&mut OpenPlan, &mut Plan) -> R) -> Option<R> {
        self.plan
            .try_update_untracked(|p| {
                p.as_mut()
                    .and_then(|plan| self.open.try_update_value(|o| act(o, plan)))
            })
            .flatten()
    }

    /// Saves the open plan now if it has unsaved edits.
    pub fn flush(&self) {
        if let Some(timer) = self.save_timer.get_value() {
            timer.clear();
            self.save_timer.set_value(None);
        }
        // Saved in place: a copy of a large plan would cost as much as writing it.
        if let Some(flushed) = self.with_open(|o, plan| o.flush(&LocalStore, plan)) {
            self.show_flushed(flushed);
        }
    }

    /// [`AppState::flush`] inside a Web Lock on the plan's storage key where the browser has
    /// the Locks API, so two tabs' saves (each a check of what is stored, then a write) never
    /// interleave; where it has not, saves at once as before. Explicit flushes (leaving the
    /// page, opening another plan) stay synchronous: they cannot wait for a lock.
    fn flush_in_lock(&self) {
        let Some(id) = self.current_id() else {
            return;
        };
        let state = *self;
        if !storage::with_lock(&storage::plan_key(&id), move || state.flush()) {
            self.flush();
        }
    }

    /// The banners a save's outcome calls for, and the status line.
    fn show_flushed(&self, flushed: Flushed) {
        match flushed {
            Flushed::Nothing => return,
            Flushed::Saved { .. } => {
                self.remove_banner(|b| matches!(b, Banner::Storage(_)));
                self.plan
                    .with_untracked(|p| p.as_ref().map(crate::ui::care::saved));
            }
            Flushed::Refused(SaveRefused::Storage(problem)) => {
                self.add_banner(Banner::Storage(problem))
            }
            Flushed::Refused(SaveRefused::Conflict { .. }) => {
                let plan_id = self.current_id().unwrap_or_default();
                self.add_banner(Banner::Conflict { plan_id });
            }
            Flushed::Refused(SaveRefused::NewerVersion { version }) => {
                self.add_banner(Banner::NewerVersionStored { version })
            }
        }
        self.sync_status();
    }

    /// Resolves a conflict by writing this tab's copy over the other tab's.
    pub fn keep_mine(&self) {
        self.remove_banner(|b| matches!(b, Banner::Conflict { .. }));
        if let Some(flushed) = self.with_open(|o, plan| o.keep_mine(&LocalStore, plan)) {
            self.show_flushed(flushed);
        }
    }

    /// Resolves a conflict by loading the other tab's copy (this tab's edits are dropped).
    pub fn take_theirs(&self) {
        let state = *self;
        self.with_reader(move |reader| {
            if let Some(theirs) =
                state.with_open(|o, plan| o.take_theirs(&LocalStore, plan, reader))
            {
                state.show_theirs(theirs);
            }
        });
    }

    fn show_theirs(&self, theirs: Theirs) {
        match theirs {
            Theirs::Loaded => {
                self.plan.notify();
                self.after_loaded();
                self.refresh_entry_name();
            }
            // A newer Trellis's copy cannot be loaded here: say so instead of a choice that
            // does nothing.
            Theirs::Newer { version } => {
                self.remove_banner(|b| matches!(b, Banner::Conflict { .. }));
                self.add_banner(Banner::NewerVersionStored { version });
                self.sync_status();
            }
            Theirs::Unreadable => {}
        }
    }

    /// Another tab wrote `key` (the browser's `storage` event).
    pub fn on_external_change(&self, key: Option<String>) {
        if let Some(reader) = self.reader.get_untracked() {
            self.follow_external_change(key, reader);
            return;
        }
        // Followed once the reader arrives. Should it not, the user did nothing to be told
        // about, and start-up's banner already says that plans cannot be read.
        let state = *self;
        leptos::task::spawn_local(async move {
            if let Ok(reader) = state.plan_reader().await {
                state.follow_external_change(key, reader);
            }
        });
    }

    fn follow_external_change(&self, key: Option<String>, reader: PlanReader) {
        let current_key = self.current_id().map(|id| storage::plan_key(&id));
        match key {
            Some(key) if Some(&key) == current_key.as_ref() => {
                match self.with_open(|o, plan| o.on_external_write(&LocalStore, plan, reader)) {
                    Some(External::Followed(theirs)) => self.show_theirs(theirs),
                    Some(External::Conflict) => {
                        let plan_id = self.current_id().unwrap_or_default();
                        self.add_banner(Banner::Conflict { plan_id });
                        self.sync_status();
                    }
                    Some(External::Unchanged) | None => {}
                }
                self.relist(&key, reader);
            }
            // Only the plan that changed is read again, and only its header.
            Some(key) if key.starts_with(storage::PLAN_PREFIX) => self.relist(&key, reader),
            Some(key) if key == storage::INDEX_KEY => self.reload_list(reader),
            Some(_) => {}
            // The other tab cleared all storage.
            None => self.reload_list(reader),
        }
    }

    /// The list entry of the plan stored under `key`, read again from its header.
    fn relist(&self, key: &str, reader: PlanReader) {
        let Ok(listed) = open_plan::list_plan_at(&LocalStore, key, reader) else {
            return;
        };
        let id = key
            .strip_prefix(storage::PLAN_PREFIX)
            .unwrap_or(key)
            .to_string();
        self.plans.update(|entries| match listed {
            Some(stored) => put_entry(entries, entry_of(&stored)),
            None => entries.retain(|e| e.id != id),
        });
    }

    fn reload_list(&self, reader: PlanReader) {
        if let Ok(stored) = open_plan::list_workspace(&LocalStore, reader) {
            self.plans.set(stored.plans.iter().map(entry_of).collect());
        }
    }

    fn read_plan(&self, id: &str, reader: PlanReader) -> Option<Plan> {
        if self.current_id().as_deref() == Some(id) {
            return self.plan.get_untracked();
        }
        open_plan::read_plan(&LocalStore, id, reader)
    }

    pub fn save_index(&self) {
        if !self.is_storage_ok() {
            return;
        }
        if let Err(problem) = open_plan::save_index(&LocalStore, &self.workspace()) {
            self.add_banner(Banner::Storage(problem));
        }
    }

    pub fn add_banner(&self, banner: Banner) {
        self.banners.update(|banners| {
            if !banners.contains(&banner) {
                banners.push(banner);
            }
        });
    }

    pub fn remove_banner(&self, which: impl Fn(&Banner) -> bool) {
        if self.banners.with_untracked(|b| b.iter().any(&which)) {
            self.banners.update(|banners| banners.retain(|b| !which(b)));
        }
    }

    pub fn notify(&self, text: String, undo: Option<UndoAction>) {
        let id = self.next_notice.get_value() + 1;
        self.next_notice.set_value(id);
        self.notices.update(|n| n.push(Notice { id, text, undo }));
        let state = *self;
        set_timeout(move || state.dismiss(id), UNDO_DELETE_WINDOW);
    }

    pub fn dismiss(&self, notice_id: u64) {
        self.notices.update(|n| n.retain(|n| n.id != notice_id));
    }

    /// False when this browser does not let Trellis use storage at all.
    pub fn is_storage_ok(&self) -> bool {
        self.open.with_value(|o| o.storage_usable())
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

fn entry_of(stored: &StoredPlan) -> PlanEntry {
    match stored {
        StoredPlan::Readable(plan) => PlanEntry {
            id: plan.id.clone(),
            name: plan.name.clone(),
            condition: PlanCondition::Ok,
        },
        StoredPlan::Listed { id, name } => PlanEntry {
            id: id.clone(),
            name: name.clone(),
            condition: PlanCondition::Ok,
        },
        StoredPlan::Unreadable {
            id,
            reason,
            backup_key,
        } => PlanEntry {
            id: id.clone(),
            name: format!("Unreadable plan ({id})"),
            condition: PlanCondition::Unreadable {
                reason: reason.clone(),
                backup_key: backup_key.clone(),
            },
        },
        StoredPlan::Newer { id, name, version } => PlanEntry {
            id: id.clone(),
            name: if name.is_empty() {
                id.clone()
            } else {
                name.clone()
            },
            condition: PlanCondition::Newer { version: *version },
        },
    }
}

/// Replaces the entry with `entry`'s id, or adds it at the end.
fn put_entry(entries: &mut Vec<PlanEntry>, entry: PlanEntry) {
    match entries.iter_mut().find(|e| e.id == entry.id) {
        Some(existing) => {
            if *existing != entry {
                *existing = entry;
            }
        }
        None => entries.push(entry),
    }
}

/// A plan id that is unique across browsers and never reused: time plus randomness.
pub fn new_plan_id() -> String {
    let time = js_sys::Date::now() as u64;
    let random = (js_sys::Math::random() * 2f64.powi(40)) as u64;
    format!("p{time:x}{random:010x}")
}

mod restore;
