//! Side-by-side comparison of a level with the levels of the same rank in other tracks,
//! and the bucketing check: is the proposed track's band well below its peers?
//!
//! A peer counts only when both figures state their statistic and their date and nothing
//! stated differs; where population or geography is stated on neither side the result says
//! "no stated difference", never "comparable". Figures are aged only at an entered rate, and
//! not across more than [`AGE_REFUSE_YEARS`]. The gap is shown to each peer as well as to their
//! median, in grades of the structure's own midpoint progression when it has one.

use serde::Serialize;

use super::currency::{convert, CurrencyError};
use super::{Band, Career, Family, PayBasis, Population, Scope, Statistic, Track, YearMonth};

/// The bucketing check warns when the proposed midpoint is more than this many percent
/// below the median midpoint of comparable tracks.
pub const DEFAULT_BUCKETING_THRESHOLD_PERCENT: f64 = 10.0;

/// Bands further apart than this many years are not comparable unless aged.
pub const DEFAULT_COMPARABLE_WITHIN_YEARS: u32 = 2;

/// A figure aged over more than this many years is shown with a warning. A rule of thumb: one
/// yearly rate stands for how pay moved over the whole span, and pay moves unevenly.
pub const AGE_WARN_YEARS: u32 = 2;

/// Figures further apart than this many years are not compared even when aged (a rule of
/// thumb): at 3.5% a year, eight years is a third of the figure, enough to flip a verdict on
/// the rate alone.
pub const AGE_REFUSE_YEARS: u32 = 5;

/// Said with every bucketing result: a gap at the same rank is about the structure, not the
/// market price of the work.
pub const SAME_RANK_NOTE: &str = "The same rank is not the same market price: the market can \
pay an engineering level more than a community level of the same rank. A gap to the peers says \
how this structure prices its ranks; read it with the scope check (the work the role owns \
against the level) and a market figure for the work itself.";

/// One level in the side-by-side table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ComparedLevel {
    pub track_id: String,
    pub track_name: String,
    pub family: Family,
    pub level_id: String,
    pub code: String,
    pub title: String,
    pub rank: u32,
    pub scope: Scope,
    /// (key area name, behaviour text), in key-area order.
    pub behaviours: Vec<(String, String)>,
    pub band: Option<Band>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SideBySide {
    pub chosen: ComparedLevel,
    /// Levels of the same rank in every other track, in track order.
    pub peers: Vec<ComparedLevel>,
    /// Names of other tracks with no level at this rank.
    pub tracks_without_rank: Vec<String>,
}

fn compared(track: &Track, level_id: &str) -> Option<ComparedLevel> {
    let level = track.level(level_id)?;
    Some(ComparedLevel {
        track_id: track.id.to_string(),
        track_name: track.name.clone(),
        family: track.family,
        level_id: level.id.to_string(),
        code: level.code.clone(),
        title: level.title.clone(),
        rank: level.rank,
        scope: level.scope,
        behaviours: track
            .behaviours_at(&level.id)
            .into_iter()
            .map(|(area, b)| (area.name.clone(), b.text.clone()))
            .collect(),
        band: level.band.clone(),
    })
}

/// The chosen level next to the levels of the same rank in every other track.
pub fn side_by_side(career: &Career, level_id: &str) -> Option<SideBySide> {
    let (track, level) = career.level(level_id)?;
    let chosen = compared(track, level_id)?;
    let mut peers = Vec::new();
    let mut tracks_without_rank = Vec::new();
    for other in career.tracks.iter().filter(|t| t.id != track.id) {
        match other.level_at_rank(level.rank) {
            Some(peer) => peers.extend(compared(other, &peer.id)),
            None => tracks_without_rank.push(other.name.clone()),
        }
    }
    Some(SideBySide {
        chosen,
        peers,
        tracks_without_rank,
    })
}

/// Why a peer track has no figure to compare at all.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Exclusion {
    NoLevelAtRank,
    NoBand,
    NoMidpoint,
    Currency(CurrencyError),
}

impl Exclusion {
    pub fn message(&self, track_name: &str) -> String {
        match self {
            Exclusion::NoLevelAtRank => format!("{track_name} has no level at this rank."),
            Exclusion::NoBand => format!("{track_name} has no band at this rank."),
            Exclusion::NoMidpoint => format!("{track_name}'s band has no midpoint or median."),
            Exclusion::Currency(e) => format!("{track_name}: {e}"),
        }
    }
}

