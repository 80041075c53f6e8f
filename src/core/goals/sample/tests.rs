use super::super::effort::effort_signal;
use super::super::forecast::{track_status, TrackStatus};
use super::super::report::goals_report_markdown;
use super::super::review::due_reviews;
use super::super::smart::{is_output_only, smart_check};
use super::super::statement::statement_is_complete;
use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn sampled(today: NaiveDate) -> Plan {
    let mut plan = Plan::new("sample", "DevRel program 2026");
    sample_as_of(&mut plan, today);
    plan
}

#[test]
fn sample_has_two_objectives_and_four_goals_with_history() {
    let plan = sampled(default_sample_today());
    assert_eq!(plan.goals.objectives.len(), 2);
    assert_eq!(plan.goals.goals.len(), 4);
    for goal in &plan.goals.goals {
        assert!(goal.check_ins.len() >= 4, "{}", goal.title);
        assert!(
            goal.steps.len() >= 3 && goal.key_players.len() >= 2,
            "{}",
            goal.title
        );
        assert!(goal
            .check_ins
            .iter()
            .all(|c| c.date <= default_sample_today()));
    }
}

/// Every day from 2026 to 2030: the sample is added on whatever day the user comes.
fn every_day() -> impl Iterator<Item = NaiveDate> {
    d(2026, 1, 1)
        .iter_days()
        .take_while(|day| *day <= d(2030, 12, 31))
}

#[test]
fn sample_goals_pass_every_smart_criterion_whatever_the_date() {
    for today in every_day() {
        let plan = sampled(today);
        for goal in &plan.goals.goals {
            let check = smart_check(goal, today);
            assert!(check.passes(), "{today}: {} {check:?}", goal.title);
            assert!(statement_is_complete(goal), "{}", goal.title);
            assert!(!is_output_only(goal));
            assert_eq!(effort_signal(goal), None, "{}", goal.title);
        }
    }
}

#[test]
fn sample_shows_a_mix_of_on_track_and_at_risk_whatever_the_date() {
    for today in every_day() {
        let plan = sampled(today);
        let statuses: Vec<TrackStatus> = plan.goals.goals.iter().map(track_status).collect();
        assert_eq!(
            statuses,
            vec![
                TrackStatus::OnTrack,
                TrackStatus::AtRisk,
                TrackStatus::OnTrack,
                TrackStatus::OnTrack
            ],
            "{today}"
        );
    }
}

#[test]
fn sample_has_one_review_due_on_its_at_risk_goal_whatever_the_date() {
    // The first of a month, the days before and after a fortnightly review, 29 February
    // and 31 December are all in the range.
    for today in every_day() {
        let plan = sampled(today);
        let due = due_reviews(&plan.goals, today);
        let titles: Vec<&str> = due
            .iter()
            .filter_map(|r| plan.goals.goal(&r.goal_id))
            .map(|g| g.title.as_str())
            .collect();
        assert_eq!(titles, vec![AT_RISK_GOAL], "{today}");
        assert!(due[0].due <= today && due[0].due > today - chrono::Duration::days(14));
    }
}

#[test]
fn sample_history_is_never_in_the_future_whatever_the_date() {
    for today in every_day() {
        let plan = sampled(today);
        for goal in &plan.goals.goals {
            assert!(goal.check_ins.iter().all(|c| c.date <= today), "{today}");
            assert!(goal.last_reviewed.is_some_and(|r| r <= today), "{today}");
            assert!(goal.deadline.is_some_and(|end| end > today), "{today}");
        }
    }
}

#[test]
fn sample_references_resolve_and_ids_are_unique() {
    let plan = sampled(default_sample_today());
    let value = serde_json::to_value(&plan).unwrap();
    let mut ids = Vec::new();
    let mut refs = Vec::new();
    collect(&value, &mut ids, &mut refs);
    let unique: std::collections::BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids");
    for r in &refs {
        assert!(ids.contains(r), "dangling reference {r}");
    }
    assert!(plan.next_id as usize >= ids.len() - 1);
}

fn collect(value: &serde_json::Value, ids: &mut Vec<String>, refs: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v) {
                    ("id", serde_json::Value::String(s)) => ids.push(s.clone()),
                    (k, serde_json::Value::String(s)) if k.ends_with("_id") => refs.push(s.clone()),
                    _ => collect(v, ids, refs),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect(v, ids, refs)),
        _ => {}
    }
}

#[test]
fn sample_survives_a_json_round_trip() {
    let plan = sampled(default_sample_today());
    let text = serde_json::to_string(&plan).unwrap();
    let back: Plan = serde_json::from_str(&text).unwrap();
    assert_eq!(back, plan);
}

#[test]
fn sample_keeps_the_books_unknown_fields() {
    let mut plan: Plan =
        serde_json::from_str(r#"{"id":"p","name":"n","goals":{"future":true}}"#).unwrap();
    sample(&mut plan);
    assert_eq!(
        plan.goals.extra.get("future"),
        Some(&serde_json::Value::Bool(true))
    );
}

#[test]
fn sample_at_the_end_of_time_does_not_panic() {
    let mut plan = Plan::new("p", "n");
    sample_as_of(&mut plan, NaiveDate::MAX);
    assert_eq!(plan.goals.goals.len(), 4);
}

#[test]
fn sample_report_reads_well() {
    let report = goals_report_markdown(&sampled(default_sample_today()), default_sample_today());
    assert!(report.contains("## Build the infrastructure for sustainable community growth"));
    assert!(report.contains("> Our goal is to reduce median time to first response in the community forum from 41 to 24 hours by"));
}
