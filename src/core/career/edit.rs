//! Operations the UI calls to change the worksheet. Those that create records take the
//! plan (for fresh ids); removals also clear every reference to what they remove, so a
//! plan never points at a record that is gone.

use serde::Serialize;

use std::fmt;

use super::citation::cite;
use super::{
    Behaviour, BehaviourId, BehaviourRating, Career, CitedGoal, CompRecord, Evidence, ExchangeRate,
    Family, KeyArea, Level, LevelId, Rating, SelfAssessment, Track, TrackKind,
};
use crate::core::plan::Plan;
use crate::core::schema::is_safe_link;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EditError {
    NotFound {
        id: String,
    },
    /// A self-assessment targets the level; remove or retarget it first.
    LevelInUse {
        level_title: String,
    },
    /// Only http, https and mailto links are kept (a plan with another would not load).
    UnsafeLink {
        link: String,
    },
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::NotFound { id } => write!(f, "Nothing with id {id} in this plan."),
            EditError::LevelInUse { level_title } => write!(
                f,
                "A self-assessment targets {level_title}; change its target level before \
                 removing the level."
            ),
            EditError::UnsafeLink { link } => write!(
                f,
                "Only http, https and mailto links can be kept, not {link:?}."
            ),
        }
    }
}

fn not_found(id: &str) -> EditError {
    EditError::NotFound { id: id.to_string() }
}

pub fn add_track(plan: &mut Plan, name: &str, family: Family, kind: TrackKind) -> String {
    let id = plan.fresh_id("t");
    plan.career.tracks.push(Track {
        id: id.clone().into(),
        name: name.to_string(),
        family,
        kind,
        ..Track::default()
    });
    id
}

/// Adds a level above the track's highest, with the same scope; returns its id.
pub fn add_level(plan: &mut Plan, track_id: &str, title: &str) -> Result<String, EditError> {
    track_mut(&mut plan.career, track_id)?;
    let id = plan.fresh_id("l");
    let track = track_mut(&mut plan.career, track_id)?;
    let top = track.levels.iter().max_by_key(|l| l.rank);
    let level = Level {
        id: id.clone().into(),
        title: title.to_string(),
        rank: top.map_or(1, |l| l.rank.saturating_add(1)),
        scope: top.map(|l| l.scope).unwrap_or_default(),
        ..Level::default()
    };
    track.levels.push(level);
    Ok(id)
}

pub fn add_key_area(plan: &mut Plan, track_id: &str, name: &str) -> Result<String, EditError> {
    track_mut(&mut plan.career, track_id)?;
    let id = plan.fresh_id("k");
    track_mut(&mut plan.career, track_id)?
        .key_areas
        .push(KeyArea {
            id: id.clone().into(),
            name: name.to_string(),
            ..KeyArea::default()
        });
    Ok(id)
}

/// Sets the behaviour a key area expects at a level, creating it if needed; returns its id.
pub fn set_behaviour(
    plan: &mut Plan,
    key_area_id: &str,
    level_id: &str,
    text: &str,
) -> Result<String, EditError> {
    let (t, a) = plan
        .career
        .tracks
        .iter()
        .enumerate()
        .find_map(|(t, track)| {
            let a = track.key_areas.iter().position(|a| a.id == key_area_id)?;
            Some((t, a))
        })
        .ok_or_else(|| not_found(key_area_id))?;
    if plan.career.tracks[t].level(level_id).is_none() {
        return Err(not_found(level_id));
    }
    let area = &mut plan.career.tracks[t].key_areas[a];
    if let Some(b) = area.behaviours.iter_mut().find(|b| b.level_id == level_id) {
        b.text = text.to_string();
        return Ok(b.id.to_string());
    }
    // A fresh id only when a behaviour is made: a refused or updating call changes nothing else.
    let fresh = plan.fresh_id("b");
    plan.career.tracks[t].key_areas[a]
        .behaviours
        .push(Behaviour {
            id: fresh.clone().into(),
            level_id: level_id.into(),
            text: text.to_string(),
            extra: Default::default(),
        });
    Ok(fresh)
}

/// Adds a compensation record under a fresh id; returns the id.
pub fn add_comp_record(plan: &mut Plan, record: CompRecord) -> String {
    let id = plan.fresh_id("r");
    plan.career.comp_records.push(CompRecord {
        id: id.clone().into(),
        ..record
    });
    id
}

