//! The merge's rules, one test each, and its properties over generated plans and edits.

use proptest::prelude::*;
use serde_json::{json, Value};

use super::{merge, Choice, MergeError, Step};
use crate::core::edits;
use crate::core::goals::{CheckIn, Objective};
use crate::core::plan::Plan;
use crate::core::schema::{base_of, tests::generated};

fn sample() -> Plan {
    crate::core::sample::sample_plan("p1", chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap())
}

/// A copy edited by `edit`, saved once more (as a save does: the revision goes up).
fn edited(plan: &Plan, edit: impl FnOnce(&mut Plan)) -> Plan {
    let mut copy = plan.clone();
    edit(&mut copy);
    copy.revision += 1;
    copy
}

fn field(name: &str) -> Step {
    Step::Field(name.into())
}

fn record(id: &str) -> Step {
    Step::Record(id.into())
}

#[test]
fn a_plan_merged_with_itself_is_itself() {
    let plan = sample();
    assert_eq!(merge(Some(&plan), &plan, &plan).plan(), Ok(plan.clone()));
    assert_eq!(merge(None, &plan, &plan).plan(), Ok(plan));
}

#[test]
fn edits_to_different_fields_of_one_record_both_stand() {
    let base = sample();
    let goal = base.goals.goals[0].id.clone();
    let mine = edited(&base, |p| p.goals.goals[0].title = "Mine".into());
    let theirs = edited(&base, |p| p.goals.goals[0].target = Some(999.0));
    let merged = merge(Some(&base), &mine, &theirs).plan().unwrap();
    let g = merged.goals.goal(&goal).unwrap();
    assert_eq!((g.title.as_str(), g.target), ("Mine", Some(999.0)));
}

#[test]
fn the_same_field_changed_two_ways_is_a_conflict_with_all_three_values() {
    let base = sample();
    let goal = base.goals.goals[0].id.clone();
    let was = base.goals.goals[0].title.clone();
    let mine = edited(&base, |p| p.goals.goals[0].title = "Mine".into());
    let theirs = edited(&base, |p| p.goals.goals[0].title = "Theirs".into());
    let outcome = merge(Some(&base), &mine, &theirs);
    assert_eq!(outcome.plan(), Err(MergeError::Unresolved { conflicts: 1 }));
    let conflict = &outcome.conflicts()[0];
    assert_eq!(
        conflict.path,
        [
            field("goals"),
            field("goals"),
            record(&goal),
            field("title")
        ]
    );
    assert_eq!(conflict.mine, Some(json!("Mine")));
    assert_eq!(conflict.theirs, Some(json!("Theirs")));
    assert_eq!(conflict.ancestor, Some(Some(json!(was))));
    assert!(!conflict.is_deletion());
    for (choice, title) in [
        (Choice::Mine, "Mine"),
        (Choice::Theirs, "Theirs"),
        (Choice::Ancestor, was.as_str()),
    ] {
        let plan = outcome.resolve(&[choice]).unwrap();
        assert_eq!(plan.goals.goal(&goal).unwrap().title, title);
    }
    assert_eq!(
        outcome.resolve(&[]),
        Err(MergeError::WrongChoices {
            conflicts: 1,
            choices: 0
        })
    );
}

#[test]
fn a_deletion_against_an_edit_is_a_conflict_and_either_choice_holds() {
    let base = sample();
    let stage = base.curve.stages[0].id.clone();
    let tp = base.curve.touch_points[0].id.clone();
    let mine = edited(&base, |p| {
        edits::delete_touch_point_everywhere(p, &tp);
    });
    let theirs = edited(&base, |p| p.curve.touch_points[0].name = "Renamed".into());
    let outcome = merge(Some(&base), &mine, &theirs);
    assert_eq!(outcome.conflicts().len(), 1, "{:?}", outcome.conflicts());
    let conflict = &outcome.conflicts()[0];
    assert!(conflict.is_deletion());
    assert_eq!(conflict.mine, None);
    assert_eq!(conflict.path.last(), Some(&record(&tp)));
    let kept = outcome.resolve(&[Choice::Theirs]).unwrap();
    assert_eq!(
        kept.curve
            .touch_points
            .iter()
            .find(|t| t.id == tp)
            .unwrap()
            .name,
        "Renamed"
    );
    let gone = outcome.resolve(&[Choice::Mine]).unwrap();
    assert!(gone.curve.touch_points.iter().all(|t| t.id != tp));
    assert!(gone.curve.stages.iter().any(|s| s.id == stage));
}

