use super::*;
use crate::core::audience::{redact, Selection};
use crate::core::sample::sample_plan;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 10).unwrap()
}

#[test]
fn a_shared_copy_reads_as_goals_curve_and_tracks_without_the_private_parts() {
    let plan = redact(&sample_plan("p1", today()), Selection::default(), today());
    let view = readable(&plan, today());
    assert_eq!(view.name, "Sample: Developer forum relaunch");
    assert_eq!(view.as_of, "10 November 2026");
    assert_eq!(
        view.holds,
        vec![
            "Goals and objectives",
            "Commitment curve",
            "Career tracks, levels and bands"
        ]
    );
    assert_eq!(
        view.left_out,
        vec![
            "My current pay",
            "My offers",
            "My pay targets",
            "My self-assessment (ratings and evidence)"
        ]
    );
    assert_eq!(view.objectives.len(), 2);
    let first = &view.objectives[0];
    assert_eq!(
        first.accountable,
        "Owner: Developer community team · Sponsor: VP Developer Experience"
    );
    let goal = &first.goals[0];
    assert_eq!(goal.title, "Grow monthly active contributors");
    assert!(goal
        .statement
        .starts_with("Our goal is to grow monthly active contributors"));
    assert!(
        goal.status.starts_with("Active · On track"),
        "{}",
        goal.status
    );
    assert_eq!(goal.tone, Tone::Good);
    assert!(goal
        .forecast
        .as_deref()
        .is_some_and(|f| f.starts_with("Forecast ")));
    assert_eq!(first.goals[1].tone, Tone::Warn);
}

#[test]
fn the_curve_names_its_bottleneck_and_the_touch_points_for_each_gap() {
    let view = readable(&sample_plan("p1", today()), today());
    let curve = view.curve.unwrap();
    assert!(curve.svg.starts_with("<svg"));
    assert!(curve
        .bottleneck
        .is_some_and(|b| b.starts_with("Bottleneck now: Discover → Join.")));
    assert!(!curve.gaps.is_empty());
    assert!(curve.gaps.iter().all(|g| g.contains(" members short of ")));
}

#[test]
fn the_career_case_appears_only_when_the_tracks_came_along() {
    let plan = sample_plan("p1", today());
    let with = readable(&redact(&plan, Selection::default(), today()), today());
    assert!(with
        .career
        .is_some_and(|c| c.role.starts_with("Community Manager")));
    let without = redact(
        &plan,
        Selection::default().with(Part::Tracks, false),
        today(),
    );
    assert_eq!(readable(&without, today()).career, None);
}

#[test]
fn an_empty_plan_reads_without_sections() {
    let view = readable(&Plan::new("p", " "), today());
    assert_eq!(view.name, "Untitled plan");
    assert!(view.objectives.is_empty() && view.other_goals.is_empty());
    assert_eq!(view.curve, None);
    assert_eq!(view.career, None);
    assert!(view.holds.is_empty());
}
