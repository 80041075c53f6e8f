//! Editing operations. Those that create records take `&mut Plan` for fresh ids; the
//! others take the curve. Deletions return what they removed so the UI can undo them.

use super::flows::StageFlow;
use chrono::NaiveDate;

use super::{
    effort_from_f64, level_from_f64, Ask, Curve, ProblemArea, Snapshot, SnapshotId, Stage,
    StageCount, StageId, TouchPoint, MAX_LEVEL,
};
use crate::core::plan::Plan;

/// Step used when a new stage is added after the last one.
pub const NEW_STAGE_LEVEL_STEP: u8 = 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Towards the start of the list (outer stages).
    Up,
    /// Towards the end of the list (inner stages).
    Down,
}

/// Adds a stage after `after` (or at the end), returning its id.
pub fn add_stage(plan: &mut Plan, name: &str, after: Option<&str>) -> String {
    let id = plan.fresh_id("s");
    let curve = &mut plan.curve;
    let index = after
        .and_then(|a| curve.stage_index(a))
        .map_or(curve.stages.len(), |i| i + 1);
    let before = index.checked_sub(1).and_then(|i| curve.stages.get(i));
    let level = match (before, curve.stages.get(index)) {
        (Some(b), Some(n)) => midpoint(b.commitment_level, n.commitment_level),
        (Some(b), None) => b
            .commitment_level
            .saturating_add(NEW_STAGE_LEVEL_STEP)
            .min(MAX_LEVEL),
        (None, Some(n)) => n.commitment_level / 2,
        (None, None) => NEW_STAGE_LEVEL_STEP,
    };
    curve.stages.insert(
        index,
        Stage {
            id: id.clone().into(),
            name: name.to_string(),
            commitment_level: level,
            ..Stage::default()
        },
    );
    id
}

fn midpoint(a: u8, b: u8) -> u8 {
    ((u16::from(a) + u16::from(b)) / 2) as u8
}

/// Copies a stage (with fresh ids for it and its asks) right after the original.
pub fn duplicate_stage(plan: &mut Plan, id: &str) -> Option<String> {
    let index = plan.curve.stage_index(id)?;
    let mut copy = plan.curve.stages.get(index)?.clone();
    copy.id = plan.fresh_id("s").into();
    copy.name = format!("{} (copy)", copy.name);
    for ask in &mut copy.asks {
        ask.id = plan.fresh_id("a").into();
    }
    let new_id = copy.id.to_string();
    plan.curve.stages.insert(index + 1, copy);
    Some(new_id)
}

/// What deleting a stage removed, to put back with [`restore_stage`].
#[derive(Clone, Debug, PartialEq)]
pub struct DeletedStage {
    pub index: usize,
    pub stage: Stage,
    /// Touch points that started or ended at the stage, with their positions.
    pub touch_points: Vec<(usize, TouchPoint)>,
    pub problem_areas: Vec<(usize, ProblemArea)>,
    /// (snapshot id, count) for every snapshot that had a count for the stage.
    pub snapshot_counts: Vec<(SnapshotId, StageCount)>,
    /// (snapshot id, flows) for every snapshot that recorded flows for the stage.
    pub snapshot_flows: Vec<(SnapshotId, StageFlow)>,
}

/// Deletes a stage and everything that refers to it: its touch points, the problem
/// areas attached to either, and its counts in snapshots.
pub(in crate::core) fn delete_stage(curve: &mut Curve, id: &str) -> Option<DeletedStage> {
    let index = curve.stage_index(id)?;
    let stage = curve.stages.remove(index);
    let touch_points = take_where(&mut curve.touch_points, |t| {
        t.from_stage_id == id || t.to_stage_id == id
    });
    let gone: Vec<&str> = touch_points.iter().map(|(_, t)| t.id.as_str()).collect();
    let problem_areas = take_where(&mut curve.problem_areas, |p| {
        p.stage_id.as_deref() == Some(id)
            || p.touch_point_id
                .as_deref()
                .is_some_and(|t| gone.contains(&t))
    });
    let mut snapshot_counts = Vec::new();
    let mut snapshot_flows = Vec::new();
    for snap in &mut curve.snapshots {
        for (_, c) in take_where(&mut snap.counts, |c| c.stage_id == id) {
            snapshot_counts.push((snap.id.clone(), c));
        }
        if let Some(flows) = snap.flows.as_mut() {
            for (_, f) in take_where(&mut flows.stages, |f| f.stage_id == id) {
                snapshot_flows.push((snap.id.clone(), f));
            }
        }
    }
    Some(DeletedStage {
        index,
        stage,
        touch_points,
        problem_areas,
        snapshot_counts,
        snapshot_flows,
    })
}

