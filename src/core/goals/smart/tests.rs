use super::super::catalog::catalog_metric;
use super::super::fixtures::{check_in, d, plain_goal, today};
use super::super::{Milestone, Totalling};
use super::*;

fn check(goal: &Goal, criterion: Criterion) -> CriterionCheck {
    smart_check(goal, today()).get(criterion).cloned().unwrap()
}

fn assert_flags(goal: &Goal, criterion: Criterion, verdict: Verdict, message: &str) {
    let result = check(goal, criterion);
    assert_eq!(result.verdict, verdict, "{result:?}");
    assert!(
        result.messages.iter().any(|m| m == message),
        "expected {message:?} in {:?}",
        result.messages
    );
}

fn milestone(date: NaiveDate) -> Milestone {
    Milestone {
        id: format!("m{date}").into(),
        date,
        value: 150.0,
        note: String::new(),
        extra: Default::default(),
    }
}

#[test]
fn a_complete_goal_passes_all_five_with_reasons() {
    let result = smart_check(&plain_goal(), today());
    assert!(result.passes(), "{result:?}");
    assert_eq!(result.passed(), 5);
    let messages: Vec<&str> = result
        .criteria
        .iter()
        .map(|c| c.messages[0].as_str())
        .collect();
    assert_eq!(
        messages,
        vec![
            "'Grow' says what the team will do, and 'monthly active contributors' what changes.",
            "Measured by Monthly active contributors (increase, latest value): from 120 contributors to 180 contributors.",
            "Needs +6.69 contributors per month (4.6% a month) for 9 months, from 120 contributors on 1 January 2026.",
            "Serves its objective and says what it will achieve: spread maintenance across more people.",
            "Due 1 October 2026, 7 months from today.",
        ]
    );
}

#[test]
fn an_empty_goal_is_missing_or_needs_work_everywhere() {
    let result = smart_check(&Goal::default(), today());
    assert!(result.criteria.iter().all(|c| c.verdict != Verdict::Pass));
    assert_eq!(result.criteria.len(), 5);
}

// Specific

#[test]
fn smart_check_flags_missing_objective() {
    let goal = Goal {
        objective: "  ".into(),
        ..plain_goal()
    };
    assert_flags(&goal, Criterion::Specific, Verdict::Missing,
        "Write the objective as an action verb and what it changes, e.g. 'increase monthly active contributors'.");
}

#[test]
fn smart_check_flags_vague_verb_without_metric() {
    let mut goal = Goal {
        objective: "improve the community".into(),
        ..plain_goal()
    };
    goal.metric.name.clear();
    assert_flags(&goal, Criterion::Specific, Verdict::NeedsWork,
        "'Improve' is vague on its own: name the metric it should move (e.g. 'median time to first response'), or use a verb that gives the direction, like 'grow' or 'reduce'.");
}

#[test]
fn vague_verb_with_a_metric_is_specific_enough() {
    let goal = Goal {
        objective: "improve median time to first response".into(),
        ..plain_goal()
    };
    assert_eq!(check(&goal, Criterion::Specific).verdict, Verdict::Pass);
}

#[test]
fn smart_check_flags_objective_without_an_action_verb() {
    let goal = Goal {
        objective: "more contributors".into(),
        ..plain_goal()
    };
    assert_flags(&goal, Criterion::Specific, Verdict::NeedsWork,
        "Start with an action verb that says what the team will do: 'more contributors' doesn't. Try 'grow', 'reduce' or 'launch'.");
    let numeric = Goal {
        objective: "200 contributors".into(),
        ..plain_goal()
    };
    assert_eq!(
        check(&numeric, Criterion::Specific).verdict,
        Verdict::NeedsWork
    );
}

#[test]
fn smart_check_flags_verb_without_object() {
    let goal = Goal {
        objective: "grow".into(),
        ..plain_goal()
    };
    assert_flags(
        &goal,
        Criterion::Specific,
        Verdict::NeedsWork,
        "'Grow' needs an object: say what to grow, e.g. 'grow monthly active contributors'.",
    );
}

