//! Committing a goal freezes what the team agreed; later edits show up as drift.

use chrono::NaiveDate;
use serde::Serialize;

use super::text::{format_date, format_value};
use super::{Commitment, Goal, GoalStatus};

/// Values closer than this count as unchanged (JSON round trips can perturb the last bit).
pub const DRIFT_TOLERANCE: f64 = 1e-9;

/// Freezes baseline, target and deadline as agreed on `today`; a draft becomes active.
/// Committing again replaces the snapshot (the team agreed new numbers).
pub fn commit(goal: &mut Goal, today: NaiveDate) {
    goal.commitment = Some(Commitment {
        committed_on: today,
        baseline: goal.baseline,
        baseline_date: goal.baseline_date,
        target: goal.target,
        deadline: goal.deadline,
        extra: Default::default(),
    });
    if goal.status == GoalStatus::Draft {
        goal.status = GoalStatus::Active;
    }
}

/// One agreed value that has since been edited.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Drift {
    Baseline {
        committed: Option<f64>,
        now: Option<f64>,
    },
    BaselineDate {
        committed: Option<NaiveDate>,
        now: Option<NaiveDate>,
    },
    Target {
        committed: Option<f64>,
        now: Option<f64>,
    },
    Deadline {
        committed: Option<NaiveDate>,
        now: Option<NaiveDate>,
    },
}

fn same_number(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x == y || (x - y).abs() <= DRIFT_TOLERANCE * x.abs().max(1.0),
        (None, None) => true,
        _ => false,
    }
}

/// What differs from the commitment; empty for uncommitted goals.
pub fn drift(goal: &Goal) -> Vec<Drift> {
    let Some(c) = &goal.commitment else {
        return Vec::new();
    };
    let mut found = Vec::new();
    if !same_number(c.baseline, goal.baseline) {
        found.push(Drift::Baseline {
            committed: c.baseline,
            now: goal.baseline,
        });
    }
    if c.baseline_date != goal.baseline_date {
        found.push(Drift::BaselineDate {
            committed: c.baseline_date,
            now: goal.baseline_date,
        });
    }
    if !same_number(c.target, goal.target) {
        found.push(Drift::Target {
            committed: c.target,
            now: goal.target,
        });
    }
    if c.deadline != goal.deadline {
        found.push(Drift::Deadline {
            committed: c.deadline,
            now: goal.deadline,
        });
    }
    found
}

impl Drift {
    /// e.g. "Target changed from 180 contributors to 200 contributors since the team committed on 1 March 2026."
    pub fn message(&self, unit: &str, committed_on: NaiveDate) -> String {
        let number = |v: &Option<f64>| v.map_or("blank".to_string(), |v| format_value(v, unit));
        let date = |v: &Option<NaiveDate>| v.map_or("blank".to_string(), format_date);
        let (what, from, to) = match self {
            Drift::Baseline { committed, now } => ("Baseline", number(committed), number(now)),
            Drift::BaselineDate { committed, now } => ("Baseline date", date(committed), date(now)),
            Drift::Target { committed, now } => ("Target", number(committed), number(now)),
            Drift::Deadline { committed, now } => ("Deadline", date(committed), date(now)),
        };
        format!(
            "{what} changed from {from} to {to} since the team committed on {}.",
            format_date(committed_on)
        )
    }
}

/// Drift as sentences for the review view and the report.
pub fn drift_messages(goal: &Goal) -> Vec<String> {
    let Some(c) = &goal.commitment else {
        return Vec::new();
    };
    drift(goal)
        .iter()
        .map(|d| d.message(&goal.metric.unit, c.committed_on))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{d, plain_goal, today};
    use super::*;

    #[test]
    fn committing_snapshots_the_numbers_and_activates_a_draft() {
        let mut goal = plain_goal();
        goal.status = GoalStatus::Draft;
        commit(&mut goal, today());
        let c = goal.commitment.clone().unwrap();
        assert_eq!(
            (c.committed_on, c.baseline, c.target, c.deadline),
            (today(), Some(120.0), Some(180.0), goal.deadline)
        );
        assert_eq!(goal.status, GoalStatus::Active);
        assert!(drift(&goal).is_empty());
    }

    #[test]
    fn committing_keeps_a_closed_status() {
        let mut goal = plain_goal();
        goal.status = GoalStatus::Missed;
        commit(&mut goal, today());
        assert_eq!(goal.status, GoalStatus::Missed);
    }

    #[test]
    fn edits_after_commit_show_as_drift_with_messages() {
        let mut goal = plain_goal();
        commit(&mut goal, today());
        goal.target = Some(200.0);
        goal.deadline = Some(d(2026, 12, 1));
        goal.baseline = None;
        assert_eq!(drift(&goal).len(), 3);
        assert_eq!(
            drift_messages(&goal),
            vec![
                "Baseline changed from 120 contributors to blank since the team committed on 1 March 2026.",
                "Target changed from 180 contributors to 200 contributors since the team committed on 1 March 2026.",
                "Deadline changed from 1 October 2026 to 1 December 2026 since the team committed on 1 March 2026.",
            ]
        );
    }

    #[test]
    fn baseline_date_edits_are_drift() {
        let mut goal = plain_goal();
        commit(&mut goal, today());
        goal.baseline_date = Some(d(2026, 2, 1));
        assert_eq!(
            drift(&goal),
            vec![Drift::BaselineDate {
                committed: Some(d(2026, 1, 1)),
                now: Some(d(2026, 2, 1))
            }]
        );
    }

    #[test]
    fn uncommitted_goals_have_no_drift() {
        assert!(drift(&plain_goal()).is_empty());
        assert!(drift_messages(&plain_goal()).is_empty());
    }

    #[test]
    fn rounding_noise_is_not_drift() {
        let mut goal = plain_goal();
        commit(&mut goal, today());
        goal.target = Some(180.0 + 1e-12);
        assert!(drift(&goal).is_empty());
    }
}
