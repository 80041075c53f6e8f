//! Starting, closing and reopening periods. Each operation checks everything first and
//! changes nothing when it refuses, so one call is one whole undo step or none.

use chrono::NaiveDate;

use super::score::{has_check_in_in, held, latest_by, score};
use super::{carried_from, open_period, Closing, GoalResult, Outcome, Period, PeriodKind};
use crate::core::goals::statement::{goal_title, statement_text};
use crate::core::goals::GoalStatus;
use crate::core::ids::{GoalId, PeriodId};
use crate::core::plan::Plan;

/// A period to start: the first one, or the next one when closing.
#[derive(Clone, Debug, PartialEq)]
pub struct NewPeriod {
    pub kind: PeriodKind,
    pub start: NaiveDate,
    /// The last day; for quarters and halves, None means "from the kind".
    pub end: Option<NaiveDate>,
    /// Empty means the default name ("Q3 2026").
    pub name: String,
}

/// What the team decided for one goal when closing.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    pub goal: GoalId,
    /// The team's own score, 0–100, replacing the computed one.
    pub adjusted: Option<f64>,
    pub reason: String,
    pub outcome: Outcome,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CloseRequest {
    pub closed_on: NaiveDate,
    pub what_worked: String,
    pub what_did_not: String,
    /// One per goal of the open period.
    pub decisions: Vec<Decision>,
    pub next: NewPeriod,
}

#[derive(Clone, Debug, PartialEq)]
pub enum PeriodError {
    /// A period is already open: close it first.
    AlreadyOpen(String),
    NoOpenPeriod,
    NoSuchPeriod(String),
    /// A custom period needs its last day.
    NoEndDate,
    EndBeforeStart,
    /// The new period would start before the last one ends.
    Overlaps {
        previous: String,
        previous_end: NaiveDate,
    },
    /// A decision for a goal that is not in the period being closed.
    GoalOfAnotherPeriod(String),
    /// A goal of the period with no decision (or two).
    NoDecision(String),
    TwoDecisions(String),
    ScoreOutOfRange(String),
    AdjustedWithoutReason(String),
    /// Only the latest closed period reopens.
    NotLatestClosed(String),
    /// The next period has goals of its own; reopening would mix them in.
    NextPeriodHasNewGoals(String),
    NotClosed(String),
}

impl std::fmt::Display for PeriodError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use PeriodError::*;
        match self {
            AlreadyOpen(name) => write!(
                f,
                "Period “{name}” is still open: close it before starting another."
            ),
            NoOpenPeriod => f.write_str("There is no open period to close."),
            NoSuchPeriod(id) => write!(f, "There is no period with id '{id}' in this plan."),
            NoEndDate => f.write_str("Give the period's last day."),
            EndBeforeStart => f.write_str("The period's last day is before its first day."),
            Overlaps {
                previous,
                previous_end,
            } => write!(
                f,
                "The new period must start after “{previous}” ends ({previous_end})."
            ),
            GoalOfAnotherPeriod(title) => write!(
                f,
                "Goal “{title}” is not in the period being closed, so it can't be scored in it."
            ),
            NoDecision(title) => write!(
                f,
                "Choose whether to carry goal “{title}” forward or finish it."
            ),
            TwoDecisions(title) => write!(f, "Goal “{title}” was decided twice."),
            ScoreOutOfRange(title) => write!(
                f,
                "The score of goal “{title}” must be a number from 0 to 100."
            ),
            AdjustedWithoutReason(title) => {
                write!(f, "Say why the score of goal “{title}” was adjusted.")
            }
            NotLatestClosed(name) => write!(
                f,
                "Only the most recently closed period can be reopened, not “{name}”."
            ),
            NextPeriodHasNewGoals(name) => write!(
                f,
                "Period “{name}” has goals that were not carried into it; reopening would \
                 mix them into the old period. Move or delete them first."
            ),
            NotClosed(name) => write!(f, "Period “{name}” is not closed."),
        }
    }
}

impl std::error::Error for PeriodError {}

type Result<T> = std::result::Result<T, PeriodError>;

