//! The plan list's operations as the page asks for them: each runs one `Session` operation
//! (with the plan reader when it needs it, under the storage lock) and shows its outcome.
//! Nothing is decided here.

use leptos::prelude::*;

use super::{AppState, BackupContents};
use crate::core::audience::Selection;
use crate::core::backup::RestoreChoice;
use crate::core::care::{DataCare, Persistence};
use crate::core::merge::{Choice, Merger};
use crate::core::plan::Plan;
use crate::core::schema::PlanReader;
use crate::core::session::{Leaving, Outcome, PendingMerge, Session};
use crate::core::workspace;
use crate::storage::LocalStore;
use crate::ui::clock;
use crate::ui::on_demand;

impl AppState {
    pub fn current_id(&self) -> Option<String> {
        self.plan
            .with_untracked(|p| p.as_ref().map(|p| p.id.clone()))
    }

    /// Opens a plan from the list (the open one saved first, or kept in memory).
    pub fn open(&self, id: &str) {
        self.open_then(id, |_| {});
    }

    /// Opens a plan, then runs `then` with it once it is open (not when it cannot be).
    pub fn open_then(&self, id: &str, then: impl FnOnce(Plan) + 'static) {
        let (state, id) = (*self, id.to_string());
        self.with_reader(move |reader| {
            let wanted = id.clone();
            let op = move |s: &mut Session<LocalStore>, slot: &mut Option<Plan>| {
                s.open(slot, &id, reader, clock::now_ms())
            };
            state.run(op, move |refused| match refused {
                Some(why) => state.notify(why, None),
                None => {
                    if let Some(plan) = state.plan.get_untracked().filter(|p| p.id == wanted) {
                        then(plan);
                    }
                }
            });
        });
    }