/// One way a peer's band differs from the proposed band so that the two figures do not
/// measure the same thing.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    Statistic {
        peer: Option<Statistic>,
        proposed: Option<Statistic>,
    },
    Population {
        peer: Option<Population>,
        proposed: Option<Population>,
    },
    /// Comparing base pay with total compensation would flatter one side.
    Basis {
        peer: PayBasis,
        proposed: PayBasis,
    },
    Geography {
        peer: String,
        proposed: String,
    },
    /// Effective dates further apart than the plan allows (and not aged).
    YearsApart {
        months: i64,
        limit_years: u32,
    },
    /// One side has an effective date and the other has none.
    DateUnknown {
        peer_has_date: bool,
    },
    /// Neither figure has an effective date.
    NoDates,
    /// Aged, but further apart than [`AGE_REFUSE_YEARS`].
    TooFarToAge {
        months: i64,
    },
}

fn stated(label: Option<String>) -> String {
    label.unwrap_or_else(|| "not stated".into())
}

impl Reason {
    /// "a mean (average), not a median".
    pub fn message(&self) -> String {
        match self {
            Reason::Statistic { peer, proposed } => format!(
                "statistic: {}, against {}",
                stated(peer.map(Statistic::label)),
                stated(proposed.map(Statistic::label))
            ),
            Reason::Population { peer, proposed } => format!(
                "levels covered: {}, against {}",
                stated(peer.map(|p| p.label().to_string())),
                stated(proposed.map(|p| p.label().to_string()))
            ),
            Reason::Basis { peer, proposed } => {
                format!("covers {}, against {}", peer.label(), proposed.label())
            }
            Reason::Geography { peer, proposed } => format!(
                "geography: {}, against {}",
                stated((!peer.trim().is_empty()).then(|| peer.trim().to_string())),
                stated((!proposed.trim().is_empty()).then(|| proposed.trim().to_string()))
            ),
            Reason::YearsApart {
                months,
                limit_years,
            } => format!(
                "{} apart (more than {limit_years} {})",
                years_text(*months),
                if *limit_years == 1 { "year" } else { "years" }
            ),
            Reason::DateUnknown { peer_has_date } => if *peer_has_date {
                "the proposed band has no effective date"
            } else {
                "no effective date"
            }
            .into(),
            Reason::NoDates => "neither figure has an effective date".into(),
            Reason::TooFarToAge { months } => format!(
                "{} apart: too far to age (more than {AGE_REFUSE_YEARS} years, a rule of \
                 thumb: one yearly rate cannot stand for pay over that long)",
                years_text(*months)
            ),
        }
    }
}

/// "7 years", "1 year", "2 years 3 months", "5 months".
pub fn years_text(months: i64) -> String {
    let m = months.unsigned_abs();
    let (y, r) = (m / 12, m % 12);
    let years = match y {
        0 => String::new(),
        1 => "1 year".into(),
        n => format!("{n} years"),
    };
    let rest = match r {
        0 => String::new(),
        1 => "1 month".into(),
        n => format!("{n} months"),
    };
    match (years.is_empty(), rest.is_empty()) {
        (true, true) => "0 months".into(),
        (false, true) => years,
        (true, false) => rest,
        (false, false) => format!("{years} {rest}"),
    }
}

