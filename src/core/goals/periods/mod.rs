//! Periods that close: a plan's goals are worked in periods (a quarter, a half, custom
//! dates). At the end of one the team closes it: each goal gets a score (the achieved
//! share, adjustable with a reason), the period a retrospective, and each goal is either
//! carried forward into the next period (the same goal, so its check-ins, milestones and
//! links stay with it) or finished (it stays behind, in the closed period).
//!
//! A closed period keeps a snapshot of every goal's result, so it reads the same later even
//! when a carried goal changes or a finished one is deleted. Goals of the open period carry
//! no `period_id`; a finished goal names the period it was finished in.

use crate::core::newer::FromNewer;
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::core::plan::Extra;

use super::{Ambition, Direction, Goal, GoalBook, GoalStatus};
use crate::core::ids::{GoalId, PeriodId};

mod close;
mod report;
mod rules;
mod score;

pub use close::{
    close_period, preview_line, reopen_period, start_period, CloseRequest, Decision, NewPeriod,
};
pub use report::{
    latest_line, objective_scores, past_periods_markdown, period_citation, period_note,
    result_line, ObjectiveScore,
};
pub use rules::{check_periods, PeriodProblem};
pub use score::{has_check_in_in, held, score, Held, NotScored, Score};

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
    /// A value from a newer version of Trellis, kept as read and written back as it was;
    /// never taken for a known one (`core::newer`).
    #[serde(untagged)]
    Unknown(FromNewer),
}

impl PeriodKind {
    pub fn label(self) -> &'static str {
        match self {
            PeriodKind::Unknown(_) => crate::core::newer::LABEL,
            PeriodKind::Quarter => "Quarter",
            PeriodKind::Half => "Half year",
            PeriodKind::Custom => "Custom dates",
        }
    }

    /// The last day of a period of this kind starting on `start`; None for custom dates.
    pub fn end_from(self, start: NaiveDate) -> Option<NaiveDate> {
        let months = match self {
            PeriodKind::Unknown(_) => return None,
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
            PeriodKind::Unknown(_) => return today,
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
    /// Committed or aspirational when the period closed: what counts as success.
    #[serde(default, skip_serializing_if = "Ambition::is_committed")]
    pub ambition: Ambition,
    /// The score is measured from a baseline before the period began (the goal was carried
    /// into it, or started earlier): it covers more than this period.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub since_baseline: bool,
    /// No check-in with a value fell inside the period: the score rests on an earlier one.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_check_in_in_period: bool,
    /// For a keep-above/below goal: how many of the period's check-ins held the line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held: Option<Held>,
    /// The team's last recorded confidence (0–100) up to the period's end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<u8>,
    /// The objective the goal served when the period closed: its id (a snapshot, not a
    /// checked reference, hence not `objective_id`) and title, for the objective roll-up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub objective_title: String,
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
    /// A value from a newer version of Trellis, kept as read and written back as it was;
    /// never taken for a known one (`core::newer`).
    #[serde(untagged)]
    Unknown(FromNewer),
}

impl Outcome {
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Unknown(_) => crate::core::newer::LABEL,
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

    /// Whether the score counts as a success for the goal's ambition; None when not scored,
    /// or when the ambition is a value from a newer version of Trellis (no bar is known).
    pub fn succeeded(&self) -> Option<bool> {
        let need = self.ambition.success_percent()?;
        self.final_percent().map(|p| p >= need)
    }

    /// "75% since baseline", "75% (adjusted from 60%)", "75% (3 of 4 check-ins in the
    /// period held the line)", "not scored: no check-in".
    pub fn score_text(&self) -> String {
        let since = if self.since_baseline && self.computed.percent().is_some() {
            " since baseline"
        } else {
            ""
        };
        let held = self
            .held
            .as_ref()
            .filter(|_| self.adjusted.is_none())
            .map(|h| {
                format!(
                    " ({} of {} check-ins in the period held the line)",
                    h.held, h.of
                )
            })
            .unwrap_or_default();
        match (self.adjusted, &self.computed) {
            (Some(a), Score::Unknown(_)) => format!("{} (set by the team)", percent_text(a)),
            (Some(a), Score::Scored(c)) if (a - c).abs() >= 0.5 => format!(
                "{} (adjusted from {}{since})",
                percent_text(a),
                percent_text(*c)
            ),
            (Some(a), Score::Scored(_)) => format!("{}{since}", percent_text(a)),
            (Some(a), Score::NotScored(why)) => {
                format!("{} (set by the team; {})", percent_text(a), why.label())
            }
            (None, Score::Scored(c)) => format!("{}{since}{held}", percent_text(*c)),
            (None, computed) => computed.text(),
        }
    }

    /// "a success for an aspirational goal (70% or more)", "short of a committed goal's
    /// 100%"; None when not scored.
    pub fn verdict_text(&self) -> Option<String> {
        let need = percent_text(self.ambition.success_percent()?);
        let kind = self.ambition.label().to_lowercase();
        Some(if self.succeeded()? {
            format!(
                "a success for {} {kind} goal ({need} or more)",
                article(&kind)
            )
        } else {
            format!("short of {} {kind} goal's {need}", article(&kind))
        })
    }
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
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