/// Puts back a deleted stage where it was (or at the end if the curve got shorter).
/// What was deleted with it comes back as far as it still fits: a touch point whose
/// other stage has been deleted since stays deleted (with its problem areas), and
/// counts return only to snapshots that still exist. Restoring a stage that is
/// already back changes nothing.
pub fn restore_stage(curve: &mut Curve, deleted: DeletedStage) {
    let stage_id = deleted.stage.id.clone();
    if curve.stage(&stage_id).is_some() {
        return;
    }
    let index = deleted.index.min(curve.stages.len());
    curve.stages.insert(index, deleted.stage);
    let touch_points: Vec<(usize, TouchPoint)> = deleted
        .touch_points
        .into_iter()
        .filter(|(_, t)| {
            curve.stage(&t.from_stage_id).is_some()
                && curve.stage(&t.to_stage_id).is_some()
                && curve.touch_point(&t.id).is_none()
        })
        .collect();
    put_back(&mut curve.touch_points, touch_points);
    let problem_areas = deleted
        .problem_areas
        .into_iter()
        .filter(|(_, p)| problem_area_fits(curve, p))
        .collect();
    put_back(&mut curve.problem_areas, problem_areas);
    for (snap_id, count) in deleted.snapshot_counts {
        if let Some(snap) = curve.snapshots.iter_mut().find(|s| s.id == snap_id) {
            if snap.count_for(&stage_id).is_none() {
                snap.counts.push(count);
            }
        }
    }
    for (snap_id, flow) in deleted.snapshot_flows {
        let flows = curve
            .snapshots
            .iter_mut()
            .find(|s| s.id == snap_id)
            .and_then(|s| s.flows.as_mut());
        if let Some(flows) = flows {
            if flows.stage(&stage_id).is_none() {
                flows.stages.push(flow);
            }
        }
    }
}

/// Whether a problem area can go back: what it is attached to exists, and its id is free.
fn problem_area_fits(curve: &Curve, p: &ProblemArea) -> bool {
    let attached = p
        .stage_id
        .as_deref()
        .is_none_or(|s| curve.stage(s).is_some())
        && p.touch_point_id
            .as_deref()
            .is_none_or(|t| curve.touch_point(t).is_some());
    attached && !curve.problem_areas.iter().any(|q| q.id == p.id)
}

fn take_where<T>(items: &mut Vec<T>, pred: impl Fn(&T) -> bool) -> Vec<(usize, T)> {
    let mut taken = Vec::new();
    let mut kept = Vec::with_capacity(items.len());
    for (i, item) in items.drain(..).enumerate() {
        if pred(&item) {
            taken.push((i, item));
        } else {
            kept.push(item);
        }
    }
    *items = kept;
    taken
}

fn put_back<T>(items: &mut Vec<T>, taken: Vec<(usize, T)>) {
    // Taken in ascending order, so inserting in that order restores the positions.
    for (i, item) in taken {
        let at = i.min(items.len());
        items.insert(at, item);
    }
}

/// Moves a stage one place; false when it is already at that end or unknown.
pub fn move_stage(curve: &mut Curve, id: &str, direction: Direction) -> bool {
    move_in(&mut curve.stages, |s| s.id == id, direction)
}

/// Moves a stage to `to` (clamped to the list), e.g. at the end of a drag.
pub fn reorder_stage(curve: &mut Curve, id: &str, to: usize) -> bool {
    reorder_in(&mut curve.stages, |s| s.id == id, to)
}

fn move_in<T>(items: &mut [T], pred: impl Fn(&T) -> bool, direction: Direction) -> bool {
    let Some(i) = items.iter().position(pred) else {
        return false;
    };
    let j = match direction {
        Direction::Up if i > 0 => i - 1,
        Direction::Down if i + 1 < items.len() => i + 1,
        _ => return false,
    };
    items.swap(i, j);
    true
}

