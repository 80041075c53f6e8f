//! Hooks for the benchmark (`./dev bench`, bench/run.mjs); nothing in the app calls them.
//!
//! They run the app's own code paths on a plan the benchmark passes in, so it can time them
//! from JavaScript through trunk's `window.wasmBindings`:
//! - `bench_import(text)`: an import (parse, validate, migrate) in one go, for its throughput;
//! - `bench_import_in_steps(text)`: the same as the Plans page runs it, yielding between steps;
//! - `bench_save(write)`: then the save of that plan, as the debounced autosave does it;
//! - `bench_edit()`: the plan copies one keystroke costs in `AppState::edit`, before any view.

use std::cell::{Cell, RefCell};

use wasm_bindgen::prelude::*;

use crate::core::open_plan::store::{save_plan, Base};
use crate::core::{plan::Plan, schema};
use crate::storage::LocalStore;

thread_local! {
    /// The plan read by the last successful `bench_import`.
    static PLAN: RefCell<Option<Plan>> = const { RefCell::new(None) };
    /// What its last save wrote, as the open plan keeps it.
    static BASE: Cell<Option<Base>> = const { Cell::new(None) };
}

/// Imports `text` like the Plans page: the number of goals, or -1 when the import is refused.
#[wasm_bindgen]
pub fn bench_import(text: &str) -> f64 {
    match schema::import_plan(text) {
        Ok(plan) => {
            let goals = plan.goals.goals.len() as f64;
            PLAN.with(|p| *p.borrow_mut() = Some(plan));
            BASE.with(|b| b.set(None));
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
    match crate::transfer::import_text(&text).await {
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

/// What `AppState::edit` does to the plan data on every keystroke, without the views: copy the
/// open plan, change one goal's title on the copy, compare it with the open plan, swap it in
/// and keep the old one (as the undo history does). 1 when the change was seen, -1 when no
/// plan is held.
#[wasm_bindgen]
pub fn bench_edit() -> f64 {
    PLAN.with(|p| {
        let mut held = p.borrow_mut();
        let Some(plan) = held.as_mut() else {
            return -1.0;
        };
        let mut after = plan.clone();
        if let Some(goal) = after.goals.goals.first_mut() {
            goal.title.push('x');
        }
        if after == *plan {
            return 0.0;
        }
        let before = std::mem::replace(plan, after);
        drop(before);
        1.0
    })
}
