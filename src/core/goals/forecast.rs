//! Forecast from check-ins (least squares), On track / At risk / Off track, percent complete.

use chrono::NaiveDate;
use serde::Serialize;

use super::text::DAYS_PER_MONTH;
use super::trajectory::Point;
use super::{CheckIn, Direction, Goal};

/// Check-ins needed before a trend is drawn: two points make a line; fewer is a guess.
pub const MIN_CHECK_INS_FOR_TREND: usize = 2;

/// A forecast that falls short of the target by no more than this share of the planned
/// change (baseline to target) is "At risk" rather than "Off track": within a tenth of the
/// way, a push or a good month can still close the gap.
pub const AT_RISK_SHORTFALL: f64 = 0.10;

/// A straight line fitted through check-ins: value = intercept + slope × days since origin.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
#[serde(default)]
pub struct Trend {
    pub origin: NaiveDate,
    pub intercept: f64,
    pub slope_per_day: f64,
}

impl Trend {
    pub fn value_at(&self, date: NaiveDate) -> f64 {
        self.intercept + self.slope_per_day * (date - self.origin).num_days() as f64
    }

    pub fn per_month(&self) -> f64 {
        self.slope_per_day * DAYS_PER_MONTH
    }
}

/// Least-squares line through the check-ins with usable values; `None` with fewer than
/// [`MIN_CHECK_INS_FOR_TREND`] of them or when they all share one date.
pub fn trend(check_ins: &[CheckIn]) -> Option<Trend> {
    let usable: Vec<&CheckIn> = check_ins.iter().filter(|c| c.value.is_finite()).collect();
    if usable.len() < MIN_CHECK_INS_FOR_TREND {
        return None;
    }
    let origin = usable.iter().map(|c| c.date).min()?;
    let n = usable.len() as f64;
    let xs: Vec<f64> = usable
        .iter()
        .map(|c| (c.date - origin).num_days() as f64)
        .collect();
    let mean_x = xs.iter().sum::<f64>() / n;
    let mean_y = usable.iter().map(|c| c.value).sum::<f64>() / n;
    let (mut sxx, mut sxy) = (0.0, 0.0);
    for (x, c) in xs.iter().zip(&usable) {
        sxx += (x - mean_x) * (x - mean_x);
        sxy += (x - mean_x) * (c.value - mean_y);
    }
    if sxx <= 0.0 {
        return None;
    }
    let slope = sxy / sxx;
    let fitted = Trend {
        origin,
        intercept: mean_y - slope * mean_x,
        slope_per_day: slope,
    };
    (fitted.intercept.is_finite() && fitted.slope_per_day.is_finite()).then_some(fitted)
}

/// The trend the SMART check reads: the baseline, when it is dated, counts as the first
/// point (unless a check-in shares its date), so a baseline and one check-in give a rate.
pub fn trend_from_baseline(goal: &Goal) -> Option<Trend> {
    let mut points = goal.check_ins.clone();
    if let (Some(value), Some(date)) = (goal.baseline_value(), goal.baseline_date) {
        if !points.iter().any(|c| c.date == date) {
            points.push(CheckIn {
                date,
                value,
                ..CheckIn::default()
            });
        }
    }
    trend(&points)
}

/// The trend line from the first check-in to the deadline, for the chart.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
#[serde(default)]
pub struct Forecast {
    pub from: Point,
    /// The forecast value at the deadline.
    pub to: Point,
    pub per_month: f64,
}

/// Where the check-ins' trend says the metric will be at the deadline.
pub fn forecast(goal: &Goal) -> Option<Forecast> {
    let deadline = goal.deadline?;
    let line = trend(&goal.check_ins)?;
    Some(Forecast {
        from: Point {
            date: line.origin,
            value: line.intercept,
        },
        to: Point {
            date: deadline,
            value: line.value_at(deadline),
        },
        per_month: line.per_month(),
    })
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TrackStatus {
    OnTrack,
    AtRisk,
    OffTrack,
    #[default]
    NotEnoughData,
}

impl TrackStatus {
    pub fn label(self) -> &'static str {
        match self {
            TrackStatus::OnTrack => "On track",
            TrackStatus::AtRisk => "At risk",
            TrackStatus::OffTrack => "Off track",
            TrackStatus::NotEnoughData => "Not enough check-ins",
        }
    }
}

