//! The planned path from baseline to target: generated milestones (linear or compound)
//! and the planned value on any date.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::{Goal, Growth};

/// Most milestones one generation makes: weekly for a year is already more than a team
/// will review; more would only clutter the chart.
pub const MAX_MILESTONES: usize = 52;

/// Points sampled along a compound path for the chart (a smooth curve, few points).
pub const COMPOUND_CURVE_SAMPLES: usize = 24;

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
#[serde(default)]
pub struct Point {
    pub date: NaiveDate,
    pub value: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TrajectoryError {
    MissingBaseline,
    MissingBaselineDate,
    MissingTarget,
    MissingDeadline,
    DeadlineNotAfterBaseline,
    NoMilestonesRequested,
    /// Baseline and deadline are too close to fit any milestone between them.
    SpanTooShort,
    /// Compound growth needs a baseline and target above zero.
    CompoundNeedsPositiveValues,
}

impl std::fmt::Display for TrajectoryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TrajectoryError::MissingBaseline => {
                "Enter a baseline value before generating milestones."
            }
            TrajectoryError::MissingBaselineDate => {
                "Enter the baseline date before generating milestones."
            }
            TrajectoryError::MissingTarget => "Enter a target value before generating milestones.",
            TrajectoryError::MissingDeadline => "Set a deadline before generating milestones.",
            TrajectoryError::DeadlineNotAfterBaseline => {
                "The deadline must be after the baseline date to place milestones between them."
            }
            TrajectoryError::NoMilestonesRequested => "Ask for at least one milestone.",
            TrajectoryError::SpanTooShort => {
                "There are no days between the baseline date and the deadline for a milestone."
            }
            TrajectoryError::CompoundNeedsPositiveValues => {
                "Compound growth needs a baseline and target above zero; use linear growth instead."
            }
        })
    }
}

/// The endpoints of a goal's plan: (baseline date, baseline) and (deadline, target).
fn endpoints(goal: &Goal) -> Result<(Point, Point), TrajectoryError> {
    let baseline = goal
        .baseline_value()
        .ok_or(TrajectoryError::MissingBaseline)?;
    let start = goal
        .baseline_date
        .ok_or(TrajectoryError::MissingBaselineDate)?;
    let target = goal.target_value().ok_or(TrajectoryError::MissingTarget)?;
    let end = goal.deadline.ok_or(TrajectoryError::MissingDeadline)?;
    if end <= start {
        return Err(TrajectoryError::DeadlineNotAfterBaseline);
    }
    Ok((
        Point {
            date: start,
            value: baseline,
        },
        Point {
            date: end,
            value: target,
        },
    ))
}

/// Value at fraction `t` (0..=1) of the way from `a` to `b`.
fn interpolate(a: f64, b: f64, t: f64, growth: Growth) -> f64 {
    if growth == Growth::Compound && a > 0.0 && b > 0.0 {
        a * (b / a).powf(t)
    } else {
        a + (b - a) * t
    }
}

/// Decimal places worth showing for values planned between `a` and `b` (at most two).
fn decimals(a: f64, b: f64) -> i32 {
    let places =
        |v: f64| (0..=2).find(|&d| ((v * 10f64.powi(d)).round() - v * 10f64.powi(d)).abs() < 1e-9);
    places(a).unwrap_or(2).max(places(b).unwrap_or(2))
}

fn round_to(value: f64, places: i32) -> f64 {
    let factor = 10f64.powi(places);
    (value * factor).round() / factor
}

/// `count` milestones at evenly spaced dates strictly between the baseline date and the
/// deadline, on the linear or compound path, rounded like the baseline and target.
pub fn milestone_points(
    goal: &Goal,
    count: usize,
    growth: Growth,
) -> Result<Vec<Point>, TrajectoryError> {
    if count == 0 {
        return Err(TrajectoryError::NoMilestonesRequested);
    }
    let (start, end) = endpoints(goal)?;
    if growth == Growth::Compound && !(start.value > 0.0 && end.value > 0.0) {
        return Err(TrajectoryError::CompoundNeedsPositiveValues);
    }
    let count = count.min(MAX_MILESTONES);
    let span = (end.date - start.date).num_days();
    let places = decimals(start.value, end.value);
    let mut points: Vec<Point> = Vec::with_capacity(count);
    for i in 1..=count {
        let offset = (span as f64 * i as f64 / (count + 1) as f64).round() as i64;
        let date = start.date + Duration::days(offset);
        if date <= start.date || date >= end.date || points.last().is_some_and(|p| p.date == date) {
            continue;
        }
        let t = offset as f64 / span as f64;
        let value = round_to(interpolate(start.value, end.value, t, growth), places);
        points.push(Point { date, value });
    }
    if points.is_empty() {
        return Err(TrajectoryError::SpanTooShort);
    }
    Ok(points)
}

