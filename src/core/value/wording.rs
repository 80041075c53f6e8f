//! How a value reads: always as a stated interval with its method and the assumptions it rests
//! on, never as a bare number; and no value at all until the assumptions are entered.

use chrono::NaiveDate;
use serde::Serialize;

use super::range::{factor, valuation, DriverValue, Subject, ValueInterval};
use super::simulate::{DRAWS, INTERVAL_PERCENT};
use super::{Assumption, ValueModel};
use crate::core::career::scope_check::WorkKind;
use crate::core::goals::statement::goal_title;
use crate::core::goals::text::{format_date, format_number, with_unit};
use crate::core::goals::GoalStatus;
use crate::core::markdown::md_escape as t;
use crate::core::plan::Plan;

/// Shown in place of a value while an assumption is missing or unusable.
pub const NO_VALUE_YET: &str = "No value shown until you enter your assumptions.";

/// An assumption dated longer ago than this gets a note to check it. A rule of thumb: costs
/// and rates are budgeted yearly.
pub const STALE_AFTER_DAYS: i64 = 365;

/// A figure for people: whole numbers with thousands separators from 1,000 up, otherwise up
/// to two decimals.
pub fn format_amount(value: f64) -> String {
    if !value.is_finite() {
        return "?".into();
    }
    if value.abs() < 1000.0 {
        return format_number(value);
    }
    let whole = format!("{:.0}", value.abs());
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if value < 0.0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

/// `value` to three significant figures: a simulated figure is not known to the unit.
fn round_sig(value: f64) -> f64 {
    if value == 0.0 || !value.is_finite() {
        return value;
    }
    let scale = 10f64.powi(2 - value.abs().log10().floor() as i32);
    (value * scale).round() / scale
}

/// A simulated figure for people: three significant figures, grouped thousands.
fn simulated(value: f64) -> String {
    format_amount(round_sig(value))
}

fn figure(value: Option<f64>) -> String {
    value.map_or("?".into(), format_amount)
}

fn label_of(a: &Assumption, index: usize) -> String {
    match a.label.trim() {
        "" => format!("Assumption {}", index + 1),
        label => label.to_string(),
    }
}

/// The value's unit with the driver's window: "USD per month".
fn value_unit(model: &ValueModel, driver: &DriverValue) -> String {
    let unit = model.unit.trim();
    match (driver.per, unit.is_empty()) {
        (Some(per), false) => format!("{unit} {per}"),
        (Some(per), true) => per.to_string(),
        (None, _) => unit.to_string(),
    }
}

/// "90% of simulated outcomes between 8,790 and 16,200 USD per month; median 12,300 USD per
/// month".
fn interval_text(interval: &ValueInterval, unit: &str) -> String {
    format!(
        "{INTERVAL_PERCENT}% of simulated outcomes between {} and {}; median {}",
        simulated(interval.low),
        with_unit(&simulated(interval.high), unit),
        with_unit(&simulated(interval.median), unit)
    )
}

/// How the interval is worked out, shown wherever a value is.
pub fn method_text() -> String {
    format!(
        "Method: a simulation of {} draws with a fixed seed (the same figures always give the \
         same interval). Each assumption is drawn from a triangular distribution over its low, \
         most likely and high figures (where a middle figure is marked as a mean, the triangle \
         with that mean); each draw multiplies the driver by one draw of every assumption; the \
         interval runs from the 5th to the 95th percentile of the draws, and the median is the \
         middle one. Figures are rounded to three significant figures.",
        format_amount(DRAWS as f64)
    )
}

/// "target 120 questions × cost of a support ticket × …".
fn formula(driver: &DriverValue, model: &ValueModel) -> String {
    let mut text = driver.working.clone();
    for (i, a) in model.assumptions.iter().enumerate() {
        text += &format!(" × {}", label_of(a, i).to_lowercase());
    }
    text
}

/// The value in one line: its interval and what it multiplies, or why there is none yet.
pub fn value_summary(model: &ValueModel, subject: Subject) -> String {
    match valuation(model, subject) {
        Ok((driver, interval)) => format!(
            "{}: {}.",
            interval_text(&interval, &value_unit(model, &driver)),
            formula(&driver, model)
        ),
        Err(problems) => {
            let reasons: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            format!("{NO_VALUE_YET} {}", reasons.join(" "))
        }
    }
}

/// A note when the assumption's date is more than [`STALE_AFTER_DAYS`] before `today`.
pub fn stale_note(a: &Assumption, today: NaiveDate) -> Option<String> {
    let date = a.date?;
    let age = (today - date).num_days();
    (age > STALE_AFTER_DAYS).then(|| {
        format!(
            "Dated {} days ago: check it still holds (rule of thumb: figures older than a year).",
            age
        )
    })
}

/// "Cost of a support ticket: low 60, most likely 100, high 150 USD per ticket. Source: the
/// support team's budget. Dated 1 March 2026."
pub fn assumption_text(a: &Assumption, index: usize, today: NaiveDate) -> String {
    let middle = a.middle_word();
    let figures = format!(
        "low {}, {middle} {}, high {}",
        figure(a.low),
        figure(a.expected),
        figure(a.high)
    );
    let mut text = format!("{}: {}", label_of(a, index), with_unit(&figures, &a.unit));
    if let (true, Some(m)) = (a.unit.trim() == "%", a.expected) {
        text += &format!(" (× {} {middle})", format_number(factor(a, m)));
    }
    match a.source.trim() {
        "" => text += ". No source given",
        source => text += &format!(". Source: {source}"),
    }
    match a.date {
        Some(date) => text += &format!(". Dated {}.", format_date(date)),
        None => text += ". Undated.",
    }
    if let Some(note) = stale_note(a, today) {
        text += &format!(" {note}");
    }
    text
}

/// The value line and one line per assumption (then the method, when there is a value), for
/// a list on screen.
pub fn value_lines(
    model: &ValueModel,
    subject: Subject,
    today: NaiveDate,
) -> (String, Vec<String>) {
    let mut lines: Vec<String> = model
        .assumptions
        .iter()
        .enumerate()
        .map(|(i, a)| assumption_text(a, i, today))
        .collect();
    if valuation(model, subject).is_ok() {
        lines.push(method_text());
    }
    (value_summary(model, subject), lines)
}

/// The model as Markdown list items: the value line, then the driver, each assumption and,
/// when there is a value, the method that gave it.
pub fn model_markdown(model: &ValueModel, subject: Subject, today: NaiveDate) -> String {
    let mut out = format!("- **Value:** {}\n", t(&value_summary(model, subject)));
    if let Ok(driver) = super::range::driver_value(model.driver, subject) {
        out += &format!(
            "  - Driver: {} ({})\n",
            t(&model.driver.label().to_lowercase()),
            t(&driver.working)
        );
    }
    for (i, a) in model.assumptions.iter().enumerate() {
        out += &format!("  - {}\n", t(&assumption_text(a, i, today)));
    }
    if valuation(model, subject).is_ok() {
        out += &format!("  - {}\n", t(&method_text()));
    }
    out
}

/// One goal or touch point with a value model, as the brief lists it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ValuedWork {
    pub kind: WorkKind,
    pub title: String,
    /// [`model_markdown`] of its model.
    pub markdown: String,
}

