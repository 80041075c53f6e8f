//! The work against the title: what this plan asks of a role (its objectives, goals and
//! touch points, each with the scope it demands and the key areas it exercises) against the
//! scope and behaviours of the role's level and of the next one up.
//!
//! Work the team has not tagged gets a scope by a rule of thumb ([`default_scope`]), and every
//! figure says how much of it rests on that rule.

use serde::Serialize;

use super::{Behaviour, Career, Evidence, KeyArea, Level, Scope, Track};
use crate::core::goals::statement::goal_title;
use crate::core::goals::GoalStatus;
use crate::core::ids::{BehaviourId, GoalId, KeyAreaId, LevelId};
use crate::core::plan::Plan;

/// Which kind of record a piece of work is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkKind {
    Objective,
    Goal,
    TouchPoint,
}

impl WorkKind {
    pub fn noun(self, count: usize) -> &'static str {
        match (self, count == 1) {
            (WorkKind::Objective, true) => "objective",
            (WorkKind::Objective, false) => "objectives",
            (WorkKind::Goal, true) => "goal",
            (WorkKind::Goal, false) => "goals",
            (WorkKind::TouchPoint, true) => "touch point",
            (WorkKind::TouchPoint, false) => "touch points",
        }
    }
}

/// The scope a piece of work is taken to demand when the team has not said. A rule of thumb:
/// an objective is owned for the whole program, a goal is a key result a team delivers
/// together, a touch point is one activity with one owner.
pub fn default_scope(kind: WorkKind) -> Scope {
    match kind {
        WorkKind::Objective => Scope::Organisation,
        WorkKind::Goal => Scope::Team,
        WorkKind::TouchPoint => Scope::OneSelf,
    }
}

/// Shown wherever a scope comes from [`default_scope`].
pub const RULE_OF_THUMB: &str = "Rule of thumb for work without a scope of its own: an \
objective is owned for the whole program (organisation), a goal is a key result a team \
delivers (team), a touch point is one activity with one owner (self). Set the scope on the \
item where yours differs.";

/// One objective, goal or touch point of the plan, with the scope it demands.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WorkItem {
    pub kind: WorkKind,
    pub id: String,
    pub title: String,
    pub scope: Scope,
    /// The scope comes from the rule of thumb, not from the team.
    pub by_rule: bool,
    pub key_area_ids: Vec<KeyAreaId>,
}

fn or_untitled(title: &str, untitled: &str) -> String {
    let title = title.trim();
    if title.is_empty() {
        untitled.to_string()
    } else {
        title.to_string()
    }
}

fn item(
    kind: WorkKind,
    id: &str,
    title: String,
    scope: Option<Scope>,
    key_area_ids: &[KeyAreaId],
) -> WorkItem {
    WorkItem {
        kind,
        id: id.to_string(),
        title,
        scope: scope.unwrap_or(default_scope(kind)),
        by_rule: scope.is_none(),
        key_area_ids: key_area_ids.to_vec(),
    }
}

/// The work this plan assigns: every objective, every goal not dropped, every touch point.
pub fn plan_work(plan: &Plan) -> Vec<WorkItem> {
    let objectives = plan.goals.objectives.iter().map(|o| {
        let title = or_untitled(&o.title, "Untitled objective");
        item(WorkKind::Objective, &o.id, title, o.scope, &o.key_area_ids)
    });
    let goals = plan
        .goals
        .goals
        .iter()
        .filter(|g| g.status != GoalStatus::Dropped)
        .map(|g| {
            let title = goal_title(g);
            item(WorkKind::Goal, &g.id, title, g.scope, &g.key_area_ids)
        });
    let touch_points = plan.curve.touch_points.iter().map(|t| {
        let title = or_untitled(&t.name, "Untitled touch point");
        item(WorkKind::TouchPoint, &t.id, title, t.scope, &t.key_area_ids)
    });
    objectives.chain(goals).chain(touch_points).collect()
}

/// A level as the check names it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LevelRef {
    pub level_id: LevelId,
    pub code: String,
    pub title: String,
    pub scope: Scope,
}

