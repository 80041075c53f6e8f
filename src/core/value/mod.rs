//! What the work is worth: a value model on a goal or a touch point multiplies a driver taken
//! from its metric by unit values the team assumes, each a three-point estimate (low, most
//! likely or mean, high) with a source and a date. The value is a stated interval from a seeded
//! simulation (`simulate`), never a bare number and never the product of all the lows and all
//! the highs: always with the method and what it rests on.
//!
//! Nothing here reads a clock: where "today" matters it is a parameter.

use crate::core::newer::FromNewer;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::core::plan::Extra;

use crate::core::plan::Plan;

pub mod examples;
mod range;
mod simulate;
mod wording;

pub use examples::{example, examples, Example};
pub use range::{
    driver_value, factor, valuation, Bound, DriverValue, Subject, ValueInterval, ValueProblem,
};
pub use simulate::{Triangle, DRAWS, INTERVAL_PERCENT, SEED};
pub use wording::{
    assumption_text, format_amount, method_text, model_markdown, plan_value, plan_value_markdown,
    stale_note, value_lines, value_summary, PlanValue, ValuedWork, NO_VALUE_YET, STALE_AFTER_DAYS,
};

#[cfg(test)]
mod tests;

/// A value model: `driver × assumption × assumption × …`, each assumption a range.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ValueModel {
    /// Which measured quantity of the goal or touch point drives the value.
    pub driver: Driver,
    /// The unit values, rates and shares the driver is multiplied by.
    pub assumptions: Vec<Assumption>,
    /// What the value is counted in, e.g. "USD"; shown after each figure.
    pub unit: String,
    /// Key of the built-in example this model was started from (not a plan record).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<String>,
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One assumption of a model, e.g. "cost of a support ticket, USD per ticket, 40 / 60 / 90,
/// from the support team's 2025 budget, dated 1 March 2026": a three-point estimate.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Assumption {
    pub label: String,
    /// The unit of the figures; "%" means they are percentages (30 is 0.3 times).
    pub unit: String,
    pub low: Option<f64>,
    /// The middle figure: the most likely one, or the mean when `middle_is_mean` (stored as
    /// `expected`, its name before it said which).
    pub expected: Option<f64>,
    pub high: Option<f64>,
    /// The team says the middle figure is a mean (an average), not the most likely figure.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub middle_is_mean: bool,
    /// Where the figures come from, in the team's words.
    pub source: String,
    /// When the figures were taken or last checked.
    pub date: Option<NaiveDate>,
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The measured quantity a model starts from. The first four belong to goals (their metric
/// and target), the last three to touch points (their data point's conversion).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Driver {
    /// The goal's target value.
    #[default]
    Target,
    /// What reaching the target adds: target − baseline (baseline − target for a decrease).
    GainToTarget,
    /// The latest check-in's value.
    Latest,
    /// What the goal has gained so far: latest check-in − baseline.
    GainSoFar,
    /// Members of the touch point's starting stage now × its current conversion.
    MovedNow,
    /// Members of the starting stage now × the target conversion.
    MovedAtTarget,
    /// Members of the starting stage now × (target − current conversion).
    MovedGain,
    /// A value from a newer version of Trellis, kept as read and written back as it was;
    /// never taken for a known one (`core::newer`).
    #[serde(untagged)]
    Unknown(FromNewer),
}

/// What a model sits on, for the drivers it may use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OwnerKind {
    Goal,
    TouchPoint,
}

impl Driver {
    pub const FOR_GOAL: [Driver; 4] = [
        Driver::Target,
        Driver::GainToTarget,
        Driver::Latest,
        Driver::GainSoFar,
    ];
    pub const FOR_TOUCH_POINT: [Driver; 3] =
        [Driver::MovedNow, Driver::MovedAtTarget, Driver::MovedGain];

    pub fn choices(owner: OwnerKind) -> &'static [Driver] {
        match owner {
            OwnerKind::Goal => &Self::FOR_GOAL,
            OwnerKind::TouchPoint => &Self::FOR_TOUCH_POINT,
        }
    }

    /// The driver a new model on `owner` starts with.
    pub fn first(owner: OwnerKind) -> Driver {
        Self::choices(owner)[0]
    }

    pub fn key(self) -> &'static str {
        match self {
            Driver::Unknown(_) => crate::core::newer::OPTION,
            Driver::Target => "target",
            Driver::GainToTarget => "gain_to_target",
            Driver::Latest => "latest",
            Driver::GainSoFar => "gain_so_far",
            Driver::MovedNow => "moved_now",
            Driver::MovedAtTarget => "moved_at_target",
            Driver::MovedGain => "moved_gain",
        }
    }

    pub fn from_key(key: &str) -> Option<Driver> {
        Self::FOR_GOAL
            .iter()
            .chain(&Self::FOR_TOUCH_POINT)
            .copied()
            .find(|d| d.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            Driver::Unknown(_) => crate::core::newer::LABEL,
            Driver::Target => "The target",
            Driver::GainToTarget => "The gain from baseline to target",
            Driver::Latest => "The latest check-in",
            Driver::GainSoFar => "The gain from baseline to the latest check-in",
            Driver::MovedNow => "Members moved on at the current conversion",
            Driver::MovedAtTarget => "Members moved on at the target conversion",
            Driver::MovedGain => "Members moved on by reaching the target conversion",
        }
    }
}

impl Assumption {
    /// What the middle figure is: "most likely", or "mean" when the team says so.
    pub fn middle_word(&self) -> &'static str {
        if self.middle_is_mean {
            "mean"
        } else {
            "most likely"
        }
    }
}

impl ValueModel {
    /// A blank model for `owner`: its first driver, one empty assumption.
    pub fn blank(owner: OwnerKind) -> ValueModel {
        ValueModel {
            driver: Driver::first(owner),
            assumptions: vec![Assumption::default()],
            ..ValueModel::default()
        }
    }
}

/// The model slot of a goal or touch point of `plan` (`None` when the record is gone).
pub fn model_slot<'a>(
    plan: &'a Plan,
    owner: OwnerKind,
    id: &str,
) -> Option<&'a Option<ValueModel>> {
    match owner {
        OwnerKind::Goal => plan.goals.goal(id).map(|g| &g.value),
        OwnerKind::TouchPoint => plan.curve.touch_point(id).map(|t| &t.value),
    }
}

pub fn model_slot_mut<'a>(
    plan: &'a mut Plan,
    owner: OwnerKind,
    id: &str,
) -> Option<&'a mut Option<ValueModel>> {
    match owner {
        OwnerKind::Goal => plan.goals.goal_mut(id).map(|g| &mut g.value),
        OwnerKind::TouchPoint => plan.curve.touch_point_mut(id).map(|t| &mut t.value),
    }
}

/// [`value_summary`] of the record's model, if it has one.
pub fn summary_in(plan: &Plan, owner: OwnerKind, id: &str) -> Option<String> {
    match owner {
        OwnerKind::Goal => {
            let goal = plan.goals.goal(id)?;
            Some(value_summary(goal.value.as_ref()?, Subject::Goal(goal)))
        }
        OwnerKind::TouchPoint => {
            let tp = plan.curve.touch_point(id)?;
            let subject = Subject::TouchPoint(&plan.curve, tp);
            Some(value_summary(tp.value.as_ref()?, subject))
        }
    }
}
