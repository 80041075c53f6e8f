//! How a value reads: always with its range and the assumptions it rests on, never as a bare
//! number; and no value at all until the assumptions are entered.

use chrono::NaiveDate;
use serde::Serialize;

use super::range::{factor, valuation, DriverValue, Subject, ValueRange};
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

fn amount(value: f64, unit: &str) -> String {
    with_unit(&format_amount(value), unit)
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

/// "Expected 12,000 USD (range 7,200 to 18,000 USD)".
fn range_text(range: &ValueRange, unit: &str) -> String {
    format!(
        "Expected {} (range {} to {})",
        amount(range.expected, unit),
        format_amount(range.low),
        amount(range.high, unit)
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

/// The value in one line: its range and what it multiplies, or why there is none yet.
pub fn value_summary(model: &ValueModel, subject: Subject) -> String {
    match valuation(model, subject) {
        Ok((driver, range)) => format!(
            "{}: {}.",
            range_text(&range, &model.unit),
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

/// "Cost of a support ticket: low 60, expected 100, high 150 USD per ticket. Source: the
/// support team's budget. Dated 1 March 2026."
pub fn assumption_text(a: &Assumption, index: usize, today: NaiveDate) -> String {
    let figures = format!(
        "low {}, expected {}, high {}",
        figure(a.low),
        figure(a.expected),
        figure(a.high)
    );
    let mut text = format!("{}: {}", label_of(a, index), with_unit(&figures, &a.unit));
    if a.unit.trim() == "%" && a.expected.is_some() {
        text += &format!(
            " (× {} expected)",
            format_number(factor(a, a.expected.unwrap_or_default()))
        );
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

/// The value line and one line per assumption, for a list on screen.
pub fn value_lines(
    model: &ValueModel,
    subject: Subject,
    today: NaiveDate,
) -> (String, Vec<String>) {
    let assumptions = model
        .assumptions
        .iter()
        .enumerate()
        .map(|(i, a)| assumption_text(a, i, today))
        .collect();
    (value_summary(model, subject), assumptions)
}

/// The model as Markdown list items: the value line, then the driver and each assumption.
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
    out += "Each value rests on the assumptions listed under it, entered by the team; the \
            values are not added up, as their assumptions differ.\n\n";
    for item in &value.items {
        out += &format!("**{}** ({})\n\n", t(&item.title), item.kind.noun(1));
        out += &item.markdown;
        out += "\n";
    }
    out
}
