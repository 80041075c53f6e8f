//! Review dates from the cadence, which reviews are due, and the schedule as iCalendar.

use chrono::{Duration, Months, NaiveDate};
use serde::Serialize;

use super::statement::{statement_text, target_text};
use super::{Cadence, Goal, GoalBook, GoalStatus};
use crate::core::plan::Plan;

/// Upper bound on reviews generated for one goal: weekly for ten years. Keeps a goal with
/// a far-off (or mistyped) deadline from producing an endless schedule.
pub const MAX_SCHEDULED_REVIEWS: u32 = 520;

/// Longest line in an iCalendar file, in octets, before folding (RFC 5545 §3.1).
pub const ICS_LINE_OCTETS: usize = 75;

/// The k-th review after `anchor` (k ≥ 1). Months are added to the anchor, not chained,
/// so reviews anchored on the 31st stay at month end instead of drifting to the 28th.
fn nth_review(anchor: NaiveDate, cadence: Cadence, k: u32) -> Option<NaiveDate> {
    match cadence {
        Cadence::Unknown(_) => None,
        Cadence::Weekly => anchor.checked_add_signed(Duration::days(7 * i64::from(k))),
        Cadence::Fortnightly => anchor.checked_add_signed(Duration::days(14 * i64::from(k))),
        Cadence::Monthly => anchor.checked_add_months(Months::new(k)),
        Cadence::Quarterly => anchor.checked_add_months(Months::new(k.checked_mul(3)?)),
    }
}

/// Reviews count from the day the team committed, or from the baseline date.
pub fn review_anchor(goal: &Goal) -> Option<NaiveDate> {
    goal.commitment
        .as_ref()
        .map(|c| c.committed_on)
        .or(goal.baseline_date)
}

/// Every review the cadence schedules after the anchor, ending with a final review on the
/// deadline. Without a deadline the schedule runs to [`MAX_SCHEDULED_REVIEWS`].
pub fn review_dates(goal: &Goal) -> Vec<NaiveDate> {
    let Some(anchor) = review_anchor(goal) else {
        return Vec::new();
    };
    let mut dates = Vec::new();
    for k in 1..=MAX_SCHEDULED_REVIEWS {
        let Some(date) = nth_review(anchor, goal.cadence, k) else {
            break;
        };
        if goal.deadline.is_some_and(|end| date >= end) {
            break;
        }
        dates.push(date);
    }
    if let Some(end) = goal.deadline.filter(|end| *end > anchor) {
        dates.push(end);
    }
    dates
}

/// Only active goals are reviewed: drafts are not agreed yet, closed goals are done.
fn reviewed(goal: &Goal) -> bool {
    goal.status == GoalStatus::Active
}

/// The most recent scheduled review on or before `today` that has not been held yet
/// (missed reviews collapse into one: the team holds the latest, not every one skipped).
pub fn due_review(goal: &Goal, today: NaiveDate) -> Option<NaiveDate> {
    if !reviewed(goal) {
        return None;
    }
    review_dates(goal)
        .into_iter()
        .rfind(|d| *d <= today && goal.last_reviewed.is_none_or(|last| *d > last))
}

/// The review to hold next: the due one if any, otherwise the first one after today.
pub fn next_review(goal: &Goal, today: NaiveDate) -> Option<NaiveDate> {
    if !reviewed(goal) {
        return None;
    }
    due_review(goal, today).or_else(|| {
        let after = goal.last_reviewed.map_or(today, |last| last.max(today));
        review_dates(goal).into_iter().find(|d| *d > after)
    })
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DueReview {
    pub goal_id: String,
    pub due: NaiveDate,
}

/// Goals whose review is due, oldest first, for highlighting on the Goals page.
pub fn due_reviews(book: &GoalBook, today: NaiveDate) -> Vec<DueReview> {
    let mut due: Vec<DueReview> = book
        .goals
        .iter()
        .filter_map(|g| {
            due_review(g, today).map(|due| DueReview {
                goal_id: g.id.to_string(),
                due,
            })
        })
        .collect();
    due.sort_by_key(|d| d.due);
    due
}

/// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma, newlines.
pub fn ics_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at [`ICS_LINE_OCTETS`] octets without splitting a character, and
/// ends every physical line with CRLF.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > ICS_LINE_OCTETS {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

fn ics_date(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

/// The review schedule of the plan's active goals from `today` on, as an .ics file.
/// `today` also stamps the events (the core reads no clock).
pub fn review_calendar_ics(plan: &Plan, today: NaiveDate) -> String {
    let mut out = String::new();
    let mut line = |text: String| fold(&text, &mut out);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//Trellis//Goal reviews//EN".into());
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    line(format!(
        "X-WR-CALNAME:{}",
        ics_escape(&format!("{} – goal reviews", plan.name))
    ));
    for goal in plan.goals.goals.iter().filter(|g| reviewed(g)) {
        let dates = review_dates(goal);
        for date in dates.iter().filter(|d| **d >= today) {
            let is_final = goal.deadline == Some(*date);
            let title = if goal.title.trim().is_empty() {
                "Untitled goal"
            } else {
                goal.title.trim()
            };
            let summary = if is_final {
                format!("Final review: {title}")
            } else {
                format!("Review: {title}")
            };
            let mut description = statement_text(goal);
            let target = target_text(goal);
            if !target.is_empty() {
                description.push_str(&format!("\nTarget: {target}"));
            }
            let end = date.succ_opt().unwrap_or(*date);
            line("BEGIN:VEVENT".into());
            line(format!(
                "UID:{}",
                ics_escape(&format!(
                    "{}-{}-{}@trellis",
                    plan.id,
                    goal.id,
                    ics_date(*date)
                ))
            ));
            line(format!("DTSTAMP:{}T000000Z", ics_date(today)));
            line(format!("DTSTART;VALUE=DATE:{}", ics_date(*date)));
            line(format!("DTEND;VALUE=DATE:{}", ics_date(end)));
            line(format!("SUMMARY:{}", ics_escape(&summary)));
            line(format!("DESCRIPTION:{}", ics_escape(&description)));
            line("END:VEVENT".into());
        }
    }
    line("END:VCALENDAR".into());
    out
}

#[cfg(test)]
mod tests;
