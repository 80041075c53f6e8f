//! The research log of a level: figures from several sources, the one the user picks as
//! the band in use, and how far the sources disagree.

use serde::Serialize;

use super::edit::EditError;
use super::{Band, Career, Level, PayBasis, ResearchEntry, ResearchEntryId};
use crate::core::plan::Plan;

/// How far apart the logged figures are. Only entries in the currency and basis of the
/// first one with a midpoint are in the spread; the others are named.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Spread {
    pub currency: String,
    pub basis: PayBasis,
    /// (entry id, midpoint), lowest first.
    pub lowest: (ResearchEntryId, i64),
    pub highest: (ResearchEntryId, i64),
    /// (highest − lowest) ÷ lowest; 0.25 is 25%.
    pub ratio: Option<f64>,
    /// Entries in the spread.
    pub count: usize,
    /// Entries left out of the spread (other currency or basis, or no midpoint).
    pub left_out: Vec<ResearchEntryId>,
    /// The entries in the spread differ in statistic, population, geography or date, so
    /// part of the spread is what they measure, not disagreement.
    pub measures_differ: bool,
}

/// The research entry whose band is the level's band in use, if any.
pub fn entry_in_use(level: &Level) -> Option<&ResearchEntry> {
    let band = level.band.as_ref()?;
    level.research.iter().find(|e| &e.band == band)
}

/// The spread between the sources of a level's research log; None with fewer than two
/// comparable figures.
pub fn spread(level: &Level) -> Option<Spread> {
    let first = level
        .research
        .iter()
        .find(|e| e.band.midpoint().is_some())?;
    let (currency, basis) = (first.band.currency.clone(), first.band.basis);
    let mut points = Vec::new();
    let mut left_out = Vec::new();
    let mut measures_differ = false;
    for e in &level.research {
        match e.band.midpoint() {
            Some(m) if e.band.currency == currency && e.band.basis == basis => {
                points.push((e.id.clone(), m));
                measures_differ |=
                    !super::compare::comparability(&e.band, &first.band, 0, false).is_empty();
            }
            _ => left_out.push(e.id.clone()),
        }
    }
    if points.len() < 2 {
        return None;
    }
    points.sort_by_key(|p| p.1);
    let lowest = points.first()?.clone();
    let highest = points.last()?.clone();
    let ratio = (lowest.1 > 0).then(|| (highest.1 - lowest.1) as f64 / lowest.1 as f64);
    Some(Spread {
        currency,
        basis,
        lowest,
        highest,
        ratio,
        count: points.len(),
        left_out,
        measures_differ,
    })
}

fn level_mut<'a>(career: &'a mut Career, level_id: &str) -> Result<&'a mut Level, EditError> {
    career
        .tracks
        .iter_mut()
        .flat_map(|t| t.levels.iter_mut())
        .find(|l| l.id == level_id)
        .ok_or_else(|| EditError::NotFound {
            id: level_id.to_string(),
        })
}

/// Logs a figure for a level under a fresh id; returns the id.
pub fn add_entry(plan: &mut Plan, level_id: &str, band: Band) -> Result<String, EditError> {
    level_mut(&mut plan.career, level_id)?;
    let id = plan.fresh_id("f");
    level_mut(&mut plan.career, level_id)?
        .research
        .push(ResearchEntry {
            id: id.clone().into(),
            band,
            extra: Default::default(),
        });
    Ok(id)
}

/// Makes a logged figure the level's band in use.
pub fn use_entry(career: &mut Career, level_id: &str, entry_id: &str) -> Result<(), EditError> {
    let level = level_mut(career, level_id)?;
    let band = level
        .research
        .iter()
        .find(|e| e.id == entry_id)
        .map(|e| e.band.clone())
        .ok_or_else(|| EditError::NotFound {
            id: entry_id.to_string(),
        })?;
    level.band = Some(band);
    Ok(())
}

/// Removes a logged figure; the band in use stays as it is.
pub fn remove_entry(career: &mut Career, level_id: &str, entry_id: &str) -> Result<(), EditError> {
    let level = level_mut(career, level_id)?;
    let before = level.research.len();
    level.research.retain(|e| e.id != entry_id);
    if level.research.len() == before {
        return Err(EditError::NotFound {
            id: entry_id.to_string(),
        });
    }
    Ok(())
}

/// Counts a peer level's band in the bucketing check although it is not comparable (or
/// stops counting it).
pub fn set_count_anyway(career: &mut Career, level_id: &str, count: bool) {
    career.count_anyway_level_ids.retain(|id| id != level_id);
    if count && career.level(level_id).is_some() {
        career.count_anyway_level_ids.push(level_id.into());
    }
}

#[cfg(test)]
mod tests;