fn reorder_in<T>(items: &mut Vec<T>, pred: impl Fn(&T) -> bool, to: usize) -> bool {
    let Some(from) = items.iter().position(pred) else {
        return false;
    };
    let to = to.min(items.len().saturating_sub(1));
    if from == to {
        return false;
    }
    let item = items.remove(from);
    items.insert(to, item);
    true
}

/// Sets a stage's commitment level, clamped to 0–100. NaN is ignored.
/// Returns the level now stored.
pub fn set_commitment_level(curve: &mut Curve, id: &str, level: f64) -> Option<u8> {
    let level = level_from_f64(level)?;
    let stage = curve.stage_mut(id)?;
    stage.commitment_level = level;
    Some(level)
}

/// Moves a stage's level by `delta` (arrow keys), clamped to 0–100.
pub fn nudge_commitment_level(curve: &mut Curve, id: &str, delta: i32) -> Option<u8> {
    let current = curve.stage(id)?.commitment_level;
    set_commitment_level(curve, id, f64::from(current) + f64::from(delta))
}

/// Adds an ask to a stage, effort clamped to 1–12.
pub fn add_ask(plan: &mut Plan, stage_id: &str, text: &str, effort: f64) -> Option<String> {
    plan.curve.stage(stage_id)?;
    let id = plan.fresh_id("a");
    let stage = plan.curve.stage_mut(stage_id)?;
    stage.asks.push(Ask {
        id: id.clone().into(),
        text: text.to_string(),
        effort: effort_from_f64(effort).unwrap_or(super::MIN_EFFORT),
        extra: Default::default(),
    });
    Some(id)
}

pub fn set_ask_effort(curve: &mut Curve, ask_id: &str, effort: f64) -> Option<u8> {
    let effort = effort_from_f64(effort)?;
    let ask = curve
        .stages
        .iter_mut()
        .flat_map(|s| s.asks.iter_mut())
        .find(|a| a.id == ask_id)?;
    ask.effort = effort;
    Some(effort)
}

pub fn move_ask(curve: &mut Curve, ask_id: &str, direction: Direction) -> bool {
    curve
        .stages
        .iter_mut()
        .any(|s| move_in(&mut s.asks, |a| a.id == ask_id, direction))
}

/// Removes an ask; returns (stage id, position, ask) for undo.
pub fn delete_ask(curve: &mut Curve, ask_id: &str) -> Option<(StageId, usize, Ask)> {
    curve.stages.iter_mut().find_map(|s| {
        let i = s.asks.iter().position(|a| a.id == ask_id)?;
        Some((s.id.clone(), i, s.asks.remove(i)))
    })
}

/// Where a new touch point starts, and why: between the two stages the user is looking at
/// (issue 31), so the form needs a name, not two stage pickers set by hand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewTouchPointSpan {
    pub from: String,
    pub to: String,
    /// What chose the pair, for the words beside the button.
    pub reason: SpanReason,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpanReason {
    /// The stage the user picked (in the table or on the drawing): the move out of it, or for
    /// the innermost stage the move into it.
    Picked,
    /// Nothing picked: the bottleneck the page names, where members stall and a touch point is
    /// most wanted.
    Bottleneck,
    /// Nothing picked and no bottleneck: the first move of the curve.
    First,
    /// One stage only: within it.
    Within,
}

/// The pair of stages a new touch point starts between. A stage the user picked comes first:
/// it is what the stage editor shows and the table and the drawing mark, so the new touch point
/// moves members on from it (into it, when it is the innermost stage and there is nowhere
/// further to go). With nothing picked, the bottleneck the page names (`shown_bottleneck`);
/// without one, the first two stages. None without stages; a picked id that is no longer on
/// the curve counts as nothing picked.
pub fn new_touch_point_span(curve: &Curve, picked: Option<&str>) -> Option<NewTouchPointSpan> {
    let stages = &curve.stages;
    let span = |from: &Stage, to: &Stage, reason| NewTouchPointSpan {
        from: from.id.to_string(),
        to: to.id.to_string(),
        reason,
    };
    let first = stages.first()?;
    if stages.len() == 1 {
        return Some(span(first, first, SpanReason::Within));
    }
    if let Some(i) = picked.and_then(|id| curve.stage_index(id)) {
        return match (stages.get(i), stages.get(i + 1)) {
            (Some(at), Some(next)) => Some(span(at, next, SpanReason::Picked)),
            (Some(at), None) => {
                let before = stages.get(i.checked_sub(1)?)?;
                Some(span(before, at, SpanReason::Picked))
            }
            _ => None,
        };
    }
    if let Some(b) = super::analysis::shown_bottleneck(curve) {
        if let (Some(from), Some(to)) = (curve.stage(&b.from_stage_id), curve.stage(&b.to_stage_id))
        {
            return Some(span(from, to, SpanReason::Bottleneck));
        }
    }
    let second = stages.get(1)?;
    Some(span(first, second, SpanReason::First))
}

