use super::*;
use crate::core::career::templates::{add_template, Template};

fn plan_with_community() -> (Plan, String) {
    let mut plan = Plan::new("p1", "Edits");
    let t = add_template(&mut plan, Template::Community);
    (plan, t)
}

#[test]
fn added_levels_go_above_the_top_rank_with_its_scope() {
    let (mut plan, t) = plan_with_community();
    let id = add_level(&mut plan, &t, "Fellow").unwrap();
    let (_, level) = plan.career.level(&id).unwrap();
    assert_eq!(level.rank, 7);
    assert_eq!(level.scope, crate::core::career::Scope::Industry);
    let empty = add_track(&mut plan, "New", Family::Other, TrackKind::Manager);
    let first = add_level(&mut plan, &empty, "First").unwrap();
    assert_eq!(plan.career.level(&first).unwrap().1.rank, 1);
    assert!(add_level(&mut plan, "nope", "X").is_err());
}

#[test]
fn set_behaviour_replaces_the_text_for_an_existing_level_and_area() {
    let (mut plan, _) = plan_with_community();
    let area = plan.career.tracks[0].key_areas[0].id.clone();
    let level = plan.career.tracks[0].levels[0].id.clone();
    let existing = plan.career.tracks[0].key_areas[0].behaviours[0].id.clone();
    let id = set_behaviour(&mut plan, &area, &level, "New text").unwrap();
    assert_eq!(id, existing);
    assert_eq!(plan.career.behaviour(&id).unwrap().2.text, "New text");
    let track = plan.career.tracks[0].id.clone();
    let new_area = add_key_area(&mut plan, &track, "Data").unwrap();
    let created = set_behaviour(&mut plan, &new_area, &level, "Reads dashboards").unwrap();
    assert_ne!(created, existing);
    assert!(set_behaviour(&mut plan, &new_area, "nope", "x").is_err());
}

#[test]
fn added_records_get_fresh_ids_whatever_id_they_came_with() {
    let (mut plan, _) = plan_with_community();
    let a = add_comp_record(
        &mut plan,
        CompRecord {
            id: "dup".into(),
            ..CompRecord::default()
        },
    );
    let b = add_comp_record(
        &mut plan,
        CompRecord {
            id: "dup".into(),
            ..CompRecord::default()
        },
    );
    assert_ne!(a, b);
    let x = add_exchange_rate(&mut plan, ExchangeRate::default());
    assert_eq!(plan.career.exchange_rates[0].id, x);
}

#[test]
fn rating_a_behaviour_again_replaces_the_earlier_rating() {
    let (mut plan, _) = plan_with_community();
    let level = plan.career.tracks[0].levels[2].id.clone();
    let b = plan.career.tracks[0].key_areas[0].behaviours[2].id.clone();
    let a = add_self_assessment(&mut plan, &level).unwrap();
    rate_behaviour(&mut plan.career, &a, &b, Rating::WorkingTowards).unwrap();
    rate_behaviour(&mut plan.career, &a, &b, Rating::Meeting).unwrap();
    let sa = plan.career.self_assessment(&a).unwrap();
    assert_eq!(sa.ratings.len(), 1);
    assert_eq!(sa.rating_of(&b), Some(Rating::Meeting));
    assert!(rate_behaviour(&mut plan.career, &a, "nope", Rating::Meeting).is_err());
    assert!(add_self_assessment(&mut plan, "nope").is_err());
}

#[test]
fn removing_a_level_clears_every_reference_to_it() {
    let (mut plan, t) = plan_with_community();
    let target = plan.career.tracks[0].levels[2].id.clone();
    let doomed = plan.career.tracks[0].levels[1].id.clone();
    let doomed_b = plan.career.tracks[0].key_areas[0].behaviours[1].id.clone();
    let a = add_self_assessment(&mut plan, &target).unwrap();
    rate_behaviour(&mut plan.career, &a, &doomed_b, Rating::Meeting).unwrap();
    add_evidence(
        &mut plan,
        &a,
        Evidence {
            behaviour_ids: vec![doomed_b.clone()],
            ..Evidence::default()
        },
    )
    .unwrap();
    add_comp_record(
        &mut plan,
        CompRecord {
            track_id: Some(t.clone().into()),
            level_id: Some(doomed.clone()),
            ..CompRecord::default()
        },
    );
    plan.career.proposed_level_id = Some(doomed.clone());

    remove_level(&mut plan.career, &doomed).unwrap();

    let c = &plan.career;
    assert!(c.level(&doomed).is_none());
    assert!(c.behaviour(&doomed_b).is_none());
    assert!(c.self_assessments[0].ratings.is_empty());
    assert!(c.self_assessments[0].evidence[0].behaviour_ids.is_empty());
    assert_eq!(c.comp_records[0].level_id, None);
    assert_eq!(c.comp_records[0].track_id.as_deref(), Some(t.as_str()));
    assert_eq!(c.proposed_level_id, None);
}