#[test]
fn smart_check_flags_leading_to() {
    let goal = Goal {
        objective: "to grow monthly active contributors".into(),
        ..plain_goal()
    };
    assert_flags(
        &goal,
        Criterion::Specific,
        Verdict::NeedsWork,
        "Drop the leading 'to': the statement already reads 'Our goal is to …'.",
    );
}

#[test]
fn smart_check_flags_two_objectives_in_one_goal() {
    let goal = Goal {
        objective: "grow contributors and reduce time to first response".into(),
        ..plain_goal()
    };
    assert_flags(&goal, Criterion::Specific, Verdict::NeedsWork,
        "This reads as more than one goal ('grow …' and 'reduce …'). Split it into separate goals, each with its own metric and target.");
    let comma = Goal {
        objective: "grow contributors, improve docs".into(),
        ..plain_goal()
    };
    assert_eq!(
        check(&comma, Criterion::Specific).verdict,
        Verdict::NeedsWork
    );
}

#[test]
fn and_inside_the_object_is_one_objective() {
    let goal = Goal {
        objective: "grow questions and answers in the forum".into(),
        ..plain_goal()
    };
    assert_eq!(check(&goal, Criterion::Specific).verdict, Verdict::Pass);
}

#[test]
fn smart_check_flags_placeholders_left_in_title_and_objective() {
    let goal = Goal {
        title: "Faster answers in [the forum]".into(),
        objective: "reduce time to first response in [the forum] for [audience]".into(),
        ..plain_goal()
    };
    let result = check(&goal, Criterion::Specific);
    assert_eq!(result.verdict, Verdict::NeedsWork);
    assert_eq!(
        result.messages,
        vec![
            "Replace [the forum] in the title with your own words.".to_string(),
            "Replace [the forum] and [audience] in the objective with your own words.".to_string(),
        ]
    );
}

// Measurable

#[test]
fn smart_check_flags_missing_metric_name() {
    let mut goal = plain_goal();
    goal.metric.name.clear();
    assert_flags(&goal, Criterion::Measurable, Verdict::Missing,
        "Name the metric that will show progress, e.g. 'monthly active contributors', or pick one from the catalog.");
}

#[test]
fn smart_check_flags_metric_without_unit() {
    let mut goal = plain_goal();
    goal.metric.unit.clear();
    assert_flags(&goal, Criterion::Measurable, Verdict::NeedsWork,
        "Give 'Monthly active contributors' a unit (people, hours, %, posts) so the numbers can't be misread.");
}

#[test]
fn smart_check_flags_placeholders_in_metric() {
    let mut goal = plain_goal();
    goal.metric.name = "Members of [forum]".into();
    assert_flags(
        &goal,
        Criterion::Measurable,
        Verdict::NeedsWork,
        "Replace [forum] in the metric name with your own words.",
    );
}

#[test]
fn smart_check_flags_missing_or_unusable_baseline() {
    let goal = Goal {
        baseline: None,
        ..plain_goal()
    };
    assert_flags(
        &goal,
        Criterion::Measurable,
        Verdict::Missing,
        "Enter the baseline: the value of Monthly active contributors when the goal starts.",
    );
    let nan = Goal {
        baseline: Some(f64::NAN),
        ..plain_goal()
    };
    assert_eq!(check(&nan, Criterion::Measurable).verdict, Verdict::Missing);
}

#[test]
fn smart_check_flags_baseline_without_date() {
    let goal = Goal {
        baseline_date: None,
        ..plain_goal()
    };
    assert_flags(
        &goal,
        Criterion::Measurable,
        Verdict::NeedsWork,
        "Add the date the baseline was measured, so progress is counted from the right point.",
    );
}

#[test]
fn smart_check_flags_missing_target() {
    let mut goal = Goal {
        target: None,
        ..plain_goal()
    };
    goal.metric.name.clear();
    assert_flags(
        &goal,
        Criterion::Measurable,
        Verdict::Missing,
        "Enter the target: the value of the metric to reach by the deadline.",
    );
}

#[test]
fn smart_check_flags_target_against_the_direction() {
    let goal = Goal {
        target: Some(100.0),
        ..plain_goal()
    };
    assert_flags(&goal, Criterion::Measurable, Verdict::NeedsWork,
        "The target (100 contributors) is not above the baseline (120 contributors), but the metric should increase. Raise the target, or change the direction.");
    let mut down = plain_goal();
    down.metric.direction = Direction::Decrease;
    assert_flags(&down, Criterion::Measurable, Verdict::NeedsWork,
        "The target (180 contributors) is not below the baseline (120 contributors), but the metric should decrease. Lower the target, or change the direction.");
}