pub fn add_exchange_rate(plan: &mut Plan, rate: ExchangeRate) -> String {
    let id = plan.fresh_id("x");
    plan.career.exchange_rates.push(ExchangeRate {
        id: id.clone().into(),
        ..rate
    });
    id
}

pub fn add_self_assessment(plan: &mut Plan, target_level_id: &str) -> Result<String, EditError> {
    if plan.career.level(target_level_id).is_none() {
        return Err(not_found(target_level_id));
    }
    let id = plan.fresh_id("a");
    plan.career.self_assessments.push(SelfAssessment {
        id: id.clone().into(),
        target_level_id: target_level_id.into(),
        ..SelfAssessment::default()
    });
    Ok(id)
}

/// Records (or changes) the rating of one behaviour.
pub fn rate_behaviour(
    career: &mut Career,
    assessment_id: &str,
    behaviour_id: &str,
    rating: Rating,
) -> Result<(), EditError> {
    if career.behaviour(behaviour_id).is_none() {
        return Err(not_found(behaviour_id));
    }
    let a = assessment_mut(career, assessment_id)?;
    // A rating already given changes in place, keeping what a newer Trellis added to it.
    if let Some(given) = a
        .ratings
        .iter_mut()
        .find(|r| r.behaviour_id == behaviour_id)
    {
        given.rating = rating;
        let mut first = true;
        a.ratings
            .retain(|r| r.behaviour_id != behaviour_id || std::mem::replace(&mut first, false));
        return Ok(());
    }
    a.ratings.push(BehaviourRating {
        behaviour_id: behaviour_id.into(),
        rating,
        extra: Default::default(),
    });
    Ok(())
}

/// Adds evidence under a fresh id. The goal and behaviours it cites must exist and its
/// link must be safe: otherwise the plan would point at nothing, or fail to load.
pub fn add_evidence(
    plan: &mut Plan,
    assessment_id: &str,
    evidence: Evidence,
) -> Result<String, EditError> {
    assessment_mut(&mut plan.career, assessment_id)?;
    if let Some(goal_id) = evidence.goal_id.as_deref().filter(|g| !g.is_empty()) {
        if plan.goals.goal(goal_id).is_none() {
            return Err(not_found(goal_id));
        }
    }
    if let Some(b) = evidence
        .behaviour_ids
        .iter()
        .find(|b| plan.career.behaviour(b).is_none())
    {
        return Err(not_found(b));
    }
    if !is_safe_link(&evidence.link) {
        return Err(EditError::UnsafeLink {
            link: evidence.link,
        });
    }
    let id = plan.fresh_id("e");
    assessment_mut(&mut plan.career, assessment_id)?
        .evidence
        .push(Evidence {
            id: id.clone().into(),
            ..evidence
        });
    Ok(id)
}

/// Points a self-assessment at another level. Ratings are kept (they belong to behaviours,
/// and readiness only counts those of the target level), so switching back restores them.
pub fn set_target_level(
    career: &mut Career,
    assessment_id: &str,
    level_id: &str,
) -> Result<(), EditError> {
    if career.level(level_id).is_none() {
        return Err(not_found(level_id));
    }
    assessment_mut(career, assessment_id)?.target_level_id = level_id.into();
    Ok(())
}

/// Points a self-assessment at another track, at the level whose rank is closest to the
/// current target's (the same rank when the track has one); returns the new level's id.
pub fn retarget_track(
    career: &mut Career,
    assessment_id: &str,
    track_id: &str,
) -> Result<String, EditError> {
    let current = assessment_mut(career, assessment_id)?
        .target_level_id
        .clone();
    let rank = career.level(&current).map_or(1, |(_, l)| l.rank);
    let track = career.track(track_id).ok_or_else(|| not_found(track_id))?;
    let level = track
        .levels
        .iter()
        .min_by_key(|l| (l.rank.abs_diff(rank), l.rank))
        .ok_or_else(|| not_found(track_id))?
        .id
        .clone();
    set_target_level(career, assessment_id, &level)?;
    Ok(level.to_string())
}

fn evidence_mut<'a>(
    career: &'a mut Career,
    assessment_id: &str,
    evidence_id: &str,
) -> Result<&'a mut Evidence, EditError> {
    assessment_mut(career, assessment_id)?
        .evidence
        .iter_mut()
        .find(|e| e.id == evidence_id)
        .ok_or_else(|| not_found(evidence_id))
}