#[test]
fn a_level_or_track_targeted_by_a_self_assessment_is_not_removed() {
    let (mut plan, t) = plan_with_community();
    let target = plan.career.tracks[0].levels[2].id.clone();
    add_self_assessment(&mut plan, &target).unwrap();
    let err = remove_level(&mut plan.career, &target).unwrap_err();
    assert!(err.to_string().contains("Senior Community Manager"));
    assert!(remove_track(&mut plan.career, &t).is_err());
    assert_eq!(plan.career.tracks[0].levels.len(), 6);
}

#[test]
fn removing_a_track_clears_records_that_pointed_at_it() {
    let (mut plan, t) = plan_with_community();
    let level = plan.career.tracks[0].levels[0].id.clone();
    add_comp_record(
        &mut plan,
        CompRecord {
            track_id: Some(t.clone().into()),
            level_id: Some(level),
            ..CompRecord::default()
        },
    );
    remove_track(&mut plan.career, &t).unwrap();
    assert!(plan.career.tracks.is_empty());
    assert_eq!(plan.career.comp_records[0].track_id, None);
    assert_eq!(plan.career.comp_records[0].level_id, None);
}

#[test]
fn removing_a_key_area_drops_its_ratings() {
    let (mut plan, _) = plan_with_community();
    let level = plan.career.tracks[0].levels[0].id.clone();
    let area = plan.career.tracks[0].key_areas[3].id.clone();
    let b = plan.career.tracks[0].key_areas[3].behaviours[0].id.clone();
    let a = add_self_assessment(&mut plan, &level).unwrap();
    rate_behaviour(&mut plan.career, &a, &b, Rating::Exceeding).unwrap();
    remove_key_area(&mut plan.career, &area).unwrap();
    assert_eq!(plan.career.tracks[0].key_areas.len(), 3);
    assert!(plan.career.self_assessments[0].ratings.is_empty());
}

#[test]
fn forgetting_a_goal_unlinks_evidence_but_keeps_its_text() {
    let (mut plan, _) = plan_with_community();
    let level = plan.career.tracks[0].levels[0].id.clone();
    let a = add_self_assessment(&mut plan, &level).unwrap();
    let goal = crate::core::goals::add_goal(&mut plan, None).unwrap();
    add_evidence(
        &mut plan,
        &a,
        Evidence {
            text: "Launched the forum".into(),
            goal_id: Some(goal.clone().into()),
            ..Evidence::default()
        },
    )
    .unwrap();
    forget_goal(&mut plan.career, &goal);
    let e = &plan.career.self_assessments[0].evidence[0];
    assert_eq!(
        (e.goal_id.as_deref(), e.text.as_str()),
        (None, "Launched the forum")
    );
}

#[test]
fn evidence_citing_a_missing_goal_or_behaviour_or_an_unsafe_link_is_refused() {
    let (mut plan, t) = plan_with_community();
    let level = plan.career.track(&t).unwrap().levels[0].id.clone();
    let a = add_self_assessment(&mut plan, &level).unwrap();
    let before = plan.clone();
    let cite = |goal: Option<&str>, behaviour: &str, link: &str| Evidence {
        text: "Ran the summit".into(),
        goal_id: goal.map(Into::into),
        behaviour_ids: vec![behaviour.into()],
        link: link.into(),
        ..Evidence::default()
    };
    let b = plan.career.tracks[0].key_areas[0].behaviours[0].id.clone();
    assert!(add_evidence(&mut plan, &a, cite(Some("g404"), &b, "")).is_err());
    assert!(add_evidence(&mut plan, &a, cite(None, "b404", "")).is_err());
    assert!(matches!(
        add_evidence(&mut plan, &a, cite(None, &b, "javascript:alert(1)")),
        Err(EditError::UnsafeLink { .. })
    ));
    assert_eq!(plan, before);
    assert!(add_evidence(&mut plan, &a, cite(None, &b, "https://example.org")).is_ok());
}