#[test]
fn smart_check_flags_keep_goals_that_start_on_the_wrong_side() {
    let mut above = plain_goal();
    above.metric.direction = Direction::KeepAbove;
    assert_flags(&above, Criterion::Measurable, Verdict::NeedsWork,
        "The baseline (120 contributors) is already below the floor (180 contributors) you want to keep above: that is a goal to increase. Change the direction to 'increase'.");
    let mut below = Goal {
        target: Some(100.0),
        ..plain_goal()
    };
    below.metric.direction = Direction::KeepBelow;
    assert_flags(&below, Criterion::Measurable, Verdict::NeedsWork,
        "The baseline (120 contributors) is already above the ceiling (100 contributors) you want to keep below: that is a goal to decrease. Change the direction to 'decrease'.");
}

#[test]
fn smart_check_flags_catalog_totalling_mismatch() {
    let mut goal = plain_goal();
    goal.metric.totalling = Totalling::RunningTotal;
    assert_flags(&goal, Criterion::Measurable, Verdict::NeedsWork,
        "'Monthly active contributors' is defined as a latest value per month; as a running total it would only ever grow, even when people leave. Set how it is totalled to 'latest value'.");
}

// Achievable

#[test]
fn smart_check_needs_numbers_before_judging_pace() {
    let goal = Goal {
        deadline: None,
        ..plain_goal()
    };
    assert_flags(
        &goal,
        Criterion::Achievable,
        Verdict::Missing,
        "Set the baseline, target and deadline first: the pace they need is worked out from them.",
    );
}

#[test]
fn smart_check_flags_growth_beyond_the_monthly_threshold() {
    let goal = Goal {
        target: Some(600.0),
        ..plain_goal()
    };
    assert_flags(&goal, Criterion::Achievable, Verdict::NeedsWork,
        "Reaching 600 contributors needs 19.7% growth every month for 9 months, more than 10% a month (a rule of thumb: community metrics rarely sustain more). Lower the target, move the deadline, or say what will change the pace.");
}

#[test]
fn running_totals_are_not_held_to_the_relative_growth_threshold() {
    let mut goal = plain_goal();
    goal.metric = catalog_metric("tutorials_published").unwrap().to_metric();
    goal.baseline = Some(1.0);
    goal.target = Some(6.0);
    assert_eq!(check(&goal, Criterion::Achievable).verdict, Verdict::Pass);
}

#[test]
fn smart_check_flags_cuts_beyond_the_monthly_threshold() {
    let mut goal = plain_goal();
    goal.metric = catalog_metric("median_time_to_first_response")
        .unwrap()
        .to_metric();
    goal.baseline = Some(48.0);
    goal.target = Some(4.0);
    assert_flags(&goal, Criterion::Achievable, Verdict::NeedsWork,
        "Reaching 4 hours needs a 24.2% cut every month for 9 months, more than 20% a month (a rule of thumb for how fast a change of process cuts a value). Raise the target, move the deadline, or say what will change the pace.");
}

#[test]
fn smart_check_flags_required_pace_over_twice_the_observed() {
    let mut goal = plain_goal();
    goal.check_ins = vec![
        check_in("c1", d(2026, 1, 1), 120.0),
        check_in("c2", d(2026, 3, 1), 124.0),
    ];
    let result = check(&goal, Criterion::Achievable);
    assert_eq!(result.verdict, Verdict::NeedsWork);
    assert_eq!(result.messages, vec![
        "The target needs +7.96 contributors per month, more than 2× the +2.06 contributors per month seen since the baseline. Lower the target, move the deadline, or add steps that change the pace.".to_string()
    ]);
}