/// The planned path the chart draws: baseline, the goal's milestones in date order, then
/// the target at the deadline. Without milestones a compound goal is sampled as a curve.
/// Keep-above/below goals plan a flat line at the target. Empty when the plan is incomplete.
pub fn planned_path(goal: &Goal) -> Vec<Point> {
    let Ok((start, end)) = endpoints(goal) else {
        return Vec::new();
    };
    if goal.metric.direction.is_keep() {
        return vec![
            Point {
                date: start.date,
                value: end.value,
            },
            end,
        ];
    }
    let mut milestones: Vec<Point> = goal
        .milestones
        .iter()
        .filter(|m| m.value.is_finite() && m.date > start.date && m.date < end.date)
        .map(|m| Point {
            date: m.date,
            value: m.value,
        })
        .collect();
    milestones.sort_by_key(|p| p.date);
    milestones.dedup_by_key(|p| p.date);
    if milestones.is_empty()
        && goal.growth == Growth::Compound
        && start.value > 0.0
        && end.value > 0.0
    {
        let span = (end.date - start.date).num_days();
        let mut path = vec![start];
        for i in 1..COMPOUND_CURVE_SAMPLES {
            let offset = span * i as i64 / COMPOUND_CURVE_SAMPLES as i64;
            if offset <= 0
                || offset >= span
                || path
                    .last()
                    .is_some_and(|p| p.date == start.date + Duration::days(offset))
            {
                continue;
            }
            let t = offset as f64 / span as f64;
            let value = interpolate(start.value, end.value, t, Growth::Compound);
            path.push(Point {
                date: start.date + Duration::days(offset),
                value,
            });
        }
        path.push(end);
        return path;
    }
    let mut path = vec![start];
    path.extend(milestones);
    path.push(end);
    path
}