#[test]
fn refused_additions_leave_the_plan_and_its_id_counter_alone() {
    let (mut plan, _) = plan_with_community();
    let before = plan.clone();
    assert!(add_level(&mut plan, "nope", "X").is_err());
    assert!(add_key_area(&mut plan, "nope", "X").is_err());
    assert!(set_behaviour(&mut plan, "nope", "nope", "x").is_err());
    assert!(add_evidence(&mut plan, "nope", Evidence::default()).is_err());
    assert_eq!(plan, before);
    let area = plan.career.tracks[0].key_areas[0].id.clone();
    let level = plan.career.tracks[0].levels[0].id.clone();
    set_behaviour(&mut plan, &area, &level, "Updated").unwrap();
    assert_eq!(plan.next_id, before.next_id);
}

#[test]
fn band_and_evidence_links_the_file_format_refuses_are_not_stored() {
    let (mut plan, _) = plan_with_community();
    let level = plan.career.tracks[0]
        .levels
        .iter()
        .find(|l| l.band.is_some())
        .unwrap()
        .id
        .clone();
    set_band_link(&mut plan.career, &level, " https://www.bls.gov/oes/ ").unwrap();
    let link = |c: &Career| {
        c.level(&level)
            .unwrap()
            .1
            .band
            .as_ref()
            .unwrap()
            .source
            .link
            .clone()
    };
    assert_eq!(link(&plan.career), "https://www.bls.gov/oes/");
    for bad in [
        "javascript:alert(1)",
        "java\tscript:x",
        "www.bls.gov",
        "data:text/html,x",
    ] {
        assert_eq!(
            set_band_link(&mut plan.career, &level, bad),
            Err(EditError::UnsafeLink {
                link: bad.trim().into()
            })
        );
        assert_eq!(
            link(&plan.career),
            "https://www.bls.gov/oes/",
            "{bad} was refused"
        );
    }
    set_band_link(&mut plan.career, &level, "").unwrap();
    assert_eq!(link(&plan.career), "");
    let bandless = plan.career.tracks[0]
        .levels
        .iter()
        .find(|l| l.band.is_none())
        .map(|l| l.id.clone());
    if let Some(bandless) = bandless {
        assert!(set_band_link(&mut plan.career, &bandless, "https://x.org").is_err());
    }

    let a = add_self_assessment(&mut plan, &level).unwrap();
    let e = add_evidence(&mut plan, &a, Evidence::default()).unwrap();
    assert!(set_evidence_link(&mut plan.career, &a, &e, "javascript:alert(1)").is_err());
    set_evidence_link(&mut plan.career, &a, &e, "mailto:hr@example.org").unwrap();
    assert_eq!(
        plan.career.self_assessment(&a).unwrap().evidence[0].link,
        "mailto:hr@example.org"
    );
    assert!(crate::core::schema::PlanReader::linked()
        .read_stored(&crate::core::schema::store_plan(&plan))
        .is_ok());
}

#[test]
fn a_self_assessment_can_be_pointed_at_another_level_or_track() {
    let (mut plan, community) = plan_with_community();
    let engineering = add_template(&mut plan, Template::SoftwareEngineering);
    let c = plan.career.track(&community).unwrap().clone();
    let c2 = c.level_at_rank(2).unwrap().id.clone();
    let c4 = c.level_at_rank(4).unwrap().id.clone();
    let a = add_self_assessment(&mut plan, &c2).unwrap();
    let b = c.behaviours_at(&c2)[0].1.id.clone();
    rate_behaviour(&mut plan.career, &a, &b, Rating::Meeting).unwrap();

    set_target_level(&mut plan.career, &a, &c4).unwrap();
    assert_eq!(plan.career.self_assessment(&a).unwrap().target_level_id, c4);
    assert!(set_target_level(&mut plan.career, &a, "nope").is_err());
    assert!(set_target_level(&mut plan.career, "nope", &c4).is_err());

    // Same rank in the other track.
    let level = retarget_track(&mut plan.career, &a, &engineering).unwrap();
    let (t, l) = plan.career.level(&level).unwrap();
    assert_eq!((t.id.as_str(), l.rank), (engineering.as_str(), 4));
    assert!(retarget_track(&mut plan.career, &a, "nope").is_err());
    let empty = add_track(&mut plan, "Empty", Family::Other, TrackKind::Manager);
    assert!(retarget_track(&mut plan.career, &a, &empty).is_err());

    // Ratings survive the round trip back to the first level.
    set_target_level(&mut plan.career, &a, &c2).unwrap();
    assert_eq!(
        plan.career.self_assessment(&a).unwrap().rating_of(&b),
        Some(Rating::Meeting)
    );
}