#[test]
fn a_deletion_on_one_side_holds_when_the_other_did_not_touch_the_record() {
    let base = sample();
    let tp = base.curve.touch_points[0].id.clone();
    let mine = edited(&base, |p| p.goals.goals[0].title = "Mine".into());
    let theirs = edited(&base, |p| {
        edits::delete_touch_point_everywhere(p, &tp);
    });
    let merged = merge(Some(&base), &mine, &theirs).plan().unwrap();
    assert!(merged.curve.touch_points.iter().all(|t| t.id != tp));
    assert_eq!(merged.goals.goals[0].title, "Mine");
}

#[test]
fn additions_on_both_sides_are_kept_with_the_id_counter_past_both() {
    let base = sample();
    let mine = edited(&base, |p| {
        let id = p.fresh_id("o").into();
        p.goals.objectives.push(Objective {
            id,
            title: "Mine".into(),
            ..Objective::default()
        });
    });
    let theirs = edited(&base, |p| {
        p.next_id += 100;
        let id = p.fresh_id("o").into();
        p.goals.objectives.push(Objective {
            id,
            title: "Theirs".into(),
            ..Objective::default()
        });
    });
    let merged = merge(Some(&base), &mine, &theirs).plan().unwrap();
    let titles: Vec<_> = merged
        .goals
        .objectives
        .iter()
        .map(|o| o.title.as_str())
        .collect();
    assert!(titles.ends_with(&["Mine", "Theirs"]), "{titles:?}");
    assert_eq!(
        merged.goals.objectives.len(),
        base.goals.objectives.len() + 2
    );
    assert_eq!(merged.next_id, theirs.next_id);
    assert_eq!(merged.revision, base.revision + 1);
}

#[test]
fn records_both_sides_added_under_one_id_are_both_kept() {
    let base = sample();
    let goal = |p: &Plan, i: usize| p.goals.goals[i].id.clone();
    let add = |title: &'static str, on: usize| {
        move |p: &mut Plan| {
            let id = p.fresh_id("o").into();
            p.goals.objectives.push(Objective {
                id,
                title: title.into(),
                ..Objective::default()
            });
            let objective = p.goals.objectives.last().map(|o| o.id.clone());
            p.goals.goals[on].objective_id = objective;
            let id = p.fresh_id("c").into();
            p.goals.goals[on].check_ins.push(CheckIn {
                id,
                date: chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
                value: 3.0,
                ..CheckIn::default()
            });
        }
    };
    let mine = edited(&base, add("Mine", 0));
    let theirs = edited(&base, add("Theirs", 1));
    let one = merge(Some(&base), &mine, &theirs);
    let plan = one.plan().unwrap();
    assert_eq!(one.renumbered().len(), 2, "{:?}", one.renumbered());
    let titles: Vec<_> = plan
        .goals
        .objectives
        .iter()
        .map(|o| o.title.as_str())
        .collect();
    assert!(
        titles.contains(&"Mine") && titles.contains(&"Theirs"),
        "{titles:?}"
    );
    // Each goal still points at its own side's objective, and the counter is past them all.
    for (i, title) in [(0, "Mine"), (1, "Theirs")] {
        let g = plan.goals.goal(&goal(&base, i)).unwrap();
        let o = g.objective_id.as_ref().unwrap();
        let objective = plan.goals.objectives.iter().find(|x| x.id == *o).unwrap();
        assert_eq!(objective.title, title);
        assert_eq!(g.check_ins.len(), base.goals.goals[i].check_ins.len() + 1);
    }
    assert!(plan.next_id >= mine.next_id + 2);
    let other = merge(Some(&base), &theirs, &mine).plan();
    assert_eq!(other, Ok(plan));
}

#[test]
fn without_an_ancestor_records_on_one_side_are_kept_and_differing_fields_conflict() {
    let base = sample();
    let mine = edited(&base, |p| {
        p.goals.goals[0].title = "Mine".into();
        p.next_id += 50;
        let id = p.fresh_id("c").into();
        p.goals.goals[1].check_ins.push(CheckIn {
            id,
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            value: 1.0,
            ..CheckIn::default()
        });
    });
    let theirs = edited(&base, |p| p.goals.goals[0].title = "Theirs".into());
    let outcome = merge(None, &mine, &theirs);
    assert_eq!(outcome.conflicts().len(), 1);
    assert_eq!(outcome.conflicts()[0].ancestor, None);
    assert_eq!(
        outcome.resolve(&[Choice::Ancestor]),
        Err(MergeError::NoAncestor { conflict: 0 })
    );
    let plan = outcome.resolve(&[Choice::Theirs]).unwrap();
    assert_eq!(plan.goals.goals[0].title, "Theirs");
    assert_eq!(
        plan.goals.goals[1].check_ins.len(),
        base.goals.goals[1].check_ins.len() + 1
    );
}