#[test]
fn smart_check_flags_metric_moving_the_wrong_way() {
    let mut goal = plain_goal();
    goal.check_ins = vec![
        check_in("c1", d(2026, 1, 1), 120.0),
        check_in("c2", d(2026, 3, 1), 118.0),
    ];
    assert_flags(&goal, Criterion::Achievable, Verdict::NeedsWork,
        "Since the baseline, Monthly active contributors is flat or moving the wrong way (-1.03 contributors per month), but the target needs +8.82 contributors per month. Find out what is holding it back before committing to this target.");
}

#[test]
fn observed_pace_close_to_required_passes_and_is_reported() {
    let mut goal = plain_goal();
    goal.check_ins = vec![
        check_in("c1", d(2026, 1, 1), 120.0),
        check_in("c2", d(2026, 3, 1), 136.0),
    ];
    let result = check(&goal, Criterion::Achievable);
    assert_eq!(result.verdict, Verdict::Pass);
    assert_eq!(result.messages[0],
        "Needs +6.26 contributors per month (4.1% a month) for 7 months, from 136 contributors on 1 March 2026; since the baseline: +8.25 contributors per month.");
}

#[test]
fn percentages_change_in_points() {
    let mut goal = plain_goal();
    goal.metric = catalog_metric("new_member_retention").unwrap().to_metric();
    goal.baseline = Some(20.0);
    goal.target = Some(27.0);
    assert_eq!(
        check(&goal, Criterion::Achievable).messages[0],
        "Needs +0.78 points per month for 9 months, from 20% on 1 January 2026."
    );
}

#[test]
fn smart_check_flags_no_time_left() {
    let goal = Goal {
        deadline: Some(d(2026, 2, 1)),
        ..plain_goal()
    };
    assert_flags(&goal, Criterion::Achievable, Verdict::NeedsWork,
        "No time is left before the deadline (1 February 2026) to reach 180 contributors. Agree a new deadline with the team, or close the goal.");
}

#[test]
fn reached_target_is_achievable() {
    let mut goal = plain_goal();
    goal.check_ins = vec![check_in("c1", d(2026, 2, 1), 181.0)];
    assert_flags(
        &goal,
        Criterion::Achievable,
        Verdict::Pass,
        "The target is already reached: Monthly active contributors is at 181 contributors.",
    );
}

#[test]
fn smart_check_flags_keep_goal_on_the_wrong_side_now() {
    let mut goal = Goal {
        target: Some(100.0),
        ..plain_goal()
    };
    goal.metric.direction = Direction::KeepAbove;
    goal.check_ins = vec![check_in("c1", d(2026, 2, 1), 90.0)];
    assert_flags(&goal, Criterion::Achievable, Verdict::NeedsWork,
        "Monthly active contributors is at 90 contributors, on the wrong side of the floor (100 contributors): it has to move 10 contributors before it can be held above it.");
}

#[test]
fn smart_check_flags_keep_goal_heading_across_its_limit() {
    let mut goal = Goal {
        target: Some(100.0),
        ..plain_goal()
    };
    goal.metric.direction = Direction::KeepAbove;
    goal.check_ins = vec![
        check_in("c1", d(2026, 1, 1), 120.0),
        check_in("c2", d(2026, 3, 1), 110.0),
    ];
    assert_flags(&goal, Criterion::Achievable, Verdict::NeedsWork,
        "At the pace seen since the baseline (-5.16 contributors per month), Monthly active contributors would cross the floor (100 contributors) before the deadline. Plan what will hold it above.");
}

#[test]
fn keep_goal_on_the_right_side_passes() {
    let mut goal = Goal {
        target: Some(100.0),
        ..plain_goal()
    };
    goal.metric.direction = Direction::KeepAbove;
    assert_flags(&goal, Criterion::Achievable, Verdict::Pass,
        "Monthly active contributors is at 120 contributors, above the floor of 100 contributors: the work is to hold it there.");
}

#[test]
fn smart_check_flags_missing_key_players_owner_and_steps() {
    let goal = Goal {
        key_players: vec![],
        steps: vec![],
        ..plain_goal()
    };
    let result = check(&goal, Criterion::Achievable);
    assert_eq!(
        result.messages,
        vec![
            "Name the key players: the people or teams who will do this work.".to_string(),
            "List the steps the team will take to move the metric.".to_string(),
        ]
    );
    let mut ownerless = plain_goal();
    ownerless.key_players[0].owner = false;
    assert_flags(
        &ownerless,
        Criterion::Achievable,
        Verdict::NeedsWork,
        "Mark one key player as the owner, so one person or team answers for the goal.",
    );
}

