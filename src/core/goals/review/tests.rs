use super::super::commitment::commit;
use super::super::fixtures::{d, plain_goal, today};
use super::*;

fn plan_with(goal: Goal) -> Plan {
    let mut plan = Plan::new("p1", "Forum relaunch");
    plan.goals.goals.push(goal);
    plan
}

#[test]
fn monthly_reviews_run_from_the_baseline_to_a_final_review_on_the_deadline() {
    let dates = review_dates(&plain_goal());
    assert_eq!(dates.first(), Some(&d(2026, 2, 1)));
    assert_eq!(dates.len(), 9); // Feb..Sep, then 1 October (the deadline)
    assert_eq!(dates.last(), Some(&d(2026, 10, 1)));
}

#[test]
fn each_cadence_spaces_reviews_correctly() {
    let mut goal = plain_goal();
    goal.cadence = Cadence::Weekly;
    assert_eq!(review_dates(&goal)[..2], [d(2026, 1, 8), d(2026, 1, 15)]);
    goal.cadence = Cadence::Fortnightly;
    assert_eq!(review_dates(&goal)[..2], [d(2026, 1, 15), d(2026, 1, 29)]);
    goal.cadence = Cadence::Quarterly;
    assert_eq!(
        review_dates(&goal),
        vec![d(2026, 4, 1), d(2026, 7, 1), d(2026, 10, 1)]
    );
}

#[test]
fn month_end_anchors_do_not_drift() {
    let goal = Goal {
        baseline_date: Some(d(2026, 1, 31)),
        ..plain_goal()
    };
    assert_eq!(
        review_dates(&goal)[..3],
        [d(2026, 2, 28), d(2026, 3, 31), d(2026, 4, 30)]
    );
}

#[test]
fn reviews_count_from_the_commitment_when_there_is_one() {
    let mut goal = plain_goal();
    commit(&mut goal, d(2026, 1, 10));
    assert_eq!(review_dates(&goal)[0], d(2026, 2, 10));
}

#[test]
fn schedule_without_an_anchor_is_empty_and_without_a_deadline_is_bounded() {
    assert!(review_dates(&Goal {
        baseline_date: None,
        ..plain_goal()
    })
    .is_empty());
    let open = Goal {
        deadline: None,
        cadence: Cadence::Weekly,
        ..plain_goal()
    };
    assert_eq!(review_dates(&open).len(), MAX_SCHEDULED_REVIEWS as usize);
}

#[test]
fn deadline_before_the_anchor_gives_no_reviews() {
    let goal = Goal {
        deadline: Some(d(2025, 6, 1)),
        ..plain_goal()
    };
    assert!(review_dates(&goal).is_empty());
}

#[test]
fn latest_unheld_review_is_due() {
    let goal = plain_goal();
    assert_eq!(due_review(&goal, today()), Some(d(2026, 3, 1)));
    let reviewed = Goal {
        last_reviewed: Some(d(2026, 3, 1)),
        ..goal
    };
    assert_eq!(due_review(&reviewed, today()), None);
    assert_eq!(next_review(&reviewed, today()), Some(d(2026, 4, 1)));
}

#[test]
fn missed_reviews_collapse_into_one_due_review() {
    let goal = Goal {
        last_reviewed: Some(d(2026, 1, 20)),
        ..plain_goal()
    };
    assert_eq!(due_review(&goal, d(2026, 5, 15)), Some(d(2026, 5, 1)));
    assert_eq!(next_review(&goal, d(2026, 5, 15)), Some(d(2026, 5, 1)));
}

#[test]
fn drafts_and_closed_goals_have_no_reviews_due() {
    for status in [
        GoalStatus::Draft,
        GoalStatus::Achieved,
        GoalStatus::Missed,
        GoalStatus::Dropped,
    ] {
        let goal = Goal {
            status,
            ..plain_goal()
        };
        assert_eq!(due_review(&goal, today()), None);
        assert_eq!(next_review(&goal, today()), None);
    }
}

#[test]
fn due_reviews_lists_goals_oldest_first() {
    let mut book = GoalBook::default();
    book.goals.push(Goal {
        id: "a".into(),
        last_reviewed: Some(d(2026, 3, 1)),
        ..plain_goal()
    });
    book.goals.push(Goal {
        id: "b".into(),
        ..plain_goal()
    });
    book.goals.push(Goal {
        id: "c".into(),
        last_reviewed: Some(d(2026, 1, 5)),
        ..plain_goal()
    });
    let due = due_reviews(&book, d(2026, 3, 10));
    assert_eq!(
        due,
        vec![
            DueReview {
                goal_id: "b".into(),
                due: d(2026, 3, 1)
            },
            DueReview {
                goal_id: "c".into(),
                due: d(2026, 3, 1)
            },
        ]
    );
}

#[test]
fn ics_escapes_text_values() {
    assert_eq!(ics_escape("a,b;c\\d\ne\r\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
}

#[test]
fn ics_is_crlf_folded_and_has_one_event_per_upcoming_review() {
    let mut goal = plain_goal();
    goal.title = "Grow contributors, fast; really".into();
    let ics = review_calendar_ics(&plan_with(goal), d(2026, 8, 15));
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert!(!ics.replace("\r\n", "").contains('\n'), "bare LF");
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2); // 1 Sep and the 1 Oct deadline
    assert!(ics.contains("SUMMARY:Review: Grow contributors\\, fast\\; really\r\n"));
    assert!(ics.contains("SUMMARY:Final review: Grow contributors\\, fast\\; really\r\n"));
    assert!(ics.contains("DTSTART;VALUE=DATE:20260901\r\nDTEND;VALUE=DATE:20260902\r\n"));
    assert!(ics.contains("UID:p1-g1-20261001@trellis\r\n"));
    assert!(ics.contains("DTSTAMP:20260815T000000Z\r\n"));
    for physical in ics.split("\r\n") {
        assert!(physical.len() <= ICS_LINE_OCTETS, "{physical:?}");
    }
}

#[test]
fn folding_never_splits_a_multibyte_character() {
    let mut goal = plain_goal();
    goal.title = "Ünïcödé ".repeat(30);
    let ics = review_calendar_ics(&plan_with(goal), today());
    // Would have panicked or produced invalid UTF-8 on a bad split; unfolding restores it.
    let unfolded = ics.replace("\r\n ", "");
    assert!(unfolded.contains(&"Ünïcödé ".repeat(30).trim_end().to_string()));
}

#[test]
fn ics_leaves_out_drafts_and_past_reviews() {
    let mut plan = plan_with(Goal {
        status: GoalStatus::Draft,
        ..plain_goal()
    });
    assert_eq!(
        review_calendar_ics(&plan, today())
            .matches("BEGIN:VEVENT")
            .count(),
        0
    );
    plan.goals.goals[0].status = GoalStatus::Active;
    assert_eq!(
        review_calendar_ics(&plan, d(2026, 9, 2))
            .matches("BEGIN:VEVENT")
            .count(),
        1
    );
}
