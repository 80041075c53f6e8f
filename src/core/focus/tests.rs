use chrono::NaiveDate;

use super::*;
use crate::core::sample::sample_plan;

fn sample() -> Plan {
    sample_plan("p1", NaiveDate::from_ymd_opt(2026, 11, 10).unwrap())
}

fn names(tool: Tool, core: bool) -> Vec<&'static str> {
    tool.sections()
        .iter()
        .filter(|s| s.core == core)
        .map(|s| s.name)
        .collect()
}

#[test]
fn career_core_is_the_case_for_one_role() {
    assert_eq!(
        names(Tool::Career, true),
        [
            "The role under discussion",
            "Bucketing check",
            "Side by side",
            "Self-assessment",
            "Evidence brief"
        ]
    );
    assert_eq!(
        names(Tool::Career, false),
        [
            "The work against the title",
            "Pay",
            "Exchange rates",
            "Parity across tracks",
            "Report for readers",
            "Tracks and levels",
            "Add a track",
            "Bring your own ladder"
        ]
    );
}

#[test]
fn curve_core_is_the_drawing_stages_touch_points_and_the_bottleneck() {
    assert_eq!(
        names(Tool::Curve, true),
        [
            "The curve",
            "Stages",
            "Stage editor",
            "Touch points",
            "Distribution and conversion"
        ]
    );
    assert!(names(Tool::Curve, false).contains(&"Snapshots over time"));
}

#[test]
fn a_goals_core_has_its_statement_check_numbers_owner_and_tracking() {
    let core = names(Tool::Goal, true);
    for name in [
        "Statement",
        "SMART check",
        "Baseline, target and deadline",
        "Key players",
        "Progress, milestones and check-ins",
    ] {
        assert!(core.contains(&name), "{name} in {core:?}");
    }
    // The SMART check asks for steps and a result: they are in the core with it.
    assert!(core.contains(&"Steps") && core.contains(&"Result or benefit"));
    for name in [
        "What it is worth",
        "Scope and career key areas",
        "Commitment and reviews",
    ] {
        assert!(!core.contains(&name), "{name} not in the core");
    }
}

#[test]
fn every_tool_keeps_at_most_half_its_sections_in_its_core_and_keys_are_unique() {
    for tool in [Tool::Career, Tool::Curve, Tool::Goals, Tool::Goal] {
        let all = tool.sections();
        let mut keys: Vec<&str> = all.iter().map(|s| s.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), all.len(), "{tool:?} has unique keys");
        assert!(
            all.iter().any(|s| !s.core),
            "{tool:?} has more than its core"
        );
        assert!(all.iter().any(|s| s.core), "{tool:?} has a core");
    }
}

#[test]
fn the_sample_says_what_each_hidden_section_holds() {
    let plan = sample();
    let career = more_sections(&plan, Tool::Career, None);
    let holds = |list: &[MoreSection], key: &str| {
        list.iter()
            .find(|m| m.key == key)
            .and_then(|m| m.holds.clone())
    };
    let pay = holds(&career, "pay").unwrap();
    assert!(pay.ends_with("pay records"), "{pay}");
    assert!(holds(&career, "tracks").unwrap().contains("tracks"));
    assert_eq!(
        holds(&career, "ladder"),
        None,
        "a form holds nothing of its own"
    );
    assert_eq!(
        holds(&career, "parity"),
        None,
        "a calculation holds nothing of its own"
    );
    let scope = holds(&career, "scope").unwrap();
    assert!(
        scope.contains("tagged") && scope.contains("owners named as the role's"),
        "{scope}"
    );

    let curve = more_sections(&plan, Tool::Curve, None);
    let snapshots = holds(&curve, "snapshots").unwrap();
    assert!(snapshots.contains("snapshots"), "{snapshots}");
    assert!(curve.iter().all(|m| !Tool::Curve.is_core(m.key)));
}

#[test]
fn a_blank_plan_holds_nothing_in_any_hidden_section() {
    let plan = Plan::new("p1", "Blank");
    for tool in [Tool::Career, Tool::Curve, Tool::Goals] {
        for m in more_sections(&plan, tool, None) {
            assert_eq!(m.holds, None, "{tool:?} {}", m.key);
        }
    }
}

