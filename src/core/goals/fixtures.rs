//! Shared test data: a complete, SMART goal to vary one field at a time.

use chrono::NaiveDate;

use super::catalog::catalog_metric;
use super::{CheckIn, Goal, GoalStatus, KeyPlayer, Step};

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The "today" the fixture goal is checked against.
pub fn today() -> NaiveDate {
    d(2026, 3, 1)
}

/// 120 → 180 monthly active contributors, 1 Jan 2026 → 1 Oct 2026, active, fully filled in.
pub fn plain_goal() -> Goal {
    Goal {
        id: "g1".into(),
        objective_id: Some("o1".into()),
        title: "Grow monthly active contributors".into(),
        objective: "grow monthly active contributors".into(),
        metric: catalog_metric("monthly_active_contributors")
            .unwrap()
            .to_metric(),
        baseline: Some(120.0),
        baseline_date: Some(d(2026, 1, 1)),
        target: Some(180.0),
        deadline: Some(d(2026, 10, 1)),
        key_players: vec![
            KeyPlayer {
                id: "k1".into(),
                name: "The community team".into(),
                owner: true,
                extra: Default::default(),
            },
            KeyPlayer {
                id: "k2".into(),
                name: "maintainers".into(),
                owner: false,
                extra: Default::default(),
            },
        ],
        steps: vec![
            Step {
                id: "s1".into(),
                text: "labelling 40 good first issues".into(),
                ..Step::default()
            },
            Step {
                id: "s2".into(),
                text: "running a monthly onboarding call".into(),
                ..Step::default()
            },
        ],
        result: "spread maintenance across more people".into(),
        status: GoalStatus::Active,
        ..Goal::default()
    }
}

pub fn check_in(id: &str, date: NaiveDate, value: f64) -> CheckIn {
    CheckIn {
        id: id.into(),
        date,
        value,
        ..CheckIn::default()
    }
}
