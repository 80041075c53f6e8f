use serde_json::Value;

use super::*;
use crate::core::career::assess::assess_record;
use crate::core::career::brief::{evidence_brief, BriefRequest};
use crate::core::career::compare::bucketing_check;
use crate::core::career::parity::parity_gaps;
use crate::core::career::readiness::readiness;
use crate::core::career::SourceKind;

fn sample_plan() -> Plan {
    let mut plan = Plan::new("p1", "Sample");
    sample(&mut plan);
    plan
}

fn collect(value: &Value, ids: &mut Vec<String>, refs: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v) {
                    ("id", Value::String(s)) => ids.push(s.clone()),
                    (k, Value::String(s)) if k.ends_with("_id") => refs.push((k.into(), s.clone())),
                    (k, Value::Array(items)) if k.ends_with("_ids") => refs.extend(
                        items
                            .iter()
                            .filter_map(Value::as_str)
                            .map(|s| (k.to_string(), s.to_string())),
                    ),
                    _ => collect(v, ids, refs),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect(v, ids, refs)),
        _ => {}
    }
}

#[test]
fn sample_ids_are_unique_and_every_reference_resolves() {
    let plan = sample_plan();
    let json = serde_json::to_value(&plan).unwrap();
    let (mut ids, mut refs) = (Vec::new(), Vec::new());
    collect(&json, &mut ids, &mut refs);
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate ids");
    assert!(refs.len() > 10);
    for (key, target) in refs {
        assert!(ids.contains(&target), "{key} = {target} does not resolve");
    }
}

#[test]
fn sample_shows_the_bucketing_warning_for_the_proposed_community_role() {
    let plan = sample_plan();
    let proposed = plan.career.proposed_level_id.clone().unwrap();
    let (track, level) = plan.career.level(&proposed).unwrap();
    assert_eq!(
        (track.name.as_str(), level.title.as_str()),
        ("Community", "Community Manager")
    );
    let check = bucketing_check(
        &plan.career,
        &proposed,
        plan.career.bucketing_threshold_percent,
    );
    // 84,000 against the median of 126,000, 104,000 and 112,000: like with like.
    assert!(check.warns());
    assert_eq!(check.peers.len(), 3);
    assert!(check.not_comparable.is_empty());
    assert!(!check.includes_non_comparable());
    assert_eq!(check.peer_median, Some(11_200_000));
    assert_eq!(check.proposed_midpoint, Some(8_400_000));
    let text = check.message("Community Manager");
    assert!(
        text.contains("band midpoint is 25% below USD 112,000, the median of the midpoints of 3 comparable tracks"),
        "{text}"
    );
    // ln(112 / 84) / ln(1.15) grades, at the structure's own 73k / 84k / 96.6k Community bands.
    assert!(
        text.contains(
            "That is about 2.1 grades at this structure's midpoint progression of 15% a grade \
             (geometric mean from C1 Community Specialist to C3 Senior Community Manager, 3 \
             levels of the same structure)."
        ),
        "{text}"
    );
    let lines: Vec<String> = check.peers.iter().map(|p| check.peer_line(p)).collect();
    assert_eq!(
        lines,
        [
            "Software Engineering · Software Engineer II: midpoint USD 126,000 (January 2024); \
             the proposed figure is 33.3% below it (about 2.9 grades)",
            "Marketing · Marketing Specialist: midpoint USD 104,000 (January 2024); the \
             proposed figure is 19.2% below it (about 1.5 grades)",
            "Technical Program Management · Technical Program Manager: midpoint USD 112,000 \
             (January 2024); the proposed figure is 25% below it (about 2.1 grades)",
        ]
    );
    // The brief pairs the result with the same-rank caveat, the scope check's place and the
    // market figures for the work.
    let brief = evidence_brief(
        &plan.career,
        &BriefRequest {
            level_id: proposed.to_string(),
            ..BriefRequest::default()
        },
        &|_| None,
    );
    assert!(brief.contains("The same rank is not the same market price"));
    assert!(
        brief.contains(
            "Market figures for this work (the level's research log):\n\n- mean USD 69,875 \
             (base salary) · levels: a job title, at the levels respondents gave · collected: \
             self-reported by respondents · United States (national) · 2015 · The Community \
             Roundtable, State of Community Management, 2015 (survey)\n"
        ),
        "{brief}"
    );
}

