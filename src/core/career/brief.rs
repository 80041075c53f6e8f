//! The evidence brief: the comparison to bring to a manager or HR, written once as Markdown
//! (to download or copy) and read as a document (HTML to download, print or preview) through
//! `markdown::markdown_to_html`. The author's current pay, offers, targets and self-assessment
//! go in only when ticked for the brief.

use chrono::NaiveDate;
use serde::Serialize;

use super::assess::assess_record;
use super::citation::cited_from;
use super::compare::{
    bucketing_check, market_figures, side_by_side, BucketingOutcome, ComparedLevel, SideBySide,
    SAME_RANK_NOTE,
};
use super::format::{money, percent};
use super::parity::parity_gaps;
use super::readiness::readiness;
use super::scope_check::{scope_check_markdown, ScopeCheck};
use super::{reference, Band, Career, CompKind, CompRecord, Source};
use crate::core::audience::{Part, Selection};
use crate::core::goals::statement::statement_text;
use crate::core::goals::text::{format_date, format_value};
use crate::core::goals::GoalBook;
use crate::core::html::standalone_document;
use crate::core::markdown::{markdown_to_html, md_escape as t};

/// What the brief shows for an evidence item that cites a goal. The Goals tool supplies it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct GoalCitation {
    pub statement: String,
    pub final_check_in: Option<String>,
    /// The goal's result in a closed period, when the evidence cites that rather than the
    /// goal as it is now (`goals::periods::period_citation`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_result: Option<String>,
}

/// What the brief (and the evidence list) shows for a goal of this plan: its statement and
/// latest check-in. None when the goal is gone.
pub fn goal_citation(goals: &GoalBook, goal_id: &str) -> Option<GoalCitation> {
    let goal = goals.goal(goal_id)?;
    let final_check_in = goal.latest_check_in().map(|c| {
        let value = format_value(c.value, &goal.metric.unit);
        let date = format_date(c.date);
        if c.note.trim().is_empty() {
            format!("{value} on {date}")
        } else {
            format!("{value} on {date} ({})", c.note.trim())
        }
    });
    Some(GoalCitation {
        statement: statement_text(goal),
        final_check_in,
        period_result: None,
    })
}

/// Which comparison to write up.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct BriefRequest {
    pub level_id: String,
    pub assessment_id: Option<String>,
    /// What the brief may carry: the author's current pay, offers, targets and
    /// self-assessment (ratings and evidence) only when ticked for this brief
    /// ([`Part::reason`] says why each is off).
    #[serde(default)]
    pub selection: Selection,
    /// The plan's work against the level (`scope_check::scope_check`), when the caller has
    /// the whole plan.
    pub scope: Option<ScopeCheck>,
    /// The value of the plan's work (`value::plan_value`), when the caller has the whole plan.
    #[serde(default)]
    pub value: Option<crate::core::value::PlanValue>,
    /// Who prepared the brief (the plan's "Prepared by"), for its header; empty: not shown.
    #[serde(default)]
    pub prepared_by: String,
    /// The day it is written, for its header; the core never reads the clock.
    #[serde(default)]
    pub as_of: Option<NaiveDate>,
    /// Leave out the appendix with every behaviour in full (the plan report does).
    #[serde(default)]
    pub without_appendix: bool,
}

/// The private parts a brief can carry, in the order its switches list them.
pub const BRIEF_PRIVATE_PARTS: [Part; 4] = [
    Part::CurrentPay,
    Part::Offers,
    Part::Targets,
    Part::SelfAssessment,
];

/// Whether the brief carries pay records of this kind.
fn discloses(selection: &Selection, kind: CompKind) -> bool {
    Part::ALL
        .into_iter()
        .find(|p| p.comp_kind() == Some(kind))
        .is_some_and(|p| selection.includes(p))
}