/// On track / At risk / Off track from the forecast at the deadline against the target.
pub fn track_status(goal: &Goal) -> TrackStatus {
    let Some(target) = goal.target_value() else {
        return TrackStatus::NotEnoughData;
    };
    let latest = goal.latest_check_in().map(|c| c.value);
    let predicted = forecast(goal).map(|f| f.to.value);
    let direction = goal.metric.direction;
    if direction.is_keep() {
        return match (latest, predicted) {
            (None, _) => TrackStatus::NotEnoughData,
            (Some(now), _) if !goal.meets_target(now) => TrackStatus::OffTrack,
            (Some(_), Some(end)) if !goal.meets_target(end) => TrackStatus::AtRisk,
            _ => TrackStatus::OnTrack,
        };
    }
    let reached = latest.is_some_and(|v| goal.meets_target(v));
    let Some(end) = predicted else {
        return if reached {
            TrackStatus::OnTrack
        } else {
            TrackStatus::NotEnoughData
        };
    };
    if goal.meets_target(end) {
        return TrackStatus::OnTrack;
    }
    if reached {
        return TrackStatus::AtRisk;
    }
    let planned_change = goal
        .baseline_value()
        .map(|b| (target - b).abs())
        .unwrap_or(0.0);
    let shortfall = (target - end) * direction.sign();
    if planned_change > 0.0 && shortfall <= AT_RISK_SHORTFALL * planned_change {
        TrackStatus::AtRisk
    } else {
        TrackStatus::OffTrack
    }
}

/// How far the latest check-in has come from baseline to target, 0–100. `None` for
/// keep-above/below goals, without a check-in, or when baseline equals target.
pub fn percent_complete(goal: &Goal) -> Option<f64> {
    if goal.metric.direction.is_keep() {
        return None;
    }
    let baseline = goal.baseline_value()?;
    let target = goal.target_value()?;
    let latest = goal.latest_check_in()?.value;
    let span = target - baseline;
    if span == 0.0 {
        return None;
    }
    Some(((latest - baseline) / span * 100.0).clamp(0.0, 100.0))
}

/// Everything the goal card and chart show about progress, in one call.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(default)]
pub struct Progress {
    pub status: TrackStatus,
    pub forecast: Option<Forecast>,
    pub percent_complete: Option<f64>,
    pub latest: Option<CheckIn>,
    /// The team's confidence from the most recent check-in that recorded one, 0–100.
    pub confidence: Option<u8>,
}

pub fn progress(goal: &Goal) -> Progress {
    Progress {
        status: track_status(goal),
        forecast: forecast(goal),
        percent_complete: percent_complete(goal),
        latest: goal.latest_check_in().cloned(),
        confidence: latest_confidence(goal),
    }
}

/// The most recent recorded confidence, capped at 100.
pub fn latest_confidence(goal: &Goal) -> Option<u8> {
    goal.check_ins
        .iter()
        .filter(|c| c.confidence.is_some())
        .max_by_key(|c| c.date)
        .and_then(|c| c.confidence)
        .map(|c| c.min(100))
}

