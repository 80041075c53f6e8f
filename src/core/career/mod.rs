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
pub mod ladder;
pub mod parity;
pub mod pay;
pub mod readiness;
pub mod reference;
pub mod research;
pub mod sample;
pub mod scope_check;
pub mod templates;

pub use sample::sample;

use crate::core::newer::FromNewer;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use crate::core::ids::{
    BehaviourId, CompRecordId, EvidenceId, ExchangeRateId, KeyAreaId, LevelId, ResearchEntryId,
    SelfAssessmentId, TrackId,
};
use crate::core::ids::{GoalId, PeriodId};
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
    pub proposed_level_id: Option<LevelId>,
    /// How far (in percent) the proposed band midpoint may sit below its peers before
    /// the bucketing check warns.
    pub bucketing_threshold_percent: f64,
    /// Bands whose effective dates are more than this many years apart are not comparable
    /// (unless aged to a common date).
    pub comparable_within_years: u32,
    /// Peer levels whose bands the user counts in the bucketing check although they are not
    /// comparable; the result then says it includes non-comparable figures.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub count_anyway_level_ids: Vec<LevelId>,
    /// The annual rate (and its source) at which bands are brought to a common date.
    #[serde(skip_serializing_if = "Ageing::holds_nothing")]
    pub ageing: Ageing,
    /// The owners, as the plan's work names them, that are the person in the role under
    /// discussion or their team: the scope check counts only their work.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub role_owners: Vec<String>,
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
            comparable_within_years: compare::DEFAULT_COMPARABLE_WITHIN_YEARS,
            count_anyway_level_ids: Vec::new(),
            ageing: Ageing::default(),
            role_owners: Vec::new(),
            extra: Extra::new(),
        }
    }
}

