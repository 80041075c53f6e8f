//! Operations the UI calls. Those that create records take the `Plan` (for fresh ids);
//! the rest take the `GoalBook`. Every failure is a `GoalError` with a user-facing message.

use chrono::NaiveDate;

use super::catalog::catalog_metric;
use super::commitment::commit;
use super::templates::template;
use super::trajectory::{milestone_points, TrajectoryError};
use super::{
    Cadence, CheckIn, Direction, Goal, GoalBook, GoalStatus, Growth, KeyPlayer, Milestone,
    Objective, Step,
};
use crate::core::curve::GoalSeed;
use crate::core::plan::Plan;

/// The confidence scale's top: a check-in's confidence is a percentage.
pub const MAX_CONFIDENCE: u8 = 100;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GoalError {
    NoSuchObjective(String),
    NoSuchGoal(String),
    NoSuchKeyPlayer(String),
    NoSuchStep(String),
    NoSuchCheckIn(String),
    NoSuchMilestone(String),
    NoSuchTemplate(String),
    NoSuchCatalogMetric(String),
    /// A value that is not a finite number (NaN or infinite).
    NotANumber,
    ConfidenceOutOfRange(u8),
    Trajectory(TrajectoryError),
}

impl std::fmt::Display for GoalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GoalError::NoSuchObjective(id) => {
                write!(f, "There is no objective with id '{id}' in this plan.")
            }
            GoalError::NoSuchGoal(id) => write!(f, "There is no goal with id '{id}' in this plan."),
            GoalError::NoSuchKeyPlayer(id) => {
                write!(f, "This goal has no key player with id '{id}'.")
            }
            GoalError::NoSuchStep(id) => write!(f, "This goal has no step with id '{id}'."),
            GoalError::NoSuchCheckIn(id) => write!(f, "This goal has no check-in with id '{id}'."),
            GoalError::NoSuchMilestone(id) => {
                write!(f, "This goal has no milestone with id '{id}'.")
            }
            GoalError::NoSuchTemplate(key) => {
                write!(f, "There is no goal template called '{key}'.")
            }
            GoalError::NoSuchCatalogMetric(key) => {
                write!(f, "There is no catalog metric called '{key}'.")
            }
            GoalError::NotANumber => f.write_str("Enter a number."),
            GoalError::ConfidenceOutOfRange(c) => {
                write!(
                    f,
                    "Confidence is a percentage from 0 to {MAX_CONFIDENCE}; {c} is out of range."
                )
            }
            GoalError::Trajectory(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for GoalError {}

impl From<TrajectoryError> for GoalError {
    fn from(e: TrajectoryError) -> Self {
        GoalError::Trajectory(e)
    }
}

type Result<T> = std::result::Result<T, GoalError>;

fn goal_mut<'a>(book: &'a mut GoalBook, id: &str) -> Result<&'a mut Goal> {
    book.goal_mut(id)
        .ok_or_else(|| GoalError::NoSuchGoal(id.to_string()))
}

fn check_objective(book: &GoalBook, objective_id: Option<&str>) -> Result<()> {
    match objective_id {
        Some(id) if book.objective(id).is_none() => Err(GoalError::NoSuchObjective(id.to_string())),
        _ => Ok(()),
    }
}

/// Moves the item at `from` to position `to` (clamped to the end).
fn move_item<T>(items: &mut Vec<T>, from: usize, to: usize) {
    if from < items.len() {
        let item = items.remove(from);
        items.insert(to.min(items.len()), item);
    }
}

// Objectives

pub fn add_objective(plan: &mut Plan, title: &str) -> String {
    let id = plan.fresh_id("o");
    plan.goals.objectives.push(Objective {
        id: id.clone().into(),
        title: title.trim().to_string(),
        ..Objective::default()
    });
    id
}

/// Removes an objective; its goals stay, unlinked (the SMART check then asks to relink them).
pub fn remove_objective(book: &mut GoalBook, id: &str) -> Result<Objective> {
    let index = book
        .objectives
        .iter()
        .position(|o| o.id == id)
        .ok_or_else(|| GoalError::NoSuchObjective(id.to_string()))?;
    for goal in book
        .goals
        .iter_mut()
        .filter(|g| g.objective_id.as_deref() == Some(id))
    {
        goal.objective_id = None;
    }
    Ok(book.objectives.remove(index))
}