impl NewTouchPointSpan {
    /// The words beside the Add button: "Discover → Join, the stage you picked".
    pub fn describe(&self, curve: &Curve) -> String {
        let from = super::analysis::stage_name(curve, &self.from);
        let to = super::analysis::stage_name(curve, &self.to);
        match self.reason {
            SpanReason::Picked => format!("{from} → {to}, from the stage you picked"),
            SpanReason::Bottleneck => format!("{from} → {to}, the bottleneck"),
            SpanReason::First => format!("{from} → {to}"),
            SpanReason::Within => format!("within {from}"),
        }
    }
}

/// Adds a touch point between the stages the user is looking at ([`new_touch_point_span`]),
/// returning its id; None without stages.
pub fn add_touch_point_in_view(
    plan: &mut Plan,
    name: &str,
    picked: Option<&str>,
) -> Option<String> {
    let span = new_touch_point_span(&plan.curve, picked)?;
    add_touch_point(plan, name, &span.from, &span.to)
}

/// Adds a touch point between two existing stages, returning its id.
pub fn add_touch_point(plan: &mut Plan, name: &str, from: &str, to: &str) -> Option<String> {
    plan.curve.stage(from)?;
    plan.curve.stage(to)?;
    let id = plan.fresh_id("t");
    plan.curve.touch_points.push(TouchPoint {
        id: id.clone().into(),
        name: name.to_string(),
        from_stage_id: from.into(),
        to_stage_id: to.into(),
        ..TouchPoint::default()
    });
    Some(id)
}

pub fn duplicate_touch_point(plan: &mut Plan, id: &str) -> Option<String> {
    let index = plan.curve.touch_points.iter().position(|t| t.id == id)?;
    let mut copy = plan.curve.touch_points.get(index)?.clone();
    copy.id = plan.fresh_id("t").into();
    copy.name = format!("{} (copy)", copy.name);
    let new_id = copy.id.to_string();
    plan.curve.touch_points.insert(index + 1, copy);
    Some(new_id)
}

/// What deleting a touch point removed, to put back with [`restore_touch_point`].
#[derive(Clone, Debug, PartialEq)]
pub struct DeletedTouchPoint {
    pub index: usize,
    pub touch_point: TouchPoint,
    pub problem_areas: Vec<(usize, ProblemArea)>,
}

pub(in crate::core) fn delete_touch_point(
    curve: &mut Curve,
    id: &str,
) -> Option<DeletedTouchPoint> {
    let index = curve.touch_points.iter().position(|t| t.id == id)?;
    let touch_point = curve.touch_points.remove(index);
    let problem_areas = take_where(&mut curve.problem_areas, |p| {
        p.touch_point_id.as_deref() == Some(id)
    });
    Some(DeletedTouchPoint {
        index,
        touch_point,
        problem_areas,
    })
}

/// Puts back a deleted touch point and its problem areas. Nothing changes when one
/// of its stages has been deleted since (it would point at nothing) or it is
/// already back.
pub fn restore_touch_point(curve: &mut Curve, deleted: DeletedTouchPoint) {
    let t = &deleted.touch_point;
    if curve.stage(&t.from_stage_id).is_none()
        || curve.stage(&t.to_stage_id).is_none()
        || curve.touch_point(&t.id).is_some()
    {
        return;
    }
    let index = deleted.index.min(curve.touch_points.len());
    curve.touch_points.insert(index, deleted.touch_point);
    let problem_areas = deleted
        .problem_areas
        .into_iter()
        .filter(|(_, p)| problem_area_fits(curve, p))
        .collect();
    put_back(&mut curve.problem_areas, problem_areas);
}