/// Every reason `peer` is not comparable with `proposed`; empty when it is. A statistic and
/// a date must be stated on both: two figures that say nothing are not known to measure the
/// same thing. `aged` says the figures are brought to a common date, so years apart count only
/// beyond [`AGE_REFUSE_YEARS`].
pub fn comparability(peer: &Band, proposed: &Band, within_years: u32, aged: bool) -> Vec<Reason> {
    let mut reasons = Vec::new();
    let (ps, qs) = (peer.central_statistic(), proposed.central_statistic());
    // A value from a newer version of Trellis is not known to measure the same thing, even
    // on both sides: this build cannot say what it is.
    if ps != qs || ps.is_none() || matches!(ps, Some(Statistic::Unknown(_))) {
        reasons.push(Reason::Statistic {
            peer: ps,
            proposed: qs,
        });
    }
    if peer.population != proposed.population
        || matches!(peer.population, Some(Population::Unknown(_)))
    {
        reasons.push(Reason::Population {
            peer: peer.population,
            proposed: proposed.population,
        });
    }
    if peer.basis != proposed.basis || matches!(peer.basis, PayBasis::Unknown(_)) {
        reasons.push(Reason::Basis {
            peer: peer.basis,
            proposed: proposed.basis,
        });
    }
    let place = |g: &str| {
        g.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    if place(&peer.geography) != place(&proposed.geography) {
        reasons.push(Reason::Geography {
            peer: peer.geography.trim().to_string(),
            proposed: proposed.geography.trim().to_string(),
        });
    }
    match (peer.effective(), proposed.effective()) {
        (Some(p), Some(q)) => {
            let months = q.months_until(p).abs();
            if aged && months > i64::from(AGE_REFUSE_YEARS) * 12 {
                reasons.push(Reason::TooFarToAge { months });
            } else if !aged && months > i64::from(within_years) * 12 {
                reasons.push(Reason::YearsApart {
                    months,
                    limit_years: within_years,
                });
            }
        }
        (None, None) => reasons.push(Reason::NoDates),
        (p, _) => reasons.push(Reason::DateUnknown {
            peer_has_date: p.is_some(),
        }),
    }
    reasons
}

/// Brings `amount` from `from` to `to` at `rate` a year (0.03 for 3%), compounded;
/// rounded to the nearest minor unit.
pub fn age(amount: i64, from: YearMonth, to: YearMonth, rate: f64) -> i64 {
    let years = from.months_until(to) as f64 / 12.0;
    let aged = amount as f64 * (1.0 + rate).powf(years);
    if aged.is_finite() && aged.abs() < i64::MAX as f64 {
        aged.round() as i64
    } else {
        amount
    }
}

/// A peer's figure, in the proposed band's currency, with how it compares.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PeerMidpoint {
    pub track_id: String,
    pub track_name: String,
    pub level_id: String,
    pub level_title: String,
    /// As published (converted with an entered rate when the currency differs).
    pub midpoint: i64,
    /// What the figure is (median, mean, …); None when the band does not say.
    pub statistic: Option<Statistic>,
    /// Brought to the common date, when ageing is on and the band has a date.
    pub aged: Option<i64>,
    /// How long it was aged over, in months, when aged.
    pub aged_months: Option<i64>,
    pub effective: Option<YearMonth>,
    pub rate_id: Option<String>,
    /// Why it is not comparable; empty when it is.
    pub reasons: Vec<Reason>,
    /// Counted in the median although not comparable, at the user's request.
    pub counted_anyway: bool,
}

impl PeerMidpoint {
    pub fn comparable(&self) -> bool {
        self.reasons.is_empty()
    }

    pub fn counted(&self) -> bool {
        self.comparable() || self.counted_anyway
    }

    /// The figure the median uses: aged when ageing applies.
    pub fn value(&self) -> i64 {
        self.aged.unwrap_or(self.midpoint)
    }

    /// "not comparable: statistic: mean (average), against median; 7 years apart (…)".
    pub fn reasons_text(&self) -> String {
        let parts: Vec<String> = self.reasons.iter().map(Reason::message).collect();
        format!("not comparable: {}", parts.join("; "))
    }

    /// "median USD 95,000 (January 2024)": the figure, named by its statistic, and its date.
    pub fn figure_text(&self, currency: &str) -> String {
        use super::format::money;
        let word = self
            .statistic
            .map_or("figure".to_string(), Statistic::short);
        let when = self
            .effective
            .map(|d| format!(" ({})", d.label()))
            .unwrap_or_default();
        format!("{word} {}{when}", money(self.midpoint, currency))
    }
}

/// ", aged to USD 74,263 over 2 years (to June 2024)", with a warning past
/// [`AGE_WARN_YEARS`]; empty when not aged.
pub fn aged_text(
    aged: Option<i64>,
    months: Option<i64>,
    ageing: Option<&AgeingApplied>,
    currency: &str,
) -> String {
    use super::format::money;
    let (Some(aged), Some(months), Some(ageing)) = (aged, months, ageing) else {
        return String::new();
    };
    if months == 0 {
        return String::new();
    }
    let mut text = format!(
        ", aged to {} over {} (to {})",
        money(aged, currency),
        years_text(months),
        ageing.to.label()
    );
    if months > i64::from(AGE_WARN_YEARS) * 12 {
        text += &format!(
            " — aged more than {AGE_WARN_YEARS} years: one yearly rate stands for the whole \
             span, read with care (a rule of thumb)"
        );
    }
    text
}

/// A structure's midpoint progression: how much each grade's midpoint rises over the one
/// below, from the bands of the proposed track that share its source, currency and basis.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Progression {
    /// 0.15: each grade's midpoint is 15% above the one below (geometric mean).
    pub per_grade: f64,
    /// The lowest and highest level it was measured between, "C1 Community Specialist".
    pub from: String,
    pub to: String,
    /// How many levels' bands it rests on.
    pub levels: usize,
}

impl Progression {
    /// How many grades `ratio` (a peer's figure ÷ the proposed one) is at this progression.
    pub fn grades(&self, ratio: f64) -> f64 {
        ratio.ln() / (1.0 + self.per_grade).ln()
    }

