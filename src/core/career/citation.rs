//! Evidence that cites a goal: of this plan (read live), or of any plan in this browser
//! (kept as a snapshot, because the other plan may change, be deleted or not travel with
//! an exported file). Other plans are only ever read, never changed.

use chrono::NaiveDate;
use serde::Serialize;

use super::brief::{goal_citation, GoalCitation};
use super::{CitedGoal, Evidence};
use crate::core::goals::periods::period_citation;
use crate::core::goals::{GoalBook, GoalStatus};

/// A goal the evidence picker offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GoalChoice {
    pub goal: String,
    pub title: String,
    pub status: GoalStatus,
}

/// Every goal of a plan, in its order (the open plan offers all of its goals).
pub fn all_goals(goals: &GoalBook) -> Vec<GoalChoice> {
    goals
        .goals
        .iter()
        .map(|g| GoalChoice {
            goal: g.id.to_string(),
            title: crate::core::goals::statement::goal_title(g),
            status: g.status,
        })
        .collect()
}

/// The achieved goals of a plan: what another plan's evidence may cite.
pub fn achieved_goals(goals: &GoalBook) -> Vec<GoalChoice> {
    all_goals(goals)
        .into_iter()
        .filter(|g| g.status == GoalStatus::Achieved)
        .collect()
}

/// A snapshot of a goal's statement and final check-in, to keep with the evidence.
pub fn cite(
    plan: &str,
    plan_name: &str,
    goals: &GoalBook,
    goal_id: &str,
    today: NaiveDate,
) -> Option<CitedGoal> {
    let c = goal_citation(goals, goal_id)?;
    Some(CitedGoal {
        plan: plan.to_string(),
        plan_name: plan_name.to_string(),
        goal: goal_id.to_string(),
        statement: c.statement,
        final_check_in: c.final_check_in,
        cited_on: Some(today),
        extra: Default::default(),
    })
}

/// What is known about the plan a snapshot came from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PlanLookup<'a> {
    /// No plan with that id in this browser (deleted, or this plan came from elsewhere).
    Missing,
    /// Stored but unreadable (damaged, or written by a newer Trellis), with the reason.
    Unreadable(&'a str),
    Readable(&'a GoalBook),
}

/// How the cited goal compares with its original now.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Original {
    /// Unchanged since it was cited.
    Same,
    /// The goal has a new statement or check-in since; the snapshot is still what is shown.
    Changed(GoalCitation),
    GoalGone,
    PlanGone,
    PlanUnreadable(String),
}

/// What an evidence item shows for its goal.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CitationView {
    /// A goal of this plan, as it is now.
    Live(GoalCitation),
    /// The snapshot taken when citing, and how its original stands.
    Snapshot {
        cited: CitedGoal,
        original: Original,
    },
    /// Cites a goal of this plan that is gone, with no snapshot to fall back on.
    Gone,
}

/// The citation of `evidence`, if any. `this_plan` is the open plan's id and goals;
/// `other` looks up the goals of any other plan (only consulted for snapshots).
pub fn citation_view<'a>(
    evidence: &Evidence,
    this_plan: (&str, &'a GoalBook),
    other: &dyn Fn(&str) -> PlanLookup<'a>,
) -> Option<CitationView> {
    let (this_id, this_goals) = this_plan;
    if let (Some(period), Some(goal)) = (&evidence.period_id, &evidence.goal_id) {
        if let Some((statement, result)) = period_citation(this_goals, period, goal) {
            return Some(CitationView::Live(GoalCitation {
                statement,
                final_check_in: None,
                period_result: Some(result),
            }));
        }
    }
    if let Some(live) = evidence
        .goal_id
        .as_deref()
        .and_then(|g| goal_citation(this_goals, g))
    {
        return Some(CitationView::Live(live));
    }
    let Some(cited) = evidence.cited_goal.clone() else {
        return evidence.goal_id.as_ref().map(|_| CitationView::Gone);
    };
    let lookup = if cited.plan == this_id {
        PlanLookup::Readable(this_goals)
    } else {
        other(&cited.plan)
    };
    let original = match lookup {
        PlanLookup::Missing => Original::PlanGone,
        PlanLookup::Unreadable(why) => Original::PlanUnreadable(why.to_string()),
        PlanLookup::Readable(goals) => match goal_citation(goals, &cited.goal) {
            None => Original::GoalGone,
            Some(now)
                if now.statement == cited.statement
                    && now.final_check_in == cited.final_check_in =>
            {
                Original::Same
            }
            Some(now) => Original::Changed(now),
        },
    };
    Some(CitationView::Snapshot { cited, original })
}

fn plan_name(cited: &CitedGoal) -> String {
    if cited.plan_name.trim().is_empty() {
        "an untitled plan".to_string()
    } else {
        format!("“{}”", cited.plan_name.trim())
    }
}

/// "From plan “Launch 2024”, as cited on 2024-06-01"
pub fn cited_from(cited: &CitedGoal) -> String {
    match cited.cited_on {
        Some(d) => format!("From plan {}, as cited on {d}", plan_name(cited)),
        None => format!("From plan {}", plan_name(cited)),
    }
}

impl Original {
    /// What the user should know about the original; None when nothing changed.
    pub fn message(&self, cited: &CitedGoal) -> Option<String> {
        let plan = plan_name(cited);
        match self {
            Original::Same => None,
            Original::Changed(_) => Some(format!(
                "The goal has changed in plan {plan} since it was cited; the evidence keeps \
                 what was cited until you update it."
            )),
            Original::GoalGone => Some(format!(
                "The goal is no longer found in plan {plan}; the evidence keeps what was cited."
            )),
            Original::PlanGone => Some(format!(
                "Plan {plan} is not in this browser (deleted, or this plan came from another \
                 browser); the evidence keeps what was cited."
            )),
            Original::PlanUnreadable(why) => Some(format!(
                "Plan {plan} cannot be read right now ({why}); the evidence keeps what was cited."
            )),
        }
    }
}

#[cfg(test)]
mod tests;
