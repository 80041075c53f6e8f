use super::*;
use crate::core::career::research::set_count_anyway;
use crate::core::career::tests::four_tracks;
use crate::core::career::{
    Ageing, BehaviourRating, CompKind, CompRecord, Evidence, Percentiles, Rating, SelfAssessment,
    Statistic,
};

fn career() -> Career {
    let mut career = four_tracks();
    career.comp_records.push(CompRecord {
        id: "r1".into(),
        label: "Offer".into(),
        kind: CompKind::Offer,
        level_id: Some("c-2".into()),
        currency: "USD".into(),
        base: 7_000_000,
        ..CompRecord::default()
    });
    career.self_assessments.push(SelfAssessment {
        id: "a1".into(),
        target_level_id: "c-3".into(),
        ratings: vec![BehaviourRating {
            behaviour_id: "c-3-b".into(),
            rating: Rating::Meeting,
            extra: Default::default(),
        }],
        evidence: vec![Evidence {
            id: "e1".into(),
            text: "Launched program X".into(),
            goal_id: Some("g1".into()),
            behaviour_ids: vec!["c-3-b".into()],
            ..Evidence::default()
        }],
        extra: Default::default(),
    });
    career
}

fn request() -> BriefRequest {
    BriefRequest {
        level_id: "c-2".into(),
        assessment_id: Some("a1".into()),
        disclose: Disclosure::default(),
        scope: None,
        value: None,
    }
}

fn goals(id: &str) -> Option<GoalCitation> {
    (id == "g1").then(|| GoalCitation {
        statement: "Grow monthly active contributors from 40 to 80 by June".into(),
        final_check_in: Some("84 active contributors in June".into()),
        period_result: None,
    })
}

#[test]
fn brief_lists_every_comparable_level_with_band_and_source() {
    let text = evidence_brief(&career(), &request(), &goals);
    assert!(text.starts_with("# Evidence brief: Community 2 (Community)"));
    assert!(text.contains(
        "| Engineering | E2 Engineering 2 | Team | USD 104,000 – USD 156,000, mid USD 130,000 \
         (base salary) | statistic not stated · population not stated · geography not stated · \
         2024 (the source's year) | Example Co, 2024 (own estimate) |"
    ));
    // Every band here is an own estimate: the caveat about public figures does not apply.
    assert!(!text.contains("not current market rates"));
    assert!(text.contains("- *Lateral leadership*: Leads sideways at Marketing 2"));
}

#[test]
fn the_caveat_about_public_figures_appears_when_a_band_is_one() {
    let mut career = career();
    let band = career.tracks[1].levels[1].band.as_mut().unwrap();
    band.source.kind = crate::core::career::SourceKind::OfficialStatistic;
    let text = evidence_brief(&career, &request(), &goals);
    assert!(text.contains(reference::CAVEAT));
}

#[test]
fn brief_states_the_gap_as_a_warning() {
    let text = evidence_brief(&career(), &request(), &goals);
    assert!(text.contains("> **Warning:** Community 2's band midpoint is 26.3% below"));
    assert!(text.contains("- Program · Program 2: midpoint USD 95,000"));
}

#[test]
fn brief_shows_pay_figures_for_the_chosen_record() {
    let text = evidence_brief(&career(), &request(), &goals);
    assert!(text.contains("## Pay: Offer"));
    assert!(text.contains("- Compa-ratio: 1.00"));
    assert!(text.contains("- Range penetration: 50%"));
}

#[test]
fn brief_includes_readiness_and_evidence_with_the_cited_goal() {
    let text = evidence_brief(&career(), &request(), &goals);
    assert!(text.contains("Overall: 1 of 1 behaviours meeting or exceeding (100%)."));
    assert!(text.contains("- Launched program X\n"));
    assert!(text.contains("  - Goal: Grow monthly active contributors from 40 to 80 by June"));
    assert!(text.contains("  - Final check-in: 84 active contributors in June"));
    let gone = evidence_brief(&career(), &request(), &|_| None);
    assert!(gone.contains("Cites a goal that is no longer in the plan."));
}

#[test]
fn brief_lists_parity_gaps() {
    let mut c = career();
    c.tracks[3].levels.pop();
    let text = evidence_brief(&c, &request(), &goals);
    assert!(
        text.contains("- Marketing has 2 levels but Community, Engineering and Program have 3.")
    );
}

