use chrono::NaiveDate;

use super::*;
use crate::core::curve::{Curve, DataPoint, Stage, TouchPoint};
use crate::core::goals::{CheckIn, Direction, Goal, GoalStatus, Metric};
use crate::core::plan::Plan;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn goal(baseline: Option<f64>, target: Option<f64>) -> Goal {
    Goal {
        id: "g1".into(),
        title: "Answer questions".into(),
        metric: Metric {
            name: "questions answered by members".into(),
            unit: "questions".into(),
            ..Metric::default()
        },
        baseline,
        target,
        ..Goal::default()
    }
}

fn ticket(low: f64, expected: f64, high: f64) -> Assumption {
    Assumption {
        label: "Cost of a support ticket".into(),
        unit: "USD per ticket".into(),
        low: Some(low),
        expected: Some(expected),
        high: Some(high),
        middle_is_mean: false,
        source: "Support budget 2026".into(),
        date: Some(day(2026, 3, 1)),
        extra: Default::default(),
    }
}

fn model(driver: Driver, assumptions: Vec<Assumption>) -> ValueModel {
    ValueModel {
        driver,
        assumptions,
        unit: "USD".into(),
        example: None,
        extra: Default::default(),
    }
}

fn curve(members: u64, current: Option<f64>, target: Option<f64>) -> Curve {
    Curve {
        stages: vec![
            Stage {
                id: "s1".into(),
                name: "Visitors".into(),
                members_now: members,
                ..Stage::default()
            },
            Stage {
                id: "s2".into(),
                name: "Members".into(),
                ..Stage::default()
            },
        ],
        touch_points: vec![TouchPoint {
            id: "t1".into(),
            name: "Sign-up page".into(),
            from_stage_id: "s1".into(),
            to_stage_id: "s2".into(),
            data_point: DataPoint {
                metric: "sign-ups".into(),
                current_conversion_pct: current,
                target_conversion_pct: target,
                ..DataPoint::default()
            },
            ..TouchPoint::default()
        }],
        ..Curve::default()
    }
}

fn goal_driver(driver: Driver, g: &Goal) -> Result<f64, ValueProblem> {
    driver_value(driver, Subject::Goal(g)).map(|d| d.quantity)
}

fn tp_driver(driver: Driver, c: &Curve) -> Result<DriverValue, ValueProblem> {
    driver_value(driver, Subject::TouchPoint(c, &c.touch_points[0]))
}

fn check_in(date: NaiveDate, value: f64) -> CheckIn {
    CheckIn {
        date,
        value,
        ..CheckIn::default()
    }
}

// Drivers of a goal.

#[test]
fn a_goal_driver_is_its_target_or_its_gain() {
    let g = goal(Some(30.0), Some(150.0));
    assert_eq!(goal_driver(Driver::Target, &g), Ok(150.0));
    assert_eq!(goal_driver(Driver::GainToTarget, &g), Ok(120.0));
    let d = driver_value(Driver::GainToTarget, Subject::Goal(&g)).unwrap();
    assert_eq!(d.working, "target 150 − baseline 30 = 120 questions");
    assert_eq!(d.unit, "questions");
}

#[test]
fn a_decrease_gains_from_baseline_down_to_target() {
    let mut g = goal(Some(48.0), Some(24.0));
    g.metric.direction = Direction::Decrease;
    assert_eq!(goal_driver(Driver::GainToTarget, &g), Ok(24.0));
    let d = driver_value(Driver::GainToTarget, Subject::Goal(&g)).unwrap();
    assert_eq!(d.working, "baseline 48 − target 24 = 24 questions");
}

#[test]
fn a_goal_that_holds_a_line_has_no_gain() {
    for direction in [Direction::KeepAbove, Direction::KeepBelow] {
        let mut g = goal(Some(10.0), Some(20.0));
        g.metric.direction = direction;
        assert_eq!(
            goal_driver(Driver::GainToTarget, &g),
            Err(ValueProblem::KeepHasNoGain)
        );
        assert_eq!(goal_driver(Driver::Target, &g), Ok(20.0));
    }
}

