//! Career tracks, levels, key areas, pay bands, compensation records and the
//! comparisons that show whether a community role is bucketed into a lower-paid track.
//!
//! Submodules hold the calculations; this file holds the data model and lookups.

pub mod assess;
pub mod brief;
pub mod chart;
pub mod citation;
pub mod compare;
pub mod currency;
pub mod edit;
pub mod format;
pub mod parity;
pub mod pay;
pub mod readiness;
pub mod reference;
pub mod sample;
pub mod templates;

pub use sample::sample;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::core::plan::Extra;

/// Everything the Career tool keeps in a plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Career {
    pub tracks: Vec<Track>,
    pub comp_records: Vec<CompRecord>,
    pub exchange_rates: Vec<ExchangeRate>,
    pub self_assessments: Vec<SelfAssessment>,
    /// The role under discussion, e.g. "Community Manager II as HR proposes it".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proposed_level_id: Option<String>,
    /// How far (in percent) the proposed band midpoint may sit below its peers before
    /// the bucketing check warns.
    pub bucketing_threshold_percent: f64,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Default for Career {
    fn default() -> Self {
        Career {
            tracks: Vec::new(),
            comp_records: Vec::new(),
            exchange_rates: Vec::new(),
            self_assessments: Vec::new(),
            proposed_level_id: None,
            bucketing_threshold_percent: compare::DEFAULT_BUCKETING_THRESHOLD_PERCENT,
            extra: Extra::new(),
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    #[default]
    Community,
    DeveloperRelations,
    ProgramManagement,
    Marketing,
    Engineering,
    Product,
    Other,
}

impl Family {
    pub const ALL: [Family; 7] = [
        Family::Community,
        Family::DeveloperRelations,
        Family::ProgramManagement,
        Family::Marketing,
        Family::Engineering,
        Family::Product,
        Family::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Family::Community => "Community",
            Family::DeveloperRelations => "Developer relations",
            Family::ProgramManagement => "Program management",
            Family::Marketing => "Marketing",
            Family::Engineering => "Engineering",
            Family::Product => "Product",
            Family::Other => "Other",
        }
    }
}

/// Individual contributor or people manager.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrackKind {
    #[default]
    IndividualContributor,
    Manager,
}

impl TrackKind {
    pub fn label(self) -> &'static str {
        match self {
            TrackKind::IndividualContributor => "Individual contributor",
            TrackKind::Manager => "Manager",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Track {
    pub id: String,
    pub name: String,
    pub family: Family,
    pub kind: TrackKind,
    /// How HR's system classifies the track, e.g. "mapped to Technical Program Management".
    pub hr_classification: String,
    pub levels: Vec<Level>,
    pub key_areas: Vec<KeyArea>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Width of influence, narrowest first; the order is what the parity check relies on.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    #[default]
    #[serde(rename = "self")]
    OneSelf,
    Team,
    SeveralTeams,
    Organisation,
    Company,
    Industry,
}

impl Scope {
    pub const ALL: [Scope; 6] = [
        Scope::OneSelf,
        Scope::Team,
        Scope::SeveralTeams,
        Scope::Organisation,
        Scope::Company,
        Scope::Industry,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Scope::OneSelf => "Self",
            Scope::Team => "Team",
            Scope::SeveralTeams => "Several teams",
            Scope::Organisation => "Organisation",
            Scope::Company => "Company",
            Scope::Industry => "Industry",
        }
    }
}

/// Typical years of experience; `max` is open-ended when absent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct YearsRange {
    pub min: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
}