    /// "15% a grade (geometric mean from C1 Community Specialist to C3 Senior Community
    /// Manager, 3 levels of the same structure)".
    pub fn text(&self) -> String {
        format!(
            "{} a grade (geometric mean from {} to {}, {} levels of the same structure)",
            super::format::percent(self.per_grade),
            self.from,
            self.to,
            self.levels
        )
    }
}

/// The midpoint progression of `track`'s bands that share `band`'s source, currency and basis;
/// None with fewer than two such levels, no rise between them, or when the source is a
/// published survey or statistic: its job titles are not the grades of a structure.
pub fn progression(track: &Track, band: &Band) -> Option<Progression> {
    use super::SourceKind;
    if !matches!(
        band.source.kind,
        SourceKind::OwnEstimate | SourceKind::Illustrative
    ) {
        return None;
    }
    let publisher = |b: &Band| b.source.publisher.trim().to_lowercase();
    let mut points: Vec<(u32, String, i64)> = track
        .levels
        .iter()
        .filter_map(|l| {
            let b = l.band.as_ref()?;
            let same = publisher(b) == publisher(band)
                && b.source.kind == band.source.kind
                && b.currency == band.currency
                && b.basis == band.basis;
            let mid = b.midpoint().filter(|m| *m > 0)?;
            let name = format!("{} {}", l.code.trim(), l.title.trim());
            same.then(|| (l.rank, name.trim().to_string(), mid))
        })
        .collect();
    points.sort_by_key(|p| p.0);
    let (first, last) = (points.first()?, points.last()?);
    let steps = f64::from(last.0.checked_sub(first.0).filter(|d| *d > 0)?);
    let per_grade = (last.2 as f64 / first.2 as f64).powf(1.0 / steps) - 1.0;
    (per_grade.is_finite() && per_grade > 0.0).then(|| Progression {
        per_grade,
        from: first.1.clone(),
        to: last.1.clone(),
        levels: points.len(),
    })
}

/// "about 2.1 grades" / "about 0.4 of a grade".
fn grades_text(grades: f64) -> String {
    let g = (grades.abs() * 10.0).round() / 10.0;
    if g < 1.0 {
        format!("about {g} of a grade")
    } else if g == 1.0 {
        "about 1 grade".to_string()
    } else {
        format!("about {g} grades")
    }
}

/// The rate bands were aged at and the date they were brought to.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AgeingApplied {
    pub rate: f64,
    pub source: String,
    pub to: YearMonth,
}

/// How much of the gap comes from the years between the figures, and what remains.
/// All three are ratios (-0.3 is 30% below); `published + …` : `from_years + remaining
/// == published`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct GapDecomposition {
    /// The gap between the figures as published.
    pub published: f64,
    /// The part that ageing to a common date removes.
    pub from_years: f64,
    /// The gap once all figures are at the common date.
    pub remaining: f64,
}

impl GapDecomposition {
    pub fn message(&self, ageing: &AgeingApplied) -> String {
        use super::format::{percent, points};
        let how = format!(
            "aged to {} at {} a year, {}",
            ageing.to.label(),
            percent(ageing.rate),
            ageing.source.trim()
        );
        let side = |g: f64| if g < 0.0 { "below" } else { "above" };
        let years = if self.remaining.abs() <= self.published.abs() {
            format!(
                "{} of it come from the years between the figures ({how})",
                points(self.from_years.abs())
            )
        } else {
            format!(
                "the years between the figures hide {} of it ({how})",
                points(self.from_years.abs())
            )
        };
        format!(
            "What explains the gap: as published, the proposed figure is {} {} its peers; \
             {years}; {} {} remains.",
            percent(self.published.abs()),
            side(self.published),
            percent(self.remaining.abs()),
            side(self.remaining),
        )
    }
}