/// Sets an evidence link; a link the file format refuses is not stored.
pub fn set_evidence_link(
    career: &mut Career,
    assessment_id: &str,
    evidence_id: &str,
    link: &str,
) -> Result<(), EditError> {
    let link = checked_link(link)?;
    evidence_mut(career, assessment_id, evidence_id)?.link = link;
    Ok(())
}

/// Sets the link to a band's source; a link the file format refuses is not stored.
pub fn set_band_link(career: &mut Career, level_id: &str, link: &str) -> Result<(), EditError> {
    let link = checked_link(link)?;
    let band = career
        .tracks
        .iter_mut()
        .flat_map(|t| t.levels.iter_mut())
        .find(|l| l.id == level_id)
        .ok_or_else(|| not_found(level_id))?
        .band
        .as_mut()
        .ok_or_else(|| not_found(level_id))?;
    band.source.link = link;
    Ok(())
}

fn checked_link(link: &str) -> Result<String, EditError> {
    let link = link.trim();
    if is_safe_link(link) {
        Ok(link.to_string())
    } else {
        Err(EditError::UnsafeLink {
            link: link.to_string(),
        })
    }
}

/// Makes evidence cite a goal of this plan: read live, with a snapshot kept in case the
/// goal is later deleted.
pub fn cite_own_goal(
    plan: &mut Plan,
    assessment_id: &str,
    evidence_id: &str,
    goal_id: &str,
    today: chrono::NaiveDate,
) -> Result<(), EditError> {
    let cited = cite(&plan.id, &plan.name, &plan.goals, goal_id, today)
        .ok_or_else(|| not_found(goal_id))?;
    let e = evidence_mut(&mut plan.career, assessment_id, evidence_id)?;
    e.goal_id = Some(goal_id.into());
    e.cited_goal = Some(cited);
    e.period_id = None;
    Ok(())
}

/// Makes evidence cite a goal's result in a closed period of this plan (its score), with a
/// snapshot of it, as for any cited goal.
pub fn cite_period_result(
    plan: &mut Plan,
    assessment_id: &str,
    evidence_id: &str,
    period_id: &str,
    goal_id: &str,
    today: chrono::NaiveDate,
) -> Result<(), EditError> {
    let (statement, result) =
        crate::core::goals::periods::period_citation(&plan.goals, period_id, goal_id)
            .ok_or_else(|| not_found(period_id))?;
    let cited = CitedGoal {
        plan: plan.id.to_string(),
        plan_name: plan.name.clone(),
        goal: goal_id.to_string(),
        statement,
        final_check_in: Some(result),
        cited_on: Some(today),
        extra: Default::default(),
    };
    let goal_exists = plan.goals.goal(goal_id).is_some();
    let e = evidence_mut(&mut plan.career, assessment_id, evidence_id)?;
    e.goal_id = goal_exists.then(|| goal_id.into());
    e.period_id = goal_exists.then(|| period_id.into());
    e.cited_goal = Some(cited);
    Ok(())
}

/// Makes evidence cite a goal of another plan: only the snapshot is kept, since the other
/// plan is not part of this one.
pub fn cite_other_goal(
    career: &mut Career,
    assessment_id: &str,
    evidence_id: &str,
    cited: CitedGoal,
) -> Result<(), EditError> {
    let e = evidence_mut(career, assessment_id, evidence_id)?;
    e.goal_id = None;
    e.cited_goal = Some(cited);
    e.period_id = None;
    Ok(())
}

pub fn clear_goal_citation(
    career: &mut Career,
    assessment_id: &str,
    evidence_id: &str,
) -> Result<(), EditError> {
    let e = evidence_mut(career, assessment_id, evidence_id)?;
    e.goal_id = None;
    e.cited_goal = None;
    e.period_id = None;
    Ok(())
}