#[test]
fn smart_check_flags_placeholders_in_players_and_steps() {
    let mut goal = plain_goal();
    goal.key_players[1].name = "[Support team]".into();
    goal.steps[0].text = "label [20] issues".into();
    let result = check(&goal, Criterion::Achievable);
    assert_eq!(
        result.messages,
        vec![
            "Replace [Support team] in the key players with your own words.".to_string(),
            "Replace [20] in the steps with your own words.".to_string(),
        ]
    );
}

// Relevant

#[test]
fn smart_check_flags_goal_without_objective() {
    let goal = Goal {
        objective_id: None,
        ..plain_goal()
    };
    assert_flags(
        &goal,
        Criterion::Relevant,
        Verdict::Missing,
        "Link this goal to a program objective, so it's clear which part of the program it serves.",
    );
}

#[test]
fn smart_check_flags_missing_result() {
    let goal = Goal {
        result: " . ".into(),
        ..plain_goal()
    };
    assert_flags(&goal, Criterion::Relevant, Verdict::Missing,
        "State the result or benefit: what will be better for the community or the business when this is reached?");
}

#[test]
fn smart_check_flags_output_only_goal() {
    let goal = Goal {
        objective: "publish 12 posts".into(),
        result: String::new(),
        ..plain_goal()
    };
    assert!(is_output_only(&goal));
    let result = check(&goal, Criterion::Relevant);
    assert_eq!(result.messages, vec![
        "'Publish' counts what the team produces, not what changes for the community. Name the effect in the result (e.g. 'help new developers reach a first API call faster'), or track an outcome metric instead.".to_string(),
    ]);
}

#[test]
fn output_metric_from_catalog_is_output_only_until_an_effect_is_named() {
    let mut goal = Goal {
        objective: "write tutorials".into(),
        result: String::new(),
        ..plain_goal()
    };
    goal.metric = catalog_metric("tutorials_published").unwrap().to_metric();
    assert!(is_output_only(&goal));
    goal.result = "help new developers reach a first API call faster".into();
    assert!(!is_output_only(&goal));
    assert_eq!(check(&goal, Criterion::Relevant).verdict, Verdict::Pass);
}

#[test]
fn smart_check_flags_placeholders_in_result() {
    let goal = Goal {
        result: "help [audience] stay".into(),
        ..plain_goal()
    };
    assert_flags(
        &goal,
        Criterion::Relevant,
        Verdict::NeedsWork,
        "Replace [audience] in the result with your own words.",
    );
}

// Time-bound

#[test]
fn smart_check_flags_missing_deadline() {
    let goal = Goal {
        deadline: None,
        ..plain_goal()
    };
    assert_flags(
        &goal,
        Criterion::TimeBound,
        Verdict::Missing,
        "Set a deadline: the date by which the target should be reached.",
    );
}

#[test]
fn smart_check_flags_deadline_before_baseline() {
    let goal = Goal {
        baseline_date: Some(d(2026, 11, 1)),
        ..plain_goal()
    };
    assert_flags(&goal, Criterion::TimeBound, Verdict::NeedsWork,
        "The deadline (1 October 2026) is not after the baseline date (1 November 2026): move it later.");
}

#[test]
fn smart_check_flags_past_deadline_for_active_and_draft_goals_only() {
    let goal = Goal {
        deadline: Some(d(2026, 2, 1)),
        ..plain_goal()
    };
    assert_flags(&goal, Criterion::TimeBound, Verdict::NeedsWork,
        "The deadline (1 February 2026) has passed and the goal is still active: mark it achieved or missed, or agree a new deadline with the team.");
    let draft = Goal {
        status: GoalStatus::Draft,
        ..goal.clone()
    };
    assert_flags(
        &draft,
        Criterion::TimeBound,
        Verdict::NeedsWork,
        "The deadline (1 February 2026) is in the past: choose a date ahead.",
    );
    let achieved = Goal {
        status: GoalStatus::Achieved,
        ..goal
    };
    assert_flags(
        &achieved,
        Criterion::TimeBound,
        Verdict::Pass,
        "Due 1 February 2026.",
    );
}

