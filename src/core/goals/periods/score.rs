//! A goal's score at the end of a period, 0–100: for a goal to increase or decrease, the share
//! of the way from baseline to target the latest check-in (up to the period's end) has come, in
//! the goal's direction (measured since the baseline, which may be before the period); for a goal
//! to keep a metric above or below a line, the share of the period's own check-ins that held it.

use crate::core::newer::FromNewer;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{percent_text, Reading};
use crate::core::goals::Goal;
use crate::core::plan::Extra;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Score {
    /// The achieved share, 0–100.
    Scored(f64),
    NotScored(NotScored),
    /// A value from a newer version of Trellis, kept as read and written back as it was;
    /// never taken for a known one (`core::newer`).
    #[serde(untagged, deserialize_with = "score_from_newer")]
    Unknown(FromNewer),
}

fn score_from_newer<'de, D: serde::Deserializer<'de>>(d: D) -> Result<FromNewer, D::Error> {
    crate::core::newer::read_unless_known(&["scored", "not_scored"], d)
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
    /// A keep-above/below goal with no check-in inside the period: nothing says whether the
    /// line held in it.
    NoCheckInInPeriod,
    NoBaseline,
    NoTarget,
    /// The target is not beyond the baseline in the goal's direction (e.g. a goal to
    /// decrease with a target above its baseline), so there is no way to measure.
    TargetNotAhead,
    /// The goal's direction is a value from a newer version of Trellis: this version cannot
    /// tell which way is progress.
    DirectionFromNewer,
    /// A value from a newer version of Trellis, kept as read and written back as it was;
    /// never taken for a known one (`core::newer`).
    #[serde(untagged)]
    Unknown(FromNewer),
}

impl NotScored {
    pub fn label(self) -> &'static str {
        match self {
            NotScored::DirectionFromNewer => {
                "not scored: the goal's direction is a value from a newer version of Trellis"
            }
            NotScored::Unknown(_) => "not scored: a reason from a newer version of Trellis",
            NotScored::NoCheckIn => "not scored: no check-in",
            NotScored::NoCheckInInPeriod => "not scored: no check-in in this period",
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
            Score::Unknown(_) => None,
            Score::Scored(p) => Some(*p),
            Score::NotScored(_) => None,
        }
    }

    pub fn text(&self) -> String {
        match self {
            Score::Unknown(_) => "a score from a newer version of Trellis".to_string(),
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

/// How many of a period's check-ins held a keep-above/below goal's line.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Held {
    pub held: u32,
    pub of: u32,
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The check-ins with a usable value from `start` to `end`, both included.
fn in_period(goal: &Goal, start: NaiveDate, end: NaiveDate) -> impl Iterator<Item = f64> + '_ {
    goal.check_ins
        .iter()
        .filter(move |c| c.value.is_finite() && c.date >= start && c.date <= end)
        .map(|c| c.value)
}

/// For a keep-above/below goal: how many of the period's check-ins held the line.
pub fn held(goal: &Goal, start: NaiveDate, end: NaiveDate) -> Option<Held> {
    if !goal.metric.direction.is_keep() || goal.target_value().is_none() {
        return None;
    }
    let (mut held, mut of) = (0u32, 0u32);
    for v in in_period(goal, start, end) {
        of = of.saturating_add(1);
        if goal.meets_target(v) {
            held = held.saturating_add(1);
        }
    }
    (of > 0).then(|| Held {
        held,
        of,
        extra: Extra::default(),
    })
}

/// Whether the goal has a check-in with a value inside the period.
pub fn has_check_in_in(goal: &Goal, start: NaiveDate, end: NaiveDate) -> bool {
    in_period(goal, start, end).next().is_some()
}

/// The goal's score for the period from `start` to `end`. Increase and decrease goals score
/// the share of baseline → target covered by the latest check-in up to `end`, clamped to
/// 0–100; keep-above/below goals score the share of the period's check-ins that held the line
/// (one check-in that slipped is not the whole period, nor is the last one that held).
pub fn score(goal: &Goal, start: NaiveDate, end: NaiveDate) -> Score {
    let Some(latest) = latest_by(goal, end) else {
        return Score::NotScored(NotScored::NoCheckIn);
    };
    let Some(target) = goal.target_value() else {
        return Score::NotScored(NotScored::NoTarget);
    };
    let direction = goal.metric.direction;
    let Some(sign) = direction.sign() else {
        return Score::NotScored(NotScored::DirectionFromNewer);
    };
    if direction.is_keep() {
        return match held(goal, start, end) {
            Some(h) => Score::Scored(f64::from(h.held) * 100.0 / f64::from(h.of)),
            None => Score::NotScored(NotScored::NoCheckInInPeriod),
        };
    }
    let Some(baseline) = goal.baseline_value() else {
        return Score::NotScored(NotScored::NoBaseline);
    };
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