/// Shown wherever a result counts a peer that is not comparable.
pub const NON_COMPARABLE_MARKER: &str = "Includes non-comparable figures";

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BucketingOutcome {
    /// Within the threshold (or above the peers). `gap` is a ratio: -0.05 is 5% below.
    Fair { gap: f64 },
    /// More than the threshold below the peers' median midpoint.
    BelowPeers { gap: f64 },
    /// Nothing to compare: says what is missing.
    NotComparable { reason: String },
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BucketingCheck {
    pub level_id: String,
    pub currency: String,
    pub basis: PayBasis,
    /// The proposed band's figure as published.
    pub proposed_midpoint: Option<i64>,
    /// … and brought to the common date when ageing applies.
    pub proposed_aged: Option<i64>,
    pub proposed_effective: Option<YearMonth>,
    /// What the proposed band's figure is.
    pub proposed_statistic: Option<Statistic>,
    pub peer_median: Option<i64>,
    /// Peers counted in the median: comparable ones, and those counted anyway.
    pub peers: Vec<PeerMidpoint>,
    /// Peers with a figure that is not comparable and not counted.
    pub not_comparable: Vec<PeerMidpoint>,
    /// Peers with no figure to compare, by track name.
    pub excluded: Vec<(String, Exclusion)>,
    pub threshold_percent: f64,
    pub within_years: u32,
    pub ageing: Option<AgeingApplied>,
    /// Why ageing was asked for but not applied.
    pub ageing_problem: Option<String>,
    pub decomposition: Option<GapDecomposition>,
    /// The proposed structure's midpoint progression, to express gaps in grades.
    pub progression: Option<Progression>,
    /// What the proposed band (and so every counted peer) does not state: "population",
    /// "geography". The peers then show no stated difference, not a known like-for-like.
    pub unstated: Vec<String>,
    pub outcome: BucketingOutcome,
}

impl BucketingCheck {
    pub fn warns(&self) -> bool {
        matches!(self.outcome, BucketingOutcome::BelowPeers { .. })
    }

    /// The result's tone, from the same outcome as its words: below the peers is a problem,
    /// within the threshold is good, and nothing to compare yet is neutral (issue 31).
    pub fn tone(&self) -> crate::core::signal::Tone {
        use crate::core::signal::Tone;
        match self.outcome {
            BucketingOutcome::BelowPeers { .. } => Tone::Bad,
            BucketingOutcome::Fair { .. } => Tone::Good,
            BucketingOutcome::NotComparable { .. } => Tone::Neutral,
        }
    }

    /// True when a peer that is not comparable is counted in the result.
    pub fn includes_non_comparable(&self) -> bool {
        self.peers.iter().any(|p| !p.comparable())
    }

    /// The proposed figure the gap uses: aged when ageing applies.
    pub fn proposed_value(&self) -> Option<i64> {
        self.proposed_aged.or(self.proposed_midpoint)
    }

    /// The proposed figure against one peer's (both aged when ageing applies): -0.25 is 25%
    /// below it.
    pub fn gap_to(&self, peer: &PeerMidpoint) -> Option<f64> {
        let p = self.proposed_value()?;
        (peer.value() > 0).then(|| gap(p, peer.value()))
    }

    /// "; 26.3% below it (about 2.1 grades)": the gap to one peer, in grades when the
    /// structure has a progression.
    fn gap_text(&self, peer: &PeerMidpoint) -> String {
        use super::format::percent;
        let Some(g) = self.gap_to(peer) else {
            return String::new();
        };
        let side = if g < 0.0 { "below" } else { "above" };
        let grades = self
            .progression
            .as_ref()
            .map(|pr| format!(" ({})", grades_text(pr.grades(1.0 / (1.0 + g)))))
            .unwrap_or_default();
        format!(
            "; the proposed figure is {} {side} it{grades}",
            percent(g.abs())
        )
    }

    /// One peer as the brief and the worksheet list it: its figure named by its statistic,
    /// its date, its age when aged, and the gap to it.
    pub fn peer_line(&self, peer: &PeerMidpoint) -> String {
        format!(
            "{} · {}: {}{}{}",
            peer.track_name.trim(),
            peer.level_title.trim(),
            peer.figure_text(&self.currency),
            aged_text(
                peer.aged,
                peer.aged_months,
                self.ageing.as_ref(),
                &self.currency
            ),
            self.gap_text(peer)
        )
    }

    /// "Community 2 (proposed): midpoint USD 70,000 (June 2020), base salary, aged to …".
    pub fn proposed_line(&self, title: &str) -> Option<String> {
        use super::format::money;
        let m = self.proposed_midpoint?;
        let word = self
            .proposed_statistic
            .map_or("figure".to_string(), Statistic::short);
        let when = self
            .proposed_effective
            .map(|d| format!(" ({})", d.label()))
            .unwrap_or_default();
        let months = match (self.proposed_effective, self.ageing.as_ref()) {
            (Some(from), Some(a)) => Some(from.months_until(a.to).abs()),
            _ => None,
        };
        Some(format!(
            "{} (proposed): {word} {}{when}, {}{}",
            title.trim(),
            money(m, &self.currency),
            self.basis.label(),
            aged_text(
                self.proposed_aged,
                months,
                self.ageing.as_ref(),
                &self.currency
            )
        ))
    }

    /// One sentence for the banner; starts with the marker when non-comparable figures count.
    /// It names the statistic compared (a mean is never called a midpoint), says one peer is
    /// one peer, and says "no stated difference" where the figures do not state what they
    /// cover.
    pub fn message(&self, proposed_title: &str) -> String {
        use super::format::{money, percent};
        let median = self.peer_median.map(|m| money(m, &self.currency));
        let count = self.peers.len();
        let mixed = self.includes_non_comparable();
        let (word, words) = statistic_words(self.proposed_statistic);
        let aged = self
            .ageing
            .as_ref()
            .map(|a| format!(" (figures aged to {})", a.to.label()))
            .unwrap_or_default();
        let kind = match (mixed, self.unstated.is_empty()) {
            (true, _) => ("track counted", "tracks"),
            (false, true) => ("comparable track", "comparable tracks"),
            (false, false) => (
                "track with no stated difference",
                "tracks with no stated difference",
            ),
        };
        let against = |median: &str| match self.peers.as_slice() {
            [one] => format!(
                "{median}, {}'s {} (the only {}){aged}",
                one.level_title.trim(),
                one.statistic.map_or("figure".to_string(), Statistic::short),
                kind.0
            ),
            _ => {
                let words = if mixed { "figures" } else { words.as_str() };
                format!(
                    "{median}, the median of the {words} of {count} {}{aged}",
                    kind.1
                )
            }
        };
        let grades = match (&self.outcome, &self.progression) {
            (BucketingOutcome::BelowPeers { gap } | BucketingOutcome::Fair { gap }, Some(pr))
                if *gap != 0.0 =>
            {
                format!(
                    " That is {} at this structure's midpoint progression of {}.",
                    grades_text(pr.grades(1.0 / (1.0 + gap))),
                    pr.text()
                )
            }
            _ => String::new(),
        };
        let unstated = if self.unstated.is_empty() || count == 0 {
            String::new()
        } else {
            let what = crate::core::goals::text::join_list(&self.unstated);
            let what = crate::core::goals::text::capitalise(&what);
            format!(
                " {what} {} stated on none of these figures: they show no stated difference, \
                 not a known like-for-like.",
                if self.unstated.len() == 1 {
                    "is"
                } else {
                    "are"
                }
            )
        };
        let text = match (&self.outcome, median) {
            (BucketingOutcome::BelowPeers { gap }, Some(median)) => format!(
                "{proposed_title}'s band {word} is {} below {} (threshold {}). The title may be \
                 bucketing the role into a lower-paid track.{grades}{unstated}",
                percent(gap.abs()),
                against(&median),
                percent(self.threshold_percent / 100.0),
            ),
            (BucketingOutcome::Fair { gap }, Some(median)) => format!(
                "{proposed_title}'s band {word} is {} {} {}.{grades}{unstated}",
                percent(gap.abs()),
                if *gap < 0.0 { "below" } else { "above" },
                against(&median),
            ),
            (BucketingOutcome::NotComparable { reason }, _) => reason.clone(),
            (_, None) => "No comparable bands.".into(),
        };
        if mixed {
            format!("{NON_COMPARABLE_MARKER}. {text}")
        } else {
            text
        }
    }
}

/// ("mean", "means"): what a band figure of this statistic is called, one and several.
/// A figure whose statistic is not stated is a "figure", never a midpoint.
pub fn statistic_words(statistic: Option<Statistic>) -> (String, String) {
    match statistic {
        Some(Statistic::Unknown(_)) => ("figure".into(), "figures".into()),
        None => ("figure".into(), "figures".into()),
        Some(Statistic::RangeMidpoint) => ("midpoint".into(), "midpoints".into()),
        Some(Statistic::Median) => ("median".into(), "medians".into()),
        Some(Statistic::Mean) => ("mean".into(), "means".into()),
        Some(Statistic::Percentile(n)) => {
            let one = Statistic::Percentile(n).label();
            (one.clone(), format!("{one}s"))
        }
    }
}

/// Median of amounts, the mean of the middle two for an even count; None when empty.
pub fn median(values: &[i64]) -> Option<i64> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some(super::pay::midway(sorted[n / 2 - 1], sorted[n / 2])),
    }
}