/// Markdown text of the brief. `goal` looks up a cited goal (None if it is gone).
///
/// It opens with the finding (the bucketing check, then the work in the plan against the
/// title), then the evidence (the role, the levels at its rank with a summary of their
/// behaviours by key area, the value of the work, the pay records ticked, parity, the
/// self-assessment if ticked, the sources and, only when a public figure is among them, the
/// caveat about public figures), then an appendix with every behaviour in full.
pub fn evidence_brief(
    career: &Career,
    request: &BriefRequest,
    goal: &dyn Fn(&str) -> Option<GoalCitation>,
) -> String {
    let Some(view) = side_by_side(career, &request.level_id) else {
        return "# Evidence brief\n\nChoose a track and level to write a brief.\n".into();
    };
    let mut out = String::new();
    let chosen = &view.chosen;
    out += &format!(
        "# Evidence brief: {} ({})\n\n",
        t(&chosen.title),
        t(&chosen.track_name)
    );
    byline(request, &mut out);
    // The finding.
    bucketing(career, chosen, &mut out);
    if let Some(check) = &request.scope {
        out += &scope_check_markdown(check);
    }
    // The evidence.
    role(career, chosen, &mut out);
    out += &format!("## Levels at rank {} in every track\n\n", chosen.rank);
    out += "| Track | Level | Scope | Band | What the figure is | Source |\n\
            |---|---|---|---|---|---|\n";
    let mut sources: Vec<Source> = Vec::new();
    for level in std::iter::once(chosen).chain(&view.peers) {
        let (band, facts, source) = match &level.band {
            Some(b) => {
                if !sources.contains(&b.source) {
                    sources.push(b.source.clone());
                }
                (band_summary(b), band_facts(b), b.source.label())
            }
            None => ("no band".into(), "—".into(), "—".into()),
        };
        out += &format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            cell(&level.track_name),
            cell(&format!("{} {}", level.code, level.title)),
            level.scope.label(),
            cell(&band),
            cell(&facts),
            cell(&source)
        );
    }
    if !view.tracks_without_rank.is_empty() {
        out += &format!(
            "\nNo level at this rank: {}.\n",
            t(&view.tracks_without_rank.join(", "))
        );
    }
    behaviours_by_area(&view, request.without_appendix, &mut out);
    if let Some(value) = &request.value {
        out += &crate::core::value::plan_value_markdown(value);
    }
    pay(career, request, &mut out);
    parity(career, &mut out);
    assessment(career, request, goal, &mut out);
    out += "## Sources\n\n";
    for s in &sources {
        out += &format!("- {}", t(&s.label()));
        if !s.note.is_empty() {
            out += &format!(". {}", t(&s.note));
        }
        out += &link(&s.link);
        out += "\n";
    }
    if sources.is_empty() {
        out += "No bands entered.\n";
    }
    // Said only when a public figure is shown (a band at this rank, or a market figure from
    // the level's research log), beside the sources.
    let bands = std::iter::once(chosen).chain(&view.peers);
    if reference::caveat_applies(bands.filter_map(|l| l.band.as_ref()))
        || !market_figures(career, &chosen.level_id).is_empty()
    {
        out += &format!("\n{}\n", reference::CAVEAT);
    }
    if !request.without_appendix {
        appendix(&view, &mut out);
    }
    out
}

/// "_Prepared by Alex Kim · 9 December 2026_" when the request says either.
fn byline(request: &BriefRequest, out: &mut String) {
    let mut parts = Vec::new();
    if !request.prepared_by.trim().is_empty() {
        parts.push(format!("Prepared by {}", t(request.prepared_by.trim())));
    }
    if let Some(day) = request.as_of {
        parts.push(format_date(day));
    }
    if !parts.is_empty() {
        *out += &format!("_{}_\n\n", parts.join(" · "));
    }
}

