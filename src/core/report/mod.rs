//! The plan report: one readable document of a plan for a reader who will not open Trellis (a
//! VP, a sponsor, a manager). It names the plan, the day it was written (`today`, given: the
//! core never reads the clock) and who prepared it; then the goals by objective (the SMART
//! statement, owner, status and the forecast with what it rests on); the commitment curve drawn
//! with its bottleneck marked, and the touch points that address its gaps; and, only when the
//! career tracks are included, the career case (the evidence brief without its appendix).
//!
//! It is written from the copy of the plan that would leave with the same choice of parts
//! (`audience::redact`), so a part that is not included cannot show up anywhere in it. HTML
//! with every user text escaped, no script and no style attribute: a page to download
//! ([`plan_report_document`]) and the same body for the app to print.

use chrono::NaiveDate;

use crate::core::audience::{redact, Part, Selection};
use crate::core::career::brief::{evidence_brief, goal_citation, BriefRequest};
use crate::core::curve::analysis::{gap_table, shown_bottleneck, stage_name, NO_BOTTLENECK};
use crate::core::curve::svg_export::drawing_svg;
use crate::core::curve::{Curve, TouchPointStatus};
use crate::core::goals::forecast::{
    forecast, forecast_text, latest_confidence, progress, TrackStatus,
};
use crate::core::goals::periods::{in_open_period, open_goals, open_period};
use crate::core::goals::statement::statement_text;
use crate::core::goals::text::{format_date, format_value};
use crate::core::goals::{Goal, GoalBook};
use crate::core::html::{escape as h, standalone_document};
use crate::core::markdown::markdown_to_html;
use crate::core::plan::Plan;

/// The report: its title and its body (an `<article class="trellis-doc">`).
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub title: String,
    pub body: String,
}

/// "Plan report: <name>".
pub fn report_title(plan: &Plan) -> String {
    match plan.name.trim() {
        "" => "Plan report".to_string(),
        name => format!("Plan report: {name}"),
    }
}

/// The report of the parts of `plan` that `selection` includes, as of `today`.
pub fn plan_report(plan: &Plan, selection: &Selection, today: NaiveDate) -> Report {
    let plan = redact(plan, *selection, today);
    let mut body = String::from("<article class=\"trellis-doc report\">\n");
    header(&plan, today, &mut body);
    let mut any = false;
    if selection.includes(Part::Goals) {
        goals(&plan.goals, &mut body);
        any = true;
    }
    if selection.includes(Part::Curve) {
        curve(&plan.curve, &plan.name, &mut body);
        any = true;
    }
    if selection.includes(Part::Tracks) && career(&plan, selection, today, &mut body) {
        any = true;
    }
    if !any {
        body += "<p>Nothing of the plan is included in this report.</p>\n";
    }
    body += &format!(
        "<footer class=\"doc-foot\"><p>Written by Trellis from the plan “{}” on {}: every figure \
         is as the plan records it on that day.</p></footer>\n</article>\n",
        h(plan.name.trim()),
        format_date(today)
    );
    Report {
        title: report_title(&plan),
        body,
    }
}

/// The report as a self-contained HTML page.
pub fn plan_report_document(plan: &Plan, selection: &Selection, today: NaiveDate) -> String {
    let report = plan_report(plan, selection, today);
    standalone_document(&report.title, &report.body)
}

fn header(plan: &Plan, today: NaiveDate, out: &mut String) {
    let name = match plan.name.trim() {
        "" => "Untitled plan",
        name => name,
    };
    *out += "<header class=\"doc-head\">\n<p class=\"doc-kind\">Plan report</p>\n";
    *out += &format!("<h1>{}</h1>\n", h(name));
    let mut meta = format!("As of {}", format_date(today));
    if !plan.prepared_by.trim().is_empty() {
        meta += &format!(" · Prepared by {}", h(plan.prepared_by.trim()));
    }
    *out += &format!("<p class=\"doc-meta\">{meta}</p>\n</header>\n");
}

fn or_untitled<'a>(text: &'a str, fallback: &'a str) -> &'a str {
    match text.trim() {
        "" => fallback,
        t => t,
    }
}