#[test]
fn brief_escapes_pipes_in_table_cells() {
    let mut c = career();
    c.tracks[1].name = "Eng | Infra".into();
    let text = evidence_brief(&c, &request(), &goals);
    assert!(text.contains("| Eng \\| Infra |"));
}

#[test]
fn brief_for_an_unknown_level_says_what_to_do() {
    let text = evidence_brief(&Career::default(), &BriefRequest::default(), &goals);
    assert!(text.contains("Choose a track and level"));
}

#[test]
fn band_summary_shows_only_published_figures() {
    let b = Band {
        currency: "USD".into(),
        percentiles: Percentiles {
            p10: Some(3_535_000),
            p50: Some(6_281_000),
            ..Percentiles::default()
        },
        ..Band::default()
    };
    assert_eq!(
        band_summary(&b),
        "median USD 62,810, p10 USD 35,350 (base salary)"
    );
    assert_eq!(band_summary(&Band::default()), "no figures (base salary)");
}

#[test]
fn goal_citation_gives_the_statement_and_latest_check_in_or_none_when_gone() {
    use crate::core::goals::{CheckIn, Goal, GoalBook};
    let goal = Goal {
        id: "g1".into(),
        metric: crate::core::goals::Metric {
            unit: "contributors".into(),
            ..Default::default()
        },
        check_ins: vec![
            CheckIn {
                id: "c1".into(),
                date: chrono::NaiveDate::from_ymd_opt(2024, 3, 1).unwrap(),
                value: 50.0,
                ..CheckIn::default()
            },
            CheckIn {
                id: "c2".into(),
                date: chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap(),
                value: 84.0,
                note: "after the summit".into(),
                ..CheckIn::default()
            },
        ],
        ..Goal::default()
    };
    let book = GoalBook {
        goals: vec![goal.clone()],
        ..GoalBook::default()
    };
    let citation = goal_citation(&book, "g1").unwrap();
    assert_eq!(
        citation.statement,
        crate::core::goals::statement::statement_text(&goal)
    );
    assert_eq!(
        citation.final_check_in.as_deref(),
        Some("84 contributors on 1 June 2024 (after the summit)")
    );
    assert_eq!(goal_citation(&book, "gone"), None);
}

#[test]
fn evidence_citing_another_plans_goal_shows_its_snapshot() {
    use crate::core::career::{CitedGoal, Evidence, SelfAssessment};
    let mut career = crate::core::career::tests::four_tracks();
    career.proposed_level_id = Some("c-3".into());
    career.self_assessments.push(SelfAssessment {
        id: "a1".into(),
        target_level_id: "c-3".into(),
        evidence: vec![Evidence {
            id: "e1".into(),
            text: "Ran the summit".into(),
            cited_goal: Some(CitedGoal {
                plan: "pA".into(),
                plan_name: "Launch 2024".into(),
                goal: "g1".into(),
                statement: "Grow attendance to 240 by June".into(),
                final_check_in: Some("240 on 16 May 2024".into()),
                cited_on: chrono::NaiveDate::from_ymd_opt(2025, 1, 2),
                extra: Default::default(),
            }),
            ..Evidence::default()
        }],
        ..SelfAssessment::default()
    });
    let request = BriefRequest {
        level_id: "c-3".into(),
        assessment_id: Some("a1".into()),
        ..BriefRequest::default()
    };
    let text = evidence_brief(&career, &request, &|_| None);
    assert!(
        text.contains(
            "  - Goal: Grow attendance to 240 by June (From plan “Launch 2024”, as cited on 2025-01-02)\n  - Final check-in: 240 on 16 May 2024\n"
        ),
        "{text}"
    );
    assert!(!text.contains("no longer in the plan"));
}

fn with_current_pay() -> Career {
    let mut career = career();
    career.comp_records.push(CompRecord {
        id: "r0".into(),
        label: "What I earn now".into(),
        kind: CompKind::Current,
        currency: "USD".into(),
        base: 6_123_400,
        ..CompRecord::default()
    });
    career.comp_records.push(CompRecord {
        id: "r2".into(),
        label: "My target".into(),
        kind: CompKind::Target,
        currency: "USD".into(),
        base: 9_000_000,
        ..CompRecord::default()
    });
    career
}