impl LevelRef {
    fn of(level: &Level) -> Self {
        LevelRef {
            level_id: level.id.clone(),
            code: level.code.trim().to_string(),
            title: or_untitled(&level.title, "Untitled level"),
            scope: level.scope,
        }
    }

    /// "C4 Lead Community Manager", or the title alone when the level has no code.
    pub fn name(&self) -> String {
        if self.code.is_empty() {
            self.title.clone()
        } else {
            format!("{} {}", self.code, self.title)
        }
    }
}

/// Work at one scope wider than the level's.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScopeFinding {
    pub scope: Scope,
    pub items: Vec<WorkItem>,
    /// The lowest level of the track whose scope reaches this far; None when none does.
    pub work_of: Option<LevelRef>,
}

impl ScopeFinding {
    /// "This plan asks Community Manager (scope: team) to own 3 goals at organisation
    /// scope: the work of C4 Lead Community Manager."
    pub fn message(&self, level: &LevelRef, track_name: &str) -> String {
        let work = counts_text(&self.items);
        let whose = match &self.work_of {
            Some(l) => format!("the work of {}", l.name()),
            None => format!("wider than any level of the {track_name} track"),
        };
        let rule = match self.items.iter().filter(|i| i.by_rule).count() {
            0 => String::new(),
            n if n == self.items.len() => " (scope by rule of thumb)".to_string(),
            n => format!(" ({n} of them by rule of thumb)"),
        };
        format!(
            "This plan asks {} (scope: {}) to own {work} at {} scope{rule}: {whose}.",
            level.title,
            level.scope.label().to_lowercase(),
            self.scope.label().to_lowercase(),
        )
    }
}

/// "3 goals and 1 objective".
fn counts_text(items: &[WorkItem]) -> String {
    let parts: Vec<String> = [WorkKind::Goal, WorkKind::Objective, WorkKind::TouchPoint]
        .into_iter()
        .filter_map(|kind| {
            let n = items.iter().filter(|i| i.kind == kind).count();
            (n > 0).then(|| format!("{n} {}", kind.noun(n)))
        })
        .collect();
    match parts.as_slice() {
        [] => "no work".to_string(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// One key area of the level's track, the work that exercises it, and what the level and
/// the next one expect in it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AreaWork {
    pub key_area_id: KeyAreaId,
    pub name: String,
    pub items: Vec<WorkItem>,
    /// The behaviour this level expects in the area (id, text), if written.
    pub at_level: Option<(BehaviourId, String)>,
    /// The behaviour the next level expects in the area (id, text), if written.
    pub at_next: Option<(BehaviourId, String)>,
}

/// The scope check of one level.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScopeCheck {
    pub track_name: String,
    pub level: LevelRef,
    /// The level of the next rank up in the same track, if any.
    pub next: Option<LevelRef>,
    /// Work wider than the level's scope, one finding per scope, narrowest first.
    pub findings: Vec<ScopeFinding>,
    /// How many pieces of work fit the level's scope.
    pub within: usize,
    /// How many pieces of work there are in all.
    pub total: usize,
    /// How many take their scope from the rule of thumb.
    pub by_rule: usize,
    /// Key areas of the track with the work tagged with them, in the track's order.
    pub areas: Vec<AreaWork>,
}

impl ScopeCheck {
    /// "6 of 9 pieces of work fit Community Manager's scope (team); 3 are wider."
    pub fn summary(&self) -> String {
        let wider = self.total - self.within;
        let mut text = format!(
            "{} of {} pieces of work in this plan fit {}'s scope ({})",
            self.within,
            self.total,
            self.level.title,
            self.level.scope.label().to_lowercase()
        );
        text += &match wider {
            0 => ".".to_string(),
            1 => "; 1 is wider.".to_string(),
            n => format!("; {n} are wider."),
        };
        if self.by_rule > 0 {
            text += &format!(
                " {} of the {} take their scope from the rule of thumb.",
                self.by_rule, self.total
            );
        }
        text
    }

    /// The next level, as a sentence: "The next level, C3 Senior Community Manager, has
    /// scope several teams."
    pub fn next_text(&self) -> String {
        match &self.next {
            Some(n) => format!(
                "The next level, {}, has scope {}.",
                n.name(),
                n.scope.label().to_lowercase()
            ),
            None => format!("{} is the top level of its track.", self.level.name()),
        }
    }

    /// Every goal in a finding, once each, in finding order.
    pub fn goals_above(&self) -> Vec<&WorkItem> {
        let mut out: Vec<&WorkItem> = Vec::new();
        for item in self.findings.iter().flat_map(|f| &f.items) {
            if item.kind == WorkKind::Goal && !out.iter().any(|o| o.id == item.id) {
                out.push(item);
            }
        }
        out
    }
}

fn behaviour_at(area: &KeyArea, level_id: &str) -> Option<(BehaviourId, String)> {
    area.behaviours
        .iter()
        .find(|b: &&Behaviour| b.level_id == level_id && !b.text.trim().is_empty())
        .map(|b| (b.id.clone(), b.text.trim().to_string()))
}

/// The next level up in a track: the lowest rank above `level`'s.
fn next_level<'a>(track: &'a Track, level: &Level) -> Option<&'a Level> {
    track
        .levels
        .iter()
        .filter(|l| l.rank > level.rank)
        .min_by_key(|l| l.rank)
}