#[test]
fn the_latest_check_in_is_the_latest_by_date() {
    let mut g = goal(Some(30.0), Some(150.0));
    g.check_ins = vec![
        check_in(day(2026, 5, 1), 90.0),
        check_in(day(2026, 4, 1), 70.0),
    ];
    assert_eq!(goal_driver(Driver::Latest, &g), Ok(90.0));
    assert_eq!(goal_driver(Driver::GainSoFar, &g), Ok(60.0));
}

#[test]
fn a_missing_figure_of_the_goal_is_named() {
    let g = goal(None, None);
    assert_eq!(goal_driver(Driver::Target, &g), Err(ValueProblem::NoTarget));
    assert_eq!(
        goal_driver(Driver::Latest, &g),
        Err(ValueProblem::NoCheckIn)
    );
    let g = goal(None, Some(10.0));
    assert_eq!(
        goal_driver(Driver::GainToTarget, &g),
        Err(ValueProblem::NoBaseline)
    );
    assert_eq!(
        ValueProblem::NoBaseline.to_string(),
        "The goal has no baseline yet: set one, or choose another driver."
    );
}

#[test]
fn a_driver_of_zero_or_below_gives_no_value() {
    let g = goal(Some(150.0), Some(150.0));
    match goal_driver(Driver::GainToTarget, &g) {
        Err(ValueProblem::NoDriver { working }) => {
            assert_eq!(working, "target 150 − baseline 150 = 0 questions")
        }
        other => panic!("{other:?}"),
    }
    let g = goal(Some(200.0), Some(150.0));
    let problem = goal_driver(Driver::GainToTarget, &g).unwrap_err();
    assert_eq!(
        problem.to_string(),
        "The driver is target 150 − baseline 200 = -50 questions: a value needs a driver above zero."
    );
    assert!(matches!(
        goal_driver(Driver::Target, &goal(None, Some(0.0))),
        Err(ValueProblem::NoDriver { .. })
    ));
}

#[test]
fn a_driver_of_the_other_kind_is_refused() {
    let g = goal(Some(1.0), Some(2.0));
    assert_eq!(
        goal_driver(Driver::MovedNow, &g),
        Err(ValueProblem::WrongDriver {
            driver: Driver::MovedNow
        })
    );
    let c = curve(100, Some(5.0), None);
    assert_eq!(
        tp_driver(Driver::Target, &c),
        Err(ValueProblem::WrongDriver {
            driver: Driver::Target
        })
    );
}

// Drivers of a touch point.

#[test]
fn a_touch_point_moves_its_stage_members_at_its_conversion() {
    let c = curve(1200, Some(5.0), Some(8.0));
    let now = tp_driver(Driver::MovedNow, &c).unwrap();
    assert_eq!(now.quantity, 60.0);
    assert_eq!(
        now.working,
        "1,200 members of Visitors now × current conversion 5% = 60 members"
    );
    assert_eq!(tp_driver(Driver::MovedAtTarget, &c).unwrap().quantity, 96.0);
    let gain = tp_driver(Driver::MovedGain, &c).unwrap();
    assert!((gain.quantity - 36.0).abs() < 1e-9);
    assert!(gain.working.contains("(target 8% − current 5%)"));
}

#[test]
fn a_touch_point_without_a_conversion_or_members_gives_no_value() {
    let c = curve(1200, None, Some(8.0));
    assert_eq!(
        tp_driver(Driver::MovedNow, &c),
        Err(ValueProblem::NoConversion { which: "current" })
    );
    assert_eq!(
        tp_driver(Driver::MovedGain, &c),
        Err(ValueProblem::NoConversion { which: "current" })
    );
    let c = curve(1200, Some(-1.0), None);
    assert_eq!(
        tp_driver(Driver::MovedNow, &c),
        Err(ValueProblem::BadConversion { which: "current" })
    );
    let c = curve(0, Some(5.0), None);
    assert!(matches!(
        tp_driver(Driver::MovedNow, &c),
        Err(ValueProblem::NoDriver { .. })
    ));
    let mut c = curve(100, Some(5.0), None);
    c.stages.remove(0);
    assert_eq!(
        tp_driver(Driver::MovedNow, &c),
        Err(ValueProblem::StageGone)
    );
}