#[test]
fn a_goals_hidden_sections_say_what_that_goal_holds() {
    let plan = sample();
    let id = plan.goals.goals[0].id.to_string();
    let more = more_sections(&plan, Tool::Goal, Some(&id));
    assert!(more.iter().all(|m| !Tool::Goal.is_core(m.key)));
    let work = more.iter().find(|m| m.key == "work").unwrap();
    assert_eq!(work.holds.as_deref(), Some("several teams scope"));
    // A goal that is not in the plan holds nothing.
    let none = more_sections(&plan, Tool::Goal, Some("nope"));
    assert!(none.iter().all(|m| m.holds.is_none()));
}

#[test]
fn revealing_a_section_or_everything_is_per_tool_and_round_trips() {
    let mut r = Revealed::default();
    assert!(
        r.shows(Tool::Career, "bucketing"),
        "a core section always shows"
    );
    assert!(!r.shows(Tool::Career, "pay"));
    r.reveal(Tool::Career, "pay");
    r.reveal(Tool::Career, "pay");
    r.reveal(Tool::Career, "bucketing");
    assert!(r.shows(Tool::Career, "pay"));
    assert!(!r.shows(Tool::Career, "rates"));
    assert!(
        !r.shows(Tool::Curve, "snapshots"),
        "another tool is untouched"
    );
    assert_eq!(
        r.to_text(),
        r#"["career:pay"]"#,
        "no duplicates, nothing for a core section"
    );
    r.reveal_all(Tool::Curve);
    assert!(r.shows(Tool::Curve, "snapshots") && r.everything(Tool::Curve));
    assert!(!r.everything(Tool::Career) && r.any(Tool::Career));
    let back = Revealed::from_text(&r.to_text());
    assert_eq!(back, r);
    r.core_only(Tool::Career);
    assert!(!r.shows(Tool::Career, "pay") && !r.any(Tool::Career));
    assert!(r.everything(Tool::Curve));
}

#[test]
fn unreadable_stored_text_reveals_nothing() {
    for text in ["", "{", "42", r#"{"career":"*"}"#, "[1,2]"] {
        assert!(Revealed::from_text(text).is_empty(), "{text}");
    }
}

#[test]
fn a_new_plan_and_the_sample_each_have_a_next_step_until_under_way() {
    let mut blank = Plan::new("p1", "My community plan");
    assert_eq!(next_step(&blank), Some(NextStep::Empty));
    crate::core::goals::add_objective(&mut blank, "Grow the community");
    assert_eq!(next_step(&blank), None);
    let mut sample = sample();
    assert_eq!(next_step(&sample), Some(NextStep::Example));
    crate::core::sample::clear_example_data(&mut sample);
    // Cleared: its stages and tracks are there to build on, so it is under way.
    assert_eq!(next_step(&sample), None);
    let mut renamed = self::sample();
    renamed.name = "Forum relaunch 2027".into();
    assert_eq!(next_step(&renamed), None);
}

#[test]
fn adding_a_track_is_careers_core_until_there_is_a_peer() {
    let mut plan = Plan::new("p1", "Blank");
    assert!(in_core(&plan, Tool::Career, "add"));
    assert!(!more_sections(&plan, Tool::Career, None)
        .iter()
        .any(|m| m.key == "add"));
    crate::core::career::templates::add_template(
        &mut plan,
        crate::core::career::templates::Template::Community,
    );
    assert!(
        in_core(&plan, Tool::Career, "add"),
        "one track has nothing to compare with"
    );
    crate::core::career::templates::add_template(
        &mut plan,
        crate::core::career::templates::Template::Marketing,
    );
    assert!(!in_core(&plan, Tool::Career, "add"));
    assert!(more_sections(&plan, Tool::Career, None)
        .iter()
        .any(|m| m.key == "add"));
    assert!(!in_core(&plan, Tool::Curve, "add"), "the rule is Career's");
}