fn not_comparable(
    level_id: &str,
    threshold_percent: f64,
    reason: impl Into<String>,
) -> BucketingCheck {
    BucketingCheck {
        level_id: level_id.to_string(),
        currency: String::new(),
        basis: PayBasis::Base,
        proposed_midpoint: None,
        proposed_aged: None,
        proposed_effective: None,
        proposed_statistic: None,
        peer_median: None,
        peers: Vec::new(),
        not_comparable: Vec::new(),
        excluded: Vec::new(),
        threshold_percent,
        within_years: DEFAULT_COMPARABLE_WITHIN_YEARS,
        ageing: None,
        ageing_problem: None,
        decomposition: None,
        progression: None,
        unstated: Vec::new(),
        outcome: BucketingOutcome::NotComparable {
            reason: reason.into(),
        },
    }
}

fn gap(proposed: i64, median: i64) -> f64 {
    (proposed as f64 - median as f64) / median as f64
}

/// The level whose band the check needs before it can compare anything: the proposed level,
/// when it has no band or its band has no midpoint. The UI links the check to that band's form.
pub fn band_needed(career: &Career, level_id: &str) -> Option<String> {
    let (_, level) = career.level(level_id)?;
    match &level.band {
        Some(band) if band.midpoint().is_some() => None,
        _ => Some(level.id.to_string()),
    }
}

