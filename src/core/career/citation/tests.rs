use chrono::NaiveDate;

use super::*;
use crate::core::career::edit::{
    add_evidence, add_self_assessment, cite_other_goal, cite_own_goal, clear_goal_citation,
};
use crate::core::career::templates::{add_template, Template};
use crate::core::goals::{CheckIn, Goal, GoalBook, GoalStatus};
use crate::core::plan::Plan;
use crate::core::schema::{store_plan, PlanReader};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn goal(id: &str, title: &str, status: GoalStatus) -> Goal {
    Goal {
        id: id.into(),
        title: title.into(),
        objective: "launch the contributor summit".into(),
        status,
        check_ins: vec![CheckIn {
            id: format!("{id}-c1").into(),
            date: d(2024, 5, 16),
            value: 240.0,
            note: "sold out".into(),
            ..CheckIn::default()
        }],
        ..Goal::default()
    }
}

fn book() -> GoalBook {
    GoalBook {
        goals: vec![
            goal("g1", "Summit", GoalStatus::Achieved),
            goal("g2", "Forum", GoalStatus::Active),
        ],
        ..GoalBook::default()
    }
}

/// Plan B with a self-assessment and one evidence item; returns (plan, assessment, evidence).
fn plan_b() -> (Plan, String, String) {
    let mut plan = Plan::new("pB", "Review 2025");
    add_template(&mut plan, Template::Community);
    let level = plan.career.tracks[0].levels[2].id.clone();
    let a = add_self_assessment(&mut plan, &level).unwrap();
    let e = add_evidence(&mut plan, &a, Evidence::default()).unwrap();
    (plan, a, e)
}

fn evidence(plan: &Plan, a: &str, e: &str) -> Evidence {
    plan.career
        .self_assessment(a)
        .and_then(|a| a.evidence.iter().find(|x| x.id == e))
        .cloned()
        .unwrap()
}

#[test]
fn only_achieved_goals_are_offered_from_other_plans() {
    let offered = achieved_goals(&book());
    assert_eq!(offered.len(), 1);
    assert_eq!(
        (offered[0].goal.as_str(), offered[0].title.as_str()),
        ("g1", "Summit")
    );
    assert_eq!(all_goals(&book()).len(), 2);
}

#[test]
fn a_citation_snapshots_the_statement_and_final_check_in() {
    let c = cite("pA", "Launch 2024", &book(), "g1", d(2025, 1, 2)).unwrap();
    assert_eq!((c.plan.as_str(), c.goal.as_str()), ("pA", "g1"));
    assert!(
        c.statement.contains("launch the contributor summit"),
        "{}",
        c.statement
    );
    assert_eq!(
        c.final_check_in.as_deref(),
        Some("240 on 16 May 2024 (sold out)")
    );
    assert_eq!(c.cited_on, Some(d(2025, 1, 2)));
    assert!(cite("pA", "Launch 2024", &book(), "nope", d(2025, 1, 2)).is_none());
}

#[test]
fn a_goal_of_another_plan_shows_its_snapshot_and_whether_the_original_changed() {
    let (mut plan, a, e) = plan_b();
    let other = book();
    let cited = cite("pA", "Launch 2024", &other, "g1", d(2025, 1, 2)).unwrap();
    cite_other_goal(&mut plan.career, &a, &e, cited.clone()).unwrap();
    let ev = evidence(&plan, &a, &e);
    assert_eq!(
        ev.goal_id, None,
        "another plan's goal is not a reference in this plan"
    );
    let view = |lookup: PlanLookup<'_>| {
        citation_view(&ev, ("pB", &plan.goals), &|id| {
            assert_eq!(id, "pA");
            lookup
        })
        .unwrap()
    };
    let snapshot = |original| CitationView::Snapshot {
        cited: cited.clone(),
        original,
    };
    assert_eq!(view(PlanLookup::Readable(&other)), snapshot(Original::Same));

    let mut changed = other.clone();
    changed.goals[0].check_ins[0].value = 250.0;
    match view(PlanLookup::Readable(&changed)) {
        CitationView::Snapshot {
            cited: shown,
            original: Original::Changed(now),
        } => {
            assert_eq!(shown, cited, "the snapshot is still what is shown");
            assert!(now.final_check_in.unwrap().starts_with("250"));
        }
        v => panic!("{v:?}"),
    }
    assert_eq!(
        view(PlanLookup::Readable(&GoalBook::default())),
        snapshot(Original::GoalGone)
    );
    assert_eq!(view(PlanLookup::Missing), snapshot(Original::PlanGone));
    assert_eq!(
        view(PlanLookup::Unreadable("not valid JSON")),
        snapshot(Original::PlanUnreadable("not valid JSON".into()))
    );
    assert!(Original::PlanGone
        .message(&cited)
        .unwrap()
        .contains("“Launch 2024” is not in this browser"));
    assert!(Original::PlanUnreadable("x".into())
        .message(&cited)
        .unwrap()
        .contains("cannot be read"));
    assert_eq!(Original::Same.message(&cited), None);
}