/// Removes a level, its behaviours and ratings; records that pointed at it keep their
/// figures but lose the level. Refused while a self-assessment targets it.
pub fn remove_level(career: &mut Career, level_id: &str) -> Result<(), EditError> {
    let (_, level) = career.level(level_id).ok_or_else(|| not_found(level_id))?;
    if career
        .self_assessments
        .iter()
        .any(|a| a.target_level_id == level_id)
    {
        return Err(EditError::LevelInUse {
            level_title: level.title.clone(),
        });
    }
    let mut gone = Vec::new();
    for track in &mut career.tracks {
        track.levels.retain(|l| l.id != level_id);
        for area in &mut track.key_areas {
            gone.extend(
                area.behaviours
                    .iter()
                    .filter(|b| b.level_id == level_id)
                    .map(|b| b.id.clone()),
            );
            area.behaviours.retain(|b| b.level_id != level_id);
        }
    }
    forget_behaviours(career, &gone);
    for r in &mut career.comp_records {
        if r.level_id.as_deref() == Some(level_id) {
            r.level_id = None;
        }
    }
    if career.proposed_level_id.as_deref() == Some(level_id) {
        career.proposed_level_id = None;
    }
    career.count_anyway_level_ids.retain(|id| id != level_id);
    Ok(())
}

/// Removes a track with its levels; refused while a self-assessment targets one of them.
pub fn remove_track(career: &mut Career, track_id: &str) -> Result<(), EditError> {
    let level_ids: Vec<LevelId> = career
        .track(track_id)
        .ok_or_else(|| not_found(track_id))?
        .levels
        .iter()
        .map(|l| l.id.clone())
        .collect();
    if let Some(title) = level_ids.iter().find_map(|id| {
        career
            .self_assessments
            .iter()
            .any(|a| &a.target_level_id == id)
            .then(|| career.level(id).map(|(_, l)| l.title.clone()))
            .flatten()
    }) {
        return Err(EditError::LevelInUse { level_title: title });
    }
    for id in &level_ids {
        remove_level(career, id)?;
    }
    let gone: Vec<BehaviourId> = career
        .track(track_id)
        .into_iter()
        .flat_map(|t| &t.key_areas)
        .flat_map(|a| a.behaviours.iter().map(|b| b.id.clone()))
        .collect();
    forget_behaviours(career, &gone);
    career.tracks.retain(|t| t.id != track_id);
    for r in &mut career.comp_records {
        if r.track_id.as_deref() == Some(track_id) {
            r.track_id = None;
        }
    }
    Ok(())
}

pub fn remove_key_area(career: &mut Career, key_area_id: &str) -> Result<(), EditError> {
    let track = career
        .tracks
        .iter_mut()
        .find(|t| t.key_areas.iter().any(|a| a.id == key_area_id))
        .ok_or_else(|| not_found(key_area_id))?;
    let gone: Vec<BehaviourId> = track
        .key_areas
        .iter()
        .filter(|a| a.id == key_area_id)
        .flat_map(|a| a.behaviours.iter().map(|b| b.id.clone()))
        .collect();
    track.key_areas.retain(|a| a.id != key_area_id);
    forget_behaviours(career, &gone);
    Ok(())
}

/// Drops ratings of, and evidence links to, behaviours that no longer exist.
fn forget_behaviours(career: &mut Career, gone: &[BehaviourId]) {
    for a in &mut career.self_assessments {
        a.ratings.retain(|r| !gone.contains(&r.behaviour_id));
        for e in &mut a.evidence {
            e.behaviour_ids.retain(|b| !gone.contains(b));
        }
    }
}

/// Call when a goal is deleted: evidence that cited it keeps its text and the snapshot of
/// the goal, but not the link.
pub fn forget_goal(career: &mut Career, goal_id: &str) {
    for e in career
        .self_assessments
        .iter_mut()
        .flat_map(|a| a.evidence.iter_mut())
    {
        if e.goal_id.as_deref() == Some(goal_id) {
            e.goal_id = None;
            e.period_id = None;
        }
    }
}

fn track_mut<'a>(career: &'a mut Career, track_id: &str) -> Result<&'a mut Track, EditError> {
    career
        .tracks
        .iter_mut()
        .find(|t| t.id == track_id)
        .ok_or_else(|| not_found(track_id))
}

fn assessment_mut<'a>(
    career: &'a mut Career,
    assessment_id: &str,
) -> Result<&'a mut SelfAssessment, EditError> {
    career
        .self_assessments
        .iter_mut()
        .find(|a| a.id == assessment_id)
        .ok_or_else(|| not_found(assessment_id))
}

#[cfg(test)]
mod tests;