/// The value of the work a plan assigns: every goal not dropped and every touch point that
/// has a value model.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PlanValue {
    pub items: Vec<ValuedWork>,
}

pub fn plan_value(plan: &Plan, today: NaiveDate) -> PlanValue {
    let goals = plan
        .goals
        .goals
        .iter()
        .filter(|g| g.status != GoalStatus::Dropped)
        .filter_map(|g| {
            let model = g.value.as_ref()?;
            let title = goal_title(g);
            Some(ValuedWork {
                kind: WorkKind::Goal,
                title,
                markdown: model_markdown(model, Subject::Goal(g), today),
            })
        });
    let touch_points = plan.curve.touch_points.iter().filter_map(|tp| {
        let model = tp.value.as_ref()?;
        let title = match tp.name.trim() {
            "" => "Untitled touch point".to_string(),
            name => name.to_string(),
        };
        Some(ValuedWork {
            kind: WorkKind::TouchPoint,
            title,
            markdown: model_markdown(model, Subject::TouchPoint(&plan.curve, tp), today),
        })
    });
    PlanValue {
        items: goals.chain(touch_points).collect(),
    }
}

/// The brief's section on the value of the plan's work; empty when no work has a model.
pub fn plan_value_markdown(value: &PlanValue) -> String {
    if value.items.is_empty() {
        return String::new();
    }
    let mut out = String::from("## What the work in this plan is worth\n\n");
    out += "Each value rests on the assumptions listed under it, entered by the team, and is \
            stated as the interval that holds 90% of simulated outcomes (the method is under \
            each value); the values are not added up, as their assumptions differ.\n\n";
    for item in &value.items {
        out += &format!("**{}** ({})\n\n", t(&item.title), item.kind.noun(1));
        out += &item.markdown;
        out += "\n";
    }
    out
}
