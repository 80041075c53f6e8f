//! The app's reactive state: the plan list, the open plan, its save status and undo history.
//! Tools change the plan only through [`AppState::edit`], so every change is undoable and saved.

use std::time::Duration;

use leptos::prelude::*;

use crate::core::history::History;
use crate::core::plan::Plan;
use crate::core::sample;
use crate::core::workspace::{
    self, DeletedPlan, ImportChoice, ImportOutcome, PlanSummary, ReplacedPlan, Workspace,
};
use crate::storage::{self, SaveRefused, StorageProblem, StoredPlan};
use crate::ui::clock;

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
    history: StoredValue<History>,
    can_undo: RwSignal<bool>,
    can_redo: RwSignal<bool>,
    /// The stored revision this tab's copy of the open plan is based on.
    base_revision: StoredValue<u64>,
    dirty: StoredValue<bool>,
    save_timer: StoredValue<Option<TimeoutHandle>>,
    next_notice: StoredValue<u64>,
    storage_ok: StoredValue<bool>,
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
            history: StoredValue::new(History::default()),
            can_undo: RwSignal::new(false),
            can_redo: RwSignal::new(false),
            base_revision: StoredValue::new(0),
            dirty: StoredValue::new(false),
            save_timer: StoredValue::new(None),
            next_notice: StoredValue::new(0),
            storage_ok: StoredValue::new(true),
        }
    }

    /// Reads everything from storage. Called once at start and when another tab changes the list.
    pub fn load(&self) {
        match storage::load_workspace() {
            Ok(stored) => {
                self.storage_ok.set_value(true);
                self.remove_banner(|b| {
                    matches!(b, Banner::Storage(StorageProblem::Unavailable(_)))
                });
                let entries: Vec<PlanEntry> = stored.plans.iter().map(entry_of).collect();
                let wanted = self
                    .plan
                    .with_untracked(|p| p.as_ref().map(|p| p.id.clone()))
                    .or(stored.current.clone());
                let open = wanted
                    .and_then(|id| readable(&stored.plans, &id))
                    .or_else(|| stored.plans.iter().find_map(as_readable));
                self.plans.set(entries);
                if let Some(plan) = open {
                    self.show_plan(plan);
                }
            }
            Err(problem) => {
                self.storage_ok.set_value(false);
                self.add_banner(Banner::Storage(problem));
            }
        }
        self.loading.set(false);
    }

    fn show_plan(&self, plan: Plan) {
        self.base_revision.set_value(plan.revision);
        self.dirty.set_value(false);
        self.history.update_value(|h| h.clear());
        self.refresh_history_flags();
        self.plan.set(Some(plan));
        self.save_status.set(SaveStatus::Saved);
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
        self.flush();
        if self.current_id().as_deref() == Some(id) {
            return;
        }
        match storage::load_plan_at(&storage::plan_key(id)) {
            Ok(Some(StoredPlan::Readable(plan))) => {
                self.show_plan(*plan);
                self.save_index();
            }
            Ok(_) => {}
            Err(problem) => self.add_banner(Banner::Storage(problem)),
        }
    }

    /// Runs a core workspace operation on the plan list and takes over its result.
    fn with_workspace<R>(&self, change: impl FnOnce(&mut Workspace) -> R) -> R {
        let mut ws = Workspace {
            plans: self.plans.with_untracked(|plans| {
                plans
                    .iter()
                    .map(|e| PlanSummary {
                        id: e.id.clone(),
                        name: e.name.clone(),
                    })
                    .collect()
            }),
            current: self.current_id(),
        };
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
        self.show_and_store(plan);
        self.refresh_entry_name();
        self.save_index();
    }

    /// Opens `plan` and saves it at once; false when storage works but refused the save
    /// (full, or newer data stored under its id).
    fn show_and_store(&self, plan: Plan) -> bool {
        let stored_revision = storage::stored_header(&storage::plan_key(&plan.id))
            .ok()
            .flatten()
            .and_then(|header| header.revision)
            .unwrap_or(0);
        self.show_plan(plan);
        self.base_revision.set_value(stored_revision);
        self.dirty.set_value(true);
        self.flush();
        !(self.dirty.get_value() && self.storage_ok.get_value())
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

    pub fn create_sample(&self) {
        self.add_plan(sample::sample_plan(new_plan_id(), clock::today()));
    }

    /// Renames a plan. Returns the user-facing reason when the name is refused.
    pub fn rename(&self, id: &str, name: &str) -> Result<(), String> {
        let name = workspace::clean_name(name).map_err(|e| e.to_string())?;
        if self.current_id().as_deref() == Some(id) {
            let new_name = name.clone();
            self.edit("plan:name", move |plan| plan.name = new_name);
        } else {
            let Some(mut plan) = self.read_plan(id) else {
                return Err("That plan cannot be read, so it cannot be renamed.".into());
            };
            plan.name = name.clone();
            self.store_other(&plan)?;
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
        self.flush();
        let Some(plan) = self.read_plan(id) else {
            return;
        };
        match self.with_workspace(|ws| ws.duplicate(&plan, &new_plan_id())) {
            Ok(copy) => self.open_and_store(copy),
            Err(why) => self.notify(why.to_string(), None),
        }
    }

    /// Deletes a plan; the notice offers to bring it back.
    pub fn delete(&self, id: &str) {
        self.flush();
        let Some(plan) = self.read_plan(id) else {
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
            self.dirty.set_value(false);
            self.history.update_value(|h| h.clear());
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
            Some(UndoAction::UndoRestore(undo)) => self.undo_restore(*undo),
            None => {}
        }
    }

    /// Imports a plan whose id is not in the list yet, or with the user's choice on a collision.
    /// A plan this browser cannot store is refused with the reason, and nothing changes.
    pub fn import(&self, plan: Plan, replace: bool) -> Result<(), String> {
        self.flush();
        let before = (self.plans.get_untracked(), self.plan.get_untracked());
        let choice = match self.read_plan(&plan.id) {
            Some(existing) if replace => ImportChoice::Replace {
                existing: Box::new(existing),
            },
            _ => ImportChoice::KeepBoth {
                new_id: new_plan_id(),
            },
        };
        match self.with_workspace(|ws| ws.import(plan, choice)) {
            Ok(ImportOutcome::Added(plan)) => {
                let name = plan.name.clone();
                self.store_import(*plan, before)?;
                self.notify(format!("Imported “{name}”."), None);
            }
            Ok(ImportOutcome::Replaced { plan, undo }) => {
                let name = plan.name.clone();
                self.store_import(*plan, before)?;
                self.notify(
                    format!("Replaced your plan with the imported “{name}”."),
                    Some(UndoAction::RestoreReplaced(Box::new(undo))),
                );
            }
            Err(why) => self.notify(why.to_string(), None),
        }
        Ok(())
    }

    /// `open_and_store` for an import: when the plan cannot be stored, the list and the open
    /// plan go back to `before` and the stored index is not touched.
    fn store_import(
        &self,
        plan: Plan,
        before: (Vec<PlanEntry>, Option<Plan>),
    ) -> Result<(), String> {
        if !self.show_and_store(plan) {
            let reason = match self.save_status.get_untracked() {
                SaveStatus::NotSaved(reason) => reason,
                _ => "it could not be saved".into(),
            };
            let (entries, previous) = before;
            self.plans.set(entries);
            self.remove_banner(|b| matches!(b, Banner::Storage(_)));
            match previous {
                Some(previous) => self.show_plan(previous),
                None => {
                    self.plan.set(None);
                    self.dirty.set_value(false);
                    self.save_status.set(SaveStatus::Saved);
                }
            }
            return Err(format!(
                "This plan was not imported: {reason}, so this browser cannot keep it. Nothing was changed."
            ));
        }
        self.refresh_entry_name();
        self.save_index();
        Ok(())
    }

    /// Applies an edit to the open plan: recorded for undo, then saved after a pause.
    /// `key` groups edits: consecutive edits with the same key (typing in one field) undo together.
    pub fn edit(&self, key: &str, change: impl FnOnce(&mut Plan)) {
        // One copy per edit: the change runs on it outside the signal (so it may read state
        // freely), then it replaces the open plan and the old one moves into the history.
        let Some(mut after) = self.plan.with_untracked(|p| p.clone()) else {
            return;
        };
        change(&mut after);
        if self.plan.with_untracked(|p| p.as_ref() == Some(&after)) {
            return;
        }
        let renamed = after.name.clone();
        let swapped = self
            .plan
            .try_update(|p| p.as_mut().map(|open| std::mem::replace(open, after)));
        let Some(Some(before)) = swapped else {
            return;
        };
        let now = clock::now_ms();
        self.history.update_value(|h| h.record(before, key, now));
        self.refresh_history_flags();
        self.plans.update(|plans| {
            if let Some(entry) = plans
                .iter_mut()
                .find(|e| Some(&e.id) == self.current_id().as_ref())
            {
                if entry.name != renamed {
                    entry.name = renamed;
                }
            }
        });
        self.mark_dirty();
    }

    pub fn undo(&self) {
        let Some(current) = self.plan.get_untracked() else {
            return;
        };
        if let Some(previous) = self
            .history
            .try_update_value(|h| h.undo(&current))
            .flatten()
        {
            self.plan.set(Some(previous));
            self.after_history_move();
        }
    }

    pub fn redo(&self) {
        let Some(current) = self.plan.get_untracked() else {
            return;
        };
        if let Some(next) = self
            .history
            .try_update_value(|h| h.redo(&current))
            .flatten()
        {
            self.plan.set(Some(next));
            self.after_history_move();
        }
    }

    pub fn can_undo(&self) -> bool {
        self.can_undo.get()
    }

    pub fn can_redo(&self) -> bool {
        self.can_redo.get()
    }

    fn after_history_move(&self) {
        self.refresh_history_flags();
        self.refresh_entry_name();
        self.mark_dirty();
    }

    fn refresh_history_flags(&self) {
        let (undo, redo) = self.history.with_value(|h| (h.can_undo(), h.can_redo()));
        self.can_undo.set(undo);
        self.can_redo.set(redo);
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

    fn mark_dirty(&self) {
        self.dirty.set_value(true);
        if !self.storage_ok.get_value() {
            return;
        }
        self.save_status.set(SaveStatus::Saving);
        if let Some(timer) = self.save_timer.get_value() {
            timer.clear();
        }
        let state = *self;
        let handle = set_timeout_with_handle(move || state.flush(), SAVE_DEBOUNCE).ok();
        self.save_timer.set_value(handle);
    }

    pub fn has_unsaved_edits(&self) -> bool {
        self.dirty.get_value()
    }

    /// Saves the open plan now if it has unsaved edits.
    pub fn flush(&self) {
        if let Some(timer) = self.save_timer.get_value() {
            timer.clear();
            self.save_timer.set_value(None);
        }
        if !self.dirty.get_value() {
            return;
        }
        if !self.storage_ok.get_value() {
            return;
        }
        // Saved in place: a copy of a large plan would cost as much as writing it.
        let base = self.base_revision.get_value();
        let Some((plan_id, saved)) = self.plan.with_untracked(|p| {
            p.as_ref()
                .map(|plan| (plan.id.clone(), storage::save_plan(plan, base)))
        }) else {
            return;
        };
        match saved {
            Ok(revision) => {
                self.base_revision.set_value(revision);
                self.plan.update_untracked(|p| {
                    if let Some(p) = p {
                        p.revision = revision;
                    }
                });
                self.dirty.set_value(false);
                self.save_status.set(SaveStatus::Saved);
                self.remove_banner(|b| matches!(b, Banner::Storage(_)));
                self.plan
                    .with_untracked(|p| p.as_ref().map(crate::ui::care::saved));
            }
            Err(SaveRefused::Storage(problem)) => {
                self.save_status
                    .set(SaveStatus::NotSaved(short_reason(&problem)));
                self.add_banner(Banner::Storage(problem));
            }
            Err(SaveRefused::Conflict { .. }) => {
                self.save_status
                    .set(SaveStatus::NotSaved("another tab changed this plan".into()));
                self.add_banner(Banner::Conflict { plan_id });
            }
            Err(SaveRefused::NewerVersion { version }) => {
                self.save_status.set(SaveStatus::NotSaved(
                    "a newer Trellis saved this plan".into(),
                ));
                self.add_banner(Banner::NewerVersionStored { version });
            }
        }
    }

    /// Resolves a conflict by writing this tab's copy over the other tab's.
    pub fn keep_mine(&self) {
        let Some(id) = self.current_id() else { return };
        if let Ok(Some(header)) = storage::stored_header(&storage::plan_key(&id)) {
            if let Some(revision) = header.revision {
                self.base_revision.set_value(revision);
            }
        }
        self.remove_banner(|b| matches!(b, Banner::Conflict { .. }));
        self.dirty.set_value(true);
        self.flush();
    }

    /// Resolves a conflict by loading the other tab's copy (this tab's edits are dropped).
    pub fn take_theirs(&self) {
        let Some(id) = self.current_id() else { return };
        match storage::load_plan_at(&storage::plan_key(&id)) {
            Ok(Some(StoredPlan::Readable(plan))) => {
                self.show_plan(*plan);
                self.refresh_entry_name();
            }
            // A newer Trellis's copy cannot be loaded here: say so instead of a choice that
            // does nothing.
            Ok(Some(StoredPlan::Newer { version, .. })) => {
                self.remove_banner(|b| matches!(b, Banner::Conflict { .. }));
                self.add_banner(Banner::NewerVersionStored { version });
            }
            _ => {}
        }
    }

    /// Another tab wrote `key` (the browser's `storage` event).
    pub fn on_external_change(&self, key: Option<String>) {
        let current_key = self.current_id().map(|id| storage::plan_key(&id));
        match key {
            Some(key) if Some(&key) == current_key.as_ref() => {
                if self.dirty.get_value() {
                    let plan_id = self.current_id().unwrap_or_default();
                    self.add_banner(Banner::Conflict { plan_id });
                } else {
                    self.take_theirs();
                }
                self.reload_list();
            }
            Some(key) if key.starts_with(storage::PLAN_PREFIX) || key == storage::INDEX_KEY => {
                self.reload_list();
            }
            Some(_) => {}
            // The other tab cleared all storage.
            None => self.reload_list(),
        }
    }

    fn reload_list(&self) {
        if let Ok(stored) = storage::load_workspace() {
            self.plans.set(stored.plans.iter().map(entry_of).collect());
        }
    }

    fn read_plan(&self, id: &str) -> Option<Plan> {
        if self.current_id().as_deref() == Some(id) {
            return self.plan.get_untracked();
        }
        match storage::load_plan_at(&storage::plan_key(id)) {
            Ok(Some(StoredPlan::Readable(plan))) => Some(*plan),
            _ => None,
        }
    }

    fn store_other(&self, plan: &Plan) -> Result<(), String> {
        storage::save_plan(plan, plan.revision)
            .map(|_| ())
            .map_err(|refused| match refused {
                SaveRefused::Storage(problem) => problem.to_string(),
                SaveRefused::Conflict { .. } => "Another tab changed that plan; try again.".into(),
                SaveRefused::NewerVersion { version } => {
                    format!(
                        "A newer Trellis (file version {version}) saved that plan; open it there."
                    )
                }
            })
    }

    pub fn save_index(&self) {
        if !self.storage_ok.get_value() {
            return;
        }
        let order: Vec<(String, String)> = self.plans.with_untracked(|plans| {
            plans
                .iter()
                .map(|e| (e.id.clone(), e.name.clone()))
                .collect()
        });
        let current = self.current_id();
        if let Err(problem) = storage::save_index(&order, current.as_deref()) {
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

    pub fn is_storage_ok(&self) -> bool {
        self.storage_ok.get_value()
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

fn as_readable(stored: &StoredPlan) -> Option<Plan> {
    match stored {
        StoredPlan::Readable(plan) => Some((**plan).clone()),
        _ => None,
    }
}

fn readable(plans: &[StoredPlan], id: &str) -> Option<Plan> {
    plans.iter().filter(|p| p.id() == id).find_map(as_readable)
}

fn short_reason(problem: &StorageProblem) -> String {
    match problem {
        StorageProblem::Full => "storage is full".into(),
        StorageProblem::Unavailable(_) => "storage is blocked".into(),
        StorageProblem::Failed(why) => why.clone(),
    }
}

/// A plan id that is unique across browsers and never reused: time plus randomness.
pub fn new_plan_id() -> String {
    let time = js_sys::Date::now() as u64;
    let random = (js_sys::Math::random() * 2f64.powi(40)) as u64;
    format!("p{time:x}{random:010x}")
}

mod restore;
