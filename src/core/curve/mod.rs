//! The community commitment curve: stages members move through, the touch points that
//! move them, the problem areas found in the gap analysis and dated member counts.
//!
//! The types live here; the operations and figures live in the submodules.

use crate::core::newer::FromNewer;
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};

use crate::core::career::Scope;
use crate::core::ids::KeyAreaId;
pub use crate::core::ids::{AskId, ProblemAreaId, SnapshotId, StageId, TouchPointId};
use crate::core::plan::Extra;

pub mod activity;
pub mod analysis;
pub mod distribution;
pub mod flows;
pub mod geometry;
pub mod goal_seed;
pub mod gravity;
pub mod ladder;
pub mod ops;
mod sample;
pub mod snapshots;
pub mod svg_export;
pub mod templates;
mod templates_data;
pub mod warnings;

pub use analysis::{bottleneck, conversions, gap_table, shares, Basis};
pub use goal_seed::{goal_seed_from_gap, goal_seed_from_touch_point, GoalSeed};
pub use sample::sample;
pub(in crate::core) use templates::apply_template;
pub use templates::{templates, TemplateKind};
pub use warnings::{warnings, Warning, WarningKind};

/// Lowest and highest commitment level a stage can have.
pub const MIN_LEVEL: u8 = 0;
pub const MAX_LEVEL: u8 = 100;
/// Effort scale of an ask (the Orbit model's 1–12 activity weights).
pub const MIN_EFFORT: u8 = 1;
pub const MAX_EFFORT: u8 = 12;

/// Everything the Commitment-curve tool keeps in a plan.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Curve {
    /// Ordered from the outermost (least committed) stage to the innermost.
    pub stages: Vec<Stage>,
    pub touch_points: Vec<TouchPoint>,
    pub problem_areas: Vec<ProblemArea>,
    pub snapshots: Vec<Snapshot>,
    /// The model the curve was started from, as shown to users ("" when built by hand).
    pub source: String,
    /// How members are put in stages when counted from an activity file (`activity`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activity_rules: Option<activity::ActivityRules>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// One level of commitment on the member journey.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Stage {
    pub id: StageId,
    pub name: String,
    pub description: String,
    /// 0 (outside the community) to 100 (at its core); y of the drawing.
    #[serde(deserialize_with = "de_level")]
    pub commitment_level: u8,
    pub members_now: u64,
    /// 0 means no target has been set.
    pub target_members: u64,
    pub target_date: Option<NaiveDate>,
    /// What members are asked to do at this stage, in the order they are offered.
    pub asks: Vec<Ask>,
    /// Empathy map: feelings to amplify.
    pub emotions_desired: Vec<String>,
    /// Empathy map: feelings members report today (what to ease).
    pub emotions_observed: Vec<String>,
    pub notes: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Something a member is asked to do, with its effort on the 1–12 scale.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Ask {
    pub id: AskId,
    pub text: String,
    #[serde(deserialize_with = "de_effort")]
    pub effort: u8,
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Default for Ask {
    fn default() -> Self {
        Ask {
            id: AskId::default(),
            text: String::new(),
            effort: MIN_EFFORT,
            extra: Default::default(),
        }
    }
}

/// What the program does to move members from one stage to another.
/// `from_stage_id == to_stage_id` marks a touch point inside one stage (e.g. acquisition
/// into the first stage).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TouchPoint {
    pub id: TouchPointId,
    pub name: String,
    pub from_stage_id: StageId,
    pub to_stage_id: StageId,
    pub kind: TouchPointKind,
    pub channel: String,
    pub owner: String,
    pub status: TouchPointStatus,
    pub outcome: Outcome,
    pub reward: String,
    pub follow_up: String,
    pub data_point: DataPoint,
    pub notes: String,
    /// The width of influence running it demands, when the team says; otherwise the scope
    /// check lists it as not tagged (`career::scope_check`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<Scope>,
    /// Key areas of the plan's career tracks this touch point exercises.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub key_area_ids: Vec<KeyAreaId>,
    /// What the touch point's conversion is worth, by the team's assumptions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<crate::core::value::ValueModel>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TouchPointKind {
    #[default]
    Onboarding,
    Content,
    Event,
    Recognition,
    /// Incentive or reward.
    Incentive,
    Moderation,
    /// A value from a newer version of Trellis, kept as read and written back as it was;
    /// never taken for a known one (`core::newer`).
    #[serde(untagged)]
    Unknown(FromNewer),
}

impl TouchPointKind {
    pub const ALL: [TouchPointKind; 6] = [
        TouchPointKind::Onboarding,
        TouchPointKind::Content,
        TouchPointKind::Event,
        TouchPointKind::Recognition,
        TouchPointKind::Incentive,
        TouchPointKind::Moderation,
    ];

