//! The work against the title: the work this plan gives the role under discussion (its
//! objectives, goals and touch points, each with the scope the team tagged it with and the key
//! areas it exercises) against the scope and behaviours of the role's level and of the next one
//! up.
//!
//! It counts only what the plan's data says: work whose owner (an objective's owner, a goal's
//! key player marked owner, a touch point's owner) is the person in the role or their team, as
//! the user names them (`Career::role_owners`), and whose scope the team has tagged. Work
//! without a scope is listed as not tagged, never given one by a rule; work owned by someone
//! else (a sponsor's strategy, another team's goal) is not the role's, however wide it is.

use serde::Serialize;

use super::{Behaviour, Career, Evidence, KeyArea, Level, Scope, Track};
use crate::core::goals::statement::goal_title;
use crate::core::goals::text::join_list;
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

    /// Where its owner is named, for the "no owner named" list.
    pub fn owner_field(self) -> &'static str {
        match self {
            WorkKind::Objective => "the objective's owner",
            WorkKind::Goal => "a key player marked owner",
            WorkKind::TouchPoint => "the touch point's owner",
        }
    }
}

/// Whether a piece of work counts in the check, and why not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Owned by the role or its team and tagged with a scope: counted.
    Counted,
    /// No scope tagged: not counted, and listed so it can be tagged.
    NotTagged,
    /// Tagged, but no owner is named on it.
    NoOwner,
    /// Tagged, and owned by someone who is not the role or its team.
    OwnedByOthers,
}

/// One objective, goal or touch point of the plan, with its owner and the scope tagged on it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WorkItem {
    pub kind: WorkKind,
    pub id: String,
    pub title: String,
    /// The scope the team tagged; None: not tagged.
    pub scope: Option<Scope>,
    /// The owner as the record names it; empty when none is named.
    pub owner: String,
    /// The owner is one of the names given for the role or its team.
    pub role_owns: bool,
    pub key_area_ids: Vec<KeyAreaId>,
}

impl WorkItem {
    pub fn standing(&self) -> Standing {
        match (self.scope, self.owner.is_empty(), self.role_owns) {
            (None, _, _) => Standing::NotTagged,
            (Some(_), true, _) => Standing::NoOwner,
            (Some(_), false, false) => Standing::OwnedByOthers,
            (Some(_), false, true) => Standing::Counted,
        }
    }
}

fn or_untitled(title: &str, untitled: &str) -> String {
    let title = title.trim();
    if title.is_empty() {
        untitled.to_string()
    } else {
        title.to_string()
    }
}

/// An owner's name as compared: spacing and case do not matter.
fn normal(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether `owner` is one of `role_owners`.
pub fn is_role_owner(role_owners: &[String], owner: &str) -> bool {
    let owner = normal(owner);
    !owner.is_empty() && role_owners.iter().any(|r| normal(r) == owner)
}

fn item(
    kind: WorkKind,
    (id, title): (&str, String),
    scope: Option<Scope>,
    owner: &str,
    role_owners: &[String],
    key_area_ids: &[KeyAreaId],
) -> WorkItem {
    WorkItem {
        kind,
        id: id.to_string(),
        title,
        // A scope from a newer version of Trellis is not one this build can place: the work
        // is listed as not tagged rather than given a width.
        scope: scope.and_then(Scope::known),
        owner: owner.trim().to_string(),
        role_owns: is_role_owner(role_owners, owner),
        key_area_ids: key_area_ids.to_vec(),
    }
}

/// The work this plan assigns: every objective, every goal not dropped, every touch point.
pub fn plan_work(plan: &Plan) -> Vec<WorkItem> {
    let roles = &plan.career.role_owners;
    let objectives = plan.goals.objectives.iter().map(|o| {
        let title = or_untitled(&o.title, "Untitled objective");
        let at = (o.id.as_str(), title);
        item(
            WorkKind::Objective,
            at,
            o.scope,
            &o.owner,
            roles,
            &o.key_area_ids,
        )
    });
    let goals = plan
        .goals
        .goals
        .iter()
        .filter(|g| g.status != GoalStatus::Dropped)
        .map(|g| {
            let owner = g.owner().map_or("", |p| p.name.as_str());
            let at = (g.id.as_str(), goal_title(g));
            item(WorkKind::Goal, at, g.scope, owner, roles, &g.key_area_ids)
        });
    let touch_points = plan.curve.touch_points.iter().map(|t| {
        let title = or_untitled(&t.name, "Untitled touch point");
        let at = (t.id.as_str(), title);
        item(
            WorkKind::TouchPoint,
            at,
            t.scope,
            &t.owner,
            roles,
            &t.key_area_ids,
        )
    });
    objectives.chain(goals).chain(touch_points).collect()
}

/// Every owner named in the plan's work, once each (spacing and case aside), in plan order:
/// the choices for who the role or its team is.
pub fn owner_names(plan: &Plan) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in plan_work(plan) {
        if !w.owner.is_empty() && !out.iter().any(|o| normal(o) == normal(&w.owner)) {
            out.push(w.owner);
        }
    }
    out
}

