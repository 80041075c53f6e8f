//! The app's reactive state: the signals the page shows, the save debounce, and one `apply`.
//! Everything about the plan list and the open plan — what opens, what a save, a delete, an
//! import, a restore or another tab's write means, what is kept when storage refuses — is
//! decided by the core's [`Session`] and tested natively; this file runs its operations
//! (under the storage lock, `storage::locked`) and shows their [`Outcome`]. Tools change the
//! plan only through [`AppState::edit`] and [`AppState::edit_step`], so every change is
//! undoable and saved.

use std::time::Duration;

use leptos::prelude::*;

use crate::core::care::DataCare;
use crate::core::history::Grouping;
use crate::core::plan::Plan;
use crate::core::schema::PlanReader;
pub use crate::core::session::{
    BackupContents, Banner, Condition as PlanCondition, Entry as PlanEntry, SaveStatus, TrashEntry,
    UndoAction,
};
use crate::core::session::{Outcome, Session};
use crate::storage::{self, LocalStore};
use crate::ui::clock;
use crate::ui::on_demand;

/// How long after the last keystroke a save happens.
const SAVE_DEBOUNCE: Duration = Duration::from_millis(400);
/// How long a notice (and its Undo) stays.
pub const NOTICE_TIME: Duration = Duration::from_secs(15);

/// A short-lived message with an optional undo.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub id: u64,
    pub text: String,
    pub undo: Option<UndoAction>,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub plans: RwSignal<Vec<PlanEntry>>,
    pub trash: RwSignal<Vec<TrashEntry>>,
    pub plan: RwSignal<Option<Plan>>,
    pub save_status: RwSignal<SaveStatus>,
    pub banners: RwSignal<Vec<Banner>>,
    pub notices: RwSignal<Vec<Notice>>,
    /// Change and backup times, the browser's answer, the reminder (`core::care`).
    pub care: RwSignal<DataCare>,
    /// True until the first load from storage finished.
    pub loading: RwSignal<bool>,
    /// True while the sample plan's chunk of the wasm is on its way (`ui::on_demand`).
    pub adding_sample: RwSignal<bool>,
    /// The code that reads plans, once its chunk of the wasm has arrived.
    pub reader: RwSignal<Option<PlanReader>>,
    session: StoredValue<Session<LocalStore>>,
    can_undo: RwSignal<bool>,
    can_redo: RwSignal<bool>,
    save_timer: StoredValue<Option<TimeoutHandle>>,
    next_notice: StoredValue<u64>,
}

pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}

/// Sets `signal` only when the value differs (every keystroke comes through here).
fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|v| *v != value) {
        signal.set(value);
    }
}

impl AppState {
    pub fn new() -> Self {
        AppState {
            plans: RwSignal::new(Vec::new()),
            trash: RwSignal::new(Vec::new()),
            plan: RwSignal::new(None),
            save_status: RwSignal::new(SaveStatus::Saved),
            banners: RwSignal::new(Vec::new()),
            notices: RwSignal::new(Vec::new()),
            care: RwSignal::new(DataCare::default()),
            loading: RwSignal::new(true),
            adding_sample: RwSignal::new(false),
            reader: RwSignal::new(on_demand::loaded_plan_reader()),
            session: StoredValue::new(Session::new(LocalStore)),
            can_undo: RwSignal::new(false),
            can_redo: RwSignal::new(false),
            save_timer: StoredValue::new(None),
            next_notice: StoredValue::new(0),
        }
    }

    /// Runs a session operation on the open plan now (no lock: leaving the page cannot
    /// wait), then shows what it decided. The reason it was refused, if it was.
    pub fn run_now(
        &self,
        op: impl FnOnce(&mut Session<LocalStore>, &mut Option<Plan>) -> Outcome,
    ) -> Option<String> {
        let outcome = self
            .plan
            .try_update_untracked(|slot| self.session.try_update_value(|s| op(s, slot)))
            .flatten()
            .unwrap_or_default();
        self.apply(outcome)
    }

    /// Runs a session operation under the storage lock, then `done` with why it was refused.
    pub fn run(
        &self,
        op: impl FnOnce(&mut Session<LocalStore>, &mut Option<Plan>) -> Outcome + 'static,
        done: impl FnOnce(Option<String>) + 'static,
    ) {
        let state = *self;
        storage::locked(move || done(state.run_now(op)));
    }

    /// [`AppState::run`] with the plan reader (waiting for it when it has not arrived); a
    /// refusal is shown as a notice.
    pub(crate) fn run_read(
        &self,
        op: impl FnOnce(&mut Session<LocalStore>, &mut Option<Plan>, PlanReader) -> Outcome + 'static,
    ) {
        let state = *self;
        self.with_reader(move |reader| {
            state.run(
                move |s, slot| op(s, slot, reader),
                move |refused| {
                    if let Some(why) = refused {
                        state.notify(why, None);
                    }
                },
            )
        });
    }