    /// Adds a new plan at the end of the list, stores it and opens it.
    pub fn add_plan(&self, plan: Plan) {
        let state = *self;
        self.run(
            move |s, slot| s.create(slot, plan, clock::now_ms()),
            move |refused| refused.into_iter().for_each(|why| state.notify(why, None)),
        );
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
            let sample = on_demand::sample_plan(new_plan_id(), clock::today()).await;
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

    /// Renames a plan; `done` gets the reason when it is refused.
    pub fn rename(&self, id: &str, name: &str, done: impl FnOnce(Option<String>) + 'static) {
        let (state, id, name) = (*self, id.to_string(), name.to_string());
        self.with_reader(move |reader| {
            state.run(
                move |s, slot| s.rename(slot, &id, &name, reader, clock::now_ms()),
                done,
            )
        });
    }

    pub fn duplicate(&self, id: &str) {
        let id = id.to_string();
        self.run_read(move |s, slot, reader| {
            s.duplicate(slot, &id, &new_plan_id(), reader, clock::now_ms())
        });
    }

    /// Deletes a plan (to the trash); the notice offers to bring it back.
    pub fn delete(&self, id: &str) {
        let id = id.to_string();
        self.run_read(move |s, slot, reader| s.delete(slot, &id, reader, clock::now_ms()));
    }

    /// Deletes an unreadable plan with its backup copy; `done` gets why it was not.
    pub fn delete_unreadable(&self, id: &str, done: impl FnOnce(Option<String>) + 'static) {
        let id = id.to_string();
        self.run(move |s, _| s.delete_unreadable(&id), done);
    }

    /// The raw stored text of a plan that cannot be read (to download it).
    pub fn raw_text(&self, id: &str) -> Result<String, String> {
        self.session.with_value(|s| s.raw_text(id))
    }

    /// Takes a plan back from the trash (at the end of the list).
    pub fn restore_from_trash(&self, key: &str) {
        let key = key.to_string();
        self.run_read(move |s, slot, reader| {
            s.restore_from_trash(slot, &key, None, false, reader, clock::now_ms())
        });
    }

    pub fn run_undo_action(&self, notice_id: u64) {
        let action = self.notices.with_untracked(|n| {
            n.iter()
                .find(|n| n.id == notice_id)
                .and_then(|n| n.undo.clone())
        });
        self.dismiss(notice_id);
        if let Some(action) = action {
            self.run_read(move |s, slot, reader| {
                s.undo_action(slot, action, reader, clock::now_ms())
            });
        }
    }

    /// The copy of `plan` that leaves with the parts `chosen`, the revision it left from kept
    /// for its return (`Session::send_copy`), under the storage lock; then `send` with it.
    pub fn send_copy(&self, plan: Plan, chosen: Selection, send: impl FnOnce(Leaving) + 'static) {
        let state = *self;
        crate::storage::locked(move || {
            let leaving = state
                .session
                .try_update_value(|s| s.send_copy(&plan, chosen, clock::today()));
            if let Some(leaving) = leaving {
                send(leaving);
            }
        });
    }

    /// Imports a plan (`replace`: in place of the one with its id); `done` gets why not.
    pub fn import(&self, plan: Plan, replace: bool, done: impl FnOnce(Option<String>) + 'static) {
        let Some(reader) = self.reader.get_untracked() else {
            return done(Some(on_demand::READER_NOT_DOWNLOADED.into()));
        };
        self.run(
            move |s, slot| s.import(slot, plan, replace, &new_plan_id(), reader, clock::now_ms()),
            done,
        );
    }

    /// What merging `plan` (a returned copy) into the plan here with its id would do; nothing
    /// is written (`Session::prepare_merge`).
    pub fn prepare_merge(&self, plan: Plan, merger: Merger) -> Result<PendingMerge, String> {
        let Some(reader) = self.reader.get_untracked() else {
            return Err(on_demand::READER_NOT_DOWNLOADED.into());
        };
        self.plan.with_untracked(|slot| {
            self.session
                .with_value(|s| s.prepare_merge(slot, plan, reader, merger))
        })
    }

    /// Writes a merge the user confirmed with `choices`; `done` gets why not.
    pub fn merge(
        &self,
        pending: PendingMerge,
        choices: Vec<Choice>,
        done: impl FnOnce(Option<String>) + 'static,
    ) {
        let Some(reader) = self.reader.get_untracked() else {
            return done(Some(on_demand::READER_NOT_DOWNLOADED.into()));
        };
        self.run(
            move |s, slot| s.merge(slot, &pending, &choices, reader, clock::now_ms()),
            done,
        );
    }

    /// Restores plans from a backup, one transaction; `done` gets why nothing was restored.
    pub fn restore(
        &self,
        plans: Vec<(Plan, RestoreChoice)>,
        done: impl FnOnce(Option<String>) + 'static,
    ) {
        let Some(reader) = self.reader.get_untracked() else {
            return done(Some(on_demand::READER_NOT_DOWNLOADED.into()));
        };
        self.run(
            move |s, slot| s.restore(slot, plans, new_plan_id, reader, clock::now_ms()),
            done,
        );
    }

    /// What a backup of all plans holds, the open one as it is in this tab.
    pub fn backup_contents(&self, reader: PlanReader) -> BackupContents {
        self.plan
            .with_untracked(|slot| self.session.with_value(|s| s.backup_contents(slot, reader)))
    }

    /// Plan `id` as this tab has it (open, kept in memory, or stored).
    pub fn read_plan(&self, id: &str, reader: PlanReader) -> Option<Plan> {
        self.plan
            .with_untracked(|slot| self.session.with_value(|s| s.read_plan(slot, id, reader)))
    }

    /// Changes the care record (re-read first), under the lock.
    pub fn care_change(&self, change: impl FnOnce(&mut DataCare) + 'static) {
        let op = move |s: &mut Session<LocalStore>, _: &mut Option<Plan>| {
            s.care_change(change);
            Outcome::default()
        };
        self.run(op, |_| {});
    }

    /// Every plan in `ids` went into a backup now (`all`), or one was exported whole.
    pub fn backed_up(&self, ids: Vec<String>, all: bool) {
        let op = move |s: &mut Session<LocalStore>, _: &mut Option<Plan>| {
            // While the browser has not promised to keep the data, a backup asks again.
            let ask_persistence = match (all, ids.first()) {
                (true, _) => s.backed_up_all(&ids, clock::now_ms()),
                (false, Some(id)) => s.exported_whole(id, clock::now_ms()),
                (false, None) => false,
            };
            Outcome {
                ask_persistence,
                ..Outcome::default()
            }
        };
        self.run(op, |_| {});
    }

    /// The browser answered whether it keeps the data.
    pub fn persistence_answer(&self, answer: Persistence) {
        self.care_change(move |care| care.persistence = Some(answer));
    }

    /// The browser said at start whether it keeps the data now (see `Session::persisted_now`).
    pub fn persisted_now(&self, persisted: bool) {
        let op = move |s: &mut Session<LocalStore>, _: &mut Option<Plan>| {
            s.persisted_now(persisted);
            Outcome::default()
        };
        self.run(op, |_| {});
    }

    /// Resolves a conflict (or a delete in another tab) by writing this tab's copy.
    pub fn keep_mine(&self) {
        self.run(|s, slot| s.keep_mine(slot, clock::now_ms()), |_| {});
    }

    /// Resolves a conflict by loading the other tab's copy; a plan deleted elsewhere closes.
    pub fn take_theirs(&self) {
        self.run_read(|s, slot, reader| s.take_theirs(slot, reader, clock::now_ms()));
    }
}

/// A plan id that is unique across browsers and never reused: time plus randomness.
pub fn new_plan_id() -> String {
    let time = clock::now_ms() as u64;
    let random = (js_sys::Math::random() * 2f64.powi(40)) as u64;
    format!("p{time:x}{random:010x}")
}