#[test]
fn fields_of_a_newer_build_merge_like_the_others() {
    let base = sample();
    let mine = edited(&base, |p| {
        p.goals.goals[0]
            .extra
            .insert("later".into(), json!({"a": 1}));
    });
    let theirs = edited(&base, |p| {
        p.goals.goals[0].title = "Theirs".into();
        p.extra.insert("later_tool".into(), json!([1, 2]));
    });
    let merged = merge(Some(&base), &mine, &theirs).plan().unwrap();
    assert_eq!(merged.goals.goals[0].extra["later"], json!({"a": 1}));
    assert_eq!(merged.extra["later_tool"], json!([1, 2]));
    assert_eq!(merged.goals.goals[0].title, "Theirs");
}

#[test]
fn a_copy_without_some_parts_takes_them_from_the_plan_kept_here() {
    let base = sample();
    let mine = edited(&base, |p| p.career.tracks[0].name = "Mine".into());
    let mut theirs = crate::core::audience::redact(
        &base,
        crate::core::audience::Selection::default(),
        chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
    );
    theirs.base = Some(base_of(&base));
    theirs.goals.goals[0].title = "Theirs".into();
    let merged = merge(Some(&base), &mine, &theirs).plan().unwrap();
    assert_eq!(merged.career.tracks[0].name, "Mine");
    assert_eq!(merged.goals.goals[0].title, "Theirs");
    assert_eq!(merged.career.self_assessments, mine.career.self_assessments);
    assert_eq!(merged.career.comp_records, mine.career.comp_records);
}

#[test]
fn a_value_of_an_enum_changed_two_ways_is_one_conflict() {
    let mine = json!({"statistic": {"percentile": 50}});
    let theirs = json!({"statistic": "mean"});
    let base = json!({"statistic": {"percentile": 40}});
    let mut first = |_: usize, _: &super::Conflict| Choice::Mine;
    let referenced = std::collections::HashSet::new();
    let mut walk = super::tree::Walk::new(&mut first, &referenced);
    walk.node(Some(Some(&base)), Some(&mine), Some(&theirs), false);
    assert_eq!(walk.conflicts.len(), 1);
    let theirs = json!({"statistic": {"mean": null}});
    let mut walk = super::tree::Walk::new(&mut first, &referenced);
    let merged = walk.node(Some(Some(&base)), Some(&mine), Some(&theirs), false);
    assert_eq!(walk.conflicts.len(), 1);
    assert_eq!(merged, Some(mine));
}

// --- properties over generated plans ---

/// An edit a person makes to their copy, drawn from numbers.
fn edit(plan: &mut Plan, (op, which, n): (u8, usize, u32)) {
    let goals = plan.goals.goals.len();
    let pick = |len: usize| (len > 0).then(|| which % len);
    match op % 11 {
        0 => {
            if let Some(i) = pick(goals) {
                plan.goals.goals[i].title = format!("Title {n}");
            }
        }
        1 => {
            if let Some(i) = pick(goals) {
                plan.goals.goals[i].target = Some(f64::from(n % 1000));
            }
        }
        2 => {
            if let Some(i) = pick(goals) {
                if let Some(c) = plan.goals.goals[i].check_ins.first_mut() {
                    c.value = f64::from(n % 100);
                }
            }
        }
        3 => {
            let id = plan.fresh_id("o").into();
            plan.goals.objectives.push(Objective {
                id,
                title: format!("Objective {n}"),
                ..Objective::default()
            });
        }
        4 => {
            if let Some(i) = pick(goals) {
                let id = plan.goals.goals[i].id.clone();
                let _ = edits::remove_goal_everywhere(plan, &id);
            }
        }
        5 => {
            if let Some(i) = pick(goals) {
                plan.goals.goals[i].check_ins.pop();
            }
        }
        6 => {
            if let Some(i) = pick(plan.goals.objectives.len()) {
                plan.goals.objectives[i].title = format!("Objective {n}");
            }
        }
        7 => {
            if let Some(i) = pick(plan.curve.stages.len()) {
                plan.curve.stages[i].name = format!("Stage {n}");
            }
        }
        8 => {
            if let Some(i) = pick(goals) {
                plan.goals.goals[i].extra.insert("later".into(), json!(n));
            }
        }
        9 => {
            if let Some(i) = pick(goals) {
                let id = plan.fresh_id("c").into();
                plan.goals.goals[i].check_ins.push(CheckIn {
                    id,
                    date: chrono::NaiveDate::from_ymd_opt(2026, 5, 1 + n % 28).unwrap_or_default(),
                    value: f64::from(n % 50),
                    ..CheckIn::default()
                });
            }
        }
        _ => {
            if let Some(i) = pick(plan.curve.touch_points.len()) {
                let id = plan.curve.touch_points[i].id.to_string();
                edits::delete_touch_point_everywhere(plan, &id);
            }
        }
    }
}

