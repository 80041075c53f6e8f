use chrono::NaiveDate;

use super::*;
use crate::core::career::{CompKind, CompRecord};
use crate::core::html::assert_inert;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 9).unwrap()
}

/// The sample plan with everything private a plan can hold: current pay, an offer from a
/// named company, a target, and a rated self-assessment with evidence.
fn plan() -> Plan {
    let mut plan = crate::core::sample::sample_plan("p1", today());
    plan.prepared_by = "Alex Kim, DevRel".into();
    for r in &mut plan.career.comp_records {
        if r.kind == CompKind::Offer {
            r.company = "Globex Corporation".into();
        }
        if r.kind == CompKind::Current {
            r.base = 6_912_300;
        }
    }
    plan.career.comp_records.push(CompRecord {
        id: "r-target".into(),
        label: "What I am aiming for".into(),
        kind: CompKind::Target,
        currency: "USD".into(),
        base: 9_876_500,
        ..CompRecord::default()
    });
    plan
}

/// What each private part would put in the report, if it were in.
const PRIVATE: [(Part, &[&str]); 4] = [
    (
        Part::CurrentPay,
        &["Current pay (illustrative)", "USD 69,123"],
    ),
    (
        Part::Offers,
        &["Globex Corporation", "Offer as HR proposes it"],
    ),
    (Part::Targets, &["What I am aiming for", "USD 98,765"]),
    (
        Part::SelfAssessment,
        &[
            "Self-assessment against",
            "contributor summit",
            "working towards",
        ],
    ),
];

fn shows(body: &str, part: Part) -> bool {
    let texts = PRIVATE.iter().find(|(p, _)| *p == part).map(|(_, t)| *t);
    let found: Vec<bool> = texts
        .unwrap_or_default()
        .iter()
        .map(|t| body.contains(t))
        .collect();
    assert!(
        found.iter().all(|f| *f) || found.iter().all(|f| !*f),
        "{part:?} partly in the report: {found:?}"
    );
    found.first().copied().unwrap_or(false)
}

#[test]
fn the_report_names_the_plan_the_day_and_who_prepared_it() {
    let report = plan_report(&plan(), &Selection::default(), today());
    assert_eq!(
        report.title,
        "Plan report: Sample: Developer forum relaunch"
    );
    assert!(report.body.starts_with(
        "<article class=\"trellis-doc report\">\n<header class=\"doc-head\">\n\
         <p class=\"doc-kind\">Plan report</p>\n<h1>Sample: Developer forum relaunch</h1>\n\
         <p class=\"doc-meta\">As of 9 December 2026 · Prepared by Alex Kim, DevRel</p>\n</header>"
    ));
    assert!(report.body.ends_with(
        "<footer class=\"doc-foot\"><p>Written by Trellis from the plan “Sample: Developer forum \
         relaunch” on 9 December 2026: every figure is as the plan records it on that day.</p>\
         </footer>\n</article>\n"
    ));
    let mut anonymous = plan();
    anonymous.prepared_by = "  ".into();
    let body = plan_report(&anonymous, &Selection::default(), today()).body;
    assert!(body.contains("<p class=\"doc-meta\">As of 9 December 2026</p>"));
}

#[test]
fn goals_come_by_objective_with_statement_owner_status_and_forecast() {
    let body = plan_report(&plan(), &Selection::default(), today()).body;
    assert!(body.contains("<section class=\"doc-goals\">\n<h2>Goals</h2>\n"));
    assert!(
        body.contains("<p class=\"doc-lede\">4 goals in 2 objectives: 3 on track, 1 at risk.</p>")
    );
    assert!(body.contains(
        "<h3>Build the infrastructure for sustainable community growth</h3>\n\
         <p class=\"note\">Owner: Developer community team · Sponsor: VP Developer Experience · \
         Serves: Lower the cost of supporting developers as the developer base grows</p>"
    ));
    let card = &body[body
        .find("<h4>Answer forum questions within a day</h4>")
        .unwrap()..];
    let card = &card[..card.find("</div>").unwrap()];
    assert!(card.contains("<p class=\"statement\">Our goal is to reduce median time to first response in the community forum from 41 to 24 hours by 31 March 2027."));
    assert!(card.contains("<dt>Owner</dt><dd>"));
    assert!(card.contains("<dt>Status</dt><dd><span class=\"status at-risk\">At risk</span> Active · 47% complete</dd>"), "{card}");
    // The forecast with its uncertainty, as the core words it for the goals report too.
    assert!(card.contains(
        "<dt>Forecast</dt><dd>Forecast 23.12 to 26.18 hours by 31 March 2027 (target 24 hours): \
         90% prediction interval of the straight line through 5 points (the dated baseline and the \
         check-ins) over 4 months. Team confidence 55%.</dd>"
    ), "{card}");
    assert!(card.contains("<dt>Latest check-in</dt><dd>1 December 2026: 33 hours</dd>"));
    // The objectives in the plan's order, each goal under its own.
    let growth = body.find("<h3>Build the infrastructure").unwrap();
    let onboarding = body.find("<h3>Simplify onboarding").unwrap();
    let first_call = body.find("<h4>Cut time to first API call</h4>").unwrap();
    assert!(growth < onboarding && onboarding < first_call);
}

#[test]
fn a_forecast_says_why_there_is_none() {
    let mut goal = plan().goals.goals[0].clone();
    goal.check_ins.truncate(1);
    let line = forecast_line(&goal);
    assert!(
        line.starts_with("No forecast yet: it needs at least 3 points"),
        "{line}"
    );
    assert!(
        !line.contains("Team confidence"),
        "no confidence without a forecast"
    );
    goal.deadline = None;
    assert_eq!(
        forecast_line(&goal),
        "No forecast: the goal has no deadline."
    );
}

