//! Program objectives and SMART goals: the data the Goals tool keeps in a plan, and
//! every rule and figure it shows (SMART check, trajectory, forecast, reviews, reports).
//!
//! Nothing here reads a clock: where "today" matters it is a parameter.

use crate::core::newer::FromNewer;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::core::career::Scope;
pub use crate::core::ids::{CheckInId, GoalId, KeyPlayerId, MilestoneId, ObjectiveId, StepId};
use crate::core::ids::{KeyAreaId, PeriodId, StageId, TouchPointId};
use crate::core::plan::Extra;

pub mod accountability;
pub mod catalog;
pub mod commitment;
pub mod effort;
pub mod forecast;
mod ops;
pub mod periods;
pub mod report;
pub mod review;
mod sample;
pub mod smart;
pub mod statement;
pub mod templates;
pub mod text;
pub mod trajectory;

#[cfg(test)]
mod fixtures;

pub use commitment::{drift, drift_messages, Drift};
pub use effort::{effort_signal, EffortSignal};
pub use forecast::{percent_complete, progress, track_status, Forecast, Progress, TrackStatus};
pub use ops::*;
pub use report::{check_ins_csv, goals_report_markdown};
pub use review::{due_reviews, next_review, review_calendar_ics, review_dates, DueReview};
pub use sample::{sample, sample_as_of};
pub use smart::{
    is_output_only, smart_check, smart_check_with, Criterion, CriterionCheck, ObservedInflow,
    SmartCheck, Verdict,
};
pub use statement::{statement, statement_text, Segment};
pub use trajectory::{milestone_points, planned_path, planned_value, Point, TrajectoryError};

/// Everything the Goals tool keeps in a plan.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GoalBook {
    /// The why of the program, in the order the team chose.
    pub objectives: Vec<Objective>,
    /// All goals, in the order the team chose; each names its objective.
    pub goals: Vec<Goal>,
    /// The plan's periods (quarters, halves, custom dates), oldest first; empty until the
    /// team starts one (`periods::start_period`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub periods: Vec<periods::Period>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A program objective, e.g. "Build the infrastructure for sustainable community growth".
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Objective {
    pub id: ObjectiveId,
    pub title: String,
    pub description: String,
    /// Who answers for the objective day to day, e.g. "Developer community team".
    #[serde(skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// The business leader who sponsors it and owns the strategy it serves.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub sponsor: String,
    /// The business goal it serves, e.g. "Cut support cost per customer by 15% this year".
    #[serde(skip_serializing_if = "String::is_empty")]
    pub business_goal: String,
    /// The width of influence owning it demands, when the team says; otherwise the scope
    /// check lists it as not tagged (`career::scope_check`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<Scope>,
    /// Key areas of the plan's career tracks this work exercises.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub key_area_ids: Vec<KeyAreaId>,
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One SMART goal: a key result of an objective.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Goal {
    pub id: GoalId,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub objective_id: Option<ObjectiveId>,
    pub title: String,
    /// Action verb + what changes, e.g. "increase monthly active contributors".
    pub objective: String,
    pub metric: Metric,
    pub baseline: Option<f64>,
    pub baseline_date: Option<NaiveDate>,
    pub target: Option<f64>,
    pub deadline: Option<NaiveDate>,
    pub key_players: Vec<KeyPlayer>,
    pub steps: Vec<Step>,
    /// The result or benefit, phrased to follow "Accomplishing this goal will …".
    pub result: String,
    pub status: GoalStatus,
    pub cadence: Cadence,
    /// How the planned trajectory runs between milestones-free stretches.
    pub growth: Growth,
    pub milestones: Vec<Milestone>,
    /// Kept sorted by date by the operations that add them.
    pub check_ins: Vec<CheckIn>,
    /// What the team agreed to, frozen when the goal was committed.
    pub commitment: Option<Commitment>,
    pub last_reviewed: Option<NaiveDate>,
    /// The commitment-curve stage this goal was created to move (its gap), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage_id: Option<StageId>,
    /// The curve touch point this goal was created from, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub touch_point_id: Option<TouchPointId>,
    /// The width of influence this goal demands, when the team says; otherwise the scope
    /// check lists it as not tagged (`career::scope_check`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<Scope>,
    /// Key areas of the plan's career tracks this goal exercises.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub key_area_ids: Vec<KeyAreaId>,
    /// What reaching the goal is worth, by the team's assumptions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<crate::core::value::ValueModel>,
    /// The closed period this goal was finished in; none while it belongs to the open
    /// period (or the plan has no periods).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period_id: Option<PeriodId>,
    /// Committed (reached in full) or aspirational (a stretch, where most of the way counts).
    #[serde(default, skip_serializing_if = "Ambition::is_committed")]
    pub ambition: Ambition,
    #[serde(flatten)]
    pub extra: Extra,
}

/// How a goal is graded when its period closes, as OKR practice grades it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ambition {
    /// The team commits to reaching it in full: success is 100%.
    #[default]
    Committed,
    /// A stretch goal: reaching [`ASPIRATIONAL_SUCCESS_PERCENT`] of the way counts as success.
    Aspirational,
    /// A value from a newer version of Trellis, kept as read and written back as it was;
    /// never taken for a known one (`core::newer`).
    #[serde(untagged)]
    Unknown(FromNewer),
}

