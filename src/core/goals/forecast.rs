//! Forecast from the baseline and the check-ins (least squares, with a 90% prediction
//! interval), On track / At risk / Off track until the target is met, then Target reached /
//! Target held / Target met, may slip; Achieved; each with its colour ([`TrackStatus::tone`]);
//! percent complete.
//!
//! A forecast needs a minimum history ([`MIN_POINTS_FOR_FORECAST`] points over
//! [`MIN_DAYS_FOR_FORECAST`] days): two check-ins three days apart say nothing about where a
//! metric will be months later. Counts of people are forecast in whole people.

use chrono::NaiveDate;
use serde::Serialize;

use crate::core::signal::Tone;

use super::text::{format_date, format_number, with_unit, DAYS_PER_MONTH};
use super::trajectory::Point;
use super::{CheckIn, Direction, Goal, GoalStatus};

/// Check-ins needed before a trend is drawn: two points make a line; fewer is a guess.
pub const MIN_CHECK_INS_FOR_TREND: usize = 2;

/// Points (the dated baseline and the check-ins) needed before the trend is carried to the
/// deadline. A rule of thumb: with three, a straight line can at least be seen to bend.
pub const MIN_POINTS_FOR_FORECAST: usize = 3;

/// Days the points must span before the trend is carried to the deadline. A rule of thumb:
/// eight weeks covers more than one monthly check-in and smooths a week's noise.
pub const MIN_DAYS_FOR_FORECAST: i64 = 56;

/// The share of outcomes the forecast's range holds: a 90% prediction interval.
pub const FORECAST_INTERVAL_PERCENT: u32 = 90;

/// Units that count people: their forecasts are in whole people.
const PEOPLE_UNITS: &[&str] = &[
    "people",
    "person",
    "persons",
    "contributors",
    "contributor",
    "members",
    "member",
    "attendees",
    "attendee",
    "developers",
    "developer",
    "users",
    "user",
    "participants",
    "participant",
    "maintainers",
    "maintainer",
    "champions",
    "champion",
    "speakers",
    "speaker",
    "volunteers",
    "volunteer",
    "moderators",
    "moderator",
    "subscribers",
    "subscriber",
    "customers",
    "customer",
];

/// Whether `unit` counts people ("contributors", "active members").
pub fn counts_people(unit: &str) -> bool {
    unit.to_lowercase()
        .split_whitespace()
        .last()
        .is_some_and(|w| PEOPLE_UNITS.contains(&w))
}

/// A forecast figure for people: whole people for a count of people, else up to two decimals.
pub fn forecast_value(value: f64, unit: &str) -> String {
    let shown = if counts_people(unit) {
        format_number(value.round())
    } else {
        format_number(value)
    };
    with_unit(&shown, unit)
}

/// The one-sided 95% quantile of Student's t for `df` degrees of freedom: the factor of a
/// two-sided 90% interval. Tabulated to 30, then a step down to the normal's 1.645.
fn t_90(df: usize) -> f64 {
    const TABLE: [f64; 30] = [
        6.314, 2.920, 2.353, 2.132, 2.015, 1.943, 1.895, 1.860, 1.833, 1.812, 1.796, 1.782, 1.771,
        1.761, 1.753, 1.746, 1.740, 1.734, 1.729, 1.725, 1.721, 1.717, 1.714, 1.711, 1.708, 1.706,
        1.703, 1.701, 1.699, 1.697,
    ];
    match df {
        0 => f64::INFINITY,
        1..=30 => TABLE[df - 1],
        31..=60 => 1.684,
        61..=120 => 1.671,
        _ => 1.645,
    }
}

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
    /// How many points it was fitted through.
    pub points: usize,
    /// Days from the first point to the last.
    pub span_days: i64,
    /// The points' mean day (since `origin`) and Σ(day − mean)², for the interval.
    pub mean_day: f64,
    pub sxx: f64,
    /// The residual standard error (0 when the points lie on the line, or with two points).
    pub residual_se: f64,
}

impl Trend {
    pub fn value_at(&self, date: NaiveDate) -> f64 {
        self.intercept + self.slope_per_day * (date - self.origin).num_days() as f64
    }