pub fn move_objective(book: &mut GoalBook, id: &str, to: usize) -> Result<()> {
    let from = book
        .objectives
        .iter()
        .position(|o| o.id == id)
        .ok_or_else(|| GoalError::NoSuchObjective(id.to_string()))?;
    move_item(&mut book.objectives, from, to);
    Ok(())
}

// Goals

/// A new, empty draft goal under `objective_id` (monthly reviews, increasing metric).
pub fn add_goal(plan: &mut Plan, objective_id: Option<&str>) -> Result<String> {
    check_objective(&plan.goals, objective_id)?;
    let id = plan.fresh_id("g");
    plan.goals.goals.push(Goal {
        id: id.clone().into(),
        objective_id: objective_id.map(Into::into),
        ..Goal::default()
    });
    Ok(id)
}

pub(in crate::core) fn remove_goal(book: &mut GoalBook, id: &str) -> Result<Goal> {
    let index = book
        .goals
        .iter()
        .position(|g| g.id == id)
        .ok_or_else(|| GoalError::NoSuchGoal(id.to_string()))?;
    Ok(book.goals.remove(index))
}

/// Moves a goal to position `to` in the book's overall order (objective views keep it).
pub fn move_goal(book: &mut GoalBook, id: &str, to: usize) -> Result<()> {
    let from = book
        .goals
        .iter()
        .position(|g| g.id == id)
        .ok_or_else(|| GoalError::NoSuchGoal(id.to_string()))?;
    move_item(&mut book.goals, from, to);
    Ok(())
}

/// Moves a goal up (`-1`) or down (`+1`) among the goals of its own objective.
pub fn move_goal_within_objective(book: &mut GoalBook, id: &str, delta: isize) -> Result<()> {
    let objective = book
        .goal(id)
        .ok_or_else(|| GoalError::NoSuchGoal(id.to_string()))?
        .objective_id
        .clone();
    let siblings: Vec<usize> = (0..book.goals.len())
        .filter(|&i| book.goals[i].objective_id == objective)
        .collect();
    let Some(pos) = siblings.iter().position(|&i| book.goals[i].id == id) else {
        return Ok(());
    };
    let target = pos
        .saturating_add_signed(delta)
        .min(siblings.len().saturating_sub(1));
    if target != pos {
        book.goals.swap(siblings[pos], siblings[target]);
    }
    Ok(())
}

