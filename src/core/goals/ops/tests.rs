use super::super::fixtures::{d, today};
use super::super::smart::{smart_check, Criterion, Verdict};
use super::super::statement::statement_text;
use super::super::Totalling;
use super::*;

fn plan() -> Plan {
    Plan::new("p1", "Forum relaunch")
}

fn plan_with_goal() -> (Plan, String, String) {
    let mut plan = plan();
    let objective = add_objective(
        &mut plan,
        "Build the infrastructure for sustainable community growth",
    );
    let goal = add_goal(&mut plan, Some(&objective)).unwrap();
    (plan, objective, goal)
}

#[test]
fn ids_are_fresh_across_every_kind_of_record() {
    let (mut plan, objective, goal) = plan_with_goal();
    let player = add_key_player(&mut plan, &goal, "Community team").unwrap();
    let step = add_step(&mut plan, &goal, "label issues").unwrap();
    let check_in = add_check_in(&mut plan, &goal, today(), 1.0, "", None).unwrap();
    let ids = [objective, goal, player, step, check_in];
    for (i, id) in ids.iter().enumerate() {
        assert!(ids[i + 1..].iter().all(|other| other != id), "{id} reused");
    }
}

#[test]
fn adding_a_goal_to_an_unknown_objective_fails_without_changes() {
    let mut plan = plan();
    assert_eq!(
        add_goal(&mut plan, Some("o9")),
        Err(GoalError::NoSuchObjective("o9".into()))
    );
    assert!(plan.goals.goals.is_empty());
}

#[test]
fn removing_an_objective_keeps_its_goals_unlinked() {
    let (mut plan, objective, goal) = plan_with_goal();
    let removed = remove_objective(&mut plan.goals, &objective).unwrap();
    assert_eq!(removed.id, objective);
    assert_eq!(plan.goals.goal(&goal).unwrap().objective_id, None);
    assert!(remove_objective(&mut plan.goals, &objective).is_err());
}

#[test]
fn objectives_and_goals_reorder_with_clamping() {
    let mut plan = plan();
    let a = add_objective(&mut plan, "A");
    let b = add_objective(&mut plan, "B");
    move_objective(&mut plan.goals, &b, 0).unwrap();
    assert_eq!(plan.goals.objectives[0].id, b);
    move_objective(&mut plan.goals, &b, 99).unwrap();
    assert_eq!(plan.goals.objectives[1].id, b);
    let g1 = add_goal(&mut plan, Some(&a)).unwrap();
    let g2 = add_goal(&mut plan, Some(&a)).unwrap();
    move_goal(&mut plan.goals, &g2, 0).unwrap();
    assert_eq!(plan.goals.goals[0].id, g2);
    assert_eq!(
        move_goal(&mut plan.goals, "nope", 0),
        Err(GoalError::NoSuchGoal("nope".into()))
    );
    assert_eq!(plan.goals.goals[1].id, g1);
}

#[test]
fn moving_within_an_objective_skips_other_objectives_goals() {
    let mut plan = plan();
    let a = add_objective(&mut plan, "A");
    let b = add_objective(&mut plan, "B");
    let a1 = add_goal(&mut plan, Some(&a)).unwrap();
    let b1 = add_goal(&mut plan, Some(&b)).unwrap();
    let a2 = add_goal(&mut plan, Some(&a)).unwrap();
    move_goal_within_objective(&mut plan.goals, &a2, -1).unwrap();
    let order: Vec<&str> = plan.goals.goals.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(order, vec![a2.as_str(), b1.as_str(), a1.as_str()]);
    move_goal_within_objective(&mut plan.goals, &a2, -1).unwrap();
    assert_eq!(plan.goals.goals[0].id, a2);
}

#[test]
fn goals_filter_by_status_and_sort_by_deadline_with_undated_last() {
    let mut plan = plan();
    for (deadline, status) in [
        (Some(d(2026, 9, 1)), GoalStatus::Active),
        (None, GoalStatus::Active),
        (Some(d(2026, 5, 1)), GoalStatus::Draft),
    ] {
        let id = add_goal(&mut plan, None).unwrap();
        let goal = plan.goals.goal_mut(&id).unwrap();
        goal.deadline = deadline;
        goal.status = status;
    }
    let sorted: Vec<Option<NaiveDate>> = list_goals(&plan.goals, None, GoalOrder::Deadline)
        .iter()
        .map(|g| g.deadline)
        .collect();
    assert_eq!(sorted, vec![Some(d(2026, 5, 1)), Some(d(2026, 9, 1)), None]);
    assert_eq!(
        list_goals(&plan.goals, Some(GoalStatus::Active), GoalOrder::Manual).len(),
        2
    );
}