/// Direction-aware: is `later` better than `earlier` for this goal?
pub fn improved(direction: Direction, earlier: f64, later: f64) -> bool {
    (later - earlier) * direction.sign() > 0.0
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{check_in, d, plain_goal};
    use super::*;

    fn with_check_ins(values: &[(u32, f64)]) -> Goal {
        let mut goal = plain_goal();
        goal.check_ins = values
            .iter()
            .enumerate()
            .map(|(i, (month, v))| check_in(&format!("c{i}"), d(2026, *month, 1), *v))
            .collect();
        goal
    }

    #[test]
    fn least_squares_fits_a_straight_line_exactly() {
        let goal = with_check_ins(&[(1, 120.0), (2, 151.0), (3, 179.0)]);
        let line = trend(&goal.check_ins).unwrap();
        assert!((line.slope_per_day - 1.0).abs() < 1e-9);
        assert!((line.value_at(d(2026, 1, 11)) - 130.0).abs() < 1e-9);
    }

    #[test]
    fn least_squares_averages_noisy_points() {
        let goal = with_check_ins(&[(1, 10.0), (1, 20.0), (3, 30.0), (3, 40.0)]);
        let line = trend(&goal.check_ins).unwrap();
        assert!((line.value_at(d(2026, 1, 1)) - 15.0).abs() < 1e-9);
        assert!((line.value_at(d(2026, 3, 1)) - 35.0).abs() < 1e-9);
    }

    #[test]
    fn no_trend_from_one_check_in_or_one_date() {
        assert_eq!(trend(&with_check_ins(&[(2, 130.0)]).check_ins), None);
        assert_eq!(
            trend(&with_check_ins(&[(2, 130.0), (2, 140.0)]).check_ins),
            None
        );
        assert_eq!(
            trend(&with_check_ins(&[(2, 130.0), (3, f64::NAN)]).check_ins),
            None
        );
    }

    #[test]
    fn forecast_runs_to_the_deadline() {
        let goal = with_check_ins(&[(1, 120.0), (2, 127.0), (3, 134.0)]);
        let f = forecast(&goal).unwrap();
        assert_eq!(f.to.date, d(2026, 10, 1));
        assert!(f.to.value > 180.0);
        assert!(f.per_month > 6.0 && f.per_month < 8.0);
    }

    #[test]
    fn status_is_on_track_when_the_forecast_reaches_the_target() {
        let goal = with_check_ins(&[(1, 120.0), (2, 127.0), (3, 134.0)]);
        assert_eq!(track_status(&goal), TrackStatus::OnTrack);
    }

    #[test]
    fn status_is_at_risk_when_the_forecast_falls_just_short() {
        // About 6.3 a month → ~176.5 by 1 October: 3.5 short, inside 10% of the planned 60.
        let goal = with_check_ins(&[(1, 120.0), (2, 126.4), (3, 132.2)]);
        assert_eq!(track_status(&goal), TrackStatus::AtRisk);
    }

    #[test]
    fn status_is_off_track_when_the_forecast_falls_well_short() {
        let goal = with_check_ins(&[(1, 120.0), (2, 122.0), (3, 124.0)]);
        assert_eq!(track_status(&goal), TrackStatus::OffTrack);
    }

    #[test]
    fn status_for_decrease_goals_reads_the_other_way() {
        let mut goal = with_check_ins(&[(1, 40.0), (2, 36.0), (3, 32.0)]);
        goal.metric.direction = Direction::Decrease;
        goal.baseline = Some(40.0);
        goal.target = Some(24.0);
        assert_eq!(track_status(&goal), TrackStatus::OnTrack);
        goal.check_ins = with_check_ins(&[(1, 40.0), (2, 41.0), (3, 42.0)]).check_ins;
        assert_eq!(track_status(&goal), TrackStatus::OffTrack);
    }

    #[test]
    fn status_needs_two_check_ins_unless_the_target_is_already_met() {
        assert_eq!(
            track_status(&with_check_ins(&[(2, 130.0)])),
            TrackStatus::NotEnoughData
        );
        assert_eq!(
            track_status(&with_check_ins(&[(2, 185.0)])),
            TrackStatus::OnTrack
        );
    }

    #[test]
    fn reached_target_but_falling_is_at_risk() {
        let goal = with_check_ins(&[(1, 200.0), (2, 190.0), (3, 182.0)]);
        assert_eq!(track_status(&goal), TrackStatus::AtRisk);
    }

    #[test]
    fn keep_above_goal_is_off_track_below_the_floor_and_at_risk_when_heading_there() {
        let mut goal = with_check_ins(&[(1, 95.0), (2, 93.0), (3, 91.0)]);
        goal.metric.direction = Direction::KeepAbove;
        goal.target = Some(90.0);
        assert_eq!(track_status(&goal), TrackStatus::AtRisk);
        goal.check_ins.push(check_in("c9", d(2026, 4, 1), 88.0));
        assert_eq!(track_status(&goal), TrackStatus::OffTrack);
        goal.check_ins = with_check_ins(&[(1, 95.0), (2, 95.0)]).check_ins;
        assert_eq!(track_status(&goal), TrackStatus::OnTrack);
    }

    #[test]
    fn percent_complete_is_clamped_and_direction_aware() {
        assert_eq!(percent_complete(&with_check_ins(&[(2, 150.0)])), Some(50.0));
        assert_eq!(percent_complete(&with_check_ins(&[(2, 100.0)])), Some(0.0));
        assert_eq!(
            percent_complete(&with_check_ins(&[(2, 300.0)])),
            Some(100.0)
        );
        let mut goal = with_check_ins(&[(2, 30.0)]);
        goal.metric.direction = Direction::Decrease;
        goal.baseline = Some(40.0);
        goal.target = Some(20.0);
        assert_eq!(percent_complete(&goal), Some(50.0));
    }

    #[test]
    fn percent_complete_is_none_without_a_span_or_check_in() {
        assert_eq!(percent_complete(&plain_goal()), None);
        let mut goal = with_check_ins(&[(2, 150.0)]);
        goal.target = goal.baseline;
        assert_eq!(percent_complete(&goal), None);
    }

    #[test]
    fn progress_reports_the_latest_confidence_capped_at_100() {
        let mut goal = with_check_ins(&[(1, 120.0), (2, 127.0), (3, 134.0)]);
        goal.check_ins[0].confidence = Some(60);
        goal.check_ins[1].confidence = Some(250);
        let p = progress(&goal);
        assert_eq!(p.confidence, Some(100));
        assert_eq!(p.latest.map(|c| c.value), Some(134.0));
        assert_eq!(p.status, TrackStatus::OnTrack);
    }
}