/// Compares the proposed level's band midpoint with the median midpoint of the comparable
/// bands at the same rank in every other track (and those the user counts anyway),
/// converting only with entered rates and ageing only at an entered rate with its source.
pub fn bucketing_check(career: &Career, level_id: &str, threshold_percent: f64) -> BucketingCheck {
    let Some((track, level)) = career.level(level_id) else {
        return not_comparable(level_id, threshold_percent, "Choose a level to check.");
    };
    let Some(band) = level.band.as_ref() else {
        return not_comparable(
            level_id,
            threshold_percent,
            format!("{} has no band; add one to compare it.", level.title),
        );
    };
    let Some(proposed) = band.midpoint() else {
        return not_comparable(
            level_id,
            threshold_percent,
            format!("{}'s band has no midpoint or median.", level.title),
        );
    };
    let within = career.comparable_within_years;
    let mut check = not_comparable(level_id, threshold_percent, "");
    check.currency = band.currency.clone();
    check.basis = band.basis;
    check.within_years = within;
    check.proposed_midpoint = Some(proposed);
    check.proposed_effective = band.effective();
    check.proposed_statistic = band.central_statistic();
    check.progression = progression(track, band);
    if band.population.is_none() {
        check.unstated.push("population".into());
    }
    if band.geography.trim().is_empty() {
        check.unstated.push("geography".into());
    }
    let rate = career.ageing.applied_rate();
    check.ageing_problem = match (rate, career.ageing.is_empty(), check.proposed_effective) {
        (None, false, _) => Some(
            "Figures are not aged: enter both an annual rate and the source you take it from."
                .into(),
        ),
        (Some(_), _, None) => Some(format!(
            "Figures are not aged: {}'s band has no effective date to age from.",
            level.title
        )),
        _ => None,
    };
    let ageing = rate.is_some() && check.proposed_effective.is_some();
    for other in career.tracks.iter().filter(|t| t.id != track.id) {
        match peer_midpoint(career, other, level.rank, band, ageing) {
            Ok(peer) if peer.counted() => check.peers.push(peer),
            Ok(peer) => check.not_comparable.push(peer),
            Err(why) => check.excluded.push((other.name.clone(), why)),
        }
    }
    if let (Some(rate), Some(from)) = (rate, check.proposed_effective) {
        let to = check
            .peers
            .iter()
            .filter_map(|p| p.effective)
            .fold(from, YearMonth::latest);
        for p in &mut check.peers {
            p.aged = p.effective.map(|e| age(p.midpoint, e, to, rate));
            p.aged_months = p.effective.map(|e| e.months_until(to).abs());
        }
        // A peer further from the common date than the rule allows is not aged that far.
        let too_far = |p: &PeerMidpoint| {
            p.aged_months
                .is_some_and(|m| m > i64::from(AGE_REFUSE_YEARS) * 12)
        };
        let (far, near): (Vec<PeerMidpoint>, Vec<PeerMidpoint>) = std::mem::take(&mut check.peers)
            .into_iter()
            .partition(too_far);
        check.peers = near;
        for mut p in far {
            p.reasons.push(Reason::TooFarToAge {
                months: p.aged_months.unwrap_or_default(),
            });
            p.aged = None;
            p.aged_months = None;
            if p.counted_anyway {
                check.peers.push(p);
            } else {
                check.not_comparable.push(p);
            }
        }
        check.proposed_aged = Some(age(proposed, from, to, rate));
        check.ageing = Some(AgeingApplied {
            rate,
            source: career.ageing.source.trim().to_string(),
            to,
        });
    }
    let values: Vec<i64> = check.peers.iter().map(PeerMidpoint::value).collect();
    check.peer_median = median(&values);
    let published: Vec<i64> = check.peers.iter().map(|p| p.midpoint).collect();
    check.outcome = match (check.peer_median, check.proposed_value()) {
        (Some(m), Some(p)) if m > 0 => {
            let g = gap(p, m);
            if check.ageing.is_some() {
                if let Some(pm) = median(&published).filter(|m| *m > 0) {
                    let g0 = gap(proposed, pm);
                    check.decomposition = Some(GapDecomposition {
                        published: g0,
                        from_years: g0 - g,
                        remaining: g,
                    });
                }
            }
            if g * 100.0 < -threshold_percent {
                BucketingOutcome::BelowPeers { gap: g }
            } else {
                BucketingOutcome::Fair { gap: g }
            }
        }
        _ if !check.not_comparable.is_empty() => BucketingOutcome::NotComparable {
            reason: nothing_comparable(&level.title, band, &check.not_comparable),
        },
        _ => BucketingOutcome::NotComparable {
            reason: format!(
                "No other track has a comparable band at rank {}; add bands to compare.",
                level.rank
            ),
        },
    };
    check
}