#[test]
fn first_key_player_owns_and_owner_can_be_changed() {
    let (mut plan, _, goal) = plan_with_goal();
    let a = add_key_player(&mut plan, &goal, "Community team").unwrap();
    let b = add_key_player(&mut plan, &goal, "Maintainers").unwrap();
    assert_eq!(
        plan.goals
            .goal(&goal)
            .unwrap()
            .owner()
            .map(|p| p.id.to_string()),
        Some(a.clone())
    );
    set_owner(&mut plan.goals, &goal, &b).unwrap();
    let players = &plan.goals.goal(&goal).unwrap().key_players;
    assert_eq!(players.iter().filter(|p| p.owner).count(), 1);
    assert!(players[1].owner);
    assert_eq!(
        set_owner(&mut plan.goals, &goal, "k99"),
        Err(GoalError::NoSuchKeyPlayer("k99".into()))
    );
}

#[test]
fn removing_a_key_player_clears_their_step_ownership() {
    let (mut plan, _, goal) = plan_with_goal();
    let player = add_key_player(&mut plan, &goal, "Advocates").unwrap();
    let step = add_step(&mut plan, &goal, "run office hours").unwrap();
    set_step_owner(&mut plan.goals, &goal, &step, Some(&player)).unwrap();
    remove_key_player(&mut plan.goals, &goal, &player).unwrap();
    assert_eq!(plan.goals.goal(&goal).unwrap().steps[0].owner_id, None);
    assert!(set_step_owner(&mut plan.goals, &goal, &step, Some(&player)).is_err());
}

#[test]
fn steps_can_be_done_moved_and_removed() {
    let (mut plan, _, goal) = plan_with_goal();
    let a = add_step(&mut plan, &goal, " first ").unwrap();
    let b = add_step(&mut plan, &goal, "second").unwrap();
    set_step_done(&mut plan.goals, &goal, &a, true).unwrap();
    move_step(&mut plan.goals, &goal, &b, 0).unwrap();
    let steps = &plan.goals.goal(&goal).unwrap().steps;
    assert_eq!(
        (steps[0].id.as_str(), steps[1].text.as_str(), steps[1].done),
        (b.as_str(), "first", true)
    );
    remove_step(&mut plan.goals, &goal, &a).unwrap();
    assert_eq!(
        remove_step(&mut plan.goals, &goal, &a),
        Err(GoalError::NoSuchStep(a))
    );
}

#[test]
fn check_ins_stay_in_date_order_and_reject_bad_values() {
    let (mut plan, _, goal) = plan_with_goal();
    add_check_in(&mut plan, &goal, d(2026, 3, 1), 3.0, "", Some(80)).unwrap();
    add_check_in(&mut plan, &goal, d(2026, 1, 1), 1.0, "", None).unwrap();
    add_check_in(&mut plan, &goal, d(2026, 2, 1), 2.0, " note ", Some(100)).unwrap();
    let values: Vec<f64> = plan
        .goals
        .goal(&goal)
        .unwrap()
        .check_ins
        .iter()
        .map(|c| c.value)
        .collect();
    assert_eq!(values, vec![1.0, 2.0, 3.0]);
    assert_eq!(plan.goals.goal(&goal).unwrap().check_ins[1].note, "note");
    assert_eq!(
        add_check_in(&mut plan, &goal, today(), f64::NAN, "", None),
        Err(GoalError::NotANumber)
    );
    assert_eq!(
        add_check_in(&mut plan, &goal, today(), 1.0, "", Some(101)),
        Err(GoalError::ConfidenceOutOfRange(101))
    );
    assert_eq!(
        GoalError::ConfidenceOutOfRange(101).to_string(),
        "Confidence is a percentage from 0 to 100; 101 is out of range."
    );
    let first = plan.goals.goal(&goal).unwrap().check_ins[0].id.clone();
    assert_eq!(
        remove_check_in(&mut plan.goals, &goal, &first)
            .unwrap()
            .value,
        1.0
    );
}

