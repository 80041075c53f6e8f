//! A copy that leaves and comes back: the revision it left from is kept, the returned copy
//! merges three-way against it (two-way when it is not known), nothing is written before
//! the user confirms, and the notice's Undo takes the whole merge back.

use super::*;
use crate::core::audience::Selection;
use crate::core::goals::Goal;
use crate::core::merge::{Choice, Merger};
use chrono::NaiveDate;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 10).unwrap()
}

/// A tab with plan "a" holding two goals, saved.
fn tab_with_goals(store: &MemoryStore) -> Tab<'_> {
    let mut tab = Tab::start(store, 1);
    tab.edit(|p| {
        for (id, title) in [("g1", "Grow posters"), ("g2", "Answer faster")] {
            p.goals.goals.push(Goal {
                id: id.into(),
                title: title.into(),
                target: Some(100.0),
                ..Goal::default()
            });
        }
        p.next_id = 3;
    });
    tab.flush();
    tab
}

/// The copy that leaves tab's open plan.
fn send(tab: &mut Tab) -> Plan {
    let plan = tab.slot.clone().unwrap();
    let leaving = tab.session.send_copy(&plan, Selection::default(), today());
    assert_eq!(leaving.not_kept, None);
    leaving.copy
}

fn target(plan: &Plan, id: &str) -> Option<f64> {
    plan.goals
        .goals
        .iter()
        .find(|g| g.id.as_str() == id)
        .and_then(|g| g.target)
}

#[test]
fn session_a_returned_copy_merges_both_sides_changes_and_one_undo_takes_it_back() {
    let store = store_with(&[("a", "A")]);
    let mut tab = tab_with_goals(&store);
    let mut theirs = send(&mut tab);
    assert_eq!(
        theirs.base,
        Some(schema::base_of(tab.slot.as_ref().unwrap()))
    );
    theirs.goals.goals[0].target = Some(150.0);
    tab.edit(|p| p.goals.goals[1].title = "Answer within a day".into());
    tab.flush();
    let before = stored(&store, "a").unwrap();

    let pending = tab
        .session
        .prepare_merge(&tab.slot, theirs, R(), Merger::linked())
        .unwrap();
    assert!(pending.three_way);
    assert!(pending.conflicts.is_empty());
    assert_eq!(pending.changes, "Goals: 1 changed.");
    assert_eq!(
        stored(&store, "a"),
        Some(before.clone()),
        "nothing written yet"
    );

    let outcome = tab
        .session
        .merge(&mut tab.slot, &pending, &[], R(), tab.now);
    assert_eq!(outcome.refused, None);
    let merged = stored(&store, "a").unwrap();
    assert_eq!(target(&merged, "g1"), Some(150.0));
    assert_eq!(merged.goals.goals[1].title, "Answer within a day");
    tab.assert_open_is_stored();

    tab.undo(&outcome);
    let back = stored(&store, "a").unwrap();
    assert_eq!(target(&back, "g1"), Some(100.0));
    assert_eq!(back.goals.goals[1].title, "Answer within a day");
    assert_eq!(back.goals, before.goals);
}

#[test]
fn session_the_same_field_changed_on_both_sides_shows_the_three_values_and_the_choice_is_kept() {
    let store = store_with(&[("a", "A")]);
    let mut tab = tab_with_goals(&store);
    let mut theirs = send(&mut tab);
    theirs.goals.goals[0].target = Some(150.0);
    tab.edit(|p| p.goals.goals[0].target = Some(120.0));
    tab.flush();
    let pending = tab
        .session
        .prepare_merge(&tab.slot, theirs, R(), Merger::linked())
        .unwrap();
    assert_eq!(pending.conflicts.len(), 1);
    let conflict = &pending.conflicts[0];
    assert_eq!(conflict.place, "Goals › “Grow posters”");
    assert_eq!(conflict.field, "Target");
    assert_eq!(
        (conflict.mine.as_str(), conflict.theirs.as_str()),
        ("120", "150")
    );
    assert_eq!(conflict.original.as_deref(), Some("100"));
    assert_eq!(
        pending.changes,
        "Apart from the choices below, the returned copy changes nothing in yours."
    );
    // Without a choice per conflict nothing is written.
    let refused = tab
        .session
        .merge(&mut tab.slot, &pending, &[], R(), tab.now);
    assert!(refused.refused.is_some());
    assert_eq!(target(&stored(&store, "a").unwrap(), "g1"), Some(120.0));
    let outcome = tab
        .session
        .merge(&mut tab.slot, &pending, &[Choice::Theirs], R(), tab.now);
    assert_eq!(outcome.refused, None);
    assert_eq!(target(&stored(&store, "a").unwrap(), "g1"), Some(150.0));
}