/// The score an aspirational goal needs to count as a success. A rule of thumb from OKR
/// practice: a stretch goal graded 0.7 was set well.
pub const ASPIRATIONAL_SUCCESS_PERCENT: f64 = 70.0;

impl Ambition {
    pub fn is_committed(&self) -> bool {
        *self == Ambition::Committed
    }

    /// The score (0–100) at which a goal of this ambition counts as a success; None for an
    /// ambition from a newer version of Trellis (its bar is not known here).
    pub fn success_percent(self) -> Option<f64> {
        match self {
            Ambition::Unknown(_) => None,
            Ambition::Committed => Some(100.0),
            Ambition::Aspirational => Some(ASPIRATIONAL_SUCCESS_PERCENT),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Ambition::Unknown(_) => crate::core::newer::LABEL,
            Ambition::Committed => "Committed",
            Ambition::Aspirational => "Aspirational",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Ambition::Unknown(_) => crate::core::newer::OPTION,
            Ambition::Committed => "committed",
            Ambition::Aspirational => "aspirational",
        }
    }
}

/// What a goal measures and how the numbers are to be read.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Metric {
    pub name: String,
    pub unit: String,
    pub direction: Direction,
    pub totalling: Totalling,
    pub window: Window,
    /// Key of the built-in catalog entry this metric came from (not a plan record).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub catalog_key: Option<String>,
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    #[default]
    Increase,
    Decrease,
    /// Hold the metric at or above the target (a floor).
    KeepAbove,
    /// Hold the metric at or below the target (a ceiling).
    KeepBelow,
    /// A value from a newer version of Trellis, kept as read and written back as it was;
    /// never taken for a known one (`core::newer`).
    #[serde(untagged)]
    Unknown(FromNewer),
}

impl Direction {
    /// +1 when bigger is better, -1 when smaller is better; None for a direction from a newer
    /// version of Trellis, where which way is better is not known here.
    pub fn sign(self) -> Option<f64> {
        match self {
            Direction::Unknown(_) => None,
            Direction::Increase | Direction::KeepAbove => Some(1.0),
            Direction::Decrease | Direction::KeepBelow => Some(-1.0),
        }
    }

    pub fn is_keep(self) -> bool {
        matches!(self, Direction::KeepAbove | Direction::KeepBelow)
    }

    pub fn label(self) -> &'static str {
        match self {
            Direction::Unknown(_) => crate::core::newer::LABEL,
            Direction::Increase => "increase",
            Direction::Decrease => "decrease",
            Direction::KeepAbove => "keep above",
            Direction::KeepBelow => "keep below",
        }
    }
}

/// How the values of a metric add up over time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Totalling {
    /// A snapshot: each value replaces the last (monthly active members, median times, NPS).
    #[default]
    LatestValue,
    /// Everything so far added up; never goes down (tutorials published, attendees so far).
    RunningTotal,
    /// A count per time window (first-time contributors per month).
    Rate,
    /// A value from a newer version of Trellis, kept as read and written back as it was;
    /// never taken for a known one (`core::newer`).
    #[serde(untagged)]
    Unknown(FromNewer),
}

impl Totalling {
    pub fn label(self) -> &'static str {
        match self {
            Totalling::Unknown(_) => crate::core::newer::LABEL,
            Totalling::LatestValue => "latest value",
            Totalling::RunningTotal => "running total",
            Totalling::Rate => "rate",
        }
    }
}

