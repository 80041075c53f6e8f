use super::*;
use crate::core::career::compare::{bucketing_check, DEFAULT_BUCKETING_THRESHOLD_PERCENT};
use crate::core::career::parity::parity_gaps;
use crate::core::career::SourceKind;

fn all_templates() -> Plan {
    let mut plan = Plan::new("p1", "Templates");
    for t in Template::ALL {
        add_template(&mut plan, t);
    }
    plan
}

#[test]
fn community_has_as_many_levels_as_engineering_and_marketing() {
    let plan = all_templates();
    let count = |name: &str| {
        plan.career
            .tracks
            .iter()
            .find(|t| t.name == name)
            .map(|t| t.levels.len())
    };
    assert_eq!(count("Community"), Some(LEVELS));
    assert_eq!(count("Community"), count("Software Engineering"));
    assert_eq!(count("Community"), count("Marketing"));
    assert_eq!(count("Technical Program Management"), Some(LEVELS));
}

#[test]
fn developer_relations_key_areas_are_the_four_aspects_of_technical_community_management() {
    let plan = all_templates();
    let track = plan
        .career
        .tracks
        .iter()
        .find(|t| t.name == "Developer Relations")
        .unwrap();
    let names: Vec<_> = track.key_areas.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Program management",
            "Advocacy",
            "Communications",
            "Culture"
        ]
    );
    assert_eq!(track.family, Family::DeveloperRelations);
    let product = plan
        .career
        .tracks
        .iter()
        .find(|t| t.name == "Product Management")
        .unwrap();
    assert_eq!(product.family, Family::Product);
    assert_eq!(product.levels.len(), LEVELS);
}

#[test]
fn the_community_template_does_not_make_its_managers_the_company_strategists() {
    let plan = all_templates();
    let community = &plan.career.tracks[0];
    assert!(community
        .levels
        .iter()
        .all(|l| !l.title.contains("Strategist")));
    for area in &community.key_areas {
        for b in &area.behaviours {
            assert!(!b.text.contains("Sets community strategy"), "{}", b.text);
        }
    }
}

#[test]
fn templates_pass_the_parity_check() {
    assert_eq!(parity_gaps(&all_templates().career), vec![]);
}

#[test]
fn every_level_has_one_behaviour_in_every_key_area() {
    for track in all_templates().career.tracks {
        assert!(track.key_areas.len() >= 3, "{}", track.name);
        for level in &track.levels {
            let behaviours = track.behaviours_at(&level.id);
            assert_eq!(behaviours.len(), track.key_areas.len(), "{}", level.title);
            assert!(behaviours.iter().all(|(_, b)| !b.text.trim().is_empty()));
        }
    }
}

#[test]
fn community_key_areas_cover_the_areas_from_the_source() {
    let plan = all_templates();
    let names: Vec<_> = plan.career.tracks[0]
        .key_areas
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Communication and messaging",
            "Growing yourself and others",
            "Program delivery",
            "Lateral leadership"
        ]
    );
}

#[test]
fn template_ids_are_unique_and_come_from_the_plan() {
    let plan = all_templates();
    let mut ids = Vec::new();
    for t in &plan.career.tracks {
        ids.push(t.id.to_string());
        ids.extend(t.levels.iter().map(|l| l.id.to_string()));
        for a in &t.key_areas {
            ids.push(a.id.to_string());
            ids.extend(a.behaviours.iter().map(|b| b.id.to_string()));
        }
    }
    let count = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), count);
    assert_eq!(plan.next_id as usize, count);
}

#[test]
fn template_bands_come_only_from_reference_figures_with_publisher_and_year() {
    let keys: Vec<_> = reference::reference_figures();
    for track in all_templates().career.tracks {
        for level in &track.levels {
            let Some(band) = &level.band else { continue };
            assert!(band.source.year.is_some(), "{}", level.title);
            assert!(!band.source.publisher.is_empty());
            assert_ne!(band.source.kind, SourceKind::OwnEstimate);
            let mid = band.midpoint();
            assert!(
                keys.iter()
                    .any(|f| Some(f.amount) == mid && f.publisher == band.source.publisher),
                "{} has a figure not in the reference data",
                level.title
            );
            assert!(band
                .source
                .note
                .contains("replace it with your company's band"));
        }
    }
}

#[test]
fn template_bands_are_not_comparable_so_templates_do_not_warn_until_a_peer_is_counted_anyway() {
    let mut plan = all_templates();
    let cm = plan.career.tracks[0].levels[1].clone();
    assert_eq!(cm.title, "Community Manager");
    let check = bucketing_check(&plan.career, &cm.id, DEFAULT_BUCKETING_THRESHOLD_PERCENT);
    // A 2015 self-reported survey mean against occupation-wide BLS figures of 2020–2022.
    assert!(!check.warns());
    assert_eq!(check.not_comparable.len(), 3);
    assert!(check.peers.is_empty());
    let text = check.message("Community Manager");
    assert!(text.starts_with("No comparable band is left"), "{text}");
    assert!(text.contains(
        "a band for Software Engineer II, Marketing Specialist or Technical Program Manager from \
         the same source (The Community Roundtable, State of Community Management)"
    ), "{text}");
    let ids: Vec<String> = check
        .not_comparable
        .iter()
        .map(|p| p.level_id.clone())
        .collect();
    for id in &ids {
        crate::core::career::research::set_count_anyway(&mut plan.career, id, true);
    }
    let check = bucketing_check(&plan.career, &cm.id, DEFAULT_BUCKETING_THRESHOLD_PERCENT);
    // 69,875 against the median of 132,930, 62,810 and 94,500.
    assert_eq!(check.peer_median, Some(9_450_000));
    assert!(check.warns());
    assert!(check
        .message("Community Manager")
        .starts_with("Includes non-comparable figures."));
}

#[test]
fn template_wording_is_recognised_until_the_author_edits_it() {
    let mut plan = Plan::new("p", "n");
    let track = build_track(&mut plan, Template::Community);
    assert!(track
        .hr_classification
        .starts_with("Often missing from HR's job architecture."));
    assert!(is_template_hr_classification(&track.hr_classification));
    assert!(is_template_hr_classification(&format!(
        " {} ",
        track.hr_classification
    )));
    assert!(!is_template_hr_classification(
        "Mapped to Program Management by HR in 2024."
    ));
    let behaviour = &track.key_areas[0].behaviours[1].text;
    assert!(is_template_behaviour(behaviour));
    assert!(!is_template_behaviour(&format!("{behaviour} Edited.")));
    assert!(!is_template_behaviour(""));
}