/// Says (`on`) or unsays that `owner` is the person in the role or their team, keeping the
/// list free of repeats.
pub fn set_role_owner(career: &mut Career, owner: &str, on: bool) {
    let wanted = normal(owner);
    let present = career.role_owners.iter().any(|o| normal(o) == wanted);
    if !on {
        career.role_owners.retain(|o| normal(o) != wanted);
    } else if !present && !wanted.is_empty() {
        career.role_owners.push(owner.trim().to_string());
    }
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

/// Counted work tagged at one scope wider than the level's.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScopeFinding {
    pub scope: Scope,
    pub items: Vec<WorkItem>,
    /// The lowest level of the track whose scope reaches this far; None when none does.
    pub work_of: Option<LevelRef>,
}

impl ScopeFinding {
    /// "1 goal owned by the role or its team is tagged at organisation scope, wider than
    /// Community Manager's (team): the scope of C4 Lead Community Manager."
    pub fn message(&self, level: &LevelRef, track_name: &str) -> String {
        let work = counts_text(&self.items);
        let verb = if self.items.len() == 1 { "is" } else { "are" };
        let whose = match &self.work_of {
            Some(l) => format!("the scope of {}", l.name()),
            None => format!("wider than any level of the {track_name} track"),
        };
        format!(
            "{work} owned by the role or its team {verb} tagged at {} scope, wider than {}'s \
             ({}): {whose}.",
            self.scope.label().to_lowercase(),
            level.title,
            level.scope.label().to_lowercase(),
        )
    }
}