// The interval.

fn within(got: f64, exact: f64, share: f64) -> bool {
    (got - exact).abs() <= share * exact.abs()
}

#[test]
fn the_interval_is_a_simulation_not_the_product_of_the_lows_and_the_highs() {
    // The inputs that gave "6,000 to 48,000": every low times every low, every high times
    // every high. The chance of all of them at their ends together is nil.
    let g = goal(Some(30.0), Some(150.0));
    let hours = Assumption {
        label: "Hours saved".into(),
        unit: "hours".into(),
        low: Some(1.0),
        expected: Some(2.0),
        high: Some(4.0),
        ..Assumption::default()
    };
    let cost = Assumption {
        label: "Hourly cost".into(),
        low: Some(50.0),
        expected: Some(80.0),
        high: Some(100.0),
        ..Assumption::default()
    };
    let (driver, interval) = valuation(
        &model(Driver::GainToTarget, vec![hours, cost]),
        Subject::Goal(&g),
    )
    .unwrap();
    assert_eq!(driver.quantity, 120.0);
    // Worked out of Trellis by numerical integration of P(hours × cost ≤ z): the 5th
    // percentile is 12,065, the median 20,734 and the 95th percentile 33,293.
    assert!(within(interval.low, 12_065.0, 0.01), "{interval:?}");
    assert!(within(interval.median, 20_734.0, 0.01), "{interval:?}");
    assert!(within(interval.high, 33_293.0, 0.01), "{interval:?}");
    assert!(interval.low > 6_000.0 * 1.5 && interval.high < 48_000.0 * 0.75);
    // Seeded: the same figures give the same interval every time.
    let again = valuation(
        &model(
            Driver::GainToTarget,
            vec![
                Assumption {
                    label: "Hours saved".into(),
                    low: Some(1.0),
                    expected: Some(2.0),
                    high: Some(4.0),
                    ..Assumption::default()
                },
                Assumption {
                    label: "Hourly cost".into(),
                    low: Some(50.0),
                    expected: Some(80.0),
                    high: Some(100.0),
                    ..Assumption::default()
                },
            ],
        ),
        Subject::Goal(&g),
    )
    .unwrap()
    .1;
    assert_eq!(again, interval);
}

#[test]
fn one_assumption_gives_the_triangles_own_percentiles() {
    // Worked by hand: 120 × triangle(60, 100, 150). F(100) = 40/90.
    // 5th percentile: 60 + √(0.05 × 90 × 40) = 73.42 → × 120 = 8,810.
    // Median: 150 − √(0.5 × 90 × 50) = 102.57 → × 120 = 12,308.
    // 95th: 150 − √(0.05 × 90 × 50) = 135 → × 120 = 16,200.
    let g = goal(Some(30.0), Some(150.0));
    let (_, interval) = valuation(
        &model(Driver::GainToTarget, vec![ticket(60.0, 100.0, 150.0)]),
        Subject::Goal(&g),
    )
    .unwrap();
    assert!(within(interval.low, 8_810.0, 0.01), "{interval:?}");
    assert!(within(interval.median, 12_308.0, 0.01), "{interval:?}");
    assert!(within(interval.high, 16_200.0, 0.01), "{interval:?}");
}