#[test]
fn generating_milestones_replaces_them_with_fresh_ids() {
    let (mut plan, _, goal) = plan_with_goal();
    assert_eq!(
        generate_milestones(&mut plan, &goal, 3, Growth::Linear),
        Err(GoalError::Trajectory(TrajectoryError::MissingBaseline))
    );
    {
        let g = plan.goals.goal_mut(&goal).unwrap();
        g.baseline = Some(100.0);
        g.baseline_date = Some(d(2026, 1, 1));
        g.target = Some(200.0);
        g.deadline = Some(d(2026, 12, 31));
    }
    assert_eq!(
        generate_milestones(&mut plan, &goal, 3, Growth::Compound),
        Ok(3)
    );
    let first_ids: Vec<String> = plan
        .goals
        .goal(&goal)
        .unwrap()
        .milestones
        .iter()
        .map(|m| m.id.to_string())
        .collect();
    assert_eq!(
        generate_milestones(&mut plan, &goal, 2, Growth::Linear),
        Ok(2)
    );
    let g = plan.goals.goal(&goal).unwrap();
    assert_eq!(g.growth, Growth::Linear);
    assert!(g
        .milestones
        .iter()
        .all(|m| !first_ids.contains(&m.id.to_string())));
    let id = add_milestone(&mut plan, &goal, d(2026, 2, 1), 110.0).unwrap();
    assert_eq!(plan.goals.goal(&goal).unwrap().milestones[0].id, id);
    remove_milestone(&mut plan.goals, &goal, &id).unwrap();
    assert_eq!(
        add_milestone(&mut plan, &goal, today(), f64::INFINITY),
        Err(GoalError::NotANumber)
    );
}

#[test]
fn committing_through_the_book_activates_and_snapshots() {
    let (mut plan, _, goal) = plan_with_goal();
    plan.goals.goal_mut(&goal).unwrap().target = Some(10.0);
    commit_goal(&mut plan.goals, &goal, today()).unwrap();
    let g = plan.goals.goal(&goal).unwrap();
    assert_eq!(g.status, GoalStatus::Active);
    assert_eq!(g.commitment.as_ref().and_then(|c| c.target), Some(10.0));
    mark_reviewed(&mut plan.goals, &goal, today()).unwrap();
    assert_eq!(plan.goals.goal(&goal).unwrap().last_reviewed, Some(today()));
    assert_eq!(
        commit_goal(&mut plan.goals, "x", today()),
        Err(GoalError::NoSuchGoal("x".into()))
    );
}

#[test]
fn goal_from_catalog_takes_the_metric_definition() {
    let mut plan = plan();
    let id =
        add_goal_from_catalog(&mut plan, "median_time_to_first_response", None, today()).unwrap();
    let g = plan.goals.goal(&id).unwrap();
    assert_eq!(g.objective, "reduce median time to first response");
    assert_eq!(
        (g.metric.unit.as_str(), g.metric.direction),
        ("hours", Direction::Decrease)
    );
    assert_eq!(
        g.metric.catalog_key.as_deref(),
        Some("median_time_to_first_response")
    );
    assert_eq!(g.baseline_date, Some(today()));
    assert_eq!(
        add_goal_from_catalog(&mut plan, "x", None, today()),
        Err(GoalError::NoSuchCatalogMetric("x".into()))
    );
    use_catalog_metric(&mut plan.goals, &id, "event_attendees").unwrap();
    assert_eq!(
        plan.goals.goal(&id).unwrap().metric.totalling,
        Totalling::RunningTotal
    );
}

#[test]
fn goal_from_template_shows_its_placeholders_until_replaced() {
    let mut plan = plan();
    let objective = add_objective(&mut plan, "Simplify service access");
    let id =
        add_goal_from_template(&mut plan, "first_response", Some(&objective), today()).unwrap();
    let g = plan.goals.goal(&id).unwrap();
    assert_eq!(g.key_players.len(), 2);
    assert!(g.key_players[0].owner);
    assert_eq!(g.cadence, Cadence::Weekly);
    let text = statement_text(g);
    assert!(text.starts_with("Our goal is to reduce median time to first response in [the forum] from [baseline] to [target] hours by [deadline]."));
    let check = smart_check(g, today());
    assert_eq!(
        check.get(Criterion::Specific).map(|c| c.verdict),
        Some(Verdict::NeedsWork)
    );
    assert_eq!(
        add_goal_from_template(&mut plan, "nope", None, today()),
        Err(GoalError::NoSuchTemplate("nope".into()))
    );
}

#[test]
fn keep_template_sets_a_floor() {
    let mut plan = plan();
    let id = add_goal_from_template(&mut plan, "support_csat", None, today()).unwrap();
    assert_eq!(
        plan.goals.goal(&id).unwrap().metric.direction,
        Direction::KeepAbove
    );
}

#[test]
fn a_goal_built_step_by_step_reaches_a_passing_smart_check() {
    let (mut plan, _, goal) = plan_with_goal();
    let failing = |plan: &Plan| 5 - smart_check(plan.goals.goal(&goal).unwrap(), today()).passed();
    assert_eq!(failing(&plan), 5);
    use_catalog_metric(&mut plan.goals, &goal, "monthly_active_contributors").unwrap();
    {
        let g = plan.goals.goal_mut(&goal).unwrap();
        g.title = "Grow monthly active contributors".into();
        g.objective = "grow monthly active contributors".into();
        g.baseline = Some(120.0);
        g.baseline_date = Some(d(2026, 1, 1));
        g.target = Some(160.0);
        g.deadline = Some(d(2026, 12, 31));
        g.result = "spread maintenance across more people".into();
    }
    add_key_player(&mut plan, &goal, "The community team").unwrap();
    add_step(&mut plan, &goal, "labelling 40 good first issues").unwrap();
    assert_eq!(
        failing(&plan),
        0,
        "{:?}",
        smart_check(plan.goals.goal(&goal).unwrap(), today())
    );
}

