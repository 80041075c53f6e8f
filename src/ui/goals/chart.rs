//! The progress chart: planned path, milestones, check-ins, the least-squares forecast to
//! the deadline with the team's confidence beside it. A table carries the same data.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::core::goals::text::{format_date, format_number, format_value};
use crate::core::goals::{planned_path, progress, Goal, Point};

use super::GoalCtx;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 280.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 120.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 40.0;

/// Everything drawn, in chart coordinates, plus the words for the text equivalent.
#[derive(Clone, Debug, PartialEq, Default)]
struct Drawing {
    planned: String,
    milestones: Vec<(f64, f64)>,
    actual_line: String,
    actuals: Vec<(f64, f64)>,
    forecast: Option<(f64, f64, f64, f64)>,
    forecast_label: Vec<String>,
    target_y: Option<f64>,
    today_x: Option<f64>,
    y_labels: Vec<(f64, String)>,
    x_labels: Vec<(f64, String, &'static str)>,
    summary: String,
    unit: String,
    rows: Vec<(NaiveDate, &'static str, String)>,
}

struct Scale {
    d0: NaiveDate,
    days: f64,
    v0: f64,
    v1: f64,
}

impl Scale {
    fn x(&self, d: NaiveDate) -> f64 {
        LEFT + (d - self.d0).num_days() as f64 / self.days * (WIDTH - LEFT - RIGHT)
    }
    fn y(&self, v: f64) -> f64 {
        TOP + (self.v1 - v) / (self.v1 - self.v0) * (HEIGHT - TOP - BOTTOM)
    }
}

fn polyline(scale: &Scale, points: &[Point]) -> String {
    points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            format!(
                "{}{:.1},{:.1}",
                if i == 0 { "M" } else { " L" },
                scale.x(p.date),
                scale.y(p.value)
            )
        })
        .collect()
}

