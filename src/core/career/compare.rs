//! Side-by-side comparison of a level with the levels of the same rank in other tracks,
//! and the bucketing check: is the proposed track's band well below its peers?

use serde::Serialize;

use super::currency::{convert, CurrencyError};
use super::{Band, Career, Family, PayBasis, Population, Scope, Statistic, Track, YearMonth};

/// The bucketing check warns when the proposed midpoint is more than this many percent
/// below the median midpoint of comparable tracks.
pub const DEFAULT_BUCKETING_THRESHOLD_PERCENT: f64 = 10.0;

/// Bands further apart than this many years are not comparable unless aged.
pub const DEFAULT_COMPARABLE_WITHIN_YEARS: u32 = 2;

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
                "population: {}, against {}",
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

/// Every reason `peer` is not comparable with `proposed`; empty when it is.
/// `aged` says the figures are brought to a common date, so years apart do not count.
pub fn comparability(peer: &Band, proposed: &Band, within_years: u32, aged: bool) -> Vec<Reason> {
    let mut reasons = Vec::new();
    let (ps, qs) = (peer.central_statistic(), proposed.central_statistic());
    if ps != qs {
        reasons.push(Reason::Statistic {
            peer: ps,
            proposed: qs,
        });
    }
    if peer.population != proposed.population {
        reasons.push(Reason::Population {
            peer: peer.population,
            proposed: proposed.population,
        });
    }
    if peer.basis != proposed.basis {
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
            if !aged && months > i64::from(within_years) * 12 {
                reasons.push(Reason::YearsApart {
                    months,
                    limit_years: within_years,
                });
            }
        }
        (None, None) => {}
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
    /// Brought to the common date, when ageing is on and the band has a date.
    pub aged: Option<i64>,
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
    pub outcome: BucketingOutcome,
}

impl BucketingCheck {
    pub fn warns(&self) -> bool {
        matches!(self.outcome, BucketingOutcome::BelowPeers { .. })
    }

    /// True when a peer that is not comparable is counted in the result.
    pub fn includes_non_comparable(&self) -> bool {
        self.peers.iter().any(|p| !p.comparable())
    }

    /// The proposed figure the gap uses: aged when ageing applies.
    pub fn proposed_value(&self) -> Option<i64> {
        self.proposed_aged.or(self.proposed_midpoint)
    }

    /// One sentence for the banner; starts with the marker when non-comparable figures count.
    /// It names the statistic compared: a mean is never called a midpoint.
    pub fn message(&self, proposed_title: &str) -> String {
        use super::format::{money, percent};
        let median = self.peer_median.map(|m| money(m, &self.currency));
        let count = self.peers.len();
        let mixed = self.includes_non_comparable();
        let noun = match (mixed, count) {
            (true, 1) => "track",
            (true, _) => "tracks",
            (false, 1) => "comparable track",
            (false, _) => "comparable tracks",
        };
        let (word, words) = statistic_words(self.proposed_statistic);
        let words = if mixed { "figures".to_string() } else { words };
        let aged = self
            .ageing
            .as_ref()
            .map(|a| format!(" (figures aged to {})", a.to.label()))
            .unwrap_or_default();
        let text = match (&self.outcome, median) {
            (BucketingOutcome::BelowPeers { gap }, Some(median)) => format!(
                "{proposed_title}'s band {word} is {} below {median}, the median of the {words} \
                 of {count} {noun}{aged} (threshold {}). The title may be bucketing the role \
                 into a lower-paid track.",
                percent(gap.abs()),
                percent(self.threshold_percent / 100.0),
            ),
            (BucketingOutcome::Fair { gap }, Some(median)) => format!(
                "{proposed_title}'s band {word} is {} {} {median}, the median of the {words} of \
                 {count} {noun}{aged}.",
                percent(gap.abs()),
                if *gap < 0.0 { "below" } else { "above" },
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
/// An entered midpoint with no statistic stated is a midpoint.
pub fn statistic_words(statistic: Option<Statistic>) -> (String, String) {
    match statistic {
        None | Some(Statistic::RangeMidpoint) => ("midpoint".into(), "midpoints".into()),
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
        outcome: BucketingOutcome::NotComparable {
            reason: reason.into(),
        },
    }
}

fn gap(proposed: i64, median: i64) -> f64 {
    (proposed as f64 - median as f64) / median as f64
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
        aged: None,
        effective: band.effective(),
        rate_id: converted.rate_id,
        reasons,
        counted_anyway,
    })
}

#[cfg(test)]
mod tests;