/// The lowest-ranked level of the track whose scope reaches `scope`.
fn lowest_reaching(track: &Track, scope: Scope) -> Option<&Level> {
    track
        .levels
        .iter()
        .filter(|l| l.scope >= scope)
        .min_by_key(|l| (l.rank, l.scope))
}

/// The plan's work against `level_id`; None when there is no such level.
pub fn scope_check(plan: &Plan, level_id: &str) -> Option<ScopeCheck> {
    let (track, level) = plan.career.level(level_id)?;
    let work = plan_work(plan);
    let mut findings: Vec<ScopeFinding> = Vec::new();
    for scope in Scope::ALL.into_iter().filter(|s| *s > level.scope) {
        let items: Vec<WorkItem> = work.iter().filter(|i| i.scope == scope).cloned().collect();
        if !items.is_empty() {
            findings.push(ScopeFinding {
                scope,
                items,
                work_of: lowest_reaching(track, scope).map(LevelRef::of),
            });
        }
    }
    let next = next_level(track, level);
    let areas = track
        .key_areas
        .iter()
        .map(|area| AreaWork {
            key_area_id: area.id.clone(),
            name: or_untitled(&area.name, "Untitled key area"),
            items: work
                .iter()
                .filter(|i| i.key_area_ids.contains(&area.id))
                .cloned()
                .collect(),
            at_level: behaviour_at(area, &level.id),
            at_next: next.and_then(|n| behaviour_at(area, &n.id)),
        })
        .collect();
    Some(ScopeCheck {
        track_name: or_untitled(&track.name, "Untitled track"),
        level: LevelRef::of(level),
        next: next.map(LevelRef::of),
        within: work.iter().filter(|i| i.scope <= level.scope).count(),
        total: work.len(),
        by_rule: work.iter().filter(|i| i.by_rule).count(),
        findings,
        areas,
    })
}

/// Evidence for a self-assessment from a goal of this plan: it cites the goal, and shows the
/// behaviours the target level expects in the key areas the goal is tagged with.
pub fn evidence_from_goal(career: &Career, target_level_id: &str, goal: &WorkItem) -> Evidence {
    let behaviour_ids = career
        .level(target_level_id)
        .map(|(track, _)| {
            track
                .key_areas
                .iter()
                .filter(|a| goal.key_area_ids.contains(&a.id))
                .filter_map(|a| behaviour_at(a, target_level_id).map(|(id, _)| id))
                .collect()
        })
        .unwrap_or_default();
    Evidence {
        text: goal.title.clone(),
        goal_id: Some(GoalId::from(&goal.id)),
        behaviour_ids,
        ..Evidence::default()
    }
}

