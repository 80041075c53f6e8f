//! A plan as a reader who will not edit it sees it: the person a shared link is sent to. The
//! goals with their SMART statement, status and forecast, the commitment curve with its
//! bottleneck and the touch points that address the gap, and the career case only when its
//! parts came along. The shared view shows this; nothing in it is computed in the UI.

use chrono::NaiveDate;

use super::audience::{summarise, Part};
use super::career::compare::bucketing_check;
use super::curve::analysis::{gap_table, shown_bottleneck};
use super::curve::svg_export::drawing_svg;
use super::goals::forecast::{progress, TrackStatus};
use super::goals::statement::{goal_title, statement_text};
use super::goals::text::{format_date, format_value};
use super::goals::{Goal, GoalBook};
use super::plan::Plan;
use super::report::forecast_line;

/// How a status reads at a glance; its words say the same (one tone for every finding).
pub use super::signal::Tone;

#[derive(Clone, Debug, PartialEq)]
pub struct ReadableGoal {
    pub title: String,
    /// "Our goal is to … by …. … will accomplish this goal by …. …"
    pub statement: String,
    /// "Owner: The community team", empty when no key player is marked owner.
    pub owner: String,
    /// "Active · On track · 48% complete"
    pub status: String,
    pub tone: Tone,
    /// The forecast with its range and what it rests on, or why there is none (the report's
    /// words), for an open goal with a target.
    pub forecast: Option<String>,
    /// "Latest check-in: 1 December 2026, 149 contributors"
    pub latest: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ReadableObjective {
    pub title: String,
    pub description: String,
    /// "Owner: … · Sponsor: …", empty when neither is set.
    pub accountable: String,
    pub goals: Vec<ReadableGoal>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ReadableCurve {
    /// The drawing as a standalone SVG document (user text escaped).
    pub svg: String,
    /// What the drawing shows, for its text alternative.
    pub description: String,
    /// The bottleneck the Curve page shows (observed flows first, else the counts now).
    pub bottleneck: Option<String>,
    /// "Contribute: 38 members short of 80 · Answer of the week, Docs sprint"
    pub gaps: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ReadableCareer {
    /// "Community Manager (Community), proposed"
    pub role: String,
    /// The bucketing check's finding, as the Career page states it.
    pub finding: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ReadablePlan {
    pub name: String,
    pub as_of: String,
    /// The parts this copy holds and the ones it came without, as labels.
    pub holds: Vec<&'static str>,
    pub left_out: Vec<&'static str>,
    pub objectives: Vec<ReadableObjective>,
    /// Goals that belong to no objective, listed after the objectives.
    pub other_goals: Vec<ReadableGoal>,
    pub curve: Option<ReadableCurve>,
    pub career: Option<ReadableCareer>,
}

/// `plan` for a reader, as of `today`.
pub fn readable(plan: &Plan, today: NaiveDate) -> ReadablePlan {
    let summary = summarise(plan);
    let holds = summary
        .iter()
        .filter(|s| s.present && !plan.left_out.contains(&s.part))
        .map(|s| s.part.label())
        .collect();
    let left_out = plan
        .left_out
        .iter()
        .filter(|p| summary.iter().any(|s| s.part == **p))
        .map(|p| p.label())
        .collect();
    let book = &plan.goals;
    let objectives = book
        .objectives
        .iter()
        .map(|o| ReadableObjective {
            title: fallback(&o.title, "Untitled objective"),
            description: o.description.trim().to_string(),
            accountable: accountable(&o.owner, &o.sponsor),
            goals: book
                .goals_of(Some(&o.id))
                .into_iter()
                .map(|g| readable_goal(g, today))
                .collect(),
        })
        .collect();
    ReadablePlan {
        name: fallback(&plan.name, "Untitled plan"),
        as_of: format_date(today),
        holds,
        left_out,
        objectives,
        other_goals: unfiled(book)
            .into_iter()
            .map(|g| readable_goal(g, today))
            .collect(),
        curve: readable_curve(plan),
        career: readable_career(plan),
    }
}

fn fallback(text: &str, otherwise: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        otherwise.to_string()
    } else {
        text.to_string()
    }
}

fn accountable(owner: &str, sponsor: &str) -> String {
    let mut parts = Vec::new();
    if !owner.trim().is_empty() {
        parts.push(format!("Owner: {}", owner.trim()));
    }
    if !sponsor.trim().is_empty() {
        parts.push(format!("Sponsor: {}", sponsor.trim()));
    }
    parts.join(" · ")
}

fn unfiled(book: &GoalBook) -> Vec<&Goal> {
    book.goals
        .iter()
        .filter(|g| {
            g.objective_id
                .as_deref()
                .is_none_or(|id| book.objective(id).is_none())
        })
        .collect()
}

fn readable_goal(goal: &Goal, _today: NaiveDate) -> ReadableGoal {
    let unit = goal.metric.unit.trim();
    let p = progress(goal);
    let mut status = goal.status.label().to_string();
    if p.status != TrackStatus::NotEnoughData {
        status += &format!(" · {}", p.status.label());
    }
    if let Some(pc) = p.percent_complete {
        status += &format!(" · {}% complete", pc.round());
    }
    // The colour of the same status whose words are shown.
    let tone = p.status.tone();
    let forecast =
        (goal.status.is_open() && goal.target_value().is_some()).then(|| forecast_line(goal));
    let latest = match &p.latest {
        Some(c) => format!(
            "Latest check-in: {}, {}",
            format_date(c.date),
            format_value(c.value, unit)
        ),
        None => "No check-in yet".to_string(),
    };
    let owner = goal
        .owner()
        .map(|o| o.name.trim())
        .filter(|n| !n.is_empty())
        .map(|n| format!("Owner: {n}"))
        .unwrap_or_default();
    ReadableGoal {
        title: goal_title(goal),
        statement: statement_text(goal),
        owner,
        status,
        tone,
        forecast,
        latest,
    }
}

fn readable_curve(plan: &Plan) -> Option<ReadableCurve> {
    let curve = &plan.curve;
    if curve.stages.is_empty() {
        return None;
    }
    let bottleneck = shown_bottleneck(curve).map(|b| b.headline);
    let touch_point = |id: &String| {
        curve
            .touch_points
            .iter()
            .find(|t| t.id.as_str() == id)
            .map(|t| t.name.trim().to_string())
    };
    let gaps = gap_table(curve)
        .into_iter()
        .filter(|row| row.gap.is_some_and(|g| g > 0))
        .map(|row| {
            let short = row.gap.unwrap_or(0);
            let planned: Vec<String> = row.touch_point_ids.iter().filter_map(touch_point).collect();
            let planned = if planned.is_empty() {
                "nothing planned to close it yet".to_string()
            } else {
                planned.join(", ")
            };
            format!(
                "{}: {short} members short of {} · {planned}",
                row.stage_name, row.target
            )
        })
        .collect();
    let stages: Vec<String> = curve
        .stages
        .iter()
        .map(|s| format!("{} ({} members now)", s.name.trim(), s.members_now))
        .collect();
    Some(ReadableCurve {
        svg: drawing_svg(curve, &format!("Commitment curve: {}", plan.name.trim())),
        description: format!("The commitment curve's stages: {}.", stages.join(", ")),
        bottleneck,
        gaps,
    })
}

fn readable_career(plan: &Plan) -> Option<ReadableCareer> {
    if plan.left_out.contains(&Part::Tracks) {
        return None;
    }
    let career = &plan.career;
    let level_id = career.proposed_level_id.as_deref()?;
    let (track, level) = career.level(level_id)?;
    let check = bucketing_check(career, level_id, career.bucketing_threshold_percent);
    Some(ReadableCareer {
        role: format!(
            "{} ({}), the role under discussion",
            level.title, track.name
        ),
        finding: check.message(&level.title),
    })
}

#[cfg(test)]
mod tests;
