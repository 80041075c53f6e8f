//! A goal's score at the end of a period: the share of the way from baseline to target the
//! latest check-in (up to the period's end) has come, in the goal's direction, 0–100.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{percent_text, Reading};
use crate::core::goals::Goal;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Score {
    /// The achieved share, 0–100.
    Scored(f64),
    NotScored(NotScored),
}

impl Default for Score {
    fn default() -> Self {
        Score::NotScored(NotScored::NoCheckIn)
    }
}

/// Why a goal could not be scored: never a silent 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotScored {
    /// No check-in with a value up to the period's end.
    NoCheckIn,
    NoBaseline,
    NoTarget,
    /// The target is not beyond the baseline in the goal's direction (e.g. a goal to
    /// decrease with a target above its baseline), so there is no way to measure.
    TargetNotAhead,
}

impl NotScored {
    pub fn label(self) -> &'static str {
        match self {
            NotScored::NoCheckIn => "not scored: no check-in",
            NotScored::NoBaseline => "not scored: no baseline",
            NotScored::NoTarget => "not scored: no target",
            NotScored::TargetNotAhead => {
                "not scored: the target is not beyond the baseline in the goal's direction"
            }
        }
    }
}

impl Score {
    pub fn percent(&self) -> Option<f64> {
        match self {
            Score::Scored(p) => Some(*p),
            Score::NotScored(_) => None,
        }
    }

    pub fn text(&self) -> String {
        match self {
            Score::Scored(p) => percent_text(*p),
            Score::NotScored(why) => why.label().to_string(),
        }
    }
}

/// The latest check-in with a usable value dated on or before `end`.
pub fn latest_by(goal: &Goal, end: NaiveDate) -> Option<Reading> {
    goal.check_ins
        .iter()
        .filter(|c| c.value.is_finite() && c.date <= end)
        .max_by_key(|c| c.date)
        .map(|c| Reading {
            date: c.date,
            value: c.value,
            extra: Default::default(),
        })
}

/// The goal's score for a period ending on `end`. Increase and decrease goals score the
/// share of baseline → target covered, clamped to 0–100; keep-above/below goals score 100
/// when the latest check-in holds the line and 0 when it does not.
pub fn score(goal: &Goal, end: NaiveDate) -> Score {
    let Some(latest) = latest_by(goal, end) else {
        return Score::NotScored(NotScored::NoCheckIn);
    };
    let Some(target) = goal.target_value() else {
        return Score::NotScored(NotScored::NoTarget);
    };
    let direction = goal.metric.direction;
    if direction.is_keep() {
        return Score::Scored(if goal.meets_target(latest.value) {
            100.0
        } else {
            0.0
        });
    }
    let Some(baseline) = goal.baseline_value() else {
        return Score::NotScored(NotScored::NoBaseline);
    };
    let sign = direction.sign();
    let needed = sign * (target - baseline);
    if needed <= 0.0 || !needed.is_finite() {
        return Score::NotScored(NotScored::TargetNotAhead);
    }
    let moved = sign * (latest.value - baseline);
    let share = (moved / needed * 100.0).clamp(0.0, 100.0);
    if share.is_finite() {
        Score::Scored(share)
    } else {
        Score::NotScored(NotScored::TargetNotAhead)
    }
}