fn draw(goal: &Goal, today: NaiveDate) -> Option<Drawing> {
    let unit = goal.metric.unit.as_str();
    let path = planned_path(goal);
    let prog = progress(goal);
    let actual: Vec<Point> = goal
        .check_ins
        .iter()
        .filter(|c| c.value.is_finite())
        .map(|c| Point {
            date: c.date,
            value: c.value,
        })
        .collect();
    let milestones: Vec<Point> = goal
        .milestones
        .iter()
        .filter(|m| m.value.is_finite())
        .map(|m| Point {
            date: m.date,
            value: m.value,
        })
        .collect();
    let mut all: Vec<Point> = path.clone();
    all.extend(actual.iter().copied());
    all.extend(milestones.iter().copied());
    if let Some(f) = prog.forecast {
        all.extend([f.from, f.to]);
    }
    if all.is_empty() {
        return None;
    }
    let mut dates: Vec<NaiveDate> = all.iter().map(|p| p.date).collect();
    dates.extend(goal.baseline_date);
    dates.extend(goal.deadline);
    let d0 = dates.iter().min().copied()?;
    let d1 = dates.iter().max().copied()?;
    let mut values: Vec<f64> = all.iter().map(|p| p.value).collect();
    values.extend(goal.target_value());
    values.extend(goal.baseline_value());
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let pad = if hi > lo {
        (hi - lo) * 0.08
    } else {
        lo.abs().max(1.0) * 0.1
    };
    let scale = Scale {
        d0,
        days: ((d1 - d0).num_days() as f64).max(1.0),
        v0: lo - pad,
        v1: hi + pad,
    };
    let mut d = Drawing {
        planned: polyline(&scale, &path),
        milestones: milestones
            .iter()
            .map(|p| (scale.x(p.date), scale.y(p.value)))
            .collect(),
        actual_line: polyline(&scale, &actual),
        actuals: actual
            .iter()
            .map(|p| (scale.x(p.date), scale.y(p.value)))
            .collect(),
        target_y: goal.target_value().map(|t| scale.y(t)),
        today_x: (today >= d0 && today <= d1).then(|| scale.x(today)),
        unit: unit.trim().to_string(),
        ..Drawing::default()
    };
    if let Some(f) = prog.forecast {
        d.forecast = Some((
            scale.x(f.from.date),
            scale.y(f.from.value),
            scale.x(f.to.date),
            scale.y(f.to.value),
        ));
        d.forecast_label = vec![format!(
            "Forecast {}",
            crate::core::goals::forecast::range_figures(&f, unit)
        )];
        if let Some(c) = prog.confidence {
            d.forecast_label.push(format!("Confidence {c}%"));
        }
    }
    d.y_labels = [lo, hi]
        .iter()
        .chain(goal.target_value().iter())
        .map(|v| (scale.y(*v), format_number(*v)))
        .collect();
    d.y_labels.dedup_by(|a, b| (a.0 - b.0).abs() < 12.0);
    d.x_labels = vec![
        (scale.x(d0), short_date(d0), "start"),
        (scale.x(d1), short_date(d1), "end"),
    ];

    // The text equivalent: a sentence for the image, a table for the details.
    let mut summary = vec!["Progress chart.".to_string()];
    if let (Some(first), Some(last)) = (path.first(), path.last()) {
        summary.push(format!(
            "Planned from {} on {} to {} on {}.",
            format_value(first.value, unit),
            format_date(first.date),
            format_value(last.value, unit),
            format_date(last.date)
        ));
    }
    match actual.last() {
        Some(latest) => summary.push(format!(
            "{} check-in{}, latest {} on {}.",
            actual.len(),
            if actual.len() == 1 { "" } else { "s" },
            format_value(latest.value, unit),
            format_date(latest.date)
        )),
        None => summary.push("No check-ins yet.".into()),
    }
    if let Some(f) = prog.forecast {
        let confidence = prog
            .confidence
            .map(|c| format!(", team confidence {c}%"))
            .unwrap_or_default();
        summary.push(format!(
            "Forecast at the deadline: {} ({}){confidence}.",
            crate::core::goals::forecast::range_text(&f, unit),
            crate::core::goals::forecast::basis_text(&f)
        ));
    }
    summary.push(format!("{}.", prog.status.label()));
    d.summary = summary.join(" ");
    let mut rows: Vec<(NaiveDate, &'static str, String)> = Vec::new();
    if let Some(first) = path.first() {
        rows.push((first.date, "Baseline", format_value(first.value, unit)));
    }
    rows.extend(
        milestones
            .iter()
            .map(|p| (p.date, "Milestone", format_value(p.value, unit))),
    );
    rows.extend(
        actual
            .iter()
            .map(|p| (p.date, "Check-in", format_value(p.value, unit))),
    );
    if let Some(last) = path.last() {
        rows.push((last.date, "Target", format_value(last.value, unit)));
    }
    if let Some(f) = prog.forecast {
        rows.push((
            f.to.date,
            "Forecast",
            crate::core::goals::forecast::range_text(&f, unit),
        ));
    }
    rows.sort_by_key(|r| r.0);
    d.rows = rows;
    Some(d)
}

fn short_date(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

#[component]
pub fn ProgressChart(ctx: GoalCtx) -> impl IntoView {
    let drawing = Memo::new(move |_| {
        let today = crate::ui::clock::today();
        ctx.goal.with(|g| g.as_ref().and_then(|g| draw(g, today)))
    });
    move || {
        match drawing.get() {
        None => view! {
            <p class="hint empty-goals">
                "Enter a baseline, target and deadline (or record check-ins) to draw the progress chart."
            </p>
        }
        .into_any(),
        Some(d) => {
            let plot_right = WIDTH - RIGHT;
            let plot_bottom = HEIGHT - BOTTOM;
            view! {
                <figure class="progress-chart">
                    <svg
                        class="chart"
                        viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                        role="img"
                        aria-label=d.summary.clone()
                        data-testid="progress-chart"
                    >
                        <line class="axis" x1=LEFT y1=plot_bottom x2=plot_right y2=plot_bottom />
                        <line class="axis" x1=LEFT y1=TOP x2=LEFT y2=plot_bottom />
                        {d
                            .y_labels
                            .iter()
                            .map(|(y, text)| {
                                view! {
                                    <text class="tick" x=LEFT - 6.0 y=*y + 4.0 text-anchor="end">{text.clone()}</text>
                                }
                            })
                            .collect_view()}
                        {d
                            .x_labels
                            .iter()
                            .map(|(x, text, end)| {
                                let anchor = if *end == "start" { "start" } else { "end" };
                                view! {
                                    <text class="tick" x=*x y=plot_bottom + 18.0 text-anchor=anchor>{text.clone()}</text>
                                }
                            })
                            .collect_view()}
                        {d.target_y.map(|y| view! {
                            <line class="target-line" x1=LEFT y1=y x2=plot_right y2=y />
                        })}
                        {d.today_x.map(|x| view! {
                            <line class="today-line" x1=x y1=TOP x2=x y2=plot_bottom />
                            <text class="tick" x=x y=TOP - 4.0 text-anchor="middle">"today"</text>
                        })}
                        <path class="planned" d=d.planned.clone() />
                        {d
                            .milestones
                            .iter()
                            .map(|(x, y)| {
                                view! {
                                    <path class="milestone" d=format!("M{x:.1},{:.1} l5,5 l-5,5 l-5,-5 z", y - 5.0) />
                                }
                            })
                            .collect_view()}
                        {d.forecast.map(|(x1, y1, x2, y2)| view! {
                            <line class="forecast" x1=x1 y1=y1 x2=x2 y2=y2 />
                        })}
                        <path class="actual" d=d.actual_line.clone() />
                        {d
                            .actuals
                            .iter()
                            .map(|(x, y)| view! { <circle class="actual-dot" cx=*x cy=*y r="4" /> })
                            .collect_view()}
                        {d.forecast.map(|(_, _, x2, y2)| {
                            d.forecast_label
                                .iter()
                                .enumerate()
                                .map(|(i, text)| {
                                    view! {
                                        <text class="forecast-label" x=x2 + 8.0 y=y2 + 4.0 + 16.0 * i as f64>
                                            {text.clone()}
                                        </text>
                                    }
                                })
                                .collect_view()
                        })}
                    </svg>
                    <figcaption class="legend">
                        {(!d.unit.is_empty()).then(|| view! { <span>{format!("Values in {}:", d.unit)}</span> })}
                        <span class="key planned-key">"Planned"</span>
                        <span class="key milestone-key">"Milestones"</span>
                        <span class="key actual-key">"Check-ins"</span>
                        <span class="key forecast-key">"Forecast"</span>
                        <span class="key target-key">"Target"</span>
                    </figcaption>
                    <details class="chart-data">
                        <summary>"Chart data as a table"</summary>
                        <div class="table-wrap" tabindex="0" role="region" aria-label="Chart data table">
                            <table>
                                <thead>
                                    <tr>
                                        <th scope="col">"Date"</th>
                                        <th scope="col">"What"</th>
                                        <th scope="col" class="num">"Value"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {d
                                        .rows
                                        .iter()
                                        .map(|(date, what, value)| {
                                            view! {
                                                <tr>
                                                    <td>{format_date(*date)}</td>
                                                    <td>{*what}</td>
                                                    <td class="num">{value.clone()}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                    </details>
                </figure>
            }
            .into_any()
        }
    }
    }
}