pub fn set_goal_objective(
    book: &mut GoalBook,
    goal_id: &str,
    objective_id: Option<&str>,
) -> Result<()> {
    check_objective(book, objective_id)?;
    goal_mut(book, goal_id)?.objective_id = objective_id.map(Into::into);
    Ok(())
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum GoalOrder {
    /// The order the team chose.
    #[default]
    Manual,
    /// Soonest deadline first; goals without a deadline last.
    Deadline,
}

/// Goals filtered by status (all with `None`) in the chosen order.
pub fn list_goals(book: &GoalBook, status: Option<GoalStatus>, order: GoalOrder) -> Vec<&Goal> {
    let mut goals: Vec<&Goal> = book
        .goals
        .iter()
        .filter(|g| status.is_none_or(|s| g.status == s))
        .collect();
    if order == GoalOrder::Deadline {
        goals.sort_by_key(|g| (g.deadline.is_none(), g.deadline));
    }
    goals
}

fn objective_text(direction: Direction, name: &str) -> String {
    let verb = match direction {
        Direction::Unknown(_) => "change",
        Direction::Increase => "increase",
        Direction::Decrease => "reduce",
        Direction::KeepAbove | Direction::KeepBelow => "keep",
    };
    format!("{verb} {}", name.to_lowercase())
}

/// A new draft goal measuring a catalog metric, baseline dated `today`.
pub fn add_goal_from_catalog(
    plan: &mut Plan,
    metric_key: &str,
    objective_id: Option<&str>,
    today: NaiveDate,
) -> Result<String> {
    let entry = catalog_metric(metric_key)
        .ok_or_else(|| GoalError::NoSuchCatalogMetric(metric_key.to_string()))?;
    let id = add_goal(plan, objective_id)?;
    let goal = goal_mut(&mut plan.goals, &id)?;
    goal.title = entry.name.clone();
    goal.objective = objective_text(entry.direction, &entry.name);
    goal.metric = entry.to_metric();
    goal.baseline_date = Some(today);
    Ok(id)
}

/// Switches an existing goal to a catalog metric (name, unit, direction, totalling, window).
pub fn use_catalog_metric(book: &mut GoalBook, goal_id: &str, metric_key: &str) -> Result<()> {
    let entry = catalog_metric(metric_key)
        .ok_or_else(|| GoalError::NoSuchCatalogMetric(metric_key.to_string()))?;
    goal_mut(book, goal_id)?.metric = entry.to_metric();
    Ok(())
}

/// A new draft goal from a template: text with `[placeholders]`, numbers left empty,
/// baseline dated `today`; the first key player owns it.
pub fn add_goal_from_template(
    plan: &mut Plan,
    template_key: &str,
    objective_id: Option<&str>,
    today: NaiveDate,
) -> Result<String> {
    let t = template(template_key)
        .ok_or_else(|| GoalError::NoSuchTemplate(template_key.to_string()))?;
    let entry = catalog_metric(&t.metric_key)
        .ok_or_else(|| GoalError::NoSuchCatalogMetric(t.metric_key.clone()))?;
    let id = add_goal(plan, objective_id)?;
    let players: Vec<KeyPlayer> = t
        .key_players
        .iter()
        .enumerate()
        .map(|(i, name)| KeyPlayer {
            id: plan.fresh_id("k").into(),
            name: name.clone(),
            owner: i == 0,
            extra: Default::default(),
        })
        .collect();
    let steps: Vec<Step> = t
        .steps
        .iter()
        .map(|text| Step {
            id: plan.fresh_id("s").into(),
            text: text.clone(),
            ..Step::default()
        })
        .collect();
    let goal = goal_mut(&mut plan.goals, &id)?;
    goal.title = t.title;
    goal.objective = t.objective;
    goal.metric = entry.to_metric();
    if let Some(direction) = t.direction {
        goal.metric.direction = direction;
    }
    goal.baseline_date = Some(today);
    goal.key_players = players;
    goal.steps = steps;
    goal.result = t.result;
    goal.cadence = t.cadence;
    Ok(id)
}

/// A new draft goal prefilled from the commitment curve (a stage's gap or a touch point),
/// linked back to its stage (and touch point). Without snapshots the baseline is the
/// members now, dated `today`. With the stage's snapshots, the earliest one is the
/// baseline and the later ones (and the members now, when they differ) are check-ins, so
/// the SMART check reads the pace the curve has already seen.
pub fn add_goal_from_curve(
    plan: &mut Plan,
    seed: &GoalSeed,
    objective_id: Option<&str>,
    today: NaiveDate,
) -> Result<String> {
    let id = add_goal(plan, objective_id)?;
    let goal = goal_mut(&mut plan.goals, &id)?;
    goal.title = seed.title.clone();
    goal.objective = objective_text(Direction::Increase, &seed.metric);
    goal.metric.name = seed.metric.clone();
    goal.metric.unit = seed.unit.clone();
    goal.baseline = Some(seed.baseline).filter(|v| v.is_finite());
    goal.baseline_date = Some(today);
    goal.target = Some(seed.target).filter(|v| v.is_finite());
    goal.deadline = seed.deadline;
    goal.stage_id = Some(seed.stage_id.clone());
    goal.touch_point_id = seed.touch_point_id.clone();
    let history: Vec<(NaiveDate, f64)> = seed
        .history
        .iter()
        .copied()
        .filter(|(d, v)| *d < today && v.is_finite())
        .collect();
    if let Some(&(first_date, first_value)) = history.first() {
        goal.baseline = Some(first_value);
        goal.baseline_date = Some(first_date);
        for &(date, value) in &history[1..] {
            add_check_in(plan, &id, date, value, "From the curve's snapshot", None)?;
        }
        let last = history.last().map_or(first_value, |p| p.1);
        if seed.baseline.is_finite() && seed.baseline != last {
            add_check_in(
                plan,
                &id,
                today,
                seed.baseline,
                "Members now on the curve",
                None,
            )?;
        }
    }
    Ok(id)
}

/// Freezes the goal's baseline, target and deadline as agreed today; a draft becomes active.
pub fn commit_goal(book: &mut GoalBook, goal_id: &str, today: NaiveDate) -> Result<()> {
    commit(goal_mut(book, goal_id)?, today);
    Ok(())
}

pub fn mark_reviewed(book: &mut GoalBook, goal_id: &str, on: NaiveDate) -> Result<()> {
    goal_mut(book, goal_id)?.last_reviewed = Some(on);
    Ok(())
}

pub fn set_cadence(book: &mut GoalBook, goal_id: &str, cadence: Cadence) -> Result<()> {
    goal_mut(book, goal_id)?.cadence = cadence;
    Ok(())
}

// Key players

/// Adds a key player; the first one added becomes the owner.
pub fn add_key_player(plan: &mut Plan, goal_id: &str, name: &str) -> Result<String> {
    goal_mut(&mut plan.goals, goal_id)?;
    let id = plan.fresh_id("k");
    let goal = goal_mut(&mut plan.goals, goal_id)?;
    let owner = goal.key_players.is_empty();
    goal.key_players.push(KeyPlayer {
        id: id.clone().into(),
        name: name.trim().to_string(),
        owner,
        extra: Default::default(),
    });
    Ok(id)
}

/// Removes a key player and clears them as owner of any step.
pub fn remove_key_player(book: &mut GoalBook, goal_id: &str, player_id: &str) -> Result<()> {
    let goal = goal_mut(book, goal_id)?;
    let index = goal
        .key_players
        .iter()
        .position(|p| p.id == player_id)
        .ok_or_else(|| GoalError::NoSuchKeyPlayer(player_id.to_string()))?;
    goal.key_players.remove(index);
    for step in goal
        .steps
        .iter_mut()
        .filter(|s| s.owner_id.as_deref() == Some(player_id))
    {
        step.owner_id = None;
    }
    Ok(())
}

/// Makes one key player the owner (and no one else).
pub fn set_owner(book: &mut GoalBook, goal_id: &str, player_id: &str) -> Result<()> {
    let goal = goal_mut(book, goal_id)?;
    if !goal.key_players.iter().any(|p| p.id == player_id) {
        return Err(GoalError::NoSuchKeyPlayer(player_id.to_string()));
    }
    for p in &mut goal.key_players {
        p.owner = p.id == player_id;
    }
    Ok(())
}

// Steps

pub fn add_step(plan: &mut Plan, goal_id: &str, text: &str) -> Result<String> {
    goal_mut(&mut plan.goals, goal_id)?;
    let id = plan.fresh_id("s");
    goal_mut(&mut plan.goals, goal_id)?.steps.push(Step {
        id: id.clone().into(),
        text: text.trim().to_string(),
        ..Step::default()
    });
    Ok(id)
}

fn step_mut<'a>(book: &'a mut GoalBook, goal_id: &str, step_id: &str) -> Result<&'a mut Step> {
    goal_mut(book, goal_id)?
        .steps
        .iter_mut()
        .find(|s| s.id == step_id)
        .ok_or_else(|| GoalError::NoSuchStep(step_id.to_string()))
}