pub fn move_touch_point(curve: &mut Curve, id: &str, direction: Direction) -> bool {
    move_in(&mut curve.touch_points, |t| t.id == id, direction)
}

pub fn reorder_touch_point(curve: &mut Curve, id: &str, to: usize) -> bool {
    reorder_in(&mut curve.touch_points, |t| t.id == id, to)
}

/// Where a problem area is attached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Attachment {
    Stage(String),
    TouchPoint(String),
}

/// Records a problem area on an existing stage or touch point.
pub fn add_problem_area(
    plan: &mut Plan,
    on: Attachment,
    problem: &str,
    proposed_solution: &str,
) -> Option<String> {
    let (stage_id, touch_point_id) = match on {
        Attachment::Stage(s) => (Some(plan.curve.stage(&s)?.id.clone()), None),
        Attachment::TouchPoint(t) => (None, Some(plan.curve.touch_point(&t)?.id.clone())),
    };
    let id = plan.fresh_id("p");
    plan.curve.problem_areas.push(ProblemArea {
        id: id.clone().into(),
        stage_id,
        touch_point_id,
        problem: problem.to_string(),
        proposed_solution: proposed_solution.to_string(),
        extra: Default::default(),
    });
    Some(id)
}

/// Changes a problem area: what it is attached to, the problem and the proposed solution.
/// False (and nothing changed) when the problem area or the new attachment is unknown.
pub fn update_problem_area(
    curve: &mut Curve,
    id: &str,
    on: Attachment,
    problem: &str,
    proposed_solution: &str,
) -> bool {
    let (stage_id, touch_point_id) = match on {
        Attachment::Stage(s) if curve.stage(&s).is_some() => (Some(s), None),
        Attachment::TouchPoint(t) if curve.touch_point(&t).is_some() => (None, Some(t)),
        _ => return false,
    };
    let Some(pa) = curve.problem_areas.iter_mut().find(|p| p.id == id) else {
        return false;
    };
    pa.stage_id = stage_id.map(Into::into);
    pa.touch_point_id = touch_point_id.map(Into::into);
    pa.problem = problem.to_string();
    pa.proposed_solution = proposed_solution.to_string();
    true
}

pub fn delete_problem_area(curve: &mut Curve, id: &str) -> Option<(usize, ProblemArea)> {
    let i = curve.problem_areas.iter().position(|p| p.id == id)?;
    Some((i, curve.problem_areas.remove(i)))
}

/// Records today's members-now of every stage as a snapshot on `date`, replacing the
/// counts of an existing snapshot on that date. Returns the snapshot id.
pub fn snapshot_current(plan: &mut Plan, date: NaiveDate) -> String {
    let counts = plan
        .curve
        .stages
        .iter()
        .map(|s| StageCount {
            stage_id: s.id.clone(),
            count: s.members_now,
            extra: Default::default(),
        })
        .collect();
    put_snapshot(plan, date, counts)
}

/// Adds or replaces the snapshot for `date`, keeping snapshots in date order.
/// Counts for unknown stages are dropped.
pub fn put_snapshot(plan: &mut Plan, date: NaiveDate, counts: Vec<StageCount>) -> String {
    let counts: Vec<StageCount> = counts
        .into_iter()
        .filter(|c| plan.curve.stage(&c.stage_id).is_some())
        .collect();
    if let Some(existing) = plan.curve.snapshots.iter_mut().find(|s| s.date == date) {
        existing.counts = counts;
        return existing.id.to_string();
    }
    let id = plan.fresh_id("n");
    plan.curve.snapshots.push(Snapshot {
        id: id.clone().into(),
        date,
        counts,
        flows: None,
        counted_from: None,
        extra: Default::default(),
    });
    plan.curve.snapshots.sort_by_key(|s| s.date);
    id
}

pub fn delete_snapshot(curve: &mut Curve, id: &str) -> Option<(usize, Snapshot)> {
    let i = curve.snapshots.iter().position(|s| s.id == id)?;
    Some((i, curve.snapshots.remove(i)))
}

#[cfg(test)]
mod tests;