#[test]
fn a_middle_figure_marked_as_a_mean_moves_the_peak_to_give_that_mean() {
    let g = goal(None, Some(120.0));
    let mut mean = ticket(60.0, 100.0, 150.0);
    mean.middle_is_mean = true;
    let (_, as_mean) = valuation(
        &model(Driver::Target, vec![mean.clone()]),
        Subject::Goal(&g),
    )
    .unwrap();
    let (_, as_mode) = valuation(
        &model(Driver::Target, vec![ticket(60.0, 100.0, 150.0)]),
        Subject::Goal(&g),
    )
    .unwrap();
    // A mean of 100 over 60–150 peaks at 90: a lower median than a peak at 100.
    assert!(as_mean.median < as_mode.median, "{as_mean:?} {as_mode:?}");
    assert!(assumption_text(&mean, 0, day(2026, 6, 1)).contains("low 60, mean 100, high 150"));
    mean.expected = Some(130.0);
    let found = valuation(&model(Driver::Target, vec![mean]), Subject::Goal(&g)).unwrap_err();
    assert_eq!(
        found,
        vec![ValueProblem::MeanOutOfReach {
            label: "Cost of a support ticket".into(),
            lowest: 90.0,
            highest: 120.0
        }]
    );
    assert_eq!(
        found[0].to_string(),
        "The mean of “Cost of a support ticket” is out of reach of its low and high figures: a \
         three-point estimate over them has a mean from 90 to 120. Widen the low or high \
         figure, or enter the most likely figure instead of the mean."
    );
}

#[test]
fn a_percentage_counts_as_its_hundredth() {
    let g = goal(None, Some(1000.0));
    let rate = Assumption {
        label: "Activation rate".into(),
        unit: "%".into(),
        low: Some(20.0),
        expected: Some(30.0),
        high: Some(40.0),
        ..Assumption::default()
    };
    let (_, percent) = valuation(
        &model(Driver::Target, vec![rate, ticket(5.0, 10.0, 20.0)]),
        Subject::Goal(&g),
    )
    .unwrap();
    let share = Assumption {
        label: "Activation rate".into(),
        low: Some(0.2),
        expected: Some(0.3),
        high: Some(0.4),
        ..Assumption::default()
    };
    let (_, shared) = valuation(
        &model(Driver::Target, vec![share, ticket(5.0, 10.0, 20.0)]),
        Subject::Goal(&g),
    )
    .unwrap();
    assert!(
        within(percent.median, shared.median, 1e-9),
        "{percent:?} {shared:?}"
    );
    assert!(
        percent.high < 8_000.0 && percent.low > 1_000.0,
        "{percent:?}"
    );
}

#[test]
fn a_zero_low_is_allowed_and_all_zero_is_not() {
    let g = goal(None, Some(10.0));
    let (_, interval) = valuation(
        &model(Driver::Target, vec![ticket(0.0, 5.0, 9.0)]),
        Subject::Goal(&g),
    )
    .unwrap();
    assert!(interval.low > 0.0 && interval.low < interval.median && interval.high < 90.0);
    assert_eq!(
        problems(vec![ticket(0.0, 0.0, 0.0)]),
        vec![ValueProblem::AllZero {
            label: "Cost of a support ticket".into()
        }]
    );
}

// A goal whose metric is a percentage.

fn share_goal() -> Goal {
    let mut g = goal(Some(40.0), Some(60.0));
    g.metric = Metric {
        name: "answers from community members".into(),
        unit: "%".into(),
        window: crate::core::goals::Window::Month,
        ..Metric::default()
    };
    g
}

#[test]
fn a_percentage_metric_drives_as_a_share_not_a_hundred_times_more() {
    let g = share_goal();
    let target = driver_value(Driver::Target, Subject::Goal(&g)).unwrap();
    assert_eq!(target.quantity, 0.6);
    assert_eq!(
        target.working,
        "target 60% = 0.6 (a share: the assumptions must include the count it is a share of)"
    );
    let gain = driver_value(Driver::GainToTarget, Subject::Goal(&g)).unwrap();
    assert!((gain.quantity - 0.2).abs() < 1e-12);
    assert!(gain
        .working
        .starts_with("target 60% − baseline 40% = 20 points = 0.2 (a share"));
    let questions = Assumption {
        label: "Questions asked".into(),
        unit: "questions per month".into(),
        low: Some(500.0),
        expected: Some(500.0),
        high: Some(500.0),
        ..Assumption::default()
    };
    let (_, interval) =
        valuation(&model(Driver::Target, vec![questions]), Subject::Goal(&g)).unwrap();
    // 60% of 500 questions: 300, not 30,000.
    assert!(within(interval.median, 300.0, 1e-9), "{interval:?}");
}