pub fn remove_step(book: &mut GoalBook, goal_id: &str, step_id: &str) -> Result<()> {
    let goal = goal_mut(book, goal_id)?;
    let index = goal
        .steps
        .iter()
        .position(|s| s.id == step_id)
        .ok_or_else(|| GoalError::NoSuchStep(step_id.to_string()))?;
    goal.steps.remove(index);
    Ok(())
}

pub fn move_step(book: &mut GoalBook, goal_id: &str, step_id: &str, to: usize) -> Result<()> {
    let goal = goal_mut(book, goal_id)?;
    let from = goal
        .steps
        .iter()
        .position(|s| s.id == step_id)
        .ok_or_else(|| GoalError::NoSuchStep(step_id.to_string()))?;
    move_item(&mut goal.steps, from, to);
    Ok(())
}

pub fn set_step_done(book: &mut GoalBook, goal_id: &str, step_id: &str, done: bool) -> Result<()> {
    step_mut(book, goal_id, step_id)?.done = done;
    Ok(())
}

/// Sets (or with `None` clears) the key player who owns a step.
pub fn set_step_owner(
    book: &mut GoalBook,
    goal_id: &str,
    step_id: &str,
    owner_id: Option<&str>,
) -> Result<()> {
    if let Some(owner) = owner_id {
        if !goal_mut(book, goal_id)?
            .key_players
            .iter()
            .any(|p| p.id == owner)
        {
            return Err(GoalError::NoSuchKeyPlayer(owner.to_string()));
        }
    }
    step_mut(book, goal_id, step_id)?.owner_id = owner_id.map(Into::into);
    Ok(())
}

// Check-ins and milestones

