//! The rules a plan's periods keep, checked when a plan is read (`schema::check`): dates in
//! order, only the last period open, every score in range and every adjusted one explained,
//! and no score on a goal of another period.

use std::collections::{HashMap, HashSet};

use super::{Outcome, Score};
use crate::core::goals::GoalBook;

/// A broken rule: where (written like `goals.periods[1].end`) and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeriodProblem {
    pub path: String,
    pub problem: String,
}

fn problem(path: String, problem: impl Into<String>) -> Result<(), PeriodProblem> {
    Err(PeriodProblem {
        path,
        problem: problem.into(),
    })
}

fn in_range(percent: f64) -> bool {
    (0.0..=100.0).contains(&percent)
}

/// The first broken rule, in document order. Goals and periods are indexed by id once, so the
/// check takes time in proportion to the plan (a lookup per result by walking the goals made a
/// file with 140,000 goals in a closed period take tens of seconds).
pub fn check_periods(book: &GoalBook) -> Result<(), PeriodProblem> {
    let last = book.periods.len().saturating_sub(1);
    // The first of each id, as a lookup by walking the list would find it.
    let mut period_of_goal: HashMap<&str, Option<&str>> = HashMap::new();
    for goal in &book.goals {
        period_of_goal
            .entry(goal.id.as_str())
            .or_insert(goal.period_id.as_deref());
    }
    let mut periods = HashMap::new();
    for period in &book.periods {
        periods.entry(period.id.as_str()).or_insert(period);
    }
    // (period, goal) for every goal scored as finished in a closed period.
    let mut finished: HashSet<(&str, &str)> = HashSet::new();
    for (i, period) in book.periods.iter().enumerate() {
        let at = format!("goals.periods[{i}]");
        if period.end < period.start {
            return problem(
                format!("{at}.end"),
                format!(
                    "the period ends ({}) before it starts ({}).",
                    period.end, period.start
                ),
            );
        }
        if let Some(before) = i.checked_sub(1).and_then(|b| book.periods.get(b)) {
            if period.start <= before.end {
                return problem(
                    format!("{at}.start"),
                    format!(
                        "the period starts ({}) before the one before it ends ({}).",
                        period.start, before.end
                    ),
                );
            }
        }
        let Some(closing) = &period.closing else {
            if i != last {
                return problem(
                    format!("{at}.closing"),
                    "only the last period may be open; this one is open and another follows it.",
                );
            }
            continue;
        };
        let mut scored = HashSet::new();
        for (j, result) in closing.results.iter().enumerate() {
            let at = format!("{at}.closing.results[{j}]");
            if !scored.insert(result.goal.as_str()) {
                return problem(
                    format!("{at}.goal"),
                    format!(
                        "goal {:?} is scored twice in this period.",
                        result.goal.as_str()
                    ),
                );
            }
            if let Score::Scored(p) = result.computed {
                if !in_range(p) {
                    return problem(
                        format!("{at}.computed"),
                        format!("{p} is out of range (expected 0 to 100)."),
                    );
                }
            }
            if let Some(p) = result.adjusted {
                if !in_range(p) {
                    return problem(
                        format!("{at}.adjusted"),
                        format!("{p} is out of range (expected 0 to 100)."),
                    );
                }
                if result.reason.trim().is_empty() {
                    return problem(format!("{at}.reason"), "an adjusted score needs a reason.");
                }
            }
            // An outcome from a newer version of Trellis may be one that keeps the goal in
            // this period: this build cannot tell, so it does not refuse the plan for it.
            if matches!(result.outcome, Outcome::Finished | Outcome::Unknown(_)) {
                finished.insert((period.id.as_str(), result.goal.as_str()));
            }
            let finished_elsewhere = period_of_goal
                .get(result.goal.as_str())
                .is_some_and(|goal_period| *goal_period != Some(period.id.as_str()));
            if result.outcome == Outcome::Finished && finished_elsewhere {
                return problem(
                    format!("{at}.goal"),
                    format!(
                        "goal {:?} is scored as finished in this period but belongs to another \
                         period.",
                        result.goal.as_str()
                    ),
                );
            }
        }
    }
    for (g, goal) in book.goals.iter().enumerate() {
        let Some(period) = goal.period_id.as_deref().and_then(|id| periods.get(id)) else {
            continue;
        };
        let finished_here = finished.contains(&(period.id.as_str(), goal.id.as_str()));
        if period.is_closed() && !finished_here {
            return problem(
                format!("goals.goals[{g}].period_id"),
                format!(
                    "the goal belongs to closed period {:?} but has no finished result in it.",
                    period.id.as_str()
                ),
            );
        }
    }
    Ok(())
}