type Edits = Vec<(u8, usize, u32)>;

fn edits() -> impl Strategy<Value = Edits> {
    prop::collection::vec((any::<u8>(), any::<usize>(), any::<u32>()), 0..6)
}

/// A base and two edited copies of it. Their counter starts far apart when `apart` (as if a
/// future merge gave each copy its own range of ids); otherwise both copies hand out the same
/// next ids, as two copies of one plan do today.
fn sides(base: &Plan, mine: &Edits, theirs: &Edits, apart: bool) -> (Plan, Plan) {
    let m = edited(base, |p| mine.iter().for_each(|e| edit(p, *e)));
    let t = edited(base, |p| {
        if apart {
            p.next_id += 10_000;
        }
        theirs.iter().for_each(|e| edit(p, *e));
    });
    (m, t)
}

/// Every record of `side`, as the path of ids to it.
fn record_paths(value: &Value, path: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    match value {
        Value::Object(fields) => {
            for (key, child) in fields {
                path.push(Step::Field(key.clone()));
                record_paths(child, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for item in items {
                if let Some(id) = item.get("id").and_then(Value::as_str) {
                    path.push(Step::Record(id.into()));
                    out.push(path.clone());
                    record_paths(item, path, out);
                    path.pop();
                }
            }
        }
        _ => {}
    }
}

/// The node at `path`, if there is one.
fn at<'v>(value: &'v Value, path: &[Step]) -> Option<&'v Value> {
    path.iter().try_fold(value, |node, step| match step {
        Step::Field(key) => node.get(key),
        Step::Record(id) => node
            .as_array()?
            .iter()
            .find(|item| item.get("id").and_then(Value::as_str) == Some(id)),
    })
}

/// A plan's whole tree without its counters.
fn tree(plan: &Plan) -> Value {
    super::tree_of(plan, &super::Counters::default())
}

#[test]
fn the_tree_holds_every_field_of_a_plan() {
    let mut plan = sample();
    plan.prepared_by = "Alex Kim".into();
    plan.extra
        .insert("later_tool".into(), json!({"kept": true}));
    plan.base = Some(base_of(&plan));
    plan.left_out = vec![crate::core::audience::Part::Offers];
    let mut whole = serde_json::to_value(&plan).unwrap();
    for counter in ["revision", "next_id", "base", "left_out"] {
        whole.as_object_mut().unwrap().shift_remove(counter);
    }
    assert_eq!(tree(&plan), whole);
    for field in whole.as_object().unwrap().keys() {
        assert!(
            crate::core::schema::PLAN_KEYS.contains(&field.as_str()) || field == "later_tool",
            "{field} is not listed in schema::PLAN_KEYS"
        );
    }
}