/// Where the plan says the metric should be on `date`: the baseline before the baseline
/// date, the target after the deadline, the path in between. `None` when the plan is incomplete.
pub fn planned_value(goal: &Goal, date: NaiveDate) -> Option<f64> {
    let path = planned_path(goal);
    let first = path.first()?;
    let last = path.last()?;
    if date <= first.date {
        return Some(first.value);
    }
    if date >= last.date {
        return Some(last.value);
    }
    let uses_compound = goal.growth == Growth::Compound && path.len() == 2;
    path.windows(2).find_map(|pair| {
        let (a, b) = (pair[0], pair[1]);
        if date < a.date || date > b.date {
            return None;
        }
        let span = (b.date - a.date).num_days();
        let t = if span > 0 {
            (date - a.date).num_days() as f64 / span as f64
        } else {
            1.0
        };
        let growth = if uses_compound {
            Growth::Compound
        } else {
            Growth::Linear
        };
        Some(interpolate(a.value, b.value, t, growth))
    })
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{d, plain_goal};
    use super::super::{Direction, Milestone};
    use super::*;

    #[test]
    fn linear_milestones_are_evenly_spaced_and_rounded_like_the_inputs() {
        let goal = plain_goal(); // 120 on 1 Jan 2026 → 180 on 1 Oct 2026 (273 days)
        let points = milestone_points(&goal, 2, Growth::Linear).unwrap();
        assert_eq!(points.len(), 2);
        assert_eq!(points[0].date, d(2026, 1, 1) + Duration::days(91));
        assert_eq!(points[1].date, d(2026, 1, 1) + Duration::days(182));
        assert_eq!(points[0].value, 140.0);
        assert_eq!(points[1].value, 160.0);
    }

    #[test]
    fn compound_milestones_grow_by_the_same_ratio() {
        let mut goal = plain_goal();
        goal.baseline = Some(100.0);
        goal.target = Some(400.0);
        let points = milestone_points(&goal, 1, Growth::Compound).unwrap();
        // Halfway in time on a compound path is the geometric mean: 200, not 250.
        assert!(
            (points[0].value - 200.0).abs() <= 1.0,
            "{}",
            points[0].value
        );
    }

    #[test]
    fn compound_milestones_refuse_zero_or_negative_values() {
        let mut goal = plain_goal();
        goal.baseline = Some(0.0);
        assert_eq!(
            milestone_points(&goal, 3, Growth::Compound),
            Err(TrajectoryError::CompoundNeedsPositiveValues)
        );
    }

    #[test]
    fn milestones_need_a_complete_plan() {
        let mut goal = plain_goal();
        goal.deadline = goal.baseline_date;
        assert_eq!(
            milestone_points(&goal, 3, Growth::Linear),
            Err(TrajectoryError::DeadlineNotAfterBaseline)
        );
        goal.deadline = None;
        assert_eq!(
            milestone_points(&goal, 3, Growth::Linear),
            Err(TrajectoryError::MissingDeadline)
        );
        goal.target = Some(f64::NAN);
        assert_eq!(
            milestone_points(&goal, 3, Growth::Linear),
            Err(TrajectoryError::MissingTarget)
        );
        assert_eq!(
            milestone_points(&plain_goal(), 0, Growth::Linear),
            Err(TrajectoryError::NoMilestonesRequested)
        );
    }

    #[test]
    fn short_spans_give_fewer_distinct_dates_or_an_error() {
        let mut goal = plain_goal();
        goal.deadline = Some(d(2026, 1, 4));
        let points = milestone_points(&goal, 10, Growth::Linear).unwrap();
        assert_eq!(
            points.iter().map(|p| p.date).collect::<Vec<_>>(),
            vec![d(2026, 1, 2), d(2026, 1, 3)]
        );
        goal.deadline = Some(d(2026, 1, 2));
        assert_eq!(
            milestone_points(&goal, 3, Growth::Linear),
            Err(TrajectoryError::SpanTooShort)
        );
    }

    #[test]
    fn milestone_count_is_capped() {
        let points = milestone_points(&plain_goal(), 10_000, Growth::Linear).unwrap();
        assert!(points.len() <= MAX_MILESTONES);
    }

    #[test]
    fn planned_value_interpolates_and_clamps_outside_the_plan() {
        let goal = plain_goal();
        assert_eq!(planned_value(&goal, d(2025, 6, 1)), Some(120.0));
        assert_eq!(planned_value(&goal, d(2027, 1, 1)), Some(180.0));
        let mid = planned_value(&goal, d(2026, 1, 1) + Duration::days(91)).unwrap();
        assert!((mid - 140.0).abs() < 0.01);
    }

    #[test]
    fn planned_value_follows_hand_edited_milestones() {
        let mut goal = plain_goal();
        goal.milestones = vec![Milestone {
            id: "m1".into(),
            date: d(2026, 2, 1),
            value: 170.0,
            note: String::new(),
            extra: Default::default(),
        }];
        assert_eq!(planned_value(&goal, d(2026, 2, 1)), Some(170.0));
        assert_eq!(planned_path(&goal).len(), 3);
    }

    #[test]
    fn compound_path_without_milestones_is_a_curve() {
        let mut goal = plain_goal();
        goal.growth = Growth::Compound;
        let path = planned_path(&goal);
        assert!(path.len() > 3);
        let mid = planned_value(&goal, path[path.len() / 2].date).unwrap();
        let straight =
            120.0 + 60.0 * ((path[path.len() / 2].date - d(2026, 1, 1)).num_days() as f64 / 273.0);
        assert!(mid < straight, "compound path sags below the straight line");
    }

    #[test]
    fn keep_goals_plan_a_flat_line_at_the_target() {
        let mut goal = plain_goal();
        goal.metric.direction = Direction::KeepAbove;
        assert_eq!(planned_value(&goal, d(2026, 5, 1)), Some(180.0));
    }

    #[test]
    fn incomplete_plan_has_no_path() {
        let mut goal = plain_goal();
        goal.baseline = None;
        assert!(planned_path(&goal).is_empty());
        assert_eq!(planned_value(&goal, d(2026, 5, 1)), None);
    }
}
