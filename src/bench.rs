//! Hooks for the benchmark (`./dev bench`, bench/run.mjs); nothing in the app calls them.
//!
//! They run the app's own code paths on a plan the benchmark passes in, so it can time them
//! from JavaScript through trunk's `window.wasmBindings`:
//! - `bench_import(text)`: an import (parse, validate, migrate) in one go, for its throughput;
//! - `bench_import_in_steps(text)`: the same as the Plans page runs it, yielding between steps;
//! - `bench_save(write)`: then the save of that plan, as the debounced autosave does it;
//! - `bench_edit()`: the core's part of one keystroke in `AppState::edit`, before any view.

use std::cell::{Cell, RefCell};

use wasm_bindgen::prelude::*;

use crate::core::history::Grouping;
use crate::core::open_plan::store::{save_plan, Base};
use crate::core::open_plan::OpenPlan;
use crate::core::{plan::Plan, schema};
use crate::storage::LocalStore;

thread_local! {
    /// The plan read by the last successful `bench_import`.
    static PLAN: RefCell<Option<Plan>> = const { RefCell::new(None) };
    /// What its last save wrote, as the open plan keeps it.
    static BASE: Cell<Option<Base>> = const { Cell::new(None) };
    /// The undo history and save state of the plan `bench_edit` types into.
    static OPEN: RefCell<OpenPlan> = RefCell::new(OpenPlan::new());
}

/// Imports `text` like the Plans page: the number of goals, or -1 when the import is refused.
#[wasm_bindgen]
pub fn bench_import(text: &str) -> f64 {
    match schema::PlanReader::linked().import(text) {
        Ok(plan) => {
            let goals = plan.goals.goals.len() as f64;
            PLAN.with(|p| *p.borrow_mut() = Some(plan));
            BASE.with(|b| b.set(None));
            OPEN.with(|o| *o.borrow_mut() = OpenPlan::new());
            goals
        }
        Err(_) => -1.0,
    }
}

/// Imports `text` the way the Plans page really does (in steps, yielding to the browser
/// between them), for measuring the longest stretch the page is frozen: the number of goals,
/// or -1 when the import is refused.
#[wasm_bindgen]
pub async fn bench_import_in_steps(text: String) -> f64 {
    match crate::transfer::import_text(&text, schema::PlanReader::linked()).await {
        Ok(plan) => plan.goals.goals.len() as f64,
        Err(_) => -1.0,
    }
}

/// Saves the last imported plan: with `write`, the autosave's whole path (`save_plan`: read
/// the stored header, and the stored text's fingerprint when the revision is this tab's,
/// serialize, `localStorage.setItem` under `trellis.plan.<id>`);
/// without, only the serialization. The plan's new revision (or its length, without `write`),
/// or -1 on failure.
#[wasm_bindgen]
pub fn bench_save(write: bool) -> f64 {
    PLAN.with(|p| {
        let mut held = p.borrow_mut();
        let Some(plan) = held.as_mut() else {
            return -1.0;
        };
        if !write {
            return schema::store_plan(plan).len() as f64;
        }
        let base = BASE.with(Cell::get).unwrap_or(Base {
            revision: plan.revision,
            fingerprint: None,
        });
        match save_plan(&LocalStore, plan, base) {
            Ok(base) => {
                plan.revision = base.revision;
                BASE.with(|b| b.set(Some(base)));
                base.revision as f64
            }
            Err(_) => -1.0,
        }
    })
}

/// What `AppState::edit` does to the plan data on a keystroke, without the views: the core's
/// copy for undo when the edit starts an undo step (`OpenPlan::snapshot_for`), one more
/// character in the first goal's title, and the record of the edit. Successive calls are
/// keystrokes of one word (less than a second apart), as typing is. 1 when the edit was
/// recorded, -1 when no plan is held.
#[wasm_bindgen]
pub fn bench_edit() -> f64 {
    PLAN.with(|p| {
        let mut held = p.borrow_mut();
        let Some(plan) = held.as_mut() else {
            return -1.0;
        };
        let grouping = Grouping::Field("goal:title");
        let now = js_sys::Date::now();
        OPEN.with(|open| {
            let mut open = open.borrow_mut();
            let before = open.snapshot_for(plan, grouping, now);
            if let Some(goal) = plan.goals.goals.first_mut() {
                goal.title.push('x');
            }
            if open.record_edit(before, plan, grouping, now) {
                1.0
            } else {
                0.0
            }
        })
    })
}