#[test]
fn errors_read_as_sentences() {
    assert_eq!(
        GoalError::NoSuchGoal("g1".into()).to_string(),
        "There is no goal with id 'g1' in this plan."
    );
    assert_eq!(GoalError::NotANumber.to_string(), "Enter a number.");
    assert_eq!(
        GoalError::Trajectory(TrajectoryError::SpanTooShort).to_string(),
        "There are no days between the baseline date and the deadline for a milestone."
    );
}

#[test]
fn a_goal_from_the_curve_is_prefilled_and_linked_to_its_stage() {
    let (mut plan, objective, _) = plan_with_goal();
    let seed = GoalSeed {
        title: "Grow “Member” from 120 to 300 members".into(),
        metric: "Members at the “Member” stage".into(),
        unit: "members".into(),
        baseline: 120.0,
        target: 300.0,
        deadline: Some(d(2026, 6, 30)),
        stage_id: "s2".into(),
        touch_point_id: Some("t1".into()),
        history: Vec::new(),
    };
    let id = add_goal_from_curve(&mut plan, &seed, Some(&objective), today()).unwrap();
    let goal = plan.goals.goal(&id).unwrap();
    assert_eq!(goal.stage_id.as_deref(), Some("s2"));
    assert_eq!(goal.touch_point_id.as_deref(), Some("t1"));
    assert_eq!((goal.baseline, goal.target), (Some(120.0), Some(300.0)));
    assert_eq!(goal.baseline_date, Some(today()));
    assert_eq!(goal.deadline, Some(d(2026, 6, 30)));
    assert_eq!(goal.metric.unit, "members");
    assert_eq!(goal.objective, "increase members at the “member” stage");
    assert_eq!(goal.status, GoalStatus::Draft);
}

#[test]
fn a_goal_from_a_curve_gap_reads_the_stage_snapshots_as_its_trend() {
    let (mut plan, objective, _) = plan_with_goal();
    let t = today();
    let seed = GoalSeed {
        title: "Grow “Member” from 120 to 300 members".into(),
        metric: "Members at the “Member” stage".into(),
        unit: "members".into(),
        baseline: 120.0,
        target: 300.0,
        deadline: Some(d(2026, 6, 30)),
        stage_id: "s2".into(),
        touch_point_id: None,
        history: vec![
            (t - chrono::Days::new(60), 90.0),
            (t - chrono::Days::new(30), 105.0),
        ],
    };
    let id = add_goal_from_curve(&mut plan, &seed, Some(&objective), t).unwrap();
    let goal = plan.goals.goal(&id).unwrap();
    assert_eq!(goal.baseline, Some(90.0));
    assert_eq!(goal.baseline_date, Some(t - chrono::Days::new(60)));
    let values: Vec<f64> = goal.check_ins.iter().map(|c| c.value).collect();
    assert_eq!(values, [105.0, 120.0]);
    assert_eq!(goal.check_ins[1].date, t);
    let pace = crate::core::goals::smart::pace(goal, t).unwrap();
    assert!(pace.observed_per_month.unwrap() > 0.0);
}

#[test]
fn editing_a_milestone_keeps_milestones_in_date_order() {
    let (mut plan, _, goal) = plan_with_goal();
    let first = add_milestone(&mut plan, &goal, d(2026, 4, 1), 10.0).unwrap();
    let second = add_milestone(&mut plan, &goal, d(2026, 5, 1), 20.0).unwrap();
    edit_milestone(
        &mut plan.goals,
        &goal,
        &first,
        Some(d(2026, 6, 1)),
        Some(30.0),
        Some("late"),
    )
    .unwrap();
    let ms = &plan.goals.goal(&goal).unwrap().milestones;
    assert_eq!(ms[0].id, second);
    assert_eq!((ms[1].value, ms[1].note.as_str()), (30.0, "late"));
    assert_eq!(
        edit_milestone(&mut plan.goals, &goal, &first, None, Some(f64::NAN), None),
        Err(GoalError::NotANumber)
    );
    assert_eq!(
        edit_milestone(&mut plan.goals, &goal, "m99", None, None, None),
        Err(GoalError::NoSuchMilestone("m99".into()))
    );
}
