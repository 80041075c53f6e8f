use super::super::commitment::commit;
use super::super::fixtures::{check_in, d, plain_goal, today};
use super::super::Objective;
use super::*;

fn plan() -> Plan {
    let mut plan = Plan::new("p1", "Forum relaunch");
    plan.goals.objectives.push(Objective {
        id: "o1".into(),
        title: "Sustainable growth".into(),
        description: "Why it matters.".into(),
        ..Objective::default()
    });
    let mut goal = plain_goal();
    goal.check_ins = vec![
        check_in("c1", d(2026, 1, 15), 124.0),
        check_in("c2", d(2026, 2, 15), 133.0),
    ];
    goal.check_ins[1].note = "Onboarding call *packed*".into();
    goal.check_ins[1].confidence = Some(70);
    plan.goals.goals.push(goal);
    plan
}

#[test]
fn report_lists_objectives_statements_status_latest_check_in_and_next_review() {
    let report = goals_report_markdown(&plan(), today());
    assert!(report.starts_with("# Goals: Forum relaunch\n\n_As of 1 March 2026._\n"));
    assert!(report.contains("\n## Sustainable growth\n\nWhy it matters.\n"));
    assert!(report.contains("\n### Grow monthly active contributors\n\n> Our goal is to grow monthly active contributors from 120 to 180 contributors by 1 October 2026."));
    // Three points over 45 days: too little history for a forecast, and the report says so.
    assert!(
        report.contains("- **Status:** Active · 22% complete\n"),
        "{report}"
    );
    assert!(report.contains(
        "- **Forecast:** No forecast yet: it needs at least 3 points (the dated baseline and \
         check-ins) over 8 weeks; there are 3 over 45 days (a rule of thumb).\n"
    ));
    assert!(report.contains(
        "- **Latest check-in:** 15 February 2026: 133 contributors. Onboarding call \\*packed\\*\n"
    ));
    assert!(
        !report.contains("team confidence"),
        "no forecast, no confidence beside it"
    );
    assert!(report.contains("- **Next review:** 1 March 2026 (due)\n"));
    assert!(report.contains("- **SMART:** 5 of 5 criteria pass\n"));
}

#[test]
fn report_shows_drift_and_unlinked_goals() {
    let mut plan = plan();
    commit(&mut plan.goals.goals[0], d(2026, 1, 2));
    plan.goals.goals[0].target = Some(200.0);
    plan.goals.goals.push(Goal {
        id: "g2".into(),
        objective_id: None,
        title: "Loose".into(),
        ..Goal::default()
    });
    let report = goals_report_markdown(&plan, today());
    assert!(report.contains("- **Changed since commitment:** Target changed from 180 contributors to 200 contributors since the team committed on 2 January 2026.\n"));
    assert!(report.contains("\n## Goals without an objective\n\n### Loose\n"));
    assert!(report.contains("- **Latest check-in:** none yet\n"));
}

#[test]
fn report_escapes_markdown_in_user_text() {
    assert_eq!(
        md_escape("a_b *c* [d](e) #1 | x\ny"),
        "a\\_b \\*c\\* \\[d\\](e) \\#1 \\| x y"
    );
}

#[test]
fn empty_plan_report_says_so() {
    let report = goals_report_markdown(&Plan::new("p", "Empty"), today());
    assert!(report.ends_with("No objectives or goals yet.\n"));
}

#[test]
fn csv_has_a_header_crlf_rows_and_full_precision() {
    let mut plan = plan();
    plan.goals.goals[0].check_ins[0].value = 123.456;
    let csv = check_ins_csv(&plan.goals);
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(lines[0], "objective,goal,date,value,unit,confidence,note");
    assert_eq!(
        lines[1],
        "Sustainable growth,Grow monthly active contributors,2026-01-15,123.456,contributors,,"
    );
    assert_eq!(lines[2], "Sustainable growth,Grow monthly active contributors,2026-02-15,133,contributors,70,Onboarding call *packed*");
    assert_eq!(lines[3], "");
    assert_eq!(lines.len(), 4);
}

