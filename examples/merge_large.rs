//! Times a merge of two copies of a large plan (issue 32: well under 200 ms natively). Run
//! by hand, in release mode; no test asserts a time (the project's rule):
//!
//! ```sh
//! node -e 'import("./bench/large-plan.mjs").then(m => process.stdout.write(m.exportText(m.largePlan())))' > /tmp/large.trellis.json
//! cargo run --release --example merge_large -- /tmp/large.trellis.json
//! ```
//!
//! Each copy changes other goals (titles, targets, a new check-in), both change one goal's
//! title (one conflict), and the merge runs three-way against the plan they started from.

use std::time::Instant;

use trellis::core::goals::CheckIn;
use trellis::core::merge::{merge, Choice};
use trellis::core::plan::Plan;
use trellis::core::schema::PlanReader;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: merge_large <plan.trellis.json>");
        std::process::exit(2);
    };
    let base = match std::fs::read(&path)
        .map_err(|e| e.to_string())
        .and_then(|bytes| {
            PlanReader::linked()
                .import_bytes(&bytes)
                .map_err(|e| e.to_string())
        }) {
        Ok(plan) => plan,
        Err(why) => {
            eprintln!("{path}: {why}");
            std::process::exit(1);
        }
    };
    let goals = base.goals.goals.len();
    let check_ins: usize = base.goals.goals.iter().map(|g| g.check_ins.len()).sum();
    println!("{path}: {goals} goals, {check_ins} check-ins");
    let side = |offset: usize, title: &str| {
        let mut plan: Plan = base.clone();
        plan.next_id += offset as u64 * 1000;
        for (i, goal) in plan.goals.goals.iter_mut().enumerate() {
            if i % 10 == offset {
                goal.title = format!("{title} {i}");
                goal.target = goal.target.map(|t| t + 1.0);
            }
        }
        let id = plan.fresh_id("c").into();
        if let Some(goal) = plan.goals.goals.get_mut(offset + 2) {
            goal.check_ins.push(CheckIn {
                id,
                date: chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default(),
                value: 1.0,
                ..CheckIn::default()
            });
        }
        if let Some(goal) = plan.goals.goals.get_mut(5) {
            goal.title = format!("{title}: both changed this one");
        }
        plan.revision += 1;
        plan
    };
    let (mine, theirs) = (side(0, "Mine"), side(1, "Theirs"));
    // What the merge's own steps cost, for the figures below.
    let start = Instant::now();
    let tree = serde_json::to_value(&base).unwrap_or_default();
    let to_tree = start.elapsed();
    let copy = tree.clone();
    let cloned = start.elapsed() - to_tree;
    let back = serde_json::from_value::<Plan>(copy);
    let from_tree = start.elapsed() - to_tree - cloned;
    let checked = back.as_ref().map(trellis::core::schema::check_plan);
    let check = start.elapsed() - to_tree - cloned - from_tree;
    println!(
        "one plan: to a tree {:.1} ms, the tree cloned {:.1} ms, read back {:.1} ms, checked {:.1} ms ({})",
        to_tree.as_secs_f64() * 1000.0,
        cloned.as_secs_f64() * 1000.0,
        from_tree.as_secs_f64() * 1000.0,
        check.as_secs_f64() * 1000.0,
        if matches!(checked, Ok(Ok(()))) { "sound" } else { "not sound" }
    );
    let mut times = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let outcome = merge(Some(&base), &mine, &theirs);
        let found = start.elapsed();
        let plan = outcome.resolve_with(|_, _| Choice::Theirs);
        let total = start.elapsed();
        match plan {
            Ok(plan) => times.push((found, total, outcome.conflicts().len(), plan)),
            Err(why) => {
                eprintln!("the merge gave no plan: {why}");
                std::process::exit(1);
            }
        }
    }
    for (found, total, conflicts, _) in &times {
        println!(
            "merge {:.1} ms ({conflicts} conflict), with the choice applied {:.1} ms",
            found.as_secs_f64() * 1000.0,
            total.as_secs_f64() * 1000.0
        );
    }
    if let Some((_, _, _, plan)) = times.last() {
        let check_ins: usize = plan.goals.goals.iter().map(|g| g.check_ins.len()).sum();
        println!(
            "merged: {} goals, {check_ins} check-ins",
            plan.goals.goals.len()
        );
    }
}