    /// Shows what an operation decided: the open plan, the list, banners, status, notice.
    fn apply(&self, outcome: Outcome) -> Option<String> {
        if outcome.plan_changed {
            self.plan.notify();
        }
        let (plans, trash, banners, status, undo, redo, care) = self.session.with_value(|s| {
            (
                s.entries().to_vec(),
                s.trash().to_vec(),
                s.banners(),
                s.status(),
                s.can_undo(),
                s.can_redo(),
                s.care().clone(),
            )
        });
        set_if_changed(self.plans, plans);
        set_if_changed(self.trash, trash);
        set_if_changed(self.banners, banners);
        set_if_changed(self.save_status, status);
        set_if_changed(self.can_undo, undo);
        set_if_changed(self.can_redo, redo);
        set_if_changed(self.care, care);
        if let Some(notice) = outcome.notice {
            self.notify(notice.text, notice.undo);
        }
        if outcome.ask_persistence {
            leptos::task::spawn_local(crate::ui::care::request_persistence(*self));
        }
        outcome.refused
    }

    /// Applies an edit to the open plan: recorded for undo, then saved after a pause.
    /// `key` names the field: consecutive edits of one field (typing) undo together.
    /// `change` gets the plan to change; while it runs, `self.plan` holds none.
    pub fn edit(&self, key: &str, change: impl FnOnce(&mut Plan)) {
        self.edit_grouped(Grouping::Field(key), change);
    }

    /// [`AppState::edit`] as an undo step of its own (adding, removing, a drop, a drag).
    pub fn edit_step(&self, change: impl FnOnce(&mut Plan)) {
        self.edit_grouped(Grouping::OwnStep, change);
    }

    fn edit_grouped(&self, grouping: Grouping, change: impl FnOnce(&mut Plan)) {
        let now = clock::now_ms();
        // Taken out of the signal while `change` runs (no borrow held); the core keeps a copy
        // for undo only when the edit starts an undo step (`OpenPlan::snapshot_for`).
        let Some(mut plan) = self.plan.try_update_untracked(Option::take).flatten() else {
            return;
        };
        let before = self
            .session
            .with_value(|s| s.snapshot_for(&plan, grouping, now));
        change(&mut plan);
        let changed = self
            .session
            .try_update_value(|s| s.record_edit(before, &plan, grouping, now))
            .unwrap_or(false);
        self.plan.update_untracked(|p| *p = Some(plan));
        if changed {
            self.apply(Outcome {
                plan_changed: true,
                ..Outcome::default()
            });
            self.save_later();
        }
    }

    pub fn undo(&self) {
        self.move_in_history(|s, slot| s.undo(slot));
    }

    pub fn redo(&self) {
        self.move_in_history(|s, slot| s.redo(slot));
    }

    fn move_in_history(&self, step: fn(&mut Session<LocalStore>, &mut Option<Plan>) -> bool) {
        let mut moved = false;
        self.run_now(|s, slot| {
            moved = step(s, slot);
            Outcome {
                plan_changed: moved,
                ..Outcome::default()
            }
        });
        if moved {
            self.save_later();
        }
    }

    pub fn can_undo(&self) -> bool {
        self.can_undo.get()
    }

    pub fn can_redo(&self) -> bool {
        self.can_redo.get()
    }

    /// (Re)starts the save debounce.
    fn save_later(&self) {
        if let Some(timer) = self.save_timer.get_value() {
            timer.clear();
        }
        let state = *self;
        let handle = set_timeout_with_handle(move || state.flush(), SAVE_DEBOUNCE).ok();
        self.save_timer.set_value(handle);
    }

    /// Saves the open plan under the storage lock (checked and unlocked should the lock not
    /// come within a second).
    pub fn flush(&self) {
        self.run(|s, slot| s.flush(slot, clock::now_ms()), |_| {});
    }

    /// Saves the open plan now, without waiting for the lock: the page is going away.
    pub fn flush_now(&self) {
        if let Some(timer) = self.save_timer.get_value() {
            timer.clear();
            self.save_timer.set_value(None);
        }
        self.run_now(|s, slot| s.flush(slot, clock::now_ms()));
    }

    /// Whether leaving the page would lose something (the `beforeunload` prompt).
    pub fn has_unsaved_work(&self) -> bool {
        self.session.with_value(|s| s.has_unsaved_work())
    }

    /// Another tab wrote `key` (the browser's `storage` event; `None`: it cleared storage).
    pub fn on_external_change(&self, key: Option<String>) {
        let state = *self;
        // Followed once the reader arrives; should it not, start-up's banner says why.
        let follow = move |reader: PlanReader| {
            state.run_now(|s, slot| s.external(slot, key.as_deref(), reader));
        };
        match self.reader.get_untracked() {
            Some(reader) => follow(reader),
            None => leptos::task::spawn_local(async move {
                if let Ok(reader) = state.plan_reader().await {
                    follow(reader);
                }
            }),
        }
    }

    pub fn add_banner(&self, banner: Banner) {
        self.run_now(|s, _| {
            s.add_banner(banner);
            Outcome::default()
        });
    }

    pub fn notify(&self, text: String, undo: Option<UndoAction>) {
        let id = self.next_notice.get_value() + 1;
        self.next_notice.set_value(id);
        self.notices.update(|n| n.push(Notice { id, text, undo }));
        let state = *self;
        set_timeout(move || state.dismiss(id), NOTICE_TIME);
    }

    pub fn dismiss(&self, notice_id: u64) {
        self.notices.update(|n| n.retain(|n| n.id != notice_id));
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

mod plans;
mod reader;

pub use plans::new_plan_id;