    /// Half the width of the 90% prediction interval of one new value on `date`; None with
    /// fewer than three points (no residual to measure the spread with).
    pub fn half_width_at(&self, date: NaiveDate) -> Option<f64> {
        if self.points < 3 || self.sxx <= 0.0 {
            return None;
        }
        let n = self.points as f64;
        let x = (date - self.origin).num_days() as f64;
        let spread = (1.0 + 1.0 / n + (x - self.mean_day).powi(2) / self.sxx).sqrt();
        let half = t_90(self.points - 2) * self.residual_se * spread;
        half.is_finite().then_some(half)
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
    let intercept = mean_y - slope * mean_x;
    let sse: f64 = xs
        .iter()
        .zip(&usable)
        .map(|(x, c)| (c.value - (intercept + slope * x)).powi(2))
        .sum();
    let residual_se = if usable.len() > 2 {
        (sse / (n - 2.0)).sqrt()
    } else {
        0.0
    };
    let last = usable.iter().map(|c| c.date).max().unwrap_or(origin);
    let fitted = Trend {
        origin,
        intercept,
        slope_per_day: slope,
        points: usable.len(),
        span_days: (last - origin).num_days(),
        mean_day: mean_x,
        sxx,
        residual_se,
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

/// The trend line from the first point to the deadline, for the chart.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
#[serde(default)]
pub struct Forecast {
    pub from: Point,
    /// The forecast value at the deadline (the line's).
    pub to: Point,
    /// The 90% prediction interval at the deadline.
    pub low: f64,
    pub high: f64,
    pub per_month: f64,
    /// The points (the dated baseline and the check-ins) it rests on, and their span.
    pub points: usize,
    pub span_days: i64,
    /// The interval was cut at 0: the metric has never been below it (a count, a time).
    pub cut_at_zero: bool,
}

/// Why there is no forecast: too little history, or nothing to carry it to.
#[derive(Clone, Debug, PartialEq)]
pub enum NoForecast {
    NoDeadline,
    /// Fewer points, or a shorter span, than a forecast needs.
    TooLittleHistory {
        points: usize,
        span_days: i64,
    },
}

impl NoForecast {
    pub fn message(&self) -> String {
        match self {
            NoForecast::NoDeadline => "No forecast: the goal has no deadline.".into(),
            NoForecast::TooLittleHistory { points, span_days } => format!(
                "No forecast yet: it needs at least {MIN_POINTS_FOR_FORECAST} points (the dated \
                 baseline and check-ins) over {} weeks; there {} {points} over {span_days} {} \
                 (a rule of thumb).",
                MIN_DAYS_FOR_FORECAST / 7,
                if *points == 1 { "is" } else { "are" },
                if *span_days == 1 { "day" } else { "days" },
            ),
        }
    }
}

/// Where the trend of the baseline and check-ins says the metric will be at the deadline, with
/// its 90% prediction interval, once there is enough history.
pub fn try_forecast(goal: &Goal) -> Result<Forecast, NoForecast> {
    let deadline = goal.deadline.ok_or(NoForecast::NoDeadline)?;
    let line = trend_from_baseline(goal);
    let (points, span_days) =
        line.map_or_else(|| (history_points(goal), 0), |l| (l.points, l.span_days));
    let line = line
        .filter(|l| l.points >= MIN_POINTS_FOR_FORECAST && l.span_days >= MIN_DAYS_FOR_FORECAST)
        .ok_or(NoForecast::TooLittleHistory { points, span_days })?;
    let value = line.value_at(deadline);
    let half = line.half_width_at(deadline).unwrap_or(0.0);
    // A metric that has never been below 0 (a count of people, a time) is not forecast below it.
    let never_negative = goal.baseline_value().is_none_or(|b| b >= 0.0)
        && goal
            .check_ins
            .iter()
            .filter(|c| c.value.is_finite())
            .all(|c| c.value >= 0.0);
    let low = value - half;
    let cut_at_zero = never_negative && low < 0.0;
    Ok(Forecast {
        from: Point {
            date: line.origin,
            value: line.intercept,
        },
        to: Point {
            date: deadline,
            value,
        },
        low: if cut_at_zero { 0.0 } else { low },
        high: value + half,
        per_month: line.per_month(),
        points: line.points,
        span_days: line.span_days,
        cut_at_zero,
    })
}

/// How many usable points a goal's history has: its check-ins and a dated baseline.
fn history_points(goal: &Goal) -> usize {
    let check_ins = goal
        .check_ins
        .iter()
        .filter(|c| c.value.is_finite())
        .count();
    let baseline = goal.baseline_value().is_some() && goal.baseline_date.is_some();
    check_ins + usize::from(baseline)
}

/// [`try_forecast`], when there is one.
pub fn forecast(goal: &Goal) -> Option<Forecast> {
    try_forecast(goal).ok()
}

/// The forecast in words, or why there is none: "Forecast 150 to 172 contributors by 30 June
/// 2027 (target 180): 90% prediction interval of a straight line through the baseline and 4
/// check-ins over 4 months."
pub fn forecast_text(goal: &Goal) -> String {
    let unit = goal.metric.unit.trim();
    match try_forecast(goal) {
        Ok(f) => {
            let range = range_text(&f, unit);
            let target = goal
                .target_value()
                .map(|t| format!(" (target {})", with_unit(&format_number(t), unit)))
                .unwrap_or_default();
            format!(
                "Forecast {range} by {}{target}: {}.",
                format_date(f.to.date),
                basis_text(&f)
            )
        }
        Err(why) => why.message(),
    }
}

/// "150 to 172 contributors" (whole people for a count of people), or one figure when the
/// interval has no width.
pub fn range_text(f: &Forecast, unit: &str) -> String {
    let people = counts_people(unit);
    let (lo, hi) = if people {
        (f.low.round(), f.high.round())
    } else {
        (f.low, f.high)
    };
    if hi - lo < 1e-9 {
        return forecast_value(f.to.value, unit);
    }
    format!(
        "{} to {}",
        format_number(lo),
        with_unit(&format_number(hi), unit)
    )
}

/// The range's figures alone, for a chart label: "150–172" (whole people for a count of
/// people, as in [`range_text`]).
pub fn range_figures(f: &Forecast, unit: &str) -> String {
    let text = range_text(f, unit);
    let unit = unit.trim();
    let figures = if unit.is_empty() || unit == "%" {
        text.as_str()
    } else {
        text.strip_suffix(unit).map_or(text.as_str(), str::trim_end)
    };
    figures.replace(" to ", "–")
}

/// "90% prediction interval of the straight line through 5 points (the dated baseline and the
/// check-ins) over 4 months".
pub fn basis_text(f: &Forecast) -> String {
    let months = (f.span_days as f64 / DAYS_PER_MONTH * 10.0).round() / 10.0;
    let width = if f.high - f.low < 1e-9 {
        "the straight line through".to_string()
    } else {
        format!("{FORECAST_INTERVAL_PERCENT}% prediction interval of the straight line through")
    };
    let cut = if f.cut_at_zero {
        ", cut at 0, below which the metric has never been"
    } else {
        ""
    };
    format!(
        "{width} {} points (the dated baseline and the check-ins) over {} months{cut}",
        f.points,
        format_number(months)
    )
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TrackStatus {
    OnTrack,
    AtRisk,
    OffTrack,
    /// The latest check-in meets the target (of a goal that moves the metric) and the trend
    /// holds it there, or there is not enough history for a trend.
    TargetReached,
    /// The latest check-in of a keep-above or keep-below goal is on the right side of its line
    /// and the trend keeps it there, or there is not enough history for a trend.
    TargetHeld,
    /// The latest check-in meets the target, but the trend crosses back by the deadline: met
    /// today, said so, with the warning beside it (never "At risk" alone, which reads as not
    /// there yet).
    MetMaySlip,
    /// The goal is marked achieved.
    Achieved,
    #[default]
    NotEnoughData,
    /// The metric's direction is a value from a newer version of Trellis: which side of the
    /// target is better is not known here, so nothing is said about it.
    NotJudged,
}

impl TrackStatus {
    /// The words a goal's status is shown with, everywhere (the page, the report, a shared view).
    pub fn label(self) -> &'static str {
        match self {
            TrackStatus::OnTrack => "On track",
            TrackStatus::AtRisk => "At risk",
            TrackStatus::OffTrack => "Off track",
            TrackStatus::TargetReached => "Target reached",
            TrackStatus::TargetHeld => "Target held",
            TrackStatus::MetMaySlip => "Target met, may slip",
            TrackStatus::Achieved => "Achieved",
            TrackStatus::NotEnoughData => "Not enough history",
            TrackStatus::NotJudged => "Not judged: direction from a newer version",
        }
    }

    /// Its colour, from the same computation as its words: a status that says the target is
    /// met or on its way is good, one that says it may be missed is a warning, off track is a
    /// problem, and too little history is neutral.
    pub fn tone(self) -> Tone {
        match self {
            TrackStatus::OnTrack
            | TrackStatus::TargetReached
            | TrackStatus::TargetHeld
            | TrackStatus::Achieved => Tone::Good,
            TrackStatus::AtRisk | TrackStatus::MetMaySlip => Tone::Warn,
            TrackStatus::OffTrack => Tone::Bad,
            TrackStatus::NotEnoughData | TrackStatus::NotJudged => Tone::Neutral,
        }
    }

    /// Whether the status says the target is met now (or the goal is marked achieved).
    pub fn is_met(self) -> bool {
        matches!(
            self,
            TrackStatus::TargetReached
                | TrackStatus::TargetHeld
                | TrackStatus::MetMaySlip
                | TrackStatus::Achieved
        )
    }
}

/// On track / At risk / Off track from the forecast at the deadline against the target, while
/// the latest check-in has not met it; once it has, the status says so: Target reached (Target
/// held for a keep-above or keep-below goal) when nothing says it will slip, Target met, may
/// slip when the trend crosses back by the deadline. Achieved when the goal is marked so.
pub fn track_status(goal: &Goal) -> TrackStatus {
    if goal.status == GoalStatus::Achieved {
        return TrackStatus::Achieved;
    }
    let Some(target) = goal.target_value() else {
        return TrackStatus::NotEnoughData;
    };
    let latest = goal.latest_check_in().map(|c| c.value);
    let predicted = forecast(goal).map(|f| f.to.value);
    let direction = goal.metric.direction;
    let Some(sign) = direction.sign() else {
        return TrackStatus::NotJudged;
    };
    let reached = latest.is_some_and(|v| goal.meets_target(v));
    if reached {
        return match predicted {
            Some(end) if !goal.meets_target(end) => TrackStatus::MetMaySlip,
            _ if direction.is_keep() => TrackStatus::TargetHeld,
            _ => TrackStatus::TargetReached,
        };
    }
    if direction.is_keep() {
        // Below the floor (or above the ceiling) now.
        return match latest {
            None => TrackStatus::NotEnoughData,
            Some(_) => TrackStatus::OffTrack,
        };
    }
    let Some(end) = predicted else {
        return TrackStatus::NotEnoughData;
    };
    if goal.meets_target(end) {
        return TrackStatus::OnTrack;
    }
    let planned_change = goal
        .baseline_value()
        .map(|b| (target - b).abs())
        .unwrap_or(0.0);
    let shortfall = (target - end) * sign;
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
    direction
        .sign()
        .is_some_and(|sign| (later - earlier) * sign > 0.0)
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
    fn status_needs_enough_history_unless_the_target_is_already_met() {
        assert_eq!(
            track_status(&with_check_ins(&[(2, 130.0)])),
            TrackStatus::NotEnoughData
        );
        assert_eq!(
            track_status(&with_check_ins(&[(2, 185.0)])),
            TrackStatus::TargetReached
        );
        assert_eq!(TrackStatus::TargetReached.label(), "Target reached");
    }

    #[test]
    fn two_check_ins_three_days_apart_give_no_forecast() {
        // The case: target 60, two check-ins three days apart, a line to 121.
        let mut goal = plain_goal();
        goal.baseline = Some(20.0);
        goal.baseline_date = None;
        goal.target = Some(60.0);
        goal.check_ins = vec![
            check_in("a", d(2026, 3, 1), 20.0),
            check_in("b", d(2026, 3, 4), 21.0),
        ];
        assert!(trend(&goal.check_ins).is_some(), "a line can be drawn");
        assert_eq!(forecast(&goal), None);
        assert_eq!(track_status(&goal), TrackStatus::NotEnoughData);
        assert_eq!(
            forecast_text(&goal),
            "No forecast yet: it needs at least 3 points (the dated baseline and check-ins) over \
             8 weeks; there are 2 over 3 days (a rule of thumb)."
        );
    }

    #[test]
    fn the_forecast_counts_the_baseline_as_the_smart_check_does() {
        // Baseline 120 on 1 January and check-ins on 1 February and 1 March: three points.
        let goal = with_check_ins(&[(2, 130.0), (3, 140.0)]);
        let f = forecast(&goal).unwrap();
        assert_eq!((f.points, f.span_days), (3, 59));
        assert_eq!(f.from.date, d(2026, 1, 1));
        // Without the baseline, two check-ins a month apart are too little history.
        let mut bare = goal.clone();
        bare.baseline_date = None;
        assert!(forecast(&bare).is_none());
    }

    #[test]
    fn the_forecast_is_a_range_in_whole_people() {
        // Baseline 120 (1 January), then 127.3, 135.9, 140.2, 149.6 on the first of each month.
        let goal = with_check_ins(&[(2, 127.3), (3, 135.9), (4, 140.2), (5, 149.6)]);
        let f = forecast(&goal).unwrap();
        assert!(f.low < f.to.value && f.to.value < f.high, "{f:?}");
        let text = forecast_text(&goal);
        assert!(
            text.starts_with(&format!(
                "Forecast {} to {} contributors by 1 October 2026 (target 180 contributors): 90% \
                 prediction \
                 interval of the straight line through 5 points (the dated baseline and the \
                 check-ins) over 3.9 months.",
                f.low.round(),
                f.high.round()
            )),
            "{text}"
        );
        assert_eq!(forecast_value(184.28, "contributors"), "184 contributors");
        assert_eq!(
            range_figures(&f, "contributors"),
            format!("{}–{}", f.low.round(), f.high.round())
        );
        assert_eq!(forecast_value(184.28, "hours"), "184.28 hours");
        assert!(counts_people("monthly active contributors"));
        assert!(!counts_people("%"));
    }

    #[test]
    fn a_count_is_not_forecast_below_zero_and_says_the_interval_was_cut() {
        // Three points, one of them far off the line: a wide interval (t with 1 degree of
        // freedom is 6.3), whose low end would be a negative number of people.
        let goal = with_check_ins(&[(2, 121.0), (3, 150.0)]);
        let f = forecast(&goal).unwrap();
        assert!(f.cut_at_zero && f.low == 0.0, "{f:?}");
        let text = forecast_text(&goal);
        assert!(text.starts_with("Forecast 0 to "), "{text}");
        assert!(
            text.ends_with("over 1.9 months, cut at 0, below which the metric has never been."),
            "{text}"
        );
    }

    #[test]
    fn an_achieved_goal_reads_achieved_not_on_track() {
        let mut goal = with_check_ins(&[(1, 120.0), (2, 127.0), (3, 134.0)]);
        assert_eq!(track_status(&goal), TrackStatus::OnTrack);
        goal.status = GoalStatus::Achieved;
        assert_eq!(track_status(&goal), TrackStatus::Achieved);
        assert_eq!(TrackStatus::Achieved.label(), "Achieved");
    }

    #[test]
    fn the_prediction_interval_uses_students_t_with_n_minus_2_degrees_of_freedom() {
        assert_eq!(t_90(1), 6.314);
        assert_eq!(t_90(3), 2.353);
        assert_eq!(t_90(1000), 1.645);
        // Points on a line: no spread, one figure.
        let goal = with_check_ins(&[(2, 130.0), (3, 140.0), (4, 150.0)]);
        let mut on_line = goal.clone();
        on_line.check_ins = vec![
            check_in("a", d(2026, 1, 1), 100.0),
            check_in("b", d(2026, 2, 1), 131.0),
            check_in("c", d(2026, 3, 1), 159.0),
        ];
        on_line.baseline_date = None;
        let f = forecast(&on_line).unwrap();
        assert!((f.high - f.low).abs() < 1e-6, "{f:?}");
        assert!(forecast_text(&on_line).contains(": the straight line through 3 points"));
        assert!(forecast(&goal).is_some());
    }

    #[test]
    fn reached_target_but_falling_says_met_and_may_slip_in_a_warning() {
        let goal = with_check_ins(&[(1, 200.0), (2, 190.0), (3, 182.0)]);
        assert_eq!(track_status(&goal), TrackStatus::MetMaySlip);
        assert_eq!(TrackStatus::MetMaySlip.label(), "Target met, may slip");
        assert_eq!(TrackStatus::MetMaySlip.tone(), Tone::Warn);
    }

    #[test]
    fn keep_above_goal_is_off_track_below_the_floor_and_held_while_above_it() {
        let mut goal = with_check_ins(&[(1, 95.0), (2, 93.0), (3, 91.0)]);
        goal.metric.direction = Direction::KeepAbove;
        goal.target = Some(90.0);
        assert_eq!(track_status(&goal), TrackStatus::MetMaySlip);
        goal.check_ins.push(check_in("c9", d(2026, 4, 1), 88.0));
        assert_eq!(track_status(&goal), TrackStatus::OffTrack);
        goal.check_ins = with_check_ins(&[(1, 95.0), (2, 95.0)]).check_ins;
        assert_eq!(track_status(&goal), TrackStatus::TargetHeld);
        assert_eq!(TrackStatus::TargetHeld.label(), "Target held");
    }

    /// Every way a goal can have met its target: the words say so and never "On track" or
    /// "At risk", and the colour comes from the same status.
    #[test]
    fn a_goal_whose_latest_check_in_meets_its_target_never_reads_on_track() {
        let cases: Vec<(&str, Goal)> = vec![
            ("reached, one check-in", with_check_ins(&[(2, 185.0)])),
            (
                "reached, trend above",
                with_check_ins(&[(1, 150.0), (2, 170.0), (3, 190.0)]),
            ),
            (
                "beaten, trend falling",
                with_check_ins(&[(1, 200.0), (2, 190.0), (3, 182.0)]),
            ),
            (
                "met exactly",
                with_check_ins(&[(1, 160.0), (2, 170.0), (3, 180.0)]),
            ),
            ("keep above, held", {
                let mut g = with_check_ins(&[(1, 95.0), (2, 96.0), (3, 97.0)]);
                g.metric.direction = Direction::KeepAbove;
                g.target = Some(90.0);
                g
            }),
            ("decrease, beaten", {
                let mut g = with_check_ins(&[(1, 30.0), (2, 25.0), (3, 18.0)]);
                g.metric.direction = Direction::Decrease;
                g.baseline = Some(40.0);
                g.target = Some(20.0);
                g
            }),
        ];
        for (name, mut goal) in cases {
            let status = track_status(&goal);
            assert!(status.is_met(), "{name}: {status:?}");
            assert!(
                !matches!(
                    status,
                    TrackStatus::OnTrack | TrackStatus::AtRisk | TrackStatus::OffTrack
                ),
                "{name}: {status:?}"
            );
            assert_ne!(status.tone(), Tone::Bad, "{name}");
            assert_ne!(status.tone(), Tone::Neutral, "{name}");
            assert_eq!(progress(&goal).status, status, "{name}");
            goal.status = GoalStatus::Achieved;
            assert_eq!(track_status(&goal), TrackStatus::Achieved, "{name}");
            assert_eq!(track_status(&goal).tone(), Tone::Good, "{name}");
        }
    }

    #[test]
    fn each_status_has_one_colour_from_its_meaning() {
        use TrackStatus::*;
        for (status, tone) in [
            (OnTrack, Tone::Good),
            (TargetReached, Tone::Good),
            (TargetHeld, Tone::Good),
            (Achieved, Tone::Good),
            (AtRisk, Tone::Warn),
            (MetMaySlip, Tone::Warn),
            (OffTrack, Tone::Bad),
            (NotEnoughData, Tone::Neutral),
        ] {
            assert_eq!(status.tone(), tone, "{status:?}");
        }
        assert!(!OnTrack.is_met() && !AtRisk.is_met() && !NotEnoughData.is_met());
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