/// "3 goals and 1 objective".
pub fn counts_text(items: &[WorkItem]) -> String {
    let parts: Vec<String> = [WorkKind::Goal, WorkKind::Objective, WorkKind::TouchPoint]
        .into_iter()
        .filter_map(|kind| {
            let n = items.iter().filter(|i| i.kind == kind).count();
            (n > 0).then(|| format!("{n} {}", kind.noun(n)))
        })
        .collect();
    match parts.as_slice() {
        [] => "no work".to_string(),
        _ => join_list(&parts),
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
    /// The names given for the person in the role or their team.
    pub role_owners: Vec<String>,
    /// Counted work wider than the level's scope, one finding per scope, narrowest first.
    pub findings: Vec<ScopeFinding>,
    /// How many pieces of counted work fit the level's scope.
    pub within: usize,
    /// How many pieces of work are counted: owned by the role or its team, and tagged.
    pub counted: usize,
    /// How many pieces of work there are in all.
    pub total: usize,
    /// Work with no scope tagged, in plan order.
    pub not_tagged: Vec<WorkItem>,
    /// Tagged work with no owner named.
    pub no_owner: Vec<WorkItem>,
    /// Tagged work owned by someone else.
    pub owned_by_others: Vec<WorkItem>,
    /// Key areas of the track with the role's work tagged with them, in the track's order.
    pub areas: Vec<AreaWork>,
}

/// "the 1 piece" / "the 9 pieces".
fn pieces(n: usize) -> String {
    if n == 1 {
        "the 1 piece".into()
    } else {
        format!("the {n} pieces")
    }
}

/// "1 is" / "3 are".
fn are(n: usize) -> String {
    if n == 1 {
        "1 is".into()
    } else {
        format!("{n} are")
    }
}

impl ScopeCheck {
    /// "3 of the 9 pieces of work in this plan are owned by the role or its team (…) and tagged
    /// with a scope: 2 fit Community Manager's scope (team); 1 is wider."
    /// The summary's tone (issue 31): work wider than the level is a warning; counted work
    /// that fits is good; nothing counted (no owners named, nothing tagged) is neutral.
    pub fn tone(&self) -> crate::core::signal::Tone {
        use crate::core::signal::Tone;
        if !self.findings.is_empty() {
            Tone::Warn
        } else if self.counted == 0 {
            Tone::Neutral
        } else {
            Tone::Good
        }
    }

    pub fn summary(&self) -> String {
        if self.role_owners.is_empty() {
            return format!(
                "No work is counted yet: say which owners named in this plan are the person in \
                 the role or their team. Of {} of work in this plan, {} tagged with a scope.",
                pieces(self.total),
                are(self.total - self.not_tagged.len())
            );
        }
        let who = join_list(&self.role_owners);
        let mut text = if self.counted == 0 {
            format!(
                "None of {} of work in this plan is both owned by the role or its team \
                 ({who}) and tagged with a scope, so none is counted.",
                pieces(self.total)
            )
        } else {
            let wider = self.counted - self.within;
            format!(
                "{} of {} of work in this plan {} owned by the role or its team ({who}) and \
                 tagged with a scope: {} {} {}'s scope ({}){}",
                self.counted,
                pieces(self.total),
                if self.counted == 1 { "is" } else { "are" },
                self.within,
                if self.within == 1 { "fits" } else { "fit" },
                self.level.title,
                self.level.scope.label().to_lowercase(),
                match wider {
                    0 => ".".to_string(),
                    n => format!("; {} wider.", are(n)),
                }
            )
        };
        let mut left_out = Vec::new();
        if !self.owned_by_others.is_empty() {
            left_out.push(format!("{} owned by others", self.owned_by_others.len()));
        }
        if !self.no_owner.is_empty() {
            left_out.push(format!("{} with no owner named", self.no_owner.len()));
        }
        if !self.not_tagged.is_empty() {
            left_out.push(format!("{} not tagged with a scope", self.not_tagged.len()));
        }
        if !left_out.is_empty() {
            text += &format!(" Not counted: {}.", join_list(&left_out));
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

/// Said under the "not tagged" list: how to tag, and why untagged work is not guessed.
pub const NOT_TAGGED_NOTE: &str = "Not counted until tagged: set the scope it demands where \
you edit it. The check does not guess a scope for work nobody has tagged.";

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
        .filter(|l| l.scope.known().is_some_and(|s| s >= scope))
        .min_by_key(|l| (l.rank, l.scope))
}

/// The plan's work against `level_id`; None when there is no such level.
pub fn scope_check(plan: &Plan, level_id: &str) -> Option<ScopeCheck> {
    let (track, level) = plan.career.level(level_id)?;
    let work = plan_work(plan);
    let of = |standing: Standing| -> Vec<WorkItem> {
        work.iter()
            .filter(|i| i.standing() == standing)
            .cloned()
            .collect()
    };
    let counted = of(Standing::Counted);
    let mut findings: Vec<ScopeFinding> = Vec::new();
    // A level whose scope is a value from a newer version of Trellis has no width to compare
    // with: no finding, and nothing counted as within it.
    let level_scope = level.scope.known();
    for scope in Scope::ALL
        .into_iter()
        .filter(|s| level_scope.is_some_and(|l| *s > l))
    {
        let items: Vec<WorkItem> = counted
            .iter()
            .filter(|i| i.scope == Some(scope))
            .cloned()
            .collect();
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
                .filter(|i| i.role_owns && i.key_area_ids.contains(&area.id))
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
        role_owners: plan
            .career
            .role_owners
            .iter()
            .map(|o| o.trim().to_string())
            .filter(|o| !o.is_empty())
            .collect(),
        within: counted
            .iter()
            .filter(|i| {
                let within = |(s, l): (Scope, Scope)| s <= l;
                i.scope
                    .and_then(Scope::known)
                    .zip(level_scope)
                    .is_some_and(within)
            })
            .count(),
        counted: counted.len(),
        total: work.len(),
        not_tagged: of(Standing::NotTagged),
        no_owner: of(Standing::NoOwner),
        owned_by_others: of(Standing::OwnedByOthers),
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

/// "Title (goal, owner: The community team)".
fn item_line(i: &WorkItem) -> String {
    use crate::core::markdown::md_escape as t;
    let owner = if i.owner.is_empty() {
        "no owner named".to_string()
    } else {
        format!("owner: {}", t(&i.owner))
    };
    format!("{} ({}, {owner})", t(&i.title), i.kind.noun(1))
}

/// The check as Markdown, for the evidence brief.
pub fn scope_check_markdown(check: &ScopeCheck) -> String {
    use crate::core::markdown::md_escape as t;
    let mut out = String::from("## The work in this plan against the title\n\n");
    out += &format!("{}\n\n", t(&check.summary()));
    for f in &check.findings {
        out += &format!("- {}\n", t(&f.message(&check.level, &check.track_name)));
        for i in &f.items {
            out += &format!("  - {}\n", item_line(i));
        }
    }
    if check.findings.is_empty() && check.counted > 0 {
        out += "- No counted work is tagged wider than the level's scope.\n";
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
    let lists = [
        ("Owned by others, not counted", &check.owned_by_others),
        (
            "Tagged but with no owner named, not counted",
            &check.no_owner,
        ),
        ("Not tagged with a scope, not counted", &check.not_tagged),
    ];
    for (heading, items) in lists {
        if items.is_empty() {
            continue;
        }
        out += &format!("{heading}:\n\n");
        for i in items.iter() {
            out += &format!("- {}\n", item_line(i));
        }
        out += "\n";
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