#[test]
fn csv_quotes_commas_quotes_and_newlines() {
    assert_eq!(csv_field("plain"), "plain");
    assert_eq!(csv_field("a, b"), "\"a, b\"");
    assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_eq!(csv_field("line\nbreak"), "\"line\nbreak\"");
    assert_eq!(csv_field(" padded"), "\" padded\"");
}

#[test]
fn csv_defuses_spreadsheet_formulas() {
    assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
    assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
    assert_eq!(csv_field("-2 after the outage"), "'-2 after the outage");
}

#[test]
fn a_plan_grown_from_the_sample_reports_each_of_its_goals_once_under_its_own_objective() {
    // The way a new user works: the sample plan, with an objective and goals of their own
    // added. Each goal comes once, under its own objective; nothing from elsewhere.
    let today = d(2026, 12, 9);
    let mut plan = crate::core::sample::sample_plan("p1", today);
    plan.goals.objectives.push(Objective {
        id: "mine".into(),
        title: "Launch the champions program".into(),
        ..Objective::default()
    });
    plan.goals.goals.push(Goal {
        id: "g-mine".into(),
        objective_id: Some("mine".into()),
        title: "Recruit ten champions".into(),
        ..Goal::default()
    });
    plan.goals.goals.push(Goal {
        id: "g-loose".into(),
        title: "Run a community survey".into(),
        ..Goal::default()
    });
    let report = goals_report_markdown(&plan, today);
    for goal in &plan.goals.goals {
        let heading = format!("\n### {}\n", goal.title);
        assert_eq!(report.matches(&heading).count(), 1, "{}", goal.title);
    }
    assert_eq!(report.matches("\n### ").count(), plan.goals.goals.len());
    let mine = report.find("\n## Launch the champions program\n").unwrap();
    let loose = report.find("\n## Goals without an objective\n").unwrap();
    assert!(mine < report.find("### Recruit ten champions").unwrap());
    assert!(report.find("### Recruit ten champions").unwrap() < loose);
    assert!(loose < report.find("### Run a community survey").unwrap());
}

#[test]
fn an_aspirational_goal_says_so_in_the_report() {
    let mut plan = plan();
    plan.goals.goals[0].ambition = crate::core::goals::Ambition::Aspirational;
    let report = goals_report_markdown(&plan, today());
    assert!(
        report.contains("- **Status:** Active · aspirational (70% or more counts as success) ·"),
        "{report}"
    );
    // Stored only when aspirational: older files read as committed.
    let json = serde_json::to_value(&plan.goals.goals[0]).unwrap();
    assert_eq!(json["ambition"], "aspirational");
    let committed = serde_json::to_value(super::super::fixtures::plain_goal()).unwrap();
    assert!(committed.get("ambition").is_none());
}

#[test]
fn a_forecast_in_the_report_is_a_range_in_whole_people_and_names_its_basis() {
    let mut plan = plan();
    plan.goals.goals[0]
        .check_ins
        .push(check_in("c3", d(2026, 3, 15), 141.0));
    let report = goals_report_markdown(&plan, today());
    let line = report
        .lines()
        .find(|l| l.starts_with("- **Forecast:**"))
        .unwrap();
    assert!(
        line.starts_with("- **Forecast:** Forecast ")
            && line.contains(" contributors by 1 October 2026 (target 180 contributors): 90% prediction interval of the straight line through 4 points"),
        "{line}"
    );
    // Whole people: no "184.28 contributors".
    let figures = line.trim_start_matches("- **Forecast:** Forecast ");
    let first = figures.split(' ').next().unwrap();
    assert!(!first.contains('.'), "{line}");
    assert!(line.ends_with("Team confidence 70%."), "{line}");
}