/// The time window a metric is counted over.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Window {
    Day,
    Week,
    Month,
    Quarter,
    Year,
    /// The whole goal period, counted from the baseline date.
    #[default]
    SinceBaseline,
    /// A value from a newer version of Trellis, kept as read and written back as it was;
    /// never taken for a known one (`core::newer`).
    #[serde(untagged)]
    Unknown(FromNewer),
}

impl Window {
    pub fn label(self) -> &'static str {
        match self {
            Window::Unknown(_) => crate::core::newer::LABEL,
            Window::Day => "per day",
            Window::Week => "per week",
            Window::Month => "per month",
            Window::Quarter => "per quarter",
            Window::Year => "per year",
            Window::SinceBaseline => "since the baseline",
        }
    }
}

/// A person or team working on a goal; one of them is the owner.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct KeyPlayer {
    pub id: KeyPlayerId,
    pub name: String,
    pub owner: bool,
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Step {
    pub id: StepId,
    pub text: String,
    /// A key player of the same goal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<KeyPlayerId>,
    pub due: Option<NaiveDate>,
    pub done: bool,
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Milestone {
    pub id: MilestoneId,
    pub date: NaiveDate,
    pub value: f64,
    pub note: String,
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CheckIn {
    pub id: CheckInId,
    pub date: NaiveDate,
    pub value: f64,
    pub note: String,
    /// The team's confidence, 0–100, that the target will be met.
    pub confidence: Option<u8>,
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Baseline, target and deadline as the team agreed them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Commitment {
    pub committed_on: NaiveDate,
    pub baseline: Option<f64>,
    pub baseline_date: Option<NaiveDate>,
    pub target: Option<f64>,
    pub deadline: Option<NaiveDate>,
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GoalStatus {
    #[default]
    Draft,
    Active,
    Achieved,
    Missed,
    Dropped,
    /// A value from a newer version of Trellis, kept as read and written back as it was;
    /// never taken for a known one (`core::newer`).
    #[serde(untagged)]
    Unknown(FromNewer),
}

impl GoalStatus {
    /// Draft and active goals are still being worked on.
    pub fn is_open(self) -> bool {
        matches!(self, GoalStatus::Draft | GoalStatus::Active)
    }

    pub fn label(self) -> &'static str {
        match self {
            GoalStatus::Unknown(_) => crate::core::newer::LABEL,
            GoalStatus::Draft => "Draft",
            GoalStatus::Active => "Active",
            GoalStatus::Achieved => "Achieved",
            GoalStatus::Missed => "Missed",
            GoalStatus::Dropped => "Dropped",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    Weekly,
    Fortnightly,
    #[default]
    Monthly,
    Quarterly,
    /// A value from a newer version of Trellis, kept as read and written back as it was;
    /// never taken for a known one (`core::newer`).
    #[serde(untagged)]
    Unknown(FromNewer),
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Growth {
    /// The same absolute change every day.
    #[default]
    Linear,
    /// The same relative change every day (needs positive baseline and target).
    Compound,
    /// A value from a newer version of Trellis, kept as read and written back as it was;
    /// never taken for a known one (`core::newer`).
    #[serde(untagged)]
    Unknown(FromNewer),
}

impl Goal {
    /// The baseline if it is a usable number.
    pub fn baseline_value(&self) -> Option<f64> {
        self.baseline.filter(|v| v.is_finite())
    }

    /// The target if it is a usable number.
    pub fn target_value(&self) -> Option<f64> {
        self.target.filter(|v| v.is_finite())
    }

    /// The most recent check-in with a usable value (by date, then by position).
    pub fn latest_check_in(&self) -> Option<&CheckIn> {
        self.check_ins
            .iter()
            .filter(|c| c.value.is_finite())
            .max_by_key(|c| c.date)
    }

    pub fn owner(&self) -> Option<&KeyPlayer> {
        self.key_players.iter().find(|p| p.owner)
    }

    /// Whether `value` meets the target in the goal's direction.
    pub fn meets_target(&self, value: f64) -> bool {
        match (self.target_value(), value.is_finite()) {
            (Some(target), true) => match self.metric.direction {
                Direction::Unknown(_) => false,
                Direction::Increase | Direction::KeepAbove => value >= target,
                Direction::Decrease | Direction::KeepBelow => value <= target,
            },
            _ => false,
        }
    }
}

impl GoalBook {
    pub fn goal(&self, id: &str) -> Option<&Goal> {
        self.goals.iter().find(|g| g.id == id)
    }

    pub fn goal_mut(&mut self, id: &str) -> Option<&mut Goal> {
        self.goals.iter_mut().find(|g| g.id == id)
    }

    pub fn objective(&self, id: &str) -> Option<&Objective> {
        self.objectives.iter().find(|o| o.id == id)
    }

    pub fn objective_mut(&mut self, id: &str) -> Option<&mut Objective> {
        self.objectives.iter_mut().find(|o| o.id == id)
    }

    /// The goals of one objective (or, with `None`, those without one), in order.
    pub fn goals_of(&self, objective_id: Option<&str>) -> Vec<&Goal> {
        self.goals
            .iter()
            .filter(|g| g.objective_id.as_deref() == objective_id)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_document_loads_as_an_empty_book() {
        let book: GoalBook = serde_json::from_str("{}").unwrap();
        assert_eq!(book, GoalBook::default());
    }

    #[test]
    fn a_minimal_goal_loads_with_defaults() {
        let book: GoalBook =
            serde_json::from_str(r#"{"goals":[{"id":"g1","title":"T"}]}"#).unwrap();
        let goal = &book.goals[0];
        assert_eq!(goal.status, GoalStatus::Draft);
        assert_eq!(goal.cadence, Cadence::Monthly);
        assert_eq!(goal.metric.direction, Direction::Increase);
    }

    #[test]
    fn unknown_fields_on_book_and_goal_survive_a_round_trip() {
        let text = r#"{"fromTheFuture":1,"goals":[{"id":"g1","colour":"teal"}]}"#;
        let book: GoalBook = serde_json::from_str(text).unwrap();
        let back = serde_json::to_value(&book).unwrap();
        assert_eq!(back["fromTheFuture"], 1);
        assert_eq!(back["goals"][0]["colour"], "teal");
    }

    #[test]
    fn enums_serialize_in_snake_case() {
        let metric = Metric {
            direction: Direction::KeepBelow,
            totalling: Totalling::RunningTotal,
            window: Window::SinceBaseline,
            ..Metric::default()
        };
        let value = serde_json::to_value(&metric).unwrap();
        assert_eq!(value["direction"], "keep_below");
        assert_eq!(value["totalling"], "running_total");
        assert_eq!(value["window"], "since_baseline");
    }

    #[test]
    fn absent_references_are_left_out_of_the_file() {
        let value = serde_json::to_value(Goal::default()).unwrap();
        assert!(value.get("objective_id").is_none());
    }

    #[test]
    fn curve_links_load_and_are_left_out_when_absent() {
        let text = r#"{"id":"g1","stage_id":"s2","touch_point_id":"t1"}"#;
        let goal: Goal = serde_json::from_str(text).unwrap();
        assert_eq!(goal.stage_id.as_deref(), Some("s2"));
        assert_eq!(goal.touch_point_id.as_deref(), Some("t1"));
        assert!(goal.extra.is_empty());
        let plain = serde_json::to_value(Goal::default()).unwrap();
        assert!(plain.get("stage_id").is_none() && plain.get("touch_point_id").is_none());
        let old: Goal = serde_json::from_str(r#"{"id":"g1"}"#).unwrap();
        assert_eq!(old.stage_id, None);
    }

    #[test]
    fn latest_check_in_is_by_date_and_skips_unusable_values() {
        let d = |m| NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
        let goal = Goal {
            check_ins: vec![
                CheckIn {
                    date: d(3),
                    value: 5.0,
                    ..CheckIn::default()
                },
                CheckIn {
                    date: d(5),
                    value: f64::NAN,
                    ..CheckIn::default()
                },
                CheckIn {
                    date: d(1),
                    value: 9.0,
                    ..CheckIn::default()
                },
            ],
            ..Goal::default()
        };
        assert_eq!(goal.latest_check_in().map(|c| c.value), Some(5.0));
    }

    #[test]
    fn meets_target_follows_the_direction() {
        let mut goal = Goal {
            target: Some(10.0),
            ..Goal::default()
        };
        assert!(goal.meets_target(10.0));
        assert!(!goal.meets_target(9.0));
        goal.metric.direction = Direction::Decrease;
        assert!(goal.meets_target(9.0));
        assert!(!goal.meets_target(f64::NAN));
    }
}