#[test]
fn sample_keeps_the_public_figures_in_the_research_logs_with_their_spread() {
    use crate::core::career::research::{entry_in_use, spread};
    let plan = sample_plan();
    let proposed = plan.career.proposed_level_id.clone().unwrap();
    let level = plan.career.level(&proposed).unwrap().1;
    assert_eq!(level.research.len(), 5);
    let used = entry_in_use(level).unwrap();
    assert_eq!(used.band.source.publisher, EXAMPLE_STRUCTURE);
    assert!(level.research.iter().any(|e| e
        .band
        .source
        .publisher
        .contains("Community Roundtable")));
    let s = spread(level).unwrap();
    // 67,730 (CMX Central 2016) to 90,000 (CMX West 2016).
    assert_eq!((s.lowest.1, s.highest.1), (6_773_000, 9_000_000));
    for t in &plan.career.tracks {
        assert!(
            t.level_at_rank(2).unwrap().research.len() >= 2,
            "{}",
            t.name
        );
    }
}

#[test]
fn sample_has_four_aligned_tracks_records_and_a_rated_self_assessment() {
    let plan = sample_plan();
    assert_eq!(plan.career.tracks.len(), 4);
    assert!(parity_gaps(&plan.career).is_empty());
    assert_eq!(plan.career.comp_records.len(), 2);
    for r in &plan.career.comp_records {
        assert!(r.label.contains("illustrative"));
        let a = assess_record(&plan.career, r);
        assert!(a.compa_ratio.is_some(), "{:?}", a.flags);
    }
    let a = &plan.career.self_assessments[0];
    let r = readiness(&plan.career, a).unwrap();
    assert_eq!((r.meeting_or_exceeding, r.behaviours, r.unrated), (3, 4, 0));
    assert_eq!(a.evidence.len(), 4);
    assert!(a.evidence.iter().all(|e| !e.behaviour_ids.is_empty()));
}

#[test]
fn sample_offer_totals_are_worked_out() {
    let plan = sample_plan();
    let offer = &plan.career.comp_records[1];
    let a = assess_record(&plan.career, offer);
    // 72,000 + 7,200 + 5,000 + 20,000/4
    assert_eq!(a.first_year_total, Some(8_920_000));
    assert_eq!(a.annualised_total, Some(8_420_000));
    // Base 72,000 against the illustrative 84,000 midpoint.
    assert_eq!(a.compa_ratio, Some(7_200_000.0 / 8_400_000.0));
}

#[test]
fn sample_bands_are_public_figures_or_the_labelled_illustrative_structure_never_estimates() {
    let plan = sample_plan();
    for track in &plan.career.tracks {
        for level in &track.levels {
            let Some(b) = &level.band else { continue };
            // The structure: rank 2 of every track, and ranks 1 and 3 of Community.
            let structure = level.rank == 2 || (track.name == "Community" && level.rank <= 3);
            if structure {
                assert_eq!(b.source.kind, SourceKind::Illustrative);
                assert_eq!(
                    b.source.label(),
                    "Example Co salary structure, 2024 (illustrative, not market data)"
                );
            } else {
                assert!(matches!(
                    b.source.kind,
                    SourceKind::OfficialStatistic | SourceKind::Survey
                ));
            }
        }
    }
}

#[test]
fn sample_brief_carries_the_warning_sources_and_evidence() {
    let plan = sample_plan();
    let request = BriefRequest {
        level_id: plan.career.proposed_level_id.clone().unwrap().to_string(),
        assessment_id: Some(plan.career.self_assessments[0].id.to_string()),
        ..BriefRequest::default()
    };
    let text = evidence_brief(&plan.career, &request, &|_| None);
    assert!(text.contains("> **Warning:**"));
    assert!(!text.contains("Includes non-comparable figures"));
    assert!(text.contains("Example Co salary structure, 2024 (illustrative, not market data)"));
    // Nothing of the author's own unless ticked: no pay record, no self-assessment.
    assert!(!text.contains("## Pay"));
    assert!(!text.contains("contributor summit"));
    // The offer and the self-assessment ticked; current pay still not.
    let request = BriefRequest {
        selection: crate::core::audience::Selection::default()
            .with(crate::core::audience::Part::Offers, true)
            .with(crate::core::audience::Part::SelfAssessment, true),
        ..request
    };
    let text = evidence_brief(&plan.career, &request, &|_| None);
    assert!(text.contains("## Pay: Offer as HR proposes it (illustrative)"));
    assert!(!text.contains("Current pay (illustrative)"));
    assert!(text.contains("contributor summit"));
}

#[test]
fn sample_replaces_an_earlier_career_and_keeps_ids_fresh() {
    let mut plan = sample_plan();
    let before = plan.next_id;
    sample(&mut plan);
    assert_eq!(plan.career.tracks.len(), 4);
    assert!(plan.career.tracks[0].id != "t1");
    assert!(plan.next_id > before);
}

#[test]
fn sample_plan_survives_a_json_round_trip() {
    let plan = sample_plan();
    let text = serde_json::to_string(&plan).unwrap();
    let back: Plan = serde_json::from_str(&text).unwrap();
    assert_eq!(back, plan);
}
