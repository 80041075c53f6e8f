use super::*;
use crate::core::career::{CompRecord, Evidence};
use crate::core::sample::sample_plan;
use crate::core::schema::{check_plan, export_plan, PlanReader};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 9).unwrap()
}

/// The sample, with a target beside its current pay and offer, and evidence citing a goal.
fn plan_with_everything() -> Plan {
    let mut plan = sample_plan("p1", today());
    let id = plan.fresh_id("cr");
    plan.career.comp_records.push(CompRecord {
        id: id.into(),
        label: "What I am asking for".into(),
        kind: CompKind::Target,
        currency: "USD".into(),
        base: 9_100_000,
        ..CompRecord::default()
    });
    for offer in &mut plan.career.comp_records {
        if offer.kind == CompKind::Offer {
            offer.company = "Globex Corporation".into();
        }
    }
    let goal = plan.goals.goals[0].id.clone();
    let evidence_id = plan.fresh_id("e");
    plan.career.self_assessments[0].evidence.push(Evidence {
        id: evidence_id.into(),
        text: "Grew the contributors".into(),
        goal_id: Some(goal),
        ..Evidence::default()
    });
    plan
}

fn every_selection() -> impl Iterator<Item = Selection> {
    (0u32..1 << Part::ALL.len()).map(|bits| {
        Part::ALL
            .iter()
            .enumerate()
            .fold(Selection::default(), |s, (i, p)| {
                s.with(*p, bits & (1 << i) != 0)
            })
    })
}

#[test]
fn by_default_only_the_shareable_parts_go() {
    let selection = Selection::default();
    for part in Part::ALL {
        assert_eq!(selection.includes(part), !part.is_private(), "{part:?}");
    }
    let copy = redact(&plan_with_everything(), selection, today());
    assert!(copy.career.comp_records.is_empty());
    assert!(copy.career.self_assessments.is_empty());
    assert!(!copy.goals.goals.is_empty() && !copy.curve.stages.is_empty());
    assert!(!copy.career.tracks.is_empty());
    assert_eq!(
        copy.left_out,
        vec![
            Part::CurrentPay,
            Part::Offers,
            Part::Targets,
            Part::SelfAssessment
        ]
    );
}

#[test]
fn the_default_copy_carries_no_pay_figure_company_or_rating_in_its_file() {
    let plan = plan_with_everything();
    let text = export_plan(&redact(&plan, Selection::default(), today()));
    for secret in [
        "Globex",
        "Current employer",
        "6800000",
        "7200000",
        "9100000",
        "What I am asking for",
        "working_towards",
        "240 attendees from 31 companies",
    ] {
        assert!(!text.contains(secret), "{secret} leaked");
    }
    assert!(text.contains("\"left_out\""));
}

#[test]
fn each_ticked_private_part_goes_and_only_it() {
    let plan = plan_with_everything();
    for part in [Part::CurrentPay, Part::Offers, Part::Targets] {
        let copy = redact(&plan, Selection::default().with(part, true), today());
        let kinds: Vec<CompKind> = copy.career.comp_records.iter().map(|r| r.kind).collect();
        assert!(!kinds.is_empty());
        assert!(
            kinds.iter().all(|k| Some(*k) == part.comp_kind()),
            "{part:?}"
        );
        assert!(copy.career.self_assessments.is_empty());
        assert!(!copy.left_out.contains(&part));
    }
    let copy = redact(
        &plan,
        Selection::default().with(Part::SelfAssessment, true),
        today(),
    );
    assert!(copy.career.comp_records.is_empty());
    assert_eq!(copy.career.self_assessments, plan.career.self_assessments);
}

#[test]
fn every_copy_passes_the_import_check_and_reads_back() {
    let plan = plan_with_everything();
    for selection in every_selection() {
        let copy = redact(&plan, selection, today());
        assert_eq!(check_plan(&copy), Ok(()), "{selection:?}");
        let back = PlanReader::linked().import(&export_plan(&copy));
        assert_eq!(back.as_ref().map(|p| &p.left_out), Ok(&copy.left_out));
    }
}

#[test]
fn the_self_assessment_goes_only_with_the_tracks_it_rates() {
    let selection = Selection::everything().with(Part::Tracks, false);
    assert!(selection.ticked(Part::SelfAssessment));
    assert!(!selection.includes(Part::SelfAssessment));
    let copy = redact(&plan_with_everything(), selection, today());
    assert!(copy.career.self_assessments.is_empty());
    assert!(copy.left_out.contains(&Part::SelfAssessment));
}