    pub fn label(self) -> &'static str {
        match self {
            TouchPointKind::Unknown(_) => crate::core::newer::LABEL,
            TouchPointKind::Onboarding => "Onboarding",
            TouchPointKind::Content => "Content",
            TouchPointKind::Event => "Event",
            TouchPointKind::Recognition => "Recognition",
            TouchPointKind::Incentive => "Incentive / reward",
            TouchPointKind::Moderation => "Moderation",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TouchPointStatus {
    Existing,
    #[default]
    Planned,
    /// A value from a newer version of Trellis, kept as read and written back as it was;
    /// never taken for a known one (`core::newer`).
    #[serde(untagged)]
    Unknown(FromNewer),
}

/// The business outcome a touch point serves (CMX SPACES model).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Support,
    Product,
    Acquisition,
    Contribution,
    #[default]
    Engagement,
    Success,
    /// A value from a newer version of Trellis, kept as read and written back as it was;
    /// never taken for a known one (`core::newer`).
    #[serde(untagged)]
    Unknown(FromNewer),
}

impl Outcome {
    pub const ALL: [Outcome; 6] = [
        Outcome::Support,
        Outcome::Product,
        Outcome::Acquisition,
        Outcome::Contribution,
        Outcome::Engagement,
        Outcome::Success,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Outcome::Unknown(_) => crate::core::newer::LABEL,
            Outcome::Support => "Support",
            Outcome::Product => "Product",
            Outcome::Acquisition => "Acquisition",
            Outcome::Contribution => "Contribution",
            Outcome::Engagement => "Engagement",
            Outcome::Success => "Success",
        }
    }
}

/// How a touch point is measured. Unset while `metric` is blank.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DataPoint {
    pub metric: String,
    pub data_source: String,
    pub current_conversion_pct: Option<f64>,
    pub target_conversion_pct: Option<f64>,
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
}

impl DataPoint {
    pub fn is_set(&self) -> bool {
        !self.metric.trim().is_empty()
    }
}

