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

/// What the self-assessment shows of its behaviours first (issue 31): the ones still to rate,
/// and those kept open on this visit (rated since the page showed them: a radio never moves
/// away from the hand that set it). The others, already rated, fold behind one line that says
/// how they are rated; they are one step away, and printed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BehaviourView {
    /// Per key area, in order, the ids of the behaviours shown open; an area with none is left out.
    pub open: Vec<(String, Vec<String>)>,
    /// Per key area, the ids of the rated behaviours folded away.
    pub folded: Vec<(String, Vec<String>)>,
    /// The folded behaviours in one line ("4 behaviours already rated: 2 meeting, 1 exceeding,
    /// 1 working towards"); None when nothing is folded.
    pub folded_summary: Option<String>,
}

impl BehaviourView {
    /// Every behaviour id shown open.
    pub fn open_ids(&self) -> impl Iterator<Item = &String> {
        self.open.iter().flat_map(|(_, ids)| ids)
    }
}

/// Splits `r`'s behaviours into those shown open and those folded: a behaviour is open while it
/// is unrated or listed in `kept_open`.
pub fn behaviour_view(r: &Readiness, kept_open: &[String]) -> BehaviourView {
    let mut view = BehaviourView::default();
    let mut counts = [0usize; 4];
    for area in &r.areas {
        let (open, folded): (Vec<&BehaviourReadiness>, Vec<&BehaviourReadiness>) = area
            .behaviours
            .iter()
            .partition(|b| b.rating.is_none() || kept_open.contains(&b.behaviour_id));
        for b in &folded {
            match b.rating {
                Some(Rating::Meeting) => counts[0] += 1,
                Some(Rating::Exceeding) => counts[1] += 1,
                Some(Rating::WorkingTowards) => counts[2] += 1,
                Some(Rating::Unknown(_)) => counts[3] += 1,
                None => {}
            }
        }
        let ids = |list: Vec<&BehaviourReadiness>| -> Vec<String> {
            list.into_iter().map(|b| b.behaviour_id.clone()).collect()
        };
        if !open.is_empty() {
            view.open.push((area.key_area_id.clone(), ids(open)));
        }
        if !folded.is_empty() {
            view.folded.push((area.key_area_id.clone(), ids(folded)));
        }
    }
    let total: usize = counts.iter().sum();
    if total > 0 {
        let parts: Vec<String> = [
            (counts[0], Rating::Meeting.label()),
            (counts[1], Rating::Exceeding.label()),
            (counts[2], Rating::WorkingTowards.label()),
            (counts[3], "rated in a newer version of Trellis"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, label)| format!("{n} {label}"))
        .collect();
        let head = if total == 1 {
            "1 behaviour already rated".to_string()
        } else {
            format!("{total} behaviours already rated")
        };
        view.folded_summary = Some(format!("{head}: {}", parts.join(", ")));
    }
    view
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

#[cfg(test)]
mod view_tests {
    use super::*;

    fn behaviour(id: &str, rating: Option<Rating>) -> BehaviourReadiness {
        BehaviourReadiness {
            behaviour_id: id.into(),
            text: format!("Behaviour {id}"),
            rating,
            evidence_ids: vec![],
        }
    }

    fn readiness_of(areas: Vec<(&str, Vec<BehaviourReadiness>)>) -> Readiness {
        Readiness {
            target_level_id: "l".into(),
            track_name: "T".into(),
            level_title: "L".into(),
            behaviours: areas.iter().map(|(_, b)| b.len()).sum(),
            meeting_or_exceeding: 0,
            unrated: 0,
            overall: None,
            areas: areas
                .into_iter()
                .map(|(id, behaviours)| AreaReadiness {
                    key_area_id: id.into(),
                    name: id.into(),
                    behaviours,
                    meeting_or_exceeding: 0,
                    share: None,
                })
                .collect(),
        }
    }

    #[test]
    fn rated_behaviours_fold_behind_a_line_and_unrated_ones_show() {
        let r = readiness_of(vec![
            (
                "a",
                vec![
                    behaviour("a1", Some(Rating::Meeting)),
                    behaviour("a2", None),
                ],
            ),
            ("b", vec![behaviour("b1", Some(Rating::Exceeding))]),
            ("c", vec![behaviour("c1", Some(Rating::Meeting))]),
        ]);
        let v = behaviour_view(&r, &[]);
        assert_eq!(v.open, vec![("a".to_string(), vec!["a2".to_string()])]);
        assert_eq!(
            v.folded,
            vec![
                ("a".to_string(), vec!["a1".to_string()]),
                ("b".to_string(), vec!["b1".to_string()]),
                ("c".to_string(), vec!["c1".to_string()]),
            ]
        );
        assert_eq!(
            v.folded_summary.as_deref(),
            Some("3 behaviours already rated: 2 meeting, 1 exceeding")
        );
    }

    #[test]
    fn a_behaviour_rated_on_this_visit_stays_open() {
        let r = readiness_of(vec![(
            "a",
            vec![
                behaviour("a1", Some(Rating::WorkingTowards)),
                behaviour("a2", Some(Rating::Meeting)),
            ],
        )]);
        let v = behaviour_view(&r, &["a2".to_string()]);
        assert_eq!(v.open_ids().collect::<Vec<_>>(), ["a2"]);
        assert_eq!(
            v.folded_summary.as_deref(),
            Some("1 behaviour already rated: 1 working towards")
        );
    }

    #[test]
    fn a_rating_from_a_newer_version_is_counted_as_rated_but_not_as_a_known_rating() {
        let newer = crate::core::newer::FromNewer::read(&serde_json::json!("outstanding"))
            .map(Rating::Unknown)
            .expect("a text is a value from a newer version");
        let r = readiness_of(vec![(
            "a",
            vec![
                behaviour("a1", Some(newer)),
                behaviour("a2", Some(Rating::Meeting)),
            ],
        )]);
        let v = behaviour_view(&r, &[]);
        assert_eq!(v.open_ids().count(), 0);
        assert_eq!(
            v.folded_summary.as_deref(),
            Some("2 behaviours already rated: 1 meeting, 1 rated in a newer version of Trellis")
        );
    }

    #[test]
    fn nothing_folds_when_nothing_is_rated() {
        let r = readiness_of(vec![(
            "a",
            vec![behaviour("a1", None), behaviour("a2", None)],
        )]);
        let v = behaviour_view(&r, &[]);
        assert_eq!(v.open_ids().count(), 2);
        assert!(v.folded.is_empty());
        assert_eq!(v.folded_summary, None);
    }

    #[test]
    fn the_sample_folds_all_four_rated_behaviours() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 10).unwrap_or_default();
        let plan = crate::core::sample::sample_plan("p", today);
        let a = &plan.career.self_assessments[0];
        let r = readiness(&plan.career, a).unwrap();
        let v = behaviour_view(&r, &[]);
        assert_eq!(v.open_ids().count(), 0);
        assert_eq!(v.folded.iter().map(|(_, ids)| ids.len()).sum::<usize>(), 4);
        assert_eq!(
            v.folded_summary.as_deref(),
            Some("4 behaviours already rated: 2 meeting, 1 exceeding, 1 working towards")
        );
    }
}