fn goals(book: &GoalBook, out: &mut String) {
    *out += "<section class=\"doc-goals\">\n<h2>Goals</h2>\n";
    let goals = open_goals(book);
    if goals.is_empty() && book.objectives.is_empty() {
        *out += "<p>No objectives or goals yet.</p>\n</section>\n";
        return;
    }
    let mut counts = [0usize; STATUSES.len()];
    for g in &goals {
        counts[status_index(progress(g).status)] += 1;
    }
    let mut lede = format!(
        "{} in {}",
        count(goals.len(), "goal", "goals"),
        count(book.objectives.len(), "objective", "objectives")
    );
    if let Some(period) = open_period(book) {
        lede += &format!(
            ", in the period {} ({} to {})",
            h(period.name.trim()),
            format_date(period.start),
            format_date(period.end)
        );
    }
    let by_status: Vec<String> = STATUSES
        .into_iter()
        .filter(|s| counts[status_index(*s)] > 0)
        .map(|s| {
            let label = match s {
                TrackStatus::NotEnoughData => "without enough history to tell",
                s => s.label(),
            };
            format!("{} {}", counts[status_index(s)], label.to_lowercase())
        })
        .collect();
    if !by_status.is_empty() {
        lede += &format!(": {}", by_status.join(", "));
    }
    *out += &format!("<p class=\"doc-lede\">{lede}.</p>\n");
    for objective in &book.objectives {
        *out += "<section class=\"objective\">\n";
        *out += &format!(
            "<h3>{}</h3>\n",
            h(or_untitled(&objective.title, "Untitled objective"))
        );
        let who: Vec<String> = [
            ("Owner", &objective.owner),
            ("Sponsor", &objective.sponsor),
            ("Serves", &objective.business_goal),
        ]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}: {}", h(v.trim())))
        .collect();
        if !who.is_empty() {
            *out += &format!("<p class=\"note\">{}</p>\n", who.join(" · "));
        }
        if !objective.description.trim().is_empty() {
            *out += &format!("<p>{}</p>\n", h(objective.description.trim()));
        }
        let mut mine = book.goals_of(Some(&objective.id));
        mine.retain(|g| in_open_period(book, g));
        if mine.is_empty() {
            *out += "<p class=\"note\">No goals yet.</p>\n";
        }
        for goal in mine {
            goal_card(goal, out);
        }
        *out += "</section>\n";
    }
    let orphans: Vec<&Goal> = goals
        .into_iter()
        .filter(|g| {
            g.objective_id
                .as_deref()
                .is_none_or(|id| book.objective(id).is_none())
        })
        .collect();
    if !orphans.is_empty() {
        *out += "<section class=\"objective\">\n<h3>Goals without an objective</h3>\n";
        for goal in orphans {
            goal_card(goal, out);
        }
        *out += "</section>\n";
    }
    *out += "</section>\n";
}

/// Where a goal stands, in the order the report counts them.
const STATUSES: [TrackStatus; 9] = [
    TrackStatus::Achieved,
    TrackStatus::TargetReached,
    TrackStatus::TargetHeld,
    TrackStatus::MetMaySlip,
    TrackStatus::OnTrack,
    TrackStatus::AtRisk,
    TrackStatus::OffTrack,
    TrackStatus::NotEnoughData,
    TrackStatus::NotJudged,
];

fn status_index(status: TrackStatus) -> usize {
    STATUSES.iter().position(|s| *s == status).unwrap_or(0)
}