/// A weakness found in the gap analysis, attached to a stage or a touch point.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProblemArea {
    pub id: ProblemAreaId,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage_id: Option<StageId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub touch_point_id: Option<TouchPointId>,
    pub problem: String,
    pub proposed_solution: String,
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Member counts per stage on one day. Counts only: no personal data.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Snapshot {
    pub id: SnapshotId,
    pub date: NaiveDate,
    pub counts: Vec<StageCount>,
    /// How members moved per stage from an earlier date up to this one, when recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flows: Option<flows::Flows>,
    /// Where the counts came from when counted from an activity file (`activity`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counted_from: Option<activity::CountedFrom>,
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StageCount {
    pub stage_id: StageId,
    pub count: u64,
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Snapshot {
    /// The count recorded for a stage, if any.
    pub fn count_for(&self, stage_id: &str) -> Option<u64> {
        self.counts
            .iter()
            .find(|c| c.stage_id == stage_id)
            .map(|c| c.count)
    }

    pub fn total(&self) -> u64 {
        self.counts
            .iter()
            .fold(0u64, |sum, c| sum.saturating_add(c.count))
    }
}

impl Curve {
    pub fn stage(&self, id: &str) -> Option<&Stage> {
        self.stages.iter().find(|s| s.id == id)
    }

    pub fn stage_mut(&mut self, id: &str) -> Option<&mut Stage> {
        self.stages.iter_mut().find(|s| s.id == id)
    }

    pub fn stage_index(&self, id: &str) -> Option<usize> {
        self.stages.iter().position(|s| s.id == id)
    }

    pub fn touch_point(&self, id: &str) -> Option<&TouchPoint> {
        self.touch_points.iter().find(|t| t.id == id)
    }

    pub fn touch_point_mut(&mut self, id: &str) -> Option<&mut TouchPoint> {
        self.touch_points.iter_mut().find(|t| t.id == id)
    }

    /// Stage positions of a touch point's ends, or None if either end is missing.
    pub fn span(&self, tp: &TouchPoint) -> Option<(usize, usize)> {
        Some((
            self.stage_index(&tp.from_stage_id)?,
            self.stage_index(&tp.to_stage_id)?,
        ))
    }

    /// Members in all stages now.
    pub fn total_members(&self) -> u64 {
        self.stages
            .iter()
            .fold(0u64, |sum, s| sum.saturating_add(s.members_now))
    }
}

/// Clamps a float to a commitment level; NaN gives None.
pub fn level_from_f64(value: f64) -> Option<u8> {
    if value.is_nan() {
        return None;
    }
    Some(
        value
            .round()
            .clamp(f64::from(MIN_LEVEL), f64::from(MAX_LEVEL)) as u8,
    )
}

/// Clamps a float to the effort scale; NaN gives None.
pub fn effort_from_f64(value: f64) -> Option<u8> {
    if value.is_nan() {
        return None;
    }
    Some(
        value
            .round()
            .clamp(f64::from(MIN_EFFORT), f64::from(MAX_EFFORT)) as u8,
    )
}

// Out-of-range numbers in an imported file are clamped rather than rejecting the whole plan.
fn de_level<'de, D: Deserializer<'de>>(d: D) -> Result<u8, D::Error> {
    let v = Option::<f64>::deserialize(d)?;
    Ok(v.and_then(level_from_f64).unwrap_or(MIN_LEVEL))
}

fn de_effort<'de, D: Deserializer<'de>>(d: D) -> Result<u8, D::Error> {
    let v = Option::<f64>::deserialize(d)?;
    Ok(v.and_then(effort_from_f64).unwrap_or(MIN_EFFORT))
}

/// Shared pieces for the submodules' tests.
#[cfg(test)]
pub(crate) mod test_support {
    use super::*;

    /// A curve with stages `s1..sN` given as (name, level, now, target).
    pub fn curve(stages: &[(&str, u8, u64, u64)]) -> Curve {
        Curve {
            stages: stages
                .iter()
                .enumerate()
                .map(|(i, (name, level, now, target))| Stage {
                    id: format!("s{}", i + 1).into(),
                    name: name.to_string(),
                    commitment_level: *level,
                    members_now: *now,
                    target_members: *target,
                    ..Stage::default()
                })
                .collect(),
            ..Curve::default()
        }
    }

    pub fn touch(id: &str, from: &str, to: &str) -> TouchPoint {
        TouchPoint {
            id: id.into(),
            name: format!("Touch {id}"),
            from_stage_id: from.into(),
            to_stage_id: to.into(),
            data_point: DataPoint {
                metric: "conversion".into(),
                ..DataPoint::default()
            },
            ..TouchPoint::default()
        }
    }

    pub fn ask(id: &str, effort: u8) -> Ask {
        Ask {
            id: id.into(),
            text: format!("ask {id}"),
            effort,
            extra: Default::default(),
        }
    }

    pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_on_curve_stage_and_touch_point_survive_a_round_trip() {
        let text = r#"{"stages":[{"id":"s1","name":"A","glow":1}],
            "touch_points":[{"id":"t1","from_stage_id":"s1","to_stage_id":"s1","hue":"red"}],
            "future":true}"#;
        let curve: Curve = serde_json::from_str(text).unwrap();
        let back = serde_json::to_value(&curve).unwrap();
        assert_eq!(back["future"], true);
        assert_eq!(back["stages"][0]["glow"], 1);
        assert_eq!(back["touch_points"][0]["hue"], "red");
    }

    #[test]
    fn out_of_range_level_and_effort_in_a_file_are_clamped_not_rejected() {
        let text = r#"{"stages":[{"id":"s1","commitment_level":250.7,
            "asks":[{"id":"a1","effort":40},{"id":"a2","effort":-3}]}]}"#;
        let curve: Curve = serde_json::from_str(text).unwrap();
        let stage = &curve.stages[0];
        assert_eq!(stage.commitment_level, 100);
        assert_eq!(stage.asks[0].effort, 12);
        assert_eq!(stage.asks[1].effort, 1);
    }

    #[test]
    fn enums_are_written_in_snake_case() {
        let tp = TouchPoint {
            kind: TouchPointKind::Incentive,
            status: TouchPointStatus::Existing,
            outcome: Outcome::Acquisition,
            ..TouchPoint::default()
        };
        let v = serde_json::to_value(&tp).unwrap();
        assert_eq!(v["kind"], "incentive");
        assert_eq!(v["status"], "existing");
        assert_eq!(v["outcome"], "acquisition");
    }

    #[test]
    fn problem_area_without_attachment_writes_no_dangling_reference_fields() {
        let pa = ProblemArea {
            id: "p1".into(),
            stage_id: Some("s1".into()),
            ..ProblemArea::default()
        };
        let v = serde_json::to_value(&pa).unwrap();
        assert_eq!(v["stage_id"], "s1");
        assert!(v.get("touch_point_id").is_none());
    }

    #[test]
    fn nan_level_is_refused_and_large_values_clamp() {
        assert_eq!(level_from_f64(f64::NAN), None);
        assert_eq!(level_from_f64(-5.0), Some(0));
        assert_eq!(level_from_f64(1e9), Some(100));
        assert_eq!(effort_from_f64(0.0), Some(1));
    }
}