/// The new period's dates and name, checked against the latest period.
fn new_period(plan: &mut Plan, new: &NewPeriod) -> Result<Period> {
    let end = match new.end {
        Some(end) => end,
        None => new.kind.end_from(new.start).ok_or(PeriodError::NoEndDate)?,
    };
    if end < new.start {
        return Err(PeriodError::EndBeforeStart);
    }
    if let Some(last) = plan.goals.periods.last() {
        if new.start <= last.end {
            return Err(PeriodError::Overlaps {
                previous: last.name.clone(),
                previous_end: last.end,
            });
        }
    }
    let name = match new.name.trim() {
        "" => new.kind.default_name(new.start, end),
        name => name.to_string(),
    };
    Ok(Period {
        id: PeriodId::from(plan.fresh_id("p")),
        name,
        kind: new.kind,
        start: new.start,
        end,
        closing: None,
        extra: Default::default(),
    })
}

/// Starts the plan's first period (or one after the last closed period): every goal not
/// finished in a closed period belongs to it.
pub fn start_period(plan: &mut Plan, new: &NewPeriod) -> Result<PeriodId> {
    if let Some(open) = open_period(&plan.goals) {
        return Err(PeriodError::AlreadyOpen(open.name.clone()));
    }
    let period = new_period(plan, new)?;
    let id = period.id.clone();
    plan.goals.periods.push(period);
    Ok(id)
}

/// Closes the open period: scores and snapshots each of its goals (with its ambition, last
/// confidence and objective), records the retrospective, marks finished goals as the period's
/// (achieved when the score reaches the ambition's success, 100% committed or 70%
/// aspirational, otherwise missed, when they were still open and have a score), and starts the
/// next period, which the carried goals now belong to. Returns the next period's id.
pub fn close_period(plan: &mut Plan, request: &CloseRequest) -> Result<PeriodId> {
    let book = &plan.goals;
    let open = open_period(book).ok_or(PeriodError::NoOpenPeriod)?;
    let (open_id, start, end) = (open.id.clone(), open.start, open.end);
    let members: Vec<&crate::core::goals::Goal> = super::open_goals(book);
    for decision in &request.decisions {
        let Some(goal) = members.iter().find(|g| g.id == decision.goal) else {
            let title = book
                .goal(&decision.goal)
                .map_or_else(|| decision.goal.to_string(), goal_title);
            return Err(PeriodError::GoalOfAnotherPeriod(title));
        };
        if let Some(adjusted) = decision.adjusted {
            if !(0.0..=100.0).contains(&adjusted) {
                return Err(PeriodError::ScoreOutOfRange(goal_title(goal)));
            }
            if decision.reason.trim().is_empty() {
                return Err(PeriodError::AdjustedWithoutReason(goal_title(goal)));
            }
        }
    }
    let mut results = Vec::with_capacity(members.len());
    for goal in &members {
        let mut decided = request.decisions.iter().filter(|d| d.goal == goal.id);
        let decision = decided
            .next()
            .ok_or_else(|| PeriodError::NoDecision(goal_title(goal)))?;
        if decided.next().is_some() {
            return Err(PeriodError::TwoDecisions(goal_title(goal)));
        }
        let mut result = snapshot(book, (start, end), goal);
        result.adjusted = decision.adjusted;
        result.reason = if decision.adjusted.is_some() {
            decision.reason.trim().to_string()
        } else {
            String::new()
        };
        result.outcome = decision.outcome;
        // A finished goal still being worked on becomes achieved or missed by its score and
        // ambition (below, once nothing can refuse any more); an unscored one keeps its status.
        if decision.outcome == Outcome::Finished
            && goal.status.is_open()
            && result.final_percent().is_some()
        {
            result.status_before = Some(goal.status);
        }
        results.push(result);
    }
    let next = new_period(plan, &request.next)?;
    let next_id = next.id.clone();
    for result in &results {
        if result.outcome != Outcome::Finished {
            continue;
        }
        let status = result.succeeded().map(|success| {
            if success {
                GoalStatus::Achieved
            } else {
                GoalStatus::Missed
            }
        });
        if let Some(goal) = plan.goals.goal_mut(&result.goal) {
            goal.period_id = Some(open_id.clone());
            if let (Some(_), Some(status)) = (result.status_before, status) {
                goal.status = status;
            }
        }
    }
    if let Some(period) = plan.goals.periods.iter_mut().find(|p| p.id == open_id) {
        period.closing = Some(Closing {
            closed_on: request.closed_on,
            what_worked: request.what_worked.trim().to_string(),
            what_did_not: request.what_did_not.trim().to_string(),
            results,
            extra: Default::default(),
        });
    }
    plan.goals.periods.push(next);
    Ok(next_id)
}

