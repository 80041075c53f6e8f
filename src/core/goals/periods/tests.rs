use super::close::PeriodError;
use super::*;
use crate::core::goals::fixtures::{d, plain_goal};
use crate::core::goals::{CheckIn, Direction, Milestone};
use crate::core::plan::Plan;

/// The first day of the Q3 2026 period the tests close.
const Q3: NaiveDate = match NaiveDate::from_ymd_opt(2026, 7, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

fn check_in(date: NaiveDate, value: f64) -> CheckIn {
    CheckIn {
        id: format!("c{date}").into(),
        date,
        value,
        ..CheckIn::default()
    }
}

/// Two goals (120 → 180 contributors; 40 → 20 hours to first response), a Q3 2026 period.
fn plan() -> Plan {
    let mut plan = Plan::new("plan-1", "Program");
    let mut grow = plain_goal();
    grow.objective_id = None;
    grow.check_ins = vec![check_in(d(2026, 9, 1), 150.0)];
    grow.milestones = vec![Milestone {
        id: "m1".into(),
        date: d(2026, 8, 1),
        value: 140.0,
        note: String::new(),
        extra: Default::default(),
    }];
    let mut cut = plain_goal();
    cut.id = "g2".into();
    cut.objective_id = None;
    cut.title = "Answer faster".into();
    cut.metric.direction = Direction::Decrease;
    cut.metric.unit = "hours".into();
    cut.baseline = Some(40.0);
    cut.target = Some(20.0);
    cut.check_ins = vec![check_in(d(2026, 9, 20), 25.0)];
    cut.key_players
        .iter_mut()
        .for_each(|p| p.id = format!("{}b", p.id).into());
    cut.steps.iter_mut().for_each(|s| {
        s.id = format!("{}b", s.id).into();
        s.owner_id = s.owner_id.take().map(|o| format!("{o}b").into());
    });
    plan.goals.goals = vec![grow, cut];
    plan.next_id = 100;
    start_period(&mut plan, &quarter(d(2026, 7, 1))).unwrap();
    plan
}

fn quarter(start: NaiveDate) -> NewPeriod {
    NewPeriod {
        kind: PeriodKind::Quarter,
        start,
        end: None,
        name: String::new(),
    }
}

fn decide(goal: &str, outcome: Outcome) -> Decision {
    Decision {
        goal: goal.into(),
        adjusted: None,
        reason: String::new(),
        outcome,
    }
}

fn request(decisions: Vec<Decision>) -> CloseRequest {
    CloseRequest {
        closed_on: d(2026, 10, 2),
        what_worked: "Office hours".into(),
        what_did_not: "The newsletter".into(),
        decisions,
        next: quarter(d(2026, 10, 1)),
    }
}

#[test]
fn an_increase_goal_scores_its_share_of_the_way() {
    let goal = plan().goals.goals[0].clone();
    assert_eq!(score(&goal, Q3, d(2026, 9, 30)), Score::Scored(50.0));
}

#[test]
fn a_decrease_goal_scores_in_its_direction() {
    let goal = plan().goals.goals[1].clone();
    // 40 → 25 of 40 → 20 is three quarters of the way.
    assert_eq!(score(&goal, Q3, d(2026, 9, 30)), Score::Scored(75.0));
}

#[test]
fn scores_are_clamped_to_0_and_100() {
    let mut goal = plan().goals.goals[1].clone();
    goal.check_ins = vec![check_in(d(2026, 9, 1), 50.0)];
    assert_eq!(score(&goal, Q3, d(2026, 9, 30)), Score::Scored(0.0));
    goal.check_ins = vec![check_in(d(2026, 9, 1), 5.0)];
    assert_eq!(score(&goal, Q3, d(2026, 9, 30)), Score::Scored(100.0));
}

#[test]
fn missing_data_is_not_scored_rather_than_zero() {
    let mut goal = plan().goals.goals[0].clone();
    // A check-in after the period's end does not count for it.
    assert_eq!(
        score(&goal, Q3, d(2026, 8, 31)),
        Score::NotScored(NotScored::NoCheckIn)
    );
    assert_eq!(
        Score::NotScored(NotScored::NoCheckIn).text(),
        "not scored: no check-in"
    );
    goal.baseline = None;
    assert_eq!(
        score(&goal, Q3, d(2026, 9, 30)),
        Score::NotScored(NotScored::NoBaseline)
    );
    goal.baseline = Some(200.0);
    assert_eq!(
        score(&goal, Q3, d(2026, 9, 30)),
        Score::NotScored(NotScored::TargetNotAhead)
    );
    goal.target = None;
    assert_eq!(
        score(&goal, Q3, d(2026, 9, 30)),
        Score::NotScored(NotScored::NoTarget)
    );
}

#[test]
fn keep_goals_score_the_share_of_the_periods_check_ins_that_held_the_line() {
    let mut goal = plan().goals.goals[0].clone();
    goal.metric.direction = Direction::KeepBelow;
    goal.target = Some(160.0);
    assert_eq!(score(&goal, Q3, d(2026, 9, 30)), Score::Scored(100.0));
    goal.target = Some(140.0);
    assert_eq!(score(&goal, Q3, d(2026, 9, 30)), Score::Scored(0.0));
    // Three of four check-ins held: 75%, whichever came last. One before the period does
    // not count.
    goal.check_ins = vec![
        check_in(d(2026, 6, 1), 200.0),
        check_in(d(2026, 7, 1), 130.0),
        check_in(d(2026, 8, 1), 150.0),
        check_in(d(2026, 9, 1), 120.0),
        check_in(d(2026, 9, 30), 139.0),
    ];
    assert_eq!(score(&goal, Q3, d(2026, 9, 30)), Score::Scored(75.0));
    assert_eq!(
        held(&goal, Q3, d(2026, 9, 30)),
        Some(Held {
            held: 3,
            of: 4,
            ..Held::default()
        })
    );
    // The last one slipping does not make the period 0%.
    goal.check_ins[4].value = 141.0;
    assert_eq!(score(&goal, Q3, d(2026, 9, 30)), Score::Scored(50.0));
    // With no check-in of its own, the period is not scored for a keep goal.
    goal.check_ins.truncate(1);
    assert_eq!(
        score(&goal, Q3, d(2026, 9, 30)),
        Score::NotScored(NotScored::NoCheckInInPeriod)
    );
}

#[test]
fn quarters_and_halves_get_their_end_and_name() {
    let start = d(2026, 7, 1);
    let end = PeriodKind::Quarter.end_from(start).unwrap();
    assert_eq!(end, d(2026, 9, 30));
    assert_eq!(PeriodKind::Quarter.default_name(start, end), "Q3 2026");
    let half = PeriodKind::Half.end_from(start).unwrap();
    assert_eq!(half, d(2026, 12, 31));
    assert_eq!(PeriodKind::Half.default_name(start, half), "H2 2026");
    assert_eq!(
        PeriodKind::Quarter.default_name(d(2026, 7, 15), d(2026, 10, 14)),
        "15 Jul 2026 to 14 Oct 2026"
    );
    assert_eq!(
        PeriodKind::Quarter.current_start(d(2026, 12, 3)),
        d(2026, 10, 1)
    );
    assert_eq!(
        PeriodKind::Half.current_start(d(2026, 5, 31)),
        d(2026, 1, 1)
    );
    assert_eq!(
        PeriodKind::Custom.current_start(d(2026, 5, 31)),
        d(2026, 5, 31)
    );
    assert_eq!(PeriodKind::Custom.end_from(start), None);
}

#[test]
fn an_existing_plan_has_no_periods_and_round_trips_unchanged() {
    let text = r#"{"objectives":[],"goals":[{"id":"g1","title":"T"}]}"#;
    let book: GoalBook = serde_json::from_str(text).unwrap();
    assert!(book.periods.is_empty() && open_period(&book).is_none());
    assert!(in_open_period(&book, &book.goals[0]));
    let back = serde_json::to_value(&book).unwrap();
    assert!(back.get("periods").is_none());
    assert!(back["goals"][0].get("period_id").is_none());
}

#[test]
fn closing_scores_snapshots_and_carries_forward() {
    let mut plan = plan();
    let before_history = plan.goals.goals[0].check_ins.clone();
    let mut adjusted = decide("g2", Outcome::Finished);
    adjusted.adjusted = Some(90.0);
    adjusted.reason = " Survey closed late ".into();
    let next = close_period(
        &mut plan,
        &request(vec![decide("g1", Outcome::CarriedForward), adjusted]),
    )
    .unwrap();
    let book = &plan.goals;
    assert_eq!(book.periods.len(), 2);
    let closed = &book.periods[0];
    let closing = closed.closing.as_ref().unwrap();
    assert_eq!(closing.what_worked, "Office hours");
    assert_eq!(closing.results[0].computed, Score::Scored(50.0));
    // Baselines from January: the scores cover more than the quarter, and say so.
    assert_eq!(
        closing.results[1].score_text(),
        "90% (adjusted from 75% since baseline)"
    );
    assert_eq!(closing.results[1].reason, "Survey closed late");
    // The carried goal is the same goal, history and all, now in the next period.
    let next_period = open_period(book).unwrap();
    assert_eq!(next_period.id, next);
    assert_eq!(next_period.name, "Q4 2026");
    assert_eq!(book.goals[0].check_ins, before_history);
    assert_eq!(book.goals[0].milestones.len(), 1);
    assert!(in_open_period(book, &book.goals[0]));
    assert_eq!(carried_from(book, "g1")[0].0.id, closed.id);
    // The finished goal stays behind, missed at 90%.
    assert_eq!(book.goals[1].period_id.as_ref(), Some(&closed.id));
    assert_eq!(book.goals[1].status, GoalStatus::Missed);
    assert_eq!(open_goals(book).len(), 1);
    // Fresh ids stay unique.
    assert_ne!(next, closed.id);
    assert_eq!(crate::core::schema::check_plan(&plan), Ok(()));
}

#[test]
fn a_refused_close_changes_nothing() {
    let mut plan = plan();
    let before = plan.clone();
    let mut bad = decide("g2", Outcome::Finished);
    bad.adjusted = Some(80.0);
    let refused = close_period(
        &mut plan,
        &request(vec![decide("g1", Outcome::Finished), bad.clone()]),
    );
    assert_eq!(
        refused,
        Err(PeriodError::AdjustedWithoutReason("Answer faster".into()))
    );
    bad.adjusted = Some(120.0);
    bad.reason = "why".into();
    assert!(matches!(
        close_period(
            &mut plan,
            &request(vec![decide("g1", Outcome::Finished), bad])
        ),
        Err(PeriodError::ScoreOutOfRange(_))
    ));
    assert_eq!(
        close_period(&mut plan, &request(vec![decide("g1", Outcome::Finished)])),
        Err(PeriodError::NoDecision("Answer faster".into()))
    );
    let mut overlapping = request(vec![
        decide("g1", Outcome::Finished),
        decide("g2", Outcome::Finished),
    ]);
    overlapping.next.start = d(2026, 9, 1);
    assert!(matches!(
        close_period(&mut plan, &overlapping),
        Err(PeriodError::Overlaps { .. })
    ));
    assert_eq!(plan, before);
}

#[test]
fn a_goal_of_another_period_cannot_be_scored() {
    let mut plan = plan();
    close_period(
        &mut plan,
        &request(vec![
            decide("g1", Outcome::CarriedForward),
            decide("g2", Outcome::Finished),
        ]),
    )
    .unwrap();
    let mut next = request(vec![
        decide("g1", Outcome::Finished),
        decide("g2", Outcome::Finished),
    ]);
    next.next = quarter(d(2027, 1, 1));
    assert_eq!(
        close_period(&mut plan, &next),
        Err(PeriodError::GoalOfAnotherPeriod("Answer faster".into()))
    );
}

#[test]
fn only_one_period_is_open_at_a_time() {
    let mut plan = plan();
    assert!(matches!(
        start_period(&mut plan, &quarter(d(2026, 10, 1))),
        Err(PeriodError::AlreadyOpen(_))
    ));
}

#[test]
fn reopening_the_latest_closed_period_undoes_the_close() {
    let mut plan = plan();
    let before = plan.clone();
    close_period(
        &mut plan,
        &request(vec![
            decide("g1", Outcome::CarriedForward),
            decide("g2", Outcome::Finished),
        ]),
    )
    .unwrap();
    let closed = plan.goals.periods[0].id.clone();
    reopen_period(&mut plan, &closed).unwrap();
    let mut expected = before;
    expected.next_id = plan.next_id;
    assert_eq!(plan, expected);
}

#[test]
fn reopening_refuses_when_the_next_period_has_goals_of_its_own() {
    let mut plan = plan();
    close_period(
        &mut plan,
        &request(vec![
            decide("g1", Outcome::CarriedForward),
            decide("g2", Outcome::Finished),
        ]),
    )
    .unwrap();
    crate::core::goals::add_goal(&mut plan, None).unwrap();
    let closed = plan.goals.periods[0].id.clone();
    assert_eq!(
        reopen_period(&mut plan, &closed),
        Err(PeriodError::NextPeriodHasNewGoals("Q4 2026".into()))
    );
}

#[test]
fn the_report_and_a_citation_show_a_closed_period() {
    let mut plan = plan();
    let mut adjusted = decide("g1", Outcome::CarriedForward);
    adjusted.adjusted = Some(60.0);
    adjusted.reason = "Two *big* events moved".into();
    close_period(
        &mut plan,
        &request(vec![adjusted, decide("g2", Outcome::Finished)]),
    )
    .unwrap();
    let section = past_periods_markdown(&plan.goals);
    assert!(section.contains("## Past periods"), "{section}");
    assert!(
        section.contains("### Q3 2026 (1 July 2026 to 30 September 2026, closed 2 October 2026)")
    );
    assert!(
        section.contains(
            "60% (adjusted from 50% since baseline): Two \\*big\\* events moved · short of a \
             committed goal's 100% · carried forward"
        ),
        "{section}"
    );
    assert!(section.contains("**What worked:** Office hours"));
    let closed = plan.goals.periods[0].id.clone();
    let (statement, line) = period_citation(&plan.goals, &closed, "g2").unwrap();
    assert!(statement.contains("20"), "{statement}");
    assert_eq!(
        line,
        "Q3 2026 (closed 2 October 2026): scored 75% since baseline · short of a committed \
         goal's 100%; latest check-in 25 hours on 20 September 2026"
    );
    assert!(period_citation(&plan.goals, &plan.goals.periods[1].id.clone(), "g1").is_none());
    assert_eq!(
        period_note(&plan.goals, "g1").as_deref(),
        Some(
            "Carried forward from Q3 2026, where it scored 60% (adjusted from 50% since baseline)."
        )
    );
    assert_eq!(
        period_note(&plan.goals, "g2").as_deref(),
        Some(
            "Finished in Q3 2026 (closed), scored 75% since baseline: short of a committed \
             goal's 100%."
        )
    );
}

#[test]
fn the_rules_refuse_a_score_on_a_goal_of_another_period() {
    let mut plan = plan();
    close_period(
        &mut plan,
        &request(vec![
            decide("g1", Outcome::CarriedForward),
            decide("g2", Outcome::Finished),
        ]),
    )
    .unwrap();
    assert_eq!(check_periods(&plan.goals), Ok(()));
    let mut broken = plan.clone();
    broken.goals.goals[1].period_id = None;
    let found = check_periods(&broken.goals).unwrap_err();
    assert_eq!(found.path, "goals.periods[0].closing.results[1].goal");
    let mut broken = plan.clone();
    broken.goals.goals[0].period_id = Some(plan.goals.periods[0].id.clone());
    assert_eq!(
        check_periods(&broken.goals).unwrap_err().path,
        "goals.goals[0].period_id"
    );
    let mut broken = plan.clone();
    if let Some(c) = broken.goals.periods[0].closing.as_mut() {
        c.results[0].adjusted = Some(10.0);
    }
    assert_eq!(
        check_periods(&broken.goals).unwrap_err().path,
        "goals.periods[0].closing.results[0].reason"
    );
    let mut broken = plan;
    broken.goals.periods.swap(0, 1);
    assert!(check_periods(&broken.goals).is_err());
}

#[test]
fn undo_takes_a_whole_close_back_in_one_step() {
    use crate::core::history::{Grouping, History};
    let mut plan = plan();
    let mut history = History::new();
    history.record(plan.clone(), Grouping::Field("goal:g1:title"), 1.0);
    plan.goals.goals[0].title = "Grow contributors".into();
    let before_close = plan.clone();
    history.record(plan.clone(), Grouping::OwnStep, 2.0);
    close_period(
        &mut plan,
        &request(vec![
            decide("g1", Outcome::CarriedForward),
            decide("g2", Outcome::Finished),
        ]),
    )
    .unwrap();
    let undone = history.undo(&plan).unwrap();
    assert_eq!(undone, before_close);
    assert_eq!(history.redo(&undone), Some(plan));
}

// Issue 28, item 8.

fn close_both_finished(plan: &mut Plan) {
    close_period(
        plan,
        &request(vec![
            decide("g1", Outcome::Finished),
            decide("g2", Outcome::Finished),
        ]),
    )
    .unwrap();
}

#[test]
fn an_aspirational_goal_at_70_percent_is_achieved_a_committed_one_is_missed() {
    let mut plan = plan();
    // g2 scores 75%: missed when committed, achieved when aspirational (0.7 counts).
    plan.goals.goals[1].ambition = crate::core::goals::Ambition::Aspirational;
    close_both_finished(&mut plan);
    let book = &plan.goals;
    let results = &book.periods[0].closing.as_ref().unwrap().results;
    assert_eq!(book.goals[0].status, GoalStatus::Missed); // committed, 50%
    assert_eq!(book.goals[1].status, GoalStatus::Achieved); // aspirational, 75%
    assert_eq!(
        results[1].verdict_text().as_deref(),
        Some("a success for an aspirational goal (70% or more)")
    );
    assert_eq!(
        results[0].verdict_text().as_deref(),
        Some("short of a committed goal's 100%")
    );
    assert_eq!(crate::core::goals::ASPIRATIONAL_SUCCESS_PERCENT, 70.0);
    // Reopening puts both back as they were.
    let closed = book.periods[0].id.clone();
    reopen_period(&mut plan, &closed).unwrap();
    assert!(plan
        .goals
        .goals
        .iter()
        .all(|g| g.status == GoalStatus::Active));
}

#[test]
fn a_result_says_since_baseline_and_flags_a_period_without_a_check_in_of_its_own() {
    let mut plan = plan();
    // g1: baselined inside the quarter, so its score is the quarter's own.
    plan.goals.goals[0].baseline_date = Some(d(2026, 7, 1));
    // g2: its only check-in is from June, before the quarter.
    plan.goals.goals[1].check_ins = vec![check_in(d(2026, 6, 20), 25.0)];
    // The close form shows, before closing, the line closing will record.
    let preview = preview_line(&plan.goals, "g2").unwrap();
    close_both_finished(&mut plan);
    assert_eq!(
        preview,
        result_line(&plan.goals.periods[0].closing.as_ref().unwrap().results[1])
    );
    assert_eq!(preview_line(&plan.goals, "g2"), None);
    let results = &plan.goals.periods[0].closing.as_ref().unwrap().results;
    assert!(!results[0].since_baseline && !results[0].no_check_in_in_period);
    assert!(results[1].since_baseline && results[1].no_check_in_in_period);
    assert_eq!(
        result_line(&results[1]),
        "75% since baseline · short of a committed goal's 100% · no check-in in this period: \
         the score rests on an earlier one"
    );
}

#[test]
fn a_carried_goal_is_scored_since_baseline_in_the_next_period() {
    let mut plan = plan();
    plan.goals.goals[0].baseline_date = Some(d(2026, 7, 1));
    close_period(
        &mut plan,
        &request(vec![
            decide("g1", Outcome::CarriedForward),
            decide("g2", Outcome::Finished),
        ]),
    )
    .unwrap();
    let first = &plan.goals.periods[0].closing.as_ref().unwrap().results[0];
    assert!(!first.since_baseline);
    plan.goals.goals[0]
        .check_ins
        .push(check_in(d(2026, 11, 1), 170.0));
    let mut next = request(vec![decide("g1", Outcome::Finished)]);
    next.next = quarter(d(2027, 1, 1));
    close_period(&mut plan, &next).unwrap();
    let second = &plan.goals.periods[1].closing.as_ref().unwrap().results[0];
    assert!(second.since_baseline);
    assert!(
        second.score_text().starts_with("83% since baseline"),
        "{}",
        second.score_text()
    );
}

#[test]
fn closing_keeps_each_goals_last_confidence_and_rolls_goals_up_by_objective() {
    let mut plan = plan();
    plan.goals.objectives.push(crate::core::goals::Objective {
        id: "o1".into(),
        title: "Grow the community".into(),
        ..Default::default()
    });
    for g in &mut plan.goals.goals {
        g.objective_id = Some("o1".into());
    }
    plan.goals.goals[0].check_ins[0].confidence = Some(60);
    plan.goals.goals[0].check_ins.push(CheckIn {
        confidence: Some(90),
        ..check_in(d(2026, 10, 5), 170.0)
    });
    close_both_finished(&mut plan);
    let closing = plan.goals.periods[0].closing.as_ref().unwrap();
    // The confidence recorded by the period's end, not the one after it.
    assert_eq!(closing.results[0].confidence, Some(60));
    assert!(result_line(&closing.results[0]).contains("team confidence 60% at the last check-in"));
    let objectives = objective_scores(closing);
    assert_eq!(objectives.len(), 1);
    // The mean of 50% and 75%.
    assert_eq!(objectives[0].mean, Some(62.5));
    assert_eq!(
        objectives[0].line(),
        "Grow the community: 63% (the mean of 2 goals' scores)"
    );
    let report = past_periods_markdown(&plan.goals);
    assert!(
        report.contains(
            "**By objective:**\n\n- Grow the community: 63% (the mean of 2 goals' scores)"
        ),
        "{report}"
    );
}

/// `goals` goals, all finished in one closed quarter, each with its result.
fn closed_period_with(goals: usize) -> GoalBook {
    let period: crate::core::ids::PeriodId = "p1".into();
    let mut book = GoalBook::default();
    let mut results = Vec::with_capacity(goals);
    for n in 0..goals {
        let id: crate::core::goals::GoalId = format!("g{n}").into();
        book.goals.push(crate::core::goals::Goal {
            id: id.clone(),
            period_id: Some(period.clone()),
            ..Default::default()
        });
        results.push(GoalResult {
            goal: id,
            outcome: Outcome::Finished,
            ..GoalResult::default()
        });
    }
    book.periods.push(Period {
        id: period,
        start: d(2026, 1, 1),
        end: d(2026, 3, 31),
        closing: Some(Closing {
            closed_on: d(2026, 4, 1),
            results,
            ..Closing::default()
        }),
        ..Period::default()
    });
    book
}

/// How many times the period check of `book` reads an id (`ids::reads`): the count of its
/// work that does not depend on the machine.
fn id_reads_of_check(book: &GoalBook) -> u64 {
    let before = crate::core::ids::reads();
    assert_eq!(check_periods(book), Ok(()));
    crate::core::ids::reads() - before
}

#[test]
fn the_period_check_takes_work_in_proportion_to_the_plan() {
    // Goals finished in a closed period. Looking each result's goal up by walking the goals
    // (and each goal's result by walking the results) reads ids about n² times: 2 million for
    // 2,000 goals, four times that for twice the goals. With the ids indexed once, each goal
    // and each result is read a few times. Counted, not timed (the time is in the benchmark:
    // `bench_period_check`, README "Benchmark").
    let small = id_reads_of_check(&closed_period_with(2_000));
    let large = id_reads_of_check(&closed_period_with(4_000));
    assert!(small > 0, "the check reads the ids");
    assert!(
        large <= small * 2 + 16,
        "twice the goals took {large} id reads against {small}: more than twice the work"
    );
    assert!(
        large <= 8 * 4_000 * 2,
        "{large} id reads for 4,000 goals and their results: more than a few each"
    );
}

#[test]
fn the_count_of_id_reads_sees_a_lookup_by_walking_a_list() {
    // The yardstick of the test above: the quadratic lookup it would catch is counted so.
    let book = closed_period_with(2_000);
    let before = crate::core::ids::reads();
    let results = book.periods[0]
        .closing
        .as_ref()
        .map_or(&[][..], |c| &c.results[..]);
    for result in results {
        assert!(book.goals.iter().any(|g| g.id == result.goal));
    }
    assert!(crate::core::ids::reads() - before > 1_000_000);
}

#[test]
fn the_period_check_still_finds_a_goal_finished_in_another_period() {
    let mut book = closed_period_with(3);
    book.goals[1].period_id = Some("p9".into());
    assert_eq!(
        check_periods(&book).map_err(|p| p.path),
        Err("goals.periods[0].closing.results[1].goal".into())
    );
    let mut book = closed_period_with(3);
    book.periods[0].closing.as_mut().unwrap().results.remove(2);
    assert_eq!(
        check_periods(&book).map_err(|p| p.path),
        Err("goals.goals[2].period_id".into())
    );
}