impl YearsRange {
    pub fn label(&self) -> String {
        match self.max {
            Some(max) if max > self.min => format!("{}–{} years", self.min, max),
            Some(_) => format!("{} years", self.min),
            None => format!("{}+ years", self.min),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Level {
    pub id: String,
    pub code: String,
    pub title: String,
    /// Lines levels up across tracks: rank 3 in Community compares with rank 3 in Engineering.
    pub rank: u32,
    pub scope: Scope,
    pub typical_years: YearsRange,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub band: Option<Band>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct KeyArea {
    pub id: String,
    pub name: String,
    pub description: String,
    pub behaviours: Vec<Behaviour>,
}

/// What is expected in one key area at one level.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Behaviour {
    pub id: String,
    pub level_id: String,
    pub text: String,
}

/// Which pay a band (or a comparison) covers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PayBasis {
    #[default]
    Base,
    /// Base plus target bonus.
    TotalCash,
    /// Base, target bonus and annualised equity (and sign-on when spread).
    TotalComp,
}

impl PayBasis {
    pub fn label(self) -> &'static str {
        match self {
            PayBasis::Base => "base salary",
            PayBasis::TotalCash => "total cash",
            PayBasis::TotalComp => "total compensation",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    OfficialStatistic,
    Survey,
    SelfReported,
    #[default]
    OwnEstimate,
    /// Made up to show the shape of a ladder; never market data.
    Illustrative,
}

impl SourceKind {
    pub fn label(self) -> &'static str {
        match self {
            SourceKind::OfficialStatistic => "official statistic",
            SourceKind::Survey => "survey",
            SourceKind::SelfReported => "self-reported",
            SourceKind::OwnEstimate => "own estimate",
            SourceKind::Illustrative => "illustrative, not market data",
        }
    }
}

/// Where a figure comes from. Every band shows this next to its numbers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Source {
    pub publisher: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    pub kind: SourceKind,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub link: String,
    /// Caveats, e.g. "occupation-wide median, all experience levels".
    pub note: String,
}

impl Source {
    /// "U.S. Bureau of Labor Statistics, 2021 (official statistic)".
    pub fn label(&self) -> String {
        let publisher = if self.publisher.trim().is_empty() {
            "Unknown source"
        } else {
            self.publisher.trim()
        };
        match self.year {
            Some(year) => format!("{publisher}, {year} ({})", self.kind.label()),
            None => format!("{publisher}, year unknown ({})", self.kind.label()),
        }
    }
}

/// Known percentiles; a missing one is unknown (BLS top-codes high wages), never zero.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Percentiles {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p10: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p25: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p50: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p75: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p90: Option<i64>,
}

impl Percentiles {
    /// The known points as (percentile, amount), lowest percentile first.
    pub fn known(&self) -> Vec<(u8, i64)> {
        [
            (10, self.p10),
            (25, self.p25),
            (50, self.p50),
            (75, self.p75),
            (90, self.p90),
        ]
        .into_iter()
        .filter_map(|(p, v)| v.map(|v| (p, v)))
        .collect()
    }
}

/// A salary band for one level. Amounts are integer minor units of `currency`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Band {
    /// ISO 4217, e.g. "USD".
    pub currency: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mid: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    /// A target that replaces the midpoint in the compa-ratio, where the company sets one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<i64>,
    pub percentiles: Percentiles,
    pub basis: PayBasis,
    pub source: Source,
}

impl Band {
    /// The midpoint: as entered, else the median, else halfway between min and max.
    pub fn midpoint(&self) -> Option<i64> {
        if let Some(mid) = self.mid.or(self.percentiles.p50) {
            return Some(mid);
        }
        match (self.min, self.max) {
            (Some(min), Some(max)) => Some(pay::midway(min, max)),
            _ => None,
        }
    }

    /// Lowest figure known for drawing: min, else the lowest known percentile, else the midpoint.
    pub fn low(&self) -> Option<i64> {
        self.min
            .or_else(|| self.percentiles.known().first().map(|p| p.1))
            .or_else(|| self.midpoint())
    }

    /// Highest figure known for drawing: max, else the highest known percentile, else the midpoint.
    pub fn high(&self) -> Option<i64> {
        self.max
            .or_else(|| self.percentiles.known().last().map(|p| p.1))
            .or_else(|| self.midpoint())
    }
}

/// Pay as it is (current) or might be (offer, target).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompKind {
    #[default]
    Current,
    Offer,
    Target,
}

impl CompKind {
    pub fn label(self) -> &'static str {
        match self {
            CompKind::Current => "current pay",
            CompKind::Offer => "offer",
            CompKind::Target => "target",
        }
    }
}

/// One package: current pay, an offer or a target. Amounts in minor units of `currency`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CompRecord {
    pub id: String,
    pub label: String,
    pub kind: CompKind,
    pub company: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub track_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level_id: Option<String>,
    pub currency: String,
    pub base: i64,
    pub target_bonus: i64,
    pub sign_on: i64,
    pub equity_grant: i64,
    pub vesting_years: u32,
    /// Count the sign-on bonus as spread over the vesting years in the annualised total.
    pub spread_sign_on: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
}

