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

thread_local! {
    /// The goals of `bench_period_check`: `n` goals finished in one closed quarter.
    static PERIOD_BOOK: RefCell<Option<(u32, crate::core::goals::GoalBook)>> = const { RefCell::new(None) };
}

/// The period check (`check_periods`, run by every import) on `goals` goals finished in one
/// closed period, or with `index_only` its yardstick: indexing the same goal and result ids
/// once. The benchmark times both and reports the ratio, which stays near a constant when the
/// check takes time in proportion to the plan (the unit test counts id reads instead of
/// timing). 1 when the check passed (or the index held every goal), -1 otherwise.
#[wasm_bindgen]
pub fn bench_period_check(goals: u32, index_only: bool) -> f64 {
    use crate::core::goals::periods::{check_periods, Closing, GoalResult, Outcome, Period};
    use crate::core::goals::{Goal, GoalBook};
    PERIOD_BOOK.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.as_ref().map(|(n, _)| *n) != Some(goals) {
            let period: crate::core::ids::PeriodId = "p1".into();
            let mut book = GoalBook::default();
            let mut results = Vec::new();
            for n in 0..goals {
                let id: crate::core::goals::GoalId = format!("g{n}").into();
                book.goals.push(Goal {
                    id: id.clone(),
                    period_id: Some(period.clone()),
                    ..Default::default()
                });
                results.push(GoalResult {
                    goal: id,
                    outcome: Outcome::Finished,
                    ..GoalResult::default()
                });
            }
            let day = |m, d| chrono::NaiveDate::from_ymd_opt(2026, m, d).unwrap_or_default();
            book.periods.push(Period {
                id: period,
                start: day(1, 1),
                end: day(3, 31),
                closing: Some(Closing {
                    closed_on: day(4, 1),
                    results,
                    ..Closing::default()
                }),
                ..Period::default()
            });
            *cell = Some((goals, book));
        }
        let Some((_, book)) = cell.as_ref() else {
            return -1.0;
        };
        if index_only {
            use std::collections::HashSet;
            let ids: HashSet<&str> = book.goals.iter().map(|g| g.id.as_str()).collect();
            let results = book.periods.iter().flat_map(|p| p.closing.iter());
            let scored: HashSet<&str> = results
                .flat_map(|c| &c.results)
                .map(|r| r.goal.as_str())
                .collect();
            return if ids.len() == scored.len() { 1.0 } else { -1.0 };
        }
        if check_periods(book).is_ok() {
            1.0
        } else {
            -1.0
        }
    })
}