/// The key areas with a behaviour expected at this rank, and the tracks that expect one: the
/// breadth of each role at a glance. The behaviours themselves are in the appendix.
fn behaviours_by_area(view: &SideBySide, without_appendix: bool, out: &mut String) {
    let levels: Vec<&ComparedLevel> = std::iter::once(&view.chosen).chain(&view.peers).collect();
    let mut areas: Vec<(String, Vec<&str>)> = Vec::new();
    for level in &levels {
        for (area, _) in &level.behaviours {
            let key = area.trim().to_lowercase();
            match areas
                .iter_mut()
                .find(|(a, _)| a.trim().to_lowercase() == key)
            {
                Some((_, tracks)) => {
                    if !tracks.contains(&level.track_name.as_str()) {
                        tracks.push(&level.track_name);
                    }
                }
                None => areas.push((area.trim().to_string(), vec![&level.track_name])),
            }
        }
    }
    *out += "\n### Expected behaviours by key area\n\n";
    if areas.is_empty() {
        *out += "No behaviours written for these levels.\n\n";
        return;
    }
    *out +=
        "Each key area with a behaviour expected at this rank, and the tracks that expect one:\n\n";
    for (area, tracks) in &areas {
        let who = if tracks.len() == levels.len() && levels.len() > 1 {
            format!("all {} tracks", levels.len())
        } else {
            t(&tracks.join(", "))
        };
        *out += &format!("- *{}*: {who}\n", t(area));
    }
    if !without_appendix {
        *out += "\nEvery behaviour in full is in the appendix.\n";
    }
    *out += "\n";
}

/// Every behaviour of every level at the rank. Text still as a template wrote it is marked as
/// the template's (a level whose behaviours all are, once by its name): it is Trellis's
/// starting point, not the employer's words.
fn appendix(view: &SideBySide, out: &mut String) {
    use super::templates::is_template_behaviour;
    *out += &format!(
        "\n## Appendix: expected behaviours at rank {}\n\n",
        view.chosen.rank
    );
    let levels: Vec<&ComparedLevel> = std::iter::once(&view.chosen).chain(&view.peers).collect();
    let any_template = levels
        .iter()
        .flat_map(|l| &l.behaviours)
        .any(|(_, text)| is_template_behaviour(text));
    if any_template {
        *out += &format!("{TEMPLATE_WORDING_NOTE}\n\n");
    }
    for level in levels {
        let all_template = !level.behaviours.is_empty()
            && level
                .behaviours
                .iter()
                .all(|(_, text)| is_template_behaviour(text));
        let mark = if all_template {
            " (template wording)"
        } else {
            ""
        };
        *out += &format!(
            "**{} · {}**{mark}\n\n",
            t(&level.track_name),
            t(&level.title)
        );
        if level.behaviours.is_empty() {
            *out += "No behaviours written.\n\n";
            continue;
        }
        for (area, text) in &level.behaviours {
            let mark = if !all_template && is_template_behaviour(text) {
                " (template wording)"
            } else {
                ""
            };
            *out += &format!("- *{}*: {}{mark}\n", t(area), t(text));
        }
        *out += "\n";
    }
}

/// What "(template wording)" means, at the head of the appendix.
pub const TEMPLATE_WORDING_NOTE: &str = "Behaviours marked (template wording) are Trellis's \
starting text for the track, not the employer's words.";

/// "median · levels: all levels of an occupation · collected: a statistics office's survey of
/// employers · United States (national) · May 2021": what a band's figure is, which levels it
/// covers and how it was collected (apart), "not stated" for what the band does not say.
pub fn band_facts(band: &Band) -> String {
    let statistic = band
        .central_statistic()
        .map_or("statistic not stated".to_string(), |s| s.label());
    let population = match band.population {
        Some(p) => format!("levels: {}", p.label()),
        None => "levels not stated".to_string(),
    };
    let population = format!("{population} · collected: {}", band.collection());
    let geography = if band.geography.trim().is_empty() {
        "geography not stated"
    } else {
        band.geography.trim()
    };
    let date = match (band.effective_year, band.effective()) {
        (Some(_), Some(d)) => d.label(),
        (None, Some(d)) => format!("{} (the source's year)", d.label()),
        (_, None) => "date not stated".to_string(),
    };
    format!("{statistic} · {population} · {geography} · {date}")
}