#[test]
fn a_plan_citing_another_plans_goal_is_self_contained_and_reopens() {
    let (mut plan, a, e) = plan_b();
    // The other plan's ids ("g1") are not ids of this plan: the reference check must not see them.
    let cited = cite("pA", "Launch 2024", &book(), "g1", d(2025, 1, 2)).unwrap();
    cite_other_goal(&mut plan.career, &a, &e, cited.clone()).unwrap();
    let reopened = PlanReader::linked()
        .read_stored(&store_plan(&plan))
        .expect("the plan reopens");
    let ev = evidence(&reopened, &a, &e);
    assert_eq!(ev.cited_goal, Some(cited));
    // With no other plan around (an exported file opened elsewhere) the snapshot still shows.
    match citation_view(&ev, ("pB", &reopened.goals), &|_| PlanLookup::Missing) {
        Some(CitationView::Snapshot { cited, original }) => {
            assert_eq!(original, Original::PlanGone);
            assert!(cited.final_check_in.is_some());
        }
        v => panic!("{v:?}"),
    }
}

#[test]
fn a_goal_of_this_plan_is_read_live_and_its_snapshot_outlives_it() {
    let (mut plan, a, e) = plan_b();
    plan.goals = book();
    cite_own_goal(&mut plan, &a, &e, "g2", d(2025, 1, 2)).unwrap();
    plan.goals.goals[1].check_ins[0].value = 300.0;
    let ev = evidence(&plan, &a, &e);
    match citation_view(&ev, ("pB", &plan.goals), &|_| unreachable!()) {
        Some(CitationView::Live(c)) => assert!(c.final_check_in.unwrap().starts_with("300")),
        v => panic!("{v:?}"),
    }
    crate::core::edits::remove_goal_everywhere(&mut plan, "g2").unwrap();
    let ev = evidence(&plan, &a, &e);
    assert_eq!(ev.goal_id, None);
    match citation_view(&ev, ("pB", &plan.goals), &|_| unreachable!()) {
        Some(CitationView::Snapshot { original, cited }) => {
            assert_eq!(original, Original::GoalGone);
            assert!(cited.final_check_in.unwrap().starts_with("240"));
        }
        v => panic!("{v:?}"),
    }
    assert!(cite_own_goal(&mut plan, &a, &e, "gone", d(2025, 1, 2)).is_err());
    clear_goal_citation(&mut plan.career, &a, &e).unwrap();
    assert_eq!(
        citation_view(
            &evidence(&plan, &a, &e),
            ("pB", &plan.goals),
            &|_| unreachable!()
        ),
        None
    );
}

#[test]
fn a_dangling_goal_id_without_a_snapshot_is_reported_gone() {
    let ev = Evidence {
        goal_id: Some("gone".into()),
        ..Evidence::default()
    };
    assert_eq!(
        citation_view(&ev, ("pB", &GoalBook::default()), &|_| PlanLookup::Missing),
        Some(CitationView::Gone)
    );
}
