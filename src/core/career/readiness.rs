//! Readiness for a target level: the share of its behaviours rated meeting or exceeding,
//! per key area and overall. Unrated behaviours count as not yet met.

use serde::Serialize;

use super::{Career, Rating, SelfAssessment};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BehaviourReadiness {
    pub behaviour_id: String,
    pub text: String,
    pub rating: Option<Rating>,
    /// Ids of the evidence items that cite this behaviour.
    pub evidence_ids: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AreaReadiness {
    pub key_area_id: String,
    pub name: String,
    pub behaviours: Vec<BehaviourReadiness>,
    pub meeting_or_exceeding: usize,
    /// Share of behaviours met, 0..=1; None when the area expects nothing at this level.
    pub share: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Readiness {
    pub target_level_id: String,
    pub track_name: String,
    pub level_title: String,
    pub areas: Vec<AreaReadiness>,
    pub behaviours: usize,
    pub meeting_or_exceeding: usize,
    pub unrated: usize,
    /// Share of all behaviours met, 0..=1; None when the level has no behaviours.
    pub overall: Option<f64>,
}

/// The level a new self-assessment aims at until the user chooses one (issue 31): the next
/// level up from the role under discussion in its track (what the person is working towards),
/// else that role itself, else the first level of the first track.
pub fn default_target_level(career: &Career) -> Option<String> {
    if let Some((track, level)) = career
        .proposed_level_id
        .as_deref()
        .and_then(|id| career.level(id))
    {
        let next = track
            .levels
            .iter()
            .filter(|l| l.rank > level.rank)
            .min_by_key(|l| l.rank);
        return Some(next.unwrap_or(level).id.to_string());
    }
    career
        .tracks
        .iter()
        .find_map(|t| t.levels.iter().min_by_key(|l| l.rank))
        .map(|l| l.id.to_string())
}

fn share(met: usize, total: usize) -> Option<f64> {
    (total > 0).then(|| met as f64 / total as f64)
}

/// Readiness by key area; None when the target level does not exist.
pub fn readiness(career: &Career, assessment: &SelfAssessment) -> Option<Readiness> {
    let (track, level) = career.level(&assessment.target_level_id)?;
    let mut areas = Vec::new();
    for area in &track.key_areas {
        let behaviours: Vec<BehaviourReadiness> = area
            .behaviours
            .iter()
            .filter(|b| b.level_id == level.id)
            .map(|b| BehaviourReadiness {
                behaviour_id: b.id.to_string(),
                text: b.text.clone(),
                rating: assessment.rating_of(&b.id),
                evidence_ids: assessment
                    .evidence
                    .iter()
                    .filter(|e| e.behaviour_ids.contains(&b.id))
                    .map(|e| e.id.to_string())
                    .collect(),
            })
            .collect();
        let met = behaviours
            .iter()
            .filter(|b| b.rating.is_some_and(Rating::meets))
            .count();
        areas.push(AreaReadiness {
            key_area_id: area.id.to_string(),
            name: area.name.clone(),
            share: share(met, behaviours.len()),
            meeting_or_exceeding: met,
            behaviours,
        });
    }
    let total: usize = areas.iter().map(|a| a.behaviours.len()).sum();
    let met: usize = areas.iter().map(|a| a.meeting_or_exceeding).sum();
    let unrated = areas
        .iter()
        .flat_map(|a| &a.behaviours)
        .filter(|b| b.rating.is_none())
        .count();
    Some(Readiness {
        target_level_id: level.id.to_string(),
        track_name: track.name.clone(),
        level_title: level.title.clone(),
        areas,
        behaviours: total,
        meeting_or_exceeding: met,
        unrated,
        overall: share(met, total),
    })
}

#[cfg(test)]
mod default_target_tests {
    use super::*;
    use crate::core::career::tests::four_tracks;

    #[test]
    fn a_new_self_assessment_aims_one_level_above_the_role() {
        let mut career = four_tracks();
        assert_eq!(default_target_level(&career).as_deref(), Some("c-1"));
        career.proposed_level_id = Some("c-2".into());
        assert_eq!(default_target_level(&career).as_deref(), Some("c-3"));
        career.proposed_level_id = Some("c-3".into());
        assert_eq!(
            default_target_level(&career).as_deref(),
            Some("c-3"),
            "the top level aims at itself"
        );
        assert_eq!(default_target_level(&Career::default()), None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::career::tests::four_tracks;
    use crate::core::career::{Behaviour, BehaviourRating, Evidence, KeyArea};

    fn career() -> Career {
        let mut career = four_tracks();
        let track = &mut career.tracks[0];
        track.key_areas.push(KeyArea {
            id: "c-k2".into(),
            name: "Communication and messaging".into(),
            behaviours: vec![
                Behaviour {
                    id: "msg-a".into(),
                    level_id: "c-3".into(),
                    text: "Defines the message".into(),
                    extra: Default::default(),
                },
                Behaviour {
                    id: "msg-b".into(),
                    level_id: "c-3".into(),
                    text: "Innovates in communication".into(),
                    extra: Default::default(),
                },
            ],
            ..KeyArea::default()
        });
        career
    }

    fn rate(id: &str, rating: Rating) -> BehaviourRating {
        BehaviourRating {
            behaviour_id: id.into(),
            rating,
            extra: Default::default(),
        }
    }

    #[test]
    fn readiness_is_the_share_meeting_or_exceeding_by_key_area_and_overall() {
        let a = SelfAssessment {
            target_level_id: "c-3".into(),
            ratings: vec![
                rate("c-3-b", Rating::Exceeding),
                rate("msg-a", Rating::Meeting),
                rate("msg-b", Rating::WorkingTowards),
            ],
            ..SelfAssessment::default()
        };
        let r = readiness(&career(), &a).unwrap();
        assert_eq!(r.areas[0].share, Some(1.0));
        assert_eq!(r.areas[1].share, Some(0.5));
        assert_eq!((r.meeting_or_exceeding, r.behaviours), (2, 3));
        assert_eq!(r.overall, Some(2.0 / 3.0));
        assert_eq!(r.unrated, 0);
    }

    #[test]
    fn unrated_behaviours_count_as_not_yet_met() {
        let a = SelfAssessment {
            target_level_id: "c-3".into(),
            ratings: vec![rate("msg-a", Rating::Meeting)],
            ..SelfAssessment::default()
        };
        let r = readiness(&career(), &a).unwrap();
        assert_eq!(r.unrated, 2);
        assert_eq!(r.overall, Some(1.0 / 3.0));
    }

    #[test]
    fn ratings_for_other_levels_do_not_count() {
        let a = SelfAssessment {
            target_level_id: "c-3".into(),
            ratings: vec![rate("c-2-b", Rating::Exceeding)],
            ..SelfAssessment::default()
        };
        assert_eq!(readiness(&career(), &a).unwrap().overall, Some(0.0));
    }

    #[test]
    fn evidence_is_attached_to_the_behaviours_it_cites() {
        let a = SelfAssessment {
            target_level_id: "c-3".into(),
            evidence: vec![Evidence {
                id: "e1".into(),
                text: "Launched the contributor summit".into(),
                behaviour_ids: vec!["msg-a".into()],
                ..Evidence::default()
            }],
            ..SelfAssessment::default()
        };
        let r = readiness(&career(), &a).unwrap();
        assert_eq!(r.areas[1].behaviours[0].evidence_ids, ["e1"]);
        assert!(r.areas[1].behaviours[1].evidence_ids.is_empty());
    }

    #[test]
    fn a_level_without_behaviours_has_no_readiness_share() {
        let mut career = career();
        career.tracks[0].key_areas.clear();
        let a = SelfAssessment {
            target_level_id: "c-3".into(),
            ..SelfAssessment::default()
        };
        let r = readiness(&career, &a).unwrap();
        assert_eq!(r.overall, None);
        let missing = SelfAssessment {
            target_level_id: "gone".into(),
            ..SelfAssessment::default()
        };
        assert!(readiness(&career, &missing).is_none());
    }
}