/// The goals of a scope check that a self-assessment does not cite yet: what it offers as
/// evidence.
pub fn offered_evidence<'a>(
    check: &'a ScopeCheck,
    career: &Career,
    assessment_id: &str,
) -> Vec<&'a WorkItem> {
    let cited: Vec<&str> = career
        .self_assessment(assessment_id)
        .map(|a| {
            a.evidence
                .iter()
                .filter_map(|e| e.goal_id.as_deref())
                .collect()
        })
        .unwrap_or_default();
    check
        .goals_above()
        .into_iter()
        .filter(|g| !cited.contains(&g.id.as_str()))
        .collect()
}

/// The check as Markdown, for the evidence brief.
pub fn scope_check_markdown(check: &ScopeCheck) -> String {
    use crate::core::markdown::md_escape as t;
    let mut out = String::from("## The work in this plan against the title\n\n");
    out += &format!("{}\n\n", t(&check.summary()));
    for f in &check.findings {
        out += &format!("- {}\n", t(&f.message(&check.level, &check.track_name)));
        for i in &f.items {
            let rule = if i.by_rule { ", by rule of thumb" } else { "" };
            out += &format!("  - {} ({}{rule})\n", t(&i.title), i.kind.noun(1));
        }
    }
    if check.findings.is_empty() {
        out += "- No work in this plan is wider than the level's scope.\n";
    }
    out += &format!("\n{}\n\n", t(&check.next_text()));
    let tagged: Vec<&AreaWork> = check.areas.iter().filter(|a| !a.items.is_empty()).collect();
    if !tagged.is_empty() {
        out += "| Key area | Work | This level expects | The next level expects |\n\
                |---|---|---|---|\n";
        for a in tagged {
            let work: Vec<String> = a.items.iter().map(|i| i.title.clone()).collect();
            let expects = |b: &Option<(BehaviourId, String)>| {
                b.as_ref()
                    .map_or("not written".to_string(), |(_, text)| t(text))
            };
            out += &format!(
                "| {} | {} | {} | {} |\n",
                t(&a.name),
                t(&work.join("; ")),
                expects(&a.at_level),
                expects(&a.at_next)
            );
        }
        out += "\n";
    }
    if check.by_rule > 0 {
        out += &format!("{}\n\n", t(RULE_OF_THUMB));
    }
    out
}

/// Key area choices for tagging work: (id, "Track · Key area"), in track order.
pub fn key_area_options(career: &Career) -> Vec<(KeyAreaId, String)> {
    career
        .tracks
        .iter()
        .flat_map(|t| {
            let track = or_untitled(&t.name, "Untitled track");
            t.key_areas.iter().map(move |a| {
                (
                    a.id.clone(),
                    format!("{track} · {}", or_untitled(&a.name, "Untitled key area")),
                )
            })
        })
        .collect()
}

/// Tags work with a key area (`on`) or untags it, keeping the list free of repeats.
pub fn toggle_key_area(ids: &mut Vec<KeyAreaId>, id: &str, on: bool) {
    ids.retain(|k| k != id);
    if on {
        ids.push(id.into());
    }
}

/// Drops tags naming key areas that are not in the worksheet (after a key area or track is
/// removed), so the plan never points at one that is gone.
pub fn forget_key_areas(plan: &mut Plan) {
    let known: Vec<KeyAreaId> = plan
        .career
        .tracks
        .iter()
        .flat_map(|t| t.key_areas.iter().map(|a| a.id.clone()))
        .collect();
    let keep = |ids: &mut Vec<KeyAreaId>| ids.retain(|id| known.contains(id));
    plan.goals
        .objectives
        .iter_mut()
        .for_each(|o| keep(&mut o.key_area_ids));
    plan.goals
        .goals
        .iter_mut()
        .for_each(|g| keep(&mut g.key_area_ids));
    plan.curve
        .touch_points
        .iter_mut()
        .for_each(|t| keep(&mut t.key_area_ids));
}

#[cfg(test)]
mod tests;