/// The paths where `side` differs from `base`, at the level the merge compares them.
fn changes(
    base: Option<&Value>,
    side: Option<&Value>,
    path: &mut Vec<Step>,
    out: &mut Vec<Vec<Step>>,
) {
    if base == side {
        return;
    }
    match (base, side) {
        (Some(Value::Object(b)), Some(Value::Object(s)))
            if super::tree::objects_merge(Some(b), s, s) =>
        {
            for key in b.keys().chain(s.keys().filter(|k| !b.contains_key(*k))) {
                path.push(Step::Field(key.clone()));
                changes(b.get(key), s.get(key), path, out);
                path.pop();
            }
        }
        (Some(Value::Array(b)), Some(Value::Array(s)))
            if super::tree::record_ids(b).is_some() && super::tree::record_ids(s).is_some() =>
        {
            let find = |items: &'_ [Value], id: &str| -> Option<Value> {
                items
                    .iter()
                    .find(|i| i.get("id").and_then(Value::as_str) == Some(id))
                    .cloned()
            };
            let ids = super::tree::record_ids(b)
                .into_iter()
                .flatten()
                .chain(super::tree::record_ids(s).into_iter().flatten())
                .map(str::to_string)
                .collect::<std::collections::BTreeSet<_>>();
            for id in ids {
                path.push(Step::Record(id.clone()));
                changes(find(b, &id).as_ref(), find(s, &id).as_ref(), path, out);
                path.pop();
            }
        }
        _ => out.push(path.clone()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn merging_a_plan_with_itself_gives_it_back(plan in generated::plan()) {
        prop_assert_eq!(merge(Some(&plan), &plan, &plan).plan(), Ok(plan.clone()));
        prop_assert_eq!(merge(None, &plan, &plan).plan(), Ok(plan));
    }

    #[test]
    fn a_side_left_as_it_was_gives_the_other(
        base in generated::plan(), changes in edits()
    ) {
        let mut base = base;
        base.revision = 1;
        let side = edited(&base, |p| changes.iter().for_each(|e| edit(p, *e)));
        prop_assert_eq!(merge(Some(&base), &side, &base).plan(), Ok(side.clone()));
        prop_assert_eq!(merge(Some(&base), &base, &side).plan(), Ok(side));
    }

    #[test]
    fn either_order_gives_the_same_plan(
        base in generated::plan(), mine in edits(), theirs in edits(),
        apart in any::<bool>(), with_base in any::<bool>(), choices in any::<u64>()
    ) {
        let (m, t) = sides(&base, &mine, &theirs, apart);
        let b = with_base.then_some(&base);
        let one = merge(b, &m, &t);
        let other = merge(b, &t, &m);
        prop_assert_eq!(one.conflicts().len(), other.conflicts().len());
        let pick = |i: usize| match (choices >> (2 * (i % 32))) % 3 {
            0 => Choice::Mine,
            1 => Choice::Theirs,
            _ => Choice::Ancestor,
        };
        // The same conflict (found by its path) settled the same way from either side.
        let index: Vec<_> = one.conflicts().iter().map(|c| c.path.clone()).collect();
        let a = one.resolve_with(|i, _| pick(i));
        let b2 = other.resolve_with(|_, c| {
            let i = index.iter().position(|p| *p == c.path).unwrap_or(0);
            pick(i).swapped()
        });
        prop_assert_eq!(a.as_ref().ok(), b2.as_ref().ok());
        prop_assert_eq!(a.is_ok(), b2.is_ok());
    }

    #[test]
    fn without_conflicts_every_change_of_both_sides_is_in_the_result(
        base in generated::plan(), mine in edits(), theirs in edits()
    ) {
        let (m, t) = sides(&base, &mine, &theirs, true);
        let outcome = merge(Some(&base), &m, &t);
        if let Ok(merged) = outcome.plan() {
            let (bt, merged) = (tree(&base), tree(&merged));
            for side in [&m, &t] {
                let st = tree(side);
                let mut found = Vec::new();
                changes(Some(&bt), Some(&st), &mut Vec::new(), &mut found);
                for path in found {
                    prop_assert_eq!(at(&merged, &path), at(&st, &path), "{:?}", path);
                }
            }
        }
    }

    #[test]
    fn nothing_of_either_side_is_lost_silently(
        base in generated::plan(), mine in edits(), theirs in edits(),
        apart in any::<bool>(), with_base in any::<bool>()
    ) {
        let (m, t) = sides(&base, &mine, &theirs, apart);
        let b = with_base.then_some(&base);
        let outcome = merge(b, &m, &t);
        let Ok(merged) = outcome.resolve_with(|_, _| Choice::Mine) else {
            return Ok(());
        };
        let (bt, merged) = (tree(&base), tree(&merged));
        for (side, other, is_mine) in [(&m, &t, true), (&t, &m, false)] {
            let (st, ot) = (tree(side), tree(other));
            let mut records = Vec::new();
            record_paths(&st, &mut Vec::new(), &mut records);
            for path in records {
                // A record renumbered because the other side added another under its id.
                let renamed: Vec<Step> = path
                    .iter()
                    .map(|step| match step {
                        Step::Record(id) => Step::Record(
                            outcome
                                .renumbered()
                                .iter()
                                .find(|r| r.mine == is_mine && r.from == *id)
                                .map_or(id.clone(), |r| r.to.clone()),
                        ),
                        other => other.clone(),
                    })
                    .collect();
                let path = if at(&merged, &renamed).is_some() { renamed } else { path };
                let kept = at(&merged, &path).is_some();
                let in_conflict = outcome.conflicts().iter().any(|c| path.starts_with(&c.path));
                // Deleted on purpose: the other side removed it, and this side had it as the
                // ancestor had it.
                let deleted = b.is_some()
                    && at(&ot, &path).is_none()
                    && at(&bt, &path).is_some()
                    && at(&bt, &path) == at(&st, &path);
                let parent_deleted = (1..path.len()).any(|n| {
                    let p = &path[..n];
                    b.is_some() && at(&ot, p).is_none() && at(&bt, p) == at(&st, p)
                });
                prop_assert!(kept || in_conflict || deleted || parent_deleted, "lost {:?}", path);
            }
        }
    }
}
