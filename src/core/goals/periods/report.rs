//! Past periods in words: the goals report's section for them, and the line career
//! evidence shows when it cites a closed period's result.

use super::{GoalBook, GoalResult, Period};
use crate::core::goals::text::{format_date, format_value};
use crate::core::markdown::md_escape;

/// "75% (adjusted from 60%: the survey closed late)".
pub fn result_line(result: &GoalResult) -> String {
    let mut line = result.score_text();
    if !result.reason.trim().is_empty() {
        line.push_str(&format!(": {}", result.reason.trim()));
    }
    line
}

/// "28 members on 30 September 2026", when there was a check-in.
pub fn latest_line(result: &GoalResult) -> Option<String> {
    result.latest.as_ref().map(|r| {
        format!(
            "{} on {}",
            format_value(r.value, &result.unit),
            format_date(r.date)
        )
    })
}

/// What evidence citing `goal`'s result in closed period `period` shows: the goal's
/// statement then, and "Q3 2026 (closed 1 October 2026): 75%; latest check-in …".
pub fn period_citation(book: &GoalBook, period: &str, goal: &str) -> Option<(String, String)> {
    let period = book.period(period)?;
    let closing = period.closing.as_ref()?;
    let result = period.result(goal)?;
    let mut line = format!(
        "{} (closed {}): scored {}",
        period.name.trim(),
        format_date(closing.closed_on),
        result_line(result)
    );
    if let Some(latest) = latest_line(result) {
        line.push_str(&format!("; latest check-in {latest}"));
    }
    Some((result.statement.clone(), line))
}

fn period_section(out: &mut String, period: &Period) {
    let Some(closing) = &period.closing else {
        return;
    };
    out.push_str(&format!(
        "\n### {} ({} to {}, closed {})\n",
        md_escape(period.name.trim()),
        format_date(period.start),
        format_date(period.end),
        format_date(closing.closed_on)
    ));
    for result in &closing.results {
        let mut line = format!(
            "\n- **{}:** {} · {}",
            md_escape(&result.title),
            md_escape(&result_line(result)),
            result.outcome.label().to_lowercase()
        );
        if let Some(latest) = latest_line(result) {
            line.push_str(&format!(" · latest check-in {}", md_escape(&latest)));
        }
        out.push_str(&line);
    }
    if closing.results.is_empty() {
        out.push_str("\n_No goals in this period._");
    }
    out.push('\n');
    for (label, text) in [
        ("What worked", &closing.what_worked),
        ("What did not", &closing.what_did_not),
    ] {
        if !text.trim().is_empty() {
            out.push_str(&format!("\n**{label}:** {}\n", md_escape(text.trim())));
        }
    }
}

/// The goals report's "Past periods" section, newest first; empty when none is closed.
pub fn past_periods_markdown(book: &GoalBook) -> String {
    let mut out = String::new();
    for period in book.periods.iter().rev().filter(|p| p.is_closed()) {
        period_section(&mut out, period);
    }
    if out.is_empty() {
        return out;
    }
    format!("\n## Past periods\n{out}")
}

/// What the goal editor says of a goal's past periods: the period it was finished in, or
/// those it was carried forward from (its link back), with the score in each.
pub fn period_note(book: &GoalBook, goal: &str) -> Option<String> {
    let lines: Vec<String> = book
        .periods
        .iter()
        .filter_map(|p| Some((p, p.result(goal)?)))
        .map(|(p, r)| match r.outcome {
            super::Outcome::Finished => {
                format!(
                    "Finished in {} (closed), scored {}.",
                    p.name.trim(),
                    r.score_text()
                )
            }
            super::Outcome::CarriedForward => format!(
                "Carried forward from {}, where it scored {}.",
                p.name.trim(),
                r.score_text()
            ),
        })
        .collect();
    (!lines.is_empty()).then(|| lines.join(" "))
}
