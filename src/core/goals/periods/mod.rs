//! Periods that close: a plan's goals are worked in periods (a quarter, a half, custom
//! dates). At the end of one the team closes it: each goal gets a score (the achieved
//! share, adjustable with a reason), the period a retrospective, and each goal is either
//! carried forward into the next period (the same goal, so its check-ins, milestones and
//! links stay with it) or finished (it stays behind, in the closed period).
//!
//! A closed period keeps a snapshot of every goal's result, so it reads the same later even
//! when a carried goal changes or a finished one is deleted. Goals of the open period carry
//! no `period_id`; a finished goal names the period it was finished in.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::core::plan::Extra;

use super::{Direction, Goal, GoalBook, GoalStatus};
use crate::core::ids::{GoalId, PeriodId};

mod close;
mod report;
mod rules;
mod score;

pub use close::{close_period, reopen_period, start_period, CloseRequest, Decision, NewPeriod};
pub use report::{latest_line, past_periods_markdown, period_citation, period_note, result_line};
pub use rules::{check_periods, PeriodProblem};
pub use score::{score, NotScored, Score};

#[cfg(test)]
mod tests;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Period {
    pub id: PeriodId,
    /// "Q3 2026", "H2 2026", or the team's own name.
    pub name: String,
    pub kind: PeriodKind,
    pub start: NaiveDate,
    /// The last day of the period.
    pub end: NaiveDate,
    /// Set when the period is closed; a closed period is read-only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closing: Option<Closing>,
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    #[default]
    Quarter,
    Half,
    Custom,
}

impl PeriodKind {
    pub fn label(self) -> &'static str {
        match self {
            PeriodKind::Quarter => "Quarter",
            PeriodKind::Half => "Half year",
            PeriodKind::Custom => "Custom dates",
        }
    }

    /// The last day of a period of this kind starting on `start`; None for custom dates.
    pub fn end_from(self, start: NaiveDate) -> Option<NaiveDate> {
        let months = match self {
            PeriodKind::Quarter => 3,
            PeriodKind::Half => 6,
            PeriodKind::Custom => return None,
        };
        start.checked_add_months(Months::new(months))?.pred_opt()
    }

    /// "Q3 2026" / "H2 2026" when `start` begins a calendar quarter or half, else the dates.
    pub fn default_name(self, start: NaiveDate, end: NaiveDate) -> String {
        let month0 = start.month0();
        match self {
            PeriodKind::Quarter if start.day() == 1 && month0.is_multiple_of(3) => {
                format!("Q{} {}", month0 / 3 + 1, start.year())
            }
            PeriodKind::Half if start.day() == 1 && month0.is_multiple_of(6) => {
                format!("H{} {}", month0 / 6 + 1, start.year())
            }
            _ => format!(
                "{} to {}",
                start.format("%-d %b %Y"),
                end.format("%-d %b %Y")
            ),
        }
    }

    /// The first day of the calendar quarter or half `today` is in (a custom period starts
    /// today): the natural first day to offer.
    pub fn current_start(self, today: NaiveDate) -> NaiveDate {
        let months = match self {
            PeriodKind::Quarter => 3,
            PeriodKind::Half => 6,
            PeriodKind::Custom => return today,
        };
        let month = today.month0() / months * months + 1;
        NaiveDate::from_ymd_opt(today.year(), month, 1).unwrap_or(today)
    }
}

/// What closing a period recorded.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Closing {
    pub closed_on: NaiveDate,
    pub what_worked: String,
    pub what_did_not: String,
    /// One per goal the period held, in the plan's goal order.
    pub results: Vec<GoalResult>,
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A goal's result as it stood when its period closed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GoalResult {
    /// The goal scored. Named `goal`, not `goal_id`, on purpose: the result is a snapshot
    /// that stands even after the goal is deleted, so the plan's reference check skips it.
    pub goal: GoalId,
    pub title: String,
    pub statement: String,
    pub unit: String,
    pub direction: Direction,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    /// The latest check-in up to the period's end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latest: Option<Reading>,
    /// The score computed from the numbers above.
    pub computed: Score,
    /// The team's own score, 0–100, when it differs from the computed one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adjusted: Option<f64>,
    /// Why the score was adjusted (required with `adjusted`).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reason: String,
    pub outcome: Outcome,
    /// The goal's status before closing changed it (a finished goal becomes achieved or
    /// missed); reopening the period puts it back.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_before: Option<GoalStatus>,
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Reading {
    pub date: NaiveDate,
    pub value: f64,
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
}

/// What became of a goal when its period closed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Worked on in the next period, with its history.
    #[default]
    CarriedForward,
    /// Done with: it stays in this period.
    Finished,
}

impl Outcome {
    pub fn label(self) -> &'static str {
        match self {
            Outcome::CarriedForward => "Carried forward",
            Outcome::Finished => "Finished",
        }
    }
}

impl GoalResult {
    /// The score that counts: the team's adjusted one, else the computed one.
    pub fn final_percent(&self) -> Option<f64> {
        self.adjusted.or(self.computed.percent())
    }

    /// "75%", "75% (adjusted from 60%)", "not scored: no check-in".
    pub fn score_text(&self) -> String {
        match (self.adjusted, &self.computed) {
            (Some(a), Score::Scored(c)) if (a - c).abs() >= 0.5 => {
                format!("{} (adjusted from {})", percent_text(a), percent_text(*c))
            }
            (Some(a), Score::Scored(_)) => percent_text(a),
            (Some(a), Score::NotScored(why)) => {
                format!("{} (set by the team; {})", percent_text(a), why.label())
            }
            (None, computed) => computed.text(),
        }
    }
}

pub fn percent_text(percent: f64) -> String {
    format!("{}%", percent.round())
}

impl Period {
    pub fn is_closed(&self) -> bool {
        self.closing.is_some()
    }

    pub fn result(&self, goal: &str) -> Option<&GoalResult> {
        self.closing
            .as_ref()?
            .results
            .iter()
            .find(|r| r.goal == goal)
    }
}

impl GoalBook {
    pub fn period(&self, id: &str) -> Option<&Period> {
        self.periods.iter().find(|p| p.id == id)
    }
}

/// The period goals are being worked in now, if the plan has periods.
pub fn open_period(book: &GoalBook) -> Option<&Period> {
    book.periods.iter().rev().find(|p| !p.is_closed())
}

/// Whether `goal` belongs to the open period (or to no period at all): every goal but those
/// finished in a closed period.
pub fn in_open_period(book: &GoalBook, goal: &Goal) -> bool {
    goal.period_id
        .as_deref()
        .and_then(|id| book.period(id))
        .is_none_or(|p| !p.is_closed())
}

/// The goals of the open period, in the plan's order.
pub fn open_goals(book: &GoalBook) -> Vec<&Goal> {
    book.goals
        .iter()
        .filter(|g| in_open_period(book, g))
        .collect()
}

/// The closed periods this goal was carried forward from, oldest first, with its result in
/// each: the goal's link back to its past.
pub fn carried_from<'a>(book: &'a GoalBook, goal: &str) -> Vec<(&'a Period, &'a GoalResult)> {
    book.periods
        .iter()
        .filter_map(|p| {
            p.result(goal)
                .filter(|r| r.outcome == Outcome::CarriedForward)
                .map(|r| (p, r))
        })
        .collect()
}