#[test]
fn the_metrics_window_carries_into_the_values_unit() {
    let mut g = goal(Some(30.0), Some(150.0));
    g.metric.window = crate::core::goals::Window::Month;
    g.metric.totalling = crate::core::goals::Totalling::Rate;
    let text = value_summary(
        &model(Driver::GainToTarget, vec![ticket(60.0, 100.0, 150.0)]),
        Subject::Goal(&g),
    );
    assert!(
        text.contains("USD per month: target 150 − baseline 30 = 120 questions per month × "),
        "{text}"
    );
    // A running total has no window: the value is a total.
    g.metric.totalling = crate::core::goals::Totalling::RunningTotal;
    let total = driver_value(Driver::Target, Subject::Goal(&g)).unwrap();
    assert_eq!((total.per, total.unit.as_str()), (None, "questions"));
}

fn problems(assumptions: Vec<Assumption>) -> Vec<ValueProblem> {
    let g = goal(None, Some(10.0));
    valuation(&model(Driver::Target, assumptions), Subject::Goal(&g)).unwrap_err()
}

#[test]
fn no_assumptions_no_value() {
    assert_eq!(problems(Vec::new()), vec![ValueProblem::NoAssumptions]);
}

#[test]
fn every_missing_figure_and_the_label_are_named() {
    let found = problems(vec![Assumption::default()]);
    assert_eq!(
        found,
        vec![
            ValueProblem::Unlabelled { index: 0 },
            ValueProblem::Missing {
                label: "assumption 1".into(),
                figure: "low"
            },
            ValueProblem::Missing {
                label: "assumption 1".into(),
                figure: "most likely"
            },
            ValueProblem::Missing {
                label: "assumption 1".into(),
                figure: "high"
            },
        ]
    );
    assert_eq!(
        found[2].to_string(),
        "Enter the most likely figure of “assumption 1”."
    );
}

#[test]
fn negative_and_unordered_figures_are_refused() {
    assert_eq!(
        problems(vec![ticket(-1.0, 5.0, 9.0)]),
        vec![ValueProblem::Negative {
            label: "Cost of a support ticket".into(),
            figure: "low"
        }]
    );
    let unordered = vec![ValueProblem::OutOfOrder {
        label: "Cost of a support ticket".into(),
        middle: "most likely",
    }];
    assert_eq!(problems(vec![ticket(10.0, 5.0, 9.0)]), unordered);
    assert_eq!(problems(vec![ticket(1.0, 5.0, 4.0)]), unordered);
    assert_eq!(
        unordered[0].to_string(),
        "The figures of “Cost of a support ticket” are out of order: low must not exceed most \
         likely, nor most likely exceed high."
    );
    // A most likely figure of 0 is a possible estimate (low 0 too); the draws still vary.
    let g = goal(None, Some(10.0));
    let zero_peak = model(Driver::Target, vec![ticket(0.0, 0.0, 9.0)]);
    assert!(valuation(&zero_peak, Subject::Goal(&g)).is_ok());
}

#[test]
fn a_figure_that_is_not_a_number_is_named_never_shown() {
    let mut a = ticket(1.0, 2.0, 3.0);
    a.high = Some(f64::NAN);
    a.low = Some(f64::INFINITY);
    let found = problems(vec![a.clone()]);
    assert_eq!(found.len(), 2);
    assert_eq!(
        found[1].to_string(),
        "The high figure of “Cost of a support ticket” is not a number."
    );
    let text = value_summary(
        &model(Driver::Target, vec![a]),
        Subject::Goal(&goal(None, Some(10.0))),
    );
    assert!(!text.contains("NaN") && !text.contains("inf"), "{text}");
}

#[test]
fn a_value_too_large_to_check_is_refused() {
    let g = goal(None, Some(1e10));
    assert_eq!(
        valuation(
            &model(Driver::Target, vec![ticket(1e6, 1e6, 1e6)]),
            Subject::Goal(&g)
        ),
        Err(vec![ValueProblem::TooLarge])
    );
}