#[test]
fn session_a_deletion_against_an_edit_is_a_conflict() {
    let store = store_with(&[("a", "A")]);
    let mut tab = tab_with_goals(&store);
    let mut theirs = send(&mut tab);
    theirs.goals.goals.remove(0);
    tab.edit(|p| p.goals.goals[0].target = Some(120.0));
    tab.flush();
    let pending = tab
        .session
        .prepare_merge(&tab.slot, theirs, R(), Merger::linked())
        .unwrap();
    assert_eq!(pending.conflicts.len(), 1);
    assert!(pending.conflicts[0].deletion);
    assert_eq!(pending.conflicts[0].theirs, "Deleted");
    let outcome = tab
        .session
        .merge(&mut tab.slot, &pending, &[Choice::Theirs], R(), tab.now);
    assert_eq!(outcome.refused, None);
    assert_eq!(stored(&store, "a").unwrap().goals.goals.len(), 1);
}

#[test]
fn session_a_plan_changed_after_the_merge_was_prepared_is_not_merged() {
    let store = store_with(&[("a", "A")]);
    let mut tab = tab_with_goals(&store);
    let mut theirs = send(&mut tab);
    theirs.goals.goals[0].target = Some(150.0);
    let pending = tab
        .session
        .prepare_merge(&tab.slot, theirs, R(), Merger::linked())
        .unwrap();
    tab.edit(|p| p.name = "Changed meanwhile".into());
    tab.flush();
    let before = stored(&store, "a");
    let outcome = tab
        .session
        .merge(&mut tab.slot, &pending, &[], R(), tab.now);
    assert!(outcome.refused.unwrap().contains("changed since"));
    assert_eq!(stored(&store, "a"), before);
}

#[test]
fn session_a_copy_whose_start_is_not_kept_merges_two_way() {
    let store = store_with(&[("a", "A")]);
    let tab = tab_with_goals(&store);
    let mut theirs = tab.slot.clone().unwrap();
    theirs.goals.goals[0].target = Some(150.0);
    let pending = tab
        .session
        .prepare_merge(&tab.slot, theirs, R(), Merger::linked())
        .unwrap();
    assert!(!pending.three_way);
    // Two-way, a field that differs is a conflict with no original.
    assert_eq!(pending.conflicts.len(), 1);
    assert_eq!(pending.conflicts[0].original, None);
}

#[test]
fn session_a_copy_of_a_plan_that_came_from_elsewhere_sends_its_base_on() {
    let store = store_with(&[("a", "A")]);
    let mut tab = tab_with_goals(&store);
    let received = schema::base_of(&Plan::new("a", "Elsewhere"));
    tab.edit(|p| p.base = Some(received.clone()));
    tab.flush();
    let copy = send(&mut tab);
    assert_eq!(copy.base, Some(received));
    assert_eq!(store.get(&keys::ancestors_key("a")), None, "nothing kept");
}

#[test]
fn session_a_new_reference_to_a_record_deleted_on_the_other_side_is_a_conflict() {
    use crate::core::goals::Objective;
    let store = store_with(&[("a", "A")]);
    let mut tab = Tab::start(&store, 1);
    tab.edit(|p| {
        p.goals.objectives.push(Objective {
            id: "o1".into(),
            title: "Sustainable growth".into(),
            ..Objective::default()
        });
        p.next_id = 2;
    });
    tab.flush();
    let mut theirs = send(&mut tab);
    // They add a goal under the objective; meanwhile it is deleted here.
    theirs.goals.goals.push(Goal {
        id: "g9".into(),
        objective_id: Some("o1".into()),
        title: "Under it".into(),
        ..Goal::default()
    });
    theirs.next_id = 10;
    tab.edit(|p| p.goals.objectives.clear());
    tab.flush();
    let pending = tab
        .session
        .prepare_merge(&tab.slot, theirs, R(), Merger::linked())
        .unwrap();
    assert_eq!(pending.conflicts.len(), 1);
    let conflict = &pending.conflicts[0];
    assert!(conflict.deletion);
    assert_eq!(conflict.place, "Goals › Objectives › “Sustainable growth”");
    assert_eq!(conflict.mine, "Deleted");
    // Keeping the deletion would leave their goal under nothing: refused, with the way out.
    let refused = tab
        .session
        .merge(&mut tab.slot, &pending, &[Choice::Mine], R(), tab.now);
    assert!(refused.refused.unwrap().contains("choose other values"));
    let outcome = tab
        .session
        .merge(&mut tab.slot, &pending, &[Choice::Theirs], R(), tab.now);
    assert_eq!(outcome.refused, None);
    let merged = stored(&store, "a").unwrap();
    assert_eq!(merged.goals.objectives.len(), 1);
    assert_eq!(merged.goals.goals.len(), 1);
}