#[test]
fn smart_check_flags_milestones_after_the_deadline() {
    let mut goal = plain_goal();
    goal.milestones = vec![
        milestone(d(2026, 12, 1)),
        milestone(d(2026, 11, 1)),
        milestone(d(2026, 5, 1)),
    ];
    assert_flags(&goal, Criterion::TimeBound, Verdict::NeedsWork,
        "2 milestones fall after the deadline (first on 1 November 2026): move them on or before 1 October 2026.");
    goal.milestones.truncate(1);
    assert_flags(&goal, Criterion::TimeBound, Verdict::NeedsWork,
        "1 milestone falls after the deadline (first on 1 December 2026): move it on or before 1 October 2026.");
}

#[test]
fn smart_check_flags_milestones_before_the_baseline() {
    let mut goal = plain_goal();
    goal.milestones = vec![milestone(d(2025, 12, 1))];
    assert_flags(&goal, Criterion::TimeBound, Verdict::NeedsWork,
        "1 milestone falls on or before the baseline date (1 January 2026): milestones mark progress after the start.");
}

#[test]
fn pace_runs_from_when_the_latest_value_was_measured_not_from_today() {
    let mut goal = plain_goal();
    goal.check_ins = vec![check_in("c1", d(2026, 2, 1), 150.0)];
    let p = pace(&goal, today()).unwrap();
    assert_eq!(p.current, 150.0);
    // From the check-in's date (1 February), not today (1 March): 8 months to 1 October.
    assert_eq!(p.measured_on, Some(d(2026, 2, 1)));
    assert!((p.months_left - 7.95).abs() < 0.01, "{}", p.months_left);
    // The baseline (120 on 1 January) is the trend's first point: one check-in gives a rate.
    let observed = p.observed_per_month.unwrap();
    assert!(
        (observed - 30.0 / 31.0 * 30.436_875).abs() < 0.01,
        "{observed}"
    );
    assert_eq!(pace(&Goal::default(), today()), None);
}

#[test]
fn achievable_counts_the_baseline_as_the_first_point_of_the_trend() {
    let mut goal = plain_goal();
    goal.check_ins = vec![check_in("c1", d(2026, 2, 1), 110.0)];
    let achievable = check(&goal, Criterion::Achievable);
    assert!(
        achievable.messages.iter().any(|f| f.starts_with(
            "Since the baseline, Monthly active contributors is flat or moving the wrong way"
        )),
        "{:?}",
        achievable.messages
    );
    // Without a baseline date the baseline cannot be placed on the trend.
    goal.baseline_date = None;
    let p = pace(&goal, today()).unwrap();
    assert_eq!(p.observed_per_month, None);
}

#[test]
fn a_percentage_is_never_checked_as_compound_growth() {
    // 20% to 60% in nine months would be 13% compound growth a month, over the 10% rule of
    // thumb; but a share grows in points: +4.46 points a month (273 days) is what it needs.
    let mut goal = plain_goal();
    goal.metric = catalog_metric("new_member_retention").unwrap().to_metric();
    goal.baseline = Some(20.0);
    goal.target = Some(60.0);
    let p = pace(&goal, today()).unwrap();
    assert_eq!(p.required_relative_per_month, None);
    let achievable = check(&goal, Criterion::Achievable);
    assert_eq!(
        achievable.verdict,
        Verdict::Pass,
        "{:?}",
        achievable.messages
    );
    assert_eq!(
        achievable.messages[0],
        "Needs +4.46 points per month for 9 months, from 20% on 1 January 2026."
    );
}

#[test]
fn a_goal_past_its_deadline_has_no_time_left_whatever_its_baseline_date() {
    let goal = Goal {
        deadline: Some(d(2026, 2, 1)),
        ..plain_goal()
    };
    // The pace from the January baseline would be a month long, but today is 1 March.
    assert!(pace(&goal, today()).unwrap().months_left > 0.0);
    assert_flags(&goal, Criterion::Achievable, Verdict::NeedsWork,
        "No time is left before the deadline (1 February 2026) to reach 180 contributors. Agree a new deadline with the team, or close the goal.");
}