#[test]
fn brief_leaves_current_pay_out_unless_switched_on() {
    let career = with_current_pay();
    let text = evidence_brief(&career, &request(), &goals);
    assert!(!text.contains("What I earn now"), "{text}");
    assert!(!text.contains("61,234"));
    assert!(text.contains("## Pay: Offer"));
    assert!(text.contains("## Pay: My target"));
    let mut with = request();
    with.disclose.current_pay = true;
    let text = evidence_brief(&career, &with, &goals);
    assert!(text.contains("## Pay: What I earn now"));
    assert!(text.contains("USD 61,234"));
    assert!(!Disclosure::default().current_pay);
    assert!(CURRENT_PAY_REASON.contains("not to disclose your current or past salary"));
}

#[test]
fn brief_offers_and_targets_are_separate_choices() {
    let career = with_current_pay();
    let mut only_targets = request();
    only_targets.disclose.offers = false;
    let text = evidence_brief(&career, &only_targets, &goals);
    assert!(!text.contains("## Pay: Offer"));
    assert!(text.contains("## Pay: My target"));
    let mut only_offers = request();
    only_offers.disclose.targets = false;
    let text = evidence_brief(&career, &only_offers, &goals);
    assert!(text.contains("## Pay: Offer"));
    assert!(!text.contains("## Pay: My target"));
}

#[test]
fn brief_names_peers_left_out_with_their_reasons_and_marks_those_counted_anyway() {
    let mut career = career();
    if let Some(b) = career.tracks[1].levels[1].band.as_mut() {
        b.statistic = Some(Statistic::Mean);
    }
    let text = evidence_brief(&career, &request(), &goals);
    assert!(
        text.contains(
            "- Left out: Engineering · Engineering 2 (USD 130,000), not comparable: statistic: \
             mean (average), against not stated"
        ),
        "{text}"
    );
    assert!(!text.contains("Includes non-comparable figures"));
    set_count_anyway(&mut career, "e-2", true);
    let text = evidence_brief(&career, &request(), &goals);
    assert!(text.contains("> **Warning:** Includes non-comparable figures. Community 2's"));
    assert!(text.contains(
        "- Engineering · Engineering 2: midpoint USD 130,000 — counted anyway, not comparable:"
    ));
}

#[test]
fn brief_shows_the_aged_figures_and_what_explains_the_gap() {
    let mut career = career();
    for t in &mut career.tracks {
        for l in &mut t.levels {
            if let Some(b) = l.band.as_mut() {
                b.effective_year = Some(if t.id == "c" { 2022 } else { 2024 });
            }
        }
    }
    career.ageing = Ageing {
        annual_rate_percent: Some(3.0),
        source: "ECI".into(),
        extra: Default::default(),
    };
    let text = evidence_brief(&career, &request(), &goals);
    assert!(
        text.contains("- Community 2 (proposed): USD 70,000, aged USD 74,263"),
        "{text}"
    );
    assert!(
        text.contains("What explains the gap: as published"),
        "{text}"
    );
}

#[test]
fn band_facts_say_what_a_reference_figure_is() {
    let band = reference::find(reference::BLS_PROJECT_MANAGEMENT_2021)
        .unwrap()
        .to_band();
    assert_eq!(
        band_facts(&band),
        "median · an occupation across all levels · United States (national) · May 2021"
    );
}

#[test]
fn markdown_and_html_in_user_text_stay_text_in_the_brief() {
    let mut career = career();
    career.tracks[0].name = "<script>alert(1)</script>".into();
    career.tracks[0].levels[1].title = "Lead | **boss** [x](javascript:alert(1))".into();
    career.self_assessments[0].evidence[0].text = "<img src=x onerror=alert(1)>".into();
    career.self_assessments[0].evidence[0].link = "javascript:alert(1)".into();
    let text = evidence_brief(&career, &request(), &goals);
    let raw_tag = text
        .match_indices('<')
        .any(|(i, _)| !text[..i].ends_with('\\') && !text[i..].starts_with("<http"));
    assert!(!raw_tag, "every < is escaped or starts a web link:\n{text}");
    assert!(text.contains("\\<script\\>alert(1)\\</script\\>"));
    assert!(text.contains("Lead \\| \\*\\*boss\\*\\* \\[x\\](javascript:alert(1))"));
    assert!(text.contains("- \\<img src=x onerror=alert(1)\\> (javascript:alert(1))"));
    assert!(!text.contains("<javascript:"));
}
