use super::*;
use crate::core::audience::{Part, Selection};
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

/// The brief with the offer, the target and the self-assessment ticked (current pay not).
fn request() -> BriefRequest {
    BriefRequest {
        level_id: "c-2".into(),
        assessment_id: Some("a1".into()),
        selection: Selection::default()
            .with(Part::Offers, true)
            .with(Part::Targets, true)
            .with(Part::SelfAssessment, true),
        ..BriefRequest::default()
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
        "| Engineering | E2 Engineering 2 | Team | USD 104,000 – USD 156,000, midpoint USD \
         130,000 (base salary) | midpoint of a range · levels not stated · collected: an own \
         estimate · geography not stated · 2024 (the source's year) | Example Co, 2024 (own \
         estimate) |"
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
    // Each peer names its statistic and date, and the gap to it, in grades of the structure.
    assert!(text.contains(
        "- Program · Program 2: midpoint USD 95,000 (2024); the proposed figure is 26.3% below \
         it (about 1.3 grades)\n"
    ));
    assert!(text.contains(
        "- Engineering · Engineering 2: midpoint USD 130,000 (2024); the proposed figure is \
         46.2% below it (about 2.6 grades)\n"
    ));
}

#[test]
fn brief_shows_pay_figures_for_the_chosen_record() {
    let text = evidence_brief(&career(), &request(), &goals);
    assert!(text.contains("## Pay: Offer"));
    // Each figure names what it is measured against.
    assert!(
        text.contains(
            "- Compa-ratio: 1.00 (the pay compared, against the midpoint USD 70,000 of Community \
             2's band (Example Co, 2024 (own estimate)))\n"
        ),
        "{text}"
    );
    assert!(text.contains(
        "- Range penetration: 50% (of the way from the minimum to the maximum of Community 2's \
         band (Example Co, 2024 (own estimate)), USD 56,000 to USD 84,000)\n"
    ));
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
        selection: Selection::default().with(Part::SelfAssessment, true),
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
fn by_default_the_brief_carries_no_pay_record_and_no_self_assessment() {
    let mut career = with_current_pay();
    career.comp_records[0].company = "Globex".into();
    let request = BriefRequest {
        level_id: "c-2".into(),
        assessment_id: Some("a1".into()),
        ..BriefRequest::default()
    };
    assert_eq!(request.selection, Selection::default());
    let text = evidence_brief(&career, &request, &goals);
    for private in [
        "## Pay",
        "Globex",
        "What I earn now",
        "61,234",
        "My target",
        "90,000",
        "Self-assessment",
        "Launched program X",
        "meeting",
    ] {
        assert!(!text.contains(private), "{private} in\n{text}");
    }
    // Each is off for a reason the switch shows.
    for part in BRIEF_PRIVATE_PARTS {
        assert!(part.is_private());
        assert!(part.reason().is_some_and(|r| !r.is_empty()));
    }
}

#[test]
fn the_brief_carries_exactly_the_private_parts_ticked() {
    let mut career = with_current_pay();
    career.comp_records[0].company = "Globex".into();
    let shows = |text: &str| {
        [
            text.contains("## Pay: What I earn now") && text.contains("USD 61,234"),
            text.contains("## Pay: Offer") && text.contains("Globex"),
            text.contains("## Pay: My target") && text.contains("USD 90,000"),
            text.contains("## Self-assessment against") && text.contains("Launched program X"),
        ]
    };
    for (i, part) in BRIEF_PRIVATE_PARTS.into_iter().enumerate() {
        let request = BriefRequest {
            level_id: "c-2".into(),
            assessment_id: Some("a1".into()),
            selection: Selection::default().with(part, true),
            ..BriefRequest::default()
        };
        let text = evidence_brief(&career, &request, &goals);
        let mut expected = [false; 4];
        expected[i] = true;
        assert_eq!(shows(&text), expected, "{part:?} ticked:\n{text}");
    }
    // The self-assessment rates the tracks' behaviours: without the tracks it does not go.
    let request = BriefRequest {
        level_id: "c-2".into(),
        assessment_id: Some("a1".into()),
        selection: Selection::default()
            .with(Part::SelfAssessment, true)
            .with(Part::Tracks, false),
        ..BriefRequest::default()
    };
    assert!(!evidence_brief(&career, &request, &goals).contains("Launched program X"));
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
            "- Left out: Engineering · Engineering 2 (mean USD 130,000 (2024)), not comparable: \
             statistic: mean (average), against midpoint of a range"
        ),
        "{text}"
    );
    assert!(!text.contains("Includes non-comparable figures"));
    set_count_anyway(&mut career, "e-2", true);
    let text = evidence_brief(&career, &request(), &goals);
    assert!(text.contains("> **Warning:** Includes non-comparable figures. Community 2's"));
    assert!(text.contains(
        "- Engineering · Engineering 2: mean USD 130,000 (2024); the proposed figure is 46.2% \
         below it (about 2.6 grades) — counted anyway, not comparable:"
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
        text.contains(
            "- Community 2 (proposed): midpoint USD 70,000 (2022), base salary, aged to USD \
             74,263 over 2 years (to 2024)\n"
        ),
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
        "median · levels: all levels of an occupation · collected: a statistics office's survey \
         of employers · United States (national) · May 2021"
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

#[test]
fn the_brief_opens_with_the_finding_then_the_evidence_then_the_appendix() {
    let mut request = request();
    request.prepared_by = "Alex Kim".into();
    request.as_of = chrono::NaiveDate::from_ymd_opt(2026, 12, 9);
    let text = evidence_brief(&career(), &request, &goals);
    assert!(text.starts_with(
        "# Evidence brief: Community 2 (Community)\n\n_Prepared by Alex Kim · 9 December 2026_\n\n\
         ## Bucketing check\n\n> **Warning:**"
    ));
    let at = |heading: &str| {
        text.find(heading)
            .unwrap_or_else(|| panic!("{heading} in\n{text}"))
    };
    let order = [
        "## Bucketing check",
        "## The role",
        "## Levels at rank 2 in every track",
        "### Expected behaviours by key area",
        "## Pay: Offer",
        "## Parity across tracks",
        "## Self-assessment against",
        "## Sources",
        "## Appendix: expected behaviours at rank 2",
    ];
    for pair in order.windows(2) {
        assert!(at(pair[0]) < at(pair[1]), "{} before {}", pair[0], pair[1]);
    }
}

#[test]
fn behaviours_are_summarised_by_key_area_with_every_one_in_the_appendix() {
    let text = evidence_brief(&career(), &request(), &goals);
    let summary = &text
        [text.find("### Expected behaviours by key area").unwrap()..text.find("## Pay").unwrap()];
    assert!(summary.contains(
        "Each key area with a behaviour expected at this rank, and the tracks that expect one:"
    ));
    assert!(
        summary.contains("- *Lateral leadership*: all 4 tracks\n"),
        "{summary}"
    );
    assert!(summary.contains("Every behaviour in full is in the appendix."));
    assert!(
        !summary.contains("Leads sideways"),
        "texts only in the appendix"
    );
    let appendix = &text[text.find("## Appendix").unwrap()..];
    assert!(appendix.contains(
        "**Marketing · Marketing 2**\n\n- *Lateral leadership*: Leads sideways at Marketing 2\n"
    ));
    // None of these is a template's wording.
    assert!(!appendix.contains("(template wording)"));
    let mut without = request();
    without.without_appendix = true;
    let text = evidence_brief(&career(), &without, &goals);
    assert!(!text.contains("## Appendix"));
    assert!(!text.contains("in the appendix"));
}

#[test]
fn template_wording_is_never_presented_as_the_employers() {
    use crate::core::career::templates::{build_track, Template};
    let mut plan = crate::core::plan::Plan::new("p", "n");
    let community = build_track(&mut plan, Template::Community);
    let engineering = build_track(&mut plan, Template::SoftwareEngineering);
    let level = community.levels[1].id.to_string();
    plan.career.tracks = vec![community, engineering];
    let request = BriefRequest {
        level_id: level,
        ..BriefRequest::default()
    };
    let text = evidence_brief(&plan.career, &request, &goals);
    // The template's note about HR is left out; the behaviours are marked as the template's.
    assert!(
        !text.contains("Often missing from HR's job architecture"),
        "{text}"
    );
    assert!(!text.contains("How HR classifies it"));
    assert!(text.contains("(template wording)\n"));
    assert!(text.contains(TEMPLATE_WORDING_NOTE));
    // Once the author writes their own, it is theirs.
    plan.career.tracks[0].hr_classification = "Mapped to Marketing by HR in 2025.".into();
    for area in &mut plan.career.tracks[0].key_areas {
        for b in &mut area.behaviours {
            b.text = format!("{} (as our ladder says)", b.text);
        }
    }
    for area in &mut plan.career.tracks[1].key_areas {
        area.behaviours.clear();
    }
    let text = evidence_brief(&plan.career, &request, &goals);
    assert!(text.contains("- How HR classifies it: Mapped to Marketing by HR in 2025.\n"));
    assert!(!text.contains("(template wording)"));
    assert!(!text.contains(TEMPLATE_WORDING_NOTE));
}

#[test]
fn the_caveat_about_public_figures_comes_with_the_sources_not_first() {
    let mut career = career();
    let band = career.tracks[1].levels[1].band.as_mut().unwrap();
    band.source.kind = crate::core::career::SourceKind::OfficialStatistic;
    let text = evidence_brief(&career, &request(), &goals);
    let caveat = text.find(reference::CAVEAT).unwrap();
    assert!(caveat > text.find("## Sources").unwrap());
    assert!(caveat < text.find("## Appendix").unwrap());
    assert_eq!(text.matches(reference::CAVEAT).count(), 1);
    // Not a word of it when every figure is the author's own.
    assert!(!evidence_brief(&self::career(), &request(), &goals).contains(reference::CAVEAT));
}

#[test]
fn a_market_figure_from_the_research_log_brings_the_caveat() {
    let mut career = career();
    let band = reference::find(reference::BLS_PROJECT_MANAGEMENT_2021)
        .unwrap()
        .to_band();
    career.tracks[0].levels[1]
        .research
        .push(crate::core::career::ResearchEntry {
            id: "re1".into(),
            band,
            extra: Default::default(),
        });
    let text = evidence_brief(&career, &request(), &goals);
    assert!(text.contains("Market figures for this work (the level's research log):"));
    assert!(text.contains(reference::CAVEAT));
}

#[test]
fn the_brief_as_a_document_is_html_with_user_text_inert() {
    let mut career = career();
    career.tracks[0].name = "<script>alert(1)</script>".into();
    career.tracks[0].levels[1].title = "\"><img src=x onerror=alert(1)>".into();
    career.self_assessments[0].evidence[0].text = "<b onmouseover=alert(1)>hi</b>".into();
    career.self_assessments[0].evidence[0].link = "javascript:alert(1)".into();
    let page = brief_document(&career, &request(), &goals);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains(
        "<title>Evidence brief: &quot;&gt;&lt;img src=x onerror=alert(1)&gt; (&lt;script&gt;alert(1)&lt;/script&gt;)</title>"
    ));
    assert!(page.contains(
        "<h1>Evidence brief: &quot;&gt;&lt;img src=x onerror=alert(1)&gt; (&lt;script&gt;alert(1)&lt;/script&gt;)</h1>"
    ));
    assert!(page.contains("&lt;b onmouseover=alert(1)&gt;hi&lt;/b&gt; (javascript:alert(1))"));
    crate::core::html::assert_inert(&page);
    // The warning reads as one, and the tables are tables.
    assert!(page.contains("<blockquote class=\"warning\"><p><strong>Warning:</strong>"));
    assert!(page.contains("<th scope=\"col\">Track</th>"));
}

#[test]
fn the_brief_nested_in_a_report_has_its_headings_one_level_down() {
    let body = brief_html_body(&evidence_brief(&career(), &request(), &goals), 1);
    assert!(body.starts_with("<article class=\"trellis-doc brief\">"));
    assert!(body.contains("<h2>Evidence brief: Community 2 (Community)</h2>"));
    assert!(body.contains("<h3>Bucketing check</h3>"));
    assert!(!body.contains("<h1>"));
}