/// Bringing band figures to a common date: an annual rate the user enters, with the source
/// they cite for it. Trellis never ages without both.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Ageing {
    /// Percent a year, e.g. 3.5 for 3.5%.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub annual_rate_percent: Option<f64>,
    /// Where the rate comes from, e.g. "Employment Cost Index, wages and salaries, 2015–2022".
    pub source: String,
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Ageing {
    pub fn is_empty(&self) -> bool {
        self.annual_rate_percent.is_none() && self.source.trim().is_empty()
    }

    /// Nothing to write: no rate, no source, and nothing a newer Trellis added.
    fn holds_nothing(&self) -> bool {
        self.is_empty() && self.extra.is_empty()
    }

    /// The rate as a ratio (0.035), when both a usable rate and its source are entered.
    pub fn applied_rate(&self) -> Option<f64> {
        let rate = self.annual_rate_percent?;
        (rate.is_finite() && rate > -100.0 && !self.source.trim().is_empty())
            .then_some(rate / 100.0)
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
    /// A value from a newer version of Trellis, kept as read and written back as it was;
    /// never taken for a known one (`core::newer`).
    #[serde(untagged)]
    Unknown(FromNewer),
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
            Family::Unknown(_) => crate::core::newer::LABEL,
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
    /// A value from a newer version of Trellis, kept as read and written back as it was;
    /// never taken for a known one (`core::newer`).
    #[serde(untagged)]
    Unknown(FromNewer),
}

impl TrackKind {
    pub fn label(self) -> &'static str {
        match self {
            TrackKind::Unknown(_) => crate::core::newer::LABEL,
            TrackKind::IndividualContributor => "Individual contributor",
            TrackKind::Manager => "Manager",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Track {
    pub id: TrackId,
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
    /// A value from a newer version of Trellis, kept as read and written back as it was;
    /// never taken for a known one (`core::newer`).
    #[serde(untagged)]
    Unknown(FromNewer),
}

impl Scope {
    /// The scope when this build knows it. A scope from a newer version of Trellis has no
    /// place in the order (its variant sorts last only for the type's sake): no comparison
    /// of widths may use it.
    pub fn known(self) -> Option<Scope> {
        match self {
            Scope::Unknown(_) => None,
            known => Some(known),
        }
    }

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
            Scope::Unknown(_) => crate::core::newer::LABEL,
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
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
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
    pub id: LevelId,
    pub code: String,
    pub title: String,
    /// Lines levels up across tracks: rank 3 in Community compares with rank 3 in Engineering.
    pub rank: u32,
    pub scope: Scope,
    pub typical_years: YearsRange,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub band: Option<Band>,
    /// Figures for this level from several sources; the band in use is `band`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub research: Vec<ResearchEntry>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// One figure found while researching a level's pay, with its source.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ResearchEntry {
    pub id: ResearchEntryId,
    pub band: Band,
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct KeyArea {
    pub id: KeyAreaId,
    pub name: String,
    pub description: String,
    pub behaviours: Vec<Behaviour>,
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
}

/// What is expected in one key area at one level.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Behaviour {
    pub id: BehaviourId,
    pub level_id: LevelId,
    pub text: String,
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
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
    /// Wages as the U.S. Bureau of Labor Statistics' OEWS survey counts them: the base rate
    /// plus incentive pay (commissions, production bonuses, tips), without overtime or
    /// nonproduction bonuses. Not a base salary.
    Wages,
    /// A value from a newer version of Trellis, kept as read and written back as it was;
    /// never taken for a known one (`core::newer`).
    #[serde(untagged)]
    Unknown(FromNewer),
}

impl PayBasis {
    pub fn label(self) -> &'static str {
        match self {
            PayBasis::Unknown(_) => crate::core::newer::LABEL,
            PayBasis::Base => "base salary",
            PayBasis::TotalCash => "total cash",
            PayBasis::TotalComp => "total compensation",
            PayBasis::Wages => "wages including incentive pay (the OEWS definition)",
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
    /// A value from a newer version of Trellis, kept as read and written back as it was;
    /// never taken for a known one (`core::newer`).
    #[serde(untagged)]
    Unknown(FromNewer),
}

impl SourceKind {
    pub fn label(self) -> &'static str {
        match self {
            SourceKind::Unknown(_) => crate::core::newer::LABEL,
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
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
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
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
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

/// Which statistic a band's central figure is; a mean is not a median.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Statistic {
    Median,
    /// A mean; surveys often call it the average.
    Mean,
    /// Halfway between the minimum and maximum of a salary range.
    RangeMidpoint,
    /// The given percentile, e.g. 75.
    Percentile(u8),
    /// A value from a newer version of Trellis, kept as read and written back as it was;
    /// never taken for a known one (`core::newer`).
    #[serde(untagged, deserialize_with = "statistic_from_newer")]
    Unknown(FromNewer),
}

fn statistic_from_newer<'de, D: serde::Deserializer<'de>>(d: D) -> Result<FromNewer, D::Error> {
    crate::core::newer::read_unless_known(&["percentile"], d)
}

impl Statistic {
    /// Choices offered in pickers.
    pub const CHOICES: [Statistic; 7] = [
        Statistic::Median,
        Statistic::Mean,
        Statistic::RangeMidpoint,
        Statistic::Percentile(10),
        Statistic::Percentile(25),
        Statistic::Percentile(75),
        Statistic::Percentile(90),
    ];

    pub fn label(self) -> String {
        match self {
            Statistic::Unknown(_) => crate::core::newer::LABEL.into(),
            Statistic::Median => "median".into(),
            Statistic::Mean => "mean (average)".into(),
            Statistic::RangeMidpoint => "midpoint of a range".into(),
            Statistic::Percentile(n) => format!("{} percentile", pay::ordinal(n)),
        }
    }

    /// The word put before the figure in a band summary: "median USD 94,500".
    pub fn short(self) -> String {
        match self {
            Statistic::Unknown(_) => "figure".into(),
            Statistic::Median => "median".into(),
            Statistic::Mean => "mean".into(),
            Statistic::RangeMidpoint => "midpoint".into(),
            Statistic::Percentile(n) => format!("p{n}"),
        }
    }

    /// A stable text key for select elements.
    pub fn key(self) -> String {
        match self {
            Statistic::Unknown(_) => crate::core::newer::OPTION.into(),
            Statistic::Median => "median".into(),
            Statistic::Mean => "mean".into(),
            Statistic::RangeMidpoint => "range_midpoint".into(),
            Statistic::Percentile(n) => format!("p{n}"),
        }
    }
}

/// Which levels a figure covers. How it was collected is said apart ([`Band::collection`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Population {
    /// One level (at one employer, or one level in a survey).
    OneLevel,
    /// Everyone in an occupation, all experience levels together.
    OccupationAllLevels,
    /// Everyone under a job title, at whatever level respondents gave (a community salary
    /// survey); stored as `self_reported`, its name from when it also said how the figures
    /// were collected.
    SelfReported,
    /// A value from a newer version of Trellis, kept as read and written back as it was;
    /// never taken for a known one (`core::newer`).
    #[serde(untagged)]
    Unknown(FromNewer),
}

impl Population {
    pub const ALL: [Population; 3] = [
        Population::OneLevel,
        Population::OccupationAllLevels,
        Population::SelfReported,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Population::Unknown(_) => crate::core::newer::LABEL,
            Population::OneLevel => "one level",
            Population::OccupationAllLevels => "all levels of an occupation",
            Population::SelfReported => "a job title, at the levels respondents gave",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Population::Unknown(_) => crate::core::newer::OPTION,
            Population::OneLevel => "one_level",
            Population::OccupationAllLevels => "occupation_all_levels",
            Population::SelfReported => "self_reported",
        }
    }
}

/// A survey reference date: a year, and the month when it is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct YearMonth {
    pub year: i32,
    pub month: Option<u32>,
}

impl YearMonth {
    /// "May 2020", or "2015" when the month is unknown.
    pub fn label(self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        match self
            .month
            .and_then(|m| m.checked_sub(1))
            .and_then(|i| MONTHS.get(i as usize))
        {
            Some(name) => format!("{name} {}", self.year),
            None => self.year.to_string(),
        }
    }

    /// Months from `self` to `later` (negative when `later` is earlier). When either month
    /// is unknown, whole years.
    pub fn months_until(self, later: YearMonth) -> i64 {
        let years = i64::from(later.year) - i64::from(self.year);
        match (self.month, later.month) {
            (Some(a), Some(b)) => years * 12 + i64::from(b) - i64::from(a),
            _ => years * 12,
        }
    }

    /// For ordering: an unknown month sorts before January.
    fn order_key(self) -> (i32, u32) {
        (self.year, self.month.unwrap_or(0))
    }

    pub fn latest(a: YearMonth, b: YearMonth) -> YearMonth {
        if b.order_key() > a.order_key() {
            b
        } else {
            a
        }
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
    /// What the midpoint figure (`mid`) is. A band known only by its 50th percentile is a
    /// median, one known only by min and max a midpoint of the range; None: not stated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statistic: Option<Statistic>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub population: Option<Population>,
    /// "United States (national)", "US West Coast", "Berlin"; empty when not stated.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub geography: String,
    /// The survey's reference year; when absent, the source's year stands in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_year: Option<i32>,
    /// 1–12, when the survey gives a reference month.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_month: Option<u32>,
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
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

    /// What the midpoint figure is: as stated for an entered midpoint; a median when only
    /// the 50th percentile is known; a midpoint of the range when only min and max are.
    pub fn central_statistic(&self) -> Option<Statistic> {
        if self.mid.is_some() {
            self.statistic
        } else if self.percentiles.p50.is_some() {
            Some(Statistic::Median)
        } else if self.min.is_some() && self.max.is_some() {
            Some(Statistic::RangeMidpoint)
        } else {
            self.statistic
        }
    }

    /// How the figure was collected, from its source's kind (a population of self-reported
    /// job titles is self-reported whatever its publisher).
    pub fn collection(&self) -> &'static str {
        if self.population == Some(Population::SelfReported) {
            return "self-reported by respondents";
        }
        match self.source.kind {
            SourceKind::Unknown(_) => "collected in a way only a newer version of Trellis names",
            SourceKind::OfficialStatistic => "a statistics office's survey of employers",
            SourceKind::Survey => "a published survey",
            SourceKind::SelfReported => "self-reported by respondents",
            SourceKind::OwnEstimate => "an own estimate",
            SourceKind::Illustrative => "made up for illustration, not collected",
        }
    }

    /// The survey reference date: the effective year and month as entered, else the
    /// source's year.
    pub fn effective(&self) -> Option<YearMonth> {
        let year = self.effective_year.or(self.source.year)?;
        let month = self
            .effective_year
            .and(self.effective_month)
            .filter(|m| (1..=12).contains(m));
        Some(YearMonth { year, month })
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
    /// A value from a newer version of Trellis, kept as read and written back as it was;
    /// never taken for a known one (`core::newer`).
    #[serde(untagged)]
    Unknown(FromNewer),
}

impl CompKind {
    pub fn label(self) -> &'static str {
        match self {
            CompKind::Unknown(_) => crate::core::newer::LABEL,
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
    pub id: CompRecordId,
    pub label: String,
    pub kind: CompKind,
    pub company: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub track_id: Option<TrackId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level_id: Option<LevelId>,
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
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A rate the user entered: one unit of `from` buys `rate` units of `to`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExchangeRate {
    pub id: ExchangeRateId,
    pub from: String,
    pub to: String,
    pub rate: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Where the rate came from, e.g. "ECB reference rate".
    pub source: String,
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    #[default]
    WorkingTowards,
    Meeting,
    Exceeding,
    /// A value from a newer version of Trellis, kept as read and written back as it was;
    /// never taken for a known one (`core::newer`).
    #[serde(untagged)]
    Unknown(FromNewer),
}

impl Rating {
    pub fn label(self) -> &'static str {
        match self {
            Rating::Unknown(_) => crate::core::newer::LABEL,
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
    pub behaviour_id: BehaviourId,
    pub rating: Rating,
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A result achieved, e.g. "launched the contributor summit"; may cite a goal of this
/// plan (`goal_id`, read live) or of any plan in this browser (`cited_goal`, a snapshot).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Evidence {
    pub id: EvidenceId,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goal_id: Option<GoalId>,
    /// What the cited goal said when it was cited, so the evidence (and an exported plan)
    /// still shows it when the other plan changes, is deleted or is not in this browser.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cited_goal: Option<CitedGoal>,
    /// With `goal_id`: cites the goal's result in this closed period (its score) rather
    /// than the goal as it is now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period_id: Option<PeriodId>,
    /// The behaviours this result demonstrates.
    pub behaviour_ids: Vec<BehaviourId>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub link: String,
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
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
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SelfAssessment {
    pub id: SelfAssessmentId,
    pub target_level_id: LevelId,
    pub ratings: Vec<BehaviourRating>,
    pub evidence: Vec<Evidence>,
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
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