#[test]
fn driver_problems_come_first_with_the_assumptions_problems() {
    let g = goal(None, None);
    let found = valuation(
        &model(Driver::Target, vec![ticket(-1.0, 1.0, 2.0)]),
        Subject::Goal(&g),
    )
    .unwrap_err();
    assert_eq!(found[0], ValueProblem::NoTarget);
    assert_eq!(found.len(), 2);
}

// Wording.

#[test]
fn a_value_reads_as_a_stated_interval_with_what_it_multiplies() {
    let g = goal(Some(30.0), Some(150.0));
    let text = value_summary(
        &model(Driver::GainToTarget, vec![ticket(60.0, 100.0, 150.0)]),
        Subject::Goal(&g),
    );
    assert_eq!(
        text,
        "90% of simulated outcomes between 8,810 and 16,200 USD; median 12,300 USD: target 150 \
         − baseline 30 = 120 questions × cost of a support ticket."
    );
    assert!(
        !text.contains("Expected") && !text.contains("range"),
        "{text}"
    );
    assert!(method_text().starts_with("Method: a simulation of 10,000 draws with a fixed seed"));
}

#[test]
fn without_assumptions_no_value_is_shown() {
    let g = goal(Some(30.0), Some(150.0));
    let mut blank = model(Driver::Target, vec![Assumption::default()]);
    blank.assumptions[0].label = "Cost of a support ticket".into();
    let text = value_summary(&blank, Subject::Goal(&g));
    assert!(
        text.starts_with("No value shown until you enter your assumptions. Enter the low figure of “Cost of a support ticket”."),
        "{text}"
    );
    assert!(!text.chars().any(|c| c.is_ascii_digit()), "{text}");
}

#[test]
fn an_assumption_reads_with_its_figures_source_and_date() {
    let today = day(2026, 6, 1);
    assert_eq!(
        assumption_text(&ticket(60.0, 100.0, 150.0), 0, today),
        "Cost of a support ticket: low 60, most likely 100, high 150 USD per ticket. Source: \
         Support budget 2026. Dated 1 March 2026."
    );
    let bare = Assumption {
        unit: "%".into(),
        low: Some(20.0),
        expected: Some(30.0),
        ..Assumption::default()
    };
    assert_eq!(
        assumption_text(&bare, 1, today),
        "Assumption 2: low 20, most likely 30, high ?% (× 0.3 most likely). No source given. \
         Undated."
    );
}

#[test]
fn an_assumption_older_than_a_year_is_flagged() {
    let a = ticket(1.0, 2.0, 3.0);
    assert_eq!(stale_note(&a, day(2027, 3, 1)), None);
    let note = stale_note(&a, day(2027, 3, 2)).unwrap();
    assert!(note.starts_with("Dated 366 days ago"), "{note}");
    assert!(note.contains("rule of thumb"));
    assert!(assumption_text(&a, 0, day(2027, 3, 2)).ends_with(&note));
    assert_eq!(stale_note(&Assumption::default(), day(2030, 1, 1)), None);
}

#[test]
fn amounts_group_thousands() {
    assert_eq!(format_amount(1234567.4), "1,234,567");
    assert_eq!(format_amount(1000.0), "1,000");
    assert_eq!(format_amount(999.456), "999.46");
    assert_eq!(format_amount(-25000.0), "-25,000");
    assert_eq!(format_amount(f64::NAN), "?");
}

// The catalog's examples.

#[test]
fn examples_are_shapes_without_figures() {
    let all = examples();
    assert_eq!(all.len(), 3);
    for e in all {
        assert!(e.label().starts_with("Example: "));
        for owner in [OwnerKind::Goal, OwnerKind::TouchPoint] {
            let m = e.model(owner);
            assert!(Driver::choices(owner).contains(&m.driver));
            assert_eq!(m.example.as_deref(), Some(e.key));
            assert!(!m.assumptions.is_empty());
            for a in &m.assumptions {
                assert!(!a.label.is_empty());
                assert_eq!(
                    (a.low, a.expected, a.high, a.date),
                    (None, None, None, None)
                );
                assert!(a.source.is_empty());
            }
        }
    }
    let names: Vec<&str> = all.iter().map(|e| e.name).collect();
    assert!(names[0].contains("cost of a support ticket"));
    assert!(names[1].contains("engineering hours saved"));
    assert!(names[2].contains("activation rate"));
    // Started from an example, a model shows no value until the figures are entered.
    let g = goal(Some(1.0), Some(100.0));
    assert!(
        value_summary(&all[0].model(OwnerKind::Goal), Subject::Goal(&g)).starts_with(NO_VALUE_YET)
    );
}