/// "USD 56,000 – USD 84,000, mid USD 70,000 (base salary)".
pub fn band_summary(band: &Band) -> String {
    let c = &band.currency;
    let range = match (band.min, band.max) {
        (Some(lo), Some(hi)) => format!("{} – {}", money(lo, c), money(hi, c)),
        _ => String::new(),
    };
    let mid = match (band.mid, band.percentiles.p50, band.midpoint()) {
        (Some(m), _, _) => match band.statistic {
            Some(s) => format!("{} {}", s.short(), money(m, c)),
            // As entered in the Midpoint field, with no statistic stated.
            None => format!("mid {}", money(m, c)),
        },
        (None, Some(m), _) => format!("median {}", money(m, c)),
        (None, None, Some(m)) => format!("mid {} (halfway)", money(m, c)),
        _ => String::new(),
    };
    let pct: Vec<String> = band
        .percentiles
        .known()
        .into_iter()
        .filter(|(p, _)| *p != 50)
        .map(|(p, v)| format!("p{p} {}", money(v, c)))
        .collect();
    let parts: Vec<String> = [range, mid, pct.join(", ")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    if parts.is_empty() {
        return format!("no figures ({})", band.basis.label());
    }
    format!("{} ({})", parts.join(", "), band.basis.label())
}

/// A table cell of user text: escaped, so `|` cannot split the row nor markup run.
fn cell(text: &str) -> String {
    t(text)
}

/// " <https://…>" for a web address; anything else is shown as escaped text, never as a link
/// or markup (a `javascript:` address or a stray `>` stays inert).
fn link(address: &str) -> String {
    let address = address.trim();
    let web = address.starts_with("https://") || address.starts_with("http://");
    if address.is_empty() {
        String::new()
    } else if web && !address.contains(|c: char| c.is_whitespace() || c == '<' || c == '>') {
        format!(" <{address}>")
    } else {
        format!(" ({})", t(address))
    }
}

fn role(career: &Career, chosen: &ComparedLevel, out: &mut String) {
    let Some((track, level)) = career.level(&chosen.level_id) else {
        return;
    };
    *out += "## The role\n\n";
    *out += &format!(
        "- Track: {} ({}, {})\n",
        t(&track.name),
        track.family.label(),
        track.kind.label().to_lowercase()
    );
    // A template's note about HR is Trellis's wording, not HR's: only the author's own goes in.
    let classification = track.hr_classification.trim();
    if !classification.is_empty()
        && !super::templates::is_template_hr_classification(classification)
    {
        *out += &format!("- How HR classifies it: {}\n", t(classification));
    }
    *out += &format!(
        "- Level: {} {}, rank {}, scope {}, typically {}\n\n",
        t(&level.code),
        t(&level.title),
        level.rank,
        level.scope.label().to_lowercase(),
        level.typical_years.label()
    );
}

fn bucketing(career: &Career, chosen: &ComparedLevel, out: &mut String) {
    let check = bucketing_check(career, &chosen.level_id, career.bucketing_threshold_percent);
    *out += "## Bucketing check\n\n";
    let message = t(&check.message(&chosen.title));
    match check.outcome {
        BucketingOutcome::BelowPeers { .. } => *out += &format!("> **Warning:** {message}\n\n"),
        _ => *out += &format!("{message}\n\n"),
    }
    if let Some(d) = check.decomposition {
        if let Some(a) = &check.ageing {
            *out += &format!("{}\n\n", t(&d.message(a)));
        }
    }
    if let Some(problem) = &check.ageing_problem {
        *out += &format!("{}\n\n", t(problem));
    }
    let c = &check.currency;
    if let Some(line) = check.proposed_line(&chosen.title) {
        *out += &format!("- {}\n", t(&line));
    }
    for p in &check.peers {
        let anyway = if p.comparable() {
            String::new()
        } else {
            format!(" — counted anyway, {}", t(&p.reasons_text()))
        };
        *out += &format!("- {}{anyway}\n", t(&check.peer_line(p)));
    }
    for p in &check.not_comparable {
        *out += &format!(
            "- Left out: {} · {} ({}), {}\n",
            t(&p.track_name),
            t(&p.level_title),
            t(&p.figure_text(c)),
            t(&p.reasons_text())
        );
    }
    for (name, why) in &check.excluded {
        *out += &format!("- Left out: {}\n", t(&why.message(name)));
    }
    *out += "\n";
    if check.proposed_midpoint.is_some() {
        *out += &format!("{}\n\n", t(SAME_RANK_NOTE));
        let market = market_figures(career, &chosen.level_id);
        if market.is_empty() {
            *out += "Market figures for this work: none in the level's research log yet.\n\n";
        } else {
            *out += "Market figures for this work (the level's research log):\n\n";
            for m in market {
                *out += &format!("- {}\n", t(&m));
            }
            *out += "\n";
        }
    }
}

fn pay(career: &Career, request: &BriefRequest, out: &mut String) {
    for record in career
        .comp_records
        .iter()
        .filter(|r| discloses(&request.selection, r.kind))
    {
        pay_record(career, record, out);
    }
}

fn pay_record(career: &Career, record: &CompRecord, out: &mut String) {
    let a = assess_record(career, record);
    let c = &record.currency;
    let label = if record.label.is_empty() {
        record.kind.label().to_string()
    } else {
        record.label.clone()
    };
    *out += &format!("## Pay: {}\n\n", t(&label));
    if !record.company.is_empty() {
        *out += &format!("- Company: {}\n", t(&record.company));
    }
    *out += &format!(
        "- Base {}, target bonus {}, sign-on {}, equity {} over {} years\n",
        money(record.base, c),
        money(record.target_bonus, c),
        money(record.sign_on, c),
        money(record.equity_grant, c),
        record.vesting_years
    );
    if let Some(v) = a.first_year_total {
        *out += &format!("- First-year total: {}\n", money(v, c));
    }
    if let Some(v) = a.annualised_total {
        *out += &format!("- Annualised total: {}\n", money(v, c));
    }
    if let (Some(v), Some(bc)) = (a.compared_pay, a.band_currency.as_deref()) {
        let basis = a.basis.unwrap_or_default().label();
        *out += &format!("- Compared with the band ({basis}): {}\n", money(v, bc));
    }
    let band_of = a.band_of.as_deref().map(t).unwrap_or_default();
    if let (Some(r), Some(reference)) = (a.compa_ratio, &a.compa_reference) {
        *out += &format!(
            "- Compa-ratio: {r:.2} (the pay compared, against the {} of {band_of})\n",
            t(reference)
        );
    }
    if let (Some(r), Some(range)) = (a.range_penetration, &a.range) {
        *out += &format!(
            "- Range penetration: {} (of the way from the minimum to the maximum of {band_of}, \
             {})\n",
            percent(r),
            t(range)
        );
    }
    if let Some(p) = &a.percentile {
        *out += &format!("- Position: {} of {band_of}\n", p.describe());
    }
    for f in &a.flags {
        *out += &format!("- Note: {}\n", t(&f.message()));
    }
    *out += "\n";
}

fn parity(career: &Career, out: &mut String) {
    *out += "## Parity across tracks\n\n";
    let gaps = parity_gaps(career);
    if gaps.is_empty() {
        *out += "Levels, ranks and scopes line up across tracks.\n";
    }
    for g in gaps {
        *out += &format!("- {}\n", t(&g.message()));
    }
    *out += "\n";
}

fn assessment(
    career: &Career,
    request: &BriefRequest,
    goal: &dyn Fn(&str) -> Option<GoalCitation>,
    out: &mut String,
) {
    if !request.selection.includes(Part::SelfAssessment) {
        return;
    }
    let Some(a) = request
        .assessment_id
        .as_deref()
        .and_then(|id| career.self_assessment(id))
    else {
        return;
    };
    let Some(r) = readiness(career, a) else {
        return;
    };
    *out += &format!(
        "## Self-assessment against {} ({})\n\n",
        t(&r.level_title),
        t(&r.track_name)
    );
    *out += &format!(
        "Overall: {} of {} behaviours meeting or exceeding ({}).\n\n",
        r.meeting_or_exceeding,
        r.behaviours,
        r.overall.map_or("—".into(), percent)
    );
    *out += "| Key area | Behaviour | Rating |\n|---|---|---|\n";
    for area in &r.areas {
        for b in &area.behaviours {
            *out += &format!(
                "| {} | {} | {} |\n",
                cell(&area.name),
                cell(&b.text),
                b.rating.map_or("not rated", |x| x.label())
            );
        }
    }
    *out += "\n";
    for area in &r.areas {
        *out += &format!(
            "- {}: {}\n",
            t(&area.name),
            area.share.map_or("nothing expected".into(), percent)
        );
    }
    if a.evidence.is_empty() {
        *out += "\n";
        return;
    }
    *out += "\n### Evidence\n\n";
    for e in &a.evidence {
        *out += &format!("- {}", t(&e.text));
        if let Some(d) = e.date {
            *out += &format!(" ({d})");
        }
        *out += &link(&e.link);
        *out += "\n";
        // A closed period's result is cited by its snapshot: the goal has moved on since.
        let live = e.goal_id.as_deref().filter(|_| e.period_id.is_none());
        match (live.and_then(goal), &e.cited_goal) {
            (Some(g), _) => {
                *out += &format!("  - Goal: {}\n", t(&g.statement));
                if let Some(c) = g.final_check_in {
                    *out += &format!("  - Final check-in: {}\n", t(&c));
                }
            }
            // Another plan's goal, or one since deleted: what it said when it was cited.
            (None, Some(c)) => {
                *out += &format!("  - Goal: {} ({})\n", t(&c.statement), t(&cited_from(c)));
                let label = if e.period_id.is_some() {
                    "Result"
                } else {
                    "Final check-in"
                };
                if let Some(check_in) = &c.final_check_in {
                    *out += &format!("  - {label}: {}\n", t(check_in));
                }
            }
            (None, None) if e.goal_id.is_some() => {
                *out += "  - Cites a goal that is no longer in the plan.\n"
            }
            (None, None) => {}
        }
        for bid in &e.behaviour_ids {
            if let Some((_, area, b)) = career.behaviour(bid) {
                *out += &format!("  - Shows *{}*: {}\n", t(&area.name), t(&b.text));
            }
        }
    }
    *out += "\n";
}

/// "Evidence brief: Community Manager (Community)", the document's title.
pub fn brief_title(career: &Career, request: &BriefRequest) -> String {
    match side_by_side(career, &request.level_id) {
        Some(view) => format!(
            "Evidence brief: {} ({})",
            view.chosen.title.trim(),
            view.chosen.track_name.trim()
        ),
        None => "Evidence brief".to_string(),
    }
}

/// The brief as a readable document's body: an `<article>` for the app to preview or print,
/// with headings `heading_offset` levels deeper (the plan report nests it under its own).
pub fn brief_html_body(markdown: &str, heading_offset: usize) -> String {
    format!(
        "<article class=\"trellis-doc brief\">\n<p class=\"doc-kind\">Evidence brief</p>\n{}</article>\n",
        markdown_to_html(markdown, heading_offset)
    )
}

/// The brief as a self-contained HTML page (no script; its stylesheet allowed by its hash).
pub fn brief_document(
    career: &Career,
    request: &BriefRequest,
    goal: &dyn Fn(&str) -> Option<GoalCitation>,
) -> String {
    let markdown = evidence_brief(career, request, goal);
    standalone_document(
        &brief_title(career, request),
        &brief_html_body(&markdown, 0),
    )
}

#[cfg(test)]
mod tests;