#[test]
fn the_curve_is_drawn_with_its_bottleneck_and_the_touch_points_that_address_the_gap() {
    let body = plan_report(&plan(), &Selection::default(), today()).body;
    let curve = &body[body.find("<section class=\"doc-curve\">").unwrap()..];
    assert!(curve.contains("<h2>Commitment curve</h2>\n<figure tabindex=\"0\">\n<svg xmlns="));
    assert!(curve.contains(">Commitment curve: Sample: Developer forum relaunch</text>"));
    assert!(curve.contains(">Bottleneck</text>"));
    assert!(curve.contains(">Bottleneck: Discover → Join</text>"));
    assert!(curve.contains("<figcaption>Bottleneck now: Discover → Join."));
    assert!(curve.contains("<h3>Touch points that address the gap</h3>"));
    assert!(curve.contains("<th scope=\"col\">Touch points leading in</th>"));
    let rows = curve.matches("<tr><th scope=\"row\">").count();
    assert!(rows >= 1, "{curve}");
    // Every row is a stage short of its target.
    for row in curve.split("<tr><th scope=\"row\">").skip(1) {
        let cells: Vec<&str> = row.split("<td class=\"num\">").skip(1).collect();
        let gap: i64 = cells[2][..cells[2].find('<').unwrap()].parse().unwrap();
        assert!(gap > 0, "{row}");
    }
}

#[test]
fn a_gap_with_nothing_planned_is_flagged() {
    let mut plan = plan();
    plan.curve.touch_points.clear();
    let body = plan_report(&plan, &Selection::default(), today()).body;
    assert!(body.contains("<span class=\"gap-flag\">Nothing planned to close this gap.</span>"));
    for stage in &mut plan.curve.stages {
        stage.target_members = 0;
    }
    let body = plan_report(&plan, &Selection::default(), today()).body;
    assert!(body.contains("<p>No stage has a target yet, so there is no gap to close.</p>"));
}

#[test]
fn by_default_the_report_carries_nothing_private() {
    let body = plan_report(&plan(), &Selection::default(), today()).body;
    for (part, _) in PRIVATE {
        assert!(!shows(&body, part), "{part:?} in the report by default");
    }
    // The career case is there (the tracks are shareable), without the author's own parts.
    assert!(body.contains("<h2>Career case</h2>"));
    assert!(body.contains("<h3>Evidence brief: Community Manager (Community)</h3>"));
    assert!(body.contains("<h4>Bucketing check</h4>"));
    assert!(!body.contains("Appendix"));
}

#[test]
fn the_report_carries_exactly_the_private_parts_ticked() {
    let plan = plan();
    for (ticked, _) in PRIVATE {
        let selection = Selection::default().with(ticked, true);
        let body = plan_report(&plan, &selection, today()).body;
        for (part, _) in PRIVATE {
            assert_eq!(
                shows(&body, part),
                part == ticked,
                "{part:?} with {ticked:?} ticked"
            );
        }
    }
    let all = Selection::everything();
    let body = plan_report(&plan, &all, today()).body;
    for (part, _) in PRIVATE {
        assert!(shows(&body, part), "{part:?} with everything ticked");
    }
}

#[test]
fn only_the_parts_included_are_in_the_report() {
    let plan = plan();
    let without_goals = Selection::default().with(Part::Goals, false);
    let body = plan_report(&plan, &without_goals, today()).body;
    assert!(!body.contains("doc-goals"));
    // Not even through the career case's scope check or value list.
    for goal in &plan.goals.goals {
        assert!(!body.contains(&goal.title), "{} in\n{body}", goal.title);
    }
    let without_curve = Selection::default().with(Part::Curve, false);
    let body = plan_report(&plan, &without_curve, today()).body;
    assert!(!body.contains("doc-curve") && !body.contains("<svg"));
    for stage in &plan.curve.stages {
        assert!(
            !body.contains(&format!(">{}<", stage.name)),
            "{}",
            stage.name
        );
    }
    let without_tracks = Selection::everything().with(Part::Tracks, false);
    let body = plan_report(&plan, &without_tracks, today()).body;
    assert!(!body.contains("Career case"));
    assert!(
        !body.contains("Globex"),
        "offers go only in the career case"
    );
    let nothing = Part::ALL
        .into_iter()
        .fold(Selection::default(), |s, p| s.with(p, false));
    let body = plan_report(&plan, &nothing, today()).body;
    assert!(body.contains("<p>Nothing of the plan is included in this report.</p>"));
}

#[test]
fn user_text_in_the_report_is_inert() {
    let mut plan = plan();
    let hostile = "<script>alert(1)</script>\"><img src=x onerror=alert(1)>";
    plan.name = hostile.into();
    plan.prepared_by = hostile.into();
    plan.goals.objectives[0].title = hostile.into();
    plan.goals.objectives[0].owner = hostile.into();
    plan.goals.goals[0].title = hostile.into();
    plan.goals.goals[0].metric.unit = hostile.into();
    plan.curve.stages[0].name = hostile.into();
    plan.curve.touch_points[0].name = hostile.into();
    plan.career.tracks[0].name = hostile.into();
    let page = plan_report_document(&plan, &Selection::everything(), today());
    assert_inert(&page);
    assert!(page.contains(
        "<h1>&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</h1>"
    ));
    assert!(page.contains(
        "<title>Plan report: &lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</title>"
    ));
}

#[test]
fn the_report_is_a_page_that_works_under_a_strict_policy() {
    let page = plan_report_document(&plan(), &Selection::default(), today());
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-"));
    assert_inert(&page);
    // A page to mail or attach: the sample's report stays small.
    assert!(page.len() < 60_000, "{} bytes", page.len());
}
