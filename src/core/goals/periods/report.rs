//! Past periods in words: the goals report's section for them, and the line career
//! evidence shows when it cites a closed period's result.

use super::{percent_text, Closing, GoalBook, GoalResult, Period};
use crate::core::goals::text::{format_date, format_value};
use crate::core::markdown::md_escape;

/// "75% since baseline (adjusted from 60%: the survey closed late) · a success for an
/// aspirational goal (70% or more) · team confidence 70% · no check-in in this period".
pub fn result_line(result: &GoalResult) -> String {
    let mut line = result.score_text();
    if !result.reason.trim().is_empty() {
        line.push_str(&format!(": {}", result.reason.trim()));
    }
    if let Some(verdict) = result.verdict_text() {
        line.push_str(&format!(" · {verdict}"));
    }
    if let Some(c) = result.confidence {
        line.push_str(&format!(" · team confidence {c}% at the last check-in"));
    }
    if result.no_check_in_in_period {
        line.push_str(" · no check-in in this period: the score rests on an earlier one");
    }
    line
}

/// One objective's goals in a closed period, rolled up.
#[derive(Clone, Debug, PartialEq)]
pub struct ObjectiveScore {
    pub title: String,
    /// The mean of its goals' final scores, when at least one is scored.
    pub mean: Option<f64>,
    pub scored: usize,
    pub not_scored: usize,
}

impl ObjectiveScore {
    /// "Grow the community: 68% (the mean of 2 goals' scores; 1 not scored)".
    pub fn line(&self) -> String {
        let goals = |n: usize| {
            if n == 1 {
                "1 goal's score".to_string()
            } else {
                format!("{n} goals' scores")
            }
        };
        let unscored = match self.not_scored {
            0 => String::new(),
            n => format!("; {n} not scored"),
        };
        match self.mean {
            Some(m) => format!(
                "{}: {} (the mean of {}{unscored})",
                self.title,
                percent_text(m),
                goals(self.scored)
            ),
            None => format!("{}: not scored (no goal of it is scored)", self.title),
        }
    }
}

/// The objectives of a closed period's goals, each with the mean of its goals' final scores,
/// in the order they first appear; goals without an objective are left out.
pub fn objective_scores(closing: &Closing) -> Vec<ObjectiveScore> {
    let mut out: Vec<(String, ObjectiveScore, f64)> = Vec::new();
    for r in &closing.results {
        let Some(id) = r.objective.as_deref() else {
            continue;
        };
        let at = match out.iter().position(|(o, _, _)| o == id) {
            Some(i) => i,
            None => {
                let title = if r.objective_title.trim().is_empty() {
                    "Untitled objective".to_string()
                } else {
                    r.objective_title.trim().to_string()
                };
                let blank = ObjectiveScore {
                    title,
                    mean: None,
                    scored: 0,
                    not_scored: 0,
                };
                out.push((id.to_string(), blank, 0.0));
                out.len() - 1
            }
        };
        let (_, score, sum) = &mut out[at];
        match r.final_percent() {
            Some(p) => {
                score.scored += 1;
                *sum += p;
                score.mean = Some(*sum / score.scored as f64);
            }
            None => score.not_scored += 1,
        }
    }
    out.into_iter().map(|(_, s, _)| s).collect()
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
    let objectives = objective_scores(closing);
    if !objectives.is_empty() {
        out.push_str("\n**By objective:**\n");
        for o in objectives {
            out.push_str(&format!("\n- {}", md_escape(&o.line())));
        }
        out.push('\n');
    }
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
            super::Outcome::Unknown(_) => format!(
                "In {} (closed): {}, scored {}.",
                p.name.trim(),
                crate::core::newer::LABEL,
                r.score_text()
            ),
            super::Outcome::Finished => {
                let verdict = r
                    .verdict_text()
                    .map(|v| format!(": {v}"))
                    .unwrap_or_default();
                format!(
                    "Finished in {} (closed), scored {}{verdict}.",
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