/// The document's class for a status: its colour, from the status's own tone.
fn status_class(status: TrackStatus) -> &'static str {
    use crate::core::signal::Tone;
    match status.tone() {
        Tone::Good => "on-track",
        Tone::Warn => "at-risk",
        Tone::Bad => "off-track",
        Tone::Neutral => "no-data",
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn goal_card(goal: &Goal, out: &mut String) {
    let unit = goal.metric.unit.trim();
    let p = progress(goal);
    *out += "<div class=\"goal\">\n";
    *out += &format!(
        "<h4>{}</h4>\n<p class=\"statement\">{}</p>\n<dl class=\"facts\">\n",
        h(or_untitled(&goal.title, "Untitled goal")),
        h(&statement_text(goal))
    );
    let owner = goal
        .owner()
        .map(|o| o.name.trim())
        .filter(|n| !n.is_empty())
        .unwrap_or("not named");
    *out += &format!("<dt>Owner</dt><dd>{}</dd>\n", h(owner));
    let mut status = format!(
        "<span class=\"status {}\">{}</span> {}",
        status_class(p.status),
        p.status.label(),
        goal.status.label()
    );
    if let Some(pc) = p.percent_complete {
        status += &format!(" · {}% complete", pc.round());
    }
    *out += &format!("<dt>Status</dt><dd>{status}</dd>\n");
    if goal.status.is_open() && goal.target_value().is_some() {
        *out += &format!("<dt>Forecast</dt><dd>{}</dd>\n", h(&forecast_line(goal)));
    }
    if let Some(c) = &p.latest {
        *out += &format!(
            "<dt>Latest check-in</dt><dd>{}: {}</dd>\n",
            format_date(c.date),
            h(&format_value(c.value, unit))
        );
    }
    *out += "</dl>\n</div>\n";
}

/// The forecast with its range and what it rests on, or why there is none (as
/// `goals::forecast::forecast_text` words it, the goals report's own words), with the team's
/// latest confidence when there is a forecast.
pub fn forecast_line(goal: &Goal) -> String {
    let mut line = forecast_text(goal);
    if let (Some(_), Some(c)) = (forecast(goal), latest_confidence(goal)) {
        line += &format!(" Team confidence {c}%.");
    }
    line
}

fn curve(curve: &Curve, plan_name: &str, out: &mut String) {
    *out += "<section class=\"doc-curve\">\n<h2>Commitment curve</h2>\n";
    if curve.stages.is_empty() {
        *out += "<p>No stages yet.</p>\n</section>\n";
        return;
    }
    let caption = shown_bottleneck(curve).map_or(NO_BOTTLENECK.to_string(), |b| b.headline);
    *out += &format!(
        "<figure tabindex=\"0\">\n{}<figcaption>{}</figcaption>\n</figure>\n",
        drawing_svg(curve, plan_name),
        h(&caption)
    );
    *out += "<h3>Touch points that address the gap</h3>\n";
    let rows: Vec<_> = gap_table(curve)
        .into_iter()
        .filter(|r| r.gap.is_some_and(|g| g > 0))
        .collect();
    if rows.is_empty() {
        let any_target = curve.stages.iter().any(|s| s.target_members > 0);
        *out += if any_target {
            "<p>Every stage with a target has reached it.</p>\n"
        } else {
            "<p>No stage has a target yet, so there is no gap to close.</p>\n"
        };
        *out += "</section>\n";
        return;
    }
    *out += "<p class=\"note\">The stages still short of their targets, and the touch points \
             that lead members into each.</p>\n";
    *out += "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Stages short \
             of their targets, and the touch points leading in\"><table>\n<thead><tr><th scope=\"col\">Stage</th>\
             <th scope=\"col\" class=\"num\">Now</th><th scope=\"col\" class=\"num\">Target</th>\
             <th scope=\"col\" class=\"num\">Gap</th><th scope=\"col\">Touch points leading in</th>\
             </tr></thead>\n<tbody>\n";
    for row in rows {
        let touch_points: Vec<String> = row
            .touch_point_ids
            .iter()
            .filter_map(|id| curve.touch_point(id))
            .map(|t| {
                let mut about = vec![match t.status {
                    TouchPointStatus::Unknown(_) => crate::core::newer::LABEL.to_string(),
                    TouchPointStatus::Existing => "running".to_string(),
                    TouchPointStatus::Planned => "planned".to_string(),
                }];
                if !t.owner.trim().is_empty() {
                    about.insert(0, t.owner.trim().to_string());
                }
                format!(
                    "{} ({})",
                    h(or_untitled(&t.name, "Untitled touch point")),
                    h(&about.join(", "))
                )
            })
            .collect();
        let cell = if touch_points.is_empty() {
            "<span class=\"gap-flag\">Nothing planned to close this gap.</span>".to_string()
        } else {
            touch_points.join("<br>")
        };
        *out += &format!(
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td><td>{cell}</td></tr>\n",
            h(&stage_name(curve, &row.stage_id)),
            row.now,
            row.target,
            row.gap.unwrap_or(0)
        );
    }
    *out += "</tbody></table></div>\n</section>\n";
}

/// The career case: the brief for the proposed role, without its appendix, carrying only the
/// private parts `selection` includes. False when no role is proposed (nothing is written).
fn career(plan: &Plan, selection: &Selection, today: NaiveDate, out: &mut String) -> bool {
    let Some(level) = plan
        .career
        .proposed_level_id
        .as_deref()
        .filter(|id| plan.career.level(id).is_some())
    else {
        return false;
    };
    let request = BriefRequest {
        level_id: level.to_string(),
        assessment_id: plan
            .career
            .self_assessments
            .first()
            .map(|a| a.id.to_string()),
        selection: *selection,
        scope: crate::core::career::scope_check::scope_check(plan, level),
        value: Some(crate::core::value::plan_value(plan, today)),
        without_appendix: true,
        ..BriefRequest::default()
    };
    let markdown = evidence_brief(&plan.career, &request, &|id| goal_citation(&plan.goals, id));
    *out += "<section class=\"doc-career\">\n<h2>Career case</h2>\n";
    *out += &markdown_to_html(&markdown, 2);
    *out += "</section>\n";
    true
}

#[cfg(test)]
mod tests;