#[test]
fn support_deflection_counts_only_the_questions_that_would_have_become_tickets() {
    let e = example("support-deflection").unwrap();
    assert_eq!(
        e.label(),
        "Example: gain in questions answered by members × share that would otherwise have \
         become support tickets × cost of a support ticket"
    );
    let m = e.model(OwnerKind::Goal);
    // The gain over the baseline, not the target: the baseline's answers came without the work.
    assert_eq!(m.driver, Driver::GainToTarget);
    assert_eq!(e.model(OwnerKind::TouchPoint).driver, Driver::MovedGain);
    let units: Vec<(&str, &str)> = m
        .assumptions
        .iter()
        .map(|a| (a.label.as_str(), a.unit.as_str()))
        .collect();
    assert_eq!(
        units,
        [
            (
                "Share of those questions that would otherwise have become support tickets",
                "%"
            ),
            ("Cost of a support ticket", "USD per ticket")
        ]
    );
    // 120 more questions answered by members, of which 20–40% (most likely 30%) would have
    // been tickets at 60–150 USD: far below 120 × the ticket cost.
    let mut filled = m.clone();
    for (a, (low, mid, high)) in filled
        .assumptions
        .iter_mut()
        .zip([(20.0, 30.0, 40.0), (60.0, 100.0, 150.0)])
    {
        (a.low, a.expected, a.high) = (Some(low), Some(mid), Some(high));
    }
    let g = goal(Some(30.0), Some(150.0));
    let (_, with_share) = valuation(&filled, Subject::Goal(&g)).unwrap();
    let (_, plain) = valuation(
        &model(Driver::GainToTarget, vec![ticket(60.0, 100.0, 150.0)]),
        Subject::Goal(&g),
    )
    .unwrap();
    assert!(
        with_share.median < plain.median * 0.4,
        "{with_share:?} {plain:?}"
    );
}

#[test]
fn drivers_round_trip_through_their_keys() {
    for d in Driver::FOR_GOAL.iter().chain(&Driver::FOR_TOUCH_POINT) {
        assert_eq!(Driver::from_key(d.key()), Some(*d));
        let json = serde_json::to_string(d).unwrap();
        assert_eq!(json, format!("\"{}\"", d.key()));
    }
    assert_eq!(Driver::from_key("bogus"), None);
}

// Storage.

#[test]
fn a_goal_without_a_model_stores_no_value_field() {
    let g = goal(Some(1.0), Some(2.0));
    let json = serde_json::to_value(&g).unwrap();
    assert!(json.get("value").is_none());
    let tp = &curve(1, None, None).touch_points[0];
    assert!(serde_json::to_value(tp).unwrap().get("value").is_none());
}