/// A goal's result for the period from `start` to `end`, as closing would record it before the
/// team's adjustment and decision.
fn snapshot(
    book: &crate::core::goals::GoalBook,
    (start, end): (NaiveDate, NaiveDate),
    goal: &crate::core::goals::Goal,
) -> GoalResult {
    let computed = score(goal, start, end);
    let latest = latest_by(goal, end);
    let has_latest = latest.is_some();
    let carried_in = !carried_from(book, &goal.id).is_empty();
    let baseline_before = goal.baseline_date.is_some_and(|d| d < start);
    let objective = goal
        .objective_id
        .as_deref()
        .and_then(|id| book.objective(id));
    GoalResult {
        goal: goal.id.clone(),
        title: goal_title(goal),
        statement: statement_text(goal),
        unit: goal.metric.unit.trim().to_string(),
        direction: goal.metric.direction,
        baseline: goal.baseline_value(),
        target: goal.target_value(),
        latest,
        computed,
        adjusted: None,
        reason: String::new(),
        outcome: Outcome::CarriedForward,
        status_before: None,
        ambition: goal.ambition,
        since_baseline: !goal.metric.direction.is_keep() && (carried_in || baseline_before),
        no_check_in_in_period: has_latest && !has_check_in_in(goal, start, end),
        held: held(goal, start, end),
        confidence: last_confidence(goal, end),
        objective: objective.map(|o| o.id.to_string()),
        objective_title: objective
            .map(|o| o.title.trim().to_string())
            .unwrap_or_default(),
        extra: Default::default(),
    }
}

/// What closing the open period now would record for goal `goal_id`, before any adjustment:
/// its score with what it is measured from, the verdict for its ambition, its confidence and
/// whether the period had a check-in of its own (`result_line`). None without an open period
/// or such a goal in it.
pub fn preview_line(book: &crate::core::goals::GoalBook, goal_id: &str) -> Option<String> {
    let open = open_period(book)?;
    let goal = super::open_goals(book)
        .into_iter()
        .find(|g| g.id == goal_id)?;
    Some(super::result_line(&snapshot(
        book,
        (open.start, open.end),
        goal,
    )))
}

/// The most recent confidence recorded on or before `end`, capped at 100.
fn last_confidence(goal: &crate::core::goals::Goal, end: NaiveDate) -> Option<u8> {
    goal.check_ins
        .iter()
        .filter(|c| c.confidence.is_some() && c.date <= end)
        .max_by_key(|c| c.date)
        .and_then(|c| c.confidence)
        .map(|c| c.min(100))
}

/// Reopens the latest closed period: the open period after it goes (it may only hold goals
/// carried into it), finished goals return with their status from before closing, and the
/// scores and retrospective are dropped.
pub fn reopen_period(plan: &mut Plan, id: &str) -> Result<()> {
    let book = &plan.goals;
    let period = book
        .period(id)
        .ok_or_else(|| PeriodError::NoSuchPeriod(id.to_string()))?;
    let closing = period
        .closing
        .as_ref()
        .ok_or_else(|| PeriodError::NotClosed(period.name.clone()))?;
    let latest_closed = book.periods.iter().rev().find(|p| p.is_closed());
    if latest_closed.map(|p| &p.id) != Some(&period.id) {
        return Err(PeriodError::NotLatestClosed(period.name.clone()));
    }
    let carried = |goal: &str| {
        closing
            .results
            .iter()
            .any(|r| r.goal == goal && r.outcome == Outcome::CarriedForward)
    };
    if let Some(open) = open_period(book) {
        if super::open_goals(book).iter().any(|g| !carried(&g.id)) {
            return Err(PeriodError::NextPeriodHasNewGoals(open.name.clone()));
        }
    }
    let finished: Vec<(GoalId, Option<GoalStatus>)> = closing
        .results
        .iter()
        .filter(|r| r.outcome == Outcome::Finished)
        .map(|r| (r.goal.clone(), r.status_before))
        .collect();
    let id = period.id.clone();
    plan.goals.periods.retain(|p| p.is_closed());
    for (goal, before) in finished {
        if let Some(goal) = plan
            .goals
            .goal_mut(&goal)
            .filter(|g| g.period_id == Some(id.clone()))
        {
            goal.period_id = None;
            if let Some(status) = before {
                goal.status = status;
            }
        }
    }
    if let Some(period) = plan.goals.periods.iter_mut().find(|p| p.id == id) {
        period.closing = None;
    }
    Ok(())
}