/// Says plainly that no peer is comparable, and what figure would make it work.
fn nothing_comparable(title: &str, band: &Band, peers: &[PeerMidpoint]) -> String {
    let names: Vec<&str> = peers.iter().map(|p| p.level_title.as_str()).collect();
    let wanted = match names.as_slice() {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    };
    let publisher = band.source.publisher.trim();
    let from = if publisher.is_empty() {
        "the same source".to_string()
    } else {
        format!("the same source ({publisher})")
    };
    let mut what: Vec<String> = Vec::new();
    if let Some(s) = band.central_statistic() {
        what.push(s.label());
    }
    if let Some(p) = band.population {
        what.push(p.label().to_string());
    }
    if let Some(d) = band.effective() {
        what.push(d.label());
    }
    if !band.geography.trim().is_empty() {
        what.push(band.geography.trim().to_string());
    }
    let what = if what.is_empty() {
        String::new()
    } else {
        format!(" ({})", what.join(", "))
    };
    format!(
        "No comparable band is left: every peer's figure measures something different from \
         {title}'s, so a gap between them would say nothing about levelling. What would work: \
         a band for {wanted} from {from}, measured like {title}'s{what}. You can also count a \
         peer anyway; the result is then marked \"{NON_COMPARABLE_MARKER}\"."
    )
}

/// Market figures for the work of a level: the published figures in its research log (an
/// official statistic, a survey, a self-reported survey), each with what it is and its source.
/// The bucketing result is read with these: a structure can be fair across its own ranks and
/// still pay the work below its market.
pub fn market_figures(career: &Career, level_id: &str) -> Vec<String> {
    use super::format::money;
    use super::SourceKind;
    let Some((_, level)) = career.level(level_id) else {
        return Vec::new();
    };
    level
        .research
        .iter()
        .map(|e| &e.band)
        .filter(|b| {
            matches!(
                b.source.kind,
                SourceKind::OfficialStatistic | SourceKind::Survey | SourceKind::SelfReported
            )
        })
        .filter_map(|b| {
            let mid = b.midpoint()?;
            let word = b
                .central_statistic()
                .map_or("figure".to_string(), Statistic::short);
            // What the figure is, less the statistic already named first.
            let facts = super::brief::band_facts(b);
            let facts = facts
                .split_once(" · ")
                .map_or(facts.as_str(), |(_, rest)| rest);
            Some(format!(
                "{word} {} ({}) · {facts} · {}",
                money(mid, &b.currency),
                b.basis.label(),
                b.source.label()
            ))
        })
        .collect()
}

fn peer_midpoint(
    career: &Career,
    track: &Track,
    rank: u32,
    proposed: &Band,
    aged: bool,
) -> Result<PeerMidpoint, Exclusion> {
    let level = track.level_at_rank(rank).ok_or(Exclusion::NoLevelAtRank)?;
    let band = level.band.as_ref().ok_or(Exclusion::NoBand)?;
    let mid = band.midpoint().ok_or(Exclusion::NoMidpoint)?;
    let converted = convert(
        mid,
        &band.currency,
        &proposed.currency,
        &career.exchange_rates,
    )
    .map_err(Exclusion::Currency)?;
    let reasons = comparability(band, proposed, career.comparable_within_years, aged);
    let counted_anyway = !reasons.is_empty() && career.count_anyway_level_ids.contains(&level.id);
    Ok(PeerMidpoint {
        track_id: track.id.to_string(),
        track_name: track.name.clone(),
        level_id: level.id.to_string(),
        level_title: level.title.clone(),
        midpoint: converted.amount,
        statistic: band.central_statistic(),
        aged: None,
        aged_months: None,
        effective: band.effective(),
        rate_id: converted.rate_id,
        reasons,
        counted_anyway,
    })
}

#[cfg(test)]
mod tests;
