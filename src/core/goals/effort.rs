//! "Busy but flat": steps done without the metric moving, or the metric moving without
//! the steps. Either way the plan and the metric have come apart.

use serde::Serialize;

use super::text::capitalise;
use super::Goal;

/// Fewer steps than this say too little about effort to compare it with the metric.
pub const MIN_STEPS_FOR_EFFORT_CHECK: usize = 2;

/// "Most steps done": at least three quarters of them.
pub const BUSY_STEPS_DONE_SHARE: f64 = 0.75;

/// "Not moved": less than a tenth of the way from baseline to target.
pub const FLAT_PROGRESS_SHARE: f64 = 0.10;

/// "Few steps done": a quarter or fewer.
pub const IDLE_STEPS_DONE_SHARE: f64 = 0.25;

/// "Clearly moved": at least half the way from baseline to target.
pub const MOVED_PROGRESS_SHARE: f64 = 0.50;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EffortSignal {
    /// Most steps are done but the metric has hardly moved.
    BusyButFlat {
        steps_done: usize,
        steps_total: usize,
        progress: f64,
    },
    /// The metric has moved a lot while few steps are done.
    MovingWithoutSteps {
        steps_done: usize,
        steps_total: usize,
        progress: f64,
    },
}

impl EffortSignal {
    pub fn message(&self, metric_name: &str) -> String {
        let metric = if metric_name.trim().is_empty() {
            "the metric"
        } else {
            metric_name.trim()
        };
        match self {
            EffortSignal::BusyButFlat { steps_done, steps_total, progress } => format!(
                "Busy but flat: {steps_done} of {steps_total} steps are done, but {metric} has moved only {:.0}% of the way to the target. These steps may not be what moves it: revisit them with the team.",
                progress.max(0.0) * 100.0
            ),
            EffortSignal::MovingWithoutSteps { steps_done, steps_total, progress } => format!(
                "{} has moved {:.0}% of the way to the target with only {steps_done} of {steps_total} steps done. Something else is driving it: find out what, and check the steps still matter.",
                capitalise(metric),
                progress * 100.0
            ),
        }
    }
}

/// Compares the share of steps done with how far the latest check-in has moved.
/// `None` when they agree, or when there is too little to compare.
pub fn effort_signal(goal: &Goal) -> Option<EffortSignal> {
    if goal.metric.direction.is_keep() {
        return None;
    }
    let steps_total = goal.steps.len();
    if steps_total < MIN_STEPS_FOR_EFFORT_CHECK {
        return None;
    }
    let baseline = goal.baseline_value()?;
    let target = goal.target_value()?;
    let latest = goal.latest_check_in()?.value;
    if target == baseline {
        return None;
    }
    let progress = (latest - baseline) / (target - baseline);
    let steps_done = goal.steps.iter().filter(|s| s.done).count();
    let done_share = steps_done as f64 / steps_total as f64;
    if done_share >= BUSY_STEPS_DONE_SHARE && progress < FLAT_PROGRESS_SHARE {
        Some(EffortSignal::BusyButFlat {
            steps_done,
            steps_total,
            progress,
        })
    } else if done_share <= IDLE_STEPS_DONE_SHARE && progress >= MOVED_PROGRESS_SHARE {
        Some(EffortSignal::MovingWithoutSteps {
            steps_done,
            steps_total,
            progress,
        })
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{check_in, d, plain_goal};
    use super::super::{Direction, Step};
    use super::*;

    fn goal_with(done: usize, total: usize, latest: f64) -> Goal {
        let mut goal = plain_goal();
        goal.steps = (0..total)
            .map(|i| Step {
                id: format!("s{i}").into(),
                text: format!("step {i}"),
                done: i < done,
                ..Step::default()
            })
            .collect();
        goal.check_ins = vec![check_in("c1", d(2026, 2, 1), latest)];
        goal
    }

    #[test]
    fn most_steps_done_and_metric_flat_is_busy_but_flat() {
        let signal = effort_signal(&goal_with(3, 4, 122.0)).unwrap();
        assert!(matches!(
            signal,
            EffortSignal::BusyButFlat {
                steps_done: 3,
                steps_total: 4,
                ..
            }
        ));
        assert_eq!(
            signal.message("Monthly active contributors"),
            "Busy but flat: 3 of 4 steps are done, but Monthly active contributors has moved only 3% of the way to the target. These steps may not be what moves it: revisit them with the team."
        );
    }

    #[test]
    fn metric_moving_the_wrong_way_counts_as_flat() {
        let signal = effort_signal(&goal_with(4, 4, 100.0)).unwrap();
        assert!(signal.message("").contains("the metric has moved only 0%"));
    }

    #[test]
    fn metric_moving_without_steps_is_the_reverse_signal() {
        let signal = effort_signal(&goal_with(0, 4, 160.0)).unwrap();
        assert_eq!(
            signal.message("monthly active contributors"),
            "Monthly active contributors has moved 67% of the way to the target with only 0 of 4 steps done. Something else is driving it: find out what, and check the steps still matter."
        );
    }

    #[test]
    fn effort_and_movement_in_step_say_nothing() {
        assert_eq!(effort_signal(&goal_with(2, 4, 150.0)), None);
        assert_eq!(effort_signal(&goal_with(3, 4, 150.0)), None);
    }

    #[test]
    fn too_little_to_compare_says_nothing() {
        assert_eq!(effort_signal(&goal_with(1, 1, 120.0)), None);
        let mut no_check_in = goal_with(4, 4, 120.0);
        no_check_in.check_ins.clear();
        assert_eq!(effort_signal(&no_check_in), None);
        let mut keep = goal_with(4, 4, 120.0);
        keep.metric.direction = Direction::KeepAbove;
        assert_eq!(effort_signal(&keep), None);
        let mut same = goal_with(4, 4, 120.0);
        same.target = same.baseline;
        assert_eq!(effort_signal(&same), None);
    }

    #[test]
    fn decrease_goals_measure_movement_downwards() {
        let mut goal = goal_with(4, 4, 39.0);
        goal.metric.direction = Direction::Decrease;
        goal.baseline = Some(40.0);
        goal.target = Some(24.0);
        assert!(matches!(
            effort_signal(&goal),
            Some(EffortSignal::BusyButFlat { .. })
        ));
    }
}