/// Records a check-in, keeping check-ins in date order (same-day ones in entry order).
pub fn add_check_in(
    plan: &mut Plan,
    goal_id: &str,
    date: NaiveDate,
    value: f64,
    note: &str,
    confidence: Option<u8>,
) -> Result<String> {
    if !value.is_finite() {
        return Err(GoalError::NotANumber);
    }
    if let Some(c) = confidence.filter(|c| *c > MAX_CONFIDENCE) {
        return Err(GoalError::ConfidenceOutOfRange(c));
    }
    goal_mut(&mut plan.goals, goal_id)?;
    let id = plan.fresh_id("c");
    let goal = goal_mut(&mut plan.goals, goal_id)?;
    let at = goal.check_ins.partition_point(|c| c.date <= date);
    goal.check_ins.insert(
        at,
        CheckIn {
            id: id.clone().into(),
            date,
            value,
            note: note.trim().to_string(),
            confidence,
            extra: Default::default(),
        },
    );
    Ok(id)
}

pub fn remove_check_in(book: &mut GoalBook, goal_id: &str, check_in_id: &str) -> Result<CheckIn> {
    let goal = goal_mut(book, goal_id)?;
    let index = goal
        .check_ins
        .iter()
        .position(|c| c.id == check_in_id)
        .ok_or_else(|| GoalError::NoSuchCheckIn(check_in_id.to_string()))?;
    Ok(goal.check_ins.remove(index))
}

/// Replaces the goal's milestones with `count` generated ones; returns how many were made.
pub fn generate_milestones(
    plan: &mut Plan,
    goal_id: &str,
    count: usize,
    growth: Growth,
) -> Result<usize> {
    let points = milestone_points(goal_mut(&mut plan.goals, goal_id)?, count, growth)?;
    let milestones: Vec<Milestone> = points
        .iter()
        .map(|p| Milestone {
            id: plan.fresh_id("m").into(),
            date: p.date,
            value: p.value,
            note: String::new(),
            extra: Default::default(),
        })
        .collect();
    let goal = goal_mut(&mut plan.goals, goal_id)?;
    goal.growth = growth;
    goal.milestones = milestones;
    Ok(goal.milestones.len())
}

/// Adds a hand-made milestone, keeping milestones in date order.
pub fn add_milestone(
    plan: &mut Plan,
    goal_id: &str,
    date: NaiveDate,
    value: f64,
) -> Result<String> {
    if !value.is_finite() {
        return Err(GoalError::NotANumber);
    }
    goal_mut(&mut plan.goals, goal_id)?;
    let id = plan.fresh_id("m");
    let goal = goal_mut(&mut plan.goals, goal_id)?;
    let at = goal.milestones.partition_point(|m| m.date <= date);
    goal.milestones.insert(
        at,
        Milestone {
            id: id.clone().into(),
            date,
            value,
            note: String::new(),
            extra: Default::default(),
        },
    );
    Ok(id)
}

/// Changes a milestone by hand (`None` leaves a part as it is), keeping date order.
pub fn edit_milestone(
    book: &mut GoalBook,
    goal_id: &str,
    milestone_id: &str,
    date: Option<NaiveDate>,
    value: Option<f64>,
    note: Option<&str>,
) -> Result<()> {
    if value.is_some_and(|v| !v.is_finite()) {
        return Err(GoalError::NotANumber);
    }
    let goal = goal_mut(book, goal_id)?;
    let milestone = goal
        .milestones
        .iter_mut()
        .find(|m| m.id == milestone_id)
        .ok_or_else(|| GoalError::NoSuchMilestone(milestone_id.to_string()))?;
    if let Some(date) = date {
        milestone.date = date;
    }
    if let Some(value) = value {
        milestone.value = value;
    }
    if let Some(note) = note {
        milestone.note = note.to_string();
    }
    // Stable: milestones on the same date keep their order.
    goal.milestones.sort_by_key(|m| m.date);
    Ok(())
}

pub fn remove_milestone(book: &mut GoalBook, goal_id: &str, milestone_id: &str) -> Result<()> {
    let goal = goal_mut(book, goal_id)?;
    let index = goal
        .milestones
        .iter()
        .position(|m| m.id == milestone_id)
        .ok_or_else(|| GoalError::NoSuchMilestone(milestone_id.to_string()))?;
    goal.milestones.remove(index);
    Ok(())
}

#[cfg(test)]
mod tests;
