//! Pay arithmetic: package totals, compa-ratio, range penetration, percentile position.
//! Money stays in integer minor units; only ratios are f64.

use std::fmt;

use serde::Serialize;

use super::{Band, CompRecord, PayBasis};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PayError {
    /// An equity grant with no vesting period cannot be annualised.
    NoVestingPeriod,
    Overflow,
    /// The band's pay basis is a value from a newer version of Trellis.
    UnknownBasis,
}

impl fmt::Display for PayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PayError::NoVestingPeriod => write!(
                f,
                "The equity grant has no vesting period; enter the vesting years to annualise it."
            ),
            PayError::Overflow => write!(f, "The total is too large to calculate."),
            PayError::UnknownBasis => write!(
                f,
                "The band's pay basis is a value from a newer version of Trellis, so this \
                 version cannot tell which pay it covers."
            ),
        }
    }
}

/// `a ÷ b` rounded half away from zero; `b` must be positive.
pub(crate) fn div_round(a: i64, b: i64) -> Option<i64> {
    if b <= 0 {
        return None;
    }
    let (a, b) = (i128::from(a), i128::from(b));
    let q = if a >= 0 {
        (2 * a + b) / (2 * b)
    } else {
        -((-2 * a + b) / (2 * b))
    };
    i64::try_from(q).ok()
}

/// Halfway between two amounts without overflowing.
pub(crate) fn midway(a: i64, b: i64) -> i64 {
    let sum = i128::from(a) + i128::from(b);
    // The mean of two i64s always fits in an i64.
    i64::try_from(sum.div_euclid(2)).unwrap_or(a)
}

fn sum(parts: &[i64]) -> Result<i64, PayError> {
    parts
        .iter()
        .try_fold(0_i64, |acc, p| acc.checked_add(*p))
        .ok_or(PayError::Overflow)
}

/// A per-year share of an amount that vests (or is spread) over `years`.
fn per_year(amount: i64, years: u32) -> Result<i64, PayError> {
    if amount == 0 {
        return Ok(0);
    }
    if years == 0 {
        return Err(PayError::NoVestingPeriod);
    }
    div_round(amount, i64::from(years)).ok_or(PayError::Overflow)
}

/// Base + target bonus + the whole sign-on + one year's vesting of the equity grant.
pub fn first_year_total(r: &CompRecord) -> Result<i64, PayError> {
    let equity = per_year(r.equity_grant, r.vesting_years)?;
    sum(&[r.base, r.target_bonus, r.sign_on, equity])
}

/// Base + target bonus + equity ÷ vesting years (+ sign-on ÷ vesting years when spread).
pub fn annualised_total(r: &CompRecord) -> Result<i64, PayError> {
    let equity = per_year(r.equity_grant, r.vesting_years)?;
    let sign_on = if r.spread_sign_on {
        per_year(r.sign_on, r.vesting_years)?
    } else {
        0
    };
    sum(&[r.base, r.target_bonus, equity, sign_on])
}

/// The part of a package a band of the given basis covers.
pub fn pay_for_basis(r: &CompRecord, basis: PayBasis) -> Result<i64, PayError> {
    match basis {
        PayBasis::Unknown(_) => Err(PayError::UnknownBasis),
        PayBasis::Base => Ok(r.base),
        PayBasis::TotalCash => sum(&[r.base, r.target_bonus]),
        PayBasis::TotalComp => annualised_total(r),
        // Base and incentive pay: the nearest a record comes is base plus target bonus.
        PayBasis::Wages => sum(&[r.base, r.target_bonus]),
    }
}

/// Pay ÷ the band's target (where set) or midpoint. None when neither is a positive amount.
pub fn compa_ratio(pay: i64, band: &Band) -> Option<f64> {
    let reference = band.target.or_else(|| band.midpoint())?;
    (reference > 0).then(|| pay as f64 / reference as f64)
}

/// (pay − min) ÷ (max − min): 0 at the minimum, 1 at the maximum, outside 0..1 outside
/// the band. None when min or max is missing or the band has no width.
pub fn range_penetration(pay: i64, band: &Band) -> Option<f64> {
    let (min, max) = (band.min?, band.max?);
    let width = i128::from(max) - i128::from(min);
    if width <= 0 {
        return None;
    }
    Some((i128::from(pay) - i128::from(min)) as f64 / width as f64)
}

/// Where pay sits among a band's known percentiles.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PercentilePosition {
    /// Below the lowest known percentile (e.g. under the 10th).
    Below { percentile: u8, amount: i64 },
    /// Between two known percentiles, with a linearly interpolated estimate.
    Between {
        lower: u8,
        upper: u8,
        lower_amount: i64,
        upper_amount: i64,
        estimate: f64,
    },
    /// Exactly a known percentile (the lowest of several equal ones).
    At { percentile: u8 },
    /// Above the highest known percentile (e.g. over the 90th).
    Above { percentile: u8, amount: i64 },
}

impl PercentilePosition {
    pub fn describe(&self) -> String {
        match self {
            PercentilePosition::Below { percentile, .. } => {
                format!("below the {}", ordinal(*percentile))
            }
            PercentilePosition::Between {
                lower,
                upper,
                estimate,
                ..
            } => format!(
                "between the {} and {} percentiles (about the {})",
                ordinal(*lower),
                ordinal(*upper),
                ordinal(estimate.round().clamp(0.0, 100.0) as u8)
            ),
            PercentilePosition::At { percentile } => {
                format!("at the {} percentile", ordinal(*percentile))
            }
            PercentilePosition::Above { percentile, .. } => {
                format!("above the {}", ordinal(*percentile))
            }
        }
    }
}

pub fn ordinal(n: u8) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Pay's position among the known percentiles. None when none are known or they do not
/// rise with the percentile (the figures would contradict each other).
pub fn percentile_position(pay: i64, band: &Band) -> Option<PercentilePosition> {
    let points = band.percentiles.known();
    let (first, last) = (*points.first()?, *points.last()?);
    if points.windows(2).any(|w| w[1].1 < w[0].1) {
        return None;
    }
    if pay < first.1 {
        return Some(PercentilePosition::Below {
            percentile: first.0,
            amount: first.1,
        });
    }
    if pay > last.1 {
        return Some(PercentilePosition::Above {
            percentile: last.0,
            amount: last.1,
        });
    }
    if let Some(&(percentile, _)) = points.iter().find(|p| p.1 == pay) {
        return Some(PercentilePosition::At { percentile });
    }
    let (lo, hi) = points
        .windows(2)
        .map(|w| (w[0], w[1]))
        .find(|(lo, hi)| lo.1 < pay && pay < hi.1)?;
    let share =
        (i128::from(pay) - i128::from(lo.1)) as f64 / (i128::from(hi.1) - i128::from(lo.1)) as f64;
    Some(PercentilePosition::Between {
        lower: lo.0,
        upper: hi.0,
        lower_amount: lo.1,
        upper_amount: hi.1,
        estimate: f64::from(lo.0) + share * f64::from(hi.0 - lo.0),
    })
}

#[cfg(test)]
mod tests;