/// A rate the user entered: one unit of `from` buys `rate` units of `to`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExchangeRate {
    pub id: String,
    pub from: String,
    pub to: String,
    pub rate: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Where the rate came from, e.g. "ECB reference rate".
    pub source: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    #[default]
    WorkingTowards,
    Meeting,
    Exceeding,
}

impl Rating {
    pub fn label(self) -> &'static str {
        match self {
            Rating::WorkingTowards => "working towards",
            Rating::Meeting => "meeting",
            Rating::Exceeding => "exceeding",
        }
    }

    pub fn meets(self) -> bool {
        matches!(self, Rating::Meeting | Rating::Exceeding)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BehaviourRating {
    pub behaviour_id: String,
    pub rating: Rating,
}

/// A result achieved, e.g. "launched the contributor summit"; may cite a goal of this
/// plan (`goal_id`, read live) or of any plan in this browser (`cited_goal`, a snapshot).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Evidence {
    pub id: String,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goal_id: Option<String>,
    /// What the cited goal said when it was cited, so the evidence (and an exported plan)
    /// still shows it when the other plan changes, is deleted or is not in this browser.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cited_goal: Option<CitedGoal>,
    /// The behaviours this result demonstrates.
    pub behaviour_ids: Vec<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub link: String,
}

/// A goal as it stood when evidence cited it. Its fields avoid the `id` / `*_id` names on
/// purpose: they point into another plan, so the plan's own reference check must skip them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CitedGoal {
    /// Id of the plan holding the goal (this plan or another one in the same browser).
    pub plan: String,
    pub plan_name: String,
    /// Id of the goal inside that plan.
    pub goal: String,
    pub statement: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub final_check_in: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cited_on: Option<NaiveDate>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SelfAssessment {
    pub id: String,
    pub target_level_id: String,
    pub ratings: Vec<BehaviourRating>,
    pub evidence: Vec<Evidence>,
}

impl SelfAssessment {
    pub fn rating_of(&self, behaviour_id: &str) -> Option<Rating> {
        self.ratings
            .iter()
            .rev()
            .find(|r| r.behaviour_id == behaviour_id)
            .map(|r| r.rating)
    }
}

impl Track {
    pub fn level(&self, level_id: &str) -> Option<&Level> {
        self.levels.iter().find(|l| l.id == level_id)
    }

    pub fn level_at_rank(&self, rank: u32) -> Option<&Level> {
        self.levels.iter().find(|l| l.rank == rank)
    }

    /// (key area, behaviour) pairs expected at a level, in key-area order.
    pub fn behaviours_at<'a>(&'a self, level_id: &'a str) -> Vec<(&'a KeyArea, &'a Behaviour)> {
        self.key_areas
            .iter()
            .flat_map(|area| {
                area.behaviours
                    .iter()
                    .filter(move |b| b.level_id == level_id)
                    .map(move |b| (area, b))
            })
            .collect()
    }
}

impl Career {
    pub fn track(&self, track_id: &str) -> Option<&Track> {
        self.tracks.iter().find(|t| t.id == track_id)
    }

    /// A level and the track it belongs to.
    pub fn level(&self, level_id: &str) -> Option<(&Track, &Level)> {
        self.tracks
            .iter()
            .find_map(|t| t.level(level_id).map(|l| (t, l)))
    }

    pub fn comp_record(&self, record_id: &str) -> Option<&CompRecord> {
        self.comp_records.iter().find(|r| r.id == record_id)
    }

    pub fn self_assessment(&self, assessment_id: &str) -> Option<&SelfAssessment> {
        self.self_assessments.iter().find(|a| a.id == assessment_id)
    }

    /// A behaviour with its key area and track.
    pub fn behaviour(&self, behaviour_id: &str) -> Option<(&Track, &KeyArea, &Behaviour)> {
        self.tracks.iter().find_map(|t| {
            t.key_areas.iter().find_map(|a| {
                a.behaviours
                    .iter()
                    .find(|b| b.id == behaviour_id)
                    .map(|b| (t, a, b))
            })
        })
    }
}

#[cfg(test)]
mod tests;