#[test]
fn a_model_round_trips() {
    let mut g = goal(Some(1.0), Some(2.0));
    g.value = Some(model(Driver::GainToTarget, vec![ticket(1.0, 2.0, 3.0)]));
    let json = serde_json::to_string(&g).unwrap();
    let back: Goal = serde_json::from_str(&json).unwrap();
    assert_eq!(back, g);
    // A model written without some fields reads with their defaults.
    let partial: ValueModel = serde_json::from_str(r#"{"assumptions":[{"label":"x"}]}"#).unwrap();
    assert_eq!(partial.driver, Driver::Target);
    assert_eq!(partial.assumptions[0].low, None);
}

// Where values are shown.

fn plan_with_values() -> Plan {
    let mut plan = Plan::new("p", "Plan");
    plan.curve = curve(1200, Some(5.0), None);
    plan.curve.touch_points[0].value = Some(model(
        Driver::MovedNow,
        vec![Assumption {
            label: "Value of an active account".into(),
            unit: "USD per account".into(),
            low: Some(10.0),
            expected: Some(20.0),
            high: Some(30.0),
            ..Assumption::default()
        }],
    ));
    let mut g = goal(Some(30.0), Some(150.0));
    g.value = Some(model(
        Driver::GainToTarget,
        vec![ticket(60.0, 100.0, 150.0)],
    ));
    let mut dropped = goal(None, Some(5.0));
    dropped.id = "g2".into();
    dropped.title = "Dropped goal".into();
    dropped.status = GoalStatus::Dropped;
    dropped.value = g.value.clone();
    plan.goals.goals = vec![g, dropped];
    plan
}

#[test]
fn the_goals_report_shows_the_value_with_its_assumptions() {
    let plan = plan_with_values();
    let report = crate::core::goals::goals_report_markdown(&plan, day(2026, 6, 1));
    assert!(
        report.contains(
            "- **Value:** 90% of simulated outcomes between 8,810 and 16,200 USD; median 12,300 \
             USD"
        ),
        "{report}"
    );
    assert!(report.contains("  - Driver: the gain from baseline to target"));
    assert!(report.contains("  - Cost of a support ticket: low 60, most likely 100, high 150 USD per ticket. Source: Support budget 2026. Dated 1 March 2026."));
    assert!(report.contains("  - Method: a simulation of 10,000 draws with a fixed seed"));
}

#[test]
fn the_plan_value_lists_work_not_dropped_and_the_brief_shows_it() {
    let plan = plan_with_values();
    let value = plan_value(&plan, day(2026, 6, 1));
    let titles: Vec<&str> = value.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles, ["Answer questions", "Sign-up page"]);
    let md = plan_value_markdown(&value);
    assert!(md.starts_with("## What the work in this plan is worth\n"));
    assert!(md.contains("**Sign-up page** (touch point)"));
    assert!(
        md.contains("90% of simulated outcomes between 790 and 1,610 USD; median 1,200 USD"),
        "{md}"
    );
    assert!(md.contains("not added up"));
    assert_eq!(plan_value_markdown(&PlanValue::default()), "");
}

#[test]
fn the_brief_includes_the_plan_value_when_given() {
    use crate::core::career::brief::{evidence_brief, BriefRequest};
    let mut plan = plan_with_values();
    crate::core::career::sample::sample(&mut plan);
    let level_id = plan.career.tracks[0].levels[0].id.to_string();
    let mut request = BriefRequest {
        level_id,
        ..BriefRequest::default()
    };
    let without = evidence_brief(&plan.career, &request, &|_| None);
    assert!(!without.contains("What the work in this plan is worth"));
    request.value = Some(plan_value(&plan, day(2026, 6, 1)));
    let with = evidence_brief(&plan.career, &request, &|_| None);
    assert!(with.contains("## What the work in this plan is worth"));
    assert!(with.contains("median 12,300 USD"));
    assert!(with.contains("Method: a simulation of 10,000 draws"));
}

#[test]
fn a_model_is_found_edited_and_summarised_where_it_sits() {
    let mut plan = plan_with_values();
    let summary = summary_in(&plan, OwnerKind::TouchPoint, "t1").unwrap();
    assert!(
        summary.starts_with("90% of simulated outcomes between 790 and 1,610 USD"),
        "{summary}"
    );
    assert!(summary_in(&plan, OwnerKind::Goal, "g1")
        .unwrap()
        .contains("median 12,300 USD"));
    assert_eq!(summary_in(&plan, OwnerKind::Goal, "t1"), None);
    *model_slot_mut(&mut plan, OwnerKind::Goal, "g1").unwrap() = None;
    assert_eq!(model_slot(&plan, OwnerKind::Goal, "g1"), Some(&None));
    assert_eq!(summary_in(&plan, OwnerKind::Goal, "g1"), None);
    assert!(model_slot_mut(&mut plan, OwnerKind::TouchPoint, "gone").is_none());
}