#[test]
fn evidence_citing_a_goal_left_behind_keeps_what_the_goal_said() {
    let plan = plan_with_everything();
    let selection = Selection::everything().with(Part::Goals, false);
    let copy = redact(&plan, selection, today());
    let evidence = copy.career.self_assessments[0].evidence.last().unwrap();
    assert_eq!(evidence.goal_id, None);
    let cited = evidence.cited_goal.as_ref().unwrap();
    assert!(cited
        .statement
        .starts_with("Our goal is to grow monthly active contributors"));
    assert_eq!(cited.plan_name, plan.name);
}

#[test]
fn unknown_career_fields_go_only_with_everything_private() {
    let mut plan = plan_with_everything();
    plan.career
        .extra
        .insert("reviewer_ratings".into(), serde_json::json!([1, 2]));
    let shared = redact(&plan, Selection::default(), today());
    assert!(shared.career.extra.is_empty());
    let whole = redact(&plan, Selection::everything(), today());
    assert!(whole.career.extra.contains_key("reviewer_ratings"));
    assert!(whole.left_out.is_empty());
}

#[test]
fn a_copy_back_without_private_parts_keeps_the_authors_own() {
    let own = plan_with_everything();
    let mut returned = redact(&own, Selection::default(), today());
    returned.goals.goals[0].target = Some(200.0);
    let merged = keep_own_parts(returned, &own);
    assert_eq!(merged.goals.goals[0].target, Some(200.0));
    assert_eq!(merged.career.self_assessments, own.career.self_assessments);
    let mut kinds: Vec<_> = merged
        .career
        .comp_records
        .iter()
        .map(|r| r.id.clone())
        .collect();
    let mut expected: Vec<_> = own
        .career
        .comp_records
        .iter()
        .map(|r| r.id.clone())
        .collect();
    kinds.sort();
    expected.sort();
    assert_eq!(kinds, expected);
    assert!(merged.left_out.is_empty());
    assert_eq!(check_plan(&merged), Ok(()));
}

#[test]
fn a_copy_back_keeps_every_part_it_left_out_for_every_selection() {
    let own = plan_with_everything();
    for selection in every_selection() {
        let merged = keep_own_parts(redact(&own, selection, today()), &own);
        let evidence_cut = !selection.includes(Part::Goals);
        if evidence_cut && selection.includes(Part::SelfAssessment) {
            // The copy's evidence cites its goals by snapshot; the author's links stay with
            // the author's plan only when the assessment stayed behind.
            continue;
        }
        assert_eq!(merged, own, "{selection:?}");
    }
}

#[test]
fn summaries_say_what_each_part_holds() {
    let summary = summarise(&plan_with_everything());
    let text = |part| {
        summary
            .iter()
            .find(|s| s.part == part)
            .map(|s| s.contents.clone())
            .unwrap()
    };
    assert_eq!(text(Part::Goals), "4 goals in 2 objectives");
    assert_eq!(text(Part::Offers), "1 offer: Globex Corporation");
    assert_eq!(text(Part::Targets), "1 target");
    assert_eq!(text(Part::CurrentPay), "1 pay record: Current employer");
    assert!(text(Part::SelfAssessment).starts_with("4 rated behaviours, 5 pieces of evidence"));
    let blank = summarise(&Plan::new("p", "n"));
    assert!(blank
        .iter()
        .all(|s| !s.present && s.contents == "nothing in this plan"));
}

#[test]
fn every_private_part_says_why_it_is_off() {
    for part in Part::ALL {
        assert_eq!(part.reason().is_some(), part.is_private(), "{part:?}");
    }
}

#[test]
fn a_part_with_nothing_in_it_is_left_out_even_when_ticked() {
    let mut plan = plan_with_everything();
    plan.career
        .comp_records
        .retain(|r| r.kind != CompKind::Target);
    let copy = redact(&plan, Selection::everything(), today());
    assert_eq!(copy.left_out, vec![Part::Targets]);
    let own = plan_with_everything();
    let back = keep_own_parts(copy, &own);
    assert_eq!(
        back.career.comp_records.len(),
        own.career.comp_records.len()
    );
}

#[test]
fn ticking_a_private_part_warns_in_plain_words() {
    let plan = plan_with_everything();
    assert_eq!(private_warning(&plan, &Selection::default(), "link"), None);
    let selection = Selection::default()
        .with(Part::CurrentPay, true)
        .with(Part::Offers, true);
    assert_eq!(
        private_warning(&plan, &selection, "link").as_deref(),
        Some(
            "This link will carry my current pay (1 pay record: Current employer) and my offers \
             (1 offer: Globex Corporation). Anyone who gets it can read them, and you cannot \
             take them back."
        )
    );
}

#[test]
fn only_a_copy_of_everything_the_plan_holds_is_whole() {
    let plan = plan_with_everything();
    assert!(!is_whole(&plan, &Selection::default()));
    assert!(is_whole(&plan, &Selection::everything()));
    let blank = Plan::new("p", "n");
    assert!(is_whole(&blank, &Selection::default()));
}
