//! Side-by-side comparison of a level with the levels of the same rank in other tracks,
//! and the bucketing check: is the proposed track's band well below its peers?

use serde::{Deserialize, Serialize};

use super::currency::{convert, CurrencyError};
use super::{Band, Career, Family, PayBasis, Scope, Track};

/// The bucketing check warns when the proposed midpoint is more than this many percent
/// below the median midpoint of comparable tracks.
pub const DEFAULT_BUCKETING_THRESHOLD_PERCENT: f64 = 10.0;

/// One level in the side-by-side table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
        track_id: track.id.clone(),
        track_name: track.name.clone(),
        family: track.family,
        level_id: level.id.clone(),
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

/// Why a peer track's band was left out of the bucketing median.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Exclusion {
    NoLevelAtRank,
    NoBand,
    NoMidpoint,
    /// Comparing base pay with total compensation would flatter one side.
    DifferentBasis {
        basis: PayBasis,
    },
    Currency(CurrencyError),
}

impl Exclusion {
    pub fn message(&self, track_name: &str) -> String {
        match self {
            Exclusion::NoLevelAtRank => format!("{track_name} has no level at this rank."),
            Exclusion::NoBand => format!("{track_name} has no band at this rank."),
            Exclusion::NoMidpoint => format!("{track_name}'s band has no midpoint or median."),
            Exclusion::DifferentBasis { basis } => format!(
                "{track_name}'s band covers {}, which is not comparable.",
                basis.label()
            ),
            Exclusion::Currency(e) => format!("{track_name}: {e}"),
        }
    }
}

/// A peer's midpoint expressed in the proposed band's currency.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PeerMidpoint {
    pub track_id: String,
    pub track_name: String,
    pub level_title: String,
    pub midpoint: i64,
    pub rate_id: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BucketingOutcome {
    /// Within the threshold (or above the peers). `gap` is a ratio: -0.05 is 5% below.
    Fair { gap: f64 },
    /// More than the threshold below the peers' median midpoint.
    BelowPeers { gap: f64 },
    /// Nothing to compare: says what is missing.
    NotComparable { reason: String },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BucketingCheck {
    pub level_id: String,
    pub currency: String,
    pub basis: PayBasis,
    pub proposed_midpoint: Option<i64>,
    pub peer_median: Option<i64>,
    pub peers: Vec<PeerMidpoint>,
    pub excluded: Vec<(String, Exclusion)>,
    pub threshold_percent: f64,
    pub outcome: BucketingOutcome,
}

impl BucketingCheck {
    pub fn warns(&self) -> bool {
        matches!(self.outcome, BucketingOutcome::BelowPeers { .. })
    }

    /// One sentence for the banner.
    pub fn message(&self, proposed_title: &str) -> String {
        use super::format::{money, percent};
        let median = self.peer_median.map(|m| money(m, &self.currency));
        let count = self.peers.len();
        let peers = if count == 1 { "track" } else { "tracks" };
        match (&self.outcome, median) {
            (BucketingOutcome::BelowPeers { gap }, Some(median)) => format!(
                "{proposed_title}'s band midpoint is {} below the median midpoint of \
                 {median} across {count} comparable {peers} (threshold {}). The title may be \
                 bucketing the role into a lower-paid track.",
                percent(gap.abs()),
                percent(self.threshold_percent / 100.0),
            ),
            (BucketingOutcome::Fair { gap }, Some(median)) => format!(
                "{proposed_title}'s band midpoint is {} {} the median midpoint of {median} \
                 across {count} comparable {peers}.",
                percent(gap.abs()),
                if *gap < 0.0 { "below" } else { "above" },
            ),
            (BucketingOutcome::NotComparable { reason }, _) => reason.clone(),
            (_, None) => "No comparable bands.".into(),
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
        peer_median: None,
        peers: Vec::new(),
        excluded: Vec::new(),
        threshold_percent,
        outcome: BucketingOutcome::NotComparable {
            reason: reason.into(),
        },
    }
}

/// Compares the proposed level's band midpoint with the median midpoint of the levels of
/// the same rank in every other track, converting only with entered rates.
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
    let mut check = not_comparable(level_id, threshold_percent, "");
    check.currency = band.currency.clone();
    check.basis = band.basis;
    check.proposed_midpoint = Some(proposed);
    for other in career.tracks.iter().filter(|t| t.id != track.id) {
        match peer_midpoint(career, other, level.rank, band) {
            Ok(peer) => check.peers.push(peer),
            Err(why) => check.excluded.push((other.name.clone(), why)),
        }
    }
    let mids: Vec<i64> = check.peers.iter().map(|p| p.midpoint).collect();
    check.peer_median = median(&mids);
    check.outcome = match check.peer_median {
        Some(m) if m > 0 => {
            let gap = (proposed as f64 - m as f64) / m as f64;
            if gap * 100.0 < -threshold_percent {
                BucketingOutcome::BelowPeers { gap }
            } else {
                BucketingOutcome::Fair { gap }
            }
        }
        _ => BucketingOutcome::NotComparable {
            reason: format!(
                "No other track has a comparable band at rank {}; add bands to compare.",
                level.rank
            ),
        },
    };
    check
}

fn peer_midpoint(
    career: &Career,
    track: &Track,
    rank: u32,
    proposed: &Band,
) -> Result<PeerMidpoint, Exclusion> {
    let level = track.level_at_rank(rank).ok_or(Exclusion::NoLevelAtRank)?;
    let band = level.band.as_ref().ok_or(Exclusion::NoBand)?;
    if band.basis != proposed.basis {
        return Err(Exclusion::DifferentBasis { basis: band.basis });
    }
    let mid = band.midpoint().ok_or(Exclusion::NoMidpoint)?;
    let converted = convert(
        mid,
        &band.currency,
        &proposed.currency,
        &career.exchange_rates,
    )
    .map_err(Exclusion::Currency)?;
    Ok(PeerMidpoint {
        track_id: track.id.clone(),
        track_name: track.name.clone(),
        level_title: level.title.clone(),
        midpoint: converted.amount,
        rate_id: converted.rate_id,
    })
}

#[cfg(test)]
mod tests;
