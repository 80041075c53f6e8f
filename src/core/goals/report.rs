//! Exports: the goals report as Markdown (to paste into a doc) and check-ins as CSV.

use chrono::NaiveDate;

use super::commitment::drift_messages;
use super::effort::effort_signal;
use super::forecast::{progress, TrackStatus};
use super::periods::{in_open_period, open_goals, open_period, past_periods_markdown};
use super::review::{due_review, next_review};
use super::statement::statement_text;
use super::text::{format_date, format_number, format_value};
use super::{Goal, GoalBook};
pub use crate::core::markdown::md_escape;
use crate::core::plan::Plan;

/// The goals report: objectives, then each goal's statement, status, latest check-in
/// and next review, as of `today`.
pub fn goals_report_markdown(plan: &Plan, today: NaiveDate) -> String {
    let book = &plan.goals;
    let mut out = format!(
        "# Goals: {}\n\n_As of {}._\n",
        md_escape(plan.name.trim()),
        format_date(today)
    );
    if let Some(open) = open_period(book) {
        out.push_str(&format!(
            "\n_Period: {} ({} to {})._\n",
            md_escape(open.name.trim()),
            format_date(open.start),
            format_date(open.end)
        ));
    }
    if book.goals.is_empty() && book.objectives.is_empty() {
        out.push_str("\nNo objectives or goals yet.\n");
        return out;
    }
    for objective in &book.objectives {
        out.push_str(&format!(
            "\n## {}\n",
            md_escape(title_or(&objective.title, "Untitled objective"))
        ));
        if !objective.description.trim().is_empty() {
            out.push_str(&format!("\n{}\n", md_escape(objective.description.trim())));
        }
        let mut goals = book.goals_of(Some(&objective.id));
        goals.retain(|g| in_open_period(book, g));
        if goals.is_empty() {
            out.push_str("\n_No goals yet._\n");
        }
        for goal in goals {
            goal_section(&mut out, &plan.curve, goal, today);
        }
    }
    let orphans: Vec<&Goal> = open_goals(book)
        .into_iter()
        .filter(|g| {
            g.objective_id
                .as_deref()
                .is_none_or(|id| book.objective(id).is_none())
        })
        .collect();
    if !orphans.is_empty() {
        out.push_str("\n## Goals without an objective\n");
        for goal in orphans {
            goal_section(&mut out, &plan.curve, goal, today);
        }
    }
    out.push_str(&past_periods_markdown(book));
    out
}

fn title_or<'a>(text: &'a str, fallback: &'a str) -> &'a str {
    if text.trim().is_empty() {
        fallback
    } else {
        text.trim()
    }
}

fn goal_section(
    out: &mut String,
    curve: &crate::core::curve::Curve,
    goal: &Goal,
    today: NaiveDate,
) {
    let unit = goal.metric.unit.trim();
    out.push_str(&format!(
        "\n### {}\n\n",
        md_escape(title_or(&goal.title, "Untitled goal"))
    ));
    out.push_str(&format!("> {}\n\n", md_escape(&statement_text(goal))));
    let p = progress(goal);
    let mut status = goal.status.label().to_string();
    if goal.ambition == super::Ambition::Aspirational {
        status.push_str(&format!(
            " · aspirational ({}% or more counts as success)",
            super::ASPIRATIONAL_SUCCESS_PERCENT
        ));
    }
    if p.status != TrackStatus::NotEnoughData {
        status.push_str(&format!(" · {}", p.status.label()));
    }
    if let Some(pc) = p.percent_complete {
        status.push_str(&format!(" · {}% complete", pc.round()));
    }
    out.push_str(&format!("- **Status:** {status}\n"));
    if goal.status.is_open() && goal.target_value().is_some() {
        let mut line = format!(
            "- **Forecast:** {}",
            md_escape(&super::forecast::forecast_text(goal))
        );
        if let (Some(_), Some(c)) = (p.forecast, p.confidence) {
            line.push_str(&format!(" Team confidence {c}%."));
        }
        out.push_str(&line);
        out.push('\n');
    }
    match &p.latest {
        Some(c) => {
            let mut line = format!(
                "- **Latest check-in:** {}: {}",
                format_date(c.date),
                md_escape(&format_value(c.value, unit))
            );
            if !c.note.trim().is_empty() {
                line.push_str(&format!(". {}", md_escape(c.note.trim())));
            }
            out.push_str(&line);
            out.push('\n');
        }
        None => out.push_str("- **Latest check-in:** none yet\n"),
    }
    match next_review(goal, today) {
        Some(date) if due_review(goal, today).is_some() => {
            out.push_str(&format!("- **Next review:** {} (due)\n", format_date(date)))
        }
        Some(date) => out.push_str(&format!("- **Next review:** {}\n", format_date(date))),
        None => {}
    }
    let check = crate::core::curve::flows::smart_check_in(curve, goal, today);
    out.push_str(&format!(
        "- **SMART:** {} of 5 criteria pass\n",
        check.passed()
    ));
    if let Some(model) = &goal.value {
        out.push_str(&crate::core::value::model_markdown(
            model,
            crate::core::value::Subject::Goal(goal),
            today,
        ));
    }
    for message in drift_messages(goal) {
        out.push_str(&format!(
            "- **Changed since commitment:** {}\n",
            md_escape(&message)
        ));
    }
    if let Some(signal) = effort_signal(goal) {
        out.push_str(&format!(
            "- **Effort vs. movement:** {}\n",
            md_escape(&signal.message(&goal.metric.name))
        ));
    }
}

/// Quotes a CSV field when it needs it (RFC 4180), and defuses text that a spreadsheet
/// would run as a formula (a leading `=`, `+`, `-`, `@`, tab or CR gets a `'` prefix).
pub fn csv_field(text: &str) -> String {
    let defused = crate::core::csv::defuse_formula(text);
    if defused.contains([',', '"', '\r', '\n'])
        || defused.starts_with(' ')
        || defused.ends_with(' ')
    {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

/// Every check-in of every goal (goals in order, check-ins by date), CRLF line endings.
pub fn check_ins_csv(book: &GoalBook) -> String {
    let mut out = String::from("objective,goal,date,value,unit,confidence,note\r\n");
    for goal in &book.goals {
        let objective = goal
            .objective_id
            .as_deref()
            .and_then(|id| book.objective(id))
            .map_or("", |o| o.title.as_str());
        let mut check_ins: Vec<_> = goal.check_ins.iter().collect();
        check_ins.sort_by_key(|c| c.date);
        for c in check_ins {
            let row = [
                csv_field(objective),
                csv_field(&goal.title),
                c.date.format("%Y-%m-%d").to_string(),
                if c.value.is_finite() {
                    format_number_exact(c.value)
                } else {
                    String::new()
                },
                csv_field(&goal.metric.unit),
                c.confidence
                    .map(|v| v.min(100).to_string())
                    .unwrap_or_default(),
                csv_field(&c.note),
            ];
            out.push_str(&row.join(","));
            out.push_str("\r\n");
        }
    }
    out
}

/// Numbers in CSV keep their full precision (the report rounds; data exports must not).
fn format_number_exact(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format_number(value)
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests;
